"""bitexbit-conformance: Schemathesis contract tests of the bitexbit API Gateway spec.

```python
from bitexbit_conformance import GatewaySigner, RunSettings, load_gateway_schema, run_conformance

signer = GatewaySigner(api_key, secret)
schema = load_gateway_schema(RunSettings(base_url=url, read_only=True), signer=signer)
report = run_conformance(schema)
```

Names are imported on first use: the SDK CLI loads the `conformance` sub-command on every
start, and Schemathesis is slow to import.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from bitexbit_conformance._spec import SPEC_SHA256 as __spec_sha256__
from bitexbit_conformance._spec import SPEC_VERSION as __spec_version__

if TYPE_CHECKING:
    from bitexbit_conformance.report import FailureRecord, RunReport
    from bitexbit_conformance.runner import run_conformance
    from bitexbit_conformance.schema import load_gateway_schema
    from bitexbit_conformance.settings import RunSettings
    from bitexbit_conformance.signing import GatewaySigner

try:
    __version__ = version("bitexbit-conformance")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "FailureRecord",
    "GatewaySigner",
    "RunReport",
    "RunSettings",
    "__spec_sha256__",
    "__spec_version__",
    "__version__",
    "load_gateway_schema",
    "run_conformance",
]

_EXPORTS = {
    "FailureRecord": "bitexbit_conformance.report",
    "RunReport": "bitexbit_conformance.report",
    "run_conformance": "bitexbit_conformance.runner",
    "load_gateway_schema": "bitexbit_conformance.schema",
    "RunSettings": "bitexbit_conformance.settings",
    "GatewaySigner": "bitexbit_conformance.signing",
}


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'bitexbit_conformance' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)
