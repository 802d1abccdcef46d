"""pytest plugin: the ``gateway_emulator`` fixture (entry point ``pytest11``).

```python
def test_withdraw(gateway_emulator):
    gateway = gateway_emulator.gateway()          # a ready bitexbit.Gateway
    wallet = gateway.wallets.create("USDT", "tron")
    gateway_emulator.control.simulate_deposit(wallet.address, "25")
```

Each test gets a fresh in-memory Sandbox, served in-process (no socket) unless it asks for a
loopback server with ``@pytest.mark.gateway_emulator(live=True)`` or ``--gateway-emulator-live``.
Defaults: response validation ON (a response that breaks the spec fails the test at teardown),
rate limits OFF, transition mode ``manual``. Marker keywords: ``live``, ``rate_limits``,
``transition_mode``, ``delay_seconds``, ``validate_responses``, ``config`` (an EmulatorConfig or
a YAML path), ``database_url``.

Heavy imports happen inside the fixture: this module is imported by every pytest run in an
environment where the emulator is installed.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bitexbit_emulator.testing.control import ControlClient, ControlError

if TYPE_CHECKING:
    import httpx
    from bitexbit import AsyncGateway, Gateway
    from starlette.applications import Starlette

    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.http.response_check import ResponseChecker, ResponseMismatch
    from bitexbit_emulator.service import Sandbox

__all__ = [
    "ControlClient",
    "ControlError",
    "EmulatorOptions",
    "GatewayEmulator",
    "SignedHttp",
    "gateway_emulator",
]

LIVE_OPTION = "--gateway-emulator-live"
URL_OPTION = "--gateway-emulator-url"
URL_VARIABLE = "BITEXBIT_EMULATOR_URL"
MARKER = "gateway_emulator"
IN_PROCESS_ROOT_URL = "http://127.0.0.1"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("bitexbit-emulator")
    group.addoption(
        LIVE_OPTION,
        action="store_true",
        default=False,
        help="serve the gateway_emulator fixture on a free 127.0.0.1 port instead of in-process",
    )
    group.addoption(
        URL_OPTION,
        default=None,
        metavar="URL",
        help="give each test a fresh namespace of the (shared) emulator at URL instead of an "
        f"emulator of its own (also ${URL_VARIABLE}); see docs/shared-sandbox.md",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(live=False, rate_limits=False, transition_mode='manual', delay_seconds=None, "
        "validate_responses=True, config=None, database_url=None): options of the "
        "gateway_emulator fixture",
    )


@dataclass(frozen=True)
class EmulatorOptions:
    live: bool = False
    rate_limits: bool = False
    transition_mode: str = "manual"
    delay_seconds: float | None = None
    validate_responses: bool = True
    config: EmulatorConfig | str | Path | None = None
    database_url: str = "sqlite://"
    remote_url: str | None = None
    """A running (shared) emulator: the test gets a fresh namespace of it (``--gateway-emulator
    -url``); ``config`` must then be the config that emulator runs (the secrets are not served)."""

    @classmethod
    def from_marker(cls, marker: pytest.Mark | None, *, live_by_default: bool) -> EmulatorOptions:
        keywords: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
        unknown = sorted(set(keywords) - set(cls.__dataclass_fields__))
        if unknown:
            raise pytest.UsageError(f"unknown {MARKER} marker options: {unknown}")
        keywords.setdefault("live", live_by_default)
        if keywords.get("database_url") is None:
            keywords.pop("database_url", None)
        return cls(**keywords)


class SignedHttp:
    """Raw gateway requests, signed, with an increasing nonce: for tests of the HTTP surface.

    ``path`` is relative to the gateway base path (``"/wallets"``); a dict body is sent as JSON
    or as a form (``content_type``); bytes are sent as they are.
    """

    def __init__(self, emulator: GatewayEmulator, first_nonce: int = 1_000) -> None:
        self._emulator = emulator
        self._last_nonce = first_nonce - 1

    def next_nonce(self) -> int:
        """One more than the highest nonce used so far (explicit nonces included)."""
        return self._last_nonce + 1

    def _use(self, nonce: int | None) -> int:
        chosen = self.next_nonce() if nonce is None else nonce
        self._last_nonce = max(self._last_nonce, chosen)
        return chosen

    def get(
        self,
        path: str,
        params: Mapping[str, object] | None = None,
        *,
        nonce: int | None = None,
        api_key: str | None = None,
        secret: str | None = None,
        scheme: str = "params",
        encoder: str = "python",
    ) -> httpx.Response:
        from urllib.parse import urlencode

        query = urlencode(params or {})
        full_path = self._emulator.gateway_base_path + path
        headers = self._emulator.auth_headers(
            "GET",
            full_path,
            query=query,
            nonce=self._use(nonce),
            api_key=api_key,
            secret=secret,
            scheme=scheme,
            encoder=encoder,
        )
        return self._emulator.http.get(full_path + (f"?{query}" if query else ""), headers=headers)

    def post(
        self,
        path: str,
        body: Mapping[str, object] | bytes,
        *,
        content_type: str = "application/json",
        nonce: int | None = None,
        api_key: str | None = None,
        secret: str | None = None,
        scheme: str = "params",
        encoder: str = "python",
    ) -> httpx.Response:
        from urllib.parse import urlencode

        if isinstance(body, bytes):
            raw = body
        elif content_type == "application/json":
            raw = json.dumps(body).encode()
        else:
            raw = urlencode(body).encode()
        full_path = self._emulator.gateway_base_path + path
        headers = self._emulator.auth_headers(
            "POST",
            full_path,
            body=raw,
            content_type=content_type,
            nonce=self._use(nonce),
            api_key=api_key,
            secret=secret,
            scheme=scheme,
            encoder=encoder,
        )
        return self._emulator.http.post(full_path, content=raw, headers=headers)


class GatewayEmulator:
    """A running emulator: its URLs, control helpers, the Sandbox and ready clients."""

    def __init__(self, options: EmulatorOptions) -> None:
        import httpx

        self.options = options
        self._exit_stack = ExitStack()
        self.config: EmulatorConfig = self._load_config()
        self.transport: httpx.BaseTransport | None = None
        self._checker: ResponseChecker | None = None
        self._sandbox: Sandbox | None = None
        self._app: Starlette | None = None
        self.namespace: str | None = None
        """The namespace this test got on a shared emulator (None: an emulator of its own)."""
        self.root_url = ""
        self.gateway_base_path = ""
        self.control_base_path = ""
        if options.remote_url is not None:
            self._connect_to_namespace(options.remote_url)
        else:
            self._start_own_emulator()
        self.base_url = self.root_url + self.gateway_base_path
        self.control_url = self.root_url + self.control_base_path
        self.http = httpx.Client(base_url=self.root_url, transport=self.transport, trust_env=False)
        self._exit_stack.callback(self.http.close)
        self.control = ControlClient(
            self.root_url, transport=self.transport, base_path=self.control_base_path
        )
        self._exit_stack.callback(self.control.close)
        if options.remote_url is not None and (
            options.transition_mode != self.control.mode()["mode"]
            or options.delay_seconds is not None
        ):
            self.control.set_mode(options.transition_mode, options.delay_seconds)
        demo = self.config.demo_key()
        if demo is None:
            raise ValueError("the emulator config has no key with every permission (demo key)")
        self.demo_key: str = demo.api_key
        self.demo_secret: str = demo.secret
        self.signed = SignedHttp(self)

    def _load_config(self) -> EmulatorConfig:
        from bitexbit_emulator.config import EmulatorConfig

        config = self.options.config
        return config if isinstance(config, EmulatorConfig) else EmulatorConfig.load(config)

    def _connect_to_namespace(self, url: str) -> None:
        """A fresh namespace of the emulator at ``url``, deleted when the test ends."""
        import uuid

        self.root_url = url.rstrip("/")
        name = f"t_{uuid.uuid4().hex[:20]}"
        root = ControlClient(self.root_url, timeout=30)
        self._exit_stack.callback(root.close)
        namespace = root.create_namespace(name)

        def delete() -> None:
            try:
                root.delete_namespace(name)
            except ControlError as error:
                if error.status_code != 404:  # gone already (the shared emulator was reset)
                    raise

        self._exit_stack.callback(delete)
        self.namespace = name
        self.gateway_base_path = str(namespace["gateway_path"])
        self.control_base_path = str(namespace["control_path"])

    def _start_own_emulator(self) -> None:
        from bitexbit_emulator.app import create_app, emulator_state
        from bitexbit_emulator.service import Sandbox
        from bitexbit_emulator.testing.in_process import InProcessTransport
        from bitexbit_emulator.testing.loopback import LoopbackServer

        options = self.options
        config = self.config
        sandbox = self._sandbox = Sandbox(config, database_url=options.database_url)
        self._exit_stack.callback(sandbox.close)
        if options.transition_mode != sandbox.get_transition_mode()["mode"] or (
            options.delay_seconds is not None
        ):
            sandbox.set_transition_mode(
                mode=options.transition_mode, delay_seconds=options.delay_seconds
            )
        self._app = create_app(
            sandbox,
            validate_responses=options.validate_responses,
            rate_limits=options.rate_limits,
            background_interval=0.2 if options.live else None,
        )
        state = emulator_state(self.app)
        self._checker = state.response_checker
        if options.live:
            server = LoopbackServer(self.app).start()
            self._exit_stack.callback(server.stop)
            self.root_url = server.url
        else:
            transport = InProcessTransport(self.app)
            self._exit_stack.callback(transport.close)
            self.root_url = IN_PROCESS_ROOT_URL
            self.transport = transport
        self.gateway_base_path = state.gateway_base_path
        self.control_base_path = state.control_base_path

    @property
    def live(self) -> bool:
        return self.options.live

    @property
    def sandbox(self) -> Sandbox:
        """The emulator's Sandbox, in this process (not with ``--gateway-emulator-url``)."""
        if self._sandbox is None:
            raise RuntimeError(
                "this test uses the emulator's Sandbox directly, which a shared emulator "
                "(--gateway-emulator-url) does not offer; use the control API instead"
            )
        return self._sandbox

    @property
    def app(self) -> Starlette:
        """The emulator's ASGI app, in this process (not with ``--gateway-emulator-url``)."""
        if self._app is None:
            raise RuntimeError("a shared emulator (--gateway-emulator-url) runs elsewhere: no app")
        return self._app

    @property
    def response_mismatches(self) -> list[ResponseMismatch]:
        """Responses that broke the spec so far; clear it in a test that breaks one on purpose."""
        return self._checker.failures if self._checker is not None else []

    def gateway(
        self, api_key: str | None = None, secret: str | None = None, **options: Any
    ) -> Gateway:
        """A ``bitexbit.Gateway`` for the demo key (or the given one) talking to this emulator.

        Client-side rate limiting is off unless the emulator enforces limits, and withdrawals
        are retried after an ambiguous failure (``retry_ambiguous_writes``), since the emulator
        deduplicates by ``client_order_id``; pass any other ``Gateway`` option through
        ``options``.
        """
        from bitexbit import Gateway

        options.setdefault("rate_limit", self.options.rate_limits)
        options.setdefault("retry_ambiguous_writes", True)
        if self.transport is not None:
            options.setdefault("transport", self.transport)
        return Gateway(
            api_key or self.demo_key,
            secret or self.demo_secret,
            base_url=self.base_url,
            **options,
        )

    def async_gateway(
        self, api_key: str | None = None, secret: str | None = None, **options: Any
    ) -> AsyncGateway:
        """A ``bitexbit.AsyncGateway``; in-process it runs the app on the caller's event loop."""
        import httpx
        from bitexbit import AsyncGateway

        options.setdefault("rate_limit", self.options.rate_limits)
        options.setdefault("retry_ambiguous_writes", True)
        if not self.live:
            options.setdefault(
                "transport", httpx.ASGITransport(app=self.app, client=("127.0.0.1", 50000))
            )
        return AsyncGateway(
            api_key or self.demo_key,
            secret or self.demo_secret,
            base_url=self.base_url,
            **options,
        )

    def auth_headers(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        body: bytes = b"",
        content_type: str | None = None,
        nonce: int,
        api_key: str | None = None,
        secret: str | None = None,
        scheme: str = "params",
        encoder: str = "python",
    ) -> dict[str, str]:
        """The three auth headers for a raw request (``path`` like ``/api/gateway/wallets``)."""
        from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers

        headers = auth_headers(
            secret=secret or self.demo_secret,
            api_key=api_key or self.demo_key,
            scheme=SignatureScheme(scheme),
            encoder=ParamEncoder(encoder),
            method=method,
            path=path,
            query=query,
            content_type=content_type,
            body=body,
            nonce=nonce,
        )
        if content_type is not None:
            headers["Content-Type"] = content_type
        return headers

    def check_responses(self) -> None:
        """Fail if any response broke the spec (the fixture calls this at teardown)."""
        if self.response_mismatches:
            details = "; ".join(
                f"{item.operation_id} HTTP {item.status}: {json.dumps(item.problems)}"
                for item in self.response_mismatches
            )
            pytest.fail(f"the emulator sent responses that break the OpenAPI spec: {details}")

    def close(self) -> None:
        self._exit_stack.close()

    def __enter__(self) -> GatewayEmulator:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


@pytest.fixture
def gateway_emulator(request: pytest.FixtureRequest) -> Iterator[GatewayEmulator]:
    """A fresh emulator per test; see the module docstring for the marker options."""
    import os

    options = EmulatorOptions.from_marker(
        request.node.get_closest_marker(MARKER),
        live_by_default=bool(request.config.getoption(LIVE_OPTION)),
    )
    remote = request.config.getoption(URL_OPTION) or os.environ.get(URL_VARIABLE) or None
    if remote and options.remote_url is None:
        options = dataclasses.replace(options, remote_url=remote, live=True)
    with GatewayEmulator(options) as emulator:
        yield emulator
        emulator.check_responses()
