"""What the target accepts, to steer generated creates toward requests that can succeed.

The schema allows any `^[A-Z0-9]{2,12}$` ticker, but a create only succeeds for a ticker and
network pair listed by `GET /payment-methods`, within its limits; random data almost never
hits one, so stateful chains (which follow links from a `201`) would rarely start.

Two levers, both documented Schemathesis features:
* a `map_case` hook that, for most *positive* create bodies, swaps an unknown ticker/network
  pair for a listed one and brings the amount inside the method's limits. Negative cases are
  never touched, and every replacement is itself schema-valid, so no case changes class.
* dictionaries feeding listed tickers and networks into the list operations' query filters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from schemathesis import Case, GenerationMode, HookContext
from schemathesis.schemas import BaseSchema

__all__ = ["Catalogue", "PaymentMethodInfo"]

_EIGHT_PLACES = Decimal("0.00000001")
_CREATES = frozenset({"createWallet", "createWithdraw"})
_REPAIR_SHARE = 80
"""Percent of positive create bodies steered to the catalogue; the rest stay fully random."""


@dataclass(frozen=True, slots=True)
class PaymentMethodInfo:
    ticker: str
    network: str
    min_withdraw: Decimal
    max_withdraw: Decimal
    fee_currency: str
    required_fields: frozenset[str]
    """The withdraw fields this method requires, from its `is_<field>_required` flags."""
    requirable_fields: frozenset[str] = frozenset()
    """The withdraw fields the target has an `is_<field>_required` flag for, true or not."""
    deposits_enabled: bool = True
    withdrawals_enabled: bool = True

    @property
    def pair(self) -> tuple[str, str]:
        return (self.ticker, self.network)

    def withdrawable_amounts(self) -> tuple[str, ...]:
        low, high = self.min_withdraw, self.max_withdraw
        if low <= 0 or low > high:
            return ()
        candidates = sorted({low * 2, low * 10, (low + high) / 2})
        return tuple(_text(amount) for amount in candidates if low <= amount <= high)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The payment methods (and, when known, the markets) of a target."""

    methods: tuple[PaymentMethodInfo, ...]
    markets: frozenset[frozenset[str]] | None = None
    """Pairs of tickers with a market (for convert/auto-buy); None when the target can't say."""
    _by_pair: dict[tuple[str, str], PaymentMethodInfo] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_pair", {method.pair: method for method in self.methods})

    @classmethod
    def from_payment_methods(
        cls,
        methods: Iterable[Mapping[str, Any]],
        *,
        markets: Iterable[tuple[str, str]] | None = None,
    ) -> Catalogue:
        """From `GET /payment-methods` items (malformed items are skipped)."""
        parsed = tuple(info for item in methods if (info := _method_info(item)) is not None)
        known_markets = None if markets is None else frozenset(frozenset(m) for m in markets)
        return cls(methods=parsed, markets=known_markets)

    @property
    def tickers(self) -> tuple[str, ...]:
        return tuple(sorted({method.ticker for method in self.methods}))

    @property
    def networks(self) -> tuple[str, ...]:
        return tuple(sorted({method.network for method in self.methods}))

    def config_dict(self, *, probability: float = 0.5) -> dict[str, Any]:
        """`dictionaries` and `parameters` sections: listed values for the query filters."""
        if not self.methods:
            return {}
        binding = {"probability": probability}
        return {
            "dictionaries": {
                "tickers": {"values": list(self.tickers)},
                "networks": {"values": list(self.networks)},
            },
            "parameters": {
                "query.ticker": {"dictionary": "tickers", **binding},
                "query.network": {"dictionary": "networks", **binding},
            },
        }

    def install(self, schema: BaseSchema) -> None:
        """Register the `map_case` hook on this schema only (not globally)."""
        if not self.methods:
            return

        def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
            return self.steer(case)

        schema.hooks.register_hook_with_name(map_case, "map_case")

    def steer(self, case: Case[Any]) -> Case[Any]:
        """Point most positive create bodies at a listed payment method (see module docs)."""
        operation_id = case.operation.definition.raw.get("operationId")
        meta = case.meta
        if operation_id not in _CREATES or meta is None:
            return case
        if meta.generation.mode is not GenerationMode.POSITIVE or not isinstance(case.body, dict):
            return case
        body: dict[str, Any] = case.body
        digest = _digest(body)
        if digest % 100 >= _REPAIR_SHARE:
            return case
        method = self._by_pair.get((body.get("ticker"), body.get("network")))  # type: ignore[arg-type]
        if method is None:
            # A listed pair in place of a random one; a linked (already listed) pair is kept.
            candidates = self._enabled_for(operation_id)
            method = candidates[digest % len(candidates)]
            body = {**body, "ticker": method.ticker, "network": method.network}
        if operation_id == "createWithdraw":
            body = self._steer_withdraw(body, method, digest)
        body = self._drop_unknown_markets(body, method.ticker)
        case.body = body
        return case

    def _enabled_for(self, operation_id: str) -> tuple[PaymentMethodInfo, ...]:
        if operation_id == "createWallet":
            enabled = tuple(method for method in self.methods if method.deposits_enabled)
        else:
            enabled = tuple(method for method in self.methods if method.withdrawals_enabled)
        return enabled or self.methods

    def _steer_withdraw(
        self, body: dict[str, Any], method: PaymentMethodInfo, digest: int
    ) -> dict[str, Any]:
        amounts = method.withdrawable_amounts()
        if amounts and not _within(body.get("amount"), method):
            body["amount"] = amounts[digest % len(amounts)]
        if method.fee_currency != method.ticker and body.get("fee_payer") == 2:
            body["fee_payer"] = 1
        for name in method.requirable_fields:
            value = body.get(name)
            required = name in method.required_fields
            if name == "memo":  # free text; a memo or a payment id will do
                if required and not value and not body.get("payment_id"):
                    body[name] = str(100_000 + digest % 900_000)
            elif (required and not value) or (value and not str(value).isdigit()):
                # The other required-by-network fields (XRP's destination tag, a 32-bit
                # number) are numbers wherever the gateway reads them.
                body[name] = str(100_000 + digest % 900_000)
        return body

    def _drop_unknown_markets(self, body: dict[str, Any], ticker: str) -> dict[str, Any]:
        if self.markets is None:
            return body
        for name in ("convert_ticker", "auto_buy_ticker"):
            other = body.get(name)
            if isinstance(other, str) and frozenset({ticker, other}) not in self.markets:
                body = {key: value for key, value in body.items() if key != name}
        return body


def _method_info(item: Mapping[str, Any]) -> PaymentMethodInfo | None:
    ticker, network = item.get("ticker"), item.get("network")
    low, high = _decimal(item.get("min_withdraw")), _decimal(item.get("max_withdraw"))
    if not isinstance(ticker, str) or not isinstance(network, str) or low is None or high is None:
        return None
    fee_currency = item.get("withdraw_fee_currency")
    flags = {
        name.removeprefix("is_").removesuffix("_required"): value
        for name, value in item.items()
        if name.startswith("is_") and name.endswith("_required")
    }
    return PaymentMethodInfo(
        ticker=ticker,
        network=network,
        min_withdraw=low,
        max_withdraw=high,
        fee_currency=fee_currency if isinstance(fee_currency, str) else ticker,
        required_fields=frozenset(name for name, value in flags.items() if value is True),
        requirable_fields=frozenset(flags),
        deposits_enabled=item.get("is_deposit_enabled") is not False,
        withdrawals_enabled=item.get("is_withdraw_enabled") is not False,
    )


def _within(amount: object, method: PaymentMethodInfo) -> bool:
    value = _decimal(amount)
    return value is not None and method.min_withdraw <= value <= method.max_withdraw


def _decimal(value: object) -> Decimal | None:
    if not isinstance(value, str):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text(amount: Decimal) -> str:
    return format(amount.quantize(_EIGHT_PLACES).normalize(), "f")


def _digest(body: Mapping[str, Any]) -> int:
    """A stable number from the body: the same generated body is steered the same way."""
    encoded = json.dumps(body, sort_keys=True, default=str).encode("utf-8")
    return int.from_bytes(hashlib.sha256(encoded).digest()[:8], "big")
