"""Pages of results, and lazy iteration over all of them.

A list call returns one `Page` (with `count`, `next`, `previous`) for callers who page by hand;
`iter` walks the pages lazily, fetching page N+1 only once page N's items are consumed. The next
page number is read from the `next` URL (DRF style), so the generated operation is called again
with the same filters instead of following a raw URL outside the generated client.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import httpx

__all__ = ["Page", "iterate_pages", "iterate_pages_async", "page_from_envelope"]

ItemT = TypeVar("ItemT")
RawItemT = TypeVar("RawItemT")


class _Envelope(Protocol[RawItemT]):
    """The generated `*Page` models: WalletPage, DepositPage, WithdrawPage."""

    count: int
    next_: str | None
    previous: str | None
    results: list[RawItemT]


@dataclass(frozen=True)
class Page(Generic[ItemT]):
    """One page of a list: `results`, the total `count`, and the `next`/`previous` URLs."""

    results: list[ItemT]
    count: int
    next: str | None
    previous: str | None
    number: int = field(default=1)

    @property
    def next_page_number(self) -> int | None:
        """The page to ask for next, or None on the last page."""
        if self.next is None:
            return None
        try:
            number = int(httpx.URL(self.next).params.get("page", ""))
        except (ValueError, httpx.InvalidURL):
            number = self.number + 1
        # Never go backwards or stay put, whatever the URL says: iteration must end.
        return number if number > self.number else self.number + 1

    def __iter__(self) -> Iterator[ItemT]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def page_from_envelope(
    envelope: _Envelope[RawItemT], wrap: Callable[[RawItemT], ItemT], *, number: int
) -> Page[ItemT]:
    return Page(
        results=[wrap(item) for item in envelope.results],
        count=envelope.count,
        next=envelope.next_,
        previous=envelope.previous,
        number=number,
    )


def iterate_pages(fetch: Callable[[int], Page[ItemT]], *, first: int = 1) -> Iterator[ItemT]:
    """Every item of every page from `first` on, fetching each page only when it is reached."""
    number: int | None = first
    while number is not None:
        page = fetch(number)
        yield from page.results
        number = page.next_page_number if page.results else None


async def iterate_pages_async(
    fetch: Callable[[int], Awaitable[Page[ItemT]]], *, first: int = 1
) -> AsyncIterator[ItemT]:
    number: int | None = first
    while number is not None:
        page = await fetch(number)
        for item in page.results:
            yield item
        number = page.next_page_number if page.results else None
