from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.auto_buy_side import AutoBuySide
from ..models.auto_buy_state import AutoBuyState

T = TypeVar("T", bound="AutoBuy")


@_attrs_define
class AutoBuy:
    """The conversion order placed for a withdrawal with `auto_buy_ticker` (see that field for the
    rule): `symbol` is the ticker bought, `amount` the market's base amount, `price` quote per base.

        Attributes:
            symbol (str): A currency ticker in capitals, e.g. `BTC`.
            amount (str): A decimal number as a string, e.g. `"0.00040000"`.
            price (str): A decimal number as a string, e.g. `"0.00040000"`.
            side (AutoBuySide): `1` buy, `2` sell, of the market's base.
            state (AutoBuyState): The state of the conversion order placed for a withdrawal.
    """

    symbol: str
    amount: str
    price: str
    side: AutoBuySide
    state: AutoBuyState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        amount = self.amount

        price = self.price

        side = self.side.value

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "amount": amount,
                "price": price,
                "side": side,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        amount = d.pop("amount")

        price = d.pop("price")

        side = AutoBuySide(d.pop("side"))

        state = AutoBuyState(d.pop("state"))

        auto_buy = cls(
            symbol=symbol,
            amount=amount,
            price=price,
            side=side,
            state=state,
        )

        auto_buy.additional_properties = d
        return auto_buy

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
