"""The control API (``/_emulator``): every endpoint, its 400/404/409 answers, and callbacks."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.pytest_plugin import ControlError, GatewayEmulator
from bitexbit_emulator.testing.loopback import LoopbackServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
}


def _control_error(call: Any, *args: Any, **kwargs: Any) -> ControlError:
    with pytest.raises(ControlError) as raised:
        call(*args, **kwargs)
    return raised.value


def test_health(gateway_emulator: GatewayEmulator) -> None:
    # The fixture runs without rate limits; the figures are the config's (the documented ones).
    limits = gateway_emulator.config.rate_limits
    assert gateway_emulator.control.health() == {
        "status": "ok",
        "rate_limits": {
            "enabled": False,
            "per_account": limits.per_account,
            "per_ip": limits.per_ip,
            "period_seconds": limits.period_seconds,
        },
    }


@pytest.mark.gateway_emulator(rate_limits=True)
def test_health_reports_enforced_limits_and_a_namespace_may_go_without(
    gateway_emulator: GatewayEmulator,
) -> None:
    control = gateway_emulator.control
    assert control.health()["rate_limits"]["enabled"] is True
    created = control.create_namespace("fast", rate_limits=False)
    assert created["rate_limits"] is False
    root, fast = "/api/gateway/wallets", f"{created['gateway_path']}/wallets"

    def statuses(path: str, first_nonce: int) -> list[int]:
        return [
            gateway_emulator.http.get(
                path, headers=gateway_emulator.auth_headers("GET", path, nonce=nonce)
            ).status_code
            for nonce in range(first_nonce, first_nonce + 6)
        ]

    assert statuses(fast, 1) == [200] * 6  # six at once: no limit in the namespace
    assert 429 in statuses(root, 1)  # the emulator's own sandbox still enforces 2/s


def test_a_deposit_arrives_confirms_and_credits(gateway_emulator: GatewayEmulator) -> None:
    control = gateway_emulator.control
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "USDT", "network": "tron"})
    address = wallet.json()["address"]
    before = control.balances(1)["USDT"]
    pending = control.simulate_deposit(address, Decimal("25.5"), txid="tx-1")
    assert (pending["status"], pending["txid"], pending["amount"]) == (1, "tx-1", "25.50000000")
    partly = control.advance("tx-1", confirmations=5)
    assert (partly["status"], partly["actual_confirmations"]) == (1, 5)
    confirmed = control.advance("tx-1")
    assert confirmed["status"] == 5
    assert control.balances(1)["USDT"] == before + Decimal("25.5")
    history = gateway_emulator.signed.get("/wallet/history", {"txid": "tx-1"}).json()
    assert history["results"] == [confirmed]
    assert _control_error(control.advance, "tx-1").status_code == 409


def test_deposit_errors(gateway_emulator: GatewayEmulator) -> None:
    control = gateway_emulator.control
    assert _control_error(control.simulate_deposit, "TNoSuchWallet", "1").status_code == 404
    invalid = _control_error(control.simulate_deposit, "addr", "1.123456789", aml_risk=101)
    assert invalid.status_code == 400
    assert isinstance(invalid.body, dict)
    assert set(invalid.body) == {"amount", "aml_risk"}
    assert _control_error(control.advance, "unknown-tx").status_code == 404


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"confirmations": -1}, "confirmations"),
        ({"aml_risk": 101}, "aml_risk"),
        ({"aml_risk": -1}, "aml_risk"),
        ({"txid": "x" * 129}, "txid"),
        ({"memo": "m" * 129}, "memo"),
        ({"destination_tag": "t" * 129}, "destination_tag"),
    ],
)
def test_the_control_schema_rejects_a_simulation_before_it_changes_anything(
    gateway_emulator: GatewayEmulator, fields: dict[str, Any], field: str
) -> None:
    """Limits and ranges come from emulator-control.yaml, checked before the domain runs."""
    control = gateway_emulator.control
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "USDT", "network": "tron"})
    before = control.balances(1)
    invalid = _control_error(control.simulate_deposit, wallet.json()["address"], "5", **fields)
    assert invalid.status_code == 400
    assert isinstance(invalid.body, dict)
    assert set(invalid.body) == {field}
    assert control.balances(1) == before
    assert gateway_emulator.signed.get("/wallet/history").json()["count"] == 0


def test_a_withdrawal_is_moved_through_its_lifecycle(
    gateway_emulator: GatewayEmulator, funded_deposit: Any
) -> None:
    funded_deposit("100")
    control = gateway_emulator.control
    created = gateway_emulator.signed.post("/withdraw/create", WITHDRAW).json()
    done = control.set_withdraw_status(created["id"], 30)
    assert done["status"] == 30
    assert done["txid"]
    conflict = _control_error(control.set_withdraw_status, created["id"], 50)
    assert conflict.status_code == 409
    assert conflict.body == {
        "detail": f"Withdrawal {created['id']} cannot go from DONE to CANCELLED.",
        "code": "conflict",
    }
    assert _control_error(control.set_withdraw_status, 999, 30).status_code == 404
    assert _control_error(control.set_withdraw_status, created["id"], 31).status_code == 400


def test_cancelling_returns_the_funds(
    gateway_emulator: GatewayEmulator, funded_deposit: Any
) -> None:
    funded_deposit("100")
    control = gateway_emulator.control
    before = control.balances(1)["USDT"]
    created = gateway_emulator.signed.post("/withdraw/create", WITHDRAW).json()
    assert control.balances(1)["USDT"] == before - Decimal("24")  # amount + fee (fee_payer 1)
    control.set_withdraw_status(created["id"], 50)
    assert control.balances(1)["USDT"] == before


def test_transition_modes(gateway_emulator: GatewayEmulator, funded_deposit: Any) -> None:
    control = gateway_emulator.control
    assert control.mode()["mode"] == "manual"
    funded_deposit("100")
    assert control.set_mode("immediate") == {"mode": "immediate", "delay_seconds": 1.0}
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "BTC", "network": "bitcoin"})
    deposit = control.simulate_deposit(wallet.json()["address"], "0.01")
    assert deposit["status"] == 5
    created = gateway_emulator.signed.post("/withdraw/create", WITHDRAW).json()
    assert created["status"] == 30
    assert _control_error(control.set_mode, "sometimes").status_code == 400
    assert _control_error(control.set_mode, "timed", delay_seconds=0).status_code == 400


def test_timed_transitions_apply_on_tick(gateway_emulator: GatewayEmulator) -> None:
    control = gateway_emulator.control
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "XRP", "network": "ripple"})
    control.set_mode("timed", delay_seconds=0.05)
    deposit = control.simulate_deposit(wallet.json()["address"], "5", destination_tag="7")
    assert deposit["status"] == 1
    time.sleep(0.12)
    assert control.tick()["transitions"] >= 1
    history = gateway_emulator.signed.get("/wallet/history").json()
    assert history["results"][0]["status"] == 5


def test_balances_are_adjusted_with_ledger_entries(gateway_emulator: GatewayEmulator) -> None:
    control = gateway_emulator.control
    before = control.balances(1)
    credit = control.adjust_balance(1, "BTC", "0.5", reason="test credit")
    assert credit["balance"] == "1.50000000"
    debit = control.adjust_balance(1, "BTC", Decimal("-1.25"))
    assert (debit["amount"], debit["balance"]) == ("-1.25000000", "0.25000000")
    overdraft = _control_error(control.adjust_balance, 1, "BTC", "-1")
    assert overdraft.status_code == 400
    assert _control_error(control.adjust_balance, 99, "BTC", "1").status_code == 404
    assert _control_error(control.adjust_balance, 1, "btc", "1").status_code == 400
    after = control.balances(1)
    assert after["BTC"] == Decimal("0.25")
    assert {ticker: amount for ticker, amount in after.items() if ticker != "BTC"} == {
        ticker: amount for ticker, amount in before.items() if ticker != "BTC"
    }
    assert _control_error(control.balances, 99).status_code == 404
    missing = gateway_emulator.http.get("/_emulator/balances")
    assert missing.status_code == 400
    assert missing.json() == {"account_id": ["This field is required."]}


def test_accounts_never_show_secrets(gateway_emulator: GatewayEmulator) -> None:
    accounts = gateway_emulator.control.accounts()
    keys = {key["api_key"] for account in accounts for key in account["keys"]}
    assert {"demo-key", "demo-read-key", "other-key"} <= keys
    text = gateway_emulator.http.get("/_emulator/accounts").text
    assert "secret" not in text


def test_reset_wipes_state_and_nonces(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert signed.post("/wallet/create", {"ticker": "BTC", "network": "bitcoin"}).is_success
    gateway_emulator.control.adjust_balance(1, "BTC", "3")
    gateway_emulator.control.set_faults({"listPaymentMethods": {"latency_ms": 1}})
    assert signed.get("/wallets", nonce=10**12).json()["count"] == 1
    gateway_emulator.control.reset()
    assert signed.get("/wallets", nonce=1).json()["count"] == 0  # nonce 1 works again
    assert gateway_emulator.control.balances(1)["BTC"] == Decimal("1")
    assert gateway_emulator.control.faults()["operations"] == {}


class CallbackReceiver:
    """A loopback endpoint that records what it receives and verifies the signature."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict[str, Any]] = []
        self.app = Starlette(routes=[Route("/hook", self.hook, methods=["POST"])])

    async def hook(self, request: Request) -> JSONResponse:
        body = await request.body()
        expected = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        self.received.append(
            {
                "verified": hmac.compare_digest(expected, request.headers["x-callback-signature"]),
                "id": request.headers["x-callback-id"],
                "event": request.headers["x-callback-event"],
                "body": await request.json(),
            }
        )
        return JSONResponse({"ok": True})


@pytest.fixture
def receiver(gateway_emulator: GatewayEmulator) -> Iterator[tuple[CallbackReceiver, str]]:
    callback_receiver = CallbackReceiver(gateway_emulator.demo_secret)
    with LoopbackServer(callback_receiver.app) as server:
        yield callback_receiver, server.url + "/hook"


def test_callbacks_are_delivered_signed_and_logged(
    gateway_emulator: GatewayEmulator, receiver: tuple[CallbackReceiver, str]
) -> None:
    callback_receiver, url = receiver
    wallet = gateway_emulator.signed.post(
        "/wallet/create", {"ticker": "USDT", "network": "tron", "callback_url": url}
    ).json()
    gateway_emulator.control.simulate_deposit(wallet["address"], "30", txid="tx-cb")
    gateway_emulator.control.advance("tx-cb")
    assert gateway_emulator.control.tick()["deliveries"] == 2
    assert [item["body"]["data"]["status"] for item in callback_receiver.received] == [1, 5]
    assert all(item["verified"] for item in callback_receiver.received)
    assert {item["event"] for item in callback_receiver.received} == {"deposit.status_changed"}
    log = gateway_emulator.control.deliveries()
    assert [entry["status"] for entry in log] == ["delivered", "delivered"]
    assert {entry["id"] for entry in log} == {item["id"] for item in callback_receiver.received}
    assert log[0]["deliveries"][0]["status_code"] == 200
    assert gateway_emulator.control.deliveries(limit=1) == log[:1]
    assert gateway_emulator.http.get("/_emulator/callbacks?limit=0").status_code == 400


def test_control_bodies_are_validated_from_its_spec(gateway_emulator: GatewayEmulator) -> None:
    http = gateway_emulator.http
    malformed = http.post(
        "/_emulator/deposits", content=b"{", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert set(malformed.json()) == {"non_field_errors"}
    number = http.post("/_emulator/deposits", json={"address": "a", "amount": 5})
    assert number.status_code == 400
    assert "amount" in number.json()
    assert http.post("/_emulator/withdrawals/abc/status", json={"status": 30}).status_code == 400
    assert http.get("/_emulator/nothing").status_code == 404


def test_the_urls_the_banner_prints_answer_get_with_an_index(
    gateway_emulator: GatewayEmulator,
) -> None:
    http = gateway_emulator.http
    root = http.get("/")
    assert root.status_code == 200
    assert root.json()["gateway_api"] == "/api/gateway"
    gateway = http.get("/api/gateway").json()
    assert "POST /api/gateway/withdraw/create" in gateway["operations"]
    assert len(gateway["operations"]) == 6
    control = http.get("/_emulator").json()
    assert "POST /_emulator/deposits" in control["operations"]
    assert http.post("/api/gateway").status_code == 405  # an index, nothing else
