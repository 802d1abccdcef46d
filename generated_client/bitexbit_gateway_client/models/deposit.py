from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deposit_status import DepositStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Deposit")


@_attrs_define
class Deposit:
    """A deposit to one of the account's wallets (an entry of the wallet history).

    Attributes:
        address (str): The wallet address the deposit arrived at.
        wallet_slug (str): The `slug` of that wallet.
        date (datetime.datetime): When the transaction was seen on the network.
        amount (str): A decimal number as a string, e.g. `"0.00040000"`.
        fee (str): A decimal number as a string, e.g. `"0.00040000"`.
        ticker (str): A currency ticker in capitals, e.g. `BTC`.
        network (str): A network name in lower case, e.g. `tron`.
        status (DepositStatus): | Code | Name | Meaning |
            |---|---|---|
            | 1 | PENDING | waiting for confirmations |
            | 5 | CONFIRMED | credited to the balance |
            | 6 | REJECTED | cannot be approved (e.g. AML risk) |
        txid (str): The transaction hash; unique per network.
        actual_confirmations (int | None): Confirmations seen so far; `null` before the first one.
        required_confirmations (int): How many network confirmations the deposit needs to be credited.
        aml_success (bool | None): Whether the AML check passed; `null` until it ran.
        aml_risk (int | None): The AML risk score, 0 (none) to 100; `null` until the check ran.
        aml_url (None | str): A link to the AML report, where there is one; else `null`.
        created_at (datetime.datetime): When the deposit was recorded.
        payment_id (None | str | Unset): Present on networks that carry one.
        memo (None | str | Unset): Present on networks that carry one.
        destination_tag (None | str | Unset): Present on networks that carry one.
    """

    address: str
    wallet_slug: str
    date: datetime.datetime
    amount: str
    fee: str
    ticker: str
    network: str
    status: DepositStatus
    txid: str
    actual_confirmations: int | None
    required_confirmations: int
    aml_success: bool | None
    aml_risk: int | None
    aml_url: None | str
    created_at: datetime.datetime
    payment_id: None | str | Unset = UNSET
    memo: None | str | Unset = UNSET
    destination_tag: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        wallet_slug = self.wallet_slug

        date = self.date.isoformat()

        amount = self.amount

        fee = self.fee

        ticker = self.ticker

        network = self.network

        status = self.status.value

        txid = self.txid

        actual_confirmations: int | None
        actual_confirmations = self.actual_confirmations

        required_confirmations = self.required_confirmations

        aml_success: bool | None
        aml_success = self.aml_success

        aml_risk: int | None
        aml_risk = self.aml_risk

        aml_url: None | str
        aml_url = self.aml_url

        created_at = self.created_at.isoformat()

        payment_id: None | str | Unset
        if isinstance(self.payment_id, Unset):
            payment_id = UNSET
        else:
            payment_id = self.payment_id

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        destination_tag: None | str | Unset
        if isinstance(self.destination_tag, Unset):
            destination_tag = UNSET
        else:
            destination_tag = self.destination_tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "wallet_slug": wallet_slug,
                "date": date,
                "amount": amount,
                "fee": fee,
                "ticker": ticker,
                "network": network,
                "status": status,
                "txid": txid,
                "actual_confirmations": actual_confirmations,
                "required_confirmations": required_confirmations,
                "aml_success": aml_success,
                "aml_risk": aml_risk,
                "aml_url": aml_url,
                "created_at": created_at,
            }
        )
        if payment_id is not UNSET:
            field_dict["payment_id"] = payment_id
        if memo is not UNSET:
            field_dict["memo"] = memo
        if destination_tag is not UNSET:
            field_dict["destination_tag"] = destination_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        wallet_slug = d.pop("wallet_slug")

        date = datetime.datetime.fromisoformat(d.pop("date"))

        amount = d.pop("amount")

        fee = d.pop("fee")

        ticker = d.pop("ticker")

        network = d.pop("network")

        status = DepositStatus(d.pop("status"))

        txid = d.pop("txid")

        def _parse_actual_confirmations(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actual_confirmations = _parse_actual_confirmations(d.pop("actual_confirmations"))

        required_confirmations = d.pop("required_confirmations")

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

        def _parse_payment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_id = _parse_payment_id(d.pop("payment_id", UNSET))

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        def _parse_destination_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_tag = _parse_destination_tag(d.pop("destination_tag", UNSET))

        deposit = cls(
            address=address,
            wallet_slug=wallet_slug,
            date=date,
            amount=amount,
            fee=fee,
            ticker=ticker,
            network=network,
            status=status,
            txid=txid,
            actual_confirmations=actual_confirmations,
            required_confirmations=required_confirmations,
            aml_success=aml_success,
            aml_risk=aml_risk,
            aml_url=aml_url,
            created_at=created_at,
            payment_id=payment_id,
            memo=memo,
            destination_tag=destination_tag,
        )

        deposit.additional_properties = d
        return deposit

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
