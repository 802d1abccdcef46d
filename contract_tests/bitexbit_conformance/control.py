"""A small client of the emulator's control API (openapi/emulator-control.yaml).

Used to make things happen that the gateway API cannot: a deposit arriving, a withdrawal
moving, faults. It speaks through any `requests.Session`, so the same code drives an
in-process emulator (Schemathesis' ASGI session) and one on a loopback port.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import requests

__all__ = ["CONTROL_BASE_PATH", "ControlError", "EmulatorControl"]

CONTROL_BASE_PATH = "/_emulator"


class ControlError(RuntimeError):
    """The control API refused a request (the message has its status and body)."""


class EmulatorControl:
    """Calls to `<origin>/_emulator/...`. `origin` is e.g. `http://127.0.0.1:8765`."""

    def __init__(self, session: requests.Session, origin: str, *, timeout: float = 10.0) -> None:
        self._session = session
        self._base = origin.rstrip("/") + CONTROL_BASE_PATH
        self._timeout = timeout

    @classmethod
    def in_process(cls, app: Any) -> EmulatorControl:
        """A control client calling an ASGI app directly (no network)."""
        from schemathesis.python import asgi

        return cls(asgi.get_client(app), f"http://{asgi.HOST}")

    def simulate_deposit(
        self, address: str, amount: Decimal | str, **fields: Any
    ) -> dict[str, Any]:
        """A deposit of `amount` to the wallet `address` is seen on the network."""
        body = {"address": address, "amount": str(amount), **fields}
        deposit: dict[str, Any] = self._call("POST", "/deposits", body)
        return deposit

    def advance_deposit(self, txid: str, confirmations: int | None = None) -> dict[str, Any]:
        body = {} if confirmations is None else {"confirmations": confirmations}
        deposit: dict[str, Any] = self._call("POST", f"/deposits/{txid}/confirmations", body)
        return deposit

    def set_withdraw_status(self, withdraw_id: int, status: int) -> dict[str, Any]:
        path = f"/withdrawals/{withdraw_id}/status"
        withdrawal: dict[str, Any] = self._call("POST", path, {"status": status})
        return withdrawal

    def set_transition_mode(self, mode: str, delay_seconds: float | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"mode": mode}
        if delay_seconds is not None:
            body["delay_seconds"] = delay_seconds
        mode_now: dict[str, Any] = self._call("PUT", "/transition-mode", body)
        return mode_now

    def set_faults(self, operations: dict[str, dict[str, Any]], *, seed: int | None = None) -> Any:
        """Replace the fault rules (keys are gateway operationIds or `*`)."""
        return self._call("PUT", "/faults", {"seed": seed, "operations": operations})

    def adjust_balance(self, account_id: int, ticker: str, amount: Decimal | str) -> Any:
        body = {"account_id": account_id, "ticker": ticker, "amount": str(amount)}
        return self._call("POST", "/balances/adjust", body)

    def accounts(self) -> Any:
        return self._call("GET", "/accounts", None)

    def reset(self) -> Any:
        return self._call("POST", "/reset", None)

    def _call(self, method: str, path: str, body: dict[str, Any] | None) -> Any:
        response = self._session.request(
            method, self._base + path, json=body, timeout=self._timeout
        )
        if response.status_code >= 400:
            where = f"{method} {CONTROL_BASE_PATH}{path}"
            raise ControlError(f"{where} -> {response.status_code}: {response.text[:500]}")
        if not response.content:
            return None
        return response.json()
