"""Build every distribution and check it the way a user meets it (`make release-check`).

``python -m tools.release`` (the release check `make test` runs):

1. builds an sdist and a wheel of every workspace member with ``uv build --all-packages`` (each
   wheel is built *from its sdist*, so a file missing from an sdist fails here);
2. checks them with ``twine check --strict`` and ``check-wheel-contents``;
3. installs ``bitexbit`` alone into a fresh virtual environment, from the built files only (plus
   the public index for third-party libraries; no workspace, no editable installs), lists what
   ``pip install bitexbit`` brings, and runs ``tools/release_smoke.py client-only`` there;
4. installs every distribution (``bitexbit[cli]``, the emulator with its PostgreSQL extra, the
   conformance suite) plus pytest into a second fresh environment and runs the smoke test with
   pytest there, from an empty folder.

Third-party versions come from ``uv.lock`` (``--resolution locked``, reproducible in CI);
``--resolution latest`` takes what a new user would get today and ``--resolution lowest`` the
lowest versions the dependency ranges allow, which is how a range's lower bound is proved.

``python -m tools.release --dry-run`` (`make release`) also runs the spec's breaking-change
gate and prints what an upload would publish. Uploading is deliberately not here.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "tools" / "release_smoke.py"
DEFAULT_DIST = ROOT / "dist"
RESOLUTIONS = ("locked", "latest", "lowest")
SMOKE_TOOLS = ("pytest>=8",)
"""What the smoke test itself needs in the second environment (the plugin is a pytest plugin)."""
WHEEL_CHECK_IGNORES = {
    # W002 (duplicate files): the generator writes the same one-line `__init__.py` into every
    # `api/<tag>/` package; the files are alike, not copies of one module.
    "bitexbit-gateway-client": ("W002",),
    "bitexbit-emulator-control-client": ("W002",),
    # W009 (several top-level packages): `bitexbit_signing` ships beside `bitexbit` on purpose,
    # importable without the client (the emulator and the conformance suite sign with it).
    "bitexbit": ("W009",),
    # W004 (module not at an importable path): Alembic revision files are named `0001_...` and
    # loaded by path from `store/migrations/versions/`, never imported as modules.
    "bitexbit-emulator": ("W004",),
}
"""check-wheel-contents findings each wheel has by design, and why."""


@dataclass(frozen=True)
class Member:
    """One workspace member: its distribution name, version and folder."""

    name: str
    version: str
    folder: Path

    @property
    def stem(self) -> str:
        """The file-name form of the name (PEP 427 / PEP 625): dashes become underscores."""
        return self.name.replace("-", "_")


def members() -> list[Member]:
    """The distributions, read from the workspace's ``members`` list and their pyproject files."""
    workspace = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    found = []
    for folder in workspace["tool"]["uv"]["workspace"]["members"]:
        project = tomllib.loads((ROOT / folder / "pyproject.toml").read_text("utf-8"))["project"]
        found.append(Member(project["name"], project["version"], ROOT / folder))
    return found


def _run(command: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    """Run ``command``; on failure print its output and stop the release check."""
    result = subprocess.run(  # noqa: S603
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"release check failed: {' '.join(command[:3])} ... ({result.returncode})")
    return result.stdout


def _uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    if not Path(found).exists():
        raise SystemExit("uv not found; run `make sync` first")
    return found


def _isolated_env() -> dict[str, str]:
    """The environment for commands that must not see the workspace's virtual environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def build(dist: Path) -> dict[Member, tuple[Path, Path]]:
    """sdist and wheel of every member into ``dist`` (emptied first)."""
    shutil.rmtree(dist, ignore_errors=True)
    _run([_uv(), "build", "--all-packages", "--no-create-gitignore", "-o", str(dist), "-q"])
    built: dict[Member, tuple[Path, Path]] = {}
    for member in members():
        sdists = sorted(dist.glob(f"{member.stem}-{member.version}.tar.gz"))
        wheels = sorted(dist.glob(f"{member.stem}-{member.version}-*.whl"))
        if len(sdists) != 1 or len(wheels) != 1:
            raise SystemExit(f"{member.name}: expected one sdist and one wheel in {dist}")
        built[member] = (sdists[0], wheels[0])
    return built


def check_files(built: dict[Member, tuple[Path, Path]]) -> None:
    """``twine check --strict`` on everything and ``check-wheel-contents`` on the wheels."""
    files = [str(path) for pair in built.values() for path in pair]
    _run([sys.executable, "-m", "twine", "check", "--strict", *files])
    for member, (_, wheel) in built.items():
        ignored = ",".join(WHEEL_CHECK_IGNORES.get(member.name, ()))
        options = ["--ignore", ignored] if ignored else []
        _run([sys.executable, "-m", "check_wheel_contents", *options, str(wheel)])


def declared_requirements(wheel: Path, extras: frozenset[str] = frozenset()) -> list[str]:
    """The third-party requirements a wheel's metadata declares (with ``extras`` selected)."""
    from packaging.requirements import Requirement

    ours = {member.name for member in members()}
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    found = []
    for text in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(text)
        if requirement.name in ours:
            continue
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""}):
            requirement.marker = None
            found.append(str(requirement))
    return found


def resolution_options(resolution: str, into: Path) -> list[str]:
    """uv pip options: third-party versions from ``uv.lock``, the newest, or the lowest allowed.

    For ``lowest`` the caller also passes each wheel's declared requirements as direct ones,
    so ``lowest-direct`` lowers exactly the ranges this project declares.
    """
    if resolution == "latest":
        return []
    if resolution == "lowest":
        return ["--resolution", "lowest-direct"]
    target = into / "constraints.txt"
    _run(
        [
            _uv(),
            "export",
            "--frozen",
            "--no-hashes",
            "--no-emit-workspace",
            "--all-packages",
            "--all-extras",
            "--no-header",
            "-q",
            "-o",
            str(target),
        ]
    )
    return ["--constraint", str(target)]


def fresh_venv(path: Path) -> Path:
    """A new, empty virtual environment at ``path`` on this interpreter's Python version."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    _run(
        [_uv(), "venv", "--no-config", "-q", "--python", version, str(path)],
        cwd=path.parent,
        env=_isolated_env(),
    )
    return path / "bin" / "python"


def install(python: Path, requirements: list[str], options: list[str]) -> None:
    command = [_uv(), "pip", "install", "--no-config", "-q", "--python", str(python)]
    _run([*command, *options, *requirements], cwd=python.parent, env=_isolated_env())


def installed(python: Path) -> list[str]:
    """``name==version`` of everything in the environment at ``python``."""
    command = [_uv(), "pip", "freeze", "--no-config", "--python", str(python)]
    return _run(command, cwd=python.parent, env=_isolated_env()).splitlines()


def smoke(built: dict[Member, tuple[Path, Path]], work: Path, resolution: str) -> list[str]:
    """Install into two fresh environments and run the smoke test; return the SDK's deps."""
    wheel = {member.name: built_pair[1] for member, built_pair in built.items()}
    options = resolution_options(resolution, work)

    def lowest(*wheels: tuple[str, frozenset[str]]) -> list[str]:
        if resolution != "lowest":
            return []
        return [r for name, extras in wheels for r in declared_requirements(wheel[name], extras)]

    folder = work / "smoke"
    folder.mkdir()
    script = folder / "test_release_smoke.py"
    shutil.copyfile(SMOKE, script)

    client = fresh_venv(work / "client-only")
    client_wheels = [str(wheel["bitexbit-gateway-client"]), str(wheel["bitexbit"])]
    none: frozenset[str] = frozenset()
    lowered = lowest(("bitexbit-gateway-client", none), ("bitexbit", none))
    install(client, [*client_wheels, *lowered], options)
    sdk_dependencies = installed(client)
    _run([str(client), str(script), "client-only"], cwd=folder, env=_isolated_env())

    everything = fresh_venv(work / "everything")
    requirements = [
        str(wheel["bitexbit-gateway-client"]),
        str(wheel["bitexbit-emulator-control-client"]),
        f"bitexbit[cli] @ {wheel['bitexbit'].as_uri()}",
        f"bitexbit-emulator[postgresql] @ {wheel['bitexbit-emulator'].as_uri()}",
        str(wheel["bitexbit-conformance"]),
        *SMOKE_TOOLS,
    ]
    requirements += lowest(
        ("bitexbit-gateway-client", none),
        ("bitexbit-emulator-control-client", none),
        ("bitexbit", frozenset({"cli"})),
        ("bitexbit-emulator", frozenset({"postgresql"})),
        ("bitexbit-conformance", none),
    )
    install(everything, requirements, options)
    pytest = [str(everything), "-m", "pytest", "-q", "-p", "no:cacheprovider", script.name]
    print(_run(pytest, cwd=folder, env=_isolated_env()).strip().splitlines()[-1])
    return sdk_dependencies


def describe(built: dict[Member, tuple[Path, Path]]) -> str:
    """What an upload would publish: each file with its size and SHA-256."""
    lines = []
    for member, files in built.items():
        lines.append(f"{member.name} {member.version}")
        for path in files:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            lines.append(f"  {path.name:<58} {path.stat().st_size / 1024:7.1f} KiB  {digest}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="output folder")
    parser.add_argument("--resolution", choices=RESOLUTIONS, default="locked")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="also run the spec's breaking-change gate and print what would be uploaded",
    )
    parser.add_argument("--base", help="git ref the spec gate compares with (--dry-run)")
    args = parser.parse_args(argv)

    built = build(args.dist)
    print(f"built {2 * len(built)} files into {args.dist}")
    check_files(built)
    print("twine check --strict and check-wheel-contents: passed")
    with tempfile.TemporaryDirectory(prefix="bitexbit-release-") as tmp:
        dependencies = smoke(built, Path(tmp), args.resolution)
    print(f"pip install bitexbit installs {len(dependencies)} distributions:")
    print("\n".join(f"  {line}" for line in dependencies))
    print(describe(built))
    if args.dry_run:
        from tools import spec_diff

        base = ["--base", args.base] if args.base else []
        status = spec_diff.main(["gate", *base])
        if status != 0:
            return status
        print("release notes (the spec sections `make changelog` writes):")
        spec_diff.main(["notes", *base])
        print("dry run: `twine upload` would publish the files above; nothing was uploaded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
