from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.advance_deposit_request import AdvanceDepositRequest
from ...models.deposit import Deposit
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    txid: str,
    *,
    body: AdvanceDepositRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/deposits/{txid}/confirmations".format(
            txid=quote(str(txid), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Deposit | Error | ValidationError | None:
    if response.status_code == 200:
        response_200 = Deposit.from_dict(response.json())

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
) -> Response[Deposit | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    txid: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceDepositRequest | Unset = UNSET,
) -> Response[Deposit | Error | ValidationError]:
    """Add confirmations to a pending deposit

     Adds `confirmations` (by default: as many as the network requires) to the deposit. Reaching
    the network's requirement confirms it (balance credited) or rejects it (AML risk).

    Args:
        txid (str):
        body (AdvanceDepositRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deposit | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        txid=txid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    txid: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceDepositRequest | Unset = UNSET,
) -> Deposit | Error | ValidationError | None:
    """Add confirmations to a pending deposit

     Adds `confirmations` (by default: as many as the network requires) to the deposit. Reaching
    the network's requirement confirms it (balance credited) or rejects it (AML risk).

    Args:
        txid (str):
        body (AdvanceDepositRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deposit | Error | ValidationError
    """

    return sync_detailed(
        txid=txid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    txid: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceDepositRequest | Unset = UNSET,
) -> Response[Deposit | Error | ValidationError]:
    """Add confirmations to a pending deposit

     Adds `confirmations` (by default: as many as the network requires) to the deposit. Reaching
    the network's requirement confirms it (balance credited) or rejects it (AML risk).

    Args:
        txid (str):
        body (AdvanceDepositRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deposit | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        txid=txid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    txid: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceDepositRequest | Unset = UNSET,
) -> Deposit | Error | ValidationError | None:
    """Add confirmations to a pending deposit

     Adds `confirmations` (by default: as many as the network requires) to the deposit. Reaching
    the network's requirement confirms it (balance credited) or rejects it (AML risk).

    Args:
        txid (str):
        body (AdvanceDepositRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deposit | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            txid=txid,
            client=client,
            body=body,
        )
    ).parsed
