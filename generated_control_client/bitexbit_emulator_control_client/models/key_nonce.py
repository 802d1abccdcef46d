from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KeyNonce")


@_attrs_define
class KeyNonce:
    """
    Attributes:
        api_key (str):
        last_nonce (int | None): The last accepted nonce (`null` before the first request).
    """

    api_key: str
    last_nonce: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        last_nonce: int | None
        last_nonce = self.last_nonce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_key": api_key,
                "last_nonce": last_nonce,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key = d.pop("api_key")

        def _parse_last_nonce(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_nonce = _parse_last_nonce(d.pop("last_nonce"))

        key_nonce = cls(
            api_key=api_key,
            last_nonce=last_nonce,
        )

        key_nonce.additional_properties = d
        return key_nonce

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
