"""Signature verification with the shared signing rules (``bitexbit_signing``)."""

from __future__ import annotations

from collections.abc import Iterable

from bitexbit_signing import ParamEncoder, SignatureScheme, SignatureVariant, verify_request

from bitexbit_emulator.http.errors import problem
from bitexbit_emulator.http.request_input import RawRequest
from bitexbit_emulator.security.headers import AuthHeaders
from bitexbit_emulator.security.records import KeyRecord

__all__ = ["SignatureVerifier"]

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
            raise problem(401, _INVALID_SIGNATURE_DETAIL, "invalid_signature")
        return variant
