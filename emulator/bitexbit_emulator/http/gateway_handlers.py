"""Handlers of the gateway operations, by operationId: validated input in, Sandbox call, result.

A create hands the Sandbox one typed request (``WithdrawRequest.from_input``: money as
``Decimal``, blank optional text as none); a list passes its paging and every declared filter
through by the spec's names. Handlers never compute money.

List results are wrapped in the DRF page envelope (``page_envelope``): absolute ``next``/
``previous`` URLs built from the request URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from starlette.datastructures import URL

from bitexbit_emulator.domain.wallets import WalletRequest
from bitexbit_emulator.domain.withdrawals import WithdrawRequest
from bitexbit_emulator.http.auth import AuthenticatedKey
from bitexbit_emulator.http.context import Handler, RequestContext
from bitexbit_emulator.http.responses import ApiResult

__all__ = ["gateway_handlers", "page_envelope"]


class ResultPage(Protocol):
    @property
    def count(self) -> int: ...
    @property
    def results(self) -> list[dict[str, object]]: ...
    @property
    def page(self) -> int: ...
    @property
    def has_next(self) -> bool: ...
    @property
    def has_previous(self) -> bool: ...


def page_envelope(url: URL, page: ResultPage) -> dict[str, object]:
    """``{count, next, previous, results}``; the link to page 1 drops ``page`` (as DRF does)."""
    next_url = str(url.include_query_params(page=page.page + 1)) if page.has_next else None
    previous_url: str | None = None
    if page.has_previous:
        previous_page = page.page - 1
        previous_url = str(
            url.remove_query_params("page")
            if previous_page <= 1
            else url.include_query_params(page=previous_page)
        )
    return {
        "count": page.count,
        "next": next_url,
        "previous": previous_url,
        "results": page.results,
    }


if TYPE_CHECKING:
    from bitexbit_emulator.service import Sandbox


def gateway_handlers(sandbox: Sandbox) -> dict[str, Handler]:
    async def list_payment_methods(context: RequestContext) -> ApiResult:
        methods = sandbox.list_payment_methods(ordering=_ordering(context))
        return ApiResult(200, methods)

    async def create_wallet(context: RequestContext) -> ApiResult:
        key = _key(context)
        wallet = sandbox.create_wallet(
            key.record.account_id, key.record.api_key, WalletRequest.from_input(context.body)
        )
        return ApiResult(201, wallet)

    async def list_wallets(context: RequestContext) -> ApiResult:
        paging = _paging(context)
        page = sandbox.list_wallets(
            _key(context).record.account_id,
            page=paging.page,
            limit=paging.limit,
            ordering=paging.ordering,
        )
        return ApiResult(200, page_envelope(context.request.url, page))

    async def get_wallet_history(context: RequestContext) -> ApiResult:
        paging = _paging(context)
        page = sandbox.wallet_history(
            _key(context).record.account_id,
            page=paging.page,
            limit=paging.limit,
            ordering=paging.ordering,
            **_filters(context),
        )
        return ApiResult(200, page_envelope(context.request.url, page))

    async def create_withdraw(context: RequestContext) -> ApiResult:
        key = _key(context)
        withdraw, created = sandbox.create_withdraw(
            key.record.account_id, key.record.api_key, WithdrawRequest.from_input(context.body)
        )
        return ApiResult(201 if created else 200, withdraw)

    async def get_withdraw_history(context: RequestContext) -> ApiResult:
        paging = _paging(context)
        page = sandbox.withdraw_history(
            _key(context).record.account_id,
            page=paging.page,
            limit=paging.limit,
            ordering=paging.ordering,
            **_filters(context),
        )
        return ApiResult(200, page_envelope(context.request.url, page))

    return {
        "listPaymentMethods": list_payment_methods,
        "createWallet": create_wallet,
        "listWallets": list_wallets,
        "getWalletHistory": get_wallet_history,
        "createWithdraw": create_withdraw,
        "getWithdrawHistory": get_withdraw_history,
    }


@dataclass(frozen=True)
class _Paging:
    page: int
    limit: int | None
    ordering: str


def _paging(context: RequestContext) -> _Paging:
    params = context.params
    return _Paging(
        page=_required_integer(params, "page"),
        limit=_integer(params, "limit"),  # `all` (the documentation's default) is no integer
        ordering=_ordering(context),
    )


_PAGING_PARAMETERS = frozenset({"page", "limit", "ordering"})


def _filters(context: RequestContext) -> dict[str, object]:
    """Every other query parameter the operation declares is an exact-match filter (errata
    P2): the validated values, by the spec's names, passed through as they are."""
    return {name: value for name, value in context.params.items() if name not in _PAGING_PARAMETERS}


def _ordering(context: RequestContext) -> str:
    """The documentation's literal `ordering=default` names the list's default ordering."""
    ordering = _required_text(context.params, "ordering")
    if ordering == "default":
        return _required_text(context.operation.parameter_defaults, "ordering")
    return ordering


def _key(context: RequestContext) -> AuthenticatedKey:
    if context.key is None:
        raise RuntimeError(f"{context.operation.operation_id} ran without an authenticated key")
    return context.key


def _text(values: Mapping[str, object], name: str) -> str | None:
    value = values.get(name)
    if value is None or value == "":
        return None
    return str(value)


def _required_text(values: Mapping[str, object], name: str) -> str:
    """For required inputs and inputs with a spec default."""
    value = _text(values, name)
    if value is None:
        raise RuntimeError(f"validated input lacks {name}")
    return value


def _integer(values: Mapping[str, object], name: str) -> int | None:
    value = values.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _required_integer(values: Mapping[str, object], name: str) -> int:
    """For inputs the spec gives a default, so validated input always has them."""
    value = _integer(values, name)
    if value is None:
        raise RuntimeError(f"validated input lacks {name}")
    return value
