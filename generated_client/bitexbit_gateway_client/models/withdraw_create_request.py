from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fee_payer import FeePayer
from ..types import UNSET, Unset

T = TypeVar("T", bound="WithdrawCreateRequest")


@_attrs_define
class WithdrawCreateRequest:
    """The fields of a withdraw create request (JSON or form).

    Attributes:
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        address (str): The destination address, in the network's format.
        amount (int | str): A decimal string greater than 0 with at most 8 decimals (such as "22.5"), or a whole JSON
            number (such as 22, as the documentation's samples send); at most 10000000000.
        payment_id (str | Unset): A payment id, on networks that use one; empty means none.
        memo (str | Unset): A memo, on networks that need one; empty means none.
        destination_tag (str | Unset): Empty (none), or a whole number from 0 to 4294967295 (a 32-bit tag, as XRP uses),
            on
            every network.
        comment (str | Unset): A note for yourself, returned with the withdrawal.
        callback_url (str | Unset): An `http` or `https` URL that receives status callbacks (no NUL characters).
        client_order_id (str | Unset): Your own identifier of the withdrawal, unique per account; makes retries safe.
        fee_payer (FeePayer | Unset): `1` charges the fee from the account balance on top of the amount; `2` deducts it
            from the
            amount sent. Only `1` is possible when the fee currency differs from the ticker.
        auto_buy_ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        auto_buy_percent (int | str | Unset): A percent above -100 and below 100, as a decimal string with at most 8
            decimals (such as
            "-2.5"), or a whole JSON number (such as 10, as the documentation's samples send).
    """

    ticker: str
    network: str
    address: str
    amount: int | str
    payment_id: str | Unset = UNSET
    memo: str | Unset = UNSET
    destination_tag: str | Unset = UNSET
    comment: str | Unset = UNSET
    callback_url: str | Unset = UNSET
    client_order_id: str | Unset = UNSET
    fee_payer: FeePayer | Unset = UNSET
    auto_buy_ticker: str | Unset = UNSET
    auto_buy_percent: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticker = self.ticker

        network = self.network

        address = self.address

        amount: int | str
        amount = self.amount

        payment_id = self.payment_id

        memo = self.memo

        destination_tag = self.destination_tag

        comment = self.comment

        callback_url = self.callback_url

        client_order_id = self.client_order_id

        fee_payer: int | Unset = UNSET
        if not isinstance(self.fee_payer, Unset):
            fee_payer = self.fee_payer.value

        auto_buy_ticker = self.auto_buy_ticker

        auto_buy_percent: int | str | Unset
        if isinstance(self.auto_buy_percent, Unset):
            auto_buy_percent = UNSET
        else:
            auto_buy_percent = self.auto_buy_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticker": ticker,
                "network": network,
                "address": address,
                "amount": amount,
            }
        )
        if payment_id is not UNSET:
            field_dict["payment_id"] = payment_id
        if memo is not UNSET:
            field_dict["memo"] = memo
        if destination_tag is not UNSET:
            field_dict["destination_tag"] = destination_tag
        if comment is not UNSET:
            field_dict["comment"] = comment
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if client_order_id is not UNSET:
            field_dict["client_order_id"] = client_order_id
        if fee_payer is not UNSET:
            field_dict["fee_payer"] = fee_payer
        if auto_buy_ticker is not UNSET:
            field_dict["auto_buy_ticker"] = auto_buy_ticker
        if auto_buy_percent is not UNSET:
            field_dict["auto_buy_percent"] = auto_buy_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticker = d.pop("ticker")

        network = d.pop("network")

        address = d.pop("address")

        def _parse_amount(data: object) -> int | str:
            return cast(int | str, data)

        amount = _parse_amount(d.pop("amount"))

        payment_id = d.pop("payment_id", UNSET)

        memo = d.pop("memo", UNSET)

        destination_tag = d.pop("destination_tag", UNSET)

        comment = d.pop("comment", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        client_order_id = d.pop("client_order_id", UNSET)

        _fee_payer = d.pop("fee_payer", UNSET)
        fee_payer: FeePayer | Unset
        if isinstance(_fee_payer, Unset):
            fee_payer = UNSET
        else:
            fee_payer = FeePayer(_fee_payer)

        auto_buy_ticker = d.pop("auto_buy_ticker", UNSET)

        def _parse_auto_buy_percent(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        auto_buy_percent = _parse_auto_buy_percent(d.pop("auto_buy_percent", UNSET))

        withdraw_create_request = cls(
            ticker=ticker,
            network=network,
            address=address,
            amount=amount,
            payment_id=payment_id,
            memo=memo,
            destination_tag=destination_tag,
            comment=comment,
            callback_url=callback_url,
            client_order_id=client_order_id,
            fee_payer=fee_payer,
            auto_buy_ticker=auto_buy_ticker,
            auto_buy_percent=auto_buy_percent,
        )

        withdraw_create_request.additional_properties = d
        return withdraw_create_request

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
