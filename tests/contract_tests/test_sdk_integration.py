"""The SDK against the emulator: every operation through `bitexbit.Gateway`, and every
documented error status turned into its typed exception.

Spec, client and emulator are pinned together here: the facade is built on the generated
client, the emulator is routed and validated from the same spec, and the `gateway_emulator`
fixture fails a test whose responses break the spec.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from bitexbit import (
    AmbiguousResultError,
    AuthenticationError,
    BadGatewayError,
    BadRequestError,
    DepositStatus,
    FeePayer,
    Gateway,
    NotFoundError,
    PaymentMethod,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    Wallet,
    WithdrawStatus,
)
from bitexbit_emulator.pytest_plugin import GatewayEmulator

TRON_ADDRESS = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"  # the spec's example address


def _read_only_key(emulator: GatewayEmulator) -> tuple[str, str]:
    for account in emulator.config.accounts:
        for key in account.keys:
            if key.permissions == frozenset({"read"}):
                return key.api_key, key.secret
    raise AssertionError("the emulator config has no read-only key")


def _method(gateway: Gateway, ticker: str, network: str) -> PaymentMethod:
    methods = {(m.ticker, m.network): m for m in gateway.payment_methods.list()}
    return methods[(ticker, network)]


class _FixedNonces:
    """A nonce source handing out the given values (to replay an old nonce on purpose)."""

    def __init__(self, *nonces: int) -> None:
        self._nonces = iter(nonces)

    def next_nonce(self) -> int:
        return next(self._nonces)


# --- every operation -----------------------------------------------------------------------


def test_payment_methods_come_back_typed(gateway_emulator: GatewayEmulator) -> None:
    with gateway_emulator.gateway() as gateway:
        methods = gateway.payment_methods.list()
        descending = gateway.payment_methods.list(ordering="-id")
    assert methods
    assert all(isinstance(m.min_withdraw, Decimal) for m in methods)
    assert {(m.ticker, m.network) for m in methods} >= {("BTC", "bitcoin"), ("USDT", "tron")}
    assert [m.ticker for m in descending] == [m.ticker for m in reversed(methods)]


def test_a_created_wallet_is_listed_and_iterated(gateway_emulator: GatewayEmulator) -> None:
    with gateway_emulator.gateway() as gateway:
        wallet = gateway.wallets.create(
            "ETH", "ethereum", convert_ticker="USDT", convert_percent=Decimal("2")
        )
        other = gateway.wallets.create("USDT", "tron", callback_url="http://127.0.0.1:9/cb")
        page = gateway.wallets.list(limit=1)
        every = list(gateway.wallets.iter(limit=1))
    assert isinstance(wallet, Wallet)
    assert wallet.convert_ticker == "USDT"
    assert wallet.convert_percent == Decimal("2")
    assert page.count == 2
    assert [w.address for w in page] == [other.address]
    assert {w.address for w in every} == {wallet.address, other.address}


def test_a_simulated_deposit_shows_up_in_the_wallet_history(
    gateway_emulator: GatewayEmulator,
) -> None:
    with gateway_emulator.gateway() as gateway:
        wallet = gateway.wallets.create("USDT", "tron")
        deposit = gateway_emulator.control.simulate_deposit(wallet.address, "25")
        pending = gateway.wallets.history(address=wallet.address).results
        gateway_emulator.control.advance(deposit["txid"])
        confirmed = gateway.deposits.list(txid=deposit["txid"], status=DepositStatus.CONFIRMED)
    assert [(d.txid, d.amount, d.status) for d in pending] == [
        (deposit["txid"], Decimal("25"), DepositStatus.PENDING)
    ]
    assert [d.txid for d in confirmed] == [deposit["txid"]]


def test_a_created_withdrawal_is_in_the_history_and_moves_when_told(
    gateway_emulator: GatewayEmulator,
) -> None:
    with gateway_emulator.gateway() as gateway:
        method = _method(gateway, "USDT", "tron")
        amount = method.min_withdraw * 2
        created = gateway.withdrawals.create(
            "USDT", "tron", TRON_ADDRESS, amount, comment="contract test"
        )
        replay = gateway.withdrawals.create(
            "USDT",
            "tron",
            TRON_ADDRESS,
            amount,
            client_order_id=created.client_order_id,
            comment="contract test",
        )
        history = gateway.withdrawals.history(address=TRON_ADDRESS, ticker="USDT")
        for status in (WithdrawStatus.CONFIRMED, WithdrawStatus.VERIFIED, WithdrawStatus.APPROVED):
            gateway_emulator.control.set_withdraw_status(created.id, status)
        gateway_emulator.control.set_withdraw_status(created.id, WithdrawStatus.DONE)
        done = gateway.withdrawals.list(status=WithdrawStatus.DONE).results
    assert created.status == WithdrawStatus.NEW
    assert (created.amount, created.fee_payer) == (amount, FeePayer.BALANCE)
    assert replay.id == created.id
    assert [w.id for w in history] == [created.id]
    assert [(w.id, w.txid is not None) for w in done] == [(created.id, True)]


# --- every documented error ----------------------------------------------------------------


def test_field_errors_raise_bad_request_with_the_fields(gateway_emulator: GatewayEmulator) -> None:
    with gateway_emulator.gateway() as gateway:
        with pytest.raises(BadRequestError) as wallet_error:
            gateway.wallets.create("NOPE", "tron")
        minimum = _method(gateway, "USDT", "tron").min_withdraw
        with pytest.raises(BadRequestError) as withdraw_error:
            gateway.withdrawals.create("USDT", "tron", TRON_ADDRESS, minimum / 10)
    assert wallet_error.value.status_code == 400
    assert "ticker" in wallet_error.value.field_errors
    assert "amount" in withdraw_error.value.field_errors


@pytest.mark.parametrize(
    ("api_key", "secret", "code"),
    [
        (None, "not-the-secret", "invalid_signature"),
        ("no-such-key", "whatever", "unknown_key"),
    ],
)
def test_bad_credentials_raise_authentication_error(
    gateway_emulator: GatewayEmulator, api_key: str | None, secret: str, code: str
) -> None:
    with (
        gateway_emulator.gateway(api_key, secret) as gateway,
        pytest.raises(AuthenticationError) as caught,
    ):
        gateway.payment_methods.list()
    assert (caught.value.status_code, caught.value.code) == (401, code)


def test_a_replayed_nonce_raises_authentication_error(gateway_emulator: GatewayEmulator) -> None:
    nonces = _FixedNonces(10**15, 10**15)
    with gateway_emulator.gateway(nonces=nonces, max_retries=0) as gateway:
        gateway.payment_methods.list()
        with pytest.raises(AuthenticationError) as caught:
            gateway.payment_methods.list()
    assert (caught.value.status_code, caught.value.code) == (401, "nonce_too_small")


def test_a_read_only_key_may_not_create(gateway_emulator: GatewayEmulator) -> None:
    api_key, secret = _read_only_key(gateway_emulator)
    with gateway_emulator.gateway(api_key, secret) as gateway:
        assert gateway.wallets.list().count == 0
        with pytest.raises(PermissionDeniedError) as wallet_error:
            gateway.wallets.create("USDT", "tron")
        with pytest.raises(PermissionDeniedError) as withdraw_error:
            gateway.withdrawals.create("USDT", "tron", TRON_ADDRESS, Decimal("20"))
    assert (wallet_error.value.status_code, wallet_error.value.code) == (403, "permission_denied")
    assert withdraw_error.value.code == "permission_denied"


@pytest.mark.parametrize("page", [2, 99])
def test_a_page_past_the_last_raises_not_found(
    gateway_emulator: GatewayEmulator, page: int
) -> None:
    with gateway_emulator.gateway() as gateway:
        gateway.wallets.create("USDT", "tron")
        with pytest.raises(NotFoundError) as caught:
            gateway.wallets.list(page=page)
        with pytest.raises(NotFoundError):
            gateway.withdrawals.list(page=page)
        with pytest.raises(NotFoundError):
            gateway.deposits.list(page=page)
    assert (caught.value.status_code, caught.value.code) == (404, "not_found")


@pytest.mark.gateway_emulator(rate_limits=True)
def test_over_the_rate_limit_raises_with_retry_after(gateway_emulator: GatewayEmulator) -> None:
    with gateway_emulator.gateway(rate_limit=False, max_retries=0) as gateway:
        gateway.payment_methods.list()
        gateway.payment_methods.list()
        with pytest.raises(RateLimitError) as caught:
            gateway.payment_methods.list()
    assert (caught.value.status_code, caught.value.code) == (429, "throttled")
    assert caught.value.retry_after is not None
    assert caught.value.retry_after >= 0


def test_an_injected_500_raises_server_error_and_is_not_retried(
    gateway_emulator: GatewayEmulator,
) -> None:
    gateway_emulator.control.set_faults({"createWallet": {"error_500_share": 1}})
    with (
        gateway_emulator.gateway(max_retries=3) as gateway,
        pytest.raises(AmbiguousResultError) as caught,
    ):
        gateway.wallets.create("USDT", "tron")
    cause = caught.value.cause  # a 500 on a create leaves open whether the wallet exists
    assert isinstance(cause, ServerError)
    assert not isinstance(cause, BadGatewayError)
    assert (cause.status_code, cause.code) == (500, "server_error")
    assert gateway_emulator.control.faults()["operations"]["createWallet"]["injected"] == 1


def test_an_injected_502_raises_bad_gateway_and_retries_recover(
    gateway_emulator: GatewayEmulator,
) -> None:
    gateway_emulator.control.set_faults({"listWallets": {"error_502_share": 1, "max_faults": 2}})
    with (
        gateway_emulator.gateway(max_retries=0) as gateway,
        pytest.raises(BadGatewayError) as caught,
    ):
        gateway.wallets.list()
    assert (caught.value.status_code, caught.value.code) == (502, "bad_gateway")
    with gateway_emulator.gateway(max_retries=3) as gateway:
        assert gateway.wallets.list().count == 0  # the second fault, then a success
    assert gateway_emulator.control.faults()["operations"]["listWallets"]["injected"] == 2


def test_every_gateway_operation_is_covered_here(gateway_spec: dict[str, Any]) -> None:
    """Guard: a new operation in the spec needs an SDK-against-emulator test in this module."""
    operations = {
        operation["operationId"]
        for path in gateway_spec["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    covered = {
        "listPaymentMethods": test_payment_methods_come_back_typed,
        "createWallet": test_a_created_wallet_is_listed_and_iterated,
        "listWallets": test_a_created_wallet_is_listed_and_iterated,
        "getWalletHistory": test_a_simulated_deposit_shows_up_in_the_wallet_history,
        "createWithdraw": test_a_created_withdrawal_is_in_the_history_and_moves_when_told,
        "getWithdrawHistory": test_a_created_withdrawal_is_in_the_history_and_moves_when_told,
    }
    assert operations == set(covered)
