"""The baselines the emulator is measured against: the smallest JSON-answering apps.

Both answer every path and method with the same small JSON body; `bench_http.py` serves them
with the emulator's own uvicorn settings (`bitexbit_emulator.serving.server_config`), so the
ratio emulator / hello-world is the cost of the emulator's work, not of a different server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_BODY = b'{"hello":"world"}'


async def hello_asgi(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """A raw ASGI app: no framework at all."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    more = True
    while more:  # read the body, as a real handler would
        message = await receive()
        more = bool(message.get("more_body"))
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": _BODY})


async def _hello(request: Request) -> JSONResponse:
    await request.body()
    return JSONResponse({"hello": "world"})


hello_starlette = Starlette(
    routes=[Route("/{path:path}", _hello, methods=["GET", "POST"])],
)
"""A Starlette app with one route: the framework the emulator is built on."""
