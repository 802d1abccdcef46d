from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BalanceAdjustment")


@_attrs_define
class BalanceAdjustment:
    """
    Attributes:
        account_id (int):
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        amount (str): A decimal number as a string, e.g. `"0.00040000"`.
        balance (str): A decimal number as a string, e.g. `"0.00040000"`.
        reason (str | Unset): The reason recorded on the ledger entry.
    """

    account_id: int
    ticker: str
    amount: str
    balance: str
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        ticker = self.ticker

        amount = self.amount

        balance = self.balance

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "ticker": ticker,
                "amount": amount,
                "balance": balance,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        ticker = d.pop("ticker")

        amount = d.pop("amount")

        balance = d.pop("balance")

        reason = d.pop("reason", UNSET)

        balance_adjustment = cls(
            account_id=account_id,
            ticker=ticker,
            amount=amount,
            balance=balance,
            reason=reason,
        )

        balance_adjustment.additional_properties = d
        return balance_adjustment

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
