"""Structural invariants of the gateway spec that the linters cannot know.

They encode the decisions in the team brief (the six operations, error shapes, pagination, integer
status enums with names, money as decimal strings, callbacks, rate limits), so an edit of
``openapi/gateway.yaml`` that breaks one fails here with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.spec_examples import SchemaValidators, resolve

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))

OPERATIONS = {
    "listPaymentMethods": ("get", "/payment-methods", "200"),
    "createWallet": ("post", "/wallet/create", "201"),
    "listWallets": ("get", "/wallets", "200"),
    "getWalletHistory": ("get", "/wallet/history", "200"),
    "createWithdraw": ("post", "/withdraw/create", "201"),
    "getWithdrawHistory": ("get", "/withdraw/history", "200"),
}
PAGINATED = ("listWallets", "getWalletHistory", "getWithdrawHistory")
CREATES = ("createWallet", "createWithdraw")
ERROR_SCHEMAS = {
    "400": "ValidationError",
    "401": "Error",
    "403": "Error",
    "429": "Error",
    "500": "Error",
    "502": "Error",
}
# Names of the fields that hold money: amounts, fees, limits, rates, percents and prices.
MONEY_FIELD = re.compile(r"amount|fee|price|.+_amount|.+_rate|.+_percent|.+_limit|(min|max)_.+")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _operation(operation_id: str) -> dict[str, Any]:
    method, path, _ = OPERATIONS[operation_id]
    operation: dict[str, Any] = SPEC["paths"][path][method]
    return operation


def _parameters(operation_id: str) -> dict[str, dict[str, Any]]:
    resolved = (resolve(SPEC, ref) for ref in _operation(operation_id).get("parameters", []))
    return {parameter["name"]: parameter for parameter in resolved}


def _schema_ref(media: dict[str, Any]) -> str:
    ref: str = media["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def test_exactly_the_six_operations_with_their_paths_and_methods() -> None:
    found = {op["operationId"]: (method, path) for path, method, op in _operations()}
    assert found == {name: (method, path) for name, (method, path, _) in OPERATIONS.items()}


def test_servers_are_production_and_the_local_emulator() -> None:
    urls = [server["url"] for server in SPEC["servers"]]
    assert urls == ["https://www.bitexbit.com/api/gateway", "http://127.0.0.1:8765/api/gateway"]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_operation_has_id_summary_and_a_declared_tag(operation_id: str) -> None:
    operation = _operation(operation_id)
    declared_tags = {tag["name"] for tag in SPEC["tags"]}
    assert operation["operationId"] == operation_id
    assert operation["summary"]
    assert operation["description"]
    assert len(operation["tags"]) == 1
    assert operation["tags"][0] in declared_tags


def test_root_security_requires_the_three_headers() -> None:
    schemes = SPEC["components"]["securitySchemes"]
    assert SPEC["security"] == [{"ApiKey": [], "Signature": [], "Nonce": []}]
    headers = {
        name: (scheme["type"], scheme["in"], scheme["name"]) for name, scheme in schemes.items()
    }
    assert headers == {
        "ApiKey": ("apiKey", "header", "X-API-Key"),
        "Signature": ("apiKey", "header", "X-Signature"),
        "Nonce": ("apiKey", "header", "X-Nonce"),
    }


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_operation_inherits_the_root_security(operation_id: str) -> None:
    # Operation-level `security` would make the generator demand an AuthenticatedClient (bearer).
    assert "security" not in _operation(operation_id)


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_operation_documents_every_error_with_its_shared_schema(operation_id: str) -> None:
    responses = _operation(operation_id)["responses"]
    for status, schema_name in ERROR_SCHEMAS.items():
        response = resolve(SPEC, responses[status])
        assert "$ref" in responses[status], f"{status} should reuse components/responses"
        assert _schema_ref(response["content"]["application/json"]) == schema_name, status


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_success_response_is_json_with_a_schema_and_an_example(operation_id: str) -> None:
    _, _, success = OPERATIONS[operation_id]
    media = _operation(operation_id)["responses"][success]["content"]["application/json"]
    assert "schema" in media
    assert media["examples"]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_every_response_has_an_example_and_may_carry_a_request_id(operation_id: str) -> None:
    for status, reference in _operation(operation_id)["responses"].items():
        response = resolve(SPEC, reference)
        assert set(response["content"]) == {"application/json"}, status
        assert response["content"]["application/json"].get("examples"), status
        request_id = resolve(SPEC, response["headers"]["X-Request-Id"])
        assert request_id["required"] is False, status


def test_429_carries_an_integer_retry_after() -> None:
    for path, method, operation in _operations():
        response = resolve(SPEC, operation["responses"]["429"])
        header = resolve(SPEC, response["headers"]["Retry-After"])
        assert header["required"] is True, (method, path)
        assert header["schema"]["type"] == "integer"
        assert header["schema"]["minimum"] == 0


@pytest.mark.parametrize("operation_id", PAGINATED)
def test_list_operation_pages_and_orders(operation_id: str) -> None:
    parameters = _parameters(operation_id)
    page, limit, ordering = parameters["page"], parameters["limit"], parameters["ordering"]
    assert (page["in"], page["required"]) == ("query", False)
    assert page["schema"] == {"type": "integer", "minimum": 1, "default": 1}
    assert limit["in"] == "query"
    # no default: omitted means "all", and the documentation's literal `all` is accepted (P1)
    assert limit["schema"]["anyOf"] == [
        {"type": "integer", "minimum": 1},
        {"type": "string", "enum": ["all"]},
    ]
    assert {"id", "-id"} <= set(ordering["schema"]["enum"])
    assert ordering["schema"]["default"] in ordering["schema"]["enum"]
    # `default` (the documentation's literal) names the default ordering; each field sorts both ways
    assert ordering["schema"]["enum"][0] == "default"
    for value in ordering["schema"]["enum"][1:]:
        opposite = value.removeprefix("-") if value.startswith("-") else f"-{value}"
        assert opposite in ordering["schema"]["enum"]
    assert "404" in _operation(operation_id)["responses"]  # a page past the last


@pytest.mark.parametrize("operation_id", PAGINATED)
def test_list_operation_returns_the_page_envelope(operation_id: str) -> None:
    _, _, success = OPERATIONS[operation_id]
    media = _operation(operation_id)["responses"][success]["content"]["application/json"]
    page_schema = resolve(SPEC, media["schema"])
    envelope, results = page_schema["allOf"]
    assert envelope == {"$ref": "#/components/schemas/PageEnvelope"}
    assert results["required"] == ["results"]
    assert results["properties"]["results"]["type"] == "array"
    assert set(resolve(SPEC, envelope)["required"]) == {"count", "next", "previous"}


def test_payment_methods_are_not_paginated_but_ordered() -> None:
    parameters = _parameters("listPaymentMethods")
    assert set(parameters) == {"ordering"}
    media = _operation("listPaymentMethods")["responses"]["200"]["content"]["application/json"]
    assert media["schema"]["type"] == "array"


@pytest.mark.parametrize(
    ("operation_id", "filters"),
    [
        (
            "getWalletHistory",
            {
                "ticker",
                "network",
                "status",
                "txid",
                "address",
                "payment_id",
                "memo",
                "destination_tag",
            },
        ),
        ("getWithdrawHistory", {"ticker", "network", "status", "txid", "address"}),
    ],
)
def test_history_filters(operation_id: str, filters: set[str]) -> None:
    parameters = _parameters(operation_id)
    assert filters <= set(parameters)
    for name in filters:
        assert parameters[name]["in"] == "query"
        assert parameters[name]["required"] is False
        assert parameters[name]["description"]


@pytest.mark.parametrize(
    ("schema_name", "members"),
    [
        ("DepositStatus", {1: "PENDING", 5: "CONFIRMED", 6: "REJECTED"}),
        (
            "WithdrawStatus",
            {
                10: "NEW",
                20: "CONFIRMED",
                23: "VERIFIED",
                25: "MODERATION",
                26: "APPROVED",
                27: "SUSPENDED",
                30: "DONE",
                40: "REFUSED",
                50: "CANCELLED",
            },
        ),
        ("FeePayer", {1: "BALANCE", 2: "AMOUNT"}),
    ],
)
def test_status_enum_is_integer_with_matching_names(
    schema_name: str, members: dict[int, str]
) -> None:
    schema = SPEC["components"]["schemas"][schema_name]
    assert schema["type"] == "integer"
    assert len(schema["enum"]) == len(schema["x-enum-varnames"])
    assert dict(zip(schema["enum"], schema["x-enum-varnames"], strict=True)) == members


def test_history_status_filters_use_the_status_enums() -> None:
    assert _parameters("getWalletHistory")["status"]["schema"] == {
        "$ref": "#/components/schemas/DepositStatus"
    }
    assert _parameters("getWithdrawHistory")["status"]["schema"] == {
        "$ref": "#/components/schemas/WithdrawStatus"
    }


def _walk_schemas(node: Any, at: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object under ``node`` (a components/schemas entry), with a readable location."""
    if not isinstance(node, dict):
        return
    yield at, node
    for name, subschema in node.get("properties", {}).items():
        yield from _walk_schemas(subschema, f"{at}.{name}")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, subschema in enumerate(node.get(keyword, [])):
            yield from _walk_schemas(subschema, f"{at}.{keyword}[{index}]")
    for keyword in ("items", "additionalProperties"):
        yield from _walk_schemas(node.get(keyword), f"{at}.{keyword}")


def _money_fields() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, schema in SPEC["components"]["schemas"].items():
        for location, subschema in _walk_schemas(schema, name):
            for field, field_schema in subschema.get("properties", {}).items():
                if MONEY_FIELD.fullmatch(field):
                    found.append((f"{location}.{field}", field_schema))
    return found


def test_money_fields_are_found() -> None:
    names = {location for location, _ in _money_fields()}
    assert {
        "PaymentMethod.min_deposit",
        "PaymentMethod.withdraw_fee_amount",
        "PaymentMethod.withdraw_fee_rate",
        "Wallet.convert_limit",
        "Wallet.convert_percent",
        "Deposit.amount",
        "Deposit.fee",
        "Withdraw.amount",
        "Withdraw.fee",
        "AutoBuy.price",
        "WalletCreateRequest.convert_limit",
        "WithdrawCreateRequest.amount",
        "WithdrawCreateRequest.auto_buy_percent",
    } <= names


@pytest.mark.parametrize(
    ("location", "field_schema"),
    [pytest.param(location, schema, id=location) for location, schema in _money_fields()],
)
def test_money_field_is_a_decimal_string(location: str, field_schema: dict[str, Any]) -> None:
    """In responses money is only ever a decimal string. A request may also carry a whole JSON
    number (errata B2), never a fraction: a binary float cannot hold every amount."""
    resolved = resolve(SPEC, field_schema)
    branches = resolved.get("anyOf", [resolved])
    values = [resolve(SPEC, branch) for branch in branches if branch.get("type") != "null"]
    strings = [value for value in values if value["type"] == "string"]
    assert len(strings) == 1, location
    assert strings[0]["format"] == "decimal", location
    assert strings[0]["pattern"], location
    others = [value for value in values if value["type"] != "string"]
    if location.split(".")[0].endswith("Request"):
        assert [value["type"] for value in others] in ([], ["integer"]), location
    else:
        assert others == [], location


def _types(schema: dict[str, Any]) -> list[Any]:
    declared = schema.get("type")
    return declared if isinstance(declared, list) else [declared]


def test_no_schema_uses_json_numbers() -> None:
    # Money is never a binary float; nothing else in this API needs one either.
    numbers = [
        location
        for name, schema in SPEC["components"]["schemas"].items()
        for location, subschema in _walk_schemas(schema, name)
        if "number" in _types(subschema)
    ]
    assert numbers == []


@pytest.mark.parametrize("operation_id", CREATES)
def test_create_operation_accepts_json_first_and_form(operation_id: str) -> None:
    content = _operation(operation_id)["requestBody"]["content"]
    # The generated client sends the first content type listed: JSON is the SDK default.
    assert list(content) == ["application/json", "application/x-www-form-urlencoded"]
    assert _operation(operation_id)["requestBody"]["required"] is True
    schema = resolve(SPEC, content["application/json"]["schema"])
    assert "callback_url" in schema["properties"]


@pytest.mark.parametrize(
    ("operation_id", "callback", "payload", "event"),
    [
        ("createWallet", "depositStatusChanged", "DepositCallback", "deposit.status_changed"),
        ("createWithdraw", "withdrawStatusChanged", "WithdrawCallback", "withdraw.status_changed"),
    ],
)
def test_create_operation_declares_its_status_callback(
    operation_id: str, callback: str, payload: str, event: str
) -> None:
    callbacks = _operation(operation_id)["callbacks"]
    post = callbacks[callback]["{$request.body#/callback_url}"]["post"]
    body = post["requestBody"]["content"]["application/json"]
    assert post["requestBody"]["required"] is True
    assert body["schema"] == {"$ref": f"#/components/schemas/{payload}"}
    headers = {resolve(SPEC, parameter)["name"] for parameter in post["parameters"]}
    assert headers == {"X-Callback-Signature", "X-Callback-Id", "X-Callback-Event"}
    assert post["security"] == []  # the gateway signs the body; no API key headers
    assert event in SPEC["components"]["schemas"]["CallbackEventType"]["enum"]
    data = resolve(SPEC, body["schema"])["allOf"][1]["properties"]["data"]
    assert data["$ref"] == f"#/components/schemas/{payload.removesuffix('Callback')}"


X_RATE_LIMITS_SCHEMA = {
    "type": "object",
    "required": ["authenticated", "public"],
    "additionalProperties": False,
    "properties": {
        name: {
            "type": "object",
            "required": ["scope", "requests", "period_seconds", "description"],
            "additionalProperties": False,
            "properties": {
                "x-provenance": {"enum": ["documented"]},
                "scope": {"enum": ["account", "ip"]},
                "requests": {"type": "integer", "minimum": 1},
                "period_seconds": {"type": "integer", "minimum": 1},
                "description": {"type": "string", "minLength": 1},
            },
        }
        for name in ("authenticated", "public")
    },
}


def test_rate_limits_extension_is_well_formed() -> None:
    validator = SchemaValidators({"x": X_RATE_LIMITS_SCHEMA}).at("/x")
    assert list(validator.iter_errors(SPEC["x-rate-limits"])) == []
    limits = SPEC["x-rate-limits"]
    assert (limits["authenticated"]["scope"], limits["authenticated"]["requests"]) == ("account", 2)
    assert (limits["public"]["scope"], limits["public"]["requests"]) == ("ip", 100)
    assert limits["authenticated"]["period_seconds"] == limits["public"]["period_seconds"] == 1


def test_rate_limits_schema_rejects_a_malformed_extension() -> None:
    validator = SchemaValidators({"x": X_RATE_LIMITS_SCHEMA}).at("/x")
    malformed = {"authenticated": {"scope": "api_key", "requests": 0, "period_seconds": 1}}
    assert len(list(validator.iter_errors(malformed))) >= 3


def _described(node: Any) -> bool:
    """A description on the node, or on what its `$ref` chain leads to."""
    seen = 0
    while isinstance(node, dict) and seen < 20:
        if str(node.get("description") or "").strip():
            return True
        if "$ref" not in node:
            return False
        node = resolve(SPEC, node)
        seen += 1
    return False


def _undescribed(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if not _described(prop):
                yield f"{where}.properties.{name}"
        if node.get("in") in {"query", "path", "header"} and not _described(node):
            yield f"{where} (parameter {node.get('name')})"
        for key, value in node.items():
            yield from _undescribed(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _undescribed(value, f"{where}[{index}]")


def test_every_field_and_parameter_is_described() -> None:
    """The API reference renders each field's description: an empty cell helps no reader."""
    assert list(_undescribed(SPEC, "#")) == []
