from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.reset_result import ResetResult
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/reset",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ResetResult | ValidationError | None:
    if response.status_code == 200:
        response_200 = ResetResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if 400 <= response.status_code <= 499:
        response_4xx = Error.from_dict(response.json())

        return response_4xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ResetResult | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ResetResult | ValidationError]:
    """Wipe everything and re-seed from the configuration

     Deletes wallets, deposits, withdrawals, callbacks and ledger entries, re-creates the
    configured accounts and opening balances, resets every key's nonce, clears faults and rate
    limit counters, and sets the configured transition mode.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ResetResult | ValidationError]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | ResetResult | ValidationError | None:
    """Wipe everything and re-seed from the configuration

     Deletes wallets, deposits, withdrawals, callbacks and ledger entries, re-creates the
    configured accounts and opening balances, resets every key's nonce, clears faults and rate
    limit counters, and sets the configured transition mode.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ResetResult | ValidationError
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ResetResult | ValidationError]:
    """Wipe everything and re-seed from the configuration

     Deletes wallets, deposits, withdrawals, callbacks and ledger entries, re-creates the
    configured accounts and opening balances, resets every key's nonce, clears faults and rate
    limit counters, and sets the configured transition mode.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ResetResult | ValidationError]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | ResetResult | ValidationError | None:
    """Wipe everything and re-seed from the configuration

     Deletes wallets, deposits, withdrawals, callbacks and ledger entries, re-creates the
    configured accounts and opening balances, resets every key's nonce, clears faults and rate
    limit counters, and sets the configured transition mode.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ResetResult | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
