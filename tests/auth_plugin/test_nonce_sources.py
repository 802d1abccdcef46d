"""Nonce sources never repeat and never go backwards: threads, tasks, clock steps, processes."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from pathlib import Path

import pytest
from bitexbit.nonce import (
    FileLockedNonce,
    MonotonicNonce,
    NonceSource,
    NonceStoreError,
    epoch_milliseconds,
)


def test_sources_satisfy_the_protocol(tmp_path: Path) -> None:
    assert isinstance(MonotonicNonce(), NonceSource)
    assert isinstance(FileLockedNonce(tmp_path / "nonce"), NonceSource)


def test_follows_the_clock_and_bumps_when_it_stalls_or_steps_back() -> None:
    readings = iter([1000, 1000, 1000, 1005, 990, 990, 1007, 2000])
    source = MonotonicNonce(clock=lambda: next(readings))
    assert [source.next_nonce() for _ in range(8)] == [
        1000,
        1001,
        1002,
        1005,
        1006,
        1007,
        1008,
        2000,
    ]
    assert source.last == 2000


def test_default_clock_is_epoch_milliseconds() -> None:
    before = epoch_milliseconds()
    nonce = MonotonicNonce().next_nonce()
    assert before <= nonce <= epoch_milliseconds() + 1
    assert MonotonicNonce(last=10**15).next_nonce() == 10**15 + 1


def test_eight_threads_times_a_thousand_are_unique_and_increasing_per_thread() -> None:
    source = MonotonicNonce(clock=lambda: 5)  # a frozen clock: every nonce is a bump
    per_thread: list[list[int]] = [[] for _ in range(8)]
    start = threading.Barrier(8)

    def take(out: list[int]) -> None:
        start.wait()
        for _ in range(1000):
            out.append(source.next_nonce())

    threads = [threading.Thread(target=take, args=(out,)) for out in per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [nonce for out in per_thread for nonce in out]
    assert len(every) == 8000
    assert len(set(every)) == 8000
    assert sorted(every) == list(range(5, 8005))
    for out in per_thread:
        assert out == sorted(out)
        assert len(set(out)) == len(out)


def test_real_clock_under_threads_is_unique() -> None:
    source = MonotonicNonce()
    results: list[int] = []
    lock = threading.Lock()

    def take() -> None:
        mine = [source.next_nonce() for _ in range(500)]
        assert mine == sorted(mine)
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 4000


async def test_concurrent_asyncio_tasks_get_unique_increasing_nonces() -> None:
    source = MonotonicNonce()

    async def take() -> list[int]:
        mine = []
        for _ in range(200):
            mine.append(source.next_nonce())
            await asyncio.sleep(0)
        return mine

    per_task = await asyncio.gather(*(take() for _ in range(20)))
    every = [nonce for mine in per_task for nonce in mine]
    assert len(set(every)) == 4000
    for mine in per_task:
        assert mine == sorted(mine)


def test_file_locked_continues_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "nonce"
    first = FileLockedNonce(path, clock=lambda: 100)
    assert [first.next_nonce() for _ in range(3)] == [100, 101, 102]
    assert path.read_text() == "102\n"
    second = FileLockedNonce(path, clock=lambda: 50)  # another process whose clock is behind
    assert second.next_nonce() == 103
    assert FileLockedNonce(path, clock=lambda: 500).next_nonce() == 500
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_file_locked_treats_an_empty_file_as_zero_and_rejects_garbage(tmp_path: Path) -> None:
    path = tmp_path / "nonce"
    path.write_text("")
    assert FileLockedNonce(path, clock=lambda: 7).next_nonce() == 7
    path.write_text("not a number")
    with pytest.raises(NonceStoreError, match="does not hold a nonce"):
        FileLockedNonce(path, clock=lambda: 7).next_nonce()


def _take_from_file(path: str, count: int, queue: multiprocessing.Queue[list[int]]) -> None:
    source = FileLockedNonce(path)
    queue.put([source.next_nonce() for _ in range(count)])


def test_file_locked_across_four_processes_is_unique(tmp_path: Path) -> None:
    path = str(tmp_path / "shared-nonce")
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[int]] = context.Queue()
    processes = [context.Process(target=_take_from_file, args=(path, 200, queue)) for _ in range(4)]
    for process in processes:
        process.start()
    per_process = [queue.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    every = [nonce for mine in per_process for nonce in mine]
    assert len(every) == 800
    assert len(set(every)) == 800
    for mine in per_process:
        assert mine == sorted(mine)
    assert int(Path(path).read_text()) == max(every)


def test_file_locked_across_threads_is_unique(tmp_path: Path) -> None:
    source = FileLockedNonce(tmp_path / "nonce", clock=lambda: 1)
    results: list[int] = []
    lock = threading.Lock()

    def take() -> None:
        mine = [source.next_nonce() for _ in range(50)]
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 201))
