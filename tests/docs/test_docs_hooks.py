"""The build hook that lets reference pages build before their sources exist."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.docs.docs_site import DOCS_DIR, REPO_ROOT


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    path = DOCS_DIR / "_hooks" / "optional_references.py"
    spec = importlib.util.spec_from_file_location("optional_references", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_existing_openapi_document_gets_an_absolute_path(hook: ModuleType) -> None:
    page_dir = DOCS_DIR / "reference"
    result = hook._replace_missing_openapi(
        "before\n[OAD(../../openapi/gateway.yaml)]\nafter", page_dir, "page.md"
    )
    expected = (REPO_ROOT / "openapi" / "gateway.yaml").resolve()
    assert result == f"before\n[OAD({expected})]\nafter"


def test_a_missing_openapi_document_becomes_a_notice(hook: ModuleType, tmp_path: Path) -> None:
    result = hook._replace_missing_openapi("[OAD(./missing.yaml)]", tmp_path, "page.md")
    assert "[OAD(" not in result
    assert '!!! warning "Not available yet"' in result
    assert "missing.yaml" in result


def test_a_missing_module_and_its_options_become_a_notice(hook: ModuleType) -> None:
    markdown = (
        "# SDK\n\n"
        "::: bitexbit.no_such_module\n"
        "    options:\n"
        "      heading_level: 3\n"
        "\n"
        "## Next\n\n"
        "::: bitexbit.nonce\n"
        "    options:\n"
        "      heading_level: 3\n"
    )
    result = hook._replace_missing_modules(markdown, REPO_ROOT, "sdk.md")
    assert "::: bitexbit.no_such_module" not in result
    assert "Not available yet" in result
    assert "## Next" in result
    assert "::: bitexbit.nonce\n    options:\n      heading_level: 3\n" in result
    assert result.count("heading_level") == 1
