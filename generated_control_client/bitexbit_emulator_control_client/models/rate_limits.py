from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RateLimits")


@_attrs_define
class RateLimits:
    """The gateway rate limits this sandbox enforces (`x-rate-limits` in gateway.yaml).

    Attributes:
        enabled (bool): False when the emulator runs with `--no-rate-limit` (or the namespace without).
        per_account (int): Authenticated calls per account per period.
        per_ip (int): Public calls per client IP address per period.
        period_seconds (float):
    """

    enabled: bool
    per_account: int
    per_ip: int
    period_seconds: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        per_account = self.per_account

        per_ip = self.per_ip

        period_seconds = self.period_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
                "per_account": per_account,
                "per_ip": per_ip,
                "period_seconds": period_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        per_account = d.pop("per_account")

        per_ip = d.pop("per_ip")

        period_seconds = d.pop("period_seconds")

        rate_limits = cls(
            enabled=enabled,
            per_account=per_account,
            per_ip=per_ip,
            period_seconds=period_seconds,
        )

        rate_limits.additional_properties = d
        return rate_limits

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
