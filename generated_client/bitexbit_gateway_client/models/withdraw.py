from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fee_payer import FeePayer
from ..models.withdraw_status import WithdrawStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auto_buy import AutoBuy


T = TypeVar("T", bound="Withdraw")


@_attrs_define
class Withdraw:
    """A withdrawal.

    Attributes:
        id (int): The withdrawal's id.
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        address (str): The destination address.
        payment_id (None | str): The payment id sent with the withdrawal, where the network uses one.
        memo (None | str): The memo sent with the withdrawal, where the network uses one.
        comment (None | str): Your note on the withdrawal, as given when it was created.
        destination_tag (None | str): The destination tag sent with the withdrawal, where the network uses one.
        amount (str): A decimal number as a string, e.g. `"0.00040000"`.
        callback_url (None | str): Where status callbacks for this withdrawal are sent; `null`: none.
        client_order_id (None | str): Your identifier of the withdrawal, as given when it was created.
        fee_payer (FeePayer): `1` charges the fee from the account balance on top of the amount; `2` deducts it from the
            amount sent. Only `1` is possible when the fee currency differs from the ticker.
        status (WithdrawStatus): | Code | Name | Meaning |
            |---|---|---|
            | 10 | NEW | created, needs to be confirmed |
            | 20 | CONFIRMED | confirmed by the user, needs to be verified |
            | 23 | VERIFIED | verified by the automatic system |
            | 25 | MODERATION | under moderation by an operator |
            | 26 | APPROVED | approved for sending |
            | 27 | SUSPENDED | suspended by an operator (funds returned) |
            | 30 | DONE | sent; `txid` is set |
            | 40 | REFUSED | refused by an operator (funds returned) |
            | 50 | CANCELLED | cancelled by the user (funds returned) |
        auto_buy (AutoBuy | None): The conversion order placed for the withdrawal, if `auto_buy_ticker` was given; else
            `null`.
        txid (None | str): The transaction hash, set once the withdrawal is `DONE`.
        aml_success (bool | None): Whether the AML check passed.
        aml_risk (int | None): The AML check's risk score.
        aml_url (None | str): A link to the AML report, where there is one; else `null`.
        created_at (datetime.datetime): When the withdrawal was created.
        fee (str | Unset): A decimal number as a string, e.g. `"0.00040000"`.
    """

    id: int
    ticker: str
    network: str
    address: str
    payment_id: None | str
    memo: None | str
    comment: None | str
    destination_tag: None | str
    amount: str
    callback_url: None | str
    client_order_id: None | str
    fee_payer: FeePayer
    status: WithdrawStatus
    auto_buy: AutoBuy | None
    txid: None | str
    aml_success: bool | None
    aml_risk: int | None
    aml_url: None | str
    created_at: datetime.datetime
    fee: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.auto_buy import AutoBuy  # noqa: PLC0415

        id = self.id

        ticker = self.ticker

        network = self.network

        address = self.address

        payment_id: None | str
        payment_id = self.payment_id

        memo: None | str
        memo = self.memo

        comment: None | str
        comment = self.comment

        destination_tag: None | str
        destination_tag = self.destination_tag

        amount = self.amount

        callback_url: None | str
        callback_url = self.callback_url

        client_order_id: None | str
        client_order_id = self.client_order_id

        fee_payer = self.fee_payer.value

        status = self.status.value

        auto_buy: dict[str, Any] | None
        if isinstance(self.auto_buy, AutoBuy):
            auto_buy = self.auto_buy.to_dict()
        else:
            auto_buy = self.auto_buy

        txid: None | str
        txid = self.txid

        aml_success: bool | None
        aml_success = self.aml_success

        aml_risk: int | None
        aml_risk = self.aml_risk

        aml_url: None | str
        aml_url = self.aml_url

        created_at = self.created_at.isoformat()

        fee = self.fee

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ticker": ticker,
                "network": network,
                "address": address,
                "payment_id": payment_id,
                "memo": memo,
                "comment": comment,
                "destination_tag": destination_tag,
                "amount": amount,
                "callback_url": callback_url,
                "client_order_id": client_order_id,
                "fee_payer": fee_payer,
                "status": status,
                "auto_buy": auto_buy,
                "txid": txid,
                "aml_success": aml_success,
                "aml_risk": aml_risk,
                "aml_url": aml_url,
                "created_at": created_at,
            }
        )
        if fee is not UNSET:
            field_dict["fee"] = fee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auto_buy import AutoBuy  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        ticker = d.pop("ticker")

        network = d.pop("network")

        address = d.pop("address")

        def _parse_payment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_id = _parse_payment_id(d.pop("payment_id"))

        def _parse_memo(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        memo = _parse_memo(d.pop("memo"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        def _parse_destination_tag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_tag = _parse_destination_tag(d.pop("destination_tag"))

        amount = d.pop("amount")

        def _parse_callback_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        callback_url = _parse_callback_url(d.pop("callback_url"))

        def _parse_client_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_order_id = _parse_client_order_id(d.pop("client_order_id"))

        fee_payer = FeePayer(d.pop("fee_payer"))

        status = WithdrawStatus(d.pop("status"))

        def _parse_auto_buy(data: object) -> AutoBuy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auto_buy_type_0 = AutoBuy.from_dict(data)

                return auto_buy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutoBuy | None, data)

        auto_buy = _parse_auto_buy(d.pop("auto_buy"))

        def _parse_txid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        txid = _parse_txid(d.pop("txid"))

        def _parse_aml_success(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        aml_success = _parse_aml_success(d.pop("aml_success"))

        def _parse_aml_risk(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aml_risk = _parse_aml_risk(d.pop("aml_risk"))

        def _parse_aml_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        aml_url = _parse_aml_url(d.pop("aml_url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        fee = d.pop("fee", UNSET)

        withdraw = cls(
            id=id,
            ticker=ticker,
            network=network,
            address=address,
            payment_id=payment_id,
            memo=memo,
            comment=comment,
            destination_tag=destination_tag,
            amount=amount,
            callback_url=callback_url,
            client_order_id=client_order_id,
            fee_payer=fee_payer,
            status=status,
            auto_buy=auto_buy,
            txid=txid,
            aml_success=aml_success,
            aml_risk=aml_risk,
            aml_url=aml_url,
            created_at=created_at,
            fee=fee,
        )

        withdraw.additional_properties = d
        return withdraw

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
