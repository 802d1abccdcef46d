from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deposit_page import DepositPage
from ...models.deposit_status import DepositStatus
from ...models.error import Error
from ...models.get_wallet_history_limit_type_1 import GetWalletHistoryLimitType1
from ...models.get_wallet_history_ordering import GetWalletHistoryOrdering
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: DepositStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    payment_id: str | Unset = UNSET,
    memo: str | Unset = UNSET,
    destination_tag: str | Unset = UNSET,
    ordering: GetWalletHistoryOrdering | Unset = GetWalletHistoryOrdering.ID_DESC,
    limit: GetWalletHistoryLimitType1 | int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["ticker"] = ticker

    params["network"] = network

    params["page"] = page

    json_status: int | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["txid"] = txid

    params["address"] = address

    params["payment_id"] = payment_id

    params["memo"] = memo

    params["destination_tag"] = destination_tag

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    json_limit: int | str | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    elif isinstance(limit, GetWalletHistoryLimitType1):
        json_limit = limit.value
    else:
        json_limit = limit
    params["limit"] = json_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/wallet/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepositPage | Error | ValidationError | None:
    if response.status_code == 200:
        response_200 = DepositPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())

        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DepositPage | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: DepositStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    payment_id: str | Unset = UNSET,
    memo: str | Unset = UNSET,
    destination_tag: str | Unset = UNSET,
    ordering: GetWalletHistoryOrdering | Unset = GetWalletHistoryOrdering.ID_DESC,
    limit: GetWalletHistoryLimitType1 | int | Unset = UNSET,
) -> Response[DepositPage | Error | ValidationError]:
    """List deposits (wallet history)

     Returns the deposits to all of the account's wallets, one page at a time.

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (DepositStatus | Unset): | Code | Name | Meaning |
            |---|---|---|
            | 1 | PENDING | waiting for confirmations |
            | 5 | CONFIRMED | credited to the balance |
            | 6 | REJECTED | cannot be approved (e.g. AML risk) |
        txid (str | Unset):
        address (str | Unset):
        payment_id (str | Unset):
        memo (str | Unset):
        destination_tag (str | Unset):
        ordering (GetWalletHistoryOrdering | Unset):  Default: GetWalletHistoryOrdering.ID_DESC.
        limit (GetWalletHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositPage | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
        payment_id=payment_id,
        memo=memo,
        destination_tag=destination_tag,
        ordering=ordering,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: DepositStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    payment_id: str | Unset = UNSET,
    memo: str | Unset = UNSET,
    destination_tag: str | Unset = UNSET,
    ordering: GetWalletHistoryOrdering | Unset = GetWalletHistoryOrdering.ID_DESC,
    limit: GetWalletHistoryLimitType1 | int | Unset = UNSET,
) -> DepositPage | Error | ValidationError | None:
    """List deposits (wallet history)

     Returns the deposits to all of the account's wallets, one page at a time.

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (DepositStatus | Unset): | Code | Name | Meaning |
            |---|---|---|
            | 1 | PENDING | waiting for confirmations |
            | 5 | CONFIRMED | credited to the balance |
            | 6 | REJECTED | cannot be approved (e.g. AML risk) |
        txid (str | Unset):
        address (str | Unset):
        payment_id (str | Unset):
        memo (str | Unset):
        destination_tag (str | Unset):
        ordering (GetWalletHistoryOrdering | Unset):  Default: GetWalletHistoryOrdering.ID_DESC.
        limit (GetWalletHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositPage | Error | ValidationError
    """

    return sync_detailed(
        client=client,
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
        payment_id=payment_id,
        memo=memo,
        destination_tag=destination_tag,
        ordering=ordering,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: DepositStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    payment_id: str | Unset = UNSET,
    memo: str | Unset = UNSET,
    destination_tag: str | Unset = UNSET,
    ordering: GetWalletHistoryOrdering | Unset = GetWalletHistoryOrdering.ID_DESC,
    limit: GetWalletHistoryLimitType1 | int | Unset = UNSET,
) -> Response[DepositPage | Error | ValidationError]:
    """List deposits (wallet history)

     Returns the deposits to all of the account's wallets, one page at a time.

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (DepositStatus | Unset): | Code | Name | Meaning |
            |---|---|---|
            | 1 | PENDING | waiting for confirmations |
            | 5 | CONFIRMED | credited to the balance |
            | 6 | REJECTED | cannot be approved (e.g. AML risk) |
        txid (str | Unset):
        address (str | Unset):
        payment_id (str | Unset):
        memo (str | Unset):
        destination_tag (str | Unset):
        ordering (GetWalletHistoryOrdering | Unset):  Default: GetWalletHistoryOrdering.ID_DESC.
        limit (GetWalletHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositPage | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
        payment_id=payment_id,
        memo=memo,
        destination_tag=destination_tag,
        ordering=ordering,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: DepositStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    payment_id: str | Unset = UNSET,
    memo: str | Unset = UNSET,
    destination_tag: str | Unset = UNSET,
    ordering: GetWalletHistoryOrdering | Unset = GetWalletHistoryOrdering.ID_DESC,
    limit: GetWalletHistoryLimitType1 | int | Unset = UNSET,
) -> DepositPage | Error | ValidationError | None:
    """List deposits (wallet history)

     Returns the deposits to all of the account's wallets, one page at a time.

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (DepositStatus | Unset): | Code | Name | Meaning |
            |---|---|---|
            | 1 | PENDING | waiting for confirmations |
            | 5 | CONFIRMED | credited to the balance |
            | 6 | REJECTED | cannot be approved (e.g. AML risk) |
        txid (str | Unset):
        address (str | Unset):
        payment_id (str | Unset):
        memo (str | Unset):
        destination_tag (str | Unset):
        ordering (GetWalletHistoryOrdering | Unset):  Default: GetWalletHistoryOrdering.ID_DESC.
        limit (GetWalletHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositPage | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            ticker=ticker,
            network=network,
            page=page,
            status=status,
            txid=txid,
            address=address,
            payment_id=payment_id,
            memo=memo,
            destination_tag=destination_tag,
            ordering=ordering,
            limit=limit,
        )
    ).parsed
