"""bitexbit-emulator: a stateful sandbox of the bitexbit API Gateway, served from its spec.

``create_app(sandbox)`` builds the ASGI app; ``Sandbox`` holds the state; ``EmulatorConfig``
loads the YAML configuration. Names are imported on first use, so loading the pytest plugin
(which imports this package in every pytest run) stays cheap.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from bitexbit_emulator._spec import SPEC_SHA256 as __spec_sha256__
from bitexbit_emulator._spec import SPEC_VERSION as __spec_version__

if TYPE_CHECKING:
    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.service import Sandbox

try:
    __version__ = version("bitexbit-emulator")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "EmulatorConfig",
    "Sandbox",
    "__spec_sha256__",
    "__spec_version__",
    "__version__",
    "create_app",
]

_EXPORTS = {
    "create_app": "bitexbit_emulator.app",
    "EmulatorConfig": "bitexbit_emulator.config",
    "Sandbox": "bitexbit_emulator.service",
}


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'bitexbit_emulator' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
