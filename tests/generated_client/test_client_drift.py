"""The drift check (``python -m tools.generate --check``) notices an edit that was not regenerated.

Two generations in all (~1-2 s each): one from the real spec, one from an edited copy.
"""

from __future__ import annotations

from pathlib import Path

from tools.generate import CONTROL, OUTPUT, SPEC, check, check_target

WALLET_DESCRIPTION = "      description: A deposit address of the account.\n"


def test_the_committed_client_matches_the_spec() -> None:
    assert check() == []


def test_an_edit_that_was_not_regenerated_is_reported(tmp_path: Path) -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert text.count(WALLET_DESCRIPTION) == 1
    edited = tmp_path / "gateway.yaml"
    edited.write_text(
        text.replace(WALLET_DESCRIPTION, "      description: A deposit address (edited).\n"),
        encoding="utf-8",
    )

    problems = check(spec=edited, output=OUTPUT)

    # The model the description lands in, and the stamp recording the spec's SHA-256.
    assert problems == [
        "differs: bitexbit_gateway_client/_spec.py",
        "differs: bitexbit_gateway_client/models/wallet.py",
    ]


def test_the_committed_control_client_matches_the_control_spec() -> None:
    """The control API's client is generated too (from the bundled control spec)."""
    assert check_target(CONTROL) == []


def test_the_control_client_is_what_the_harness_uses() -> None:
    """One control client: the harness wraps the generated one (no hand-written HTTP calls)."""
    import inspect

    from bitexbit_emulator.testing import control

    source = inspect.getsource(control)
    assert "bitexbit_emulator_control_client" in source
    assert ".request(" not in source and "httpx.request" not in source
