"""Nonce sources: integers that never repeat and never go backwards for one API key.

The gateway rejects a nonce not strictly greater than the last one it accepted for the key
("nonce too small"). Milliseconds since the epoch are the usual nonce; two requests in the same
millisecond, or a clock stepping back (NTP), would break that, so every source here bumps to
`last + 1` when the clock does not move forward.

`MonotonicNonce` covers one process (threads and asyncio tasks alike). Several processes
sharing one key need a shared record of the last nonce: `FileLockedNonce` keeps it in a file
under a file lock. The simpler rule is one API key per process: requests from different
processes still race on the wire, so even perfectly ordered nonces can arrive out of order.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from filelock import FileLock

__all__ = [
    "FileLockedNonce",
    "MillisecondClock",
    "MonotonicNonce",
    "NonceSource",
    "NonceStoreError",
    "epoch_milliseconds",
]

MillisecondClock = Callable[[], int]
"""A clock returning integer milliseconds (injectable so tests can step it back)."""


def epoch_milliseconds() -> int:
    """Milliseconds since the Unix epoch, the seed's `Date.now()` / `int(time() * 1000)`."""
    return time.time_ns() // 1_000_000


@runtime_checkable
class NonceSource(Protocol):
    """Anything that hands out strictly increasing integer nonces."""

    def next_nonce(self) -> int:
        """Return a nonce greater than every nonce this source returned before."""
        ...


class NonceStoreError(RuntimeError):
    """The file shared by `FileLockedNonce` holds something other than a nonce."""


class MonotonicNonce:
    """Millisecond clock nonces for one process, bumped to `last + 1` when the clock stalls.

    Thread-safe (a `threading.Lock` guards the last value); `next_nonce` never awaits, so it is
    also safe across asyncio tasks.
    """

    def __init__(self, *, clock: MillisecondClock = epoch_milliseconds, last: int = 0) -> None:
        self._clock = clock
        self._last = last
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        """The last nonce handed out (or the starting point)."""
        return self._last

    def next_nonce(self) -> int:
        with self._lock:
            nonce = max(self._clock(), self._last + 1)
            self._last = nonce
            return nonce

    def __repr__(self) -> str:
        return f"MonotonicNonce(last={self._last})"


class FileLockedNonce:
    """Nonces shared by several processes through a file holding the last value.

    Under an exclusive file lock (`<path>.lock`): read the last value, take
    `max(clock, last + 1)`, write it back atomically (temporary file + `os.replace`), so a crash
    never leaves a half-written number. A missing or empty file counts as 0.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: MillisecondClock = epoch_milliseconds,
        timeout: float = 10.0,
    ) -> None:
        self._path = Path(path)
        self._clock = clock
        self._file_lock = FileLock(
            f"{self._path}.lock", timeout=timeout, thread_local=False, poll_interval=0.001
        )
        # One thread of this process at a time; the file lock orders the processes.
        self._thread_lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The file holding the last nonce."""
        return self._path

    def next_nonce(self) -> int:
        with self._thread_lock, self._file_lock:
            nonce = max(self._clock(), self._read_last() + 1)
            self._write_last(nonce)
            return nonce

    def _read_last(self) -> int:
        try:
            text = self._path.read_text("ascii").strip()
        except FileNotFoundError:
            return 0
        except (OSError, UnicodeDecodeError) as error:
            raise NonceStoreError(f"cannot read the nonce file {self._path}: {error}") from None
        if not text:
            return 0
        if not text.isdigit():
            raise NonceStoreError(f"the nonce file {self._path} does not hold a nonce")
        return int(text)

    def _write_last(self, nonce: int) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{self._path.name}.", suffix=".tmp", dir=self._path.parent
        )
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(f"{nonce}\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def __repr__(self) -> str:
        return f"FileLockedNonce(path={str(self._path)!r})"
