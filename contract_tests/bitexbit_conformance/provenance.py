"""Where each part of the spec comes from: the gateway's documentation, or this toolkit's design.

Every operation, parameter, schema and schema property, response, header, security scheme and
extension (each `x-rate-limits` entry, each operation's `x-operation`) of `openapi/gateway.yaml`
carries

* `x-provenance: documented` - the gateway's documentation says it, as written;
* `x-provenance: corrected` - the documentation shows it, but contradicts itself or leaves out
  its type or limits; the spec says what we settled on;
* `x-provenance: designed` - the documentation does not say it at all; it is our design,

and a corrected or designed node names its errata label (`x-errata: W2`, a section of
`docs/errata.md`). `marked_nodes` is the one definition of which nodes need a mark: the spec
test, the documentation site's badges and the conformance profiles all walk it.

`documented_view` is the spec as far as the documentation vouches for it: what a `documented`
conformance run holds a deployment to. A designed property may be absent and hold anything, a
corrected one must be present but may hold anything; documented ones keep their schema.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "ERRATA_KEY",
    "PROVENANCE_KEY",
    "MarkedNode",
    "Provenance",
    "documented_view",
    "errata_labels_in",
    "marked_nodes",
    "provenance_problems",
]

PROVENANCE_KEY = "x-provenance"
ERRATA_KEY = "x-errata"

_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_ERRATA_HEADING = re.compile(r"^#{2,4}\s+([A-Z]\d+)\.", re.MULTILINE)


class Provenance(StrEnum):
    DOCUMENTED = "documented"
    CORRECTED = "corrected"
    DESIGNED = "designed"


@dataclass(frozen=True, slots=True)
class MarkedNode:
    """One node that must say where it comes from; `pointer` is its JSON pointer."""

    pointer: str
    kind: str
    node: Mapping[str, Any]

    @property
    def provenance(self) -> Provenance | None:
        return _provenance_of(self.node)

    @property
    def errata(self) -> str | None:
        value = self.node.get(ERRATA_KEY)
        return value if isinstance(value, str) else None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def marked_nodes(document: Mapping[str, Any]) -> Iterator[MarkedNode]:
    """Every node of the gateway spec that must carry `x-provenance`.

    `$ref` nodes are skipped: the component they point to carries the mark once.
    """
    for path, path_item in _mapping(document.get("paths")).items():
        yield from _path_item(f"/paths/{_escape(path)}", _mapping(path_item))
    components = _mapping(document.get("components"))
    for section, kind in (
        ("parameters", "parameter"),
        ("responses", "response"),
        ("headers", "header"),
        ("securitySchemes", "security scheme"),
    ):
        for name, node in _mapping(components.get(section)).items():
            yield MarkedNode(f"/components/{section}/{_escape(name)}", kind, _mapping(node))
    for name, schema in _mapping(components.get("schemas")).items():
        pointer = f"/components/schemas/{_escape(name)}"
        yield MarkedNode(pointer, "schema", _mapping(schema))
        yield from _properties(pointer, _mapping(schema))
    for name, value in _mapping(document.get("x-rate-limits")).items():
        yield MarkedNode(f"/x-rate-limits/{_escape(name)}", "extension", _mapping(value))


def _path_item(pointer: str, path_item: Mapping[str, Any]) -> Iterator[MarkedNode]:
    for method in _HTTP_METHODS:
        operation = path_item.get(method)
        if not isinstance(operation, Mapping):
            continue
        op_pointer = f"{pointer}/{method}"
        yield MarkedNode(op_pointer, "operation", operation)
        for key, extension in operation.items():
            if key.startswith("x-") and isinstance(extension, Mapping):
                yield MarkedNode(f"{op_pointer}/{_escape(key)}", "extension", extension)
        for index, parameter in enumerate(operation.get("parameters", ())):
            if isinstance(parameter, Mapping) and "$ref" not in parameter:
                yield MarkedNode(f"{op_pointer}/parameters/{index}", "parameter", parameter)
        for status, response in _mapping(operation.get("responses")).items():
            if isinstance(response, Mapping) and "$ref" not in response:
                response_pointer = f"{op_pointer}/responses/{_escape(str(status))}"
                yield MarkedNode(response_pointer, "response", response)
                for header, node in _mapping(response.get("headers")).items():
                    if isinstance(node, Mapping) and "$ref" not in node:
                        yield MarkedNode(
                            f"{response_pointer}/headers/{_escape(header)}", "header", node
                        )
        for name, callback in _mapping(operation.get("callbacks")).items():
            for expression, item in _mapping(callback).items():
                yield from _path_item(
                    f"{op_pointer}/callbacks/{_escape(name)}/{_escape(expression)}",
                    _mapping(item),
                )


def _properties(pointer: str, schema: Mapping[str, Any]) -> Iterator[MarkedNode]:
    for name, prop in _mapping(schema.get("properties")).items():
        prop_pointer = f"{pointer}/properties/{_escape(name)}"
        yield MarkedNode(prop_pointer, "property", _mapping(prop))
        yield from _properties(prop_pointer, _mapping(prop))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, part in enumerate(schema.get(keyword, ())):
            if isinstance(part, Mapping):
                yield from _properties(f"{pointer}/{keyword}/{index}", part)
    items = schema.get("items")
    if isinstance(items, Mapping):
        yield from _properties(f"{pointer}/items", items)


def errata_labels_in(errata_markdown: str) -> frozenset[str]:
    """The labels `docs/errata.md` explains: its `### W2. ...` section headings."""
    return frozenset(_ERRATA_HEADING.findall(errata_markdown))


def provenance_problems(document: Mapping[str, Any], errata_labels: frozenset[str]) -> list[str]:
    """Every unmarked node, bad mark, and corrected/designed node without a known label."""
    problems: list[str] = []
    for marked in marked_nodes(document):
        raw = marked.node.get(PROVENANCE_KEY)
        provenance = marked.provenance
        if provenance is None:
            problems.append(f"{marked.pointer} ({marked.kind}): x-provenance is {raw!r}")
            continue
        label = marked.errata
        if provenance is Provenance.DOCUMENTED:
            continue
        if label is None:
            problems.append(f"{marked.pointer}: {provenance} but no x-errata label")
        elif label not in errata_labels:
            problems.append(f"{marked.pointer}: x-errata {label} is not a docs/errata.md section")
    return problems


def documented_view(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the spec's schemas relaxed to what the gateway's documentation vouches for.

    In every component schema: a designed property may be absent and hold anything; a corrected
    one must still be present (the documentation shows it) but may hold anything; a designed or
    corrected component schema (an enum closed by design, a pattern we chose) accepts anything.
    Used to tell a real failure from an assumption not held.
    """
    view = copy.deepcopy(dict(document))
    schemas = view.get("components", {}).get("schemas", {})
    for name, schema in list(schemas.items()):
        if _provenance_of(schema) is not Provenance.DOCUMENTED:
            schemas[name] = {PROVENANCE_KEY: schema.get(PROVENANCE_KEY)}
        else:
            _relax_properties(schema)
    return view


def _relax_properties(schema: dict[str, Any]) -> None:
    properties = schema.get("properties", {})
    required = schema.get("required")
    for name, prop in list(properties.items()):
        provenance = _provenance_of(prop)
        if provenance is Provenance.DOCUMENTED:
            _relax_properties(prop)
            continue
        properties[name] = {PROVENANCE_KEY: prop.get(PROVENANCE_KEY)}
        if provenance is not Provenance.CORRECTED and isinstance(required, list):
            schema["required"] = required = [field for field in required if field != name]
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(keyword, ()):
            if isinstance(part, dict):
                _relax_properties(part)
    items = schema.get("items")
    if isinstance(items, dict):
        _relax_properties(items)


def _provenance_of(node: object) -> Provenance | None:
    if not isinstance(node, Mapping):
        return None
    value = node.get(PROVENANCE_KEY)
    try:
        return Provenance(value) if isinstance(value, str) else None
    except ValueError:
        return None
