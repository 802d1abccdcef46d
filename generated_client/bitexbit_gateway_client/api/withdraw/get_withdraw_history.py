from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_withdraw_history_limit_type_1 import GetWithdrawHistoryLimitType1
from ...models.get_withdraw_history_ordering import GetWithdrawHistoryOrdering
from ...models.validation_error import ValidationError
from ...models.withdraw_page import WithdrawPage
from ...models.withdraw_status import WithdrawStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: WithdrawStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    ordering: GetWithdrawHistoryOrdering | Unset = GetWithdrawHistoryOrdering.ID_DESC,
    limit: GetWithdrawHistoryLimitType1 | int | Unset = UNSET,
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

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    json_limit: int | str | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    elif isinstance(limit, GetWithdrawHistoryLimitType1):
        json_limit = limit.value
    else:
        json_limit = limit
    params["limit"] = json_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/withdraw/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | WithdrawPage | None:
    if response.status_code == 200:
        response_200 = WithdrawPage.from_dict(response.json())

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
) -> Response[Error | ValidationError | WithdrawPage]:
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
    status: WithdrawStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    ordering: GetWithdrawHistoryOrdering | Unset = GetWithdrawHistoryOrdering.ID_DESC,
    limit: GetWithdrawHistoryLimitType1 | int | Unset = UNSET,
) -> Response[Error | ValidationError | WithdrawPage]:
    """List withdrawals (withdraw history)

     Returns the account's withdrawals, one page at a time. (The original Python sample calls
    this with POST; the method is GET, as its "HTTP Request" section says.)

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (WithdrawStatus | Unset): | Code | Name | Meaning |
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
        txid (str | Unset):
        address (str | Unset):
        ordering (GetWithdrawHistoryOrdering | Unset):  Default:
            GetWithdrawHistoryOrdering.ID_DESC.
        limit (GetWithdrawHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | WithdrawPage]
    """

    kwargs = _get_kwargs(
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
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
    status: WithdrawStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    ordering: GetWithdrawHistoryOrdering | Unset = GetWithdrawHistoryOrdering.ID_DESC,
    limit: GetWithdrawHistoryLimitType1 | int | Unset = UNSET,
) -> Error | ValidationError | WithdrawPage | None:
    """List withdrawals (withdraw history)

     Returns the account's withdrawals, one page at a time. (The original Python sample calls
    this with POST; the method is GET, as its "HTTP Request" section says.)

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (WithdrawStatus | Unset): | Code | Name | Meaning |
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
        txid (str | Unset):
        address (str | Unset):
        ordering (GetWithdrawHistoryOrdering | Unset):  Default:
            GetWithdrawHistoryOrdering.ID_DESC.
        limit (GetWithdrawHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | WithdrawPage
    """

    return sync_detailed(
        client=client,
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
        ordering=ordering,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    ticker: str | Unset = UNSET,
    network: str | Unset = UNSET,
    page: int | Unset = 1,
    status: WithdrawStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    ordering: GetWithdrawHistoryOrdering | Unset = GetWithdrawHistoryOrdering.ID_DESC,
    limit: GetWithdrawHistoryLimitType1 | int | Unset = UNSET,
) -> Response[Error | ValidationError | WithdrawPage]:
    """List withdrawals (withdraw history)

     Returns the account's withdrawals, one page at a time. (The original Python sample calls
    this with POST; the method is GET, as its "HTTP Request" section says.)

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (WithdrawStatus | Unset): | Code | Name | Meaning |
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
        txid (str | Unset):
        address (str | Unset):
        ordering (GetWithdrawHistoryOrdering | Unset):  Default:
            GetWithdrawHistoryOrdering.ID_DESC.
        limit (GetWithdrawHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | WithdrawPage]
    """

    kwargs = _get_kwargs(
        ticker=ticker,
        network=network,
        page=page,
        status=status,
        txid=txid,
        address=address,
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
    status: WithdrawStatus | Unset = UNSET,
    txid: str | Unset = UNSET,
    address: str | Unset = UNSET,
    ordering: GetWithdrawHistoryOrdering | Unset = GetWithdrawHistoryOrdering.ID_DESC,
    limit: GetWithdrawHistoryLimitType1 | int | Unset = UNSET,
) -> Error | ValidationError | WithdrawPage | None:
    """List withdrawals (withdraw history)

     Returns the account's withdrawals, one page at a time. (The original Python sample calls
    this with POST; the method is GET, as its "HTTP Request" section says.)

    Args:
        ticker (str | Unset): A currency ticker in capitals, e.g. `BTC`.
        network (str | Unset): A network name in lower case, e.g. `tron`.
        page (int | Unset):  Default: 1.
        status (WithdrawStatus | Unset): | Code | Name | Meaning |
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
        txid (str | Unset):
        address (str | Unset):
        ordering (GetWithdrawHistoryOrdering | Unset):  Default:
            GetWithdrawHistoryOrdering.ID_DESC.
        limit (GetWithdrawHistoryLimitType1 | int | Unset): A whole number from 1, or `all`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | WithdrawPage
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
            ordering=ordering,
            limit=limit,
        )
    ).parsed
