from __future__ import annotations

from collections.abc import Iterator

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.service import Sandbox


@pytest.fixture(scope="session")
def config() -> EmulatorConfig:
    return EmulatorConfig.load()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(config: EmulatorConfig, clock: FakeClock) -> Iterator[Sandbox]:
    instance = Sandbox(config, database_url="sqlite://", clock=clock)
    yield instance
    instance.close()


@pytest.fixture
def file_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/emulator.sqlite3"
