"""Loading the OpenAPI documents the emulator serves.

The documents are the single source of truth: routes, parameter coercion and validators are
all derived from them. A wheel carries copies under ``bitexbit_emulator/openapi/`` (see the
``force-include`` in ``pyproject.toml``); a source checkout reads ``openapi/`` at the repo root.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

__all__ = ["CONTROL_SPEC", "GATEWAY_SPEC", "RefResolver", "load_spec", "spec_path"]

GATEWAY_SPEC = "gateway.yaml"
CONTROL_SPEC = "emulator-control.yaml"

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATE_DIRS = (_PACKAGE_DIR / "openapi", _PACKAGE_DIR.parent.parent / "openapi")


def spec_path(name: str) -> Path:
    """Where the document ``name`` lives: the packaged copy first, then the repo's openapi/."""
    for directory in _CANDIDATE_DIRS:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(directory) for directory in _CANDIDATE_DIRS)
    raise FileNotFoundError(f"OpenAPI document {name!r} not found (searched {searched})")


@functools.cache
def load_spec(name: str) -> dict[str, Any]:
    """Parse the document once per process; callers must treat the result as read-only."""
    with spec_path(name).open(encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    if not isinstance(document, dict):
        raise ValueError(f"OpenAPI document {name!r} is not a mapping")
    return document


class RefResolver:
    """Follows ``$ref`` chains within a document and into linked ones (``gateway.yaml#/...``)."""

    def __init__(
        self, document: Mapping[str, Any], linked: Mapping[str, Mapping[str, Any]] | None = None
    ) -> None:
        self.document = document
        self._linked = dict(linked or {})

    def resolve(self, node: Any, base: Mapping[str, Any] | None = None) -> Any:
        """The node a reference chain ends at (``node`` itself if it is no reference)."""
        return self.resolve_in(node, base)[1]

    def resolve_in(
        self, node: Any, base: Mapping[str, Any] | None = None
    ) -> tuple[Mapping[str, Any], Any]:
        """(the document the result lives in, the result): nested refs resolve against it."""
        current = self.document if base is None else base
        seen: set[tuple[int, str]] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or "#" not in ref or (id(current), ref) in seen:
                raise ValueError(f"unsupported or circular $ref: {ref!r}")
            seen.add((id(current), ref))
            document_name, pointer = ref.split("#", 1)
            if document_name:
                if document_name not in self._linked:
                    raise ValueError(f"$ref to an unknown document: {ref!r}")
                current = self._linked[document_name]
            node = _at_pointer(current, pointer)
        return current, node


def _at_pointer(document: Mapping[str, Any], pointer: str) -> Any:
    target: Any = document
    for part in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target
