"""Authenticating a gateway request: the three headers, the key, the signature, the nonce,
the IP allow-list and the permission, in a fixed, documented order.

1. the three headers are present (401 ``missing_header``) and the nonce is a decimal integer
   without sign or leading zeros (401 ``invalid_nonce``); header names come from the spec's
   ``securitySchemes``;
2. the key exists (401 ``unknown_key``);
3. the signature matches one of the configured schemes and encoders (401 ``invalid_signature``,
   never the expected value), with the shared signing rules of ``bitexbit_signing``;
4. with a ceiling configured (``signing.max_nonce_ahead_ms``), a nonce that looks like
   milliseconds since the epoch is not further ahead of the server clock than that
   (401 ``nonce_too_far_ahead``);
5. the client IP is allowed for the key (403 ``ip_not_allowed``): the TCP peer
   (``scope["client"]``), never a forwarding header unless a proxy is trusted (``serving``);
6. the key has the permission the operation's ``x-operation`` names (403 ``permission_denied``;
   an operation that names none is denied to every key: fail closed).

The nonce is only *consumed* later (``consume_nonce``), after rate limiting and input
validation, right before the operation runs: a request rejected for any reason leaves the key's
last nonce unchanged, and the signature is always checked before a nonce is spent. A refused
nonce (401 ``nonce_too_small``) says which nonce was accepted last, and how to recover if that
was a far-future one (``PUT /_emulator/keys/{api_key}/nonce``).
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from bitexbit_signing import (
    ParamEncoder,
    SignatureScheme,
    SignatureVariant,
    signed_messages,
    verify_request,
)

from bitexbit_emulator.http.request_input import RawRequest
from bitexbit_emulator.http.responses import ApiError, ApiResult, problem

__all__ = [
    "MAX_NONCE",
    "AuthHeaderNames",
    "AuthHeaders",
    "AuthenticatedKey",
    "Authenticator",
    "KeyRecord",
    "KeyStore",
    "SignatureVerifier",
    "ip_allowed",
    "read_auth_headers",
]


class KeyRecord(Protocol):
    @property
    def api_key(self) -> str: ...
    @property
    def secret(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def permissions(self) -> frozenset[str]: ...
    @property
    def allowed_ips(self) -> tuple[str, ...] | None: ...


class KeyStore(Protocol):
    """The sandbox methods authentication uses."""

    def find_key(self, api_key: str) -> KeyRecord | None: ...
    def accept_nonce(self, api_key: str, nonce: int) -> bool: ...
    def last_nonce(self, api_key: str) -> int | None: ...


MAX_NONCE: Final = 2**63 - 1  # stored in a BIGINT column


_NONCE_TEXT: Final = re.compile(r"0|[1-9]\d{0,18}")


@dataclass(frozen=True)
class AuthHeaderNames:
    api_key: str
    signature: str
    nonce: str

    @classmethod
    def from_spec(cls, document: Mapping[str, Any]) -> AuthHeaderNames:
        """``components.securitySchemes`` ApiKey/Signature/Nonce -> their header names."""
        schemes = document["components"]["securitySchemes"]
        return cls(
            api_key=_header_name(schemes, "ApiKey"),
            signature=_header_name(schemes, "Signature"),
            nonce=_header_name(schemes, "Nonce"),
        )


def _header_name(schemes: Mapping[str, Any], scheme_name: str) -> str:
    scheme = schemes[scheme_name]
    if scheme.get("type") != "apiKey" or scheme.get("in") != "header":
        raise ValueError(f"security scheme {scheme_name} must be an apiKey header")
    return str(scheme["name"])


@dataclass(frozen=True)
class AuthHeaders:
    api_key: str
    signature: str = field(repr=False)
    nonce: int


def read_auth_headers(headers: Mapping[str, str], names: AuthHeaderNames) -> AuthHeaders:
    """Raise 401 ``missing_header`` naming the first absent header, or ``invalid_nonce``."""
    values: dict[str, str] = {}
    for name in (names.api_key, names.signature, names.nonce):
        value = headers.get(name, "").strip()
        if not value:
            raise problem(401, f"Authentication header {name} is missing.", "missing_header")
        values[name] = value
    nonce_text = values[names.nonce]
    if not _NONCE_TEXT.fullmatch(nonce_text) or int(nonce_text) > MAX_NONCE:
        raise problem(
            401,
            f"{names.nonce} must be a decimal integer without sign or leading zeros (at most "
            "19 digits), e.g. milliseconds since the epoch.",
            "invalid_nonce",
        )
    return AuthHeaders(
        api_key=values[names.api_key], signature=values[names.signature], nonce=int(nonce_text)
    )


def ip_allowed(client_ip: str | None, allowed: Iterable[str] | None) -> bool:
    """True if there is no allow-list, or ``client_ip`` is in one of its entries."""
    if allowed is None:
        return True
    if client_ip is None:
        return False
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


_INVALID_SIGNATURE_DETAIL = (
    "Invalid signature. Sign with HMAC-SHA256 keyed with your API secret, either "
    "api_key + urlencoded sorted parameters (scheme 'params') or path + nonce + body "
    "(scheme 'path-nonce-body'), and send it as lower-case hex."
)


class SignatureVerifier:
    """Accepts a request if any configured (scheme x encoder) gives the sent signature."""

    def __init__(self, schemes: Iterable[str], encoders: Iterable[str]) -> None:
        self.schemes = tuple(SignatureScheme(name) for name in schemes)
        self.encoders = tuple(ParamEncoder(name) for name in encoders)

    def verify(self, key: KeyRecord, headers: AuthHeaders, raw: RawRequest) -> SignatureVariant:
        """The matching variant; 401 ``invalid_signature`` (never the expected value) if none."""
        variant = verify_request(
            secret=key.secret,
            api_key=headers.api_key,
            method=raw.method,
            path=raw.path,
            query=raw.query,
            content_type=raw.content_type,
            body=raw.body,
            nonce=headers.nonce,
            signature=headers.signature,
            schemes=self.schemes,
            encoders=self.encoders,
        )
        if variant is None:
            body = {
                "detail": _INVALID_SIGNATURE_DETAIL,
                "code": "invalid_signature",
                DIAGNOSTICS_FIELD: self.diagnostics(headers, raw),
            }
            raise ApiError(ApiResult(401, body))
        return variant

    def diagnostics(self, headers: AuthHeaders, raw: RawRequest) -> dict[str, object]:
        """Signature forensics, in the emulator's 401 only: for each scheme and encoder it
        tried, the canonical string it signed. Never the secret or an expected signature: the
        strings are made of the request alone, so a key holder learns nothing they did not
        send. (The gateway's own 401 says only `invalid_signature`.)"""
        messages = signed_messages(
            api_key=headers.api_key,
            method=raw.method,
            path=raw.path,
            query=raw.query,
            content_type=raw.content_type,
            body=raw.body,
            nonce=headers.nonce,
            schemes=self.schemes,
            encoders=self.encoders,
        )
        tried = [
            {
                "scheme": scheme.value,
                "encoder": None if encoder is None else encoder.value,
                "canonical": _shown(message),
            }
            for (scheme, encoder), message in messages.items()
        ]
        unread = [
            scheme.value
            for scheme in self.schemes
            if not any(variant[0] is scheme for variant in messages)
        ]
        found: dict[str, object] = {"note": DIAGNOSTICS_NOTE, "tried": tried}
        if unread:
            found["not_tried"] = dict.fromkeys(unread, _UNREADABLE_BODY)
        return found


DIAGNOSTICS_FIELD = "emulator_diagnostics"
DIAGNOSTICS_NOTE = (
    "Emulator only (the gateway's 401 does not explain a refusal): the canonical string of each "
    "scheme and encoder the emulator tried, signed with the key's secret. Compare it with the "
    "string your client signed (`bitexbit sign METHOD PATH ...` prints the SDK's)."
)
_UNREADABLE_BODY = "the body cannot be read as parameters (not JSON or a form of the content type)"
_CANONICAL_SHOWN = 4096
"""Characters of a canonical string shown; a longer one ends with `...`."""


def _shown(message: bytes) -> str:
    text = message.decode("utf-8", "backslashreplace")
    return text if len(text) <= _CANONICAL_SHOWN else text[:_CANONICAL_SHOWN] + "..."


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
