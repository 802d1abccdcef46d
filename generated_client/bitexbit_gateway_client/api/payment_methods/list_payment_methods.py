from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_payment_methods_ordering import ListPaymentMethodsOrdering
from ...models.payment_method import PaymentMethod
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    ordering: ListPaymentMethodsOrdering | Unset = ListPaymentMethodsOrdering.ID_ASC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/payment-methods",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | list[PaymentMethod] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PaymentMethod.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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
) -> Response[Error | ValidationError | list[PaymentMethod]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    ordering: ListPaymentMethodsOrdering | Unset = ListPaymentMethodsOrdering.ID_ASC,
) -> Response[Error | ValidationError | list[PaymentMethod]]:
    """List payment methods

     Returns every available payment method. The list is not paginated.

    Args:
        ordering (ListPaymentMethodsOrdering | Unset):  Default:
            ListPaymentMethodsOrdering.ID_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[PaymentMethod]]
    """

    kwargs = _get_kwargs(
        ordering=ordering,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    ordering: ListPaymentMethodsOrdering | Unset = ListPaymentMethodsOrdering.ID_ASC,
) -> Error | ValidationError | list[PaymentMethod] | None:
    """List payment methods

     Returns every available payment method. The list is not paginated.

    Args:
        ordering (ListPaymentMethodsOrdering | Unset):  Default:
            ListPaymentMethodsOrdering.ID_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[PaymentMethod]
    """

    return sync_detailed(
        client=client,
        ordering=ordering,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    ordering: ListPaymentMethodsOrdering | Unset = ListPaymentMethodsOrdering.ID_ASC,
) -> Response[Error | ValidationError | list[PaymentMethod]]:
    """List payment methods

     Returns every available payment method. The list is not paginated.

    Args:
        ordering (ListPaymentMethodsOrdering | Unset):  Default:
            ListPaymentMethodsOrdering.ID_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[PaymentMethod]]
    """

    kwargs = _get_kwargs(
        ordering=ordering,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    ordering: ListPaymentMethodsOrdering | Unset = ListPaymentMethodsOrdering.ID_ASC,
) -> Error | ValidationError | list[PaymentMethod] | None:
    """List payment methods

     Returns every available payment method. The list is not paginated.

    Args:
        ordering (ListPaymentMethodsOrdering | Unset):  Default:
            ListPaymentMethodsOrdering.ID_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[PaymentMethod]
    """

    return (
        await asyncio_detailed(
            client=client,
            ordering=ordering,
        )
    ).parsed
