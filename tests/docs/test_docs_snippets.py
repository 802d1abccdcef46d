"""Every code sample shown on the site runs against a live emulator and prints what it promises.

Each sample is a file under docs/snippets/ that a page includes whole, so this runs exactly what
a reader copies. It runs as a reader would run it: a separate process (`python`, `node` or
`bash`), pointed through the BITEXBIT_* environment variables at a `gateway_emulator` served on a
free 127.0.0.1 port with the rate limits on, like `make run`. Each sample gets a fresh emulator.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.docs.docs_site import SNIPPETS_DIR, run_sample

# Imported by the other samples of their language; they have no output of their own.
LIBRARIES = {"python/auth_headers.py", "js/auth_headers.mjs"}

# What each sample's output must contain: the claims its page makes about it.
EXPECTED_OUTPUT: dict[str, tuple[str, ...]] = {
    "python/quickstart.py": ("deposit address: T", "CONFIRMED", "NEW", "DONE"),
    "python/sdk_payment_methods.py": ("USDT tron min withdraw 10",),
    "python/sdk_signing_schemes.py": (
        "params           python",
        "params           javascript",
        "path-nonce-body  python",
    ),
    "python/sdk_create_wallet.py": ("deposit address: 0x", "converts to USDT"),
    "python/sdk_deposits.py": ("PENDING 0 of", "CONFIRMED"),
    "python/sdk_withdrawals.py": ("created", "NEW", "now", "DONE"),
    "python/sdk_withdraw_history.py": ("withdrawals; next page:",),
    "python/sdk_idempotency.py": ("same withdrawal: True", "refused:"),
    "python/sdk_pagination.py": ("count 5 on this page 2", "5 wallets in 3 requests"),
    "python/sdk_errors.py": ("400 {", "404 not_found", "401 invalid_signature", "403"),
    "python/sdk_rate_limits.py": ("5 paced calls in", "no 429", "429 throttled retry after"),
    "python/sdk_retries.py": (
        "outcome unknown for sdk-",
        "reconciled: None",
        "created",
        "502s injected: 1",
    ),
    "python/sdk_money.py": (
        "0.30000000000000004 but 0.3",
        "sending 22.5 costs 24.50000000",
        "refused:",
    ),
    "python/sdk_nonces.py": ("worker 0: wallet T", "worker 1: wallet T"),
    "python/sdk_callbacks.py": ("deposit.status_changed", "PENDING", "CONFIRMED"),
    "python/emulator_control.py": ("'status': 'ok'", "demo account", "DONE", "'reset'"),
    "python/signing_vectors.py": ("signatures of", "vectors match"),
    "python/test_emulator_fixture.py": ("2 passed",),
    "python/requests_payment_methods.py": ("USDT tron min withdraw 10.00000000",),
    "python/requests_create_wallet.py": ("deposit address: 0x", "converts to USDT"),
    "python/requests_wallet_history.py": ("confirmed USDT deposits",),
    "python/requests_create_withdraw.py": ("withdrawal", "status 10", "fee 2.00000000"),
    "python/requests_withdraw_history.py": ("withdrawals; next page:",),
    "python/requests_path_nonce_body.py": ("wallet bc1", "wallets"),
    "python/requests_pagination.py": ("wallets of",),
    "python/requests_errors.py": ("400 {", "401 missing_header"),
    "python/requests_money.py": ("22.5 -> 400", '"22.5" -> 201 22.50000000'),
    "python/requests_nonce_too_small.py": ("-> 200", "-> 401", "nonce_too_small"),
    "js/payment_methods.mjs": ("USDT tron min withdraw 10.00000000",),
    "js/create_wallet.mjs": ("deposit address: 0x", "converts to USDT"),
    "js/wallet_history.mjs": ("confirmed USDT deposits",),
    "js/create_withdraw.mjs": ("withdrawal", "status 10", "fee 2.00000000"),
    "js/withdraw_history.mjs": ("withdrawals; next page:",),
    "js/path_nonce_body.mjs": ("wallet bc1", "wallets"),
    "js/verify_callback.mjs": ("deposit.status_changed 1 40.00000000",),
    "sh/payment_methods.sh": ('"ticker":"USDT"',),
    "sh/create_wallet.sh": ('"convert_ticker":"USDT"',),
    "sh/path_nonce_body.sh": ('"network":"bitcoin"',),
    "sh/cli.sh": ("USDT", '"status": 10', "Withdrawals"),
}


def _snippets(*suffixes: str) -> list[str]:
    return sorted(
        path.relative_to(SNIPPETS_DIR).as_posix()
        for path in SNIPPETS_DIR.rglob("*")
        if path.suffix in suffixes and "__pycache__" not in path.parts
    )


def _runnable(*suffixes: str) -> list[str]:
    return [name for name in _snippets(*suffixes) if name not in LIBRARIES]


def _check_output(name: str, output: str) -> None:
    missing = [text for text in EXPECTED_OUTPUT[name] if text not in output]
    assert missing == [], f"{name} printed:\n{output}"


def test_every_sample_has_expectations() -> None:
    runnable = set(_runnable(".py", ".mjs", ".sh"))
    assert runnable - EXPECTED_OUTPUT.keys() == set(), "add the samples to EXPECTED_OUTPUT"
    assert EXPECTED_OUTPUT.keys() - runnable == set(), "EXPECTED_OUTPUT names missing samples"


@pytest.mark.parametrize("name", _runnable(".py"))
def test_python_sample(name: str, live_emulator: Any, tmp_path: Path) -> None:
    path = str(SNIPPETS_DIR / name)
    if Path(name).name.startswith("test_"):  # a sample test suite: run it with pytest
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path]
    else:
        argv = [sys.executable, path]
    output = run_sample(argv, live_emulator, tmp_path)
    _check_output(name, output)


@pytest.mark.parametrize("name", _runnable(".mjs"))
def test_javascript_sample(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JavaScript samples are not executed")
    emulator = request.getfixturevalue("live_emulator")
    output = run_sample([node, str(SNIPPETS_DIR / name)], emulator, tmp_path)
    _check_output(name, output)


@pytest.mark.parametrize("name", _runnable(".sh"))
def test_shell_sample(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    missing = [tool for tool in ("bash", "curl", "openssl") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: the curl samples are not executed")
    emulator = request.getfixturevalue("live_emulator")
    bash = shutil.which("bash")
    assert bash is not None
    output = run_sample([bash, str(SNIPPETS_DIR / name)], emulator, tmp_path)
    _check_output(name, output)


WRITTEN_OUT = re.compile(r"<!-- snippet: (\S+) [^>]*-->\n```[^\n]*\n(.*?)\n```", re.DOTALL)
"""A sample a page writes out instead of including it (read on a code host, an include line
shows as itself): the marker names the file, the fenced block after it is its text."""


def written_out_samples() -> dict[str, str]:
    found: dict[str, str] = {}
    for page in SNIPPETS_DIR.parent.rglob("*.md"):
        for name, block in WRITTEN_OUT.findall(page.read_text(encoding="utf-8")):
            found[name] = block + "\n"
    return found


def test_the_quickstart_writes_its_samples_out() -> None:
    page = (SNIPPETS_DIR.parent / "quickstart.md").read_text(encoding="utf-8")
    assert "--8<--" not in page
    assert set(written_out_samples()) >= {"python/quickstart.py", "sh/cli.sh"}


@pytest.mark.parametrize("name", sorted(written_out_samples()))
def test_a_written_out_sample_equals_the_file_the_testsrun_sample(name: str) -> None:
    assert written_out_samples()[name] == (SNIPPETS_DIR / name).read_text(encoding="utf-8")
