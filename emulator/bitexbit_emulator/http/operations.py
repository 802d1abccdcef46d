"""The operations of an OpenAPI document, read once into what routing and validation need.

Nothing here is written per operation: parameter types, defaults, required fields, body media
types and response schemas all come from the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from bitexbit_emulator.http.schema import SchemaCompiler, SchemaValidator
from bitexbit_emulator.specs import RefResolver

__all__ = ["Operation", "Parameter", "RequestBodySpec", "ResponseSpec", "read_operations"]

HTTP_METHODS: Final = ("get", "put", "post", "delete", "patch")
JSON_MEDIA_TYPE: Final = "application/json"
FORM_MEDIA_TYPE: Final = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Parameter:
    """A query or path parameter; ``scalar_type`` drives coercion of its text."""

    name: str
    location: str
    required: bool
    scalar_type: str | None


@dataclass(frozen=True)
class RequestBodySpec:
    """The media types an operation accepts, each with its validator and field types."""

    required: bool
    validators: Mapping[str, SchemaValidator]
    field_types: Mapping[str, Mapping[str, str]]
    defaults: Mapping[str, Mapping[str, object]]
    field_names: Mapping[str, frozenset[str]]
    """The properties each media type's schema declares (others are ignored, never stored)."""


@dataclass(frozen=True)
class ResponseSpec:
    """What a documented status must look like (only checked in test mode)."""

    validator: SchemaValidator | None
    required_headers: tuple[str, ...]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    parameters_validator: SchemaValidator | None
    parameter_defaults: Mapping[str, object]
    body: RequestBodySpec | None
    secured: bool
    responses: Mapping[str, ResponseSpec] = field(default_factory=dict)
    permission: str | None = None
    """The key permission the spec's `x-operation` names (None: no key may call it)."""
    reads_only: bool = False
    """The spec's `x-operation` says `effect: read` (an operation that does not say writes)."""

    def response_spec(self, status: int) -> ResponseSpec | None:
        """The documented response for ``status`` (exact code, then ``4XX``-style, then default)."""
        for key in (str(status), f"{status // 100}XX", "default"):
            spec = self.responses.get(key)
            if spec is not None:
                return spec
        return None


def read_operations(
    resolver: RefResolver, compiler: SchemaCompiler, *, with_responses: bool
) -> dict[str, Operation]:
    """Every operation of the resolver's document, by operationId."""
    reader = _OperationReader(resolver, compiler)
    document = resolver.document
    root_security = document.get("security") or []
    operations: dict[str, Operation] = {}
    for path, path_item in (document.get("paths") or {}).items():
        shared_parameters = path_item.get("parameters") or []
        for method in HTTP_METHODS:
            raw = path_item.get(method)
            if raw is None:
                continue
            parameters = [
                resolver.resolve(node)
                for node in (*shared_parameters, *(raw.get("parameters") or []))
            ]
            operation_id = raw["operationId"]
            operations[operation_id] = Operation(
                operation_id=operation_id,
                method=method.upper(),
                path=path,
                parameters=tuple(reader.parameter(node) for node in parameters),
                parameters_validator=reader.parameters_validator(parameters),
                parameter_defaults=reader.parameter_defaults(parameters),
                body=reader.request_body(raw.get("requestBody")),
                secured=bool(raw.get("security", root_security)),
                responses=reader.responses(raw) if with_responses else {},
                permission=_permission(raw),
                reads_only=_facts(raw).get("effect") == "read",
            )
    return operations


class _OperationReader:
    def __init__(self, resolver: RefResolver, compiler: SchemaCompiler) -> None:
        self._resolver = resolver
        self._compiler = compiler

    def parameter(self, node: Mapping[str, Any]) -> Parameter:
        return Parameter(
            name=node["name"],
            location=node["in"],
            required=bool(node.get("required", False)),
            scalar_type=self.scalar_type(node.get("schema", {})),
        )

    def scalar_type(self, schema: Any, base: Mapping[str, Any] | None = None) -> str | None:
        """The JSON type text should be coerced to (``integer``, ``boolean``...), if one."""
        resolved = self._resolver.resolve(schema, base)
        if not isinstance(resolved, Mapping):
            return None
        for keyword in ("anyOf", "oneOf"):
            # `limit`: an integer or `all`: integer text becomes an integer, other text stays
            branches = resolved.get(keyword)
            if isinstance(branches, list):
                types = {self.scalar_type(branch, base) for branch in branches}
                return "integer" if "integer" in types else None
        declared = resolved.get("type")
        if isinstance(declared, list):
            non_null = [name for name in declared if name != "null"]
            declared = non_null[0] if len(non_null) == 1 else None
        return declared if isinstance(declared, str) else None

    def parameters_validator(self, parameters: list[Mapping[str, Any]]) -> SchemaValidator | None:
        checked = [node for node in parameters if node["in"] in ("query", "path")]
        if not checked:
            return None
        return self._compiler.compile(
            {
                "type": "object",
                "properties": {node["name"]: node.get("schema", {}) for node in checked},
                "required": [node["name"] for node in checked if node.get("required")],
            }
        )

    def parameter_defaults(self, parameters: list[Mapping[str, Any]]) -> dict[str, object]:
        defaults: dict[str, object] = {}
        for node in parameters:
            default = self.default_of(node.get("schema", {}))
            if default is not None:
                defaults[node["name"]] = default
        return defaults

    def default_of(self, schema: Any, base: Mapping[str, Any] | None = None) -> object | None:
        """A ``default`` beside a ``$ref`` wins over the referenced schema's own."""
        node = schema if isinstance(schema, Mapping) and "default" in schema else None
        if node is None:
            node = self._resolver.resolve(schema, base)
        if not isinstance(node, Mapping):
            return None
        default: object | None = node.get("default")
        return default

    def request_body(self, node: Any) -> RequestBodySpec | None:
        if node is None:
            return None
        body = self._resolver.resolve(node)
        validators: dict[str, SchemaValidator] = {}
        field_types: dict[str, dict[str, str]] = {}
        defaults: dict[str, dict[str, object]] = {}
        field_names: dict[str, frozenset[str]] = {}
        for media_type, media in (body.get("content") or {}).items():
            schema = media.get("schema", {})
            validators[media_type] = self._compiler.compile(schema)
            properties = self.properties(schema)
            field_names[media_type] = frozenset(properties)
            field_types[media_type] = {
                name: declared
                for name, (base, property_schema) in properties.items()
                if (declared := self.scalar_type(property_schema, base)) is not None
            }
            defaults[media_type] = {
                name: default
                for name, (base, property_schema) in properties.items()
                if (default := self.default_of(property_schema, base)) is not None
            }
        return RequestBodySpec(
            required=bool(body.get("required", False)),
            validators=validators,
            field_types=field_types,
            defaults=defaults,
            field_names=field_names,
        )

    def properties(
        self, schema: Any, base: Mapping[str, Any] | None = None
    ) -> dict[str, tuple[Mapping[str, Any], Any]]:
        """Property name -> (the document it is declared in, its schema), through ``allOf``."""
        document, resolved = self._resolver.resolve_in(schema, base)
        if not isinstance(resolved, Mapping):
            return {}
        properties = {
            name: (document, property_schema)
            for name, property_schema in (resolved.get("properties") or {}).items()
        }
        for part in resolved.get("allOf") or []:
            properties.update(self.properties(part, document))
        return properties

    def responses(self, operation: Mapping[str, Any]) -> dict[str, ResponseSpec]:
        specs: dict[str, ResponseSpec] = {}
        for status, node in (operation.get("responses") or {}).items():
            document, response = self._resolver.resolve_in(node)
            media = (response.get("content") or {}).get(JSON_MEDIA_TYPE)
            validator = (
                self._compiler.compile(media["schema"]) if media and "schema" in media else None
            )
            required_headers = tuple(
                name
                for name, header in (response.get("headers") or {}).items()
                if self._resolver.resolve(header, document).get("required")
            )
            specs[str(status)] = ResponseSpec(
                validator=validator, required_headers=required_headers
            )
        return specs


def _facts(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    facts = raw.get("x-operation")
    return facts if isinstance(facts, Mapping) else {}


def _permission(raw: Mapping[str, Any]) -> str | None:
    permission = _facts(raw).get("permission")
    return permission if isinstance(permission, str) else None
