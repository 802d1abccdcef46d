"""Lookups over the configured payment methods and markets."""

from __future__ import annotations

from bitexbit_emulator.config import EmulatorConfig, MarketConfig, PaymentMethodConfig

__all__ = ["Catalogue"]


class Catalogue:
    def __init__(self, config: EmulatorConfig) -> None:
        self.methods: tuple[PaymentMethodConfig, ...] = config.payment_methods
        self.markets: tuple[MarketConfig, ...] = config.markets
        self._by_pair = {(method.ticker, method.network): method for method in self.methods}
        self.tickers: frozenset[str] = frozenset(
            {method.ticker for method in self.methods}
            | {method.withdraw_fee_currency for method in self.methods}
            | {market.base for market in self.markets}
            | {market.quote for market in self.markets}
        )

    def method(self, ticker: str, network: str) -> PaymentMethodConfig | None:
        return self._by_pair.get((ticker, network))

    def has_method_ticker(self, ticker: str) -> bool:
        return any(method.ticker == ticker for method in self.methods)

    def networks_of(self, ticker: str) -> list[str]:
        return [method.network for method in self.methods if method.ticker == ticker]

    def market_between(self, first: str, second: str) -> MarketConfig | None:
        """The market of the two tickers in either direction (first/second or second/first)."""
        for market in self.markets:
            if {market.base, market.quote} == {first, second} and first != second:
                return market
        return None

    def ordered_methods(self, ordering: str) -> list[PaymentMethodConfig]:
        """``id`` is the catalogue order, ``-id`` its reverse."""
        methods = list(self.methods)
        return methods[::-1] if ordering == "-id" else methods
