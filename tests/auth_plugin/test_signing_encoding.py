"""The two parameter encoders and the messages they build."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import quote, urlencode

import pytest
from bitexbit_signing import (
    ParamEncoder,
    SigningInputError,
    encode_params,
    encode_uri_component,
    hmac_hex,
    params_message,
    path_nonce_body_message,
)
from hypothesis import given
from hypothesis import strategies as st

NODE = shutil.which("node")
ALL_ASCII = "".join(chr(code) for code in range(128))
SAMPLES = [ALL_ASCII, "café", "日本", "😀", "\uff21", "a b+c&d=e", "~!'()*", "", "\u00a0\u2028"]


def test_python_encoder_is_urlencode_of_sorted_pairs() -> None:
    pairs = [("b", "x y"), ("a b", "1+1"), ("A", "~!'()*")]
    assert encode_params(pairs, ParamEncoder.PYTHON) == "A=~%21%27%28%29%2A&a+b=1%2B1&b=x+y"
    assert encode_params(pairs, ParamEncoder.PYTHON) == urlencode(sorted(pairs))


def test_javascript_encoder_leaves_keys_alone_and_uses_percent_20() -> None:
    pairs = [("b", "x y"), ("a b", "1+1"), ("A", "~!'()*")]
    assert encode_params(pairs, ParamEncoder.JAVASCRIPT) == "A=~!'()*&a b=1%2B1&b=x%20y"


@pytest.mark.parametrize("encoder", list(ParamEncoder))
def test_sort_is_stable_for_repeated_keys(encoder: ParamEncoder) -> None:
    pairs = [("b", "2"), ("a", "z"), ("b", "1"), ("a", "y")]
    assert encode_params(pairs, encoder) == "a=z&a=y&b=2&b=1"
    assert encode_params([], encoder) == ""


def test_javascript_sorts_by_utf16_code_units_python_by_code_points() -> None:
    pairs = [("\uff21", "1"), ("\U0001f600", "2")]
    assert encode_params(pairs, ParamEncoder.JAVASCRIPT).startswith("\U0001f600=")
    assert encode_params(pairs, ParamEncoder.PYTHON).startswith("%EF%BC%A1=")


@pytest.mark.parametrize("encoder", list(ParamEncoder))
def test_lone_surrogate_is_a_signing_input_error(encoder: ParamEncoder) -> None:
    with pytest.raises(SigningInputError, match="surrogate"):
        encode_params([("a", "\ud800")], encoder)


def test_encode_uri_component_keeps_exactly_the_ecma_unreserved_set() -> None:
    kept = {char for char in ALL_ASCII if encode_uri_component(char) == char}
    expected = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
    assert kept == expected
    assert encode_uri_component("é日😀 ") == "%C3%A9%E6%97%A5%F0%9F%98%80%20"


@given(st.text())
def test_encode_uri_component_equals_quote_with_the_same_safe_set(text: str) -> None:
    try:
        expected = quote(text, safe="-_.!~*'()")
    except UnicodeEncodeError:
        with pytest.raises(SigningInputError):
            encode_uri_component(text)
        return
    assert encode_uri_component(text) == expected


@pytest.mark.skipif(NODE is None, reason="node is not on PATH: cannot run encodeURIComponent")
def test_encode_uri_component_equals_node() -> None:
    assert NODE is not None
    script = (
        "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(encodeURIComponent)))"
    )
    completed = subprocess.run(  # noqa: S603 - fixed argv: node and a constant script
        [NODE, "-e", script, json.dumps(SAMPLES)], capture_output=True, check=True, timeout=30
    )
    assert json.loads(completed.stdout) == [encode_uri_component(sample) for sample in SAMPLES]


def test_messages() -> None:
    assert params_message("key", [("b", "2"), ("a", "1")], ParamEncoder.PYTHON) == "keya=1&b=2"
    assert params_message("key", [], ParamEncoder.JAVASCRIPT) == "key"
    assert path_nonce_body_message("/api/gateway/wallets", 17, b"") == b"/api/gateway/wallets17"
    assert path_nonce_body_message("/p", "0042", b'{"a":1}') == b'/p0042{"a":1}'


def test_hmac_hex_is_lower_case_hmac_sha256() -> None:
    # RFC 4231 test case 2.
    expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    assert hmac_hex("Jefe", "what do ya want for nothing?") == expected
    assert hmac_hex("Jefe", b"what do ya want for nothing?") == expected
