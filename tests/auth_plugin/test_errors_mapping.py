"""Every documented error status of every operation raises its typed exception.

The cases come from `openapi/gateway.yaml` (each operation's non-2xx responses and their
example bodies), so a status added to the spec is covered without editing this file.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from bitexbit import (
    AmbiguousResultError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadGatewayError,
    BadRequestError,
    Gateway,
    GatewayError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from bitexbit._errors import error_from_response, parse_retry_after

from tools.spec_examples import resolve

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml"
SECRET = "errors-secret-must-not-leak"
BASE_URL = "http://127.0.0.1:8765/api/gateway"

EXPECTED_CLASS: dict[int, type[GatewayError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
    500: ServerError,
    502: BadGatewayError,
}

OPERATIONS: dict[tuple[str, str], Callable[[Gateway], object]] = {
    ("/payment-methods", "get"): lambda g: g.payment_methods.list(),
    ("/wallet/create", "post"): lambda g: g.wallets.create("USDT", "tron"),
    ("/wallets", "get"): lambda g: g.wallets.list(),
    ("/wallet/history", "get"): lambda g: g.deposits.list(),
    ("/withdraw/create", "post"): lambda g: g.withdrawals.create(
        "USDT", "tron", "TR4d", Decimal("22"), client_order_id="order-1"
    ),
    ("/withdraw/history", "get"): lambda g: g.withdrawals.list(),
}


def _documented_errors() -> list[tuple[str, str, int]]:
    # Read at collection time (parametrize), so not through the `gateway_spec` fixture.
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    cases = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status in operation["responses"]:
                if not status.startswith("2"):
                    cases.append((path, method, int(status)))
    return cases


def _example_bodies(spec: dict[str, Any], path: str, method: str, status: int) -> list[Any]:
    response = resolve(spec, spec["paths"][path][method]["responses"][str(status)])
    examples = response["content"]["application/json"]["examples"]
    return [example["value"] for example in examples.values()]


def _gateway(handler: Callable[[httpx.Request], httpx.Response]) -> Gateway:
    return Gateway(
        "errors-key",
        SECRET,
        base_url=BASE_URL,
        transport=httpx.MockTransport(handler),
        rate_limit=False,
        max_retries=0,
    )


def test_every_operation_is_covered(gateway_spec: dict[str, Any]) -> None:
    operations = {(path, method) for path, item in gateway_spec["paths"].items() for method in item}
    assert operations == set(OPERATIONS)


@pytest.mark.parametrize(("path", "method", "status"), _documented_errors())
def test_documented_error_status_raises_its_exception(
    gateway_spec: dict[str, Any], path: str, method: str, status: int
) -> None:
    for body in _example_bodies(gateway_spec, path, method, status):
        headers = {"X-Request-Id": "req-42"}
        if status == 429:
            headers["Retry-After"] = "3"

        def reply(
            request: httpx.Request, body: Any = body, headers: dict[str, str] = headers
        ) -> httpx.Response:
            return httpx.Response(status, json=body, headers=headers)

        with _gateway(reply) as gateway, pytest.raises(GatewayError) as caught:
            OPERATIONS[(path, method)](gateway)

        error = caught.value
        if method == "post" and status >= 500:
            # a money-moving call's 5xx leaves its outcome open: the cause is the typed error
            assert isinstance(error, AmbiguousResultError)
            assert error.status_code == status
            error = error.cause
        assert type(error) is EXPECTED_CLASS[status]
        assert error.status_code == status
        assert error.body == body
        assert error.request_id == "req-42"
        assert "req-42" in str(error)
        assert SECRET not in str(error) + repr(error)
        if isinstance(error, BadRequestError):
            assert error.field_errors == body
            for field, messages in body.items():
                assert field in str(error)
                assert messages[0] in str(error)
        else:
            assert error.code == body["code"]
            assert body["detail"] in str(error)
        if isinstance(error, RateLimitError):
            assert error.retry_after == 3.0


def test_signature_headers_never_appear_in_errors() -> None:
    seen: list[httpx.Request] = []

    def reject(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            401, json={"detail": "Invalid signature.", "code": "invalid_signature"}
        )

    with _gateway(reject) as gateway, pytest.raises(AuthenticationError) as caught:
        gateway.wallets.list()
    signature = seen[0].headers["X-Signature"]
    shown = str(caught.value) + repr(caught.value) + repr(caught.value.body)
    assert signature not in shown
    assert SECRET not in shown
    assert caught.value.code == "invalid_signature"


def test_html_bad_gateway_from_a_proxy_still_maps_by_status() -> None:
    def proxy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html><body>502 Bad Gateway</body></html>")

    with _gateway(proxy) as gateway, pytest.raises(BadGatewayError) as caught:
        gateway.payment_methods.list()
    assert caught.value.body == "<html><body>502 Bad Gateway</body></html>"
    assert caught.value.code is None


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"count": 1}, UnexpectedResponseError),  # missing fields
        (200, b"not json", UnexpectedResponseError),
        (418, {"detail": "teapot"}, UnexpectedResponseError),  # undocumented status
        (503, {"detail": "down"}, ServerError),
        (204, None, UnexpectedResponseError),
    ],
)
def test_unexpected_responses(status: int, body: Any, expected: type[GatewayError]) -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(status, content=body)
        if body is None:
            return httpx.Response(status)
        return httpx.Response(status, json=body)

    with _gateway(reply) as gateway, pytest.raises(GatewayError) as caught:
        gateway.wallets.list()
    assert type(caught.value) is expected
    assert caught.value.status_code == status


def test_an_unknown_enum_value_in_a_response_is_kept() -> None:
    """Forward-compatible enums (errata T6): a code the spec does not list reads, flagged."""
    deposit = {
        "address": "a",
        "wallet_slug": "s",
        "date": "2021-05-20T14:56:10Z",
        "amount": "5.00000000",
        "fee": "0.00000000",
        "ticker": "USDT",
        "network": "tron",
        "status": 99,
        "txid": "t",
        "actual_confirmations": None,
        "required_confirmations": 40,
        "aml_success": None,
        "aml_risk": None,
        "aml_url": None,
        "created_at": "2021-05-20T14:56:10Z",
    }
    body = {"count": 1, "next": None, "previous": None, "results": [deposit]}

    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body, headers={"X-Request-Id": "r-9"})

    with _gateway(reply) as gateway:
        (read,) = gateway.deposits.list().results
    assert read.status == 99
    assert not read.status.is_known


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.RemoteProtocolError("peer closed"), APIConnectionError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.ConnectTimeout("slow"), APITimeoutError),
    ],
)
def test_transport_errors(raised: httpx.HTTPError, expected: type[GatewayError]) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise raised

    with _gateway(fail) as gateway, pytest.raises(expected) as caught:
        gateway.wallets.list()
    assert caught.value.status_code is None
    assert isinstance(caught.value.__cause__, httpx.HTTPError)


def test_error_from_response_reads_plain_dict_headers_case_insensitively() -> None:
    error = error_from_response(429, b'{"detail": "slow down"}', {"retry-after": "2"})
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 2.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("5", 5.0),
        ("-3", 0.0),
        ("soon", None),
        ("inf", None),
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=1445412480.0) == expected


def test_non_field_errors_message() -> None:
    error = error_from_response(400, b'{"non_field_errors": ["Insufficient balance."]}', {})
    assert isinstance(error, BadRequestError)
    assert error.field_errors == {"non_field_errors": ["Insufficient balance."]}
    assert "Insufficient balance." in str(error)
