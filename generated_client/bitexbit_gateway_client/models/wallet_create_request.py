from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WalletCreateRequest")


@_attrs_define
class WalletCreateRequest:
    """The fields of a wallet create request (JSON or form).

    Attributes:
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        callback_url (str | Unset): An `http` or `https` URL that receives status callbacks (no NUL characters).
        convert_ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        convert_limit (int | str | Unset): A decimal string greater than 0 with at most 8 decimals (such as "22.5"), or
            a whole JSON
            number (such as 22, as the documentation's samples send); at most 10000000000.
        convert_percent (int | str | Unset): A percent above -100 and below 100, as a decimal string with at most 8
            decimals (such as
            "-2.5"), or a whole JSON number (such as 10, as the documentation's samples send).
    """

    ticker: str
    network: str
    callback_url: str | Unset = UNSET
    convert_ticker: str | Unset = UNSET
    convert_limit: int | str | Unset = UNSET
    convert_percent: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticker = self.ticker

        network = self.network

        callback_url = self.callback_url

        convert_ticker = self.convert_ticker

        convert_limit: int | str | Unset
        if isinstance(self.convert_limit, Unset):
            convert_limit = UNSET
        else:
            convert_limit = self.convert_limit

        convert_percent: int | str | Unset
        if isinstance(self.convert_percent, Unset):
            convert_percent = UNSET
        else:
            convert_percent = self.convert_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticker": ticker,
                "network": network,
            }
        )
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if convert_ticker is not UNSET:
            field_dict["convert_ticker"] = convert_ticker
        if convert_limit is not UNSET:
            field_dict["convert_limit"] = convert_limit
        if convert_percent is not UNSET:
            field_dict["convert_percent"] = convert_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticker = d.pop("ticker")

        network = d.pop("network")

        callback_url = d.pop("callback_url", UNSET)

        convert_ticker = d.pop("convert_ticker", UNSET)

        def _parse_convert_limit(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        convert_limit = _parse_convert_limit(d.pop("convert_limit", UNSET))

        def _parse_convert_percent(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        convert_percent = _parse_convert_percent(d.pop("convert_percent", UNSET))

        wallet_create_request = cls(
            ticker=ticker,
            network=network,
            callback_url=callback_url,
            convert_ticker=convert_ticker,
            convert_limit=convert_limit,
            convert_percent=convert_percent,
        )

        wallet_create_request.additional_properties = d
        return wallet_create_request

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
