from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Wallet")


@_attrs_define
class Wallet:
    """A deposit address of the account.

    Attributes:
        address (str): The deposit address, in the network's format.
        slug (str): The wallet's identifier.
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        callback_url (None | str): Where deposit callbacks for this wallet are sent; `null`: none.
        convert_ticker (None | str): The currency every confirmed deposit is converted into; `null`: no conversion.
        convert_limit (None | str): The largest conversion order per deposit; `null`: the whole deposit.
        convert_percent (None | str): The conversion order's price relative to the market, in percent; `null`: the
            market price.
        created_at (datetime.datetime): When the wallet was created.
    """

    address: str
    slug: str
    ticker: str
    network: str
    callback_url: None | str
    convert_ticker: None | str
    convert_limit: None | str
    convert_percent: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        slug = self.slug

        ticker = self.ticker

        network = self.network

        callback_url: None | str
        callback_url = self.callback_url

        convert_ticker: None | str
        convert_ticker = self.convert_ticker

        convert_limit: None | str
        convert_limit = self.convert_limit

        convert_percent: None | str
        convert_percent = self.convert_percent

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "slug": slug,
                "ticker": ticker,
                "network": network,
                "callback_url": callback_url,
                "convert_ticker": convert_ticker,
                "convert_limit": convert_limit,
                "convert_percent": convert_percent,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        slug = d.pop("slug")

        ticker = d.pop("ticker")

        network = d.pop("network")

        def _parse_callback_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        callback_url = _parse_callback_url(d.pop("callback_url"))

        def _parse_convert_ticker(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        convert_ticker = _parse_convert_ticker(d.pop("convert_ticker"))

        def _parse_convert_limit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        convert_limit = _parse_convert_limit(d.pop("convert_limit"))

        def _parse_convert_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        convert_percent = _parse_convert_percent(d.pop("convert_percent"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        wallet = cls(
            address=address,
            slug=slug,
            ticker=ticker,
            network=network,
            callback_url=callback_url,
            convert_ticker=convert_ticker,
            convert_limit=convert_limit,
            convert_percent=convert_percent,
            created_at=created_at,
        )

        wallet.additional_properties = d
        return wallet

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
