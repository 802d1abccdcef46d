from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.withdraw import Withdraw
from ...models.withdraw_create_request import WithdrawCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WithdrawCreateRequest | WithdrawCreateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/withdraw/create",
    }

    if isinstance(body, WithdrawCreateRequest):
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

    if response.status_code == 201:
        response_201 = Withdraw.from_dict(response.json())

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
) -> Response[Error | ValidationError | Withdraw]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WithdrawCreateRequest | WithdrawCreateRequest | Unset = UNSET,
) -> Response[Error | ValidationError | Withdraw]:
    """Create a withdrawal

     Sends `amount` of `ticker` over `network` to `address`. The withdrawal starts as `NEW` and
    moves through the lifecycle described by `WithdrawStatus`.

    **Fees.** With `fee_payer` `1` the fee is charged from the account balance on top of the
    amount; with `2` it is deducted from the amount sent. If the payment method's
    `withdraw_fee_currency` differs from `ticker`, only `1` is allowed (`400` otherwise).

    **Idempotency.** A `client_order_id` is unique per account. Repeating a request with the
    same `client_order_id` and the same fields returns the original withdrawal with `200`
    instead of creating a second one; the same `client_order_id` with different fields is a
    `400`. Clients that retry after a timeout must send one.

    Args:
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Withdraw]
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
    body: WithdrawCreateRequest | WithdrawCreateRequest | Unset = UNSET,
) -> Error | ValidationError | Withdraw | None:
    """Create a withdrawal

     Sends `amount` of `ticker` over `network` to `address`. The withdrawal starts as `NEW` and
    moves through the lifecycle described by `WithdrawStatus`.

    **Fees.** With `fee_payer` `1` the fee is charged from the account balance on top of the
    amount; with `2` it is deducted from the amount sent. If the payment method's
    `withdraw_fee_currency` differs from `ticker`, only `1` is allowed (`400` otherwise).

    **Idempotency.** A `client_order_id` is unique per account. Repeating a request with the
    same `client_order_id` and the same fields returns the original withdrawal with `200`
    instead of creating a second one; the same `client_order_id` with different fields is a
    `400`. Clients that retry after a timeout must send one.

    Args:
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Withdraw
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WithdrawCreateRequest | WithdrawCreateRequest | Unset = UNSET,
) -> Response[Error | ValidationError | Withdraw]:
    """Create a withdrawal

     Sends `amount` of `ticker` over `network` to `address`. The withdrawal starts as `NEW` and
    moves through the lifecycle described by `WithdrawStatus`.

    **Fees.** With `fee_payer` `1` the fee is charged from the account balance on top of the
    amount; with `2` it is deducted from the amount sent. If the payment method's
    `withdraw_fee_currency` differs from `ticker`, only `1` is allowed (`400` otherwise).

    **Idempotency.** A `client_order_id` is unique per account. Repeating a request with the
    same `client_order_id` and the same fields returns the original withdrawal with `200`
    instead of creating a second one; the same `client_order_id` with different fields is a
    `400`. Clients that retry after a timeout must send one.

    Args:
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | Withdraw]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WithdrawCreateRequest | WithdrawCreateRequest | Unset = UNSET,
) -> Error | ValidationError | Withdraw | None:
    """Create a withdrawal

     Sends `amount` of `ticker` over `network` to `address`. The withdrawal starts as `NEW` and
    moves through the lifecycle described by `WithdrawStatus`.

    **Fees.** With `fee_payer` `1` the fee is charged from the account balance on top of the
    amount; with `2` it is deducted from the amount sent. If the payment method's
    `withdraw_fee_currency` differs from `ticker`, only `1` is allowed (`400` otherwise).

    **Idempotency.** A `client_order_id` is unique per account. Repeating a request with the
    same `client_order_id` and the same fields returns the original withdrawal with `200`
    instead of creating a second one; the same `client_order_id` with different fields is a
    `400`. Clients that retry after a timeout must send one.

    Args:
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).
        body (WithdrawCreateRequest): The fields of a withdraw create request (JSON or form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | Withdraw
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
