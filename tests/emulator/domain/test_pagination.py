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
from sqlalchemy import Select, Table, select
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
        if ordering in ("id", "-id"):
            continue  # a range of account_seq (the next test)
        subquery = next(row[0] for row in plan if row[3].startswith("LIST SUBQUERY"))
        inner = [row[3] for row in plan if row[1] == subquery]
        assert len(inner) == 1, (ordering, inner)
        assert inner[0].startswith(f"SEARCH {table.name} USING COVERING INDEX ix_{table.name}_"), (
            ordering,
            inner,
        )
        # Nothing outside the subquery scans the table: the page's rows are read by id.
        assert not any(row[3].startswith(f"SCAN {table.name}") for row in plan), plan


@pytest.mark.parametrize("name", LISTS)
def test_a_page_in_id_order_is_a_range_of_one_index_and_its_count_one_entry(
    sandbox: Sandbox, name: str
) -> None:
    """Unfiltered, in id order: no skip and no count over the account's rows at all."""
    if not sandbox.database.is_sqlite:
        pytest.skip("the plans checked are SQLite's (PostgreSQL plans tiny tables as scans)")
    statement, table, orderings = LISTS[name]
    index = f"uq_{table.name}_account_seq"
    for ordering in ("id", "-id"):
        query = pagination._page_query(statement, table, ordering, orderings[ordering], (), True)
        with sandbox.database.read() as connection:
            rows, count = (
                connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {fast.statement.compile(dialect=connection.dialect)}",
                    parameters,
                ).all()
                for fast, parameters in ((query.rows, (DEMO, 0, 20)), (query.count, (0, DEMO)))
            )
        assert any(
            row[3] == f"SEARCH {table.name} USING INDEX {index} "
            "(account_id=? AND account_seq>? AND account_seq<?)"
            for row in rows
        ), rows
        assert not any("TEMP B-TREE" in row[3] or row[3].startswith("SCAN") for row in rows), rows
        assert [row[3] for row in count] == [
            f"SEARCH {table.name} USING COVERING INDEX {index} (account_id=?)"
        ], count


def test_account_seq_numbers_each_accounts_rows_from_one_without_gaps(
    sandbox: Sandbox, clock: FakeClock
) -> None:
    _fill(sandbox, clock)
    with sandbox.database.read() as connection:
        for table in (tables.wallets, tables.deposits, tables.withdrawals):
            rows = connection.execute(
                select(table.c.account_id, table.c.account_seq).order_by(table.c.id)
            ).all()
            by_account: dict[int, list[int]] = {}
            for account_id, seq in rows:
                by_account.setdefault(account_id, []).append(seq)
            assert by_account, table.name
            for numbers in by_account.values():
                assert numbers == list(range(1, len(numbers) + 1)), (table.name, numbers)


def test_two_instances_creating_wallets_at_once_never_draw_one_number(
    config: Any, postgres_database: str
) -> None:
    """On PostgreSQL (no database-wide write lock): two instances creating one account's
    wallets at once get every wallet, numbered without a gap. The wallet counter's upsert and
    the account's row lock serialize them; with the counter read and then written, the first
    two creations raced to insert its row and one answered an IntegrityError."""
    import threading

    from tools.postgres_cluster import fresh_schema

    url = fresh_schema(postgres_database)
    instances = [Sandbox(config, database_url=url) for _ in range(2)]
    errors: list[BaseException] = []

    def create(sandbox: Sandbox) -> None:
        try:
            for _ in range(15):
                create_wallet(sandbox)
        except BaseException as error:
            errors.append(error)

    try:
        threads = [threading.Thread(target=create, args=(sandbox,)) for sandbox in instances]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        with instances[0].database.read() as connection:
            numbers = (
                connection.execute(
                    select(tables.wallets.c.account_seq)
                    .where(tables.wallets.c.account_id == DEMO)
                    .order_by(tables.wallets.c.id)
                )
                .scalars()
                .all()
            )
        assert numbers == list(range(1, 31))
    finally:
        for sandbox in instances:
            sandbox.close()
