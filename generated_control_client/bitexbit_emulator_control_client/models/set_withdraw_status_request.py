from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.withdraw_status import WithdrawStatus

T = TypeVar("T", bound="SetWithdrawStatusRequest")


@_attrs_define
class SetWithdrawStatusRequest:
    """
    Attributes:
        status (WithdrawStatus): | Code | Name | Meaning |
            |---|---|---|
            | 10 | NEW | created, needs to be confirmed |
            | 20 | CONFIRMED | confirmed by the user, needs to be verified |
            | 23 | VERIFIED | verified by the automatic system |
            | 25 | MODERATION | under moderation by an operator |
            | 26 | APPROVED | approved for sending |
            | 27 | SUSPENDED | suspended by an operator (funds returned) |
            | 30 | DONE | sent; `txid` is set |
            | 40 | REFUSED | refused by an operator (funds returned) |
            | 50 | CANCELLED | cancelled by the user (funds returned) |
    """

    status: WithdrawStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = WithdrawStatus(d.pop("status"))

        set_withdraw_status_request = cls(
            status=status,
        )

        set_withdraw_status_request.additional_properties = d
        return set_withdraw_status_request

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
