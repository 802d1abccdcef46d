"""Process-wide state per API key: one rate limiter and one nonce source for each key.

Two `Gateway`s built with the same key in one process must share both, or they would together
exceed the per-key rate limit and hand out colliding nonces ("nonce too small").
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["PerKey"]

StateT = TypeVar("StateT")


class PerKey(Generic[StateT]):
    """A thread-safe map from API key to a lazily created shared object."""

    def __init__(self, factory: Callable[[], StateT]) -> None:
        self._factory = factory
        self._by_key: dict[str, StateT] = {}
        self._lock = threading.Lock()

    def get(self, api_key: str) -> StateT:
        # Keyed by a digest so the map never holds the key itself (it shows in debug dumps).
        digest = hashlib.sha256(api_key.encode("utf-8")).hexdigest()
        with self._lock:
            state = self._by_key.get(digest)
            if state is None:
                state = self._factory()
                self._by_key[digest] = state
            return state
