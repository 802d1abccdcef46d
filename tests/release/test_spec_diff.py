"""The breaking-change classifier and the version gate (tools/spec_diff.py).

Each case edits a copy of the real `openapi/gateway.yaml` the way a spec author would and checks
the class the classifier gives it; the gate is then run end to end in a throwaway git repository
(a field removed: fails without a major bump, passes with one), and on pairs from this
repository's own history.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import spec_diff
from tools.spec_diff import Change, Level

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "gateway.yaml").read_text("utf-8"))
MAIN = "gateway.yaml"

Edit = Callable[[dict[str, Any]], None]


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _changes(edit: Edit) -> list[Change]:
    new = copy.deepcopy(SPEC)
    edit(new)
    return spec_diff.compare({MAIN: SPEC}, {MAIN: new}, MAIN)


def _remove_withdraw_status(spec: dict[str, Any]) -> None:
    withdraw = _schemas(spec)["Withdraw"]
    del withdraw["properties"]["status"]
    withdraw["required"].remove("status")


def _add_request_property(required: bool) -> Edit:
    def edit(spec: dict[str, Any]) -> None:
        request = _schemas(spec)["WithdrawCreateRequest"]
        request["properties"]["priority"] = {"type": "integer"}
        if required:
            request["required"].append("priority")

    return edit


def _set(path: tuple[str, ...], key: str, value: Any) -> Edit:
    def edit(spec: dict[str, Any]) -> None:
        node = spec
        for part in path:
            node = node[part]
        node[key] = value

    return edit


def _pop(path: tuple[str, ...], key: str) -> Edit:
    def edit(spec: dict[str, Any]) -> None:
        node = spec
        for part in path:
            node = node[part]
        del node[key]

    return edit


def _rename_status(spec: dict[str, Any]) -> None:
    responses = spec["paths"]["/wallet/create"]["post"]["responses"]
    responses["200"] = responses.pop("201")


def _add_query_parameter(required: bool) -> Edit:
    def edit(spec: dict[str, Any]) -> None:
        parameter = {
            "name": "since",
            "in": "query",
            "required": required,
            "schema": {"type": "string"},
        }
        spec["paths"]["/wallets"]["get"].setdefault("parameters", []).append(parameter)

    return edit


COMMENT = ("components", "schemas", "WithdrawCreateRequest", "properties", "comment")
AMOUNT = ("components", "schemas", "WithdrawCreateRequest", "properties", "amount")  # a $ref
WITHDRAW_COMMENT = ("components", "schemas", "Withdraw", "properties", "comment")
STATUS_ENUM = ("components", "schemas", "WithdrawStatus")
STATUSES = list(SPEC["components"]["schemas"]["WithdrawStatus"]["enum"])
FORMS = ("paths", "/withdraw/create", "post", "requestBody", "content")

CASES = [
    pytest.param(
        _remove_withdraw_status, Level.MAJOR, "property removed", id="response field removed"
    ),
    pytest.param(
        _add_request_property(False), Level.MINOR, "optional property added", id="optional input"
    ),
    pytest.param(
        _add_request_property(True), Level.MAJOR, "required property added", id="required input"
    ),
    pytest.param(
        _set(STATUS_ENUM, "enum", [*STATUSES, 60]), Level.MINOR, "values added: [60]", id="enum+"
    ),
    pytest.param(
        _set(STATUS_ENUM, "enum", STATUSES[:-1]), Level.MAJOR, "values removed: [50]", id="enum-"
    ),
    pytest.param(
        _set(COMMENT, "description", "Reworded."), Level.PATCH, "description", id="description"
    ),
    pytest.param(
        _set(COMMENT, "maxLength", 100), Level.MAJOR, "`maxLength` 255 -> 100", id="input narrowed"
    ),
    pytest.param(
        _set(COMMENT, "maxLength", 1000), Level.MINOR, "`maxLength` 255 -> 1000", id="input widened"
    ),
    pytest.param(
        _set(WITHDRAW_COMMENT, "type", ["string", "integer"]),
        Level.MAJOR,
        "type now allows",
        id="output widened",
    ),
    pytest.param(
        _set(WITHDRAW_COMMENT, "maxLength", 10), Level.MINOR, "maxLength", id="output narrowed"
    ),
    pytest.param(
        _set(COMMENT, "pattern", "^[a-z]*$"), Level.MAJOR, "`pattern` changed", id="pattern"
    ),
    pytest.param(
        _set(COMMENT, "type", "integer"),
        Level.MAJOR,
        "no longer allows ['string']",
        id="input type",
    ),
    pytest.param(_rename_status, Level.MAJOR, "response status removed", id="status code"),
    pytest.param(
        _pop(("paths",), "/withdraw/history"), Level.MAJOR, "operation removed", id="operation"
    ),
    pytest.param(
        _pop(FORMS, "application/x-www-form-urlencoded"),
        Level.MAJOR,
        "content type removed",
        id="content type",
    ),
    pytest.param(
        _add_query_parameter(False),
        Level.MINOR,
        "optional parameter added",
        id="optional parameter",
    ),
    pytest.param(
        _add_query_parameter(True), Level.MAJOR, "required parameter added", id="required parameter"
    ),
    pytest.param(_set(COMMENT, "x-errata", "L9"), Level.PATCH, "description", id="x- extension"),
    pytest.param(
        _set(AMOUNT, "description", "Reworded."), Level.PATCH, "description", id="beside $ref"
    ),
]


@pytest.mark.parametrize(("edit", "level", "what"), CASES)
def test_each_kind_of_change_gets_its_semver_class(edit: Edit, level: Level, what: str) -> None:
    changes = _changes(edit)
    assert spec_diff.required_level(changes) == level, changes
    assert any(what in change.what and change.level == level for change in changes), changes


def test_an_unchanged_spec_needs_no_bump() -> None:
    assert spec_diff.compare({MAIN: SPEC}, {MAIN: copy.deepcopy(SPEC)}, MAIN) == []


def test_a_schema_shared_by_several_operations_is_reported_once_by_its_name() -> None:
    # Withdraw is the 201 body of createWithdraw and the items of getWithdrawHistory's page.
    changes = _changes(_remove_withdraw_status)
    removed = [change for change in changes if change.what == "property removed"]
    assert [change.where for change in removed] == ["response Withdraw.status"]


def test_a_recursive_schema_is_walked_once() -> None:
    def recursive(spec: dict[str, Any]) -> dict[str, Any]:
        _schemas(spec)["Wallet"]["properties"]["parent"] = {"$ref": "#/components/schemas/Wallet"}
        return spec

    old = recursive(copy.deepcopy(SPEC))
    new = recursive(copy.deepcopy(SPEC))
    _schemas(new)["Wallet"]["properties"]["note"] = {"type": "string"}
    changes = spec_diff.compare({MAIN: old}, {MAIN: new}, MAIN)
    assert spec_diff.required_level(changes) == Level.MINOR


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "1.0.0", Level.NONE),
        ("1.0.0", "1.0.1", Level.PATCH),
        ("1.0.9", "1.1.0", Level.MINOR),
        ("1.4.2", "2.0.0", Level.MAJOR),
        ("1.2.0", "1.1.9", None),
        ("1.0.0", "banana", None),
    ],
)
def test_version_bumps(old: str, new: str, bump: Level | None) -> None:
    assert spec_diff.version_bump(old, new) == bump


# -- the gate end to end, in a git repository of its own ------------------------------------------


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)  # noqa: S603, S607


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose `spec-v1.0.0` tag holds today's specs, at version 1.0.0."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(
        ROOT / "openapi", tmp_path / "openapi", ignore=shutil.ignore_patterns("codegen")
    )
    for name in ("gateway.yaml", "emulator-control.yaml"):  # a known baseline: both at 1.0.0
        path = tmp_path / "openapi" / name
        text = path.read_text("utf-8")
        version = str(yaml.safe_load(text)["info"]["version"])
        path.write_text(text.replace(f"  version: {version}\n", "  version: 1.0.0\n", 1), "utf-8")
    for name in spec_diff.CHANGELOGS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "spec 1.0.0")
    _git(tmp_path, "tag", "spec-v1.0.0")
    return tmp_path


def _edit_spec(repo: Path, edit: Edit, version: str) -> None:
    path = repo / "openapi" / "gateway.yaml"
    spec = yaml.safe_load(path.read_text("utf-8"))
    edit(spec)
    spec["info"]["version"] = version
    path.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")


def test_the_gate_fails_a_removed_field_without_a_major_bump(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit_spec(repo, _remove_withdraw_status, "1.1.0")
    assert spec_diff.main(["gate", "--repo", str(repo), "--spec", "openapi/gateway.yaml"]) == 1
    out = capsys.readouterr().out
    assert "1.0.0 -> 1.1.0 (minor bump) against spec-v1.0.0" in out
    assert "the changes need major: FAILS" in out
    assert "`response Withdraw.status`: property removed" in out


def test_the_gate_passes_the_same_change_with_a_major_bump(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit_spec(repo, _remove_withdraw_status, "2.0.0")
    assert spec_diff.main(["gate", "--repo", str(repo), "--spec", "openapi/gateway.yaml"]) == 0
    assert "1.0.0 -> 2.0.0 (major bump)" in capsys.readouterr().out


def test_a_gateway_schema_the_control_spec_uses_needs_a_control_spec_bump_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # emulator-control.yaml refers to gateway.yaml's Withdraw: its client changes with it.
    _edit_spec(repo, _remove_withdraw_status, "2.0.0")
    assert spec_diff.main(["gate", "--repo", str(repo)]) == 1
    out = capsys.readouterr().out
    control = repo / "openapi" / "emulator-control.yaml"
    version = str(yaml.safe_load(control.read_text("utf-8"))["info"]["version"])
    assert f"openapi/emulator-control.yaml: info.version {version} -> {version} (none bump)" in out
    major = f"{int(version.split('.')[0]) + 1}.0.0"
    text = control.read_text("utf-8").replace(f"version: {version}", f"version: {major}", 1)
    control.write_text(text, "utf-8")
    assert spec_diff.main(["gate", "--repo", str(repo)]) == 0


def test_the_gate_fails_a_description_edit_without_any_bump(repo: Path) -> None:
    _edit_spec(repo, _set(COMMENT, "description", "Reworded."), "1.0.0")
    assert spec_diff.main(["gate", "--repo", str(repo)]) == 1
    _edit_spec(repo, lambda spec: None, "1.0.1")
    assert spec_diff.main(["gate", "--repo", str(repo)]) == 0


def test_the_gate_names_a_base_it_cannot_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert spec_diff.main(["gate", "--repo", str(repo), "--base", "no-such-ref"]) == 2
    assert "cannot read a spec at the base ref" in capsys.readouterr().err


def test_the_changelog_keeps_what_was_written_by_hand(repo: Path) -> None:
    _edit_spec(repo, _remove_withdraw_status, "2.0.0")
    changelog = repo / "auth_plugin" / "CHANGELOG.md"
    before = changelog.read_text("utf-8")
    spec_diff.main(["changelog", "--repo", str(repo)])
    after = changelog.read_text("utf-8")
    head, _, rest = before.partition(spec_diff.START)
    tail = rest.partition(spec_diff.END)[2]
    assert after.startswith(head)
    assert after.endswith(tail)
    assert "1.0.0 -> 2.0.0 (since spec-v1.0.0" in after
    assert "- **major** `response Withdraw.status`: property removed" in after


# -- pairs from this repository's own history ---------------------------------------------------


HISTORY = {
    # Per-operation facts moved into x-operation blocks: descriptions only.
    "924597f": (Level.PATCH, None),
    # Field limits designed (errata L1): destination_tag went from 128 characters to 10.
    "cd8a673": (
        Level.MAJOR,
        "`request WithdrawCreateRequest.destination_tag`: `maxLength` 128 -> 10",
    ),
}


@pytest.mark.parametrize("commit", list(HISTORY))
def test_real_before_and_after_pairs_from_this_repository(commit: str) -> None:
    try:
        old = spec_diff.documents_at(f"{commit}~1", spec_diff.SPEC)
        new = spec_diff.documents_at(commit, spec_diff.SPEC)
    except LookupError:
        pytest.skip(f"commit {commit} is not in this clone's history (a shallow clone?)")
    level, line = HISTORY[commit]
    changes = spec_diff.compare(old, new, MAIN)
    assert spec_diff.required_level(changes) == level
    if line is not None:
        assert any(line in change.line() for change in changes), changes
