from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_namespace_request import CreateNamespaceRequest
from ...models.error import Error
from ...models.namespace import Namespace
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: CreateNamespaceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/namespaces",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Namespace | ValidationError | None:
    if response.status_code == 201:
        response_201 = Namespace.from_dict(response.json())

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
) -> Response[Error | Namespace | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateNamespaceRequest,
) -> Response[Error | Namespace | ValidationError]:
    """Create a namespace

     A new, isolated sandbox inside this one: its own accounts, keys, balances, nonces,
    history, callbacks and rate-limit counters, seeded from the configuration. It is served
    under `/ns/{name}`: the gateway API at `/ns/{name}/api/gateway` and this control API at
    `/ns/{name}/_emulator` (where `resetEmulator` resets only that namespace), by every
    emulator instance on the same database. Namespaces do not nest: inside one, the
    namespace operations answer `404`.

    Args:
        body (CreateNamespaceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationError]
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
    body: CreateNamespaceRequest,
) -> Error | Namespace | ValidationError | None:
    """Create a namespace

     A new, isolated sandbox inside this one: its own accounts, keys, balances, nonces,
    history, callbacks and rate-limit counters, seeded from the configuration. It is served
    under `/ns/{name}`: the gateway API at `/ns/{name}/api/gateway` and this control API at
    `/ns/{name}/_emulator` (where `resetEmulator` resets only that namespace), by every
    emulator instance on the same database. Namespaces do not nest: inside one, the
    namespace operations answer `404`.

    Args:
        body (CreateNamespaceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateNamespaceRequest,
) -> Response[Error | Namespace | ValidationError]:
    """Create a namespace

     A new, isolated sandbox inside this one: its own accounts, keys, balances, nonces,
    history, callbacks and rate-limit counters, seeded from the configuration. It is served
    under `/ns/{name}`: the gateway API at `/ns/{name}/api/gateway` and this control API at
    `/ns/{name}/_emulator` (where `resetEmulator` resets only that namespace), by every
    emulator instance on the same database. Namespaces do not nest: inside one, the
    namespace operations answer `404`.

    Args:
        body (CreateNamespaceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateNamespaceRequest,
) -> Error | Namespace | ValidationError | None:
    """Create a namespace

     A new, isolated sandbox inside this one: its own accounts, keys, balances, nonces,
    history, callbacks and rate-limit counters, seeded from the configuration. It is served
    under `/ns/{name}`: the gateway API at `/ns/{name}/api/gateway` and this control API at
    `/ns/{name}/_emulator` (where `resetEmulator` resets only that namespace), by every
    emulator instance on the same database. Namespaces do not nest: inside one, the
    namespace operations answer `404`.

    Args:
        body (CreateNamespaceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
