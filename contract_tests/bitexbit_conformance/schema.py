"""Loading `openapi/gateway.yaml` for Schemathesis, aimed at an ASGI app or a base URL.

The schema always comes from the file (the single source of truth), never from the target:
a deployment serving a stale copy of the spec must not be able to test itself against it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import schemathesis
import yaml
from schemathesis.filters import HasAPIOperation
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.schemas import OpenApiSchema

from bitexbit_conformance.operations import operation_facts
from bitexbit_conformance.settings import RunSettings, build_config
from bitexbit_conformance.signing import GatewaySigner

__all__ = [
    "API_BASE_PATH",
    "ASGI_BASE_URL",
    "SPEC_ENV_VAR",
    "find_spec_path",
    "load_gateway_schema",
    "read_spec",
]

SPEC_ENV_VAR = "BITEXBIT_SPEC"
API_BASE_PATH = "/api/gateway"
ASGI_BASE_URL = f"http://127.0.0.1{API_BASE_PATH}"
"""The base URL of an in-process run: the host is never contacted, only the path matters."""

_SPEC_RELATIVE = Path("openapi") / "gateway.yaml"
PACKAGED_SPEC = Path(__file__).resolve().parent / _SPEC_RELATIVE
"""The copy an installed distribution carries (see hatch_build.py); absent in a checkout."""


def find_spec_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The spec file: `explicit`, else `$BITEXBIT_SPEC`, else the copy this distribution was
    built with (the spec its `__spec_version__` names), else `openapi/gateway.yaml` found by
    walking up from this package (a workspace checkout) or from the working directory."""
    if explicit is not None:
        return _existing(Path(explicit))
    from_env = os.environ.get(SPEC_ENV_VAR)
    if from_env:
        return _existing(Path(from_env))
    if PACKAGED_SPEC.is_file():
        return PACKAGED_SPEC
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for directory in (start, *start.parents):
            candidate = directory / _SPEC_RELATIVE
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(
        f"cannot find {_SPEC_RELATIVE}; pass --spec or set {SPEC_ENV_VAR} to the spec file"
    )


def read_spec(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The spec file as plain data."""
    with Path(path).open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def load_gateway_schema(
    settings: RunSettings,
    *,
    signer: GatewaySigner | None,
    app: Any | None = None,
    spec_path: str | os.PathLike[str] | None = None,
) -> OpenApiSchema:
    """The gateway schema configured by `settings`, every request signed by `signer`.

    With `app` the requests go to that ASGI application in-process; otherwise to
    `settings.base_url`. Read-only settings keep the GET operations only.
    """
    if app is None and settings.base_url is None:
        raise ValueError("a run needs either an ASGI app or settings.base_url")
    if app is not None and settings.base_url is None:
        settings = _with_base_url(settings, ASGI_BASE_URL)
    path = find_spec_path(spec_path)
    operations = operation_facts(read_spec(path))
    schema = schemathesis.openapi.from_path(path, config=build_config(settings, operations))
    if app is not None:
        schema.app = app
    if signer is not None:
        schema.auth.set_from_requests(signer)
    if settings.catalogue is not None:
        settings.catalogue.install(schema)
    # `exclude`, not `include`: the per-operation config entries are include filters too, and
    # any matching include would let an unwanted operation back in.
    if settings.read_only:
        writes = frozenset(o for o, facts in operations.items() if facts.writes)
        schema = _openapi(schema.exclude(func=lambda context: _operation_id(context) in writes))
    if settings.operations:
        wanted = frozenset(settings.operations)
        schema = _openapi(schema.exclude(func=lambda context: _operation_id(context) not in wanted))
    return schema


def _openapi(schema: BaseSchema) -> OpenApiSchema:
    if not isinstance(schema, OpenApiSchema):
        raise TypeError(f"expected an OpenAPI schema, got {type(schema).__name__}")
    return schema


def _operation_id(context: HasAPIOperation) -> str | None:
    operation_id = context.operation.definition.raw.get("operationId")
    return operation_id if isinstance(operation_id, str) else None


def _with_base_url(settings: RunSettings, base_url: str) -> RunSettings:
    from dataclasses import replace

    return replace(settings, base_url=base_url)


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"spec file not found: {path}")
    return path
