from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deposit import Deposit
from ...models.error import Error
from ...models.simulate_deposit_request import SimulateDepositRequest
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: SimulateDepositRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/deposits",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Deposit | Error | ValidationError | None:
    if response.status_code == 201:
        response_201 = Deposit.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Deposit | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SimulateDepositRequest,
) -> Response[Deposit | Error | ValidationError]:
    """Simulate a deposit to a wallet address

     A transaction to one of the emulator's wallet addresses is seen on the network. The deposit
    starts `PENDING` (a `deposit.status_changed` callback is queued) and, depending on the
    transition mode, confirms at once, over time, or when told to (`/deposits/{txid}/confirmations`).

    Args:
        body (SimulateDepositRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deposit | Error | ValidationError]
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
    body: SimulateDepositRequest,
) -> Deposit | Error | ValidationError | None:
    """Simulate a deposit to a wallet address

     A transaction to one of the emulator's wallet addresses is seen on the network. The deposit
    starts `PENDING` (a `deposit.status_changed` callback is queued) and, depending on the
    transition mode, confirms at once, over time, or when told to (`/deposits/{txid}/confirmations`).

    Args:
        body (SimulateDepositRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deposit | Error | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SimulateDepositRequest,
) -> Response[Deposit | Error | ValidationError]:
    """Simulate a deposit to a wallet address

     A transaction to one of the emulator's wallet addresses is seen on the network. The deposit
    starts `PENDING` (a `deposit.status_changed` callback is queued) and, depending on the
    transition mode, confirms at once, over time, or when told to (`/deposits/{txid}/confirmations`).

    Args:
        body (SimulateDepositRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deposit | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SimulateDepositRequest,
) -> Deposit | Error | ValidationError | None:
    """Simulate a deposit to a wallet address

     A transaction to one of the emulator's wallet addresses is seen on the network. The deposit
    starts `PENDING` (a `deposit.status_changed` callback is queued) and, depending on the
    transition mode, confirms at once, over time, or when told to (`/deposits/{txid}/confirmations`).

    Args:
        body (SimulateDepositRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deposit | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
