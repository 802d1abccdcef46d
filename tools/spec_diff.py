"""Classify the changes between two versions of an OpenAPI document, and gate the version bump.

No existing tool fits: oasdiff and ``@pb33f/openapi-changes`` download a binary when installed,
and the PyPI differs found read OpenAPI 3.0 only or report changes without a semver class. So
this is a focused classifier over the parsed documents (``$ref`` resolved, also into sibling
files such as ``gateway.yaml#/...``), direction-aware: what a client *sends* may only widen, what
it *receives* may only narrow.

- **major** (breaking): a removed operation, parameter, property, enum value, content type or
  status code; a new required parameter, property or request body; a narrowed type, pattern,
  format or bound on input (widened on output); a property that became required on input or
  optional on output; a changed default; a changed security requirement.
- **minor**: additions (operations, optional inputs, output properties, enum values, status
  codes, content types) and the reverse of each narrowing above.
- **patch**: descriptions, summaries, examples, titles, ``x-`` extensions and anything else.

``python -m tools.spec_diff gate`` compares ``openapi/gateway.yaml`` in the work tree with the
same file on a base ref (``--base``, else ``$SPEC_BASE_REF``, else the newest ``spec-v*`` tag
reachable from HEAD, else ``HEAD~1``) and exits 1 when the ``info.version`` bump is smaller than
the largest change needs. ``notes`` prints the changes as Markdown; ``changelog`` rewrites the
generated section of every distribution's ``CHANGELOG.md`` with them.
"""

from __future__ import annotations

import argparse
import enum
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = Path("openapi") / "gateway.yaml"
TAG_PATTERN = "spec-v*"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROSE = frozenset({"description", "summary", "title", "example", "examples", "externalDocs"})
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
HANDLED = frozenset(
    {"type", "properties", "required", "enum", "items", "pattern", "format", "default"}
    | {"allOf", "oneOf", "anyOf", "additionalProperties", "$ref", "const", "deprecated"}
    | set(LOWER_BOUNDS)
    | set(UPPER_BOUNDS)
)


class Level(enum.IntEnum):
    """How much a change needs the version to move (semver)."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


@dataclass(frozen=True, order=True)
class Change:
    level: Level
    where: str
    what: str

    def line(self) -> str:
        return f"- **{self.level.name.lower()}** `{self.where}`: {self.what}"


class Direction(enum.Enum):
    """Which way data flows through a schema: a request may widen, a response may narrow."""

    REQUEST = "request"
    RESPONSE = "response"

    def narrowing(self) -> Level:
        """The level of a change that accepts or produces fewer values."""
        return Level.MAJOR if self is Direction.REQUEST else Level.MINOR

    def widening(self) -> Level:
        """The level of a change that accepts or produces more values."""
        return Level.MINOR if self is Direction.REQUEST else Level.MAJOR


Documents = Mapping[str, Mapping[str, Any]]
"""The parsed documents of one revision by file name (the compared one and its siblings)."""


class Side:
    """One revision: resolves ``$ref`` within its document and into sibling documents."""

    def __init__(self, documents: Documents, main: str) -> None:
        # Every local reference is rewritten to name its file, so a node resolves the same
        # wherever the walk met it (a gateway.yaml schema reached from the control spec).
        self.documents: dict[str, Mapping[str, Any]] = {
            name: _qualified(doc, name) for name, doc in documents.items()
        }
        self.main = main

    @property
    def root(self) -> Mapping[str, Any]:
        return self.documents[self.main]

    def resolve(self, node: Any) -> tuple[Any, str]:
        """The node a ``$ref`` chain ends at, and the file it is in."""
        file = self.main
        seen: set[tuple[str, str]] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            file, _, pointer = node["$ref"].partition("#")
            if (file, pointer) in seen:
                break
            seen.add((file, pointer))
            node = self.documents[file]
            for part in filter(None, pointer.split("/")):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, file


class Comparison:
    """Walks two revisions side by side, collecting `Change` records."""

    def __init__(self, old: Side, new: Side) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self._compared: set[tuple[str, Direction]] = set()

    def add(self, level: Level, where: str, what: str) -> None:
        self.changes.append(Change(level, where, what))

    def run(self) -> list[Change]:
        self._paths()
        self._security_schemes()
        old_info = dict(self.old.root.get("info", {}), version=None)
        new_info = dict(self.new.root.get("info", {}), version=None)
        if old_info != new_info:
            self.add(Level.PATCH, "info", "description or metadata changed")
        for key in sorted(set(self.old.root) | set(self.new.root)):
            if key not in {"paths", "components", "info", "openapi"} and self.old.root.get(
                key
            ) != self.new.root.get(key):
                self.add(Level.PATCH, key, "changed")
        return sorted(set(self.changes), key=lambda c: (-c.level, c.where, c.what))

    def _paths(self) -> None:
        old_ops, new_ops = dict(_operations(self.old)), dict(_operations(self.new))
        for key in sorted(old_ops.keys() - new_ops.keys()):
            self.add(Level.MAJOR, key, "operation removed")
        for key in sorted(new_ops.keys() - old_ops.keys()):
            self.add(Level.MINOR, key, "operation added")
        for key in sorted(old_ops.keys() & new_ops.keys()):
            self._operation(key, old_ops[key], new_ops[key])

    def _operation(self, where: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self._prose(where, old, new)
        if old.get("security") != new.get("security"):
            self.add(Level.MAJOR, where, "security requirement changed")
        if not old.get("deprecated") and new.get("deprecated"):
            self.add(Level.MINOR, where, "deprecated")
        self._parameters(where, old, new)
        self._request_body(where, old.get("requestBody"), new.get("requestBody"))
        self._responses(where, old.get("responses", {}), new.get("responses", {}))

    def _parameters(self, where: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        def by_key(side: Side, operation: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
            found = {}
            for raw in operation.get("parameters", []):
                parameter, _ = side.resolve(raw)
                found[f"{parameter['in']} {parameter['name']}"] = parameter
            return found

        old_params, new_params = by_key(self.old, old), by_key(self.new, new)
        for key in sorted(old_params.keys() - new_params.keys()):
            self.add(Level.MAJOR, f"{where} {key}", "parameter removed")
        for key in sorted(new_params.keys() - old_params.keys()):
            required = bool(new_params[key].get("required"))
            level = Level.MAJOR if required else Level.MINOR
            self.add(
                level, f"{where} {key}", f"{'required' if required else 'optional'} parameter added"
            )
        for key in sorted(old_params.keys() & new_params.keys()):
            before, after = old_params[key], new_params[key]
            here = f"{where} {key}"
            self._prose(here, before, after)
            self._required_flag(here, before, after, Direction.REQUEST)
            self.schema(here, before.get("schema"), after.get("schema"), Direction.REQUEST)

    def _request_body(self, where: str, old_raw: Any, new_raw: Any) -> None:
        if old_raw is None and new_raw is None:
            return
        here = f"{where} request body"
        if old_raw is None:
            level = Level.MAJOR if self.new.resolve(new_raw)[0].get("required") else Level.MINOR
            self.add(level, here, "request body added")
            return
        if new_raw is None:
            self.add(Level.MAJOR, here, "request body removed")
            return
        old, _ = self.old.resolve(old_raw)
        new, _ = self.new.resolve(new_raw)
        self._prose(here, old, new)
        self._required_flag(here, old, new, Direction.REQUEST)
        self._content(here, old.get("content", {}), new.get("content", {}), Direction.REQUEST)

    def _responses(self, where: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        for status in sorted(set(old) - set(new)):
            self.add(Level.MAJOR, f"{where} {status}", "response status removed")
        for status in sorted(set(new) - set(old)):
            self.add(Level.MINOR, f"{where} {status}", "response status added")
        for status in sorted(set(old) & set(new)):
            before, _ = self.old.resolve(old[status])
            after, _ = self.new.resolve(new[status])
            here = f"{where} {status}"
            self._prose(here, before, after)
            if before.get("headers") != after.get("headers"):
                self.add(Level.MINOR, here, "response headers changed")
            before_content, after_content = before.get("content", {}), after.get("content", {})
            self._content(here, before_content, after_content, Direction.RESPONSE)

    def _content(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        for media in sorted(set(old) - set(new)):
            self.add(Level.MAJOR, f"{where} {media}", "content type removed")
        for media in sorted(set(new) - set(old)):
            self.add(Level.MINOR, f"{where} {media}", "content type added")
        for media in sorted(set(old) & set(new)):
            before, after = old[media] or {}, new[media] or {}
            here = f"{where} {media}"
            self._prose(here, before, after)
            self.schema(here, before.get("schema"), after.get("schema"), direction)

    def _security_schemes(self) -> None:
        old = self.old.root.get("components", {}).get("securitySchemes", {})
        new = self.new.root.get("components", {}).get("securitySchemes", {})
        for name in sorted(set(old) | set(new)):
            before, after = _without_prose(old.get(name)), _without_prose(new.get(name))
            if before != after:
                self.add(Level.MAJOR, f"securitySchemes {name}", "security scheme changed")
            elif old.get(name) != new.get(name):
                self.add(Level.PATCH, f"securitySchemes {name}", "description changed")

    def _required_flag(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        before, after = bool(old.get("required")), bool(new.get("required"))
        if not before and after:
            self.add(direction.narrowing(), where, "became required")
        elif before and not after:
            self.add(direction.widening(), where, "became optional")

    def _prose(self, where: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        keys = {k for k in set(old) | set(new) if k in PROSE or str(k).startswith("x-")}
        if any(old.get(k) != new.get(k) for k in keys):
            self.add(Level.PATCH, where, "description or example changed")

    def schema(self, where: str, old_raw: Any, new_raw: Any, direction: Direction) -> None:
        """Compare two schemas that data flows through in ``direction``.

        A named schema (``#/components/schemas/X``) is compared once per direction and its
        changes are reported as ``request X.field`` / ``response X.field``: once, by the name
        the generated models carry, however many operations use it (and recursion ends).
        """
        if old_raw is None or new_raw is None:
            if old_raw is not new_raw:
                self.add(Level.MAJOR, where, "schema added or removed")
            return
        self._ref_siblings(where, old_raw, new_raw)
        name = _component_name(old_raw)
        if name is not None and name == _component_name(new_raw):
            if (name, direction) in self._compared:
                return
            self._compared.add((name, direction))
            where = f"{direction.value} {name}"
        old, _ = self.old.resolve(old_raw)
        new, _ = self.new.resolve(new_raw)
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            if old != new:
                self.add(Level.MAJOR, where, "schema changed")
            return
        self._prose(where, old, new)
        self._types(where, old, new, direction)
        self._enum(where, old, new, direction)
        self._constraints(where, old, new, direction)
        self._properties(where, old, new, direction)
        if "items" in old or "items" in new:
            self.schema(f"{where}[]", old.get("items"), new.get("items"), direction)
        for keyword in ("allOf", "oneOf", "anyOf"):
            self._compositions(where, keyword, old.get(keyword), new.get(keyword), direction)
        for other in sorted(set(old) | set(new), key=str):
            known = other in HANDLED or other in PROSE or str(other).startswith("x-")
            if not known and old.get(other) != new.get(other):
                self.add(Level.MAJOR, where, f"`{other}` changed")

    def _ref_siblings(self, where: str, old_raw: Any, new_raw: Any) -> None:
        """Keywords beside a `$ref` (OpenAPI 3.1 allows them, e.g. a property's description):
        resolving the reference would drop them, so they are compared here."""
        if not isinstance(old_raw, Mapping) or not isinstance(new_raw, Mapping):
            return
        if "$ref" not in old_raw and "$ref" not in new_raw:
            return
        old = {key: value for key, value in old_raw.items() if key != "$ref"}
        new = {key: value for key, value in new_raw.items() if key != "$ref"}
        self._prose(where, old, new)
        for key in sorted(set(old) | set(new), key=str):
            known = key in PROSE or str(key).startswith("x-")
            if not known and old.get(key) != new.get(key):
                self.add(Level.MAJOR, where, f"`{key}` beside `$ref` changed")

    def _types(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        before, after = _types(old), _types(new)
        if before is None or after is None or before == after:
            if (before is None) != (after is None):
                level = direction.narrowing() if before is None else direction.widening()
                self.add(
                    level,
                    where,
                    "type constraint added" if before is None else "type constraint removed",
                )
            return
        if before - after:
            self.add(
                direction.narrowing(), where, f"type no longer allows {sorted(before - after)}"
            )
        if after - before:
            self.add(direction.widening(), where, f"type now allows {sorted(after - before)}")

    def _enum(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before is None and after is None:
            return
        if before is None:
            self.add(direction.narrowing(), where, "enum added")
            return
        if after is None:
            self.add(direction.widening(), where, "enum removed")
            return
        removed = [value for value in before if value not in after]
        added = [value for value in after if value not in before]
        if removed:
            self.add(Level.MAJOR, where, f"enum values removed: {removed}")
        if added:
            self.add(Level.MINOR, where, f"enum values added: {added}")

    def _constraints(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        for keyword in ("pattern", "format", "const"):
            before, after = old.get(keyword), new.get(keyword)
            if before == after:
                continue
            if after is None:
                self.add(direction.widening(), where, f"`{keyword}` removed")
            else:  # added or changed: whether a new pattern is narrower cannot be told
                self.add(
                    Level.MAJOR, where, f"`{keyword}` {'added' if before is None else 'changed'}"
                )
        if old.get("default") != new.get("default"):
            self.add(Level.MAJOR, where, "default changed")
        for keyword, lower in [
            *((k, True) for k in LOWER_BOUNDS),
            *((k, False) for k in UPPER_BOUNDS),
        ]:
            before, after = old.get(keyword), new.get(keyword)
            if before == after or isinstance(before, bool) or isinstance(after, bool):
                continue
            if before is None or after is None:
                tighter = before is None
            else:
                tighter = after > before if lower else after < before
            level = direction.narrowing() if tighter else direction.widening()
            self.add(level, where, f"`{keyword}` {before} -> {after}")
        before_extra = old.get("additionalProperties", True)
        after_extra = new.get("additionalProperties", True)
        if before_extra is not False and after_extra is False:
            self.add(direction.narrowing(), where, "additional properties no longer allowed")
        elif before_extra is False and after_extra is not False:
            self.add(direction.widening(), where, "additional properties now allowed")

    def _properties(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction
    ) -> None:
        before, after = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted(set(before) - set(after)):
            self.add(Level.MAJOR, f"{where}.{name}", "property removed")
        for name in sorted(set(after) - set(before)):
            required = name in new_required
            input_required = required and direction is Direction.REQUEST
            self.add(
                Level.MAJOR if input_required else Level.MINOR,
                f"{where}.{name}",
                f"{'required' if required else 'optional'} property added",
            )
        for name in sorted(set(before) & set(after)):
            here = f"{where}.{name}"
            if name not in old_required and name in new_required:
                self.add(direction.narrowing(), here, "became required")
            elif name in old_required and name not in new_required:
                self.add(direction.widening(), here, "became optional")
            self.schema(here, before[name], after[name], direction)

    def _compositions(
        self, where: str, keyword: str, old: Any, new: Any, direction: Direction
    ) -> None:
        before, after = list(old or []), list(new or [])
        if not before and not after:
            return
        for index, (left, right) in enumerate(zip(before, after, strict=False)):
            self.schema(f"{where}.{keyword}[{index}]", left, right, direction)
        if len(before) != len(after):
            fewer = len(after) < len(before)
            if keyword == "allOf":  # fewer constraints widen, more narrow
                level = direction.widening() if fewer else direction.narrowing()
            else:  # fewer alternatives narrow, more widen
                level = direction.narrowing() if fewer else direction.widening()
            self.add(level, where, f"`{keyword}` {len(before)} -> {len(after)} schemas")


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        return None
    found = {declared} if isinstance(declared, str) else set(declared)
    if schema.get("nullable") is True:
        found.add("null")
    if "number" in found:
        found.add("integer")  # every integer is a number: integer -> number widens
    return frozenset(found)


def _component_name(node: Any) -> str | None:
    """``X`` when ``node`` is a reference to ``#/components/schemas/X`` (in any file)."""
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if isinstance(ref, str) and "#/components/schemas/" in ref:
        return ref.rpartition("/")[2]
    return None


def _qualified(node: Any, file: str) -> Any:
    """``node`` with each ``$ref: '#/...'`` written as ``$ref: '<file>#/...'``."""
    if isinstance(node, Mapping):
        found = {key: _qualified(value, file) for key, value in node.items()}
        ref = found.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            found["$ref"] = f"{file}{ref}"
        return found
    if isinstance(node, list):
        return [_qualified(item, file) for item in node]
    return node


def _without_prose(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {
            k: _without_prose(v)
            for k, v in node.items()
            if k not in PROSE and not str(k).startswith("x-")
        }
    return node


def _operations(side: Side) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for path, raw in side.root.get("paths", {}).items():
        item, _ = side.resolve(raw)
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                operation = dict(item[method])
                operation["parameters"] = [*shared, *operation.get("parameters", [])]
                yield f"{method.upper()} {path}", operation


def compare(old: Documents, new: Documents, main: str) -> list[Change]:
    """Every change from ``old`` to ``new`` (documents by file name; ``main`` is compared)."""
    return Comparison(Side(old, main), Side(new, main)).run()


def required_level(changes: list[Change]) -> Level:
    return max((change.level for change in changes), default=Level.NONE)


_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def version_bump(old: str, new: str) -> Level | None:
    """How far ``info.version`` moved: NONE if equal, None if it went backwards or is no semver."""
    before, after = _VERSION.match(str(old)), _VERSION.match(str(new))
    if before is None or after is None:
        return None
    old_parts = tuple(int(part) for part in before.groups())
    new_parts = tuple(int(part) for part in after.groups())
    if new_parts < old_parts:
        return None
    for level, (left, right) in zip(
        (Level.MAJOR, Level.MINOR, Level.PATCH), zip(old_parts, new_parts, strict=True), strict=True
    ):
        if right > left:
            return level
    return Level.NONE


# -- revisions in git ---------------------------------------------------------------------------


def _git(*args: str, repo: Path = ROOT) -> str:
    result = subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607 (git from PATH, as every developer runs it)
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise LookupError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def default_base(repo: Path = ROOT) -> tuple[str, str]:
    """The ref to compare with, and why: ``$SPEC_BASE_REF``, the newest release tag, HEAD~1."""
    from_env = os.environ.get("SPEC_BASE_REF")
    if from_env:
        return from_env, "$SPEC_BASE_REF"
    listing = _git("tag", "--merged", "HEAD", "--list", TAG_PATTERN, "--sort=-v:refname", repo=repo)
    tags = listing.split()
    if tags:
        return tags[0], "the newest released spec tag"
    return "HEAD~1", f"no {TAG_PATTERN} tag: the previous commit"


def documents_at(ref: str | None, spec: Path, repo: Path = ROOT) -> dict[str, dict[str, Any]]:
    """The spec's folder's YAML documents at ``ref`` (None: the work tree), by file name."""
    folder = spec.parent
    if ref is None:
        names = [path.name for path in (repo / folder).glob("*.yaml")]
        read: Callable[[str], str] = lambda name: (repo / folder / name).read_text("utf-8")  # noqa: E731
    else:
        tree = _git("ls-tree", "--name-only", f"{ref}:{folder.as_posix()}", repo=repo)
        names = [name for name in tree.split() if name.endswith(".yaml")]
        read = lambda name: _git("show", f"{ref}:{(folder / name).as_posix()}", repo=repo)  # noqa: E731
    return {name: yaml.safe_load(read(name)) for name in names}


@dataclass(frozen=True)
class Verdict:
    base: str
    why: str
    old_version: str
    new_version: str
    changes: list[Change]

    @property
    def required(self) -> Level:
        return required_level(self.changes)

    @property
    def bump(self) -> Level | None:
        return version_bump(self.old_version, self.new_version)

    @property
    def passed(self) -> bool:
        return self.bump is not None and self.bump >= self.required

    def summary(self) -> str:
        moved = "went backwards" if self.bump is None else self.bump.name.lower()
        needs = self.required.name.lower()
        result = "passes" if self.passed else "FAILS"
        return (
            f"info.version {self.old_version} -> {self.new_version} ({moved} bump) against "
            f"{self.base} ({self.why}); the changes need {needs}: {result}"
        )


def verdict(old: Documents, new: Documents, main: str, base: str, why: str = "") -> Verdict:
    return Verdict(
        base,
        why,
        str(old[main]["info"]["version"]),
        str(new[main]["info"]["version"]),
        compare(old, new, main),
    )


def notes(result: Verdict, title: str) -> str:
    """The changes as a Markdown section (for release notes and changelogs)."""
    heading = f"### {title} {result.old_version} -> {result.new_version} (since {result.base})"
    body = [change.line() for change in result.changes if change.level > Level.PATCH]
    patches = sorted({change.where for change in result.changes if change.level == Level.PATCH})
    if patches:  # wording only: one line, so the changes that matter stay readable
        shown = ", ".join(f"`{where}`" for where in patches[:NOTED_PATCHES])
        more = f" and {len(patches) - NOTED_PATCHES} more" if len(patches) > NOTED_PATCHES else ""
        body.append(f"- **patch** descriptions or examples changed in {shown}{more}")
    return "\n".join([heading, "", *(body or ["- no changes"])]) + "\n"


NOTED_PATCHES = 8
"""Places of wording-only changes a release note names before it counts the rest."""


CONTROL_SPEC = Path("openapi") / "emulator-control.yaml"
CHANGELOGS = {
    "generated_client/CHANGELOG.md": SPEC,
    "generated_control_client/CHANGELOG.md": CONTROL_SPEC,
    "auth_plugin/CHANGELOG.md": SPEC,
    "emulator/CHANGELOG.md": SPEC,
    "contract_tests/CHANGELOG.md": SPEC,
}
"""Each distribution's changelog and the spec its generated section follows."""
START = (
    "<!-- spec-changes: generated by `make changelog` (tools/spec_diff.py); edits here are lost -->"
)
END = "<!-- end spec-changes -->"


def with_section(text: str, section: str) -> str:
    """``text`` with its generated block replaced by ``section``; the rest is kept as written."""
    if START not in text or END not in text:
        raise ValueError(f"the changelog has no generated block ({START} ... {END})")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{section}{END}{tail}"


def spec_verdict(spec: Path, base: str | None, repo: Path = ROOT) -> Verdict:
    """``spec`` in the work tree against ``base`` (None: the default base)."""
    ref, why = (base, "--base") if base else default_base(repo)
    old = documents_at(ref, spec, repo)
    if spec.name not in old:
        raise LookupError(f"{spec} does not exist at {ref}")
    return verdict(old, documents_at(None, spec, repo), spec.name, ref, why)


def write_changelogs(base: str | None, repo: Path = ROOT) -> int:
    """Rewrite the generated block of every changelog; return how many changes were listed."""
    listed = 0
    for name, spec in CHANGELOGS.items():
        result = spec_verdict(spec, base, repo)
        path = repo / name
        section = notes(result, f"Spec changes ({spec.as_posix()})")
        path.write_text(with_section(path.read_text("utf-8"), section), "utf-8")
        listed += len(result.changes)
    return listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("gate", "notes", "changelog"))
    parser.add_argument("--base", help="git ref to compare with (default: see the module doc)")
    parser.add_argument(
        "--spec", type=Path, action="append", help="spec path in the repository (repeatable)"
    )
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git work tree")
    args = parser.parse_args(argv)
    specs: list[Path] = args.spec or list(dict.fromkeys(CHANGELOGS.values()))
    status = 0
    try:
        if args.command == "changelog":
            listed = write_changelogs(args.base, args.repo)
            print(f"rewrote the spec section of {len(CHANGELOGS)} changelogs ({listed} changes)")
            return 0
        results = {spec: spec_verdict(spec, args.base, args.repo) for spec in specs}
    except LookupError as error:
        print(f"spec gate: cannot read a spec at the base ref: {error}", file=sys.stderr)
        return 2
    for spec, result in results.items():
        if args.command == "notes":
            print(notes(result, f"Spec changes ({spec.as_posix()})"))
            continue
        print(f"spec gate, {spec.as_posix()}: {result.summary()}")
        for change in result.changes:
            if change.level > Level.PATCH or not result.passed:
                print(f"  {change.line()[2:]}")
        status = status or (0 if result.passed else 1)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
