from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.transition_mode import TransitionMode
from ...models.transition_mode_request import TransitionModeRequest
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: TransitionModeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/transition-mode",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TransitionMode | ValidationError | None:
    if response.status_code == 200:
        response_200 = TransitionMode.from_dict(response.json())

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
) -> Response[Error | TransitionMode | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TransitionModeRequest,
) -> Response[Error | TransitionMode | ValidationError]:
    """Set how statuses move on their own

     `manual`: nothing moves until this API says so (the default). `immediate`: deposits confirm
    and withdrawals run to `DONE` as soon as they are created. `timed`: each step happens
    `delay_seconds` after the previous one.

    Args:
        body (TransitionModeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TransitionMode | ValidationError]
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
    body: TransitionModeRequest,
) -> Error | TransitionMode | ValidationError | None:
    """Set how statuses move on their own

     `manual`: nothing moves until this API says so (the default). `immediate`: deposits confirm
    and withdrawals run to `DONE` as soon as they are created. `timed`: each step happens
    `delay_seconds` after the previous one.

    Args:
        body (TransitionModeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TransitionMode | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TransitionModeRequest,
) -> Response[Error | TransitionMode | ValidationError]:
    """Set how statuses move on their own

     `manual`: nothing moves until this API says so (the default). `immediate`: deposits confirm
    and withdrawals run to `DONE` as soon as they are created. `timed`: each step happens
    `delay_seconds` after the previous one.

    Args:
        body (TransitionModeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TransitionMode | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TransitionModeRequest,
) -> Error | TransitionMode | ValidationError | None:
    """Set how statuses move on their own

     `manual`: nothing moves until this API says so (the default). `immediate`: deposits confirm
    and withdrawals run to `DONE` as soon as they are created. `timed`: each step happens
    `delay_seconds` after the previous one.

    Args:
        body (TransitionModeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TransitionMode | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
