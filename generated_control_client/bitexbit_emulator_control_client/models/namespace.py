from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Namespace")


@_attrs_define
class Namespace:
    """
    Attributes:
        name (str): Lower-case letters, digits and underscores; at most 40 characters.
        created_at (datetime.datetime):
        gateway_path (str): Where its gateway API is served, e.g. `/ns/ci_1234/api/gateway`.
        control_path (str): Where its control API is served, e.g. `/ns/ci_1234/_emulator`.
        rate_limits (bool | Unset): Whether it enforces the gateway's rate limits.
    """

    name: str
    created_at: datetime.datetime
    gateway_path: str
    control_path: str
    rate_limits: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        created_at = self.created_at.isoformat()

        gateway_path = self.gateway_path

        control_path = self.control_path

        rate_limits = self.rate_limits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "created_at": created_at,
                "gateway_path": gateway_path,
                "control_path": control_path,
            }
        )
        if rate_limits is not UNSET:
            field_dict["rate_limits"] = rate_limits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        gateway_path = d.pop("gateway_path")

        control_path = d.pop("control_path")

        rate_limits = d.pop("rate_limits", UNSET)

        namespace = cls(
            name=name,
            created_at=created_at,
            gateway_path=gateway_path,
            control_path=control_path,
            rate_limits=rate_limits,
        )

        namespace.additional_properties = d
        return namespace

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
