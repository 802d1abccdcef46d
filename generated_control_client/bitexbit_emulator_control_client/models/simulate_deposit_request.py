from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SimulateDepositRequest")


@_attrs_define
class SimulateDepositRequest:
    """
    Attributes:
        address (str): A wallet address created through the gateway's `createWallet`.
        amount (str): A decimal string greater than 0 and at most 10000000000, with at most 8 decimals, e.g.
            `"22"` or `"0.5"`. The bounds are this toolkit's design (the emulator enforces exactly
            these); the gateway's documentation gives none.
        txid (str | Unset): The transaction hash; generated when omitted. Unique per network.
        confirmations (int | Unset): Confirmations already seen when the deposit is first reported. Default: 0.
        aml_risk (int | Unset): The AML score the check will give; at or over the threshold the deposit is REJECTED.
            Default: 0.
        payment_id (str | Unset):
        memo (str | Unset):
        destination_tag (str | Unset):
    """

    address: str
    amount: str
    txid: str | Unset = UNSET
    confirmations: int | Unset = 0
    aml_risk: int | Unset = 0
    payment_id: str | Unset = UNSET
    memo: str | Unset = UNSET
    destination_tag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        amount = self.amount

        txid = self.txid

        confirmations = self.confirmations

        aml_risk = self.aml_risk

        payment_id = self.payment_id

        memo = self.memo

        destination_tag = self.destination_tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "amount": amount,
            }
        )
        if txid is not UNSET:
            field_dict["txid"] = txid
        if confirmations is not UNSET:
            field_dict["confirmations"] = confirmations
        if aml_risk is not UNSET:
            field_dict["aml_risk"] = aml_risk
        if payment_id is not UNSET:
            field_dict["payment_id"] = payment_id
        if memo is not UNSET:
            field_dict["memo"] = memo
        if destination_tag is not UNSET:
            field_dict["destination_tag"] = destination_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        amount = d.pop("amount")

        txid = d.pop("txid", UNSET)

        confirmations = d.pop("confirmations", UNSET)

        aml_risk = d.pop("aml_risk", UNSET)

        payment_id = d.pop("payment_id", UNSET)

        memo = d.pop("memo", UNSET)

        destination_tag = d.pop("destination_tag", UNSET)

        simulate_deposit_request = cls(
            address=address,
            amount=amount,
            txid=txid,
            confirmations=confirmations,
            aml_risk=aml_risk,
            payment_id=payment_id,
            memo=memo,
            destination_tag=destination_tag,
        )

        simulate_deposit_request.additional_properties = d
        return simulate_deposit_request

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
