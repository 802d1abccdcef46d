"""`Secret` keeps the API secret out of reprs, strings, formats and vars()."""

from __future__ import annotations

import pickle

import pytest
from bitexbit_signing import Secret, hmac_hex

CLEAR = "s3cr3t-value-that-must-not-leak"


def test_secret_text_never_shows() -> None:
    secret = Secret(CLEAR)
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r}", "%s" % secret):  # noqa: UP031
        assert CLEAR not in text
        assert "**" in text
    with pytest.raises(TypeError):
        vars(secret)
    assert secret.reveal() == CLEAR


def test_secret_signs_like_its_text_and_compares_by_value() -> None:
    assert hmac_hex(Secret(CLEAR), "message") == hmac_hex(CLEAR, "message")
    assert Secret(CLEAR) == Secret(Secret(CLEAR))
    assert Secret(CLEAR) != Secret("other")
    assert pickle.loads(pickle.dumps(Secret(CLEAR))) == Secret(CLEAR)  # noqa: S301 - our own bytes


@pytest.mark.parametrize("value", ["", 42, b"bytes", None])
def test_secret_rejects_empty_or_non_text(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        Secret(value)  # type: ignore[arg-type]
