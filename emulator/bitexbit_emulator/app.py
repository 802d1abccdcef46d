"""``create_app``: the emulator as one ASGI app - the gateway API at ``/api/gateway`` and the
control API at ``/_emulator``, both routed and validated from their OpenAPI documents.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import anyio
import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import Receive, Scope, Send

from bitexbit_emulator.control.handlers import ControlServices, control_handlers
from bitexbit_emulator.faults import FaultInjector
from bitexbit_emulator.http.auth import Authenticator, AuthHeaderNames, SignatureVerifier
from bitexbit_emulator.http.gateway_handlers import gateway_handlers
from bitexbit_emulator.http.middleware import (
    GatewayCorsMiddleware,
    LastResortMiddleware,
    RequestIdMiddleware,
)
from bitexbit_emulator.http.operations import Operation, read_operations
from bitexbit_emulator.http.pipelines import ControlPipeline, GatewayPipeline
from bitexbit_emulator.http.ratelimit import (
    Buckets,
    MonotonicClock,
    RateLimiter,
    RateLimitSettings,
)
from bitexbit_emulator.http.response_check import ResponseChecker
from bitexbit_emulator.http.responses import problem, render
from bitexbit_emulator.http.routing import base_path_of, build_routes
from bitexbit_emulator.http.schema import SchemaCompiler
from bitexbit_emulator.namespaces import PATH_PREFIX, NamespaceRegistry
from bitexbit_emulator.specs import CONTROL_SPEC, GATEWAY_SPEC, RefResolver, load_spec
from bitexbit_emulator.store.buckets import DatabaseBuckets

if TYPE_CHECKING:
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.service import Sandbox

__all__ = [
    "BACKGROUND_INTERVAL_SECONDS",
    "EmulatorState",
    "create_app",
    "emulator_state",
]

BACKGROUND_INTERVAL_SECONDS = 0.2
NAMESPACE_SYNC_SECONDS = 1.0
logger = logging.getLogger("bitexbit_emulator")


@dataclass
class EmulatorState:
    """What the app serves from; ``app.state.emulator`` (see ``emulator_state``)."""

    sandbox: Sandbox
    faults: FaultInjector
    limiter: RateLimiter
    response_checker: ResponseChecker | None
    gateway_base_path: str
    control_base_path: str
    callback_client: httpx.AsyncClient | None = field(default=None)
    namespaces: NamespaceRegistry | None = field(default=None)
    """The root app's namespaces (None in a namespace's own app)."""


def emulator_state(app: Starlette) -> EmulatorState:
    state = app.state.emulator
    if not isinstance(state, EmulatorState):
        raise TypeError("not an app made by bitexbit_emulator.create_app")
    return state


def create_app(
    sandbox: Sandbox | None = None,
    *,
    config: EmulatorConfig | None = None,
    validate_responses: bool | None = None,
    rate_limits: bool | None = None,
    rate_limit_clock: MonotonicClock | None = None,
    fault_seed: int | None = None,
    background_interval: float | None = BACKGROUND_INTERVAL_SECONDS,
    control_api: bool = True,
    background_lock: str | None = None,
    namespaces: bool = True,
    cors_origins: Sequence[str] = (),
) -> Starlette:
    """Build the app around ``sandbox`` (a new one from ``config`` if None).

    ``validate_responses`` and ``rate_limits`` default to the config's settings.
    ``background_interval`` None runs no background task (call ``POST /_emulator/tick``).
    ``rate_limit_clock`` (tests): the rate limits' clock, by default ``time.monotonic``, or
    ``time.time`` on a database other processes may share (see `_rate_limit_buckets`).
    ``background_lock`` (a file path, for several workers on one database): only the process
    holding that file's lock runs the background task, so due transitions and callbacks are
    handled once; if it dies, the lock is free and another worker takes over.
    ``namespaces``: serve the sandbox's namespaces under ``/ns/{name}`` (``bitexbit_emulator
    .namespaces``), each through an app of its own made by this function with the same options;
    their background work runs in this app's background task.
    ``cors_origins``: browser origins (e.g. the docs' ``http://127.0.0.1:8000``) allowed to call
    the gateway API cross-origin, for the docs' "try it" console; the control API never is.
    A sandbox created here is closed when the app shuts down; a given one is the caller's.
    """
    owns_sandbox = sandbox is None
    if sandbox is None:
        from bitexbit_emulator.config import EmulatorConfig
        from bitexbit_emulator.service import Sandbox

        sandbox = Sandbox(config or EmulatorConfig.load(None))
    config = sandbox.config
    check_responses = (
        config.response_validation if validate_responses is None else validate_responses
    )
    limits = config.rate_limits
    limiter = RateLimiter(
        RateLimitSettings(
            enabled=limits.enabled if rate_limits is None else rate_limits,
            per_account=limits.per_account,
            per_ip=limits.per_ip,
            period_seconds=limits.period_seconds,
        ),
        **_rate_limit_buckets(sandbox, rate_limit_clock),
    )
    faults = FaultInjector(fault_seed)
    checker = ResponseChecker() if check_responses else None
    gateway_document = load_spec(GATEWAY_SPEC)
    gateway_operations = _operations(GATEWAY_SPEC, check_responses)
    state = EmulatorState(
        sandbox=sandbox,
        faults=faults,
        limiter=limiter,
        response_checker=checker,
        gateway_base_path=base_path_of(gateway_document),
        control_base_path=base_path_of(load_spec(CONTROL_SPEC)),
        namespaces=NamespaceRegistry(sandbox) if namespaces else None,
    )
    authenticator = Authenticator(
        sandbox,
        AuthHeaderNames.from_spec(gateway_document),
        SignatureVerifier(config.signing.schemes, config.signing.encoders),
        max_nonce_ahead_ms=config.signing.max_nonce_ahead_ms,
    )
    routes = build_routes(
        state.gateway_base_path,
        gateway_operations,
        gateway_handlers(sandbox),
        GatewayPipeline(
            authenticator,
            limiter,
            faults,
            sandbox.own_addresses,
            unit_of_work=sandbox.database.request_unit,
            # SQLite's single write lock is what the read path avoids; PostgreSQL has none
            # (and its shared rate-limit buckets write inside the request's unit).
            read_then_write=(
                sandbox.database.read_then_write
                if sandbox.database.shared_by_processes and sandbox.database.is_sqlite
                else None
            ),
        ),
        checker,
    )
    if control_api:
        services = ControlServices(
            faults=faults,
            limiter=limiter,
            gateway_operation_ids=frozenset(gateway_operations),
            callback_client=lambda: state.callback_client,
            namespaces=state.namespaces,
        )
        routes += build_routes(
            state.control_base_path,
            _operations(CONTROL_SPEC, check_responses),
            control_handlers(sandbox, services),
            ControlPipeline(sandbox.own_addresses),
            checker,
        )

    routes += _index_routes(
        state.gateway_base_path,
        gateway_operations,
        state.control_base_path if control_api else None,
        _operations(CONTROL_SPEC, check_responses) if control_api else {},
    )

    mounts: list[BaseRoute] = []
    if state.namespaces is not None:
        registry = state.namespaces
        children: dict[str, Starlette] = {}

        def child_app(name: str) -> Starlette | None:
            child_sandbox = registry.get(name)
            if child_sandbox is None:
                children.pop(name, None)
                return None
            child = children.get(name)
            if child is None or emulator_state(child).sandbox is not child_sandbox:
                own_limits = registry.rate_limits_of(name)
                child = create_app(
                    child_sandbox,
                    validate_responses=check_responses,
                    rate_limits=rate_limits if own_limits is None else own_limits,
                    rate_limit_clock=rate_limit_clock,
                    fault_seed=fault_seed,
                    background_interval=None,  # this app's background task serves it
                    control_api=control_api,
                    namespaces=False,
                )
                children[name] = child
            emulator_state(child).callback_client = state.callback_client
            return child

        async def namespace(scope: Scope, receive: Receive, send: Send) -> None:
            name = str(scope.get("path_params", {}).get("namespace", ""))
            child = child_app(name)
            if child is None:
                missing = problem(404, f"No namespace {name[:40]!r}.", "not_found")
                await render(missing.result)(scope, receive, send)
                return
            await child(scope, receive, send)

        mounts.append(Mount(PATH_PREFIX + "/{namespace}", app=namespace))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        timeout = httpx.Timeout(config.callbacks.timeout_seconds)
        async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:
            state.callback_client = client
            try:
                async with anyio.create_task_group() as task_group:
                    if background_interval is not None:
                        task_group.start_soon(
                            _background_work, state, background_interval, background_lock
                        )
                    yield
                    task_group.cancel_scope.cancel()
            finally:
                state.callback_client = None
                if state.namespaces is not None:
                    state.namespaces.close()
                if owns_sandbox:
                    state.sandbox.close()

    app = Starlette(
        routes=[*routes, *mounts],
        middleware=[
            Middleware(
                GatewayCorsMiddleware, base_path=state.gateway_base_path, origins=cors_origins
            ),
            Middleware(RequestIdMiddleware),
            Middleware(LastResortMiddleware),
        ],
        exception_handlers={HTTPException: _http_exception},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.state.emulator = state
    return app


def _rate_limit_buckets(sandbox: Sandbox, clock: MonotonicClock | None) -> dict[str, Any]:
    """On PostgreSQL, where any number of emulator instances may serve one database, the rate
    limits' buckets live in that database (``store.buckets``) and run on the wall clock, which
    instances share; otherwise in this process. SQLite's ``--workers`` keep per-process buckets:
    their read path runs in a read snapshot that cannot take a token (docs/emulator.md)."""
    if sandbox.database.is_sqlite:
        return {"clock": clock or time.monotonic}
    database = sandbox.database

    def shared(scope: str, requests: int, period: float, clock: MonotonicClock) -> Buckets:
        return DatabaseBuckets(database, scope, requests, period, clock)

    return {"clock": clock or time.time, "buckets": shared}


def _index_routes(
    gateway_path: str,
    gateway_operations: Mapping[str, Operation],
    control_path: str | None,
    control_operations: Mapping[str, Operation],
) -> list[Route]:
    """`GET` on the URLs the banner prints (`/`, the gateway and control base paths): a JSON
    index of what is served there, instead of a bare 404. The emulator's own convenience: the
    gateway documents no such resource."""
    from bitexbit_emulator import __spec_version__, __version__

    def listing(base: str, operations: Mapping[str, Operation]) -> list[str]:
        return sorted(f"{op.method.upper()} {base}{op.path}" for op in operations.values())

    document: dict[str, object] = {
        "service": "bitexbit gateway emulator",
        "version": __version__,
        "spec_version": __spec_version__,
        "gateway_api": gateway_path,
        "control_api": control_path,
        "note": "Every gateway operation needs the X-API-Key, X-Signature and X-Nonce headers "
        "(see the signing guide); the control API is for tests and needs none.",
    }
    pages = {
        "/": document,
        gateway_path: {**document, "operations": listing(gateway_path, gateway_operations)},
    }
    if control_path is not None:
        pages[control_path] = {
            **document,
            "operations": listing(control_path, control_operations),
        }

    def page(body: Mapping[str, object]) -> Any:
        async def show(request: Request) -> Response:
            return JSONResponse(dict(body))

        return show

    return [
        Route(path, page(body), methods=["GET"], name=INDEX_ROUTE) for path, body in pages.items()
    ]


INDEX_ROUTE = "emulator-index"
"""The name of the index routes: the only routes the specs do not list (a test checks)."""


@functools.cache
def _operations(document_name: str, with_responses: bool) -> dict[str, Operation]:
    """Compiled once per process: spec documents do not change while it runs."""
    document = load_spec(document_name)
    linked = {GATEWAY_SPEC: load_spec(GATEWAY_SPEC)} if document_name != GATEWAY_SPEC else {}
    compiler = SchemaCompiler(document_name, document, linked=linked, check_formats=True)
    resolver = RefResolver(document, linked)
    return read_operations(resolver, compiler, with_responses=with_responses)


async def _background_work(state: EmulatorState, interval: float, lock_path: str | None) -> None:
    """Apply due timed transitions and send due callbacks, forever; errors are logged."""
    lock = _BackgroundLock(lock_path) if lock_path is not None else None
    synced_at = 0.0
    while True:
        await anyio.sleep(interval)
        if lock is not None and not lock.held():
            continue
        sandboxes = [state.sandbox]
        if state.namespaces is not None:
            if time.monotonic() - synced_at >= NAMESPACE_SYNC_SECONDS:
                synced_at = time.monotonic()
                try:
                    state.namespaces.sync()  # namespaces made or deleted by other instances
                except Exception:
                    logger.exception("namespace sync failed; retrying")
            sandboxes += state.namespaces.open_sandboxes()
        for sandbox in sandboxes:
            try:
                sandbox.tick()
                await sandbox.deliver_callbacks(state.callback_client)
            except Exception:
                logger.exception("background work failed; retrying in %s s", interval)


class _BackgroundLock:
    """An exclusive ``flock`` on a file, tried without waiting; held until the process ends."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def held(self) -> bool:
        if self._file is not None:
            return True
        import fcntl  # POSIX only; several workers are too

        handle = open(self.path, "ab")  # noqa: SIM115 - kept open while the lock is held
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Routing errors (unknown path 404, wrong method 405) in the documented Error shape."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    if status == 404:
        error = problem(404, "Not found.", "not_found", headers=headers)
    elif status == 405:
        error = problem(
            405, f'Method "{request.method}" not allowed.', "method_not_allowed", headers=headers
        )
    else:
        detail = exc.detail if isinstance(exc, HTTPException) else "Error."
        error = problem(status, detail, "error", headers=headers)
    return render(error.result)
