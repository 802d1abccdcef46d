"""The result views against `openapi/gateway.yaml`: spec drift fails here, not in production.

For every response schema a view wraps, a sample instance is built from the schema itself and
parsed by the generated model; then every spec property must be a field of the view, every
view field a spec property, and exactly the `format: decimal` properties read as Decimal
(date-times as aware datetimes).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest
from bitexbit import (
    AutoBuyOrder,
    Deposit,
    DepositCallback,
    Page,
    PaymentMethod,
    Wallet,
    Withdrawal,
    WithdrawCallback,
)
from bitexbit._view import View
from bitexbit_gateway_client import models

WRAPPED: dict[str, tuple[type[Any], type[View[Any]]]] = {
    "PaymentMethod": (models.PaymentMethod, PaymentMethod),
    "Wallet": (models.Wallet, Wallet),
    "Deposit": (models.Deposit, Deposit),
    "Withdraw": (models.Withdraw, Withdrawal),
    "AutoBuy": (models.AutoBuy, AutoBuyOrder),
    "DepositCallback": (models.DepositCallback, DepositCallback),
    "WithdrawCallback": (models.WithdrawCallback, WithdrawCallback),
}


class Schemas:
    """Just enough JSON Schema reading to list properties and build a sample value."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.components = spec["components"]["schemas"]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def non_null(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema without its `null` alternative (anyOf / type lists)."""
        schema = self.resolve(schema)
        if "anyOf" in schema:
            options = [s for s in schema["anyOf"] if self.resolve(s).get("type") != "null"]
            return self.non_null(options[0])
        return schema

    def properties(self, schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
        schema = self.resolve(schema)
        merged: dict[str, dict[str, Any]] = {}
        for part in schema.get("allOf", []):
            merged.update(self.properties(part))
        merged.update(schema.get("properties", {}))
        return merged

    def is_decimal(self, schema: dict[str, Any]) -> bool:
        return self.non_null(schema).get("format") == "decimal"

    def is_date_time(self, schema: dict[str, Any]) -> bool:
        return self.non_null(schema).get("format") == "date-time"

    def sample(self, schema: dict[str, Any]) -> Any:
        """A non-null value for every property, so every conversion is exercised."""
        schema = self.non_null(schema)
        if "allOf" in schema or "properties" in schema:
            return {name: self.sample(sub) for name, sub in self.properties(schema).items()}
        if "enum" in schema:
            return schema["enum"][-1]
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next(k for k in kind if k != "null")
        fmt = schema.get("format")
        if kind == "array":
            return [self.sample(schema["items"])]
        if kind == "integer":
            return max(1, schema.get("minimum", 1))
        if kind == "boolean":
            return True
        return {
            "decimal": "1.50000000",
            "date-time": "2021-05-20T14:56:10.196967Z",
            "uuid": str(uuid.UUID(int=7)),
            "uri": "https://example.com/callback",
        }.get(str(fmt), "text")


@pytest.fixture
def schemas(gateway_spec: dict[str, Any]) -> Schemas:
    return Schemas(gateway_spec)


@pytest.mark.parametrize("schema_name", sorted(WRAPPED))
def test_view_fields_are_exactly_the_schema_properties(schemas: Schemas, schema_name: str) -> None:
    _, view_type = WRAPPED[schema_name]
    spec_properties = set(schemas.properties({"$ref": f"#/{schema_name}"}))
    assert set(view_type.field_names()) == spec_properties


@pytest.mark.parametrize("schema_name", sorted(WRAPPED))
def test_exactly_the_decimal_properties_read_as_decimal(schemas: Schemas, schema_name: str) -> None:
    generated_type, view_type = WRAPPED[schema_name]
    schema = {"$ref": f"#/{schema_name}"}
    sample = schemas.sample(schema)
    view = view_type(generated_type.from_dict(sample))
    for name, property_schema in schemas.properties(schema).items():
        value = getattr(view, name)
        assert value is not None, name
        assert isinstance(value, Decimal) == schemas.is_decimal(property_schema), name
        if schemas.is_decimal(property_schema):
            assert value == Decimal(sample[name]), name
        if schemas.is_date_time(property_schema):
            assert isinstance(value, datetime.datetime), name
            assert value.tzinfo is not None, name


def test_nested_objects_are_views(schemas: Schemas) -> None:
    sample = schemas.sample({"$ref": "#/Withdraw"})
    withdrawal = Withdrawal(models.Withdraw.from_dict(sample))
    assert isinstance(withdrawal.auto_buy, AutoBuyOrder)
    callback = DepositCallback(
        models.DepositCallback.from_dict(schemas.sample({"$ref": "#/DepositCallback"}))
    )
    assert isinstance(callback.data, Deposit)


def test_absent_optional_properties_read_as_none(schemas: Schemas) -> None:
    sample = schemas.sample({"$ref": "#/Deposit"})
    required = schemas.resolve({"$ref": "#/Deposit"})["required"]
    deposit = Deposit(models.Deposit.from_dict({k: v for k, v in sample.items() if k in required}))
    optional = set(sample) - set(required)
    assert optional  # the spec has some (payment_id, memo, destination_tag)
    for name in optional:
        assert getattr(deposit, name) is None


@pytest.mark.parametrize("envelope", ["WalletPage", "DepositPage", "WithdrawPage"])
def test_page_envelope_properties_are_page_fields(schemas: Schemas, envelope: str) -> None:
    page_fields = {field.name for field in dataclasses.fields(Page)}
    assert set(schemas.properties({"$ref": f"#/{envelope}"})) <= page_fields


def test_naive_timestamps_are_taken_as_utc(schemas: Schemas) -> None:
    sample = schemas.sample({"$ref": "#/Wallet"})
    sample["created_at"] = "2021-05-20T14:56:10"
    wallet = Wallet(models.Wallet.from_dict(sample))
    assert wallet.created_at.tzinfo is datetime.UTC


def test_views_compare_by_content_and_are_not_hashable(schemas: Schemas) -> None:
    sample = schemas.sample({"$ref": "#/Wallet"})
    first = Wallet(models.Wallet.from_dict(sample))
    second = Wallet(models.Wallet.from_dict(sample))
    assert first == second
    assert first != Wallet(models.Wallet.from_dict(dict(sample, address="other")))
    with pytest.raises(TypeError):
        hash(first)
