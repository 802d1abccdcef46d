"""A synchronous httpx transport that serves requests from an ASGI app in-process.

httpx's ``ASGITransport`` is async-only. This one runs the app on an event loop in a helper
thread (an anyio blocking portal), so synchronous clients - ``httpx.Client``, ``requests``-style
code, the SDK's ``Gateway`` - can talk to the emulator without a socket, from sync and async
tests alike.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from starlette.types import ASGIApp

__all__ = ["InProcessTransport"]


class InProcessTransport(httpx.BaseTransport):
    def __init__(self, app: ASGIApp, *, client: tuple[str, int] = ("127.0.0.1", 50000)) -> None:
        self._asgi = httpx.ASGITransport(app=app, client=client)
        self._exit_stack = ExitStack()
        self._portal: BlockingPortal | None = None

    def _started_portal(self) -> BlockingPortal:
        if self._portal is None:
            self._portal = self._exit_stack.enter_context(start_blocking_portal())
        return self._portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def serve() -> tuple[int, list[tuple[str, str]], bytes]:
            forwarded = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._asgi.handle_async_request(forwarded)
            content = await response.aread()
            return response.status_code, response.headers.multi_items(), content

        status, headers, content = self._started_portal().call(serve)
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        self._portal = None
        self._exit_stack.close()

    def __exit__(self, *args: Any) -> None:
        self.close()
