"""`GatewayAuth` signs requests as sent (sync and async clients) and never leaks the secret."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from bitexbit.auth import GatewayAuth, mask_api_key
from bitexbit.nonce import MonotonicNonce
from bitexbit_signing import (
    ParamEncoder,
    SignatureScheme,
    SignatureVariant,
    SigningInputError,
    verify_request,
)

API_KEY = "ak_test_0123456789abcdef"
SECRET = "sk-very-secret-value-do-not-print"
BASE_URL = "http://127.0.0.1:8765/api/gateway"
VARIANTS = [
    (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
    (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),
    (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),
]


class VerifyingServer:
    """A MockTransport handler that verifies each request the way the emulator will."""

    def __init__(self) -> None:
        self.seen: list[tuple[httpx.Request, SignatureVariant | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, _, query = request.url.raw_path.decode("ascii").partition("?")
        variant = verify_request(
            secret=SECRET,
            api_key=request.headers["X-API-Key"],
            method=request.method,
            path=path,
            query=query,
            content_type=request.headers.get("Content-Type"),
            body=request.content,
            nonce=request.headers["X-Nonce"],
            signature=request.headers["X-Signature"],
        )
        self.seen.append((request, variant))
        return httpx.Response(200 if variant else 401, json={"ok": variant is not None})

    @property
    def nonces(self) -> list[int]:
        return [int(request.headers["X-Nonce"]) for request, _ in self.seen]


def _expected_variant(scheme: SignatureScheme, encoder: ParamEncoder) -> SignatureVariant:
    return (scheme, encoder if scheme is SignatureScheme.PARAMS else None)


def _send_all(client: httpx.Client) -> None:
    client.get("/wallets", params={"page": 2, "ordering": "-id", "comment": "café ~!'()* a+b"})
    client.get("/payment-methods")
    client.post("/wallet/create", json={"ticker": "ETH", "convert_limit": "10000", "n": 1.5})
    client.post("/withdraw/create", data={"comment": "Call after success", "amount": "22"})
    client.post("/wallet/create", content=b"", headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(("scheme", "encoder"), VARIANTS)
def test_sync_client_requests_verify(scheme: SignatureScheme, encoder: ParamEncoder) -> None:
    server = VerifyingServer()
    auth = GatewayAuth(API_KEY, SECRET, scheme=scheme, encoder=encoder)
    with httpx.Client(
        base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth
    ) as client:
        _send_all(client)
    assert len(server.seen) == 5
    for request, variant in server.seen:
        assert request.headers["X-API-Key"] == API_KEY
        assert len(request.headers["X-Signature"]) == 64
        # PARAMS python and javascript agree when no character needs encoding.
        assert variant is not None
        if request.url.path.endswith("/wallets") or scheme is SignatureScheme.PATH_NONCE_BODY:
            assert variant == _expected_variant(scheme, encoder)
    assert server.nonces == sorted(server.nonces)
    assert len(set(server.nonces)) == len(server.nonces)


@pytest.mark.parametrize(("scheme", "encoder"), VARIANTS)
async def test_async_client_requests_verify(scheme: SignatureScheme, encoder: ParamEncoder) -> None:
    server = VerifyingServer()
    auth = GatewayAuth(API_KEY, SECRET, scheme=scheme, encoder=encoder)
    transport = httpx.MockTransport(server)
    async with httpx.AsyncClient(base_url=BASE_URL, transport=transport, auth=auth) as client:
        await client.get("/wallets", params={"comment": "a b"})
        await client.post("/wallet/create", json={"ticker": "ETH", "comment": "日本 x"})
        await client.post("/withdraw/create", data={"comment": "Call after success"})
    assert [variant for _, variant in server.seen] == [_expected_variant(scheme, encoder)] * 3
    assert server.nonces == sorted(server.nonces)
    assert len(set(server.nonces)) == 3


def test_streamed_body_is_read_before_signing() -> None:
    server = VerifyingServer()
    auth = GatewayAuth(API_KEY, SECRET, scheme=SignatureScheme.PATH_NONCE_BODY)

    def chunks() -> Iterator[bytes]:
        yield b'{"ticker":'
        yield b' "ETH"}'

    with httpx.Client(
        base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth
    ) as client:
        response = client.post(
            "/wallet/create", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 200


def test_shared_nonce_source_and_tampering_is_detected() -> None:
    server = VerifyingServer()
    nonces = MonotonicNonce(clock=lambda: 1000)
    auth = GatewayAuth(API_KEY, SECRET, nonces=nonces)
    transport = httpx.MockTransport(server)
    with httpx.Client(base_url=BASE_URL, transport=transport, auth=auth) as client:
        client.get("/wallets")
        client.get("/wallets")
    assert server.nonces == [1000, 1001]
    assert auth.nonces is nonces

    headers = auth.signed_headers(
        method="POST", raw_path="/api/gateway/wallet/create", content_type=None, body=b'{"a":"1"}'
    )
    tampered = httpx.Request(
        "POST", f"{BASE_URL}/wallet/create", content=b'{"a":"2"}', headers=headers
    )
    assert server(tampered).status_code == 401


def test_unsignable_body_raises_without_the_secret() -> None:
    auth = GatewayAuth(API_KEY, SECRET)
    transport = httpx.MockTransport(VerifyingServer())
    with (
        httpx.Client(base_url=BASE_URL, transport=transport, auth=auth) as client,
        pytest.raises(SigningInputError) as raised,
    ):
        client.post(
            "/wallet/create", content=b"{broken", headers={"Content-Type": "application/json"}
        )
    assert SECRET not in str(raised.value)
    assert SECRET not in repr(raised.value)
    rendered = "".join(
        traceback.TracebackException.from_exception(raised.value, capture_locals=True).format()
    )
    assert "auth_flow" in rendered or "signed_headers" in rendered
    assert SECRET not in rendered


def test_bad_api_key_raises_without_the_secret_even_with_locals() -> None:
    with pytest.raises(ValueError, match="API key") as raised:
        GatewayAuth("bad key\n", SECRET)
    rendered = "".join(
        traceback.TracebackException.from_exception(raised.value, capture_locals=True).format()
    )
    assert SECRET not in rendered


def test_repr_str_and_vars_do_not_show_the_secret() -> None:
    auth = GatewayAuth(API_KEY, SECRET, scheme=SignatureScheme.PATH_NONCE_BODY)
    assert repr(auth) == (
        "GatewayAuth(api_key='ak_t…cdef', scheme='path-nonce-body', encoder='python')"
    )
    for text in (repr(auth), str(auth), f"{auth}", repr(vars(auth)), str(vars(auth))):
        assert SECRET not in text
        assert API_KEY not in text or text.startswith("{")


def test_logs_do_not_show_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    auth = GatewayAuth(API_KEY, SECRET)
    transport = httpx.MockTransport(VerifyingServer())
    with (
        caplog.at_level(logging.DEBUG),
        httpx.Client(base_url=BASE_URL, transport=transport, auth=auth) as client,
    ):
        client.post("/wallet/create", json={"ticker": "ETH"})
    assert any(record.name == "bitexbit.auth" for record in caplog.records)
    assert SECRET not in caplog.text
    assert "ak_t…cdef" in caplog.text


def test_mask_api_key() -> None:
    assert mask_api_key("abcdefghijklmnop") == "abcd…mnop"
    assert mask_api_key("short") == "…"


@pytest.mark.parametrize("api_key", ["", " padded", "tab\tkey", "ключ"])
def test_api_key_must_be_a_clean_header_value(api_key: str) -> None:
    with pytest.raises(ValueError, match="API key"):
        GatewayAuth(api_key, SECRET)


def test_constructor_accepts_scheme_names_as_strings() -> None:
    kwargs: dict[str, Any] = {"scheme": "path-nonce-body", "encoder": "javascript"}
    auth = GatewayAuth(API_KEY, SECRET, **kwargs)
    assert auth.scheme is SignatureScheme.PATH_NONCE_BODY
    assert auth.encoder is ParamEncoder.JAVASCRIPT
    assert auth.api_key == API_KEY
