"""`RequestCounter`: an ASGI wrapper counting the HTTP requests an app answered, by status.

Schemathesis' own records leave out some probes (e.g. the unauthenticated copies sent by
`ignored_auth`); counting at the app is the exact number of requests the target received.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["ASGIApp", "RequestCounter"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class RequestCounter:
    """Wraps an ASGI app; `total`, `by_status` and `by_method` say what it answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._statuses: Counter[int] = Counter()
        self._methods: Counter[str] = Counter()

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self._statuses.values())

    @property
    def by_status(self) -> dict[int, int]:
        with self._lock:
            return dict(sorted(self._statuses.items()))

    @property
    def by_method(self) -> dict[str, int]:
        with self._lock:
            return dict(sorted(self._methods.items()))

    def reset(self) -> None:
        with self._lock:
            self._statuses.clear()
            self._methods.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        with self._lock:
            self._methods[str(scope.get("method", "?"))] += 1

        async def counting_send(message: Message) -> None:
            if message.get("type") == "http.response.start":
                with self._lock:
                    self._statuses[int(message["status"])] += 1
            await send(message)

        await self.app(scope, receive, counting_send)
