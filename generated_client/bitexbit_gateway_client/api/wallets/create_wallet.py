from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.wallet import Wallet
from ...models.wallet_create_request import WalletCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WalletCreateRequest | WalletCreateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/wallet/create",
    }

    if isinstance(body, WalletCreateRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | Wallet | None:
    if response.status_code == 201:
        response_201 = Wallet.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

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
) -> Response[Error | ValidationError | Wallet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WalletCreateRequest | WalletCreateRequest | Unset = UNSET,
) -> Response[Error | ValidationError | Wallet]:
    """Create a deposit wallet

     Creates a deposit address for a ticker and network. Deposits to it are credited to the
    account. With `convert_ticker`, every confirmed deposit places a conversion order on the
    `convert_ticker`/`ticker` (or `ticker`/`convert_ticker`) market; if no such market exists the
    request fails with `400`.

    Args:
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Wallet]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WalletCreateRequest | WalletCreateRequest | Unset = UNSET,
) -> Error | ValidationError | Wallet | None:
    """Create a deposit wallet

     Creates a deposit address for a ticker and network. Deposits to it are credited to the
    account. With `convert_ticker`, every confirmed deposit places a conversion order on the
    `convert_ticker`/`ticker` (or `ticker`/`convert_ticker`) market; if no such market exists the
    request fails with `400`.

    Args:
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Wallet
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WalletCreateRequest | WalletCreateRequest | Unset = UNSET,
) -> Response[Error | ValidationError | Wallet]:
    """Create a deposit wallet

     Creates a deposit address for a ticker and network. Deposits to it are credited to the
    account. With `convert_ticker`, every confirmed deposit places a conversion order on the
    `convert_ticker`/`ticker` (or `ticker`/`convert_ticker`) market; if no such market exists the
    request fails with `400`.

    Args:
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Wallet]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WalletCreateRequest | WalletCreateRequest | Unset = UNSET,
) -> Error | ValidationError | Wallet | None:
    """Create a deposit wallet

     Creates a deposit address for a ticker and network. Deposits to it are credited to the
    account. With `convert_ticker`, every confirmed deposit places a conversion order on the
    `convert_ticker`/`ticker` (or `ticker`/`convert_ticker`) market; if no such market exists the
    request fails with `400`.

    Args:
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).
        body (WalletCreateRequest): The fields of a wallet create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Wallet
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
