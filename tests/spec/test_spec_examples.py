"""Every example in the gateway spec validates against its schema (jsonschema Draft 2020-12).

The examples are the original documentation's samples, corrected; the docs show them and the client
tests serve them, so an invalid one would teach users the wrong shape.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.spec_examples import (
    SchemaValidators,
    example_problems,
    format_checker,
    iter_examples,
    pointer,
    resolve,
)

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
EXAMPLES = list(iter_examples(SPEC))
VALIDATORS = SchemaValidators(SPEC)


def _response_example(path: str, method: str, status: str, name: str = "documented") -> str:
    """The JSON pointer of a named example of a JSON response."""
    content = ("content", "application/json", "examples", name)
    return pointer("paths", path, method, "responses", status, *content)


WITHDRAW_201 = _response_example("/withdraw/create", "post", "201")
WALLETS_200 = _response_example("/wallets", "get", "200")


def _media_type_examples_by_hand(document: dict[str, Any]) -> set[str]:
    """Locations of the named examples of every response, found without the module under test."""
    found: set[str] = set()
    holders: list[tuple[str, Any]] = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation.get("responses", {}).items():
                holders.append((pointer("paths", path, method, "responses", status), response))
            if "requestBody" in operation:
                holders.append(
                    (pointer("paths", path, method, "requestBody"), operation["requestBody"])
                )
    for name, response in document["components"]["responses"].items():
        holders.append((pointer("components", "responses", name), response))
    for at, holder in holders:
        if "$ref" in holder:
            continue
        for media_type, media in holder.get("content", {}).items():
            for name in media.get("examples", {}):
                found.add(at + pointer("content", media_type, "examples", name))
    return found


def test_every_media_type_example_is_collected() -> None:
    locations = {example.location for example in EXAMPLES}
    expected = _media_type_examples_by_hand(SPEC)
    assert len(expected) >= 17  # 6 operations' successes, 2 request samples, the error responses
    assert expected <= locations
    # components/examples are reached through their $ref: the withdraw samples use WithdrawNew.
    assert WITHDRAW_201 in locations


def test_schema_keyword_examples_are_collected() -> None:
    locations = {example.location for example in EXAMPLES}
    assert pointer("components", "schemas", "Decimal", "examples", "0") in locations
    assert pointer("components", "schemas", "SignedPercent", "examples", "1") in locations


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.location for example in EXAMPLES])
def test_example_validates_against_its_schema(example: Any) -> None:
    assert VALIDATORS.problems(example) == []


def _set(document: dict[str, Any], json_pointer: str, value: Any) -> None:
    *parents, last = [
        part.replace("~1", "/").replace("~0", "~") for part in json_pointer[1:].split("/")
    ]
    node: Any = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@pytest.mark.parametrize(
    ("target", "value", "reported_at", "message"),
    [
        # A components/examples value, seen through the $ref of the createWithdraw response.
        (
            "/components/examples/WithdrawNew/value/status",
            11,
            WITHDRAW_201 + "/status",
            "is not one of",
        ),
        (
            "/components/examples/WithdrawNew/value/amount",
            22.5,
            WITHDRAW_201 + "/amount",
            "is not of type 'string'",
        ),
        (
            "/components/examples/WithdrawNew/value/created_at",
            "21 May 2021",
            WITHDRAW_201 + "/created_at",
            "is not a 'date-time'",
        ),
        # The seed's stray space in `next`, which the spec corrected.
        (
            WALLETS_200 + "/value/next",
            "https://www.bitexbit.com/api/gateway/wallets? page=2",
            WALLETS_200 + "/next",
            "is not a 'uri'",
        ),
        (
            WALLETS_200 + "/value/results/0/ticker",
            "usdt",
            WALLETS_200 + "/results/0/ticker",
            "does not match",
        ),
        (
            "/components/schemas/Ticker/examples/0",
            "usdt",
            "/components/schemas/Ticker/examples/0",
            "does not match",
        ),
    ],
)
def test_a_broken_example_is_reported(
    target: str, value: Any, reported_at: str, message: str
) -> None:
    broken = copy.deepcopy(SPEC)
    _set(broken, target, value)

    problems = example_problems(broken)

    assert any(
        problem.startswith(reported_at + ":") and message in problem for problem in problems
    ), problems
    assert example_problems(SPEC) == []


def test_a_missing_required_field_is_reported() -> None:
    broken = copy.deepcopy(SPEC)
    del broken["components"]["examples"]["WithdrawNew"]["value"]["fee_payer"]

    problems = example_problems(broken)

    assert any("'fee_payer' is a required property" in problem for problem in problems)


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("date-time", "2021-05-21T13:28:32.095Z", "2021-05-21 13:28"),
        ("uri", "https://www.bitexbit.com/api/gateway/wallets?page=2", "www.bitexbit.com/x y"),
        ("uuid", "8c1f8f3e-2b0a-4a57-9d3c-6f1e2d3c4b5a", "8c1f8f3e"),
        ("decimal", "22.00000000", "twenty-two"),
    ],
)
def test_formats_are_checked(fmt: str, good: str, bad: str) -> None:
    checker = format_checker()
    assert checker.conforms(good, fmt)
    assert not checker.conforms(bad, fmt)


def test_refs_resolve_across_the_document() -> None:
    schema = resolve(SPEC, {"$ref": "#/components/schemas/Withdraw"})
    assert "status" in schema["properties"]
    with pytest.raises(KeyError):
        resolve(SPEC, {"$ref": "#/components/schemas/Nope"})
