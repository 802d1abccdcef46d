"""Payment methods: the ticker and network pairs the gateway accepts (not paginated)."""

from __future__ import annotations

import builtins

from bitexbit_gateway_client.api.payment_methods import list_payment_methods
from bitexbit_gateway_client.models import ListPaymentMethodsOrdering
from bitexbit_gateway_client.models import PaymentMethod as GeneratedPaymentMethod

from bitexbit._decoding import reads_list
from bitexbit._models import PaymentMethod
from bitexbit._requester import AsyncRequester, SyncRequester
from bitexbit._resources._params import choice

__all__ = ["AsyncPaymentMethods", "PaymentMethods"]


class PaymentMethods:
    def __init__(self, requester: SyncRequester) -> None:
        self._requester = requester

    def list(
        self, *, ordering: ListPaymentMethodsOrdering | str | None = None
    ) -> builtins.list[PaymentMethod]:
        """Every payment method, with limits and fees as Decimal."""
        order = choice(ListPaymentMethodsOrdering, ordering, name="ordering")
        methods = self._requester.send(
            lambda client: list_payment_methods.sync_detailed(client=client, ordering=order),
            reads_list(GeneratedPaymentMethod),
        )
        return [PaymentMethod(method) for method in methods]


class AsyncPaymentMethods:
    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def list(
        self, *, ordering: ListPaymentMethodsOrdering | str | None = None
    ) -> builtins.list[PaymentMethod]:
        order = choice(ListPaymentMethodsOrdering, ordering, name="ordering")
        methods = await self._requester.send(
            lambda client: list_payment_methods.asyncio_detailed(client=client, ordering=order),
            reads_list(GeneratedPaymentMethod),
        )
        return [PaymentMethod(method) for method in methods]
