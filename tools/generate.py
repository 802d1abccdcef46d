"""Regenerate the clients from their specs, or check they are current.

Two clients, both by openapi-python-client: ``generated_client/`` from ``openapi/gateway.yaml``
and ``generated_control_client/`` from ``openapi/emulator-control.yaml`` (bundled first with
Redocly CLI, since the control spec refers to gateway.yaml's schemas and the generator reads one
document). ``python -m tools.generate`` rewrites both folders; ``--check`` generates into a
temporary folder and exits 1, listing the differences, when a committed copy has drifted from its
spec (CI runs this). The generator is pinned in ``pyproject.toml`` and formats with the pinned ruff.

Each client's version is its spec's ``info.version`` (the generator's default; nothing overrides
it). Every distribution also carries a ``_spec.py`` stamp, written here and checked like the
clients: the title, ``info.version`` and SHA-256 of the spec file it was built from, which the
packages expose at runtime (``bitexbit.__spec_version__``, ``bitexbit_emulator.__spec_version__``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gateway.yaml"
CODEGEN = ROOT / "openapi" / "codegen"
OUTPUT = ROOT / "generated_client"
IGNORED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
KEPT = ("CHANGELOG.md",)
"""Hand-kept files in a generated folder: carried over on regeneration, not compared."""


CONTROL_SPEC = ROOT / "openapi" / "emulator-control.yaml"
CONTROL_OUTPUT = ROOT / "generated_control_client"


@dataclass(frozen=True)
class Target:
    """One generated client: its spec, generator config and committed folder."""

    spec: Path
    config: Path
    output: Path
    package: str
    bundle: bool = False


GATEWAY = Target(SPEC, CODEGEN / "config.yaml", OUTPUT, "bitexbit_gateway_client")
CONTROL = Target(
    CONTROL_SPEC,
    CODEGEN / "control-config.yaml",
    CONTROL_OUTPUT,
    "bitexbit_emulator_control_client",
    bundle=True,
)
TARGETS = (GATEWAY, CONTROL)


@dataclass(frozen=True)
class Stamp:
    """A hand-written package's ``_spec.py``: which spec files it was built from."""

    path: Path
    specs: dict[str, Path] = field(default_factory=lambda: {"SPEC": SPEC})


STAMPS = (
    Stamp(ROOT / "auth_plugin" / "bitexbit" / "_spec.py"),
    Stamp(
        ROOT / "emulator" / "bitexbit_emulator" / "_spec.py",
        {"SPEC": SPEC, "CONTROL_SPEC": CONTROL_SPEC},
    ),
    Stamp(ROOT / "contract_tests" / "bitexbit_conformance" / "_spec.py"),
)


def spec_stamp(specs: dict[str, Path]) -> str:
    """The ``_spec.py`` text recording each spec's title, ``info.version`` and SHA-256."""
    import yaml

    lines = [
        '"""The OpenAPI documents this distribution was built from.',
        "",
        "Written by `make generate` (tools/generate.py) and checked by `make check-generated`; do",
        'not edit. SHA-256 is of the spec file\'s bytes."""',
        "",
    ]
    for prefix, path in specs.items():
        data = path.read_bytes()
        info = yaml.safe_load(data)["info"]
        lines += [
            f"{prefix}_FILE = {json.dumps(_repo_name(path))}",
            f"{prefix}_TITLE = {json.dumps(str(info['title']))}",
            f"{prefix}_VERSION = {json.dumps(str(info['version']))}",
            f"{prefix}_SHA256 = {json.dumps(hashlib.sha256(data).hexdigest())}",
        ]
    return "\n".join(lines) + "\n"


def _repo_name(path: Path) -> str:
    """``path`` relative to the repository (a test's edited copy elsewhere: its file name)."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def stamp_problems() -> list[str]:
    """The hand-written packages' stamps that are missing or out of date."""
    return [
        f"differs: {stamp.path.relative_to(ROOT)}"
        for stamp in STAMPS
        if not stamp.path.is_file() or stamp.path.read_text("utf-8") != spec_stamp(stamp.specs)
    ]


def bundled(spec: Path, into: Path) -> Path:
    """``spec`` with its references to other files pulled in (Redocly CLI's ``bundle``)."""
    from tools.spec_lint import ensure_redocly

    ensure_redocly()
    target = into / spec.name
    command = ["npx", "--no-install", "redocly", "bundle", str(spec), "-o", str(target)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"redocly bundle failed with exit code {result.returncode}")
    return target


def generate_target(target: Target, into: Path) -> None:
    """Generate ``target``'s client into ``into`` (which must not exist yet)."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = bundled(target.spec, Path(tmp)) if target.bundle else target.spec
        generate_into(into, spec, config=target.config)
    (into / target.package / "_spec.py").write_text(spec_stamp({"SPEC": target.spec}), "utf-8")


def generate_into(
    target: Path, spec: Path = SPEC, *, config: Path = CODEGEN / "config.yaml"
) -> None:
    """Run openapi-python-client for ``spec`` into ``target`` (which must not exist yet)."""
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(target),
        "--meta",
        "uv",
        "--config",
        str(config),
        "--custom-template-path",
        str(CODEGEN / "templates"),
        "--fail-on-warning",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed with exit code {result.returncode}")


def _files(tree: Path) -> dict[str, bytes]:
    return {
        path.relative_to(tree).as_posix(): path.read_bytes()
        for path in sorted(tree.rglob("*"))
        if path.is_file() and not IGNORED.intersection(path.relative_to(tree).parts)
    }


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ byte for byte, or exist on one side only, between two trees."""
    want, have = _files(expected), _files(actual)
    for name in KEPT:
        want.pop(name, None)
        have.pop(name, None)
    found = [f"only in the spec's output: {name}" for name in want.keys() - have.keys()]
    found += [f"only in generated_client/: {name}" for name in have.keys() - want.keys()]
    found += [f"differs: {name}" for name in want.keys() & have.keys() if want[name] != have[name]]
    return sorted(found)


def check(spec: Path = SPEC, output: Path = OUTPUT) -> list[str]:
    """The gateway client's check, for another spec or folder (the drift test's edited copy)."""
    return check_target(Target(spec, GATEWAY.config, output, GATEWAY.package))


def check_target(target: Target) -> list[str]:
    """Generate ``target`` into a temporary folder and compare with its committed folder."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / target.output.name
        generate_target(target, fresh)
        if not target.output.is_dir():
            return [f"missing: {target.output}"]
        return differences(fresh, target.output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    args = parser.parse_args(argv)
    status = 0
    for target in TARGETS:
        folder, spec = target.output.relative_to(ROOT), target.spec.relative_to(ROOT)
        if args.check:
            problems = check_target(target)
            if problems:
                print(f"{folder}/ is out of date with {spec}; run `make generate`")
                print("\n".join(f"  {line}" for line in problems))
                status = 1
            else:
                print(f"{folder}/ matches {spec}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / target.output.name
            generate_target(target, fresh)
            for name in KEPT:
                if (target.output / name).is_file():
                    shutil.copyfile(target.output / name, fresh / name)
            shutil.rmtree(target.output, ignore_errors=True)
            shutil.copytree(fresh, target.output, ignore=shutil.ignore_patterns(*IGNORED))
        print(f"regenerated {folder}/ from {spec}")
    if args.check:
        problems = stamp_problems()
        if problems:
            print("the packages' spec stamps are out of date; run `make generate`")
            print("\n".join(f"  {line}" for line in problems))
            status = 1
        else:
            print(f"{len(STAMPS)} spec stamps (_spec.py) match their specs")
    else:
        for stamp in STAMPS:
            stamp.path.write_text(spec_stamp(stamp.specs), "utf-8")
        print(f"wrote {len(STAMPS)} spec stamps (_spec.py)")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
