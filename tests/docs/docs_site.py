"""Paths and the build result shared by the documentation tests (and their conftest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
SNIPPETS_DIR = DOCS_DIR / "snippets"
ARTIFACTS_DIR = REPO_ROOT / "artifacts" / "screenshots"
GATEWAY_SPEC = REPO_ROOT / "openapi" / "gateway.yaml"
CONTROL_SPEC = REPO_ROOT / "openapi" / "emulator-control.yaml"


@dataclass(frozen=True)
class SiteBuild:
    """The outcome of `mkdocs build --strict` into a temporary folder."""

    site_dir: Path
    returncode: int
    output: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. `page("reference/gateway-api")`."""
        return (self.site_dir / path / "index.html").read_text(encoding="utf-8")
