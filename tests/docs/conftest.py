"""Fixtures of the documentation tests: one strict build per session, and a static file server."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.docs.docs_site import REPO_ROOT, SiteBuild

BUILD_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """Build the site once per test session with `mkdocs build --strict` in a subprocess.

    The same interpreter (the project's environment) runs MkDocs, so this is what
    `uv run mkdocs build --strict` does, without re-resolving the environment.
    """
    site_dir = tmp_path_factory.mktemp("site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
        check=False,
    )
    return SiteBuild(site_dir, completed.returncode, completed.stdout + completed.stderr)


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> SiteBuild:
    """The built site; tests that need it are skipped-as-failed if the build failed."""
    if site_build.returncode != 0:
        pytest.fail(f"the documentation build failed:\n{site_build.output[-4000:]}")
    return site_build


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: SiteBuild) -> Iterator[str]:
    """The built site served over HTTP on a free 127.0.0.1 port (a background thread)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="docs-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
