from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FaultRuleRequest")


@_attrs_define
class FaultRuleRequest:
    """
    Attributes:
        error_500_share (float | Unset): The share of requests answered `500`. Default: 0.0.
        error_502_share (float | Unset): The share of requests answered `502` (the two shares add up to at most 1).
            Default: 0.0.
        latency_ms (int | Unset): Added before every answer of the operation. Default: 0.
        max_faults (int | None | Unset): Stop injecting errors after this many (`null`, the default, never stops).
    """

    error_500_share: float | Unset = 0.0
    error_502_share: float | Unset = 0.0
    latency_ms: int | Unset = 0
    max_faults: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        error_500_share = self.error_500_share

        error_502_share = self.error_502_share

        latency_ms = self.latency_ms

        max_faults: int | None | Unset
        if isinstance(self.max_faults, Unset):
            max_faults = UNSET
        else:
            max_faults = self.max_faults

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if error_500_share is not UNSET:
            field_dict["error_500_share"] = error_500_share
        if error_502_share is not UNSET:
            field_dict["error_502_share"] = error_502_share
        if latency_ms is not UNSET:
            field_dict["latency_ms"] = latency_ms
        if max_faults is not UNSET:
            field_dict["max_faults"] = max_faults

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_500_share = d.pop("error_500_share", UNSET)

        error_502_share = d.pop("error_502_share", UNSET)

        latency_ms = d.pop("latency_ms", UNSET)

        def _parse_max_faults(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_faults = _parse_max_faults(d.pop("max_faults", UNSET))

        fault_rule_request = cls(
            error_500_share=error_500_share,
            error_502_share=error_502_share,
            latency_ms=latency_ms,
            max_faults=max_faults,
        )

        return fault_rule_request
