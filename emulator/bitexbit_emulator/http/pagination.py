"""The DRF-style page envelope: absolute ``next``/``previous`` URLs built from the request URL."""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import URL

__all__ = ["Page", "page_envelope"]


class Page(Protocol):
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


def page_envelope(url: URL, page: Page) -> dict[str, object]:
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
