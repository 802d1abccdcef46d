"""Before a run: is the target reachable, the gateway, and does it accept our signature?

A run against a wrong URL or with a wrong secret used to take minutes and end in hundreds of
identical failures (or a table of "passed" next to network errors). One signed
`GET /payment-methods` answers all three questions in a second, names the cause and the likely
fix, and its body is the catalogue the run steers generated data with. It is read-only.

Against a loopback emulator (its control API answers) the run also learns the emulator's rate
limits (`GET /_emulator/health`), so it need not pace itself at the documented 2 requests a
second, nor mistake the emulator's own 429s for failures (see `cli` and `EmulatorSession`).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests
from bitexbit_emulator_control_client.types import Unset

__all__ = [
    "API_BASE_PATH",
    "EmulatorLimits",
    "PreflightError",
    "emulator_limits",
    "emulator_namespace",
    "preflight",
]

API_BASE_PATH = "/api/gateway"
CONTROL_BASE_PATH = "/_emulator"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
KEY_HINT = (
    "check BITEXBIT_API_KEY and BITEXBIT_API_SECRET, and that --scheme/--encoder match what the "
    "gateway expects (the SDK's defaults are params and python)"
)

Auth = Callable[[requests.PreparedRequest], requests.PreparedRequest]


class PreflightError(Exception):
    """The target cannot be tested: `cause` says what is wrong, `hint` what to do."""

    def __init__(self, cause: str, hint: str | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.hint = hint


def preflight(base_url: str, auth: Auth, *, timeout: float = 10.0) -> list[dict[str, Any]]:
    """One signed `GET /payment-methods`; its list of methods, or `PreflightError`."""
    base = base_url.rstrip("/")
    url = f"{base}/payment-methods"
    try:
        response = requests.get(url, auth=auth, timeout=timeout)
    except requests.Timeout:
        raise PreflightError(f"{url} did not answer within {timeout:g} s") from None
    except requests.RequestException as error:
        raise PreflightError(f"cannot reach {base} ({_reason(error)})", _start_hint(base)) from None
    status = response.status_code
    if status == 404:
        hint = None
        if not urlsplit(base).path.rstrip("/").endswith(API_BASE_PATH):
            hint = f"the base URL includes the API's base path, e.g. {_with_base_path(base)}"
        raise PreflightError(f"{url} answered 404: no bitexbit gateway at {base}", hint)
    if status == 401:
        raise PreflightError(
            f"authentication failed: {base} refused the signed request (HTTP 401"
            f"{_detail(response)})",
            KEY_HINT,
        )
    if status == 403:
        raise PreflightError(
            f"permission denied: {base} refused the key (HTTP 403{_detail(response)})",
            "the key needs read permission, and its IP allow-list must include this machine",
        )
    if status == 429:
        return []  # throttled: the key works; the run paces itself and tolerates 429s
    if status >= 500:
        raise PreflightError(f"{url} answered HTTP {status}: the gateway is failing")
    try:
        body = response.json()
    except ValueError:
        body = None
    if status != 200 or not isinstance(body, list):
        raise PreflightError(
            f"{url} answered HTTP {status} without the documented list of payment methods",
            f"is {base} the bitexbit API Gateway's base URL?",
        )
    return [item for item in body if isinstance(item, dict)]


@dataclass(frozen=True)
class EmulatorLimits:
    """What a local emulator's health check says about its rate limits."""

    origin: str
    """The emulator's root, e.g. `http://127.0.0.1:8765` (its control API is under it)."""
    enforced: bool
    """False when the emulator runs with rate limits off (`--no-rate-limit`)."""
    per_account: int | None = None
    period_seconds: float | None = None

    def describe(self) -> str:
        if not self.enforced:
            return "rate limits off"
        if self.per_account is None or self.period_seconds is None:
            return "rate limits on"
        return f"{self.per_account} requests per {self.period_seconds:g} s per account"


def _control_client(origin: str, timeout: float) -> Any:
    from bitexbit_emulator_control_client import Client

    return Client(
        base_url=f"{origin}{CONTROL_BASE_PATH}",
        timeout=httpx.Timeout(timeout),
        httpx_args={"trust_env": False},
    )


def emulator_limits(base_url: str, *, timeout: float = 2.0) -> EmulatorLimits | None:
    """The rate limits of the emulator at `base_url`, or None if it is not a local emulator.

    Only loopback hosts are asked: the control API exists on the emulator alone.
    """
    from bitexbit_emulator_control_client.api.emulator import get_health
    from bitexbit_emulator_control_client.models import Health

    parts = urlsplit(base_url)
    if parts.hostname not in LOOPBACK_HOSTS:
        return None
    origin = f"{parts.scheme}://{parts.netloc}"
    try:
        with _control_client(origin, timeout) as client:
            health = get_health.sync(client=client)
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None  # not an emulator (or not one this suite knows)
    if not isinstance(health, Health):
        return None
    limits = health.rate_limits
    if isinstance(limits, Unset):  # an emulator older than the control API 1.1
        return EmulatorLimits(origin=origin, enforced=True)
    return EmulatorLimits(
        origin=origin,
        enforced=limits.enabled,
        per_account=limits.per_account,
        period_seconds=limits.period_seconds,
    )


@contextlib.contextmanager
def emulator_namespace(limits: EmulatorLimits, *, timeout: float = 30.0) -> Iterator[str]:
    """A fresh namespace of the emulator with rate limits off; yields its gateway base URL.

    The run then goes at full speed and leaves the emulator's own sandbox untouched; the
    namespace is deleted afterwards, also when the run is interrupted.
    """
    from bitexbit_emulator_control_client.api.namespaces import create_namespace, delete_namespace
    from bitexbit_emulator_control_client.models import CreateNamespaceRequest, Namespace

    name = f"conformance_{secrets.token_hex(4)}"
    with _control_client(limits.origin, timeout) as client:
        body = CreateNamespaceRequest(name=name, rate_limits=False)
        created = create_namespace.sync(client=client, body=body)
        if not isinstance(created, Namespace):
            raise PreflightError(f"the emulator at {limits.origin} could not create a namespace")
        try:
            yield f"{limits.origin}{created.gateway_path}"
        finally:
            with contextlib.suppress(httpx.HTTPError):
                delete_namespace.sync_detailed(name, client=client)


def _reason(error: requests.RequestException) -> str:
    text = str(error)
    for marker in ("Connection refused", "Name or service not known", "No route to host"):
        if marker in text:
            return marker.lower()
    return type(error).__name__


def _start_hint(base: str) -> str:
    if urlsplit(base).hostname in LOOPBACK_HOSTS:
        return "is the emulator running? Start it with `make run` (or `bitexbit emulator serve`)"
    return "check the URL, and that this machine can reach it"


def _with_base_path(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}{API_BASE_PATH}"


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict):
        text = body.get("detail") or body.get("message") or body.get("code")
        if isinstance(text, str) and text:
            return f": {text[:160]}"
    return ""
