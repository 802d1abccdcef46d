from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.errors import ValidationFailed
from bitexbit_emulator.service import Sandbox

from .helpers import (
    BTC_ADDRESS,
    DEMO,
    ETH_ADDRESS,
    OTHER,
    OTHER_KEY,
    TON_ADDRESS,
    XRP_ADDRESS,
    balance,
    create_withdraw,
    integer,
    snapshot,
    text,
)


def test_new_withdrawal_holds_amount_and_fee(sandbox: Sandbox) -> None:
    withdrawal, created = create_withdraw(
        sandbox, comment="Call after success", client_order_id="order_123"
    )
    assert created
    assert withdrawal["status"] == 10
    assert (withdrawal["amount"], withdrawal["fee"], withdrawal["fee_payer"]) == (
        "22.00000000",
        "2.00000000",
        1,
    )
    assert withdrawal["id"] == 1
    assert withdrawal["comment"] == "Call after success"
    assert withdrawal["client_order_id"] == "order_123"
    assert (withdrawal["txid"], withdrawal["auto_buy"], withdrawal["aml_success"]) == (
        None,
        None,
        None,
    )
    assert balance(sandbox, "USDT") == Decimal("9976")


def test_fee_payer_2_takes_the_fee_out_of_the_amount(sandbox: Sandbox) -> None:
    create_withdraw(sandbox, fee_payer=2)
    assert balance(sandbox, "USDT") == Decimal("9978")


def test_fee_in_another_currency_is_charged_in_it(sandbox: Sandbox) -> None:
    withdrawal, _ = create_withdraw(
        sandbox, network="ethereum", address=ETH_ADDRESS, amount=Decimal("20")
    )
    assert withdrawal["fee"] == "0.00300000"
    assert balance(sandbox, "USDT") == Decimal("9980")
    assert balance(sandbox, "ETH") == Decimal("9.997")


def test_fee_rate_is_added_and_rounded_up(sandbox: Sandbox) -> None:
    withdrawal, _ = create_withdraw(sandbox, ticker="TRX", amount=Decimal("10.00000001"))
    # 1 + 10.00000001 * 0.001 = 1.01000000001 -> rounded up to 1.01000001
    assert withdrawal["fee"] == "1.01000001"
    assert balance(sandbox, "TRX") == Decimal("10000") - Decimal("10.00000001") - Decimal(
        "1.01000001"
    )


def test_memo_and_destination_tag_networks(sandbox: Sandbox) -> None:
    ton, _ = create_withdraw(
        sandbox, ticker="TON", network="ton", address=TON_ADDRESS, amount=Decimal("1"), memo="m-1"
    )
    assert ton["memo"] == "m-1"
    by_payment_id, _ = create_withdraw(
        sandbox,
        ticker="TON",
        network="ton",
        address=TON_ADDRESS,
        amount=Decimal("1"),
        payment_id="p",
    )
    assert by_payment_id["payment_id"] == "p"
    xrp, _ = create_withdraw(
        sandbox,
        ticker="XRP",
        network="ripple",
        address=XRP_ADDRESS,
        amount=Decimal("20"),
        destination_tag="4294967295",
    )
    assert xrp["destination_tag"] == "4294967295"


def test_blank_optional_strings_mean_none(sandbox: Sandbox) -> None:
    withdrawal, _ = create_withdraw(sandbox, payment_id="", memo="", destination_tag="", comment="")
    assert (
        withdrawal["payment_id"],
        withdrawal["memo"],
        withdrawal["destination_tag"],
        withdrawal["comment"],
    ) == (
        None,
        None,
        None,
        None,
    )


# The business rules the domain checks. The schema's own rules (lengths, patterns, enums) are
# checked before the domain runs, from the spec: test_http_validation.py holds those cases.
INVALID: list[tuple[dict[str, Any], str]] = [
    ({"ticker": "DOGE"}, "ticker"),
    ({"network": "bitcoin"}, "network"),
    (
        {"ticker": "BNB", "network": "bsc", "address": ETH_ADDRESS, "amount": Decimal("1")},
        "network",
    ),
    ({"amount": Decimal("0")}, "amount"),
    ({"amount": Decimal("-5")}, "amount"),
    ({"amount": Decimal("22.000000001")}, "amount"),
    ({"amount": Decimal("9.99999999")}, "amount"),  # below min_withdraw 10
    ({"amount": Decimal("50000.00000001")}, "amount"),  # above max_withdraw
    ({"amount": Decimal("1e30")}, "amount"),
    ({"address": "0x35f03647b25bd3e3221608dc05f079c0ce3ba3b1"}, "address"),
    ({"address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW0"}, "address"),
    (
        {
            "ticker": "BTC",
            "network": "bitcoin",
            "address": "T" + "1" * 33,
            "amount": Decimal("0.001"),
        },
        "address",
    ),
    ({"ticker": "TON", "network": "ton", "address": TON_ADDRESS, "amount": Decimal("1")}, "memo"),
    (
        {
            "ticker": "TON",
            "network": "ton",
            "address": TON_ADDRESS,
            "amount": Decimal("1"),
            "memo": "",
        },
        "memo",
    ),
    (
        {"ticker": "XRP", "network": "ripple", "address": XRP_ADDRESS, "amount": Decimal("20")},
        "destination_tag",
    ),
    ({"network": "ethereum", "address": ETH_ADDRESS, "fee_payer": 2}, "fee_payer"),
    ({"auto_buy_ticker": "XRP"}, "auto_buy_ticker"),
    ({"auto_buy_ticker": "USDT"}, "auto_buy_ticker"),
    ({"auto_buy_ticker": "ETH", "auto_buy_percent": Decimal("100")}, "auto_buy_percent"),
    ({"auto_buy_ticker": "ETH", "auto_buy_percent": Decimal("-100.5")}, "auto_buy_percent"),
    ({"callback_url": "gopher://127.0.0.1/"}, "callback_url"),
    (
        {"fee_payer": 2, "amount": Decimal("10000.5"), "ticker": "TRX", "address": "T" + "2" * 33},
        "non_field_errors",
    ),
    ({"amount": Decimal("9999.5"), "ticker": "TRX", "address": "T" + "2" * 33}, "non_field_errors"),
    ({"amount": Decimal("10000")}, "non_field_errors"),  # 10000 + 2 fee > 10000
    (
        {"network": "ethereum", "address": ETH_ADDRESS, "amount": Decimal("50000")},
        "non_field_errors",
    ),
]


@pytest.mark.parametrize(("fields", "field"), INVALID)
def test_every_invalid_withdrawal_is_a_400_that_changes_nothing(
    sandbox: Sandbox, fields: dict[str, Any], field: str
) -> None:
    create_withdraw(sandbox)
    before = snapshot(sandbox)
    with pytest.raises(ValidationFailed) as error:
        create_withdraw(sandbox, **fields)
    assert field in error.value.errors
    assert all(error.value.errors.values())
    assert snapshot(sandbox) == before


def test_fee_payer_2_needs_amount_above_the_fee(config: EmulatorConfig, clock: Any) -> None:
    import dataclasses

    methods = tuple(
        dataclasses.replace(m, min_withdraw=Decimal("1")) if m.ticker == "USDT" else m
        for m in config.payment_methods
    )
    sandbox = Sandbox(dataclasses.replace(config, payment_methods=methods), clock=clock)
    with pytest.raises(ValidationFailed) as error:
        create_withdraw(sandbox, amount=Decimal("2"), fee_payer=2)
    assert "greater than the fee" in error.value.errors["amount"][0]
    withdrawal, _ = create_withdraw(sandbox, amount=Decimal("2.00000001"), fee_payer=2)
    assert withdrawal["fee"] == "2.00000000"
    sandbox.close()


def test_insufficient_fee_currency_balance(sandbox: Sandbox) -> None:
    sandbox.adjust_balance(account_id=DEMO, ticker="ETH", amount=Decimal("-9.999"))
    with pytest.raises(ValidationFailed) as error:
        create_withdraw(sandbox, network="ethereum", address=ETH_ADDRESS, amount=Decimal("20"))
    assert error.value.errors["non_field_errors"][0] == "Insufficient balance."
    assert any("ETH" in message for message in error.value.errors["non_field_errors"])


def test_idempotent_replay_returns_the_original(sandbox: Sandbox) -> None:
    first, created = create_withdraw(sandbox, client_order_id="order-1", comment="x")
    again, created_again = create_withdraw(
        sandbox, client_order_id="order-1", comment="x", amount=Decimal("22.00000000")
    )
    assert created
    assert not created_again
    assert again == first
    assert balance(sandbox, "USDT") == Decimal("9976")
    # the same id on another account is another withdrawal
    theirs, theirs_created = create_withdraw(
        sandbox, OTHER, OTHER_KEY, client_order_id="order-1", comment="x"
    )
    assert theirs_created
    assert theirs["id"] != first["id"]


def test_replay_after_a_status_change_still_returns_the_original(sandbox: Sandbox) -> None:
    first, _ = create_withdraw(sandbox, client_order_id="order-2")
    sandbox.set_withdraw_status(withdraw_id=integer(first["id"]), status=50)
    again, created = create_withdraw(sandbox, client_order_id="order-2")
    assert not created
    assert again["status"] == 50
    assert again["id"] == first["id"]


@pytest.mark.parametrize(
    "change",
    [
        {"amount": Decimal("23")},
        {"comment": "different"},
        {"fee_payer": 2},
        {"auto_buy_ticker": "ETH"},
        {"callback_url": "http://127.0.0.1:1/"},
    ],
)
def test_same_client_order_id_with_other_fields_is_a_400(
    sandbox: Sandbox, change: dict[str, Any]
) -> None:
    create_withdraw(sandbox, client_order_id="order-3")
    before = snapshot(sandbox)
    with pytest.raises(ValidationFailed) as error:
        create_withdraw(sandbox, client_order_id="order-3", **change)
    assert list(error.value.errors) == ["client_order_id"]
    assert snapshot(sandbox) == before


def test_concurrent_identical_requests_create_one_withdrawal(
    config: EmulatorConfig, file_url: str
) -> None:
    """8 threads over two sandboxes sharing one file (as two processes would)."""
    sandboxes = [Sandbox(config, database_url=file_url) for _ in range(2)]
    barrier = threading.Barrier(8)
    results: list[tuple[dict[str, object], bool]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        barrier.wait()
        try:
            outcome = create_withdraw(sandboxes[index % 2], client_order_id="same-order")
        except BaseException as error:  # pragma: no cover - reported below
            with lock:
                errors.append(error)
            return
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(created for _, created in results) == 1
    assert len({withdrawal["id"] for withdrawal, _ in results}) == 1
    history = sandboxes[0].withdraw_history(DEMO, page=1, limit=None, ordering="-id")
    assert history.count == 1
    assert balance(sandboxes[1], "USDT") == Decimal("9976")
    for sandbox in sandboxes:
        sandbox.close()


def test_insert_race_is_answered_as_a_replay(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the unique constraint fires (another process won), the caller gets the original."""
    from bitexbit_emulator.domain import withdrawals

    original, _ = create_withdraw(sandbox, client_order_id="raced")
    real_find = withdrawals.find_by_client_order_id
    calls = {"count": 0}

    def miss_once(*args: Any) -> Any:
        calls["count"] += 1
        return None if calls["count"] == 1 else real_find(*args)

    monkeypatch.setattr(withdrawals, "find_by_client_order_id", miss_once)
    before = snapshot(sandbox)
    again, created = create_withdraw(sandbox, client_order_id="raced")
    assert not created
    assert again == original
    assert snapshot(sandbox) == before
    calls["count"] = 0
    with pytest.raises(ValidationFailed):
        create_withdraw(sandbox, client_order_id="raced", amount=Decimal("30"))


def test_withdraw_history_filters_pages_and_orders(sandbox: Sandbox, clock: Any) -> None:
    amounts = ["30", "10", "20"]
    made = []
    for amount in amounts:
        made.append(create_withdraw(sandbox, amount=Decimal(amount))[0])
        clock.advance(1)
    btc, _ = create_withdraw(
        sandbox, ticker="BTC", network="bitcoin", address=BTC_ADDRESS, amount=Decimal("0.01")
    )
    create_withdraw(sandbox, OTHER, OTHER_KEY, amount=Decimal("10"))
    sandbox.set_withdraw_status(withdraw_id=integer(made[1]["id"]), status=30)
    done = sandbox.withdraw_history(DEMO, status=30).results[0]

    def ids(**filters: Any) -> list[object]:
        return [w["id"] for w in sandbox.withdraw_history(DEMO, **filters).results]

    usdt_ids = [w["id"] for w in made]
    assert ids() == [btc["id"], *usdt_ids[::-1]]
    assert ids(ordering="id", ticker="USDT") == usdt_ids
    assert ids(ordering="amount", ticker="USDT") == [usdt_ids[1], usdt_ids[2], usdt_ids[0]]
    assert ids(ordering="-amount", network="tron") == [usdt_ids[0], usdt_ids[2], usdt_ids[1]]
    assert ids(ordering="created_at") == [*usdt_ids, btc["id"]]
    assert ids(ordering="-created_at", network="bitcoin") == [btc["id"]]
    assert ids(status=10, ticker="USDT") == [usdt_ids[2], usdt_ids[0]]
    assert ids(txid=text(done["txid"])) == [usdt_ids[1]]
    assert ids(address=BTC_ADDRESS) == [btc["id"]]
    page = sandbox.withdraw_history(DEMO, page=2, limit=3, ordering="id")
    assert (page.count, page.has_next, page.has_previous) == (4, False, True)
    with pytest.raises(ValidationFailed):
        sandbox.withdraw_history(DEMO, ordering="fee")


def test_replay_with_an_absurd_amount_is_a_400_not_a_crash(sandbox: Sandbox) -> None:
    create_withdraw(sandbox, client_order_id="huge")
    for amount in (Decimal("1e30"), Decimal("NaN"), Decimal("-Infinity")):
        with pytest.raises(ValidationFailed) as error:
            create_withdraw(sandbox, client_order_id="huge", amount=amount)
        assert "client_order_id" in error.value.errors
        with pytest.raises(ValidationFailed) as error:
            create_withdraw(sandbox, amount=amount)
        assert "amount" in error.value.errors


def test_a_request_is_built_from_input_by_name() -> None:
    """One generic step: unknown names ignored, blank optional text is none, money exact."""
    from bitexbit_emulator.domain.wallets import WalletRequest
    from bitexbit_emulator.domain.withdrawals import WithdrawRequest

    request = WithdrawRequest.from_input(
        {
            "ticker": "USDT",
            "network": "tron",
            "address": "T",
            "amount": 22,
            "memo": "",
            "comment": "note",
            "auto_buy_percent": "2.5",
            "colour": "blue",
        }
    )
    assert (request.amount, request.memo, request.comment) == (Decimal(22), None, "note")
    assert request.auto_buy_percent == Decimal("2.5")
    assert request.fee_payer == 1  # the default
    wallet = WalletRequest.from_input({"ticker": "ETH", "network": "ethereum", "convert_limit": 10})
    assert (wallet.convert_limit, wallet.convert_percent) == (Decimal(10), Decimal(5))
