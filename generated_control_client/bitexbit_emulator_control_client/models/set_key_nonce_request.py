from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SetKeyNonceRequest")


@_attrs_define
class SetKeyNonceRequest:
    """
    Attributes:
        last_nonce (int | Unset): The value to store; the next request needs a greater nonce. Default: 0.
    """

    last_nonce: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        last_nonce = self.last_nonce

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if last_nonce is not UNSET:
            field_dict["last_nonce"] = last_nonce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        last_nonce = d.pop("last_nonce", UNSET)

        set_key_nonce_request = cls(
            last_nonce=last_nonce,
        )

        return set_key_nonce_request
