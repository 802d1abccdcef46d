from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_wallets_limit_type_1 import ListWalletsLimitType1
from ...models.list_wallets_ordering import ListWalletsOrdering
from ...models.validation_error import ValidationError
from ...models.wallet_page import WalletPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | ListWalletsLimitType1 | Unset = UNSET,
    ordering: ListWalletsOrdering | Unset = ListWalletsOrdering.ID_DESC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    json_limit: int | str | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    elif isinstance(limit, ListWalletsLimitType1):
        json_limit = limit.value
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/wallets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | WalletPage | None:
    if response.status_code == 200:
        response_200 = WalletPage.from_dict(response.json())

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
) -> Response[Error | ValidationError | WalletPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | ListWalletsLimitType1 | Unset = UNSET,
    ordering: ListWalletsOrdering | Unset = ListWalletsOrdering.ID_DESC,
) -> Response[Error | ValidationError | WalletPage]:
    """List wallets

     Returns the account's deposit wallets, one page at a time.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | ListWalletsLimitType1 | Unset): A whole number from 1, or `all`.
        ordering (ListWalletsOrdering | Unset):  Default: ListWalletsOrdering.ID_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | WalletPage]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        ordering=ordering,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | ListWalletsLimitType1 | Unset = UNSET,
    ordering: ListWalletsOrdering | Unset = ListWalletsOrdering.ID_DESC,
) -> Error | ValidationError | WalletPage | None:
    """List wallets

     Returns the account's deposit wallets, one page at a time.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | ListWalletsLimitType1 | Unset): A whole number from 1, or `all`.
        ordering (ListWalletsOrdering | Unset):  Default: ListWalletsOrdering.ID_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | WalletPage
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        ordering=ordering,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | ListWalletsLimitType1 | Unset = UNSET,
    ordering: ListWalletsOrdering | Unset = ListWalletsOrdering.ID_DESC,
) -> Response[Error | ValidationError | WalletPage]:
    """List wallets

     Returns the account's deposit wallets, one page at a time.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | ListWalletsLimitType1 | Unset): A whole number from 1, or `all`.
        ordering (ListWalletsOrdering | Unset):  Default: ListWalletsOrdering.ID_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | WalletPage]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        ordering=ordering,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | ListWalletsLimitType1 | Unset = UNSET,
    ordering: ListWalletsOrdering | Unset = ListWalletsOrdering.ID_DESC,
) -> Error | ValidationError | WalletPage | None:
    """List wallets

     Returns the account's deposit wallets, one page at a time.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | ListWalletsLimitType1 | Unset): A whole number from 1, or `all`.
        ordering (ListWalletsOrdering | Unset):  Default: ListWalletsOrdering.ID_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | WalletPage
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            ordering=ordering,
        )
    ).parsed
