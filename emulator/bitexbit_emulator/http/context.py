"""What a handler receives: the operation, the validated input and, for the gateway, the key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.requests import Request

from bitexbit_emulator.http.auth import AuthenticatedKey
from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.request_input import RawRequest, ValidatedInput
from bitexbit_emulator.http.responses import ApiResult

__all__ = ["Handler", "Pipeline", "RequestContext"]


@dataclass(frozen=True)
class RequestContext:
    operation: Operation
    request: Request
    raw: RawRequest
    input: ValidatedInput
    key: AuthenticatedKey | None = None

    @property
    def params(self) -> dict[str, object]:
        return self.input.params

    @property
    def body(self) -> dict[str, object]:
        return self.input.body


Handler = Callable[[RequestContext], Awaitable[ApiResult]]
"""Turns validated input into a result; may raise ``ApiError`` or a domain error."""


class ReadThenWrite(Protocol):
    """A read-only request's two transactions (see ``store.database.ReadThenWrite``)."""

    def reading(self) -> AbstractAsyncContextManager[Any]:
        """The read snapshot: authentication, validation and the handler."""
        ...

    def writing(self) -> AbstractAsyncContextManager[Any]:
        """The short write after it: the nonce."""
        ...


class Pipeline(Protocol):
    """Everything before the handler: guards, reading and validating input."""

    unit_of_work: Callable[[], AbstractAsyncContextManager[Any]]
    """Wraps `check` and the handler (the gateway's: one database transaction)."""

    async def receive(self, request: Request, operation: Operation) -> RawRequest:
        """The steps that may wait, up to reading the body."""
        ...

    read_then_write: Callable[[], AbstractContextManager[ReadThenWrite]] | None
    """Given, read-only operations go through ``handle_read`` (snapshot, then the nonce)."""

    def check(self, request: Request, operation: Operation, raw: RawRequest) -> RequestContext:
        """The steps that do not wait: authentication, validation, the nonce."""
        ...

    async def handle_read(
        self,
        request: Request,
        operation: Operation,
        raw: RawRequest,
        handler: Handler,
    ) -> ApiResult:
        """A read-only operation when ``read_then_write`` is given."""
        ...
