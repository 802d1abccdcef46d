"""Status callbacks: an outbox, signed delivery, retries with backoff, a host allow-list.

A status change enqueues one outbox row in the same transaction as the change, with the body
serialized once: the signature (hex HMAC-SHA256 keyed with the secret of the API key that
created the wallet or withdrawal) covers exactly those bytes, and every retry sends them again
with the same ``X-Callback-Id``. Only http(s) URLs whose host is in
``callbacks.allowed_hosts`` are ever called; any other is recorded as ``refused``.

Nor is the emulator itself ever called back: a gateway key chooses its ``callback_url``, and a
URL aimed at the emulator's own port (``/_emulator/reset``...) would let it drive the control
API. The host is resolved first, and every address it resolves to is checked against where the
emulator listens (``SelfAddresses``: the ports it serves on, noted from each request it answers
and by ``serve``); redirects are never followed. As a second line, every callback carries the
``User-Agent`` ``CALLBACK_USER_AGENT``, which the control API refuses.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from bitexbit_signing import hmac_hex
from sqlalchemy import Connection, and_, insert, or_, select, update

from bitexbit_emulator.config import CallbacksConfig
from bitexbit_emulator.domain.clock import format_datetime
from bitexbit_emulator.store.tables import api_keys, callback_attempts, callback_outbox

__all__ = [
    "CALLBACK_USER_AGENT",
    "DueCallback",
    "SelfAddresses",
    "claim_due",
    "enqueue",
    "is_allowed_url",
    "list_deliveries",
    "record_attempt",
    "send",
    "sign_body",
]

PENDING, DELIVERED, FAILED, REFUSED = "pending", "delivered", "failed", "refused"
_ERROR_LIMIT = 255
CALLBACK_USER_AGENT = "bitexbit-emulator-callback/1.0"


@dataclass
class SelfAddresses:
    """Where this emulator listens, so that no callback is ever sent to itself."""

    ports: set[int] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)

    def note(self, host: str | None, port: int | None) -> None:
        """Remember a (local address, port) a request arrived at, or one `serve` binds."""
        if port is not None:
            self.ports.add(port)
        if host:
            self.hosts.add(host.strip("[]").lower())

    def covers(self, address: str, port: int) -> bool:
        """Whether a connection to `address`:`port` could reach this emulator."""
        if port not in self.ports:
            return False
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        mapped = getattr(ip, "ipv4_mapped", None) or ip
        return mapped.is_loopback or mapped.is_unspecified or str(mapped) in self.hosts


def sign_body(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the raw body bytes, keyed with the API secret."""
    return hmac_hex(secret, body)


def is_allowed_url(url: str, config: CallbacksConfig) -> bool:
    """http(s) only, and the host must be one of the allowed names (compared literally)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    allowed = {name.lower().strip("[]") for name in config.allowed_hosts}
    return host.lower() in allowed


def enqueue(
    connection: Connection,
    *,
    event: str,
    url: str,
    api_key: str,
    data: dict[str, object],
    subject_type: str,
    subject_id: int,
    now: datetime,
) -> str:
    """Store one signed callback for delivery; returns its event id."""
    event_id = str(uuid.uuid4())
    body = json.dumps(
        {"id": event_id, "event": event, "created_at": format_datetime(now), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")
    secret = connection.execute(
        select(api_keys.c.secret).where(api_keys.c.api_key == api_key)
    ).scalar_one()
    connection.execute(
        insert(callback_outbox).values(
            event_id=event_id,
            event=event,
            url=url,
            body=body,
            signature=sign_body(secret, body),
            subject_type=subject_type,
            subject_id=subject_id,
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )
    return event_id


@dataclass(frozen=True)
class DueCallback:
    outbox_id: int
    event_id: str
    event: str
    url: str
    body: bytes
    signature: str
    attempts: int


def claim_due(
    connection: Connection, *, now: datetime, lease_seconds: float, limit: int = 50
) -> list[DueCallback]:
    """Pending rows whose time has come, leased so an overlapping run does not send them twice."""
    rows = (
        connection.execute(
            select(callback_outbox)
            .where(
                callback_outbox.c.status == PENDING,
                or_(
                    callback_outbox.c.next_attempt_at.is_(None),
                    callback_outbox.c.next_attempt_at <= now,
                ),
            )
            .order_by(callback_outbox.c.next_attempt_at, callback_outbox.c.id)
            .limit(limit)
            # Several instances on one PostgreSQL database: each claims rows no other run has
            # locked (SQLite ignores this; its write transactions already run one at a time).
            .with_for_update(skip_locked=True)
        )
        .mappings()
        .all()
    )
    lease_until = now + timedelta(seconds=lease_seconds)
    claimed: list[DueCallback] = []
    for row in rows:
        taken = connection.execute(
            update(callback_outbox)
            .where(
                and_(
                    callback_outbox.c.id == row["id"],
                    callback_outbox.c.status == PENDING,
                    callback_outbox.c.attempts == row["attempts"],
                )
            )
            .values(next_attempt_at=lease_until)
        )
        if taken.rowcount == 1:
            claimed.append(
                DueCallback(
                    outbox_id=row["id"],
                    event_id=row["event_id"],
                    event=row["event"],
                    url=row["url"],
                    body=row["body"],
                    signature=row["signature"],
                    attempts=row["attempts"],
                )
            )
    return claimed


@dataclass(frozen=True)
class SendOutcome:
    status_code: int | None
    error: str | None
    refused: bool = False

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def target_refusal(url: str, config: CallbacksConfig, own: SelfAddresses) -> str | None:
    """Why `url` must not be called (not allowed, unresolvable, or the emulator itself)."""
    if not is_allowed_url(url, config):
        return "host not allowed by callbacks.allowed_hosts"
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "invalid port"
    host = parts.hostname or ""
    try:
        resolved = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return "host does not resolve"
    if any(own.covers(str(info[4][0]), port) for info in resolved):
        return "the URL points at the emulator itself"
    return None


async def send(
    client: httpx.AsyncClient,
    due: DueCallback,
    config: CallbacksConfig,
    own: SelfAddresses | None = None,
) -> SendOutcome:
    """POST one callback (never outside the allow-list, never to the emulator itself)."""
    refusal = await target_refusal(due.url, config, own or SelfAddresses())
    if refusal is not None:
        return SendOutcome(None, refusal, refused=True)
    headers = {
        "User-Agent": CALLBACK_USER_AGENT,
        "Content-Type": "application/json",
        "X-Callback-Signature": due.signature,
        "X-Callback-Id": due.event_id,
        "X-Callback-Event": due.event,
    }
    try:
        response = await client.post(
            due.url,
            content=due.body,
            headers=headers,
            timeout=config.timeout_seconds,
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        return SendOutcome(None, f"{type(error).__name__}: {error}"[:_ERROR_LIMIT])
    return SendOutcome(response.status_code, None)


async def send_in_order_per_url(
    client: httpx.AsyncClient,
    due: list[DueCallback],
    config: CallbacksConfig,
    own: SelfAddresses | None = None,
) -> list[SendOutcome]:
    """Send `due` (in outbox order); outcomes come back in the same order.

    Receivers run concurrently, so one slow receiver does not hold up the others; one receiver
    gets its callbacks one after another, in the order the events happened (a deposit's PENDING
    before its CONFIRMED), never racing each other.
    """
    by_url: dict[str, list[int]] = {}
    for index, item in enumerate(due):
        by_url.setdefault(item.url, []).append(index)
    outcomes: list[SendOutcome | None] = [None] * len(due)

    async def send_sequentially(indexes: list[int]) -> None:
        for index in indexes:
            outcomes[index] = await send(client, due[index], config, own)

    await asyncio.gather(*(send_sequentially(indexes) for indexes in by_url.values()))
    return [outcome for outcome in outcomes if outcome is not None]


def record_attempt(
    connection: Connection,
    due: DueCallback,
    outcome: SendOutcome,
    config: CallbacksConfig,
    *,
    now: datetime,
) -> None:
    """Log the attempt and decide the row's next state (delivered, retry later, failed, refused)."""
    attempt = due.attempts + 1
    connection.execute(
        insert(callback_attempts).values(
            outbox_id=due.outbox_id,
            attempt=attempt,
            status_code=outcome.status_code,
            error=outcome.error or (None if outcome.delivered else f"HTTP {outcome.status_code}"),
            at=now,
        )
    )
    if outcome.delivered:
        status, next_attempt_at = DELIVERED, None
    elif outcome.refused:
        status, next_attempt_at = REFUSED, None
    elif attempt >= config.max_attempts:
        status, next_attempt_at = FAILED, None
    else:
        delay = config.backoff_base_seconds * 2 ** (attempt - 1)
        status, next_attempt_at = PENDING, now + timedelta(seconds=delay)
    connection.execute(
        update(callback_outbox)
        .where(callback_outbox.c.id == due.outbox_id)
        .values(status=status, attempts=attempt, next_attempt_at=next_attempt_at)
    )


def list_deliveries(connection: Connection, *, limit: int) -> list[dict[str, object]]:
    """Newest first: each outbox entry with its attempts (the control API's delivery log)."""
    rows = (
        connection.execute(
            select(callback_outbox).order_by(callback_outbox.c.id.desc()).limit(limit)
        )
        .mappings()
        .all()
    )
    ids = [row["id"] for row in rows]
    attempts: dict[int, list[dict[str, object]]] = {}
    if ids:
        for attempt in (
            connection.execute(
                select(callback_attempts)
                .where(callback_attempts.c.outbox_id.in_(ids))
                .order_by(callback_attempts.c.outbox_id, callback_attempts.c.attempt)
            )
            .mappings()
            .all()
        ):
            attempts.setdefault(attempt["outbox_id"], []).append(
                {
                    "attempt": attempt["attempt"],
                    "status_code": attempt["status_code"],
                    "error": attempt["error"],
                    "at": format_datetime(attempt["at"]),
                }
            )
    return [
        {
            "id": row["event_id"],
            "event": row["event"],
            "url": row["url"],
            "status": row["status"],
            "attempts": row["attempts"],
            "next_attempt_at": None
            if row["next_attempt_at"] is None or row["status"] != PENDING
            else format_datetime(row["next_attempt_at"]),
            "created_at": format_datetime(row["created_at"]),
            "signature": row["signature"],
            "payload": json.loads(row["body"]),
            "deliveries": attempts.get(row["id"], []),
        }
        for row in rows
    ]
