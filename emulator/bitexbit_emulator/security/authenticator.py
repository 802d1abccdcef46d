"""The authentication pipeline of a gateway request, in a fixed, documented order.

1. the three headers are present (401 ``missing_header``) and the nonce is a decimal integer
   (401 ``invalid_nonce``);
2. the key exists (401 ``unknown_key``);
3. the signature matches (401 ``invalid_signature``);
4. with a ceiling configured (``signing.max_nonce_ahead_ms``), a nonce that looks like
   milliseconds since the epoch is not further ahead of the server clock than that
   (401 ``nonce_too_far_ahead``);
5. the client IP is allowed for the key (403 ``ip_not_allowed``);
6. the key has the permission the operation's ``x-operation`` names (403 ``permission_denied``;
   an operation that names none is denied to every key: fail closed).

A refused nonce (401 ``nonce_too_small``) says which nonce was accepted last, and how to
recover if that was a far-future one (``PUT /_emulator/keys/{api_key}/nonce``).

The nonce is only *consumed* later (``consume_nonce``), after rate limiting and input
validation, right before the operation runs: a request rejected for any reason leaves the key's
last nonce unchanged, and the signature is always checked before a nonce is spent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from bitexbit_signing import SignatureVariant

from bitexbit_emulator.http.errors import problem
from bitexbit_emulator.http.request_input import RawRequest
from bitexbit_emulator.security.headers import AuthHeaderNames, AuthHeaders, read_auth_headers
from bitexbit_emulator.security.ip_allowlist import ip_allowed
from bitexbit_emulator.security.records import KeyRecord, KeyStore
from bitexbit_emulator.security.signature import SignatureVerifier

__all__ = ["AuthenticatedKey", "Authenticator"]

NONCE_TOO_SMALL_DETAIL = "Nonce must be greater than the last nonce used with this key."
PERMISSION_DESCRIPTIONS: Final = {
    "read": "read",
    "wallets": "create wallets",
    "withdraw": "withdraw",
}
"""What each permission of the spec's `x-operation` lets a key do, for the 403 message."""
_MILLISECOND_NONCE = 10**12
"""Nonces from here on look like milliseconds since the epoch (2001 onwards)."""


def _wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class AuthenticatedKey:
    record: KeyRecord
    nonce: int
    variant: SignatureVariant


class Authenticator:
    def __init__(
        self,
        keys: KeyStore,
        header_names: AuthHeaderNames,
        verifier: SignatureVerifier,
        *,
        max_nonce_ahead_ms: int = 0,
        wall_clock_ms: Callable[[], int] = _wall_clock_ms,
    ) -> None:
        self._keys = keys
        self._header_names = header_names
        self._verifier = verifier
        self._max_nonce_ahead_ms = max_nonce_ahead_ms
        self._wall_clock_ms = wall_clock_ms

    def authenticate(
        self, raw: RawRequest, headers: Mapping[str, str], permission: str | None
    ) -> AuthenticatedKey:
        """The key, if it may call an operation needing `permission` (None: no key may)."""
        auth_headers: AuthHeaders = read_auth_headers(headers, self._header_names)
        record = self._keys.find_key(auth_headers.api_key)
        if record is None:
            raise problem(401, "Unknown API key.", "unknown_key")
        variant = self._verifier.verify(record, auth_headers, raw)
        self._check_nonce_ceiling(auth_headers.nonce)
        if not ip_allowed(raw.client_ip, record.allowed_ips):
            raise problem(
                403, "This API key may not be used from this IP address.", "ip_not_allowed"
            )
        if permission is None or permission not in record.permissions:
            action = PERMISSION_DESCRIPTIONS.get(permission or "", "call this operation")
            raise problem(403, f"This API key is not allowed to {action}.", "permission_denied")
        return AuthenticatedKey(record=record, nonce=auth_headers.nonce, variant=variant)

    def _check_nonce_ceiling(self, nonce: int) -> None:
        if self._max_nonce_ahead_ms <= 0 or nonce < _MILLISECOND_NONCE:
            return
        ceiling = self._wall_clock_ms() + self._max_nonce_ahead_ms
        if nonce > ceiling:
            raise problem(
                401,
                f"Nonce {nonce} is more than {self._max_nonce_ahead_ms} ms ahead of the "
                "emulator's clock (milliseconds since the epoch); check your clock.",
                "nonce_too_far_ahead",
            )

    def consume_nonce(self, key: AuthenticatedKey) -> None:
        """Atomically store the nonce if it is greater than the last one (401 otherwise)."""
        if not self._keys.accept_nonce(key.record.api_key, key.nonce):
            raise problem(
                401,
                _nonce_too_small(self._keys.last_nonce(key.record.api_key), key.nonce),
                "nonce_too_small",
            )


def _nonce_too_small(last: int | None, sent: int) -> str:
    """Say what was accepted last, and how to recover from a far-future nonce."""
    if last is None:
        return NONCE_TOO_SMALL_DETAIL
    detail = f"{NONCE_TOO_SMALL_DETAIL} The last accepted nonce is {last}; this one was {sent}."
    if last >= _wall_clock_ms() + 86_400_000:
        detail += (
            " That is more than a day ahead of the emulator's clock: a request with a "
            "far-future nonce was accepted earlier (a replayed `params`-signed request can do "
            "this). Reset the key with `bitexbit emulator reset-nonce <api key>` (or PUT "
            "/_emulator/keys/{api_key}/nonce)."
        )
    return detail
