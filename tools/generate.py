"""Regenerate the clients from their specs, or check they are current.

Two clients, both by openapi-python-client: ``generated_client/`` from ``openapi/gateway.yaml``
and ``generated_control_client/`` from ``openapi/emulator-control.yaml`` (bundled first with
Redocly CLI, since the control spec refers to gateway.yaml's schemas and the generator reads one
document). ``python -m tools.generate`` rewrites both folders; ``--check`` generates into a
temporary folder and exits 1, listing the differences, when a committed copy has drifted from its
spec (CI runs this). The generator is pinned in ``pyproject.toml`` and formats with the pinned ruff.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gateway.yaml"
CODEGEN = ROOT / "openapi" / "codegen"
OUTPUT = ROOT / "generated_client"
IGNORED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


CONTROL_SPEC = ROOT / "openapi" / "emulator-control.yaml"
CONTROL_OUTPUT = ROOT / "generated_control_client"


@dataclass(frozen=True)
class Target:
    """One generated client: its spec, generator config and committed folder."""

    spec: Path
    config: Path
    output: Path
    bundle: bool = False


GATEWAY = Target(SPEC, CODEGEN / "config.yaml", OUTPUT)
CONTROL = Target(CONTROL_SPEC, CODEGEN / "control-config.yaml", CONTROL_OUTPUT, bundle=True)
TARGETS = (GATEWAY, CONTROL)


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
    found = [f"only in the spec's output: {name}" for name in want.keys() - have.keys()]
    found += [f"only in generated_client/: {name}" for name in have.keys() - want.keys()]
    found += [f"differs: {name}" for name in want.keys() & have.keys() if want[name] != have[name]]
    return sorted(found)


def check(spec: Path = SPEC, output: Path = OUTPUT) -> list[str]:
    """The gateway client's check, for another spec or folder (the drift test's edited copy)."""
    return check_target(Target(spec, GATEWAY.config, output))


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
            shutil.rmtree(target.output, ignore_errors=True)
            shutil.copytree(fresh, target.output, ignore=shutil.ignore_patterns(*IGNORED))
        print(f"regenerated {folder}/ from {spec}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
