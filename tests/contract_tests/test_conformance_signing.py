"""`GatewaySigner` signs the request as it goes on the wire (unit level, no server)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_signing import ParamEncoder, SignatureScheme, SignatureVariant, verify_request

API_KEY = "unit-key"
SECRET = "unit-secret-value"


def _prepare(method: str, url: str, **kwargs: Any) -> requests.PreparedRequest:
    return requests.Request(method, url, **kwargs).prepare()


def _verify(request: requests.PreparedRequest, **kwargs: Any) -> SignatureVariant | None:
    from urllib.parse import urlsplit

    url = urlsplit(request.url or "")
    body = request.body if isinstance(request.body, bytes) else (request.body or "").encode()
    return verify_request(
        secret=SECRET,
        api_key=request.headers["X-API-Key"],
        method=request.method or "",
        path=url.path,
        query=url.query,
        content_type=request.headers.get("Content-Type"),
        body=body,
        nonce=request.headers["X-Nonce"],
        signature=request.headers["X-Signature"],
        **kwargs,
    )


@pytest.mark.parametrize(
    ("scheme", "encoder"),
    [
        (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),
        (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
        (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),
    ],
)
def test_a_signed_post_verifies_with_the_scheme_used(
    scheme: SignatureScheme, encoder: ParamEncoder
) -> None:
    signer = GatewaySigner(
        API_KEY, SECRET, scheme=scheme, encoder=encoder, honour_removed_credentials=False
    )
    request = _prepare(
        "POST",
        "http://127.0.0.1/api/gateway/wallet/create",
        json={"ticker": "ETH", "network": "ethereum", "convert_percent": "2 %"},
    )
    signer(request)
    assert request.headers["X-API-Key"] == API_KEY
    variant = _verify(request, schemes=[scheme], encoders=[encoder])
    assert variant is not None
    assert variant[0] is scheme


def test_a_signed_get_covers_the_query_string() -> None:
    signer = GatewaySigner(
        API_KEY, SECRET, scheme=SignatureScheme.PARAMS, honour_removed_credentials=False
    )
    request = _prepare(
        "GET", "http://127.0.0.1/api/gateway/wallets", params={"page": "2", "ordering": "-id"}
    )
    signer(request)
    assert _verify(request) is not None
    request.url = (request.url or "").replace("page=2", "page=3")
    assert _verify(request) is None


def test_the_signature_is_over_the_body_bytes_sent_not_an_earlier_version() -> None:
    signer = GatewaySigner(API_KEY, SECRET, honour_removed_credentials=False)
    request = _prepare("POST", "http://127.0.0.1/api/gateway/wallet/create", json={"ticker": "ETH"})
    signer(request)
    assert _verify(request) is not None
    request.body = json.dumps({"ticker": "BTC"}).encode()
    assert _verify(request) is None


def test_a_text_body_is_sent_as_the_utf8_bytes_that_were_signed() -> None:
    signer = GatewaySigner(API_KEY, SECRET, honour_removed_credentials=False)
    request = _prepare(
        "POST",
        "http://127.0.0.1/api/gateway/withdraw/create",
        data="comment=caf\u00e9",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert isinstance(request.body, str)
    signer(request)
    sent: object = request.body
    assert sent == "comment=caf\u00e9".encode()
    assert request.headers["Content-Length"] == str(len("comment=caf\u00e9".encode()))
    assert _verify(request) is not None


def test_every_request_gets_a_larger_nonce() -> None:
    signer = GatewaySigner(API_KEY, SECRET, honour_removed_credentials=False)
    nonces = []
    for _ in range(50):
        request = _prepare("GET", "http://127.0.0.1/api/gateway/payment-methods")
        signer(request)
        nonces.append(int(request.headers["X-Nonce"]))
    assert nonces == sorted(set(nonces))
    assert signer.signed_count == 50


def test_a_body_the_params_scheme_cannot_read_goes_out_with_an_unmatchable_signature() -> None:
    signer = GatewaySigner(
        API_KEY, SECRET, scheme=SignatureScheme.PARAMS, honour_removed_credentials=False
    )
    request = _prepare("POST", "http://127.0.0.1/api/gateway/wallet/create", json=[1, 2])
    signer(request)
    assert request.headers["X-Signature"] == ""
    assert signer.unsignable_count == 1


def test_the_secret_never_shows_in_the_repr() -> None:
    signer = GatewaySigner(API_KEY, SECRET, honour_removed_credentials=False)
    assert SECRET not in repr(signer)
    assert SECRET not in str(vars(signer))


def test_a_request_whose_credential_headers_were_removed_is_sent_unsigned() -> None:
    signer = GatewaySigner(API_KEY, SECRET)
    removed = _prepare(
        "GET",
        "http://127.0.0.1/api/gateway/wallets",
        headers={"X-API-Key": "generated", "X-Nonce": "generated"},
    )
    signer(removed)
    assert removed.headers["X-API-Key"] == "generated"
    assert "X-Signature" not in removed.headers
    assert signer.left_unsigned_count == 1

    placeholders = {"X-API-Key": "generated", "X-Nonce": "x", "X-Signature": "y"}
    generated = _prepare("GET", "http://127.0.0.1/api/gateway/wallets", headers=placeholders)
    signer(generated)
    assert generated.headers["X-API-Key"] == API_KEY
    assert _verify(generated) is not None
