from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_event_type import CallbackEventType

if TYPE_CHECKING:
    from ..models.withdraw import Withdraw


T = TypeVar("T", bound="WithdrawCallback")


@_attrs_define
class WithdrawCallback:
    """The body POSTed to a withdrawal's `callback_url`.

    Attributes:
        id (UUID): The event's identifier; the same across retries.
        event (CallbackEventType): What a callback reports.
        created_at (datetime.datetime): When the event happened.
        data (Withdraw): A withdrawal.
    """

    id: UUID
    event: CallbackEventType
    created_at: datetime.datetime
    data: Withdraw
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        event = self.event.value

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event": event,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.withdraw import Withdraw  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        event = CallbackEventType(d.pop("event"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = Withdraw.from_dict(d.pop("data"))

        withdraw_callback = cls(
            id=id,
            event=event,
            created_at=created_at,
            data=data,
        )

        withdraw_callback.additional_properties = d
        return withdraw_callback

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
