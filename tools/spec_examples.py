"""Find every example in an OpenAPI 3.1 document and validate it against its schema.

An example is only worth publishing if it is valid: the documentation shows it, the test stub serves
it and the generated client must parse it. This module finds them all (media-type ``example`` and
``examples``, including ``components/examples`` behind a ``$ref``; parameter and header examples;
the JSON Schema ``examples``/``example`` keywords of every schema) and validates each with
jsonschema Draft 2020-12, ``$ref`` resolved against the whole document and formats checked
(``date-time``, ``uri``, ``uuid``, and the spec's own ``decimal``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

# jsonschema ships no type hints; `types-jsonschema` is not a dev dependency (yet).
from bitexbit_conformance.operations import resolve_local
from jsonschema import (
    Draft202012Validator,
    FormatChecker,
)
from referencing import Registry
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:openapi-document"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords whose value is one subschema, or a list / map of subschemas (JSON Schema 2020-12).
_ONE_SCHEMA = (
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "additionalProperties",
    "unevaluatedItems",
    "unevaluatedProperties",
    "propertyNames",
    "contentSchema",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs")
# RFC 3986: a scheme, then only the characters a URI may hold, `%` only as a percent-escape.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
)


@dataclass(frozen=True)
class Example:
    """One example value, where it is (``location``) and the schema it must satisfy."""

    location: str  # JSON pointer of the example value in the document
    schema_pointer: str  # JSON pointer of the schema that applies
    value: Any


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from its unescaped parts."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


resolve = resolve_local
"""Follow local ``$ref``s (``#/...``): the conformance suite's resolver, the one copy."""


def format_checker() -> FormatChecker:
    """Every format jsonschema can check here, plus ``uri`` (no extra package) and ``decimal``."""
    checker = FormatChecker()
    checker.checks("uri")(_is_uri)
    checker.checks("decimal", raises=(InvalidOperation,))(_is_decimal)
    return checker


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def _is_decimal(value: object) -> bool:
    return not isinstance(value, str) or Decimal(value).is_finite()


class SchemaValidators:
    """Draft 2020-12 validators for schemas inside one document, ``$ref``s resolved in it."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        resource = DRAFT202012.create_resource(document)
        self._registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
        self._checker = format_checker()
        self._cache: dict[str, Draft202012Validator] = {}

    def at(self, schema_pointer: str) -> Draft202012Validator:
        """The validator of the schema at ``schema_pointer`` (a JSON pointer into the document)."""
        if schema_pointer not in self._cache:
            fragment = quote(schema_pointer, safe="/~")
            self._cache[schema_pointer] = Draft202012Validator(
                {"$ref": f"{DOCUMENT_URI}#{fragment}"},
                registry=self._registry,
                format_checker=self._checker,
            )
        return self._cache[schema_pointer]

    def problems(self, example: Example) -> list[str]:
        """Why ``example`` does not validate (empty when it does)."""
        errors = self.at(example.schema_pointer).iter_errors(example.value)
        return [
            f"{example.location}{pointer(*error.absolute_path)}: {error.message}"
            for error in sorted(errors, key=lambda error: list(map(str, error.absolute_path)))
        ]


def _schema_examples(schema: Any, at: str) -> Iterator[Example]:
    """Examples written in the schema at ``at`` and in all its subschemas."""
    if not isinstance(schema, Mapping):
        return
    for index, value in enumerate(schema.get("examples") or []):
        yield Example(pointer_join(at, "examples", index), at, value)
    if "example" in schema:  # deprecated in 3.1 but still read by tools
        yield Example(pointer_join(at, "example"), at, schema["example"])
    for keyword in _ONE_SCHEMA:
        if keyword in schema:
            yield from _schema_examples(schema[keyword], pointer_join(at, keyword))
    for keyword in _SCHEMA_LISTS:
        for index, subschema in enumerate(schema.get(keyword) or []):
            yield from _schema_examples(subschema, pointer_join(at, keyword, index))
    for keyword in _SCHEMA_MAPS:
        for name, subschema in (schema.get(keyword) or {}).items():
            yield from _schema_examples(subschema, pointer_join(at, keyword, name))


def pointer_join(base: str, *parts: str | int) -> str:
    """``base`` (a JSON pointer) extended by unescaped ``parts``."""
    return base + pointer(*parts)


def _holder_examples(document: Mapping[str, Any], holder: Any, at: str) -> Iterator[Example]:
    """Examples of a media type, parameter or header object (all share ``schema``/``examples``)."""
    if not isinstance(holder, Mapping):
        return
    if "$ref" in holder:
        return  # a component, visited where it is defined
    if "schema" in holder:
        schema_at = pointer_join(at, "schema")
        if "example" in holder:
            yield Example(pointer_join(at, "example"), schema_at, holder["example"])
        for name, example in (holder.get("examples") or {}).items():
            example_object = resolve(document, example)
            if "value" in example_object:
                yield Example(
                    pointer_join(at, "examples", name), schema_at, example_object["value"]
                )
        yield from _schema_examples(holder["schema"], schema_at)
    for media_type, media in (holder.get("content") or {}).items():
        yield from _holder_examples(document, media, pointer_join(at, "content", media_type))


def _response_examples(document: Mapping[str, Any], response: Any, at: str) -> Iterator[Example]:
    if not isinstance(response, Mapping) or "$ref" in response:
        return
    for name, header in (response.get("headers") or {}).items():
        yield from _holder_examples(document, header, pointer_join(at, "headers", name))
    for media_type, media in (response.get("content") or {}).items():
        yield from _holder_examples(document, media, pointer_join(at, "content", media_type))


def _path_item_examples(document: Mapping[str, Any], item: Any, at: str) -> Iterator[Example]:
    if not isinstance(item, Mapping):
        return
    for index, parameter in enumerate(item.get("parameters") or []):
        yield from _holder_examples(document, parameter, pointer_join(at, "parameters", index))
    for method in HTTP_METHODS:
        operation = item.get(method)
        if not isinstance(operation, Mapping):
            continue
        op_at = pointer_join(at, method)
        for index, parameter in enumerate(operation.get("parameters") or []):
            yield from _holder_examples(
                document, parameter, pointer_join(op_at, "parameters", index)
            )
        body = operation.get("requestBody")
        if isinstance(body, Mapping) and "$ref" not in body:
            yield from _holder_examples(document, body, pointer_join(op_at, "requestBody"))
        for status, response in (operation.get("responses") or {}).items():
            yield from _response_examples(
                document, response, pointer_join(op_at, "responses", status)
            )
        for name, callback in (operation.get("callbacks") or {}).items():
            if isinstance(callback, Mapping) and "$ref" not in callback:
                for expression, callback_item in callback.items():
                    yield from _path_item_examples(
                        document, callback_item, pointer_join(op_at, "callbacks", name, expression)
                    )


def iter_examples(document: Mapping[str, Any]) -> Iterator[Example]:
    """Every example in ``document`` with the schema it must satisfy, in document order."""
    for path, item in (document.get("paths") or {}).items():
        yield from _path_item_examples(document, item, pointer("paths", path))
    for name, item in (document.get("webhooks") or {}).items():
        yield from _path_item_examples(document, item, pointer("webhooks", name))
    components = document.get("components") or {}
    for name, schema in (components.get("schemas") or {}).items():
        yield from _schema_examples(schema, pointer("components", "schemas", name))
    for kind in ("parameters", "headers"):
        for name, holder in (components.get(kind) or {}).items():
            yield from _holder_examples(document, holder, pointer("components", kind, name))
    for name, body in (components.get("requestBodies") or {}).items():
        yield from _holder_examples(document, body, pointer("components", "requestBodies", name))
    for name, response in (components.get("responses") or {}).items():
        yield from _response_examples(document, response, pointer("components", "responses", name))
    for name, callback in (components.get("callbacks") or {}).items():
        for expression, item in (callback or {}).items():
            yield from _path_item_examples(
                document, item, pointer("components", "callbacks", name, expression)
            )
    for name, item in (components.get("pathItems") or {}).items():
        yield from _path_item_examples(document, item, pointer("components", "pathItems", name))


def example_problems(document: Mapping[str, Any]) -> list[str]:
    """One line per way an example of ``document`` fails its schema (empty when all are valid)."""
    validators = SchemaValidators(document)
    return [
        problem for example in iter_examples(document) for problem in validators.problems(example)
    ]
