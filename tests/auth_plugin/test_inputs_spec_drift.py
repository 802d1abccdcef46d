"""The SDK can send every input the spec declares, and nothing else (both ways).

For each operation, the names the SDK accepts (the resource method's parameters, its
options/filters TypedDict, and the CLI command's options) are compared with the request
body's properties and the query parameters of `openapi/gateway.yaml`. A new optional field or
filter in the spec fails here until the SDK (and its CLI) can send it; a name the SDK invents
fails too. The drift check runs on a copy of the spec with one field and one filter added, to
show that it catches them.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import typer
from bitexbit._resources.deposits import DepositFilters
from bitexbit._resources.withdrawals import WithdrawalFilters, WithdrawalOptions
from bitexbit.cli import build_app

from tools.operation_samples import sdk_method
from tools.spec_examples import resolve

# Inputs the SDK takes by other names or handles itself, per location.
_PAGING = {"page", "limit", "ordering"}
# Python-side parameters that are not API inputs.
_NOT_INPUTS = {"self", "options", "filters"}


@dataclass(frozen=True)
class SdkInputs:
    """Where one operation's inputs live besides its resource method's parameters."""

    typed_dict: type | None
    """The options or filters TypedDict the method takes as `**kwargs`."""
    cli_command: tuple[str, ...]
    """The CLI command path (e.g. ("withdraw", "create"))."""


SDK_INPUTS: dict[str, SdkInputs] = {
    "listPaymentMethods": SdkInputs(None, ("payment-methods",)),
    "createWallet": SdkInputs(None, ("wallets", "create")),
    "listWallets": SdkInputs(None, ("wallets", "list")),
    "getWalletHistory": SdkInputs(DepositFilters, ("deposits", "list")),
    "createWithdraw": SdkInputs(WithdrawalOptions, ("withdraw", "create")),
    "getWithdrawHistory": SdkInputs(WithdrawalFilters, ("withdraw", "list")),
}


def spec_inputs(spec: Mapping[str, Any]) -> dict[str, set[str]]:
    """operationId -> the names of its query parameters and request body properties."""
    found: dict[str, set[str]] = {}
    for item in spec["paths"].values():
        for operation in item.values():
            names: set[str] = set()
            for parameter in operation.get("parameters", []):
                parameter = resolve(spec, parameter)
                if parameter["in"] == "query":
                    names.add(parameter["name"])
            body = operation.get("requestBody")
            if body is not None:
                schema = resolve(spec, body["content"]["application/json"]["schema"])
                names |= set(schema.get("properties", {}))
            found[operation["operationId"]] = names
    return found


def sdk_inputs(operation_id: str) -> set[str]:
    """The API input names the SDK method (and its TypedDict) can send."""
    method = sdk_method(operation_id)  # the one operation -> SDK method table
    names = {name for name in inspect.signature(method).parameters if name not in _NOT_INPUTS}
    typed_dict = SDK_INPUTS[operation_id].typed_dict
    if typed_dict is not None:
        names |= set(typed_dict.__annotations__)
    return names


def cli_inputs(command: tuple[str, ...]) -> set[str]:
    """The parameter names of a CLI command (options and arguments), minus output options."""
    group: Any = typer.main.get_command(build_app(plugins=[]))
    for name in command:
        group = group.commands[name]
    return {param.name for param in group.params if param.name not in {"as_json", "output", "yes"}}


def input_drift(spec: Mapping[str, Any]) -> list[str]:
    """What the spec declares that the SDK or CLI cannot send, and what they send that it
    does not declare."""
    problems: list[str] = []
    declared = spec_inputs(spec)
    for operation_id, names in sorted(declared.items()):
        if operation_id not in SDK_INPUTS:
            problems.append(f"{operation_id}: no SDK method sends it")
            continue
        sdk = sdk_inputs(operation_id)
        wanted = names
        for missing in sorted(wanted - sdk):
            problems.append(f"{operation_id}: the SDK cannot send {missing!r}")
        for extra in sorted(sdk - wanted):
            problems.append(f"{operation_id}: the SDK sends {extra!r}, which the spec lacks")
        cli = cli_inputs(SDK_INPUTS[operation_id].cli_command)
        for missing in sorted(wanted - cli - _cli_exempt(operation_id)):
            problems.append(f"{operation_id}: the CLI cannot send {missing!r}")
        for extra in sorted(cli - wanted - _cli_paging_aliases()):
            problems.append(f"{operation_id}: the CLI sends {extra!r}, which the spec lacks")
    return problems


def _cli_exempt(operation_id: str) -> set[str]:
    """Inputs the CLI deliberately leaves to the SDK: paging (the CLI prints one page)."""
    return {"page"} if operation_id.startswith(("list", "get")) else set()


def _cli_paging_aliases() -> set[str]:
    """CLI conveniences that are not API inputs: `--all-pages` walks every page."""
    return {"all_pages"}


def test_the_sdk_and_cli_send_exactly_what_the_spec_declares(
    gateway_spec: dict[str, Any],
) -> None:
    assert input_drift(gateway_spec) == []


def test_a_new_optional_field_or_filter_fails_until_the_sdk_supports_it(
    gateway_spec: dict[str, Any],
) -> None:
    spec = copy.deepcopy(gateway_spec)
    schemas = spec["components"]["schemas"]
    schemas["WithdrawCreateRequest"]["properties"]["priority"] = {
        "x-provenance": "designed",
        "x-errata": "L1",
        "type": "string",
    }
    history = spec["paths"]["/withdraw/history"]["get"]
    history["parameters"].append(
        {"name": "client_order_id", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    assert input_drift(spec) == [
        "createWithdraw: the SDK cannot send 'priority'",
        "createWithdraw: the CLI cannot send 'priority'",
        "getWithdrawHistory: the SDK cannot send 'client_order_id'",
        "getWithdrawHistory: the CLI cannot send 'client_order_id'",
    ]


def test_a_removed_input_fails_too(gateway_spec: dict[str, Any]) -> None:
    spec = copy.deepcopy(gateway_spec)
    del spec["components"]["schemas"]["WithdrawCreateRequest"]["properties"]["memo"]
    assert input_drift(spec) == [
        "createWithdraw: the SDK sends 'memo', which the spec lacks",
        "createWithdraw: the CLI sends 'memo', which the spec lacks",
    ]


def test_paging_inputs_are_the_spec_parameters(gateway_spec: dict[str, Any]) -> None:
    declared = spec_inputs(gateway_spec)
    for operation_id in ("listWallets", "getWalletHistory", "getWithdrawHistory"):
        assert declared[operation_id] >= _PAGING
