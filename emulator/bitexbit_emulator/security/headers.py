"""Reading the three authentication headers; their names come from the spec's securitySchemes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from bitexbit_emulator.http.errors import problem

__all__ = ["MAX_NONCE", "AuthHeaderNames", "AuthHeaders", "read_auth_headers"]

MAX_NONCE: Final = 2**63 - 1  # stored in a BIGINT column
# Canonical decimal text: no sign, no leading zeros, so one number has one text. The
# `path-nonce-body` scheme signs that text, and the server signs the number it read.
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
