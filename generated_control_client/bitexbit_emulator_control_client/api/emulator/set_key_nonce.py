from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.key_nonce import KeyNonce
from ...models.set_key_nonce_request import SetKeyNonceRequest
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    api_key: str,
    *,
    body: SetKeyNonceRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/keys/{api_key}/nonce".format(
            api_key=quote(str(api_key), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | KeyNonce | ValidationError | None:
    if response.status_code == 200:
        response_200 = KeyNonce.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | KeyNonce | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    api_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetKeyNonceRequest | Unset = UNSET,
) -> Response[Error | KeyNonce | ValidationError]:
    """Set one key's last accepted nonce

     Recovers a key locked out by a far-future nonce (anyone who saw one request signed with the
    `params` scheme can resend it with `X-Nonce: 9223372036854775807`): sets the key's last
    accepted nonce to `last_nonce` (`0` by default: any nonce is accepted next), leaving every
    other key and all other state as they are.

    Args:
        api_key (str):
        body (SetKeyNonceRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | KeyNonce | ValidationError]
    """

    kwargs = _get_kwargs(
        api_key=api_key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    api_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetKeyNonceRequest | Unset = UNSET,
) -> Error | KeyNonce | ValidationError | None:
    """Set one key's last accepted nonce

     Recovers a key locked out by a far-future nonce (anyone who saw one request signed with the
    `params` scheme can resend it with `X-Nonce: 9223372036854775807`): sets the key's last
    accepted nonce to `last_nonce` (`0` by default: any nonce is accepted next), leaving every
    other key and all other state as they are.

    Args:
        api_key (str):
        body (SetKeyNonceRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | KeyNonce | ValidationError
    """

    return sync_detailed(
        api_key=api_key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    api_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetKeyNonceRequest | Unset = UNSET,
) -> Response[Error | KeyNonce | ValidationError]:
    """Set one key's last accepted nonce

     Recovers a key locked out by a far-future nonce (anyone who saw one request signed with the
    `params` scheme can resend it with `X-Nonce: 9223372036854775807`): sets the key's last
    accepted nonce to `last_nonce` (`0` by default: any nonce is accepted next), leaving every
    other key and all other state as they are.

    Args:
        api_key (str):
        body (SetKeyNonceRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | KeyNonce | ValidationError]
    """

    kwargs = _get_kwargs(
        api_key=api_key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    api_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetKeyNonceRequest | Unset = UNSET,
) -> Error | KeyNonce | ValidationError | None:
    """Set one key's last accepted nonce

     Recovers a key locked out by a far-future nonce (anyone who saw one request signed with the
    `params` scheme can resend it with `X-Nonce: 9223372036854775807`): sets the key's last
    accepted nonce to `last_nonce` (`0` by default: any nonce is accepted next), leaving every
    other key and all other state as they are.

    Args:
        api_key (str):
        body (SetKeyNonceRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | KeyNonce | ValidationError
    """

    return (
        await asyncio_detailed(
            api_key=api_key,
            client=client,
            body=body,
        )
    ).parsed
