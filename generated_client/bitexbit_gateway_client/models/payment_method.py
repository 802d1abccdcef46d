from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentMethod")


@_attrs_define
class PaymentMethod:
    """A ticker on a network, with its limits and fees.

    Attributes:
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        min_deposit (str): A decimal number as a string, e.g. `"0.00040000"`.
        min_withdraw (str): A decimal number as a string, e.g. `"0.00040000"`.
        max_withdraw (str): A decimal number as a string, e.g. `"0.00040000"`.
        withdraw_fee_amount (str): A decimal number as a string, e.g. `"0.00040000"`.
        withdraw_fee_rate (str): A decimal number as a string, e.g. `"0.00040000"`.
        withdraw_fee_currency (str): A currency ticker in capitals, e.g. `BTC`.
        is_deposit_enabled (bool): Whether deposits of this ticker on this network are accepted now.
        is_withdraw_enabled (bool): Whether withdrawals of this ticker on this network are accepted now.
        is_memo_required (bool | Unset): Withdrawals need a `memo` (or `payment_id`) on this network. Not in the
            original
            documentation's sample; absent means `false`.
        is_destination_tag_required (bool | Unset): Withdrawals need a `destination_tag` on this network. Not in the
            original documentation's
            sample; absent means `false`.
    """

    ticker: str
    network: str
    min_deposit: str
    min_withdraw: str
    max_withdraw: str
    withdraw_fee_amount: str
    withdraw_fee_rate: str
    withdraw_fee_currency: str
    is_deposit_enabled: bool
    is_withdraw_enabled: bool
    is_memo_required: bool | Unset = UNSET
    is_destination_tag_required: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticker = self.ticker

        network = self.network

        min_deposit = self.min_deposit

        min_withdraw = self.min_withdraw

        max_withdraw = self.max_withdraw

        withdraw_fee_amount = self.withdraw_fee_amount

        withdraw_fee_rate = self.withdraw_fee_rate

        withdraw_fee_currency = self.withdraw_fee_currency

        is_deposit_enabled = self.is_deposit_enabled

        is_withdraw_enabled = self.is_withdraw_enabled

        is_memo_required = self.is_memo_required

        is_destination_tag_required = self.is_destination_tag_required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticker": ticker,
                "network": network,
                "min_deposit": min_deposit,
                "min_withdraw": min_withdraw,
                "max_withdraw": max_withdraw,
                "withdraw_fee_amount": withdraw_fee_amount,
                "withdraw_fee_rate": withdraw_fee_rate,
                "withdraw_fee_currency": withdraw_fee_currency,
                "is_deposit_enabled": is_deposit_enabled,
                "is_withdraw_enabled": is_withdraw_enabled,
            }
        )
        if is_memo_required is not UNSET:
            field_dict["is_memo_required"] = is_memo_required
        if is_destination_tag_required is not UNSET:
            field_dict["is_destination_tag_required"] = is_destination_tag_required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticker = d.pop("ticker")

        network = d.pop("network")

        min_deposit = d.pop("min_deposit")

        min_withdraw = d.pop("min_withdraw")

        max_withdraw = d.pop("max_withdraw")

        withdraw_fee_amount = d.pop("withdraw_fee_amount")

        withdraw_fee_rate = d.pop("withdraw_fee_rate")

        withdraw_fee_currency = d.pop("withdraw_fee_currency")

        is_deposit_enabled = d.pop("is_deposit_enabled")

        is_withdraw_enabled = d.pop("is_withdraw_enabled")

        is_memo_required = d.pop("is_memo_required", UNSET)

        is_destination_tag_required = d.pop("is_destination_tag_required", UNSET)

        payment_method = cls(
            ticker=ticker,
            network=network,
            min_deposit=min_deposit,
            min_withdraw=min_withdraw,
            max_withdraw=max_withdraw,
            withdraw_fee_amount=withdraw_fee_amount,
            withdraw_fee_rate=withdraw_fee_rate,
            withdraw_fee_currency=withdraw_fee_currency,
            is_deposit_enabled=is_deposit_enabled,
            is_withdraw_enabled=is_withdraw_enabled,
            is_memo_required=is_memo_required,
            is_destination_tag_required=is_destination_tag_required,
        )

        payment_method.additional_properties = d
        return payment_method

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
