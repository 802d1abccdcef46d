"""Network address formats: deterministic generation for wallets, shape checks for withdrawals.

Generated addresses are well-formed for their network (bech32 and base58check checksums, TON's
CRC16), derived from the sandbox seed and a counter so a run is reproducible. Withdrawal
addresses are checked by shape only (character set and length), not by checksum, so
hand-written test addresses of the right shape are accepted.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["generate_address", "is_valid_address"]

_BASE58_BITCOIN = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_RIPPLE = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BASE58_CLASS = "[1-9A-HJ-NP-Za-km-z]"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "bech32": re.compile(rf"^(bc1[{_BECH32_CHARSET}]{{39,59}}|[13]{_BASE58_CLASS}{{25,34}})$"),
    "evm": re.compile(r"^0x[0-9a-fA-F]{40}$"),
    "tron": re.compile(rf"^T{_BASE58_CLASS}{{33}}$"),
    "xrp": re.compile(rf"^r{_BASE58_CLASS}{{24,34}}$"),
    "ton": re.compile(r"^([EU]Q[A-Za-z0-9_-]{46}|-?[01]:[0-9a-fA-F]{64})$"),
    "generic": re.compile(r"^[A-Za-z0-9:_-]{10,128}$"),
}


def is_valid_address(address_format: str, address: str) -> bool:
    pattern = _PATTERNS.get(address_format)
    return bool(pattern and pattern.fullmatch(address))


def generate_address(address_format: str, seed: bytes) -> str:
    """A well-formed address of ``address_format`` derived from 32 seed bytes."""
    digest = hashlib.sha256(seed).digest()
    if address_format == "bech32":
        return _bech32_p2wpkh(digest[:20])
    if address_format == "evm":
        return "0x" + digest[:20].hex()
    if address_format == "tron":
        return _base58check(b"\x41" + digest[:20], _BASE58_BITCOIN)
    if address_format == "xrp":
        return _base58check(b"\x00" + digest[:20], _BASE58_RIPPLE)
    if address_format == "ton":
        body = b"\x51\x00" + digest  # non-bounceable, workchain 0 -> "UQ..."
        return base64.urlsafe_b64encode(body + _crc16_xmodem(body).to_bytes(2, "big")).decode()
    return "addr" + digest[:20].hex()


def _base58check(payload: bytes, alphabet: str) -> str:
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    data = payload + checksum
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = alphabet[remainder] + encoded
    leading_zeros = len(data) - len(data.lstrip(b"\x00"))
    return alphabet[0] * leading_zeros + encoded


def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for index in range(5):
            checksum ^= generator[index] if (top >> index) & 1 else 0
    return checksum


def _bech32_p2wpkh(program: bytes, hrp: str = "bc") -> str:
    """BIP-173 segwit v0 address of a 20-byte program: "bc1q" + 38 characters."""
    accumulator, bits, data = 0, 0, [0]  # witness version 0
    for byte in program:
        accumulator = (accumulator << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((accumulator >> bits) & 31)
    if bits:
        data.append((accumulator << (5 - bits)) & 31)
    expanded = [ord(char) >> 5 for char in hrp] + [0] + [ord(char) & 31 for char in hrp]
    polymod = _bech32_polymod([*expanded, *data, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - index)) & 31 for index in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[value] for value in data + checksum)


def _crc16_xmodem(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc
