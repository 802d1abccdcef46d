"""Fixtures of the SDK tests (`bitexbit`); names start with `sdk_` to stay out of others' way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tools.spec_examples import resolve


@pytest.fixture(scope="session")
def sdk_spec_example(gateway_spec: dict[str, Any]) -> Callable[[str, str, str], Any]:
    """`example(path, method, status)`: the first example body of that response in the spec."""

    def example(path: str, method: str, status: str) -> Any:
        media = gateway_spec["paths"][path][method]["responses"][status]["content"]
        value = next(iter(media["application/json"]["examples"].values()))
        return resolve(gateway_spec, value)["value"]

    return example
