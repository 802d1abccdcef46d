"""What runs before a handler, for each API.

Gateway, in this order (each step may answer instead of the handler):

1. per-IP rate limit (429) - public operations only, as the gateway's documentation scopes it
   (the gateway has none today);
2. injected faults (latency, then a 500/502) - like a proxy in front of the service;
3. read the body (400 if over 1 MiB);
4. authentication (see ``security.authenticator``: headers 401, key 401, signature 401,
   IP allow-list 403, permission 403);
5. per-account rate limit (429) - only requests with a valid signature count, and every key
   of the account shares one allowance;
6. input validation against the spec (400);
7. the nonce is consumed (401 ``nonce_too_small``) - last, so a rejected request spends nothing.

The steps before reading the body may wait (injected latency, a slow client); the rest, with
the handler, runs without waiting, inside the pipeline's ``unit_of_work`` (for the gateway: one
database transaction per request, see ``store.database``).

Control API: refuse the emulator's own callbacks (``User-Agent``), read the body and validate
it; no authentication (a local test tool).

Both note the address and port the request arrived at (``Sandbox.own_addresses``), so that no
callback URL can point the emulator at itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from starlette.requests import Request

from bitexbit_emulator.domain.callbacks import CALLBACK_USER_AGENT, SelfAddresses
from bitexbit_emulator.faults import FaultInjector
from bitexbit_emulator.http.auth import Authenticator
from bitexbit_emulator.http.context import ReadThenWrite, RequestContext
from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.ratelimit import RateLimiter
from bitexbit_emulator.http.request_input import RawRequest, read_raw_request, validate_input
from bitexbit_emulator.http.responses import SERVER_ERROR_DETAIL, ApiResult, problem

__all__ = ["ControlPipeline", "GatewayPipeline"]

FAULT_HEADER = "X-Emulator-Fault"


def _no_unit() -> contextlib.AbstractAsyncContextManager[None]:
    return contextlib.nullcontext()


def _note_own_address(own: SelfAddresses, request: Request) -> None:
    server = request.scope.get("server")
    if server:
        own.note(str(server[0]) if server[0] is not None else None, server[1])


class GatewayPipeline:
    def __init__(
        self,
        authenticator: Authenticator,
        limiter: RateLimiter,
        faults: FaultInjector,
        own_addresses: SelfAddresses,
        unit_of_work: Callable[[], contextlib.AbstractAsyncContextManager[Any]] = _no_unit,
        read_then_write: Callable[[], contextlib.AbstractContextManager[ReadThenWrite]]
        | None = None,
    ) -> None:
        """``read_then_write``: given (a SQLite file shared by processes), read-only operations
        take the read path of ``handle_read``."""
        self.authenticator = authenticator
        self.limiter = limiter
        self.faults = faults
        self.own_addresses = own_addresses
        self.unit_of_work = unit_of_work
        self.read_then_write = read_then_write

    async def receive(self, request: Request, operation: Operation) -> RawRequest:
        """Steps 1-3: the ones that may wait."""
        _note_own_address(self.own_addresses, request)
        if not operation.secured:
            self.limiter.check_ip(request.client.host if request.client else None)
        await self._apply_faults(operation)
        return await read_raw_request(request)

    def check(
        self, request: Request, operation: Operation, raw: RawRequest, *, spend_nonce: bool = True
    ) -> RequestContext:
        """Steps 4-7, inside the unit of work (step 7 left to the caller: ``spend_nonce``)."""
        key = None
        if operation.secured:
            key = self.authenticator.authenticate(raw, request.headers, operation.permission)
            self.limiter.check_account(key.record.account_id)
        validated = validate_input(operation, raw, request.path_params)
        if key is not None and spend_nonce:
            self.authenticator.consume_nonce(key)
        return RequestContext(operation, request, raw, validated, key)

    async def handle_read(
        self,
        request: Request,
        operation: Operation,
        raw: RawRequest,
        handler: Callable[[RequestContext], Awaitable[ApiResult]],
    ) -> ApiResult:
        """A read-only operation over a shared database: steps 4-6 and the handler in a read
        snapshot, then step 7 alone in a short write (a refused nonce answers 401 instead of
        the result; an answered error still spends it, as in one transaction)."""
        assert self.read_then_write is not None
        key = None
        with self.read_then_write() as unit:
            try:
                async with unit.reading():
                    context = self.check(request, operation, raw, spend_nonce=False)
                    key = context.key
                    result = await handler(context)
            finally:
                if key is not None:
                    async with unit.writing():
                        self.authenticator.consume_nonce(key)
        return result

    async def _apply_faults(self, operation: Operation) -> None:
        decision = self.faults.decide(operation.operation_id)
        if decision.latency_seconds > 0:
            await anyio.sleep(decision.latency_seconds)
        if decision.status == 500:
            raise problem(500, SERVER_ERROR_DETAIL, "server_error", headers={FAULT_HEADER: "500"})
        if decision.status == 502:
            raise problem(
                502, "Bad gateway. Try again later.", "bad_gateway", headers={FAULT_HEADER: "502"}
            )


class ControlPipeline:
    def __init__(self, own_addresses: SelfAddresses) -> None:
        self.own_addresses = own_addresses
        # Control handlers may wait (callback delivery): each Sandbox call is its own transaction.
        self.unit_of_work: Callable[[], contextlib.AbstractAsyncContextManager[Any]] = _no_unit
        self.read_then_write: (
            Callable[[], contextlib.AbstractContextManager[ReadThenWrite]] | None
        ) = None

    async def receive(self, request: Request, operation: Operation) -> RawRequest:
        _note_own_address(self.own_addresses, request)
        if request.headers.get("user-agent") == CALLBACK_USER_AGENT:
            raise problem(
                403, "The emulator's own callbacks may not use its control API.", "forbidden"
            )
        return await read_raw_request(request)

    def check(self, request: Request, operation: Operation, raw: RawRequest) -> RequestContext:
        validated = validate_input(operation, raw, request.path_params)
        return RequestContext(operation, request, raw, validated)

    async def handle_read(
        self,
        request: Request,
        operation: Operation,
        raw: RawRequest,
        handler: Callable[[RequestContext], Awaitable[ApiResult]],
    ) -> ApiResult:
        """Never called: the control API has no read path (``read_then_write`` is None)."""
        raise RuntimeError("the control API has no separate read path")
