"""Pages found by key: every page of every ordering is a slice of the full list, and the
statement that finds a page's ids walks one covering index with no sort, so page N costs what
page 1 costs (the cost itself is a benchmark figure, `make bench`, never timed here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.domain import deposits, pagination, wallets, withdrawal_states, withdrawals
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.store import tables
from sqlalchemy import Select, Table
from sqlalchemy.sql.elements import ColumnElement

from .helpers import DEMO, OTHER, OTHER_KEY, create_wallet, create_withdraw, simulate_deposit

LISTS: dict[
    str, tuple[Select[tuple[object, ...]], Table, Mapping[str, Sequence[ColumnElement[object]]]]
] = {
    "wallets": (wallets._ALL_WALLETS, tables.wallets, wallets.WALLET_ORDERINGS),
    "deposits": (deposits._select(), tables.deposits, deposits.DEPOSIT_ORDERINGS),
    "withdrawals": (
        withdrawal_states.select_withdrawals(),
        tables.withdrawals,
        withdrawals.WITHDRAW_ORDERINGS,
    ),
}


def _fill(sandbox: Sandbox, clock: FakeClock) -> None:
    """Rows of two accounts interleaved, with repeated timestamps and amounts (ties break by id)."""
    demo = create_wallet(sandbox)
    create_wallet(sandbox, account_id=OTHER, api_key=OTHER_KEY)
    for number in range(11):
        if number % 3 == 0:
            clock.advance(1)
        create_wallet(sandbox, ticker="BTC", network="bitcoin")
        create_wallet(sandbox, account_id=OTHER, api_key=OTHER_KEY)
        simulate_deposit(
            sandbox, address=demo["address"], amount=Decimal(30 + number % 4), confirmations=0
        )
        create_withdraw(sandbox, amount=Decimal(10 + number % 3))


KEYS = {"wallets": "address", "deposits": "txid", "withdrawals": "id"}
"""Each presented item's unique field (wallets and deposits show no id)."""


def _pages(listing: Any, key: str, ordering: str, limit: int) -> list[object]:
    seen: list[object] = []
    page = 1
    while True:
        result = listing(DEMO, page=page, limit=limit, ordering=ordering)
        seen += [item[key] for item in result.results]
        if not result.has_next:
            return seen
        page += 1


@pytest.mark.parametrize("name", LISTS)
def test_every_page_of_every_ordering_is_a_slice_of_the_whole_list(
    sandbox: Sandbox, clock: FakeClock, name: str
) -> None:
    _fill(sandbox, clock)
    listing = {
        "wallets": sandbox.list_wallets,
        "deposits": sandbox.wallet_history,
        "withdrawals": sandbox.withdraw_history,
    }[name]
    for ordering in LISTS[name][2]:
        whole = [item[KEYS[name]] for item in listing(DEMO, ordering=ordering).results]
        assert len(whole) >= 11
        assert len(set(whole)) == len(whole)
        for limit in (1, 4, 5):
            assert _pages(listing, KEYS[name], ordering, limit) == whole, (ordering, limit)


@pytest.mark.parametrize("name", LISTS)
def test_a_page_is_found_on_one_covering_index_without_sorting(sandbox: Sandbox, name: str) -> None:
    if not sandbox.database.is_sqlite:
        pytest.skip("the plans checked are SQLite's (PostgreSQL plans tiny tables as scans)")
    statement, table, orderings = LISTS[name]
    for ordering, order_by in orderings.items():
        query = pagination._page_query(statement, table, ordering, order_by, (), True)
        with sandbox.database.read() as connection:
            sql = query.rows.statement.compile(dialect=connection.dialect).string
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (DEMO, 0, 20)).all()
        subquery = next(row[0] for row in plan if row[3].startswith("LIST SUBQUERY"))
        inner = [row[3] for row in plan if row[1] == subquery]
        assert len(inner) == 1, (ordering, inner)
        assert inner[0].startswith(f"SEARCH {table.name} USING COVERING INDEX ix_{table.name}_"), (
            ordering,
            inner,
        )
        # Nothing outside the subquery scans the table: the page's rows are read by id.
        assert not any(row[3].startswith(f"SCAN {table.name}") for row in plan), plan
