"""A small Chrome DevTools Protocol client: headless Chromium, one page, errors, screenshots.

Only what the documentation browser test needs: start Chromium with a DevTools port on loopback,
open a page, collect every console error, uncaught exception and failed resource load, evaluate
JavaScript, and capture PNG screenshots. It speaks the protocol over `websockets` (sync client)
with the flat session mode, so events and command results arrive on one connection.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")

# The flags the documentation issue asks for, plus what a DevTools-driven run needs.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)

_DEVTOOLS_URL = re.compile(r"DevTools listening on (ws://\S+)")


def find_chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


class CdpError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


@dataclass
class PageProblems:
    """What went wrong while a page was loaded: each entry is one line for a failure message."""

    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.console_errors, *self.exceptions, *self.failed_requests]


class Browser:
    """One headless Chromium process and one page (tab) driven through DevTools."""

    def __init__(self, executable: str, profile_dir: Path, *, window: tuple[int, int]) -> None:
        self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                executable,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile_dir}",
                f"--window-size={window[0]},{window[1]}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.window = window
        self.stderr_lines: list[str] = []
        self._connection: ClientConnection | None = None
        self._closing = contextlib.ExitStack()
        self._ids = itertools.count(1)
        self._session_id = ""
        self._events: list[dict[str, Any]] = []
        self.problems = PageProblems()
        try:
            browser_url = self._wait_for_devtools_url(timeout=30.0)
            self._connection = self._closing.enter_context(
                connect(browser_url, proxy=None, max_size=None, open_timeout=10, ping_interval=None)
            )
            target = self._send("Target.createTarget", {"url": "about:blank"}, session=False)
            attached = self._send(
                "Target.attachToTarget",
                {"targetId": target["targetId"], "flatten": True},
                session=False,
            )
            self._session_id = attached["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                self._send(f"{domain}.enable")
            self.set_viewport(*window)
        except BaseException:
            self.close()
            raise

    # -- process and protocol -------------------------------------------------------------------

    def _wait_for_devtools_url(self, *, timeout: float) -> str:
        assert self._process.stderr is not None
        found: list[str] = []
        done = threading.Event()

        def read_stderr() -> None:
            assert self._process.stderr is not None
            for line in self._process.stderr:
                self.stderr_lines.append(line.rstrip("\n"))
                match = _DEVTOOLS_URL.search(line)
                if match and not found:
                    found.append(match.group(1))
                    done.set()
            done.set()

        threading.Thread(target=read_stderr, name="chromium-stderr", daemon=True).start()
        if not done.wait(timeout) or not found:
            raise CdpError(
                "Chromium did not print its DevTools URL; stderr:\n"
                + "\n".join(self.stderr_lines[-20:])
            )
        return found[0]

    def _send(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True
    ) -> dict[str, Any]:
        assert self._connection is not None
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session_id
        self._connection.send(json.dumps(message))
        deadline = time.monotonic() + 60.0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CdpError(f"no answer to {method} within 60 s")
            reply = json.loads(self._connection.recv(timeout=remaining))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise CdpError(f"{method} failed: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._on_event(reply)

    def _on_event(self, event: dict[str, Any]) -> None:
        method = event.get("method", "")
        params: dict[str, Any] = event.get("params", {})
        self._events.append(event)
        if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
            kind = params["type"]
            self.problems.console_errors.append(f"console.{kind}: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description") or details.get("text")
            self.problems.exceptions.append(f"uncaught exception: {description}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.console_errors.append(
                f"log error ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}"
            )
        elif method == "Network.loadingFailed" and not params.get("canceled", False):
            self.problems.failed_requests.append(
                f"request failed: {params.get('errorText')} ({params.get('type')})"
            )
        elif method == "Network.responseReceived":
            response = params.get("response", {})
            if int(response.get("status", 0)) >= 400:
                self.problems.failed_requests.append(
                    f"HTTP {response.get('status')} for {response.get('url')}"
                )

    def _pump(self, seconds: float) -> None:
        """Read events for a while (console messages arrive after commands return)."""
        assert self._connection is not None
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            with contextlib.suppress(TimeoutError):
                self._on_event(json.loads(self._connection.recv(timeout=remaining)))

    # -- what the tests use ---------------------------------------------------------------------

    def set_viewport(self, width: int, height: int) -> None:
        self._send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def navigate(self, url: str, *, settle_seconds: float = 1.0) -> None:
        """Load `url`, wait for its load event, then keep reading events for `settle_seconds`."""
        self._events.clear()
        result = self._send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CdpError(f"navigation to {url} failed: {result['errorText']}")
        self.wait_for_event("Page.loadEventFired", timeout=30.0)
        self._pump(settle_seconds)

    def wait_for_event(self, method: str, *, timeout: float) -> dict[str, Any]:
        assert self._connection is not None
        for seen in self._events:
            if seen.get("method") == method:
                return seen
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event: dict[str, Any] = json.loads(self._connection.recv(timeout=remaining))
            except TimeoutError:
                break
            self._on_event(event)
            if event.get("method") == method:
                return event
        raise CdpError(f"no {method} within {timeout} s")

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (promises are awaited)."""
        result = self._send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise CdpError(f"evaluating {expression!r} threw: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_until(self, expression: str, *, timeout: float = 15.0) -> Any:
        """Evaluate `expression` until it is truthy; return that value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CdpError(f"{expression!r} stayed falsy for {timeout} s")
            self._pump(0.1)

    def screenshot(self, path: Path, *, full_page: bool = False, max_height: int = 16000) -> None:
        """Save a PNG of the viewport, or of the whole page up to `max_height` pixels."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = self._send("Page.getLayoutMetrics")
            height = min(int(metrics["cssContentSize"]["height"]), max_height)
            self.set_viewport(self.window[0], height)
            self._pump(0.3)
        try:
            data = self._send("Page.captureScreenshot", params)["data"]
        finally:
            if full_page:
                self.set_viewport(*self.window)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._closing.close()
            self._connection = None
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)


@contextlib.contextmanager
def open_browser(
    executable: str, profile_dir: Path, *, window: tuple[int, int] = (1280, 2000)
) -> Iterator[Browser]:
    browser = Browser(executable, profile_dir, window=window)
    try:
        yield browser
    finally:
        browser.close()
