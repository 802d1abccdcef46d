from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateNamespaceRequest")


@_attrs_define
class CreateNamespaceRequest:
    """
    Attributes:
        name (str): Lower-case letters, digits and underscores; at most 40 characters.
        rate_limits (bool | Unset): Whether the namespace enforces the gateway's rate limits; omitted: as the emulator
            does. `false` gives a test run (the conformance suite's) full speed without
            turning the limits off for anyone else.
    """

    name: str
    rate_limits: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        rate_limits = self.rate_limits

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if rate_limits is not UNSET:
            field_dict["rate_limits"] = rate_limits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        rate_limits = d.pop("rate_limits", UNSET)

        create_namespace_request = cls(
            name=name,
            rate_limits=rate_limits,
        )

        return create_namespace_request
