from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_event_type import CallbackEventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.callback_attempt import CallbackAttempt
    from ..models.callback_delivery_payload import CallbackDeliveryPayload


T = TypeVar("T", bound="CallbackDelivery")


@_attrs_define
class CallbackDelivery:
    """
    Attributes:
        id (UUID): The event id (the body's `id` and the `X-Callback-Id` header).
        event (CallbackEventType): What a callback reports.
        url (str):
        status (str): `pending`, `delivered` or `failed` (attempts exhausted or URL not allowed).
        attempts (int):
        created_at (datetime.datetime):
        payload (CallbackDeliveryPayload): The body that is POSTed (a deposit or withdraw callback).
        deliveries (list[CallbackAttempt]):
        next_attempt_at (datetime.datetime | None | Unset):
        signature (str | Unset): The `X-Callback-Signature` sent with the body.
    """

    id: UUID
    event: CallbackEventType
    url: str
    status: str
    attempts: int
    created_at: datetime.datetime
    payload: CallbackDeliveryPayload
    deliveries: list[CallbackAttempt]
    next_attempt_at: datetime.datetime | None | Unset = UNSET
    signature: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        event = self.event.value

        url = self.url

        status = self.status

        attempts = self.attempts

        created_at = self.created_at.isoformat()

        payload = self.payload.to_dict()

        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        next_attempt_at: None | str | Unset
        if isinstance(self.next_attempt_at, Unset):
            next_attempt_at = UNSET
        elif isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        signature = self.signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event": event,
                "url": url,
                "status": status,
                "attempts": attempts,
                "created_at": created_at,
                "payload": payload,
                "deliveries": deliveries,
            }
        )
        if next_attempt_at is not UNSET:
            field_dict["next_attempt_at"] = next_attempt_at
        if signature is not UNSET:
            field_dict["signature"] = signature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback_attempt import CallbackAttempt  # noqa: PLC0415
        from ..models.callback_delivery_payload import CallbackDeliveryPayload  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        event = CallbackEventType(d.pop("event"))

        url = d.pop("url")

        status = d.pop("status")

        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        payload = CallbackDeliveryPayload.from_dict(d.pop("payload"))

        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = CallbackAttempt.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at", UNSET))

        signature = d.pop("signature", UNSET)

        callback_delivery = cls(
            id=id,
            event=event,
            url=url,
            status=status,
            attempts=attempts,
            created_at=created_at,
            payload=payload,
            deliveries=deliveries,
            next_attempt_at=next_attempt_at,
            signature=signature,
        )

        callback_delivery.additional_properties = d
        return callback_delivery

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
