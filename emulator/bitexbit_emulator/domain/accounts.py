"""Accounts, API keys and nonces."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import BigInteger, Connection, bindparam, insert, or_, select, update
from sqlalchemy.sql.elements import BindParameter

from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain import ledger
from bitexbit_emulator.domain.errors import NotFound
from bitexbit_emulator.store.statements import FastStatement
from bitexbit_emulator.store.tables import accounts, api_keys

__all__ = [
    "MAX_NONCE",
    "ApiKeyRecord",
    "accept_nonce",
    "find_key",
    "list_accounts",
    "require_account",
    "seed_accounts",
]

MAX_NONCE = 2**63 - 1  # a signed 64-bit column holds it on every database


@dataclass(frozen=True)
class ApiKeyRecord:
    """What the HTTP layer needs to authenticate a request. The secret never shows in a repr."""

    api_key: str
    secret: str = field(repr=False)
    account_id: int
    permissions: frozenset[str]
    allowed_ips: tuple[str, ...] | None  # None = any address


def seed_accounts(connection: Connection, config: EmulatorConfig, *, now: datetime) -> None:
    """Create the configured accounts, keys and opening balances (ids follow config order)."""
    for account_id, account in enumerate(config.accounts, start=1):
        connection.execute(insert(accounts).values(id=account_id, name=account.name))
        for key in account.keys:
            connection.execute(
                insert(api_keys).values(
                    api_key=key.api_key,
                    secret=key.secret,
                    account_id=account_id,
                    permissions=",".join(sorted(key.permissions)),
                    allowed_ips=None if key.allowed_ips is None else json.dumps(key.allowed_ips),
                    last_nonce=None,
                )
            )
        ledger.post(
            connection,
            [
                ledger.Entry(account_id, ticker, amount, "opening")
                for ticker, amount in sorted(account.balances.items())
            ],
            now=now,
        )


# Built and compiled once: every signed request runs these two (see store.statements).
_FIND_KEY = FastStatement(select(api_keys).where(api_keys.c.api_key == bindparam("api_key")))
_NEW_NONCE: BindParameter[int] = bindparam("nonce", type_=BigInteger)
_ACCEPT_NONCE = FastStatement(
    update(api_keys)
    .where(
        api_keys.c.api_key == bindparam("key"),
        or_(api_keys.c.last_nonce.is_(None), api_keys.c.last_nonce < _NEW_NONCE),
    )
    .values(last_nonce=_NEW_NONCE)
)


def find_key(connection: Connection, api_key: str) -> ApiKeyRecord | None:
    row = _FIND_KEY.first(connection, {"api_key": api_key})
    if row is None:
        return None
    return ApiKeyRecord(
        api_key=row["api_key"],
        secret=row["secret"],
        account_id=row["account_id"],
        permissions=frozenset(filter(None, row["permissions"].split(","))),
        allowed_ips=None if row["allowed_ips"] is None else tuple(json.loads(row["allowed_ips"])),
    )


def accept_nonce(connection: Connection, api_key: str, nonce: int) -> bool:
    """Atomic compare-and-set: store ``nonce`` only if it exceeds the last accepted one.

    One UPDATE with the comparison in its WHERE clause, so two concurrent requests can never
    both win with the same nonce; the rowcount says whether this one did.
    """
    if not 0 <= nonce <= MAX_NONCE:
        return False
    return _ACCEPT_NONCE.rowcount(connection, {"key": api_key, "nonce": nonce}) == 1


def last_nonce(connection: Connection, api_key: str) -> int | None:
    """The key's last accepted nonce (None before its first request); NotFound for no key."""
    row = connection.execute(
        select(api_keys.c.last_nonce).where(api_keys.c.api_key == api_key)
    ).first()
    if row is None:
        raise NotFound(f"No API key {api_key[:64]!r}.")
    return None if row[0] is None else int(row[0])


def set_last_nonce(connection: Connection, api_key: str, nonce: int) -> None:
    """Store `nonce` as the key's last accepted one, whatever it was (lockout recovery)."""
    changed = connection.execute(
        update(api_keys).where(api_keys.c.api_key == api_key).values(last_nonce=nonce)
    )
    if changed.rowcount != 1:
        raise NotFound(f"No API key {api_key[:64]!r}.")


def require_account(connection: Connection, account_id: int) -> None:
    exists = connection.execute(select(accounts.c.id).where(accounts.c.id == account_id)).first()
    if exists is None:
        raise NotFound(f"No account with id {account_id}.")


def list_accounts(connection: Connection) -> list[dict[str, object]]:
    """Accounts with their keys' public attributes; secrets are never read here."""
    key_rows = connection.execute(
        select(
            api_keys.c.api_key,
            api_keys.c.account_id,
            api_keys.c.permissions,
            api_keys.c.allowed_ips,
        ).order_by(api_keys.c.api_key)
    ).all()
    keys_by_account: dict[int, list[dict[str, object]]] = {}
    for api_key, account_id, permissions, allowed_ips in key_rows:
        keys_by_account.setdefault(account_id, []).append(
            {
                "api_key": api_key,
                "permissions": sorted(filter(None, permissions.split(","))),
                "allowed_ips": None if allowed_ips is None else json.loads(allowed_ips),
            }
        )
    return [
        {"id": account_id, "name": name, "keys": keys_by_account.get(account_id, [])}
        for account_id, name in connection.execute(
            select(accounts.c.id, accounts.c.name).order_by(accounts.c.id)
        ).all()
    ]
