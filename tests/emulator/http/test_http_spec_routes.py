"""Routing is derived from the OpenAPI documents: every documented operation is served, at the
documented path and method, and nothing else is."""

from __future__ import annotations

from typing import Any

import pytest
from bitexbit_emulator.app import INDEX_ROUTE, create_app
from bitexbit_emulator.pytest_plugin import GatewayEmulator
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.specs import CONTROL_SPEC, GATEWAY_SPEC, load_spec
from starlette.routing import Route

METHODS = {"get", "put", "post", "delete", "patch"}


def _documented(document: dict[str, Any], prefix: str) -> set[tuple[str, str, str]]:
    return {
        (operation["operationId"], method.upper(), prefix + path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_routes_are_exactly_the_documented_operations(
    gateway_emulator: GatewayEmulator,
) -> None:
    served = {
        (route.name, method, route.path)
        for route in gateway_emulator.app.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    documented = _documented(load_spec(GATEWAY_SPEC), "/api/gateway") | _documented(
        load_spec(CONTROL_SPEC), "/_emulator"
    )
    # Besides the operations: a GET index on each URL the banner prints (nothing else).
    indexes = {(INDEX_ROUTE, "GET", path) for path in ("/", "/api/gateway", "/_emulator")}
    assert served == documented | indexes


def test_the_control_api_can_be_left_out(gateway_emulator: GatewayEmulator) -> None:
    app = create_app(gateway_emulator.sandbox, control_api=False, background_interval=None)
    assert not [
        route for route in app.routes if getattr(route, "path", "").startswith("/_emulator")
    ]


def test_a_handler_set_that_does_not_match_the_spec_is_refused() -> None:
    from bitexbit_emulator.http.routing import build_routes

    with pytest.raises(ValueError, match="missing"):
        build_routes("/x", {"op": object()}, {}, object(), None)  # type: ignore[dict-item, arg-type]


def test_create_app_builds_its_own_sandbox_when_given_none() -> None:
    app = create_app()
    sandbox = app.state.emulator.sandbox
    assert isinstance(sandbox, Sandbox)
    sandbox.close()
