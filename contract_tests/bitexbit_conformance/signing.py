"""`GatewaySigner`: a `requests` auth that signs the request Schemathesis actually sends.

Schemathesis auth providers run `set()` before the case is serialized, and later phases
(coverage, stateful, negative generation) still change the query and body afterwards, so a
signature computed there would not match the wire. A `requests.auth.AuthBase` runs on the
*prepared* request: URL and body bytes are final. Registered with
`schema.auth.set_from_requests(signer)` it is used by every phase, on the in-process ASGI
transport as well as over the network.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import requests
from bitexbit.nonce import MonotonicNonce, NonceSource
from bitexbit_signing import (
    API_KEY_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    ParamEncoder,
    Secret,
    SignatureScheme,
    SigningInputError,
    auth_headers,
)

__all__ = [
    "API_KEY_HEADER",
    "NONCE_HEADER",
    "SIGNATURE_HEADER",
    "GatewaySigner",
]

_CREDENTIAL_HEADERS = (API_KEY_HEADER, NONCE_HEADER, SIGNATURE_HEADER)


class GatewaySigner(requests.auth.AuthBase):
    """Adds `X-API-Key`, `X-Nonce` and `X-Signature` computed over the final request bytes.

    One signer per API key and one request at a time (Schemathesis with a single worker):
    nonces are strictly increasing in the order requests are signed, and the gateway rejects
    any nonce that arrives after a larger one.

    With `honour_removed_credentials` (the default, for Schemathesis) a request that lacks any
    of the three headers is left unsigned: Schemathesis generates them as placeholders for
    every positive case and drops them in negative cases meant to be rejected.
    """

    def __init__(
        self,
        api_key: str,
        secret: str | Secret,
        *,
        scheme: SignatureScheme = SignatureScheme.PATH_NONCE_BODY,
        encoder: ParamEncoder = ParamEncoder.PYTHON,
        nonces: NonceSource | None = None,
        honour_removed_credentials: bool = True,
    ) -> None:
        self.api_key = api_key
        self.honour_removed_credentials = honour_removed_credentials
        self._secret = Secret(secret)
        self.scheme = SignatureScheme(scheme)
        self.encoder = ParamEncoder(encoder)
        self._nonces: NonceSource = nonces if nonces is not None else MonotonicNonce()
        self._lock = threading.Lock()
        self._signed = 0
        self._unsignable = 0
        self._left_unsigned = 0

    @property
    def signed_count(self) -> int:
        """How many requests this signer has signed."""
        return self._signed

    @property
    def left_unsigned_count(self) -> int:
        """How many requests came without credential headers and were sent as they were."""
        return self._left_unsigned

    @property
    def unsignable_count(self) -> int:
        """How many requests could not be signed with the PARAMS scheme (sent unsigned)."""
        return self._unsignable

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.honour_removed_credentials and not all(
            name in request.headers for name in _CREDENTIAL_HEADERS
        ):
            # Schemathesis generates the three headers (as placeholders) for every positive
            # case; a request missing one is a negative case that removed it on purpose, so
            # it must reach the gateway without valid credentials.
            self._left_unsigned += 1
            return request
        return self.sign(request)

    def sign(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Sign `request` unconditionally (a `requests` auth callable for direct calls)."""
        body = _body_bytes(request)
        url = urlsplit(request.url or "")
        content_type = request.headers.get("Content-Type")
        with self._lock:
            nonce = self._nonces.next_nonce()
            try:
                headers = auth_headers(
                    secret=self._secret,
                    api_key=self.api_key,
                    scheme=self.scheme,
                    encoder=self.encoder,
                    method=request.method or "GET",
                    path=url.path or "/",
                    query=url.query,
                    content_type=content_type,
                    body=body,
                    nonce=nonce,
                )
            except SigningInputError:
                # PARAMS cannot read this body (e.g. a JSON array from negative generation).
                # Send it with a signature that cannot match: the gateway must answer 4xx.
                self._unsignable += 1
                headers = {
                    API_KEY_HEADER: self.api_key,
                    SIGNATURE_HEADER: "",
                    NONCE_HEADER: str(nonce),
                }
            self._signed += 1
        request.headers.update(headers)
        return request

    def __repr__(self) -> str:
        scheme = self.scheme.value
        return (
            f"GatewaySigner(api_key={self.api_key!r}, scheme={scheme!r}, secret={self._secret!r})"
        )


def _body_bytes(request: requests.PreparedRequest) -> bytes:
    """The body exactly as it goes on the wire; a `str` body is re-encoded as UTF-8 and stored.

    `requests` would send a `str` body encoded as Latin-1 by `http.client`; pinning it to the
    UTF-8 bytes we sign means the signature and the wire can never disagree.
    """
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        encoded = body.encode("utf-8")
        request.body = encoded
        request.headers["Content-Length"] = str(len(encoded))
        return encoded
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    raise TypeError(f"cannot sign a streamed request body ({type(body).__name__})")
