from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transition_mode_name import TransitionModeName
from ..types import UNSET, Unset

T = TypeVar("T", bound="TransitionModeRequest")


@_attrs_define
class TransitionModeRequest:
    """
    Attributes:
        mode (TransitionModeName):
        delay_seconds (float | Unset): Seconds between two steps in `timed` mode; the configured value by default.
    """

    mode: TransitionModeName
    delay_seconds: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        delay_seconds = self.delay_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
            }
        )
        if delay_seconds is not UNSET:
            field_dict["delay_seconds"] = delay_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = TransitionModeName(d.pop("mode"))

        delay_seconds = d.pop("delay_seconds", UNSET)

        transition_mode_request = cls(
            mode=mode,
            delay_seconds=delay_seconds,
        )

        transition_mode_request.additional_properties = d
        return transition_mode_request

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
