"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task per request).

* ``RequestIdMiddleware`` gives every response an ``X-Request-Id`` (the caller's, if it is a
  short token, else a new one) and stores it in the scope for handlers and logs.
* ``LastResortMiddleware`` turns anything that escaped every other handler into the documented
  JSON 500, never a traceback or a plain-text body.
* ``GatewayCorsMiddleware`` lets the documentation's "try it" console (another origin) call the
  gateway API: only the origins given, only under the gateway's base path, never the control API.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Sequence
from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bitexbit_emulator.http.responses import SERVER_ERROR_DETAIL

__all__ = [
    "REQUEST_ID_SCOPE_KEY",
    "GatewayCorsMiddleware",
    "LastResortMiddleware",
    "RequestIdMiddleware",
    "request_id_of",
]

REQUEST_ID_SCOPE_KEY: Final = "bitexbit_emulator.request_id"
_ACCEPTED_REQUEST_ID: Final = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
logger = logging.getLogger("bitexbit_emulator.http")


def request_id_of(scope: Scope) -> str | None:
    value = scope.get(REQUEST_ID_SCOPE_KEY)
    return value if isinstance(value, str) else None


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        scope[REQUEST_ID_SCOPE_KEY] = request_id

        async def send_with_request_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "x-request-id" not in headers:
                    headers.append("X-Request-Id", request_id)
            await send(message)

        await self.app(scope, receive, send_with_request_id)


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id" and _ACCEPTED_REQUEST_ID.fullmatch(value):
            return str(value.decode("ascii"))
    return None


class LastResortMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            logger.exception(
                "unhandled error serving %s %s (request id %s)",
                scope.get("method"),
                scope.get("path"),
                request_id_of(scope),
            )
            if response_started:
                return
            body = json.dumps({"detail": SERVER_ERROR_DETAIL, "code": "server_error"}).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ]
            request_id = request_id_of(scope)
            if request_id is not None:
                headers.append((b"x-request-id", request_id.encode()))
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": body})


class GatewayCorsMiddleware:
    """CORS for the gateway API, for the given origins only (none: the middleware is inert).

    A browser page may send signed requests to the emulator's gateway API only if its origin is
    listed (by default the docs' `mkdocs serve` address, see the CLI's ``--cors-origin``). The
    control API, which has no authentication, never answers a cross-origin preflight, so no web
    page can drive it. Starlette's ``CORSMiddleware`` does the protocol; this chooses where.
    """

    def __init__(self, app: ASGIApp, *, base_path: str, origins: Sequence[str]) -> None:
        from starlette.middleware.cors import CORSMiddleware

        self.app = app
        self.prefix = base_path.rstrip("/")
        self.cors = (
            CORSMiddleware(
                app,
                allow_origins=list(origins),
                allow_methods=["GET", "POST"],
                allow_headers=["X-API-Key", "X-Signature", "X-Nonce", "Content-Type"],
                expose_headers=["X-Request-Id", "Retry-After"],
                max_age=600,
            )
            if origins
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if self.cors is not None and (path == self.prefix or path.startswith(self.prefix + "/")):
            await self.cors(scope, receive, send)
            return
        await self.app(scope, receive, send)
