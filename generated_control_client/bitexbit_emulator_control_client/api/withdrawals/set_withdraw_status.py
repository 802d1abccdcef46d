from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.set_withdraw_status_request import SetWithdrawStatusRequest
from ...models.validation_error import ValidationError
from ...models.withdraw import Withdraw
from ...types import Response


def _get_kwargs(
    withdraw_id: int,
    *,
    body: SetWithdrawStatusRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/withdrawals/{withdraw_id}/status".format(
            withdraw_id=quote(str(withdraw_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | Withdraw | None:
    if response.status_code == 200:
        response_200 = Withdraw.from_dict(response.json())

        return response_200

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
) -> Response[Error | ValidationError | Withdraw]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    withdraw_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: SetWithdrawStatusRequest,
) -> Response[Error | ValidationError | Withdraw]:
    """Move a withdrawal to a status

     Moves the withdrawal to `status` through its state machine (a callback is queued for the
    change). `SUSPENDED`, `REFUSED` and `CANCELLED` return the funds; `DONE` sets the txid and
    places the auto-buy order. A transition the lifecycle does not allow is a `409`.

    Args:
        withdraw_id (int):
        body (SetWithdrawStatusRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Withdraw]
    """

    kwargs = _get_kwargs(
        withdraw_id=withdraw_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    withdraw_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: SetWithdrawStatusRequest,
) -> Error | ValidationError | Withdraw | None:
    """Move a withdrawal to a status

     Moves the withdrawal to `status` through its state machine (a callback is queued for the
    change). `SUSPENDED`, `REFUSED` and `CANCELLED` return the funds; `DONE` sets the txid and
    places the auto-buy order. A transition the lifecycle does not allow is a `409`.

    Args:
        withdraw_id (int):
        body (SetWithdrawStatusRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Withdraw
    """

    return sync_detailed(
        withdraw_id=withdraw_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    withdraw_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: SetWithdrawStatusRequest,
) -> Response[Error | ValidationError | Withdraw]:
    """Move a withdrawal to a status

     Moves the withdrawal to `status` through its state machine (a callback is queued for the
    change). `SUSPENDED`, `REFUSED` and `CANCELLED` return the funds; `DONE` sets the txid and
    places the auto-buy order. A transition the lifecycle does not allow is a `409`.

    Args:
        withdraw_id (int):
        body (SetWithdrawStatusRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Withdraw]
    """

    kwargs = _get_kwargs(
        withdraw_id=withdraw_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    withdraw_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: SetWithdrawStatusRequest,
) -> Error | ValidationError | Withdraw | None:
    """Move a withdrawal to a status

     Moves the withdrawal to `status` through its state machine (a callback is queued for the
    change). `SUSPENDED`, `REFUSED` and `CANCELLED` return the funds; `DONE` sets the txid and
    places the auto-buy order. A transition the lifecycle does not allow is a `409`.

    Args:
        withdraw_id (int):
        body (SetWithdrawStatusRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Withdraw
    """

    return (
        await asyncio_detailed(
            withdraw_id=withdraw_id,
            client=client,
            body=body,
        )
    ).parsed
