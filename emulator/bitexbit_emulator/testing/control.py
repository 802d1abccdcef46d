"""`ControlClient`: the one client of the control API, over the generated one.

The control API's client is generated from `openapi/emulator-control.yaml` by openapi-python-client
(`bitexbit_emulator_control_client`, drift-checked like the gateway client). This wrapper is what
tests, the conformance suite and the command line use: short method names, plain arguments in,
the parsed JSON out (the same dicts the control API documents), and `ControlError` for any
refusal. Its transport is any httpx one: a loopback URL, or an app in-process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import httpx
from bitexbit_emulator_control_client import Client
from bitexbit_emulator_control_client.api.balances import adjust_balance, get_balances
from bitexbit_emulator_control_client.api.deposits import advance_deposit, simulate_deposit
from bitexbit_emulator_control_client.api.emulator import (
    get_health,
    list_accounts,
    list_callback_deliveries,
    reset_emulator,
    run_tick,
    set_key_nonce,
)
from bitexbit_emulator_control_client.api.faults import get_faults, set_faults
from bitexbit_emulator_control_client.api.namespaces import (
    create_namespace,
    delete_namespace,
    list_namespaces,
)
from bitexbit_emulator_control_client.api.transitions import (
    get_transition_mode,
    set_transition_mode,
)
from bitexbit_emulator_control_client.api.withdrawals import set_withdraw_status
from bitexbit_emulator_control_client.models import (
    AdjustBalanceRequest,
    AdvanceDepositRequest,
    CreateNamespaceRequest,
    FaultsRequest,
    SetKeyNonceRequest,
    SetWithdrawStatusRequest,
    SimulateDepositRequest,
    TransitionModeRequest,
)
from bitexbit_emulator_control_client.types import Response

__all__ = ["CONTROL_BASE_PATH", "ControlClient", "ControlError"]

CONTROL_BASE_PATH = "/_emulator"


class ControlError(Exception):
    """A control API call was answered with an error status (the body says why)."""

    def __init__(self, status_code: int, body: object) -> None:
        super().__init__(f"control API answered HTTP {status_code}: {body}")
        self.status_code = status_code
        self.body = body


class ControlClient:
    """The control API of one emulator; every method returns the parsed JSON of the answer."""

    def __init__(
        self,
        origin: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 10.0,
        base_path: str = CONTROL_BASE_PATH,
    ) -> None:
        """The control API of the emulator at `origin` (e.g. `http://127.0.0.1:8765`); with
        `transport`, requests go there instead of the network (an app in-process)."""
        self._client = Client(
            base_url=origin.rstrip("/") + base_path,
            timeout=httpx.Timeout(timeout),
            httpx_args={"transport": transport, "trust_env": False},
        )

    @classmethod
    def in_process(cls, app: Any) -> ControlClient:
        """The control API of an ASGI app, called in-process (no network)."""
        from bitexbit_emulator.testing.in_process import InProcessTransport

        return cls("http://127.0.0.1", transport=InProcessTransport(app))

    def close(self) -> None:
        self._client.get_httpx_client().close()

    def _json(self, response: Response[Any]) -> Any:
        body = json.loads(response.content) if response.content else None
        status = int(response.status_code)
        if status >= 400:
            raise ControlError(status, body)
        return body

    def simulate_deposit(
        self, address: str, amount: Decimal | str | int, **fields: object
    ) -> dict[str, Any]:
        """A deposit to `address` (fields: txid, confirmations, aml_risk, memo, ...)."""
        body = SimulateDepositRequest.from_dict(
            {"address": address, "amount": str(amount), **fields}
        )
        result: dict[str, Any] = self._json(
            simulate_deposit.sync_detailed(client=self._client, body=body)
        )
        return result

    def advance(self, txid: str, confirmations: int | None = None) -> dict[str, Any]:
        fields = {} if confirmations is None else {"confirmations": confirmations}
        result: dict[str, Any] = self._json(
            advance_deposit.sync_detailed(
                txid, client=self._client, body=AdvanceDepositRequest.from_dict(fields)
            )
        )
        return result

    def set_withdraw_status(self, withdraw_id: int, status: int) -> dict[str, Any]:
        body = SetWithdrawStatusRequest.from_dict({"status": int(status)})
        result: dict[str, Any] = self._json(
            set_withdraw_status.sync_detailed(withdraw_id, client=self._client, body=body)
        )
        return result

    def mode(self) -> dict[str, Any]:
        result: dict[str, Any] = self._json(get_transition_mode.sync_detailed(client=self._client))
        return result

    def set_mode(self, mode: str, delay_seconds: float | None = None) -> dict[str, Any]:
        fields: dict[str, object] = {"mode": mode}
        if delay_seconds is not None:
            fields["delay_seconds"] = delay_seconds
        body = TransitionModeRequest.from_dict(fields)
        result: dict[str, Any] = self._json(
            set_transition_mode.sync_detailed(client=self._client, body=body)
        )
        return result

    def adjust_balance(
        self, account_id: int, ticker: str, amount: Decimal | str | int, reason: str | None = None
    ) -> dict[str, Any]:
        fields: dict[str, object] = {
            "account_id": account_id,
            "ticker": ticker,
            "amount": str(amount),
        }
        if reason is not None:
            fields["reason"] = reason
        body = AdjustBalanceRequest.from_dict(fields)
        result: dict[str, Any] = self._json(
            adjust_balance.sync_detailed(client=self._client, body=body)
        )
        return result

    def balances(self, account_id: int = 1) -> dict[str, Decimal]:
        body = self._json(get_balances.sync_detailed(client=self._client, account_id=account_id))
        return {ticker: Decimal(amount) for ticker, amount in body["balances"].items()}

    def accounts(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._json(list_accounts.sync_detailed(client=self._client))
        return result

    def set_key_nonce(self, api_key: str, last_nonce: int = 0) -> dict[str, Any]:
        """Set one key's last accepted nonce (recovering from a far-future nonce)."""
        body = SetKeyNonceRequest(last_nonce=last_nonce)
        result: dict[str, Any] = self._json(
            set_key_nonce.sync_detailed(api_key, client=self._client, body=body)
        )
        return result

    def deliveries(self, limit: int = 100) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._json(
            list_callback_deliveries.sync_detailed(client=self._client, limit=limit)
        )
        return result

    def faults(self) -> dict[str, Any]:
        result: dict[str, Any] = self._json(get_faults.sync_detailed(client=self._client))
        return result

    def set_faults(
        self, operations: Mapping[str, Mapping[str, object]], seed: int | None = None
    ) -> dict[str, Any]:
        """e.g. `set_faults({"createWithdraw": {"error_502_share": 1, "max_faults": 2}})`."""
        body = FaultsRequest.from_dict(
            {"seed": seed, "operations": {name: dict(rule) for name, rule in operations.items()}}
        )
        result: dict[str, Any] = self._json(
            set_faults.sync_detailed(client=self._client, body=body)
        )
        return result

    def tick(self) -> dict[str, int]:
        """Apply due timed transitions and send due callbacks now."""
        result: dict[str, int] = self._json(run_tick.sync_detailed(client=self._client))
        return result

    def reset(self) -> None:
        self._json(reset_emulator.sync_detailed(client=self._client))

    def namespaces(self) -> list[dict[str, Any]]:
        """Every namespace of this emulator (root control API only)."""
        result: list[dict[str, Any]] = self._json(
            list_namespaces.sync_detailed(client=self._client)
        )
        return result

    def create_namespace(self, name: str, *, rate_limits: bool | None = None) -> dict[str, Any]:
        """A new namespace; the answer gives its ``gateway_path`` and ``control_path``.

        ``rate_limits=False``: the namespace does not enforce the gateway's rate limits."""
        body = CreateNamespaceRequest(name=name)
        if rate_limits is not None:
            body.rate_limits = rate_limits
        result: dict[str, Any] = self._json(
            create_namespace.sync_detailed(client=self._client, body=body)
        )
        return result

    def delete_namespace(self, name: str) -> None:
        self._json(delete_namespace.sync_detailed(name, client=self._client))

    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self._json(get_health.sync_detailed(client=self._client))
        return result
