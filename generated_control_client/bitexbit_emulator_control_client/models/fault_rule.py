from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FaultRule")


@_attrs_define
class FaultRule:
    """
    Attributes:
        error_500_share (float):
        error_502_share (float):
        latency_ms (int):
        max_faults (int | None):
        injected (int): How many errors the rule has injected so far.
    """

    error_500_share: float
    error_502_share: float
    latency_ms: int
    max_faults: int | None
    injected: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_500_share = self.error_500_share

        error_502_share = self.error_502_share

        latency_ms = self.latency_ms

        max_faults: int | None
        max_faults = self.max_faults

        injected = self.injected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_500_share": error_500_share,
                "error_502_share": error_502_share,
                "latency_ms": latency_ms,
                "max_faults": max_faults,
                "injected": injected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_500_share = d.pop("error_500_share")

        error_502_share = d.pop("error_502_share")

        latency_ms = d.pop("latency_ms")

        def _parse_max_faults(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_faults = _parse_max_faults(d.pop("max_faults"))

        injected = d.pop("injected")

        fault_rule = cls(
            error_500_share=error_500_share,
            error_502_share=error_502_share,
            latency_ms=latency_ms,
            max_faults=max_faults,
            injected=injected,
        )

        fault_rule.additional_properties = d
        return fault_rule

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
