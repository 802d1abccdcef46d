from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from bitexbit_emulator.config import CallbacksConfig, EmulatorConfig
from bitexbit_emulator.domain.callbacks import is_allowed_url
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.service import Sandbox

from .helpers import create_wallet, create_withdraw, integer, simulate_deposit, text


@dataclasses.dataclass
class Received:
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A loopback HTTP server that answers 500 to the first ``failures`` requests."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[Received] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(Received(dict(self.headers.items()), body))
                failing = len(receiver.received) <= receiver.failures
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(failures=2) as server:
        yield server


def _signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def test_signed_delivery_is_retried_with_backoff(
    sandbox: Sandbox, clock: FakeClock, receiver: Receiver
) -> None:
    wallet = create_wallet(sandbox, callback_url=receiver.url)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))

    assert await sandbox.deliver_callbacks() == 1  # attempt 1: 500
    assert await sandbox.deliver_callbacks() == 0  # not due before the backoff (1 s)
    clock.advance(1)
    assert await sandbox.deliver_callbacks() == 1  # attempt 2: 500, next in 2 s
    clock.advance(1.5)
    assert await sandbox.deliver_callbacks() == 0
    clock.advance(0.5)
    assert await sandbox.deliver_callbacks() == 1  # attempt 3: delivered

    assert len(receiver.received) == 3
    bodies = {item.body for item in receiver.received}
    assert len(bodies) == 1  # the same bytes every time
    body = bodies.pop()
    payload = json.loads(body)
    for item in receiver.received:
        assert item.headers["X-Callback-Signature"] == _signature("demo-secret", body)
        assert item.headers["X-Callback-Id"] == payload["id"]
        assert item.headers["X-Callback-Event"] == "deposit.status_changed"
        assert item.headers["Content-Type"] == "application/json"
    assert payload["event"] == "deposit.status_changed"
    assert payload["data"] == deposit

    (delivery,) = sandbox.callback_deliveries()
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 3
    assert delivery["next_attempt_at"] is None
    assert delivery["signature"] == _signature("demo-secret", body)
    log = delivery["deliveries"]
    assert isinstance(log, list)
    assert [entry["status_code"] for entry in log] == [500, 500, 204]
    assert [entry["attempt"] for entry in log] == [1, 2, 3]
    assert log[0]["error"] == "HTTP 500"
    assert log[2]["error"] is None


async def test_withdraw_callbacks_use_the_secret_of_the_creating_key(
    sandbox: Sandbox, receiver: Receiver
) -> None:
    receiver.failures = 0
    withdrawal, _ = create_withdraw(sandbox, api_key="demo-ip-key", callback_url=receiver.url)
    sandbox.set_withdraw_status(withdraw_id=integer(withdrawal["id"]), status=20)
    assert await sandbox.deliver_callbacks() == 1
    (item,) = receiver.received
    assert item.headers["X-Callback-Signature"] == _signature("demo-ip-secret", item.body)
    assert item.headers["X-Callback-Event"] == "withdraw.status_changed"
    assert json.loads(item.body)["data"]["status"] == 20


async def test_gives_up_after_max_attempts(config: EmulatorConfig, clock: FakeClock) -> None:
    limited = dataclasses.replace(
        config, callbacks=dataclasses.replace(config.callbacks, max_attempts=2)
    )
    sandbox = Sandbox(limited, clock=clock)
    with Receiver(failures=100) as server:
        wallet = create_wallet(sandbox, callback_url=server.url)
        simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
        assert await sandbox.deliver_callbacks() == 1
        clock.advance(1)
        assert await sandbox.deliver_callbacks() == 1
        clock.advance(3600)
        assert await sandbox.deliver_callbacks() == 0
        assert len(server.received) == 2
    (delivery,) = sandbox.callback_deliveries()
    assert delivery["status"] == "failed"
    sandbox.close()


async def test_hosts_outside_the_allow_list_are_never_called(sandbox: Sandbox) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    wallet = create_wallet(sandbox, callback_url="http://169.254.169.254/latest/meta-data")
    simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        assert await sandbox.deliver_callbacks(client) == 1
        assert await sandbox.deliver_callbacks(client) == 0
    assert calls == []
    (delivery,) = sandbox.callback_deliveries()
    assert delivery["status"] == "refused"
    log = delivery["deliveries"]
    assert isinstance(log, list)
    assert "not allowed" in log[0]["error"]


async def test_connection_errors_are_logged_and_retried(sandbox: Sandbox, clock: FakeClock) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    wallet = create_wallet(sandbox, callback_url=f"http://127.0.0.1:{port}/hook")
    simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    assert await sandbox.deliver_callbacks() == 1
    (delivery,) = sandbox.callback_deliveries()
    assert delivery["status"] == "pending"
    log = delivery["deliveries"]
    assert isinstance(log, list)
    assert log[0]["status_code"] is None
    assert "ConnectError" in log[0]["error"]
    assert delivery["next_attempt_at"] == "2024-01-01T00:00:01.000000Z"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/hook", True),
        ("https://localhost/hook", True),
        ("http://LOCALHOST/hook", True),
        ("http://[::1]:9000/", True),
        ("ftp://127.0.0.1/", False),
        ("http://127.0.0.2/", False),
        ("http://localhost.example.com/", False),
        ("http://127.0.0.1@evil.example/", False),
        ("http://[::1/", False),
        ("not a url", False),
    ],
)
def test_allow_list(url: str, allowed: bool) -> None:
    assert is_allowed_url(url, CallbacksConfig()) is allowed


def test_deliveries_limit_must_be_positive(sandbox: Sandbox) -> None:
    from bitexbit_emulator.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        sandbox.callback_deliveries(limit=0)


class SlowOnPendingReceiver(Receiver):
    """Records each body when it finishes handling it; a PENDING deposit takes 0.3 s to handle."""

    def __init__(self) -> None:
        super().__init__(failures=0)
        receiver = self
        handler = self.server.RequestHandlerClass

        class SlowHandler(handler):  # type: ignore[valid-type, misc]
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if json.loads(body)["data"]["status"] == 1:
                    threading.Event().wait(0.3)
                receiver.received.append(Received(dict(self.headers.items()), body))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server.RequestHandlerClass = SlowHandler


async def test_one_receiver_gets_its_callbacks_in_event_order(sandbox: Sandbox) -> None:
    """Sending every due callback at once let CONFIRMED overtake PENDING at a slow receiver."""
    with SlowOnPendingReceiver() as receiver:
        wallet = create_wallet(sandbox, callback_url=receiver.url)
        simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"), txid="tx-1")
        sandbox.advance_deposit(txid="tx-1")

        assert await sandbox.deliver_callbacks() == 2

    statuses = [json.loads(item.body)["data"]["status"] for item in receiver.received]
    assert statuses == [1, 5]
