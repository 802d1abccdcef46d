"""Several ``bitexbit-emulator serve`` processes on one database: a small process manager.

A shared sandbox is N emulator instances on one PostgreSQL database, behind whatever spreads
requests over them (a load balancer, or clients that pick an instance). This is the manager the
shared-sandbox tests use, and the one ``docs/shared-sandbox.md`` shows::

    with EmulatorInstances(3, "postgresql+psycopg://me@127.0.0.1/sandbox") as instances:
        instances.urls  # ["http://127.0.0.1:41001", ...], each serving the same sandbox

Each instance is a separate process (its own session, so ``kill`` reaches its whole tree) on a
free loopback port; the database URL is handed over in ``BITEXBIT_EMULATOR_DATABASE_URL``, never
on a command line that other users of the machine can read. Output goes to one log file per
instance in ``log_dir`` (kept for reading after a failure).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import httpx

from bitexbit_emulator.testing.control import ControlClient, ControlError

__all__ = ["EmulatorInstances"]

LOOPBACK = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


class EmulatorInstances:
    """``count`` instances of ``bitexbit-emulator serve`` sharing ``database_url``."""

    def __init__(
        self,
        count: int,
        database_url: str,
        *,
        config: Path | None = None,
        arguments: Sequence[str] = (),
        log_dir: Path | None = None,
    ) -> None:
        if count < 1:
            raise ValueError("at least one instance")
        self.database_url = database_url
        self.config = config
        self.arguments = tuple(arguments)
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="bitexbit-instances-"))
        self.ports = [_free_port() for _ in range(count)]
        self.urls = [f"http://{LOOPBACK}:{port}" for port in self.ports]
        self._processes: list[subprocess.Popen[bytes] | None] = [None] * count

    def _command(self, port: int) -> list[str]:
        command = [sys.executable, "-m", "bitexbit_emulator", "serve", "--port", str(port)]
        if self.config is not None:
            command += ["--config", str(self.config)]
        return [*command, *self.arguments]

    def start(self, timeout: float = 60.0) -> EmulatorInstances:
        """Start every instance that is not running, all at once (on an empty database they
        race to migrate and seed it, and take turns on an advisory lock), then wait until each
        answers HTTP."""
        environment = {**os.environ, "BITEXBIT_EMULATOR_DATABASE_URL": self.database_url}
        started = []
        for index, port in enumerate(self.ports):
            if self.running(index):
                continue
            with (self.log_dir / f"instance-{index}.log").open("ab") as log:
                self._processes[index] = subprocess.Popen(  # noqa: S603 - our own server
                    self._command(port),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=environment,
                    start_new_session=True,
                )
            started.append(index)
        for index in started:
            self._wait_answering(index, timeout)
        return self

    def _wait_answering(self, index: int, timeout: float) -> None:
        process = self._processes[index]
        assert process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"instance {index} exited at start (code {process.returncode}); see "
                    f"{self.log_dir / f'instance-{index}.log'}"
                )
            control = ControlClient(self.urls[index], timeout=1)
            try:
                control.health()
                return
            except (httpx.HTTPError, ControlError):
                time.sleep(0.1)
            finally:
                control.close()
        raise RuntimeError(f"instance {index} did not answer within {timeout} s")

    def running(self, index: int) -> bool:
        process = self._processes[index]
        return process is not None and process.poll() is None

    def kill(self, index: int, sig: signal.Signals = signal.SIGKILL) -> None:
        """Signal one instance's process group (``SIGKILL``: no shutdown of any kind)."""
        process = self._processes[index]
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop(self) -> None:
        for index, process in enumerate(self._processes):
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.kill(index)

    def __enter__(self) -> EmulatorInstances:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
