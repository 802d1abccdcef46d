from __future__ import annotations

import re

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.addresses import generate_address, is_valid_address
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.service import Sandbox

from .helpers import BTC_ADDRESS, ETH_ADDRESS, TON_ADDRESS, TRON_ADDRESS, XRP_ADDRESS, create_wallet

SHAPES = {
    "bech32": re.compile(r"^bc1q[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}$"),
    "evm": re.compile(r"^0x[0-9a-f]{40}$"),
    "tron": re.compile(r"^T[1-9A-HJ-NP-Za-km-z]{33}$"),
    "xrp": re.compile(r"^r[1-9A-HJ-NP-Za-km-z]{24,34}$"),
    "ton": re.compile(r"^UQ[A-Za-z0-9_-]{46}$"),
}


@pytest.mark.parametrize("address_format", sorted(SHAPES))
def test_generated_addresses_have_the_network_shape(address_format: str) -> None:
    for counter in range(50):
        address = generate_address(address_format, f"seed-{counter}".encode())
        assert SHAPES[address_format].fullmatch(address), address
        assert is_valid_address(address_format, address)


def test_bech32_matches_the_bip173_vector() -> None:
    from bitexbit_emulator.domain.addresses import _bech32_p2wpkh

    program = bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")
    assert _bech32_p2wpkh(program) == BTC_ADDRESS


@pytest.mark.parametrize(
    ("address_format", "address"),
    [
        ("bech32", BTC_ADDRESS),
        ("bech32", "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"),
        ("evm", ETH_ADDRESS),
        ("evm", ETH_ADDRESS.upper().replace("0X", "0x")),
        ("tron", TRON_ADDRESS),
        ("xrp", XRP_ADDRESS),
        ("ton", TON_ADDRESS),
        ("ton", "0:" + "ab" * 32),
    ],
)
def test_known_good_addresses_are_valid(address_format: str, address: str) -> None:
    assert is_valid_address(address_format, address)


@pytest.mark.parametrize(
    ("address_format", "address"),
    [
        ("bech32", "bc1qINVALIDUPPER0000000000000000000000000"),
        ("bech32", TRON_ADDRESS),
        ("evm", "0x123"),
        ("evm", "35f03647b25bd3e3221608dc05f079c0ce3ba3b1"),
        ("tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5p0"),  # 0 is not base58
        ("tron", ETH_ADDRESS),
        ("xrp", "xHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"),
        ("ton", "UQ" + "a" * 10),
        ("unknown-format", TRON_ADDRESS),
    ],
)
def test_malformed_addresses_are_invalid(address_format: str, address: str) -> None:
    assert not is_valid_address(address_format, address)


def test_wallet_addresses_and_slugs_are_deterministic(
    config: EmulatorConfig, clock: FakeClock
) -> None:
    runs = []
    for _ in range(2):
        sandbox = Sandbox(config, database_url="sqlite://", clock=clock)
        runs.append([create_wallet(sandbox)["address"], create_wallet(sandbox)["slug"]])
        sandbox.close()
    assert runs[0] == runs[1]
    first, second = runs[0]
    assert isinstance(second, str)
    assert re.fullmatch(r"[0-9a-f]{36}", second)
    assert first != second
