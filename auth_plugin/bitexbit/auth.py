"""`GatewayAuth`: the httpx auth that signs every request to the bitexbit API Gateway.

It signs the request as it is actually sent: the path and query from `request.url.raw_path`,
the body bytes from `request.content` (`requires_request_body = True` makes httpx read a
streamed body first) and the Content-Type header. Works with `httpx.Client` and
`httpx.AsyncClient`; every send (including redirects and retries) gets a fresh nonce.
"""

from __future__ import annotations

import logging
from collections.abc import Generator

import httpx
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme, auth_headers

from bitexbit.nonce import MonotonicNonce, NonceSource

__all__ = ["GatewayAuth", "mask_api_key"]

logger = logging.getLogger("bitexbit.auth")


def mask_api_key(api_key: str) -> str:
    """Show enough of a key to recognise it in logs: "abcd…wxyz" (short keys fully masked)."""
    if len(api_key) <= 8:
        return "…"
    return f"{api_key[:4]}…{api_key[-4:]}"


class GatewayAuth(httpx.Auth):
    """Adds `X-API-Key`, `X-Nonce` and `X-Signature` to each request.

    The secret is kept in a `Secret`, so it never shows in `repr`, `str`, logs or tracebacks.
    One instance per API key: share it between clients so they share the nonce source.
    """

    requires_request_body = True

    def __init__(
        self,
        api_key: str,
        secret: str | Secret,
        *,
        scheme: SignatureScheme = SignatureScheme.PARAMS,
        encoder: ParamEncoder = ParamEncoder.PYTHON,
        nonces: NonceSource | None = None,
    ) -> None:
        self._secret = Secret(secret)
        # Drop the clear-text argument so a traceback that prints locals cannot show it.
        del secret
        _check_header_value(api_key)
        self._api_key = api_key
        self._scheme = SignatureScheme(scheme)
        self._encoder = ParamEncoder(encoder)
        self._nonces: NonceSource = nonces if nonces is not None else MonotonicNonce()

    @property
    def api_key(self) -> str:
        return self._api_key

    @property
    def scheme(self) -> SignatureScheme:
        return self._scheme

    @property
    def encoder(self) -> ParamEncoder:
        return self._encoder

    @property
    def nonces(self) -> NonceSource:
        return self._nonces

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(
            self.signed_headers(
                method=request.method,
                raw_path=request.url.raw_path.decode("ascii"),
                content_type=request.headers.get("Content-Type"),
                body=request.content,
            )
        )
        yield request

    def signed_headers(
        self, *, method: str, raw_path: str, content_type: str | None, body: bytes
    ) -> dict[str, str]:
        """The three auth headers for a request as sent, for callers outside httpx.

        `raw_path` is the percent-encoded path with its query, e.g. "/api/gateway/wallets?page=2".
        Raises `bitexbit_signing.SigningInputError` if the body cannot be signed.
        """
        path, _, query = raw_path.partition("?")
        nonce = self._nonces.next_nonce()
        headers = auth_headers(
            secret=self._secret,
            api_key=self._api_key,
            scheme=self._scheme,
            encoder=self._encoder,
            method=method,
            path=path,
            query=query,
            content_type=content_type,
            body=body,
            nonce=nonce,
        )
        logger.debug(
            "signed %s %s with scheme %s (key %s, nonce %d)",
            method,
            path,
            self._scheme.value,
            mask_api_key(self._api_key),
            nonce,
        )
        return headers

    def __repr__(self) -> str:
        # getattr: a repr of a half-built instance (a traceback inside __init__) must not fail.
        api_key = getattr(self, "_api_key", "")
        scheme = getattr(self, "_scheme", None)
        encoder = getattr(self, "_encoder", None)
        return (
            f"GatewayAuth(api_key={mask_api_key(api_key)!r}, "
            f"scheme={scheme and scheme.value!r}, encoder={encoder and encoder.value!r})"
        )

    __str__ = __repr__


def _check_header_value(api_key: str) -> None:
    if not isinstance(api_key, str) or not api_key:
        raise ValueError("the API key must be a non-empty str")
    if not api_key.isascii() or not api_key.isprintable() or api_key != api_key.strip():
        raise ValueError("the API key must be printable ASCII without surrounding spaces")
