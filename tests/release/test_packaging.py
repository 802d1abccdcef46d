"""What each distribution declares, checked without building it (`make release-check` builds).

Versions follow the specs, dependencies are ranges, the SDK's command line is an extra, the
stamps name the spec each package carries, and the uv bootstrap tells a user where uv went.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import bitexbit
import bitexbit_conformance
import bitexbit_emulator
import pytest
import yaml
from bitexbit import _console
from bitexbit_conformance import schema as conformance_schema
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tools import release

ROOT = Path(__file__).resolve().parents[2]


def _project(folder: str) -> dict[str, Any]:
    document = tomllib.loads((ROOT / folder / "pyproject.toml").read_text("utf-8"))
    project: dict[str, Any] = document["project"]
    return project


def _spec_version(name: str) -> str:
    return str(yaml.safe_load((ROOT / "openapi" / name).read_text("utf-8"))["info"]["version"])


MEMBERS = {member.name: member for member in release.members()}


def test_the_workspace_has_the_five_distributions() -> None:
    assert sorted(MEMBERS) == [
        "bitexbit",
        "bitexbit-conformance",
        "bitexbit-emulator",
        "bitexbit-emulator-control-client",
        "bitexbit-gateway-client",
    ]


@pytest.mark.parametrize(
    ("folder", "spec"),
    [("generated_client", "gateway.yaml"), ("generated_control_client", "emulator-control.yaml")],
)
def test_a_generated_client_is_versioned_by_its_spec(folder: str, spec: str) -> None:
    assert _project(folder)["version"] == _spec_version(spec)
    config = (ROOT / "openapi" / "codegen").glob("*.yaml")
    assert all("package_version_override" not in path.read_text("utf-8") for path in config)


def test_the_sdk_supports_the_spec_it_ships_with() -> None:
    assert bitexbit.SUPPORTED_SPEC
    assert SpecifierSet(bitexbit.SUPPORTED_SPEC).contains(_spec_version("gateway.yaml"))
    declared = [Requirement(text) for text in _project("auth_plugin")["dependencies"]]
    client = next(r for r in declared if r.name == "bitexbit-gateway-client")
    assert SpecifierSet(bitexbit.SUPPORTED_SPEC) == client.specifier


@pytest.mark.parametrize("package", [bitexbit, bitexbit_emulator, bitexbit_conformance])
def test_every_package_records_the_spec_it_was_built_from(package: Any) -> None:
    spec = (ROOT / "openapi" / "gateway.yaml").read_bytes()
    assert package.__spec_sha256__ == hashlib.sha256(spec).hexdigest()
    assert package.__spec_version__ == _spec_version("gateway.yaml")


@pytest.mark.parametrize("folder", ["auth_plugin", "emulator", "contract_tests"])
def test_libraries_declare_ranges_not_pins(folder: str) -> None:
    project = _project(folder)
    extras = project.get("optional-dependencies", {}).values()
    requirements = [Requirement(text) for text in project["dependencies"]]
    requirements += [Requirement(text) for group in extras for text in group]
    pinned = [str(r) for r in requirements if any(s.operator in {"==", "==="} for s in r.specifier)]
    assert not pinned
    unbounded_ours = [str(r) for r in requirements if r.name in MEMBERS and not r.specifier]
    assert not unbounded_ours, "our own distributions are required by version range"


def test_the_sdk_leaves_the_command_line_libraries_to_its_cli_extra() -> None:
    project = _project("auth_plugin")
    names = {Requirement(text).name for text in project["dependencies"]}
    assert names.isdisjoint({"typer", "rich", "click"})
    assert {Requirement(text).name for text in project["optional-dependencies"]["cli"]} == {
        "typer",
        "rich",
    }
    assert project["scripts"]["bitexbit"] == "bitexbit._console:main"


def test_the_console_script_says_how_to_get_the_cli_when_typer_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [name for name in sys.modules if name.startswith("bitexbit.cli")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "typer", None)  # `import typer` now fails
    with pytest.raises(SystemExit) as exit_info:
        _console.main()
    assert exit_info.value.code == 1
    assert "pip install 'bitexbit[cli]'" in capsys.readouterr().err


def test_the_console_script_does_not_hide_other_import_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [name for name in sys.modules if name.startswith("bitexbit.cli")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "bitexbit.cli._app", None)
    with pytest.raises(ModuleNotFoundError):
        _console.main()


def test_the_build_hooks_are_one_file(tmp_path: Path) -> None:
    emulator, conformance = ROOT / "emulator", ROOT / "contract_tests"
    assert (emulator / "hatch_build.py").read_bytes() == (
        conformance / "hatch_build.py"
    ).read_bytes()


def test_the_installed_conformance_suite_checks_the_spec_it_carries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / "openapi" / "gateway.yaml"
    packaged.parent.mkdir()
    packaged.write_text("openapi: 3.1.0\n", "utf-8")
    monkeypatch.delenv(conformance_schema.SPEC_ENV_VAR, raising=False)
    monkeypatch.setattr(conformance_schema, "PACKAGED_SPEC", packaged)
    assert conformance_schema.find_spec_path() == packaged
    monkeypatch.setattr(conformance_schema, "PACKAGED_SPEC", tmp_path / "absent.yaml")
    assert conformance_schema.find_spec_path() == ROOT / "openapi" / "gateway.yaml"


# -- the uv bootstrap -----------------------------------------------------------------------------

FAKE_PYTHON = """#!/bin/sh
# Stands in for `python3 -m pip install --user uv==X`: "installs" uv into ~/.local/bin.
mkdir -p "$HOME/.local/bin"
printf '#!/bin/sh\\necho uv-stub\\n' > "$HOME/.local/bin/uv"
chmod +x "$HOME/.local/bin/uv"
"""


def _bootstrap(tmp_path: Path, caller_path: str) -> subprocess.CompletedProcess[str]:
    tools = tmp_path / "fake-bin"
    tools.mkdir(exist_ok=True)
    python = tools / "python3"
    python.write_text(FAKE_PYTHON, "utf-8")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    home = tmp_path / "home"
    env = {
        "HOME": str(home),
        "PATH": os.pathsep.join([str(tools), "/usr/bin", "/bin"]),
        "BITEXBIT_CALLER_PATH": caller_path,
    }
    script = ROOT / "tools" / "bootstrap-uv.sh"
    return subprocess.run(  # noqa: S603
        ["/bin/sh", str(script), "0.13.8"], env=env, capture_output=True, text=True, check=True
    )


def test_the_uv_bootstrap_says_where_uv_went_when_that_is_not_on_path(tmp_path: Path) -> None:
    result = _bootstrap(tmp_path, caller_path="/usr/bin:/bin")
    target = tmp_path / "home" / ".local" / "bin"
    assert result.stdout.strip() == str(target / "uv")
    assert f"installed uv 0.13.8 as {target}/uv, which is not on your PATH" in result.stderr
    assert f'export PATH="{target}:$PATH"' in result.stderr


def test_the_uv_bootstrap_is_quiet_when_uv_lands_on_path(tmp_path: Path) -> None:
    target = tmp_path / "home" / ".local" / "bin"
    result = _bootstrap(tmp_path, caller_path=f"/usr/bin:{target}:/bin")
    assert result.stdout.strip() == str(target / "uv")
    assert result.stderr == ""
