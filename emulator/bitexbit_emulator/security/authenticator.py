"""The authentication pipeline of a gateway request, in a fixed, documented order.

1. the three headers are present (401 ``missing_header``) and the nonce is a decimal integer
   (401 ``invalid_nonce``);
2. the key exists (401 ``unknown_key``);
3. the signature matches (401 ``invalid_signature``);
4. the client IP is allowed for the key (403 ``ip_not_allowed``);
5. the key has the operation's permission (403 ``permission_denied``).

The nonce is only *consumed* later (``consume_nonce``), after rate limiting and input
validation, right before the operation runs: a request rejected for any reason leaves the key's
last nonce unchanged, and the signature is always checked before a nonce is spent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bitexbit_signing import SignatureVariant

from bitexbit_emulator.http.errors import problem
from bitexbit_emulator.http.request_input import RawRequest
from bitexbit_emulator.security.headers import AuthHeaderNames, AuthHeaders, read_auth_headers
from bitexbit_emulator.security.ip_allowlist import ip_allowed
from bitexbit_emulator.security.permissions import PERMISSION_DESCRIPTIONS, required_permission
from bitexbit_emulator.security.records import KeyRecord, KeyStore
from bitexbit_emulator.security.signature import SignatureVerifier

__all__ = ["AuthenticatedKey", "Authenticator"]

NONCE_TOO_SMALL_DETAIL = "Nonce must be greater than the last nonce used with this key."


@dataclass(frozen=True)
class AuthenticatedKey:
    record: KeyRecord
    nonce: int
    variant: SignatureVariant


class Authenticator:
    def __init__(
        self, keys: KeyStore, header_names: AuthHeaderNames, verifier: SignatureVerifier
    ) -> None:
        self._keys = keys
        self._header_names = header_names
        self._verifier = verifier

    def authenticate(
        self, raw: RawRequest, headers: Mapping[str, str], operation_id: str
    ) -> AuthenticatedKey:
        auth_headers: AuthHeaders = read_auth_headers(headers, self._header_names)
        record = self._keys.find_key(auth_headers.api_key)
        if record is None:
            raise problem(401, "Unknown API key.", "unknown_key")
        variant = self._verifier.verify(record, auth_headers, raw)
        if not ip_allowed(raw.client_ip, record.allowed_ips):
            raise problem(
                403, "This API key may not be used from this IP address.", "ip_not_allowed"
            )
        permission = required_permission(operation_id, raw.method)
        if permission is None or permission not in record.permissions:
            action = PERMISSION_DESCRIPTIONS.get(permission or "", "call this operation")
            raise problem(403, f"This API key is not allowed to {action}.", "permission_denied")
        return AuthenticatedKey(record=record, nonce=auth_headers.nonce, variant=variant)

    def consume_nonce(self, key: AuthenticatedKey) -> None:
        """Atomically store the nonce if it is greater than the last one (401 otherwise)."""
        if not self._keys.accept_nonce(key.record.api_key, key.nonce):
            raise problem(401, NONCE_TOO_SMALL_DETAIL, "nonce_too_small")
