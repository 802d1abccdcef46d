"""Cross-request invariants of a stateful scenario: what was created must show up in reads.

Schemathesis follows the spec's OpenAPI links (createWallet -> listWallets / getWalletHistory,
createWithdraw -> getWithdrawHistory); its built-in checks validate each response alone.
`ScenarioLedger` remembers what the scenario created and checks the later list responses:

* a created wallet is in the wallet list;
* a created withdrawal is in the withdraw history, filtered by the fields the spec allows;
* a deposit simulated to a created wallet (control API) is in the wallet history.

A read is only judged when its query makes the answer certain: first page, and either newest
first (the item must be the first match) or no `limit` (the item must be on the one page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bitexbit_conformance.operations import operation_facts
from bitexbit_conformance.schema import find_spec_path, read_spec

__all__ = ["CreatedItem", "DepositSimulator", "ScenarioLedger", "spec_filters"]

_IDENTITY = {"listWallets": "address", "getWalletHistory": "txid", "getWithdrawHistory": "id"}
_NEWEST_FIRST = frozenset({None, "-id"})


def spec_filters(document: Mapping[str, Any] | None = None) -> dict[str, tuple[str, ...]]:
    """The filter parameters of each paginated operation of `document` (default: the spec)."""
    if document is None:
        document = read_spec(find_spec_path())
    facts = operation_facts(document).values()
    return {fact.operation_id: fact.filters for fact in facts if fact.paginated}


@dataclass(frozen=True, slots=True)
class CreatedItem:
    """A wallet, withdrawal or deposit as the API returned it when it was created."""

    kind: str
    """The list operation it must appear in (`listWallets`, `getWithdrawHistory`, ...)."""
    fields: Mapping[str, Any]

    @property
    def identity(self) -> Any:
        return self.fields.get(_IDENTITY[self.kind])


DepositSimulator = Callable[[Mapping[str, Any]], Mapping[str, Any] | None]
"""Given a created wallet, make a deposit to it (control API) and return the Deposit, or None."""


@dataclass(slots=True)
class ScenarioLedger:
    """What one scenario created, in creation order."""

    deposit_simulator: DepositSimulator | None = None
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: spec_filters())
    """operationId -> its filter parameters, for every paginated operation (from the spec)."""
    created: list[CreatedItem] = field(default_factory=list)
    judged_reads: int = 0

    def reset(self) -> None:
        self.created.clear()

    def record(self, operation_id: str | None, status_code: int, body: Any) -> None:
        """Remember what a create returned (and deposit to a new wallet).

        Only `201`: a `200` from createWithdraw is an idempotent replay of an older withdrawal,
        which is not the newest one and may not even belong to this scenario.
        """
        if status_code != 201 or not isinstance(body, dict):
            return
        if operation_id == "createWallet":
            self.created.append(CreatedItem("listWallets", body))
            if self.deposit_simulator is not None:
                deposit = self.deposit_simulator(body)
                if deposit is not None:
                    self.created.append(CreatedItem("getWalletHistory", deposit))
        elif operation_id == "createWithdraw":
            self.created.append(CreatedItem("getWithdrawHistory", body))

    def check_read(
        self, operation_id: str | None, query: Mapping[str, Any], status_code: int, body: Any
    ) -> str | None:
        """A failure message if this list response misses something the scenario created."""
        if operation_id is None or operation_id not in self.filters:
            return None
        if status_code != 200 or not isinstance(body, dict):
            return None
        results = body.get("results")
        if not isinstance(results, list) or not _is_first_page(query):
            return None
        expected = [
            item
            for item in self.created
            if item.kind == operation_id
            and _matches(query, item.fields, self.filters[operation_id])
        ]
        if not expected:
            return None
        newest = expected[-1]
        key = _IDENTITY[operation_id]
        seen = [entry.get(key) for entry in results if isinstance(entry, dict)]
        ordering = query.get("ordering")
        if ordering in _NEWEST_FIRST:
            self.judged_reads += 1
            if not seen or seen[0] != newest.identity:
                return (
                    f"{operation_id} (newest first) should start with the {key} "
                    f"{newest.identity!r} created earlier in this scenario; got {seen[:5]!r}"
                )
            return None
        if query.get("limit") is None:
            self.judged_reads += 1
            missing = [item.identity for item in expected if item.identity not in seen]
            if missing:
                return f"{operation_id} misses the {key}(s) created in this scenario: {missing!r}"
        return None


def _is_first_page(query: Mapping[str, Any]) -> bool:
    page = query.get("page", 1)
    return page in (1, "1")


def _matches(query: Mapping[str, Any], item: Mapping[str, Any], filters: tuple[str, ...]) -> bool:
    for name in filters:
        if name not in query:
            continue
        wanted = query[name]
        actual = item.get(name)
        if actual is None or str(actual) != str(wanted):
            return False
    return True
