from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.faults import Faults
from ...models.faults_request import FaultsRequest
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: FaultsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/faults",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Faults | ValidationError | None:
    if response.status_code == 200:
        response_200 = Faults.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Faults | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FaultsRequest,
) -> Response[Error | Faults | ValidationError]:
    """Replace the injected faults

     Replaces every rule. Keys of `operations` are gateway operationIds, or `*` for every
    operation without a rule of its own. Faults are decided before authentication, like a proxy
    in front of the gateway: a faulted request changes nothing. With a `seed`, the same
    sequence of requests is faulted identically on every run. `{"operations": {}}` clears them.

    Args:
        body (FaultsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Faults | ValidationError]
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
    body: FaultsRequest,
) -> Error | Faults | ValidationError | None:
    """Replace the injected faults

     Replaces every rule. Keys of `operations` are gateway operationIds, or `*` for every
    operation without a rule of its own. Faults are decided before authentication, like a proxy
    in front of the gateway: a faulted request changes nothing. With a `seed`, the same
    sequence of requests is faulted identically on every run. `{"operations": {}}` clears them.

    Args:
        body (FaultsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Faults | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FaultsRequest,
) -> Response[Error | Faults | ValidationError]:
    """Replace the injected faults

     Replaces every rule. Keys of `operations` are gateway operationIds, or `*` for every
    operation without a rule of its own. Faults are decided before authentication, like a proxy
    in front of the gateway: a faulted request changes nothing. With a `seed`, the same
    sequence of requests is faulted identically on every run. `{"operations": {}}` clears them.

    Args:
        body (FaultsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Faults | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FaultsRequest,
) -> Error | Faults | ValidationError | None:
    """Replace the injected faults

     Replaces every rule. Keys of `operations` are gateway operationIds, or `*` for every
    operation without a rule of its own. Faults are decided before authentication, like a proxy
    in front of the gateway: a faulted request changes nothing. With a `seed`, the same
    sequence of requests is faulted identically on every run. `{"operations": {}}` clears them.

    Args:
        body (FaultsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Faults | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
