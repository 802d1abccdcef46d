"""The generated client, pointed at a stub gateway on 127.0.0.1, sends each of the six operations
and parses every documented response and error into the right model with the right values.

The stub (``conftest.py``) answers with the spec's own examples, so the expected values here come
from ``openapi/gateway.yaml`` too; the few literal values below pin what parsing must produce
(enum members, datetimes, decimal strings).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from bitexbit_gateway_client import Client, models
from bitexbit_gateway_client.api.payment_methods import list_payment_methods
from bitexbit_gateway_client.api.wallets import create_wallet, get_wallet_history, list_wallets
from bitexbit_gateway_client.api.withdraw import create_withdraw, get_withdraw_history
from bitexbit_gateway_client.errors import UnexpectedStatus
from bitexbit_gateway_client.models import (
    AutoBuySide,
    AutoBuyState,
    DepositStatus,
    FeePayer,
    GetWithdrawHistoryOrdering,
    ListPaymentMethodsOrdering,
    ListWalletsOrdering,
    WalletCreateRequest,
    WithdrawCreateRequest,
    WithdrawStatus,
)

from tools.spec_examples import HTTP_METHODS, resolve

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml").read_text(encoding="utf-8")
)
STATUS_HEADER = "X-Stub-Status"  # the stub's own controls, see conftest.py
EXAMPLE_HEADER = "X-Stub-Example"
UTC = datetime.UTC
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        operation["operationId"]: (method, path, operation)
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


OPERATIONS = _operations()


def _request_body(operation_id: str) -> dict[str, Any]:
    operation = OPERATIONS[operation_id][2]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    value: dict[str, Any] = resolve(SPEC, examples["documented"])["value"]
    return value


# How to call each operation: its generated module and the arguments a user would pass.
CALLS: dict[str, tuple[ModuleType, Callable[[], dict[str, Any]]]] = {
    "listPaymentMethods": (
        list_payment_methods,
        lambda: {"ordering": ListPaymentMethodsOrdering("-id")},
    ),
    "createWallet": (
        create_wallet,
        lambda: {"body": WalletCreateRequest.from_dict(_request_body("createWallet"))},
    ),
    "listWallets": (
        list_wallets,
        lambda: {"page": 1, "limit": 2, "ordering": ListWalletsOrdering("-created_at")},
    ),
    "getWalletHistory": (
        get_wallet_history,
        lambda: {"ticker": "USDT", "status": DepositStatus.CONFIRMED, "limit": 10},
    ),
    "createWithdraw": (
        create_withdraw,
        lambda: {"body": WithdrawCreateRequest.from_dict(_request_body("createWithdraw"))},
    ),
    "getWithdrawHistory": (
        get_withdraw_history,
        lambda: {"status": WithdrawStatus.DONE, "ordering": GetWithdrawHistoryOrdering("-amount")},
    ),
}


def _documented_answers() -> list[Any]:
    """One case per (operation, documented status, example of that response)."""
    cases = []
    for operation_id, (_, _, operation) in OPERATIONS.items():
        for status, reference in operation["responses"].items():
            media = resolve(SPEC, reference)["content"]["application/json"]
            for name in media["examples"]:
                cases.append(
                    pytest.param(operation_id, status, name, id=f"{operation_id}-{status}-{name}")
                )
    return cases


DOCUMENTED_ANSWERS = _documented_answers()


def _example_value(operation_id: str, status: str, name: str) -> Any:
    response = resolve(SPEC, OPERATIONS[operation_id][2]["responses"][status])
    return resolve(SPEC, response["content"]["application/json"]["examples"][name])["value"]


def _model_for(operation_id: str, status: str) -> tuple[type[Any], bool]:
    """The generated model the spec's schema names for this response, and whether it is a list."""
    response = resolve(SPEC, OPERATIONS[operation_id][2]["responses"][status])
    schema = response["content"]["application/json"]["schema"]
    is_list = schema.get("type") == "array"
    reference: str = (schema["items"] if is_list else schema)["$ref"]
    model: type[Any] = getattr(models, reference.rsplit("/", 1)[-1])
    return model, is_list


def _normalised(value: Any) -> Any:
    """JSON data with ISO datetimes as ``datetime`` (``Z`` and ``+00:00`` mean the same instant)."""
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return datetime.datetime.fromisoformat(value)
    return value


def _call(stub_url: str, operation_id: str, headers: dict[str, str] | None = None) -> Any:
    module, arguments = CALLS[operation_id]
    with Client(
        base_url=stub_url, headers=headers or {}, raise_on_unexpected_status=True
    ) as client:
        return module.sync_detailed(client=client, **arguments())


def test_every_operation_has_a_call() -> None:
    assert set(CALLS) == set(OPERATIONS)
    statuses = {(case.values[0], case.values[1]) for case in DOCUMENTED_ANSWERS}
    assert len(statuses) == sum(len(op["responses"]) for _, _, op in OPERATIONS.values())


@pytest.mark.parametrize(("operation_id", "status", "example"), DOCUMENTED_ANSWERS)
def test_documented_answer_is_parsed_into_its_model(
    stub: Any, operation_id: str, status: str, example: str
) -> None:
    response = _call(stub.base_url, operation_id, {STATUS_HEADER: status, EXAMPLE_HEADER: example})

    method, path, _ = OPERATIONS[operation_id]
    (received,) = stub.gateway.requests
    assert (received.operation_id, received.method, received.path) == (
        operation_id,
        method.upper(),
        f"/api/gateway{path}",
    )
    assert response.status_code == int(status)
    model, is_list = _model_for(operation_id, status)
    expected = _normalised(_example_value(operation_id, status, example))
    if is_list:
        assert isinstance(response.parsed, list)
        assert all(type(item) is model for item in response.parsed)
        assert [_normalised(item.to_dict()) for item in response.parsed] == expected
    else:
        assert type(response.parsed) is model
        assert _normalised(response.parsed.to_dict()) == expected


def test_list_payment_methods(stub: Any) -> None:
    response = _call(stub.base_url, "listPaymentMethods")

    assert stub.gateway.requests[0].query == {"ordering": "-id"}
    btc, usdt = response.parsed
    assert (btc.ticker, btc.network, btc.withdraw_fee_currency) == ("BTC", "bitcoin", "BTC")
    assert btc.min_deposit == "0.00100000"
    assert Decimal(usdt.withdraw_fee_amount) == Decimal("2")
    assert usdt.is_withdraw_enabled is True


def test_create_wallet(stub: Any) -> None:
    response = _call(stub.base_url, "createWallet")

    received = stub.gateway.requests[0]
    assert received.headers["content-type"] == "application/json"
    assert json.loads(received.body) == _request_body("createWallet")
    assert response.status_code == 201
    wallet = response.parsed
    assert wallet.created_at == datetime.datetime(2021, 5, 21, 12, 10, 54, 552073, tzinfo=UTC)
    assert (wallet.convert_limit, wallet.convert_percent) == ("10000.00000000", "2.00000000")
    assert wallet.callback_url is None


def test_list_wallets_sends_paging_and_parses_the_envelope(stub: Any) -> None:
    response = _call(stub.base_url, "listWallets")

    assert stub.gateway.requests[0].query == {"page": "1", "limit": "2", "ordering": "-created_at"}
    page = response.parsed
    assert (page.count, page.previous) == (2, None)
    assert page.next_ == "https://www.bitexbit.com/api/gateway/wallets?page=2"  # `next_`: a builtin
    assert [wallet.convert_ticker for wallet in page.results] == ["ETH", None]
    assert page.results[1].convert_limit is None


def test_wallet_history_parses_integer_status_and_datetimes(stub: Any) -> None:
    response = _call(stub.base_url, "getWalletHistory")

    query = stub.gateway.requests[0].query
    assert (query["ticker"], query["status"], query["limit"]) == ("USDT", "5", "10")
    (deposit,) = response.parsed.results
    assert deposit.status is DepositStatus.CONFIRMED
    assert deposit.date == datetime.datetime(2021, 5, 20, 14, 56, 10, 196967, tzinfo=UTC)
    assert deposit.amount == "5.00000000"
    assert deposit.actual_confirmations is None
    assert deposit.required_confirmations == 40


@pytest.mark.parametrize("status", ["201", "200"])
def test_create_withdraw_new_and_idempotent_replay(stub: Any, status: str) -> None:
    response = _call(stub.base_url, "createWithdraw", {STATUS_HEADER: status})

    assert response.status_code == int(status)
    withdraw = response.parsed
    assert isinstance(withdraw, models.Withdraw)
    assert withdraw.status is WithdrawStatus.NEW
    assert withdraw.fee_payer is FeePayer.BALANCE
    assert withdraw.amount == "22.00000000"
    assert (withdraw.auto_buy, withdraw.txid, withdraw.aml_risk) == (None, None, None)
    assert withdraw.created_at == datetime.datetime(2021, 5, 21, 13, 28, 32, 95000, tzinfo=UTC)


def test_withdraw_history_parses_done_with_auto_buy(stub: Any) -> None:
    response = _call(stub.base_url, "getWithdrawHistory")

    query = stub.gateway.requests[0].query
    assert (query["status"], query["ordering"]) == ("30", "-amount")
    (withdraw,) = response.parsed.results
    assert withdraw.status is WithdrawStatus.DONE
    assert withdraw.txid
    auto_buy = withdraw.auto_buy
    assert isinstance(auto_buy, models.AutoBuy)
    assert (auto_buy.side, auto_buy.state) == (AutoBuySide.BUY, AutoBuyState.FILLED)
    assert auto_buy.price == "3300.00000000"


def test_validation_error_maps_fields_to_messages(stub: Any) -> None:
    fields = _call(stub.base_url, "createWithdraw", {STATUS_HEADER: "400"}).parsed
    other = _call(
        stub.base_url, "createWithdraw", {STATUS_HEADER: "400", EXAMPLE_HEADER: "nonField"}
    ).parsed

    assert isinstance(fields, models.ValidationError)
    assert fields["address"] == ["Enter a valid tron address."]
    assert set(fields.additional_keys) == {"amount", "address"}
    assert other["non_field_errors"] == ["Insufficient balance."]


def test_throttled_answer_carries_retry_after_and_code(stub: Any) -> None:
    response = _call(stub.base_url, "listWallets", {STATUS_HEADER: "429"})

    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert isinstance(response.parsed, models.Error)
    assert response.parsed.code == "throttled"


def test_page_past_the_last_is_a_404_error(stub: Any) -> None:
    response = _call(stub.base_url, "getWithdrawHistory", {STATUS_HEADER: "404"})

    assert isinstance(response.parsed, models.Error)
    assert (response.parsed.detail, response.parsed.code) == ("Invalid page.", "not_found")


async def test_asyncio_detailed_over_loopback(stub: Any) -> None:
    async with Client(base_url=stub.base_url) as client:
        response = await create_withdraw.asyncio_detailed(
            client=client,
            body=WithdrawCreateRequest.from_dict(_request_body("createWithdraw")),
        )

    assert response.status_code == 201
    assert isinstance(response.parsed, models.Withdraw)
    assert response.parsed.status is WithdrawStatus.NEW
    (received,) = stub.gateway.requests
    assert received.headers["content-type"] == "application/json"


def test_undocumented_status_raises_when_asked_to(stub: Any) -> None:
    with pytest.raises(UnexpectedStatus) as raised:
        _call(stub.base_url, "listPaymentMethods", {STATUS_HEADER: "404"})  # not documented here

    assert raised.value.status_code == 418
