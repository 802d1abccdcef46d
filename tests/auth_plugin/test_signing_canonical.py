"""The canonical text of JSON values (documented in bitexbit_signing._canonical)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from bitexbit_signing import JsonNumber, canonical_value
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("café 日本", "café 日本"),
        ("", ""),
        (0, "0"),
        (-5, "-5"),
        (10**30, "1" + "0" * 30),
        (True, "true"),
        (False, "false"),
        (None, ""),
        (22.0, "22.0"),
        (22.5, "22.5"),
        (1e-07, "1e-07"),
        (1e21, "1e+21"),
        (-0.0, "-0.0"),
        (Decimal("22.00000000"), "22.00000000"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("1.5E+3"), "1500"),
        (Decimal("-0"), "-0"),
        (JsonNumber("2.50"), "2.50"),
        (JsonNumber("1E+21"), "1E+21"),
        ([1, "a b", None, True, 2.5], '[1,"a b",null,true,2.5]'),
        ({"z": 1, "a": {"é": [JsonNumber("2.50")]}}, '{"a":{"é":[2.50]},"z":1}'),
        ({"d": Decimal("1E-2")}, '{"d":0.01}'),
        ((), "[]"),
        ({}, "{}"),
    ],
)
def test_canonical_value(value: object, text: str) -> None:
    assert canonical_value(value) == text
    assert type(canonical_value(value)) is str


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), b"bytes", object(), {1: 2}],
)
def test_values_without_canonical_text_raise_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        canonical_value(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_text_is_what_json_dumps_writes(number: float) -> None:
    """So a client signing Python floats and a server reading the JSON token agree."""
    assert canonical_value(number) == json.dumps(number)
    assert canonical_value(JsonNumber(json.dumps(number))) == canonical_value(number)


@given(st.integers())
def test_int_text_is_what_json_dumps_writes(number: int) -> None:
    assert canonical_value(number) == json.dumps(number)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.lists(json_values, min_size=1, max_size=3) | st.dictionaries(st.text(), json_values))
def test_nested_text_is_sorted_compact_json(value: object) -> None:
    text = canonical_value(value)
    assert json.loads(text) == value
    assert text == json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
