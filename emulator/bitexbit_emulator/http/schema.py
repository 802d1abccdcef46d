"""JSON Schema validators compiled from an OpenAPI document, with DRF-shaped error messages.

Why jsonschema-rs: measured on this machine (by the former ``bench_emulator.py --validators``), it
checks a withdraw-create body in ~1 us against ~130 us for the pure-Python ``jsonschema``
package; errors are only collected (slow path) when the fast ``is_valid`` check fails.

A sub-schema is compiled as ``{"components": <the document's components>, **sub_schema}`` so
that every ``#/components/...`` reference resolves against the whole document, with no copy of
any schema written by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import jsonschema_rs

__all__ = ["NON_FIELD_ERRORS", "FieldMessages", "SchemaCompiler", "SchemaValidator"]

NON_FIELD_ERRORS: Final = "non_field_errors"
DRAFT_2020_12: Final = "https://json-schema.org/draft/2020-12/schema"
# A base that never resolves on a network: documents reference each other relatively
# (``gateway.yaml#/components/schemas/Deposit``) and are served from the registry only.
SPEC_BASE_URI: Final = "https://emulator.bitexbit.invalid/openapi/"

UNCHECKABLE_MESSAGE: Final = "Invalid input: it cannot be checked (is it nested too deeply?)."

FieldMessages = dict[str, list[str]]


def _refuse_retrieval(uri: str) -> Any:
    raise ValueError(f"schema {uri!r} is not one of the emulator's OpenAPI documents")


class SchemaCompiler:
    """Compiles sub-schemas of one document; ``linked`` documents resolve relative refs."""

    def __init__(
        self,
        document_name: str,
        document: Mapping[str, Any],
        *,
        linked: Mapping[str, Mapping[str, Any]] | None = None,
        check_formats: bool,
    ) -> None:
        self._base_uri = SPEC_BASE_URI + document_name
        self._components = document.get("components", {})
        self._linked = dict(linked or {})
        self._registry = jsonschema_rs.Registry(
            [
                (SPEC_BASE_URI + name, dict(linked_document))
                for name, linked_document in self._linked.items()
            ],
            draft=jsonschema_rs.Draft202012,
            retriever=_refuse_retrieval,
        )
        self._check_formats = check_formats

    def compile(self, schema: Mapping[str, Any]) -> SchemaValidator:
        root: dict[str, Any] = {"$schema": DRAFT_2020_12, "components": self._components, **schema}
        validator = jsonschema_rs.validator_for(
            root,
            validate_formats=self._check_formats,
            registry=self._registry,
            base_uri=self._base_uri,
            retriever=_refuse_retrieval,
        )
        return SchemaValidator(validator, (root, *self._linked.values()))


class SchemaValidator:
    """One compiled schema: a fast validity check plus readable, per-field error messages."""

    def __init__(
        self, validator: jsonschema_rs.Validator, documents: tuple[Mapping[str, Any], ...]
    ) -> None:
        self._validator = validator
        self._documents = documents

    def is_valid(self, instance: object) -> bool:
        try:
            return self._validator.is_valid(instance)
        except ValueError:  # e.g. "Recursion limit reached" on absurdly nested input
            return False

    def errors(self, instance: object) -> FieldMessages:
        """Every problem, keyed by top-level field (``non_field_errors`` for the document).

        A value of the wrong type only reports that (not also "not a valid choice").
        """
        try:
            errors = list(self._validator.iter_errors(instance))
        except ValueError:
            return {NON_FIELD_ERRORS: [UNCHECKABLE_MESSAGE]}
        collected: FieldMessages = {}
        wrong_type: set[str] = set()
        for error in errors:
            field = _field_of(error)
            message = _message_for(error, self._schema_at(error.schema_path[:-1]))
            if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Type):
                if field not in wrong_type:
                    wrong_type.add(field)
                    collected[field] = []
            elif field in wrong_type:
                continue
            messages = collected.setdefault(field, [])
            if message not in messages:
                messages.append(message)
        return collected

    def _schema_at(self, path: list[str | int]) -> Mapping[str, Any]:
        """The failing sub-schema (for its limits and description); {} if not found."""
        for document in self._documents:
            node: Any = document
            for part in path:
                if not _contains(node, part):
                    break
                node = node[part]
            else:
                if isinstance(node, Mapping):
                    return node
        return {}


def _contains(node: Any, part: str | int) -> bool:
    if isinstance(node, Mapping):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _field_of(error: jsonschema_rs.ValidationError) -> str:
    if error.instance_path:
        return str(error.instance_path[0])
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
        return error.kind.property
    return NON_FIELD_ERRORS


def _message_for(error: jsonschema_rs.ValidationError, schema: Mapping[str, Any]) -> str:
    """A short message in Django REST Framework's style; never echoes the submitted value."""
    kind = error.kind
    kinds = jsonschema_rs.ValidationErrorKind
    if isinstance(kind, kinds.Required):
        return "This field is required."
    if isinstance(kind, kinds.Type):
        return _type_message(kind.types, schema, at_root=not error.instance_path)
    if isinstance(kind, kinds.Enum):
        choices = ", ".join(str(option) for option in kind.options)
        return f"Not a valid choice. Choose one of: {choices}."
    if isinstance(kind, kinds.Pattern | kinds.AnyOf):
        expected = _expected_format(schema.get("description"))
        return f"Enter a valid value: {expected}" if expected else "Enter a valid value."
    if isinstance(kind, kinds.Minimum):
        return f"Ensure this value is greater than or equal to {kind.limit}."
    if isinstance(kind, kinds.Maximum):
        return f"Ensure this value is less than or equal to {kind.limit}."
    if isinstance(kind, kinds.MinLength):
        if kind.limit == 1:
            return "This field may not be blank."
        return f"Ensure this field has at least {kind.limit} characters."
    if isinstance(kind, kinds.MaxLength):
        return f"Ensure this field has no more than {kind.limit} characters."
    if isinstance(kind, kinds.Format):
        return f"Enter a valid {kind.format}."
    if isinstance(kind, kinds.MinProperties):
        return "This field may not be empty."
    return "Invalid value."


def _type_message(types: list[str], schema: Mapping[str, Any], *, at_root: bool) -> str:
    if at_root and "object" in types:
        return "Invalid data. Expected a JSON object (or a form) with the operation's fields."
    if "string" in types and schema.get("format") == "decimal":
        return 'Enter the amount as a decimal string such as "22.5"; JSON numbers are not accepted.'
    if "integer" in types:
        return "A valid integer is required."
    if "boolean" in types:
        return "Must be a valid boolean."
    if "string" in types:
        return "Not a valid string."
    if "object" in types:
        return "Expected an object."
    if "array" in types:
        return "Expected a list of items."
    return "Invalid type."


def _expected_format(description: object) -> str:
    """The description's first paragraph, as the tail of "Enter a valid value: ..."."""
    if not isinstance(description, str) or not description.strip():
        return ""
    paragraph = description.strip().split("\n\n", 1)[0]
    text = " ".join(paragraph.replace("`", "").split())[:200]
    if not text.endswith("."):
        text += "."
    return text[0].lower() + text[1:]
