"""Lint every OpenAPI document in ``openapi/``: openapi-spec-validator, then Redocly CLI.

``python -m tools.spec_lint`` (``make spec-lint``) finds the ``openapi/*.yaml`` files whose top
level declares ``openapi:`` (the gateway spec, and the emulator's control API once it exists),
validates each with openapi-spec-validator, checks every example against its schema
(``tools.spec_examples``), then runs the pinned Redocly CLI (``package.json``) on all of them with
the repository's ``redocly.yaml``. Any error *or warning* fails the run: the goal
is a clean lint, and a rule that does not fit is turned off in ``redocly.yaml`` with its reason,
not tolerated here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema_path import SchemaPath
from openapi_spec_validator.shortcuts import get_validator_cls
from openapi_spec_validator.validation.exceptions import ValidatorDetectError

from tools.spec_examples import example_problems

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_DIR = ROOT / "openapi"
REDOCLY_CONFIG = ROOT / "redocly.yaml"
REDOCLY_BIN = ROOT / "node_modules" / ".bin" / "redocly"
MESSAGE_LIMIT = 300  # characters of one problem message; some embed the whole document
# Keep Redocly offline and quiet: no usage data, no update check, no banners in CI logs.
REDOCLY_ENV = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "NO_UPDATE_NOTIFIER": "1",
}


@dataclass
class LintReport:
    """Problems found by one linter; ``errors`` and ``warnings`` are one line per problem."""

    tool: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.warnings


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 3] + "..."


def _describe(exc: Exception) -> str:
    """One short line for an unexpected exception; unresolvable ``$ref``s name the reference."""
    inner = getattr(exc, "_wrapped", exc)  # jsonschema wraps referencing's errors
    ref = getattr(inner, "ref", None)  # referencing.exceptions.Unresolvable and subclasses
    detail = f"cannot resolve $ref {ref!r}" if ref else str(inner)
    return f"{type(inner).__name__}: {_short(detail)}"


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def is_openapi_document(path: Path) -> bool:
    """Whether ``path`` parses as YAML with a top-level ``openapi`` key (config files do not)."""
    try:
        document = _load(path)
    except (OSError, yaml.YAMLError):
        return True  # unreadable: let the validator report it rather than skip it silently
    return isinstance(document, dict) and "openapi" in document


def openapi_documents(folder: Path = OPENAPI_DIR) -> list[Path]:
    """The OpenAPI documents directly in ``folder`` (``*.yaml``/``*.yml``), sorted by name."""
    candidates = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [path for path in candidates if path.is_file() and is_openapi_document(path)]


def validate_with_openapi_spec_validator(paths: Iterable[Path]) -> LintReport:
    """Validate each document against the OpenAPI meta-schema of its declared version."""
    report = LintReport("openapi-spec-validator")
    for path in paths:
        name = _relative(path)
        try:
            document = _load(path)
            validator = get_validator_cls(document)(
                SchemaPath.from_dict(document, base_uri=path.resolve().as_uri())
            )
            for error in validator.iter_errors():
                summary = error.message.splitlines()[0] if error.message else repr(error)
                report.errors.append(f"{name}: {error.json_path}: {_short(summary)}")
        except (OSError, yaml.YAMLError) as exc:
            report.errors.append(f"{name}: cannot read: {_short(str(exc))}")
        except ValidatorDetectError:
            report.errors.append(f"{name}: no supported `openapi`/`swagger` version declared")
        except Exception as exc:  # a dangling $ref aborts the validator: report it, don't crash
            report.errors.append(f"{name}: {_describe(exc)}")
    return report


def validate_examples(paths: Iterable[Path]) -> LintReport:
    """Validate every example of each document against its schema (see ``tools.spec_examples``)."""
    report = LintReport("examples (jsonschema 2020-12)")
    for path in paths:
        name = _relative(path)
        try:
            document = _load(path)
            if isinstance(document, dict):
                report.errors += [f"{name}: {line}" for line in example_problems(document)]
        except (OSError, yaml.YAMLError):
            pass  # reported by openapi-spec-validator
        except Exception as exc:  # a dangling $ref: reported by the other linters too
            report.errors.append(f"{name}: {_describe(exc)}")
    return report


def ensure_redocly() -> None:
    """Install the pinned Redocly CLI from ``package-lock.json`` when ``node_modules`` lacks it."""
    if REDOCLY_BIN.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("spec lint needs Node.js and npm (for @redocly/cli); neither is on PATH")
    print("installing the pinned Redocly CLI (npm ci) ...", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)  # noqa: S603


def _redocly_location(problem: dict[str, Any]) -> str:
    locations = problem.get("location") or [{}]
    first = locations[0]
    source = str(first.get("source", {}).get("ref", "?"))
    start = first.get("start") or {}
    if "line" in start:
        return f"{source}:{start['line']}:{start.get('col', 0)}"
    return f"{source} {first.get('pointer', '')}".strip()


def _json_documents(text: str) -> list[dict[str, Any]]:
    """The JSON objects in ``text``: Redocly prints one report per linted file, back to back."""
    decoder = json.JSONDecoder()
    documents: list[dict[str, Any]] = []
    position = 0
    while (position := _skip_space(text, position)) < len(text):
        document, position = decoder.raw_decode(text, position)
        documents.append(document)
    return documents


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def lint_with_redocly(paths: Sequence[Path], config: Path = REDOCLY_CONFIG) -> LintReport:
    """Run ``npx --no-install redocly lint`` on ``paths`` and collect its problems."""
    report = LintReport("redocly")
    if not paths:
        return report
    ensure_redocly()
    npx = shutil.which("npx")
    if npx is None:
        raise SystemExit("spec lint needs npx (comes with npm) to run Redocly CLI")
    command = [
        npx,
        "--no-install",
        "redocly",
        "lint",
        *(str(path) for path in paths),
        "--config",
        str(config),
        "--format",
        "json",
    ]
    result = subprocess.run(  # noqa: S603
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **REDOCLY_ENV},
    )
    try:
        outputs = _json_documents(result.stdout)
    except json.JSONDecodeError:
        outputs = []
    if not outputs:
        report.errors.append(
            f"redocly exited {result.returncode} without a JSON report: "
            f"{_short(result.stderr or result.stdout)}"
        )
        return report
    for problem in (problem for output in outputs for problem in output.get("problems", [])):
        line = (
            f"{_redocly_location(problem)}: {problem.get('ruleId', '?')}: "
            f"{_short(str(problem.get('message', '')))}"
        )
        severity = problem.get("severity")
        if severity == "error":
            report.errors.append(line)
        elif severity == "warn":
            report.warnings.append(line)
    if result.returncode != 0 and not report.errors:
        report.errors.append(f"redocly exited {result.returncode}: {_short(result.stderr)}")
    return report


def _print_report(report: LintReport) -> None:
    for line in report.errors:
        print(f"  error    {line}")
    for line in report.warnings:
        print(f"  warning  {line}")
    print(f"{report.tool}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="documents to lint (default: every OpenAPI document in openapi/)",
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.paths or openapi_documents()
    if not paths:
        print(f"no OpenAPI document found in {_relative(OPENAPI_DIR)}/")
        return 1
    print("linting: " + ", ".join(_relative(path) for path in paths))
    reports = [
        validate_with_openapi_spec_validator(paths),
        validate_examples(paths),
        lint_with_redocly(paths),
    ]
    for report in reports:
        _print_report(report)
    if all(report.clean for report in reports):
        print("spec lint passed")
        return 0
    print("spec lint FAILED")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
