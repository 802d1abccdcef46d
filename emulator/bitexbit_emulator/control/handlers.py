"""Handlers of the control API, by operationId. A local test tool: no authentication.

Like the gateway handlers they only translate: validated input -> Sandbox (or fault injector)
call -> JSON-ready result. Domain errors (unknown address 404, illegal transition 409) are
mapped by the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx

from bitexbit_emulator.domain.deposits import SimulatedDeposit
from bitexbit_emulator.faults import ALL_OPERATIONS, FaultInjector, FaultRule
from bitexbit_emulator.http.context import Handler, RequestContext
from bitexbit_emulator.http.ratelimit import RateLimiter
from bitexbit_emulator.http.responses import ApiResult, bad_request, problem

if TYPE_CHECKING:
    from bitexbit_emulator.namespaces import NamespaceRegistry
    from bitexbit_emulator.service import Sandbox

__all__ = ["ControlServices", "control_handlers"]


@dataclass(frozen=True)
class ControlServices:
    """What the control API acts on besides the Sandbox."""

    faults: FaultInjector
    limiter: RateLimiter
    gateway_operation_ids: Collection[str]
    callback_client: Callable[[], httpx.AsyncClient | None]
    namespaces: NamespaceRegistry | None = None
    """The root control API's namespace registry; None inside a namespace (namespaces do not
    nest: their operations answer 404 there)."""


def control_handlers(sandbox: Sandbox, services: ControlServices) -> dict[str, Handler]:
    async def get_health(context: RequestContext) -> ApiResult:
        limits = services.limiter.settings
        return ApiResult(
            200,
            {
                "status": "ok",
                "rate_limits": {
                    "enabled": limits.enabled,
                    "per_account": limits.per_account,
                    "per_ip": limits.per_ip,
                    "period_seconds": limits.period_seconds,
                },
            },
        )

    async def simulate_deposit(context: RequestContext) -> ApiResult:
        deposit = sandbox.simulate_deposit(SimulatedDeposit.from_input(context.body))
        return ApiResult(201, deposit)

    async def advance_deposit(context: RequestContext) -> ApiResult:
        confirmations = context.body.get("confirmations")
        deposit = sandbox.advance_deposit(
            txid=_text(context.params, "txid") or "",
            confirmations=confirmations if isinstance(confirmations, int) else None,
        )
        return ApiResult(200, deposit)

    async def set_withdraw_status(context: RequestContext) -> ApiResult:
        withdraw = sandbox.set_withdraw_status(
            withdraw_id=_integer(context.params, "withdraw_id", 0),
            status=_integer(context.body, "status", 0),
        )
        return ApiResult(200, withdraw)

    async def get_transition_mode(context: RequestContext) -> ApiResult:
        return ApiResult(200, sandbox.get_transition_mode())

    async def set_transition_mode(context: RequestContext) -> ApiResult:
        delay = context.body.get("delay_seconds")
        mode = sandbox.set_transition_mode(
            mode=_text(context.body, "mode") or "",
            delay_seconds=float(delay) if isinstance(delay, int | float) else None,
        )
        return ApiResult(200, mode)

    async def get_balances(context: RequestContext) -> ApiResult:
        account_id = _integer(context.params, "account_id", 0)
        return ApiResult(200, {"account_id": account_id, "balances": sandbox.balances(account_id)})

    async def adjust_balance(context: RequestContext) -> ApiResult:
        body = context.body
        adjustment = sandbox.adjust_balance(
            account_id=_integer(body, "account_id", 0),
            ticker=_text(body, "ticker") or "",
            amount=Decimal(_text(body, "amount") or "0"),
            reason=_text(body, "reason") or "control",
        )
        return ApiResult(200, adjustment)

    async def set_key_nonce(context: RequestContext) -> ApiResult:
        api_key = _text(context.params, "api_key") or ""
        return ApiResult(
            200, sandbox.set_last_nonce(api_key, _integer(context.body, "last_nonce", 0))
        )

    async def list_accounts(context: RequestContext) -> ApiResult:
        return ApiResult(200, sandbox.accounts())

    async def get_faults(context: RequestContext) -> ApiResult:
        return ApiResult(200, services.faults.snapshot())

    async def set_faults(context: RequestContext) -> ApiResult:
        rules = _fault_rules(context.body.get("operations"), services.gateway_operation_ids)
        seed = context.body.get("seed")
        services.faults.configure(rules, seed if isinstance(seed, int) else None)
        return ApiResult(200, services.faults.snapshot())

    async def list_callback_deliveries(context: RequestContext) -> ApiResult:
        limit = _integer(context.params, "limit", 100)
        return ApiResult(200, sandbox.callback_deliveries(limit=limit))

    async def run_tick(context: RequestContext) -> ApiResult:
        transitions = sandbox.tick()
        deliveries = await sandbox.deliver_callbacks(services.callback_client())
        return ApiResult(200, {"transitions": transitions, "deliveries": deliveries})

    async def reset_emulator(context: RequestContext) -> ApiResult:
        if services.namespaces is not None:  # the root sandbox: its namespaces go too
            services.namespaces.delete_all()
        sandbox.reset()
        services.faults.clear()
        services.limiter.reset()
        return ApiResult(200, {"status": "reset"})

    def registry() -> NamespaceRegistry:
        if services.namespaces is None:
            raise problem(404, "Namespaces are managed by the root control API.", "not_found")
        return services.namespaces

    async def list_namespaces(context: RequestContext) -> ApiResult:
        return ApiResult(200, registry().describe())

    async def create_namespace(context: RequestContext) -> ApiResult:
        body = context.body
        return ApiResult(201, registry().create(body.get("name"), body.get("rate_limits")))

    async def delete_namespace(context: RequestContext) -> ApiResult:
        registry().delete(_text(context.params, "name") or "")
        return ApiResult(204, None)

    return {
        "listNamespaces": list_namespaces,
        "createNamespace": create_namespace,
        "deleteNamespace": delete_namespace,
        "getHealth": get_health,
        "simulateDeposit": simulate_deposit,
        "advanceDeposit": advance_deposit,
        "setWithdrawStatus": set_withdraw_status,
        "getTransitionMode": get_transition_mode,
        "setTransitionMode": set_transition_mode,
        "getBalances": get_balances,
        "adjustBalance": adjust_balance,
        "listAccounts": list_accounts,
        "setKeyNonce": set_key_nonce,
        "getFaults": get_faults,
        "setFaults": set_faults,
        "listCallbackDeliveries": list_callback_deliveries,
        "runTick": run_tick,
        "resetEmulator": reset_emulator,
    }


def _fault_rules(operations: object, known: Collection[str]) -> dict[str, FaultRule]:
    rules: dict[str, FaultRule] = {}
    problems: list[str] = []
    items: Mapping[str, Any] = operations if isinstance(operations, Mapping) else {}
    for operation_id, fields in items.items():
        if operation_id != ALL_OPERATIONS and operation_id not in known:
            choices = ", ".join(sorted(known))
            problems.append(f"Unknown operation {operation_id[:64]!r}; use one of {choices} or *.")
            continue
        try:
            rules[operation_id] = FaultRule(
                error_500_share=float(fields.get("error_500_share", 0)),
                error_502_share=float(fields.get("error_502_share", 0)),
                latency_ms=int(fields.get("latency_ms", 0)),
                max_faults=fields.get("max_faults"),
            )
        except ValueError as error:
            problems.append(f"{operation_id}: {error}.")
    if problems:
        raise bad_request({"operations": problems})
    return rules


def _text(values: Mapping[str, object], name: str) -> str | None:
    value = values.get(name)
    if value is None or value == "":
        return None
    return str(value)


def _integer(values: Mapping[str, object], name: str, default: int) -> int:
    value = values.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else default
