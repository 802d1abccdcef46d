"""Fixtures shared by every test folder: where the repository is, and the gateway spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
GATEWAY_SPEC = REPO_ROOT / "openapi" / "gateway.yaml"


@pytest.fixture(scope="session")
def gateway_spec() -> dict[str, Any]:
    """``openapi/gateway.yaml`` as plain data (``yaml.safe_load``); do not mutate it."""
    with GATEWAY_SPEC.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document
