"""Fixtures of the documentation tests: one strict build per session, and a static file server."""

from __future__ import annotations

import functools
import importlib.util
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


def _sdk_and_emulator_missing() -> str | None:
    """Why the samples cannot run here, or None when they can."""
    if importlib.util.find_spec("bitexbit_emulator") is None:
        return "bitexbit_emulator is not importable"
    if importlib.util.find_spec("bitexbit_emulator.pytest_plugin") is None:
        return "bitexbit_emulator.pytest_plugin (the gateway_emulator fixture) is not importable"
    try:
        from bitexbit import Gateway  # noqa: F401 - only checks that it exists
    except ImportError:
        return "bitexbit.Gateway is not importable"
    return None


@pytest.fixture
def live_emulator(request: pytest.FixtureRequest) -> Any:
    """A `gateway_emulator` on a free loopback port, rate limits on (as `make run` serves)."""
    reason = _sdk_and_emulator_missing()
    if reason is not None:
        pytest.skip(f"cannot run the documentation samples yet: {reason}")
    request.node.add_marker(pytest.mark.gateway_emulator(live=True, rate_limits=True))
    return request.getfixturevalue("gateway_emulator")
