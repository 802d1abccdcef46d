"""Deposit wallets: creation rules, deterministic addresses, listing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, insert, select

from bitexbit_emulator.domain import ledger, state
from bitexbit_emulator.domain.addresses import generate_address
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.pagination import RowPage, fetch_account_page, next_account_seq
from bitexbit_emulator.domain.records import WalletRecord
from bitexbit_emulator.domain.validation import FieldErrors, request_from_input
from bitexbit_emulator.store.database import inserted_id
from bitexbit_emulator.store.tables import wallets

__all__ = ["WALLET_ORDERINGS", "WalletRequest", "create", "find_by_address", "load", "page"]

WALLET_ORDERINGS = {
    "id": (wallets.c.id.asc(),),
    "-id": (wallets.c.id.desc(),),
    "created_at": (wallets.c.created_at.asc(), wallets.c.id.asc()),
    "-created_at": (wallets.c.created_at.desc(), wallets.c.id.desc()),
}


@dataclass(frozen=True)
class WalletRequest:
    """One wallet create request, typed (see ``WithdrawRequest``)."""

    ticker: str
    network: str
    callback_url: str | None = None
    convert_ticker: str | None = None
    convert_limit: Decimal | None = None
    convert_percent: Decimal = Decimal(5)

    @classmethod
    def from_input(cls, fields: Mapping[str, object]) -> WalletRequest:
        """The request from input fields by name (unknown names are ignored)."""
        return request_from_input(cls, fields)


def create(
    connection: Connection,
    context: DomainContext,
    *,
    account_id: int,
    api_key: str,
    request: WalletRequest,
) -> WalletRecord:
    ticker, network, convert_ticker = request.ticker, request.network, request.convert_ticker
    errors = FieldErrors()
    catalogue = context.catalogue
    method = catalogue.method(ticker, network)
    if not catalogue.has_method_ticker(ticker):
        errors.add("ticker", f"Unknown ticker {ticker}.")
    elif method is None:
        networks = ", ".join(catalogue.networks_of(ticker))
        errors.add("network", f"{ticker} is not available on {network}; networks: {networks}.")
    elif not method.is_deposit_enabled:
        errors.add("network", f"Deposits of {ticker} on {network} are disabled.")
    errors.callback_url("callback_url", request.callback_url)
    if convert_ticker is not None:
        if convert_ticker == ticker:
            errors.add("convert_ticker", "Must differ from ticker.")
        elif catalogue.market_between(ticker, convert_ticker) is None:
            errors.add(
                "convert_ticker",
                f"No market {convert_ticker}/{ticker} or {ticker}/{convert_ticker} exists.",
            )
        errors.percent("convert_percent", request.convert_percent)
        if request.convert_limit is not None:
            errors.positive_amount("convert_limit", request.convert_limit)
    errors.raise_if_any()
    assert method is not None  # guaranteed by the checks above

    counter = state.next_counter(connection, "wallet")
    address = generate_address(method.address_format, context.derive("address", counter))
    slug = context.derive("slug", counter).hex()[:36]
    converting = convert_ticker is not None
    ledger.lock_account(connection, account_id)  # for account_seq
    wallet_id = inserted_id(
        connection.execute(
            insert(wallets).values(
                account_id=account_id,
                api_key=api_key,
                slug=slug,
                address=address,
                ticker=ticker,
                network=network,
                callback_url=request.callback_url,
                convert_ticker=convert_ticker,
                convert_limit=request.convert_limit if converting else None,
                convert_percent=request.convert_percent if converting else None,
                created_at=context.clock.now(),
                account_seq=next_account_seq(connection, wallets, account_id),
            )
        )
    )
    return load(connection, wallet_id)


def load(connection: Connection, wallet_id: int) -> WalletRecord:
    row = connection.execute(select(wallets).where(wallets.c.id == wallet_id)).mappings().one()
    return WalletRecord.from_row(row)


def find_by_address(connection: Connection, address: str) -> WalletRecord | None:
    row = connection.execute(select(wallets).where(wallets.c.address == address)).mappings().first()
    return None if row is None else WalletRecord.from_row(row)


_ALL_WALLETS = select(wallets)


def page(
    connection: Connection, account_id: int, *, page: int, limit: int | None, ordering: str
) -> tuple[RowPage, list[WalletRecord]]:
    result = fetch_account_page(
        connection,
        _ALL_WALLETS,
        wallets,
        account_id=account_id,
        orderings=WALLET_ORDERINGS,
        ordering=ordering,
        filters={},
        page=page,
        limit=limit,
    )
    return result, [WalletRecord.from_row(row) for row in result.rows]
