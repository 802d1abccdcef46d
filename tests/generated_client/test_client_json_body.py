"""The generated client sends JSON by default for both create operations.

openapi-python-client #1276 made a body offered as JSON and as a form always go out as a form; the
template override in ``openapi/codegen/templates`` dispatches the first listed content type (JSON).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from bitexbit_gateway_client import Client
from bitexbit_gateway_client.api.wallets import create_wallet
from bitexbit_gateway_client.api.withdraw import create_withdraw
from bitexbit_gateway_client.models import (
    FeePayer,
    Wallet,
    WalletCreateRequest,
    Withdraw,
    WithdrawCreateRequest,
)

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml").read_text(encoding="utf-8")
)


def _example(path: str, *where: str) -> Any:
    node: Any = SPEC["paths"][path]["post"]
    for key in where:
        node = node[key]
    if "$ref" in node:
        node = SPEC["components"]["examples"][node["$ref"].rsplit("/", 1)[-1]]
    return node["value"]


def _request_example(path: str) -> dict[str, Any]:
    value: dict[str, Any] = _example(
        path, "requestBody", "content", "application/json", "examples", "documented"
    )
    return value


def _created_example(path: str) -> dict[str, Any]:
    value: dict[str, Any] = _example(
        path, "responses", "201", "content", "application/json", "examples", "documented"
    )
    return value


class Recorder:
    """An httpx transport that records requests and answers with a canned 201."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)
        self._answer = answer

    def _handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return httpx.Response(201, json=self._answer)


CREATES = [
    pytest.param(create_wallet, "/wallet/create", WalletCreateRequest, Wallet, id="createWallet"),
    pytest.param(
        create_withdraw, "/withdraw/create", WithdrawCreateRequest, Withdraw, id="createWithdraw"
    ),
]


@pytest.mark.parametrize(("operation", "path", "request_model", "response_model"), CREATES)
def test_create_sends_the_model_as_json(
    operation: ModuleType, path: str, request_model: Any, response_model: type[Any]
) -> None:
    recorder = Recorder(_created_example(path))
    body = request_model.from_dict(_request_example(path))
    client = Client(
        base_url="http://127.0.0.1:9/api/gateway", httpx_args={"transport": recorder.transport}
    )

    response = operation.sync_detailed(client=client, body=body)

    (sent,) = recorder.requests
    assert sent.method == "POST"
    assert sent.url.path == f"/api/gateway{path}"
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content) == body.to_dict() == _request_example(path)
    assert response.status_code == 201
    assert isinstance(response.parsed, response_model)


def test_unset_fields_are_not_sent_and_amounts_stay_strings() -> None:
    recorder = Recorder(_created_example("/withdraw/create"))
    client = Client(
        base_url="http://127.0.0.1:9/api/gateway", httpx_args={"transport": recorder.transport}
    )
    body = WithdrawCreateRequest(
        ticker="USDT", network="tron", address="TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", amount="22.5"
    )

    create_withdraw.sync_detailed(client=client, body=body)

    sent = json.loads(recorder.requests[0].content)
    assert sent == {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "amount": "22.5",
    }


async def test_async_create_sends_json_too() -> None:
    recorder = Recorder(_created_example("/withdraw/create"))
    body = WithdrawCreateRequest.from_dict(_request_example("/withdraw/create"))
    assert body.fee_payer is FeePayer.BALANCE
    async with Client(
        base_url="http://127.0.0.1:9/api/gateway", httpx_args={"transport": recorder.transport}
    ) as client:
        response = await create_withdraw.asyncio_detailed(client=client, body=body)

    (sent,) = recorder.requests
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content)["fee_payer"] == 1
    assert isinstance(response.parsed, Withdraw)
