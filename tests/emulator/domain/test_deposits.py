from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.service import Sandbox

from .helpers import (
    DEMO,
    OTHER,
    OTHER_KEY,
    balance,
    create_wallet,
    simulate_deposit,
    snapshot,
    text,
)

HOOK = "http://127.0.0.1:9/hook"


def test_deposit_is_pending_until_confirmed(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    assert deposit["status"] == 1
    assert deposit["actual_confirmations"] is None
    assert deposit["required_confirmations"] == 20
    assert (deposit["aml_success"], deposit["aml_risk"], deposit["aml_url"]) == (None, None, None)
    assert deposit["wallet_slug"] == wallet["slug"]
    assert len(text(deposit["txid"])) == 64
    assert balance(sandbox, "USDT") == Decimal("10000")

    advanced = sandbox.advance_deposit(txid=text(deposit["txid"]), confirmations=7)
    assert (advanced["status"], advanced["actual_confirmations"]) == (1, 7)
    assert balance(sandbox, "USDT") == Decimal("10000")

    confirmed = sandbox.advance_deposit(txid=text(deposit["txid"]))
    assert (confirmed["status"], confirmed["actual_confirmations"]) == (5, 20)
    assert (confirmed["aml_success"], confirmed["aml_risk"]) == (True, 0)
    assert balance(sandbox, "USDT") == Decimal("10005")

    with pytest.raises(Conflict):
        sandbox.advance_deposit(txid=text(deposit["txid"]))


def test_given_confirmations_are_kept_and_enough_confirms_at_once(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, ticker="XRP", network="ripple")
    deposit = simulate_deposit(
        sandbox,
        address=text(wallet["address"]),
        amount=Decimal("30"),
        confirmations=1,
        destination_tag="12345",
        txid="ab" * 32,
    )
    assert (deposit["status"], deposit["actual_confirmations"]) == (5, 1)
    assert deposit["destination_tag"] == "12345"
    assert deposit["txid"] == "ab" * 32
    assert balance(sandbox, "XRP") == Decimal("1030")


@pytest.mark.parametrize(("risk", "status"), [(74, 5), (75, 6), (100, 6), (0, 5)])
def test_aml_threshold_decides(sandbox: Sandbox, risk: int, status: int) -> None:
    wallet = create_wallet(sandbox)
    deposit = simulate_deposit(
        sandbox, address=text(wallet["address"]), amount=Decimal("5"), aml_risk=risk
    )
    settled = sandbox.advance_deposit(txid=text(deposit["txid"]))
    assert settled["status"] == status
    assert settled["aml_risk"] == risk
    assert settled["aml_success"] is (status == 5)
    expected = Decimal("10005") if status == 5 else Decimal("10000")
    assert balance(sandbox, "USDT") == expected


def test_deposit_fee_is_deducted_from_the_credit(config: Any, clock: Any) -> None:
    import dataclasses

    methods = tuple(
        dataclasses.replace(m, deposit_fee_amount=Decimal("0.5"), deposit_fee_rate=Decimal("0.01"))
        if (m.ticker, m.network) == ("USDT", "tron")
        else m
        for m in config.payment_methods
    )
    sandbox = Sandbox(dataclasses.replace(config, payment_methods=methods), clock=clock)
    wallet = create_wallet(sandbox)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("10"))
    assert deposit["fee"] == "0.60000000"
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    assert balance(sandbox, "USDT") == Decimal("10009.4")
    sandbox.close()


def test_unknown_address_is_not_found(sandbox: Sandbox) -> None:
    before = snapshot(sandbox)
    with pytest.raises(NotFound):
        simulate_deposit(sandbox, address="TNoSuchWallet", amount=Decimal("1"))
    with pytest.raises(NotFound):
        sandbox.advance_deposit(txid="00" * 32)
    assert snapshot(sandbox) == before


# The domain's rules; the control schema's limits and ranges are checked before the domain
# runs (test_http_control.py holds those cases).
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("-1")}, "amount"),
        ({"amount": Decimal("0.4")}, "amount"),  # below min_deposit 0.5
        ({"amount": Decimal("1.000000001")}, "amount"),
        ({"amount": Decimal("1e11")}, "amount"),
    ],
)
def test_invalid_simulations_change_nothing(
    sandbox: Sandbox, fields: dict[str, Any], field: str
) -> None:
    wallet = create_wallet(sandbox)
    before = snapshot(sandbox)
    arguments: dict[str, Any] = {"address": wallet["address"], "amount": Decimal("5"), **fields}
    with pytest.raises(ValidationFailed) as error:
        simulate_deposit(sandbox, **arguments)
    assert field in error.value.errors
    assert snapshot(sandbox) == before


def test_duplicate_txid_conflicts(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox)
    simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"), txid="t1")
    with pytest.raises(Conflict):
        simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"), txid="t1")


def test_advance_rejects_non_positive_counts(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    with pytest.raises(ValidationFailed):
        sandbox.advance_deposit(txid=text(deposit["txid"]), confirmations=0)


def test_sell_conversion_on_confirm_respects_limit_and_percent(sandbox: Sandbox) -> None:
    wallet = create_wallet(
        sandbox,
        ticker="ETH",
        network="ethereum",
        convert_ticker="USDT",
        convert_limit=Decimal("1"),
        convert_percent=Decimal("10"),
    )
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("2.5"))
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    # ETH/USDT at 3300, selling 1 ETH (the limit) 10% below market: 2970 USDT.
    assert balance(sandbox, "ETH") == Decimal("11.5")
    assert balance(sandbox, "USDT") == Decimal("12970")
    (conversion,) = sandbox.conversions(account_id=DEMO)
    assert conversion["market"] == "ETH/USDT"
    assert (conversion["side"], conversion["amount"], conversion["price"]) == (
        2,
        "1.00000000",
        "2970.00000000",
    )
    assert conversion["state"] == "filled"


def test_buy_conversion_spends_the_whole_deposit_without_limit(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, convert_ticker="ETH", convert_percent=Decimal("10"))
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("363"))
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    # Buying ETH 10% above 3300 = 3630 USDT per ETH: 363 USDT buys 0.1 ETH.
    assert balance(sandbox, "USDT") == Decimal("10000")
    assert balance(sandbox, "ETH") == Decimal("10.1")
    (conversion,) = sandbox.conversions()
    assert (conversion["side"], conversion["price"], conversion["received_amount"]) == (
        1,
        "3630.00000000",
        "0.10000000",
    )


def test_rejected_deposit_does_not_convert(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, convert_ticker="ETH")
    deposit = simulate_deposit(
        sandbox, address=text(wallet["address"]), amount=Decimal("100"), aml_risk=90
    )
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    assert sandbox.conversions() == []


def test_status_changes_queue_signed_callbacks(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, callback_url=HOOK)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    sandbox.advance_deposit(txid=text(deposit["txid"]), confirmations=1)  # no status change
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    deliveries = sandbox.callback_deliveries()
    assert [d["event"] for d in deliveries] == ["deposit.status_changed"] * 2
    payloads = [d["payload"] for d in reversed(deliveries)]
    assert [p["data"]["status"] for p in payloads] == [1, 5]  # type: ignore[index]
    assert all(d["url"] == HOOK and d["status"] == "pending" for d in deliveries)
    assert json.dumps(deliveries)  # JSON-ready


def test_wallet_history_filters_and_orders(sandbox: Sandbox, clock: Any) -> None:
    tron = create_wallet(sandbox)
    ton = create_wallet(sandbox, ticker="TON", network="ton")
    other = create_wallet(sandbox, OTHER, OTHER_KEY)
    made = []
    for amount in ("5", "7", "6"):
        made.append(
            simulate_deposit(sandbox, address=text(tron["address"]), amount=Decimal(amount))
        )
        clock.advance(1)
    memo_deposit = simulate_deposit(
        sandbox,
        address=text(ton["address"]),
        amount=Decimal("1"),
        memo="invoice-9",
        payment_id="p-1",
    )
    simulate_deposit(sandbox, address=text(other["address"]), amount=Decimal("5"))
    sandbox.advance_deposit(txid=text(made[0]["txid"]))

    def history(**filters: Any) -> list[object]:
        arguments: dict[str, Any] = {"page": 1, "limit": None, "ordering": "-id", **filters}
        return [d["txid"] for d in sandbox.wallet_history(DEMO, **arguments).results]

    txids = [d["txid"] for d in made]
    assert history() == [memo_deposit["txid"], *txids[::-1]]
    assert history(ticker="TON") == [memo_deposit["txid"]]
    assert history(network="tron") == txids[::-1]
    assert history(status=5) == [txids[0]]
    assert history(status=1, ticker="USDT") == txids[:0:-1]
    assert history(txid=txids[1]) == [txids[1]]
    assert history(address=tron["address"], ordering="amount") == [txids[0], txids[2], txids[1]]
    assert history(ordering="-amount", ticker="USDT") == [txids[1], txids[2], txids[0]]
    assert history(memo="invoice-9") == [memo_deposit["txid"]]
    assert history(payment_id="p-1") == [memo_deposit["txid"]]
    assert history(destination_tag="1") == []
    assert history(ordering="date", ticker="USDT") == txids
    assert history(ordering="-created_at", ticker="USDT") == txids[::-1]
    page = sandbox.wallet_history(DEMO, page=2, limit=3, ordering="id")
    assert (page.count, page.has_next, page.has_previous) == (4, False, True)
    assert [d["txid"] for d in page.results] == [memo_deposit["txid"]]
    with pytest.raises(NotFound):
        sandbox.wallet_history(DEMO, page=3, limit=3, ordering="id")
