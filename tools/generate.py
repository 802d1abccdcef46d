"""Regenerate ``generated_client/`` from ``openapi/gateway.yaml``, or check it is current.

``python -m tools.generate`` rewrites the folder; ``python -m tools.generate --check`` generates
into a temporary folder and exits 1, listing the differences, when the committed copy has drifted
from the spec (CI runs this). The generator is pinned in ``pyproject.toml`` and formats with the
pinned ruff.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gateway.yaml"
CODEGEN = ROOT / "openapi" / "codegen"
OUTPUT = ROOT / "generated_client"
IGNORED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def generate_into(target: Path, spec: Path = SPEC) -> None:
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
        str(CODEGEN / "config.yaml"),
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
    """Generate from ``spec`` into a temporary folder and compare with ``output``."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated_client"
        generate_into(fresh, spec)
        if not output.is_dir():
            return [f"missing: {output}"]
        return differences(fresh, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        if problems:
            print("generated_client/ is out of date with openapi/gateway.yaml; run `make generate`")
            print("\n".join(f"  {line}" for line in problems))
            return 1
        print("generated_client/ matches openapi/gateway.yaml")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated_client"
        generate_into(fresh)
        shutil.rmtree(OUTPUT, ignore_errors=True)
        shutil.copytree(fresh, OUTPUT, ignore=shutil.ignore_patterns(*IGNORED))
    print(f"regenerated {OUTPUT.relative_to(ROOT)}/ from {SPEC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
