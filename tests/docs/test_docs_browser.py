"""The built site in a real browser: headless Chromium, driven over the DevTools protocol.

Loads the home page, the API reference, a search for "withdraw" and the withdrawal lifecycle
page from a local HTTP server, fails on any console error, uncaught exception or failed request,
and saves screenshots to artifacts/screenshots/. Chromium is not installed by the test: without
it the test is skipped with a message (CI installs Debian's `chromium`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.docs.docs_cdp import Browser, find_chromium, open_browser
from tests.docs.docs_site import ARTIFACTS_DIR, CONTROL_SPEC

pytestmark = pytest.mark.browser

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser test skipped")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with open_browser(executable, profile, window=(1280, 2000)) as running:
        yield running


def _assert_clean(browser: Browser, page: str) -> None:
    problems = browser.problems.all()
    assert problems == [], f"{page}: {problems}"


def _operation_ids(spec: dict[str, Any]) -> list[str]:
    return [
        item[method]["operationId"]
        for item in spec["paths"].values()
        for method in HTTP_METHODS
        if method in item
    ]


def test_home_page(browser: Browser, site_url: str) -> None:
    browser.navigate(site_url)
    assert "bitexbit API Gateway" in browser.evaluate("document.title")
    assert browser.evaluate("document.querySelectorAll('.md-nav__link').length") > 10
    browser.screenshot(ARTIFACTS_DIR / "home.png")
    _assert_clean(browser, "home")


def test_api_reference_shows_every_operation(
    browser: Browser, site_url: str, gateway_spec: dict[str, Any]
) -> None:
    browser.navigate(site_url + "reference/gateway-api/")
    operation_ids = _operation_ids(gateway_spec)
    visible = browser.evaluate(
        "(ids => ids.filter(id => { const e = document.getElementById(id);"
        " return e !== null && e.getBoundingClientRect().height > 0; }))"
        f"({operation_ids!r})"
    )
    assert visible == operation_ids
    index_rows = browser.evaluate(
        "Array.from(document.querySelectorAll('table a[href^=\"#\"] code')).map(e => e.textContent)"
    )
    assert set(operation_ids) <= set(index_rows)
    browser.screenshot(ARTIFACTS_DIR / "api-reference.png")
    browser.screenshot(ARTIFACTS_DIR / "api-reference-full.png", full_page=True)
    _assert_clean(browser, "API reference")


def test_control_api_reference(browser: Browser, site_url: str) -> None:
    if not CONTROL_SPEC.is_file():
        pytest.skip("openapi/emulator-control.yaml does not exist yet")
    browser.navigate(site_url + "reference/control-api/")
    browser.screenshot(ARTIFACTS_DIR / "control-api-reference.png")
    _assert_clean(browser, "control API reference")


def test_search_finds_withdraw(browser: Browser, site_url: str) -> None:
    browser.navigate(site_url + "?q=withdraw")
    count = browser.wait_until("document.querySelectorAll('.md-search-result__item').length")
    assert count > 0
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('.md-search-result__item a')).map(a => a.href)"
    )
    assert any("/guides/withdrawals/" in link for link in links)
    assert any("/reference/gateway-api/" in link for link in links)
    browser.screenshot(ARTIFACTS_DIR / "search-withdraw.png")
    _assert_clean(browser, "search")


def test_lifecycle_diagram_renders_offline(browser: Browser, site_url: str) -> None:
    browser.navigate(site_url + "guides/withdrawals/")
    # Material swaps each <pre class="mermaid"> for a <div class="mermaid"> holding the SVG in
    # a closed shadow root: rendered means no <pre> left and a diagram of real height.
    height = browser.wait_until(
        "(() => { const diagram = document.querySelector('div.mermaid');"
        " if (!diagram || document.querySelector('pre.mermaid')) return 0;"
        " return diagram.getBoundingClientRect().height; })()"
    )
    assert height > 300
    browser.evaluate("document.querySelector('.mermaid').scrollIntoView()")
    browser.screenshot(ARTIFACTS_DIR / "withdrawal-lifecycle.png")
    _assert_clean(browser, "withdrawals guide")


def test_try_it_signs_in_the_browser_and_creates_a_wallet(browser: Browser, site_url: str) -> None:
    """The API reference's console signs with WebCrypto and sends to a live emulator that
    allows the docs' origin (CORS); the emulator answers 201 and holds the new wallet."""
    from bitexbit import Gateway
    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.service import Sandbox

    from tests.contract_tests.live_server import serve

    docs_origin = site_url.rstrip("/")
    sandbox = Sandbox(EmulatorConfig.load(None), database_url="sqlite://")
    try:
        app = create_app(sandbox, rate_limits=False, cors_origins=[docs_origin])
        with serve(app) as emulator_origin:
            browser.navigate(site_url + "reference/gateway-api/")
            browser.wait_until(
                "document.querySelector('[data-operation=\"createWallet\"]') !== null"
            )
            status = browser.evaluate(
                "(() => { const form = document.querySelector('[data-operation=\"createWallet\"]');"
                " form.closest('details').open = true;"
                f" form.elements['base_url'].value = {emulator_origin + '/api/gateway'!r};"
                " form.elements['field:ticker'].value = 'USDT';"
                " form.elements['field:network'].value = 'tron';"
                " form.requestSubmit(); return 'sent'; })()"
            )
            assert status == "sent"
            answered = browser.wait_until(
                "document.querySelector('[data-operation=\"createWallet\"]')"
                ".getAttribute('data-status')"
            )
            output = browser.evaluate(
                "document.querySelector('[data-operation=\"createWallet\"] [data-role=output]')"
                ".textContent"
            )
            browser.evaluate(
                "document.querySelector('[data-operation=\"createWallet\"]').scrollIntoView()"
            )
            browser.screenshot(ARTIFACTS_DIR / "try-it-create-wallet.png")
            with Gateway(
                "demo-key", "demo-secret", base_url=f"{emulator_origin}/api/gateway"
            ) as sdk:
                wallets = sdk.wallets.list()
        assert answered == "201", output
        assert "Canonical string (params, python):\ndemo-keynetwork=tron&ticker=USDT" in output
        assert "X-Signature: " in output
        assert "curl -sS -X POST" in output
        assert "demo-secret" not in output
        assert [wallet.ticker for wallet in wallets] == ["USDT"]
        _assert_clean(browser, "try it")
    finally:
        sandbox.close()


def test_the_emulator_allows_only_the_docs_origin() -> None:
    from bitexbit_emulator.app import create_app
    from starlette.testclient import TestClient

    docs = "http://127.0.0.1:8000"
    sandbox_app = create_app(cors_origins=[docs], rate_limits=False)
    with TestClient(sandbox_app) as client:
        preflight = {
            "Origin": docs,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key,x-signature,x-nonce,content-type",
        }
        allowed = client.options("/api/gateway/wallet/create", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == docs
        other = client.options(
            "/api/gateway/wallet/create", headers={**preflight, "Origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in other.headers
        control = client.options("/_emulator/reset", headers={**preflight})
        assert "access-control-allow-origin" not in control.headers  # never the control API
