"""The drift check (``python -m tools.generate --check``) notices an edit that was not regenerated.

Two generations in all (~1-2 s each): one from the real spec, one from an edited copy.
"""

from __future__ import annotations

from pathlib import Path

from tools.generate import OUTPUT, SPEC, check

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

    assert problems == ["differs: bitexbit_gateway_client/models/wallet.py"]
