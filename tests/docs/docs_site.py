"""Paths and the build result shared by the documentation tests (and their conftest)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


SAMPLE_TIMEOUT_SECONDS = 60


def run_sample(argv: list[str], emulator: Any, tmp_path: Path) -> str:
    """Run one documentation sample as a reader would, pointed at `emulator` through the
    BITEXBIT_* variables, in `tmp_path`; its standard output (it must exit 0)."""
    environment = {
        **os.environ,
        "BITEXBIT_BASE_URL": emulator.base_url,
        "BITEXBIT_CONTROL_URL": emulator.control_url,
        "BITEXBIT_API_KEY": emulator.demo_key,
        "BITEXBIT_API_SECRET": emulator.demo_secret,
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "TMPDIR": str(tmp_path),
        # The environment's scripts (`bitexbit`, the CLI sample's command) come first.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "COLUMNS": "160",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    completed = subprocess.run(  # noqa: S603 - argv built from the repository's own files
        argv,
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=SAMPLE_TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, (
        f"{argv[-1]} exited {completed.returncode}\n"
        f"stdout:\n{completed.stdout[-3000:]}\nstderr:\n{completed.stderr[-3000:]}"
    )
    return completed.stdout
