"""Fixtures of the contract suite: an in-process emulator and a signer for its demo key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bitexbit_conformance.emulator_target import EmulatorTarget, in_process_emulator
from bitexbit_conformance.signing import GatewaySigner

_REQUESTS_SENT: list[int] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How much the suite exercised the emulator (through the `emulator` fixture)."""
    if _REQUESTS_SENT:
        total = sum(_REQUESTS_SENT)
        runs = len(_REQUESTS_SENT)
        terminalreporter.write_line(f"contract suite: {total} requests to {runs} emulators")


@pytest.fixture
def emulator() -> Iterator[EmulatorTarget]:
    """A fresh emulator (rate limits off, manual transitions, response validation on).

    At teardown, no response may have broken the spec by the emulator's own validation.
    """
    with in_process_emulator() as target:
        yield target
        _REQUESTS_SENT.append(target.app.total)
        mismatches = target.response_mismatches()
        assert not mismatches, f"the emulator answered outside the spec: {mismatches}"


@pytest.fixture
def signer(emulator: EmulatorTarget) -> GatewaySigner:
    return GatewaySigner(emulator.api_key, emulator.secret)
