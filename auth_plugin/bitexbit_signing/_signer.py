"""Signing and verifying whole requests with either scheme and either encoder."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator

from bitexbit_signing._encoding import params_message
from bitexbit_signing._errors import SigningInputError
from bitexbit_signing._request_params import request_params
from bitexbit_signing._schemes import ParamEncoder, SignatureScheme
from bitexbit_signing._secret import Secret

__all__ = [
    "ALL_ENCODERS",
    "ALL_SCHEMES",
    "SignatureVariant",
    "candidate_signatures",
    "hmac_hex",
    "path_nonce_body_message",
    "sign_request",
    "verify_request",
]

SignatureVariant = tuple[SignatureScheme, ParamEncoder | None]
"""A scheme and, for PARAMS, the encoder; PATH_NONCE_BODY has no encoder (None)."""

ALL_SCHEMES: tuple[SignatureScheme, ...] = tuple(SignatureScheme)
ALL_ENCODERS: tuple[ParamEncoder, ...] = tuple(ParamEncoder)


def hmac_hex(secret: str | Secret, message: str | bytes) -> str:
    """Lower-case hex HMAC-SHA256 of `message` (UTF-8 if text) keyed with the secret's UTF-8."""
    data = message.encode("utf-8") if isinstance(message, str) else message
    # No local holds the key bytes, so a traceback printing locals cannot show them.
    return hmac.new(_key(secret), data, hashlib.sha256).hexdigest()


def path_nonce_body_message(path: str, nonce: int | str, body: bytes) -> bytes:
    """The bytes the PATH_NONCE_BODY scheme signs: `path + str(nonce) + body`.

    `path` is the URL path as sent, without the query (e.g. "/api/gateway/wallets").
    """
    return path.encode("utf-8") + str(nonce).encode("utf-8") + body


def sign_request(
    *,
    secret: str | Secret,
    api_key: str,
    scheme: SignatureScheme,
    encoder: ParamEncoder,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int | str,
) -> str:
    """Return the hex signature of a request as sent. `encoder` only matters for PARAMS."""
    scheme = SignatureScheme(scheme)
    if scheme is SignatureScheme.PATH_NONCE_BODY:
        return hmac_hex(secret, path_nonce_body_message(path, nonce, body))
    params = request_params(method, query, content_type, body)
    return hmac_hex(secret, params_message(api_key, params, ParamEncoder(encoder)))


API_KEY_HEADER = "X-API-Key"
SIGNATURE_HEADER = "X-Signature"
NONCE_HEADER = "X-Nonce"
"""The three headers' names, as the spec's `securitySchemes` declare them (a test checks)."""


def auth_headers(
    *,
    secret: str | Secret,
    api_key: str,
    scheme: SignatureScheme,
    encoder: ParamEncoder,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int,
) -> dict[str, str]:
    """The three authentication headers of a request as sent: the one "sign and build the
    headers" step every client of this project uses (SDK, contract tests, test harness)."""
    signature = sign_request(
        secret=secret,
        api_key=api_key,
        scheme=scheme,
        encoder=encoder,
        method=method,
        path=path,
        query=query,
        content_type=content_type,
        body=body,
        nonce=nonce,
    )
    return {API_KEY_HEADER: api_key, SIGNATURE_HEADER: signature, NONCE_HEADER: str(nonce)}


def signed_messages(
    *,
    api_key: str,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int | str,
    schemes: Iterable[SignatureScheme] = ALL_SCHEMES,
    encoders: Iterable[ParamEncoder] = ALL_ENCODERS,
) -> dict[SignatureVariant, bytes]:
    """What each selected scheme/encoder signs for this request (its canonical string), in a
    stable order. No secret is involved: this is what `bitexbit sign` prints and what the
    emulator shows when it refuses a signature.

    If the PARAMS scheme cannot read the body (`SigningInputError`), its variants are left
    out rather than raising, so PATH_NONCE_BODY can still be checked.
    """
    return dict(
        _messages(api_key, method, path, query, content_type, body, nonce, schemes, encoders)
    )


def _messages(
    api_key: str,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int | str,
    schemes: Iterable[SignatureScheme],
    encoders: Iterable[ParamEncoder],
) -> Iterator[tuple[SignatureVariant, bytes]]:
    """``signed_messages`` one at a time, each built only when asked for (a verifier that
    matches the first need not build the others)."""
    selected_schemes = [SignatureScheme(scheme) for scheme in schemes]
    selected_encoders = [ParamEncoder(encoder) for encoder in encoders]
    for scheme in ALL_SCHEMES:
        if scheme not in selected_schemes:
            continue
        if scheme is SignatureScheme.PATH_NONCE_BODY:
            yield (scheme, None), path_nonce_body_message(path, nonce, body)
            continue
        try:
            params = request_params(method, query, content_type, body)
        except SigningInputError:
            continue
        for encoder in ALL_ENCODERS:
            if encoder not in selected_encoders:
                continue
            try:
                text = params_message(api_key, params, encoder)
            except SigningInputError:
                break  # as before: the scheme's later encoders are left out too
            yield (scheme, encoder), text.encode("utf-8")


def candidate_signatures(
    *,
    secret: str | Secret,
    api_key: str,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int | str,
    schemes: Iterable[SignatureScheme] = ALL_SCHEMES,
    encoders: Iterable[ParamEncoder] = ALL_ENCODERS,
) -> dict[SignatureVariant, str]:
    """Every signature the selected schemes/encoders give for this request, in a stable order
    (the HMAC of each of `signed_messages`)."""
    messages = signed_messages(
        api_key=api_key,
        method=method,
        path=path,
        query=query,
        content_type=content_type,
        body=body,
        nonce=nonce,
        schemes=schemes,
        encoders=encoders,
    )
    return {variant: hmac_hex(secret, message) for variant, message in messages.items()}


def verify_request(
    *,
    secret: str | Secret,
    api_key: str,
    method: str,
    path: str,
    query: str,
    content_type: str | None,
    body: bytes,
    nonce: int | str,
    signature: str,
    schemes: Iterable[SignatureScheme] = ALL_SCHEMES,
    encoders: Iterable[ParamEncoder] = ALL_ENCODERS,
) -> SignatureVariant | None:
    """Return the first variant whose signature equals `signature`, or None.

    The variants are tried in the stable order of `signed_messages`, each compared with
    `hmac.compare_digest` and the given signature read case-insensitively as hex. The search
    stops at the first match: which variant matched is no secret (the sender chose it), and a
    refused signature has been compared with every variant.
    """
    given = signature.lower().encode("utf-8", "surrogatepass")
    for variant, message in _messages(
        api_key, method, path, query, content_type, body, nonce, schemes, encoders
    ):
        if hmac.compare_digest(hmac_hex(secret, message).encode("ascii"), given):
            return variant
    return None


def _key(secret: str | Secret) -> bytes:
    if isinstance(secret, Secret):
        return secret.key_bytes()
    return secret.encode("utf-8")
