"""Presenter output must be exactly the spec's component schemas (Draft 2020-12)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from bitexbit_emulator.service import Sandbox
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .helpers import ETH_ADDRESS, create_wallet, create_withdraw, integer, simulate_deposit, text

SPEC_PATH = Path(__file__).parents[3] / "openapi" / "gateway.yaml"
SPEC_URI = "urn:bitexbit:gateway.yaml"
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


@pytest.fixture(scope="module")
def registry() -> Registry[Any]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    built: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return built


def _validate(registry: Registry[Any], schema_name: str, instance: object) -> None:
    schema = {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"}
    validator = Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    json.dumps(instance)  # JSON-ready


def _required(registry: Registry[Any], schema_name: str) -> set[str]:
    schema = registry.contents(SPEC_URI)["components"]["schemas"][schema_name]
    return set(schema["required"])


def test_payment_methods_match(registry: Registry[Any], sandbox: Sandbox) -> None:
    methods = sandbox.list_payment_methods()
    _validate(registry, "PaymentMethod", methods[0])
    for method in methods:
        _validate(registry, "PaymentMethod", method)
        assert _required(registry, "PaymentMethod") <= set(method)


def test_wallets_match(registry: Registry[Any], sandbox: Sandbox) -> None:
    plain = create_wallet(sandbox)
    converting = create_wallet(
        sandbox,
        ticker="ETH",
        network="ethereum",
        callback_url="http://127.0.0.1:9/hook",
        convert_ticker="USDT",
        convert_limit=Decimal("1.5"),
        convert_percent=Decimal("-2.5"),
    )
    for wallet in (plain, converting):
        _validate(registry, "Wallet", wallet)
        assert set(wallet) == _required(registry, "Wallet")
        assert DATETIME.fullmatch(text(wallet["created_at"]))


def test_deposits_match_in_every_status(registry: Registry[Any], sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox)
    pending = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    confirmed = sandbox.advance_deposit(txid=text(pending["txid"]))
    rejected_seed = simulate_deposit(
        sandbox, address=text(wallet["address"]), amount=Decimal("5"), aml_risk=99, memo="m"
    )
    rejected = sandbox.advance_deposit(txid=text(rejected_seed["txid"]))
    for deposit in (pending, confirmed, rejected):
        _validate(registry, "Deposit", deposit)
        assert _required(registry, "Deposit") <= set(deposit)
    page = sandbox.wallet_history(1)
    _validate(
        registry,
        "DepositPage",
        {"count": page.count, "next": None, "previous": None, "results": page.results},
    )


def test_withdrawals_match_with_and_without_auto_buy(
    registry: Registry[Any], sandbox: Sandbox
) -> None:
    new, _ = create_withdraw(sandbox, comment="c", client_order_id="order_123")
    _validate(registry, "Withdraw", new)
    assert _required(registry, "Withdraw") <= set(new)
    auto_buy, _ = create_withdraw(
        sandbox,
        network="ethereum",
        address=ETH_ADDRESS,
        amount=Decimal("20"),
        auto_buy_ticker="ETH",
        callback_url="https://localhost/w",
    )
    done = sandbox.set_withdraw_status(withdraw_id=integer(auto_buy["id"]), status=30)
    assert isinstance(done["auto_buy"], dict)
    _validate(registry, "AutoBuy", done["auto_buy"])
    _validate(registry, "Withdraw", done)
    refused = sandbox.set_withdraw_status(withdraw_id=integer(new["id"]), status=40)
    _validate(registry, "Withdraw", refused)
    page = sandbox.withdraw_history(1, limit=1)
    _validate(
        registry,
        "WithdrawPage",
        {"count": page.count, "next": None, "previous": None, "results": page.results},
    )


def test_callback_bodies_match(registry: Registry[Any], sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, callback_url="http://127.0.0.1:9/d")
    simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    withdrawal, _ = create_withdraw(sandbox, callback_url="http://127.0.0.1:9/w")
    sandbox.set_withdraw_status(withdraw_id=integer(withdrawal["id"]), status=50)
    withdraw_delivery, deposit_delivery = sandbox.callback_deliveries()
    _validate(registry, "DepositCallback", deposit_delivery["payload"])
    _validate(registry, "WithdrawCallback", withdraw_delivery["payload"])


def test_invalid_output_would_be_caught(registry: Registry[Any], sandbox: Sandbox) -> None:
    """The check itself can fail: a float amount or a missing key is reported."""
    new, _ = create_withdraw(sandbox)
    broken = dict(new, amount=22.0)
    del broken["txid"]
    validator = Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/Withdraw"}, registry=registry
    )
    messages = [error.message for error in validator.iter_errors(broken)]
    assert len(messages) == 2
