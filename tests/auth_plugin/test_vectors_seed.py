"""An independent reading of the seed's sample code, and the generator of the signing vectors.

The expected signatures in `bitexbit_signing/vectors.json` are NOT computed with
`bitexbit_signing`: the `params` scheme's Python encoder runs the seed's own Python sample
(`tests/seed_samples/seed_python.py`), the JavaScript encoder and the `path-nonce-body` scheme
run in node (`js/seed_sign.js`, with the seed's `serializePayload` from
`tests/seed_samples/seed_sample.js`, plus node's crypto).
The `params` of each case (what a server reads from the request) are written here by hand.

Regenerate the file after changing `CASES`:
    uv run python -m tests.auth_plugin.test_vectors_seed --write
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import bitexbit_signing
import pytest
import requests

from tests.seed_samples.seed_python import (
    SEED_WALLET_CREATE_BODY,
    SEED_WITHDRAW_CREATE_BODY,
    seed_get_auth_headers,
)

VECTORS_FILE: Final = Path(bitexbit_signing.__file__).parent / "vectors.json"
NODE_SCRIPT: Final = Path(__file__).parent / "js" / "seed_sign.js"
NODE: Final = shutil.which("node")
needs_node = pytest.mark.skipif(
    NODE is None, reason="node is not on PATH: cannot run the JS sample"
)

SPECIAL_STRINGS: Final[dict[str, str]] = {
    "space": "Call after success",
    "plus": "1+1",
    "amp_eq": "a&b=c",
    "tilde": "~user",
    "js_kept": "!'()*",
    "empty": "",
    "unicode": "café 日本",
    "emoji": "😀",
    "percent_slash": "100%/x:y?z#",
    "dash_dot": "-_.",
}
FORM: Final = "application/x-www-form-urlencoded"
JSON: Final = "application/json"


def seed_python_signature(api_key: str, secret: str, data: Mapping[str, object]) -> str:
    return seed_get_auth_headers(api_key, secret)(dict(data))["X-Signature"]


def requests_form_body(data: Mapping[str, object]) -> str:
    """The form body `requests.post(url, data=data)` sends, as in the seed's samples."""
    body = requests.Request("POST", "http://127.0.0.1/", data=dict(data)).prepare().body
    assert isinstance(body, str)
    return body


def run_seed_javascript(cases: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Run `js/seed_sign.js` over `{api_key, secret, payload, path, nonce, body}` cases."""
    assert NODE is not None
    completed = subprocess.run(  # noqa: S603 - fixed argv: node and our own script
        [NODE, str(NODE_SCRIPT)],
        input=json.dumps({"cases": cases}, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    results: list[dict[str, str]] = json.loads(completed.stdout)
    return results


def _case(
    name: str,
    *,
    method: str,
    path: str,
    params: list[tuple[str, str]],
    query: str = "",
    content_type: str | None = None,
    body: str = "",
    nonce: int = 1700000000000,
    api_key: str = "7f1c2e0d-api-key-0001",
    secret: str = "Z%2Fsecret+with/odd=chars",  # noqa: S107 - a published test vector
    python_sample: Mapping[str, object] | None = None,
    js_sample: Mapping[str, object] | None = None,
    description: str = "",
) -> dict[str, Any]:
    case: dict[str, Any] = {
        "name": name,
        "description": description,
        "api_key": api_key,
        "secret": secret,
        "method": method,
        "path": path,
        "query": query,
        "content_type": content_type,
        "body": body,
        "nonce": nonce,
        "params": [list(pair) for pair in params],
    }
    if python_sample is not None:
        case["python_sample"] = dict(python_sample)
    if js_sample is not None:
        case["js_sample"] = dict(js_sample)
    return case


CASES: Final[list[dict[str, Any]]] = [
    _case(
        "get-empty",
        description="A GET without a query: the params scheme signs the key alone.",
        method="GET",
        path="/api/gateway/payment-methods",
        params=[],
        python_sample={},
        js_sample={},
        api_key="your key",
        secret="your keys secret",
    ),
    _case(
        "get-query",
        description="A GET with a query string, in the order sent (the encoders sort).",
        method="GET",
        path="/api/gateway/wallets",
        query="page=2&limit=10&ordering=-id",
        params=[("page", "2"), ("limit", "10"), ("ordering", "-id")],
        python_sample={"page": 2, "limit": 10, "ordering": "-id"},
        js_sample={"page": 2, "limit": 10, "ordering": "-id"},
    ),
    _case(
        "get-query-encoded",
        description="A GET whose query carries encoded characters, as httpx writes them.",
        method="GET",
        path="/api/gateway/withdraw/history",
        query="comment=caf%C3%A9+x%2B~%21%27%28%29%2A&empty=&ticker=USDT",
        params=[("comment", "café x+~!'()*"), ("empty", ""), ("ticker", "USDT")],
        python_sample={"comment": "café x+~!'()*", "empty": "", "ticker": "USDT"},
        js_sample={"comment": "café x+~!'()*", "empty": "", "ticker": "USDT"},
    ),
    _case(
        "seed-wallet-create-form",
        description="The seed's wallet-create sample body, form-encoded as requests sends it.",
        method="POST",
        path="/api/gateway/wallet/create",
        content_type=FORM,
        body=requests_form_body(SEED_WALLET_CREATE_BODY),
        params=[(key, str(value)) for key, value in SEED_WALLET_CREATE_BODY.items()],
        python_sample=SEED_WALLET_CREATE_BODY,
        js_sample=SEED_WALLET_CREATE_BODY,
    ),
    _case(
        "seed-withdraw-create-form",
        description="The seed's withdraw-create sample body (a space, empty strings, ints).",
        method="POST",
        path="/api/gateway/withdraw/create",
        content_type=FORM,
        body=requests_form_body(SEED_WITHDRAW_CREATE_BODY),
        params=[(key, str(value)) for key, value in SEED_WITHDRAW_CREATE_BODY.items()],
        python_sample=SEED_WITHDRAW_CREATE_BODY,
        js_sample=SEED_WITHDRAW_CREATE_BODY,
        nonce=1621599054552,
    ),
    _case(
        "seed-withdraw-create-json",
        description="The same body sent as JSON, as httpx's json= writes it.",
        method="POST",
        path="/api/gateway/withdraw/create",
        content_type=JSON,
        body=json.dumps(SEED_WITHDRAW_CREATE_BODY, separators=(",", ":"), ensure_ascii=False),
        params=[(key, str(value)) for key, value in SEED_WITHDRAW_CREATE_BODY.items()],
        python_sample=SEED_WITHDRAW_CREATE_BODY,
        js_sample=SEED_WITHDRAW_CREATE_BODY,
    ),
    _case(
        "sdk-wallet-create-json",
        description="What the SDK sends: decimal strings, a callback URL with a query.",
        method="POST",
        path="/api/gateway/wallet/create",
        content_type="application/json; charset=utf-8",
        body=(
            '{"ticker":"ETH","network":"ethereum","convert_ticker":"USDT",'
            '"convert_limit":"10000.00000000","convert_percent":"2",'
            '"callback_url":"https://example.test/cb?x=1&y=a b"}'
        ),
        params=[
            ("ticker", "ETH"),
            ("network", "ethereum"),
            ("convert_ticker", "USDT"),
            ("convert_limit", "10000.00000000"),
            ("convert_percent", "2"),
            ("callback_url", "https://example.test/cb?x=1&y=a b"),
        ],
        api_key="ak_live_0123456789abcdef",
        secret="sécret-日本-🔑",
    ),
    _case(
        "special-strings-form",
        description="Spaces, + & = ~ !'()* empty, unicode, emoji, % / : ? # in a form body.",
        method="POST",
        path="/api/gateway/withdraw/create",
        content_type=FORM,
        body=requests_form_body(SPECIAL_STRINGS),
        params=list(SPECIAL_STRINGS.items()),
        python_sample=SPECIAL_STRINGS,
        js_sample=SPECIAL_STRINGS,
    ),
    _case(
        "special-strings-json",
        description="The same strings in a JSON body, non-ASCII written as \\u escapes.",
        method="POST",
        path="/api/gateway/withdraw/create",
        content_type=JSON,
        body=json.dumps(SPECIAL_STRINGS, ensure_ascii=True),
        params=list(SPECIAL_STRINGS.items()),
        python_sample=SPECIAL_STRINGS,
        js_sample=SPECIAL_STRINGS,
    ),
    _case(
        "json-scalars",
        description=(
            "JSON scalars: numbers keep their token text, booleans become true/false, "
            "null becomes an empty string, nested values compact JSON with sorted keys."
        ),
        method="POST",
        path="/api/gateway/withdraw/create",
        content_type=JSON,
        body=(
            '{"fee_payer": 1, "negative": -5, "ratio": 22.0, "half": 22.5, "precise": 2.50,'
            ' "tiny": 1e-07, "big": 1E+21, "yes": true, "no": false, "nothing": null,'
            ' "list": [1, "a b", null, true, 2.50], "object": {"z": 1, "a": {"é": "x"}}}'
        ),
        params=[
            ("fee_payer", "1"),
            ("negative", "-5"),
            ("ratio", "22.0"),
            ("half", "22.5"),
            ("precise", "2.50"),
            ("tiny", "1e-07"),
            ("big", "1E+21"),
            ("yes", "true"),
            ("no", "false"),
            ("nothing", ""),
            ("list", '[1,"a b",null,true,2.50]'),
            ("object", '{"a":{"é":"x"},"z":1}'),
        ],
    ),
    _case(
        "python-sample-booleans-form",
        description="The Python sample signs str(True) and str(22.0); requests sends the same.",
        method="POST",
        path="/api/gateway/wallet/create",
        content_type=FORM,
        body=requests_form_body({"flag": True, "ratio": 22.0, "amount": "22.00000000"}),
        params=[("flag", "True"), ("ratio", "22.0"), ("amount", "22.00000000")],
        python_sample={"flag": True, "ratio": 22.0, "amount": "22.00000000"},
    ),
    _case(
        "js-sample-booleans-form",
        description="The JS sample signs String(true) and String(22.5); its form sends the same.",
        method="POST",
        path="/api/gateway/wallet/create",
        content_type=FORM,
        body="flag=true&ratio=22.5&amount=22.00000000",
        params=[("flag", "true"), ("ratio", "22.5"), ("amount", "22.00000000")],
        js_sample={"flag": True, "ratio": 22.5, "amount": "22.00000000"},
    ),
    _case(
        "odd-keys-form",
        description=(
            "Keys needing encoding: python encodes keys, javascript does not; ASCII order "
            "puts upper case and digits before '_' and lower case."
        ),
        method="POST",
        path="/api/gateway/wallet/create",
        content_type=FORM,
        body=requests_form_body({"a b": "1", "clé": "2", "Z": "3", "_": "4", "9": "5"}),
        params=[("a b", "1"), ("clé", "2"), ("Z", "3"), ("_", "4"), ("9", "5")],
        python_sample={"a b": "1", "clé": "2", "Z": "3", "_": "4", "9": "5"},
        js_sample={"a b": "1", "clé": "2", "Z": "3", "_": "4", "9": "5"},
    ),
    _case(
        "astral-key-order-form",
        description=(
            "U+FF21 against U+1F600: code points put U+FF21 first (python), UTF-16 code "
            "units put the emoji's surrogate D83D first (javascript)."
        ),
        method="POST",
        path="/api/gateway/wallet/create",
        content_type=FORM,
        body=requests_form_body({"\uff21": "fullwidth", "\U0001f600": "emoji"}),
        params=[("\uff21", "fullwidth"), ("\U0001f600", "emoji")],
        python_sample={"\uff21": "fullwidth", "\U0001f600": "emoji"},
        js_sample={"\uff21": "fullwidth", "\U0001f600": "emoji"},
    ),
    _case(
        "post-empty-body",
        description="A POST without a body: no params; path-nonce-body signs path + nonce.",
        method="POST",
        path="/api/gateway/wallet/create",
        params=[],
        python_sample={},
        js_sample={},
        nonce=1,
    ),
]


def build_vectors() -> dict[str, Any]:
    """Compute every expected signature with the seed's code (Python) and node (JavaScript)."""
    javascript_inputs = [
        {
            "api_key": case["api_key"],
            "secret": case["secret"],
            "payload": dict(case["params"]),
            "path": case["path"],
            "nonce": case["nonce"],
            "body": case["body"],
        }
        for case in CASES
    ]
    javascript_results = run_seed_javascript(javascript_inputs)
    vectors = []
    for case, javascript in zip(CASES, javascript_results, strict=True):
        python_hex = seed_python_signature(case["api_key"], case["secret"], dict(case["params"]))
        vectors.append(
            {
                **case,
                "expected": {
                    "params": {"python": python_hex, "javascript": javascript["params_javascript"]},
                    "path-nonce-body": javascript["path_nonce_body"],
                },
            }
        )
    return {
        "format": 1,
        "description": (
            "Signing vectors for the bitexbit API Gateway. Expected values come from the seed's "
            "Python sample and its JavaScript sample run in node, not from bitexbit_signing. "
            "Generated by tests/auth_plugin/test_vectors_seed.py."
        ),
        "vectors": vectors,
    }


def render(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _vectors_with(field: str) -> list[dict[str, Any]]:
    return [vector for vector in bitexbit_signing.load_vectors() if field in vector]


def test_every_case_is_in_the_packaged_file() -> None:
    names = [vector["name"] for vector in bitexbit_signing.load_vectors()]
    assert names == [case["name"] for case in CASES]
    assert len(set(names)) == len(names)


@needs_node
def test_packaged_file_equals_an_independent_regeneration() -> None:
    assert VECTORS_FILE.read_text("utf-8") == render(build_vectors())


@pytest.mark.parametrize("vector", bitexbit_signing.load_vectors(), ids=lambda v: v["name"])
def test_seed_python_sample_over_the_params_gives_the_python_vector(vector: dict[str, Any]) -> None:
    signature = seed_python_signature(vector["api_key"], vector["secret"], dict(vector["params"]))
    assert signature == vector["expected"]["params"]["python"]


@pytest.mark.parametrize("vector", _vectors_with("python_sample"), ids=lambda v: v["name"])
def test_seed_python_sample_over_its_own_dict_gives_the_python_vector(
    vector: dict[str, Any],
) -> None:
    """The dict as the sample is given it (ints, bools) signs the same as the server's view."""
    sample = vector["python_sample"]
    signature = seed_python_signature(vector["api_key"], vector["secret"], sample)
    assert signature == vector["expected"]["params"]["python"]


@pytest.mark.parametrize(
    "vector",
    [vector for vector in _vectors_with("python_sample") if vector["content_type"] == FORM],
    ids=lambda v: v["name"],
)
def test_requests_sends_the_sample_dict_as_the_vector_body(vector: dict[str, Any]) -> None:
    """`requests.post(data=body)` form-encodes str(value) of what the sample signed."""
    assert requests_form_body(vector["python_sample"]) == vector["body"]


@needs_node
def test_seed_javascript_sample_gives_the_javascript_vectors() -> None:
    vectors = bitexbit_signing.load_vectors()
    inputs = [
        {
            "api_key": vector["api_key"],
            "secret": vector["secret"],
            "payload": dict(vector["params"]),
            "path": vector["path"],
            "nonce": vector["nonce"],
            "body": vector["body"],
        }
        for vector in vectors
    ]
    for vector, result in zip(vectors, run_seed_javascript(inputs), strict=True):
        assert result["params_javascript"] == vector["expected"]["params"]["javascript"]
        assert result["path_nonce_body"] == vector["expected"]["path-nonce-body"]


@needs_node
def test_seed_javascript_sample_over_its_own_object_gives_the_javascript_vectors() -> None:
    vectors = _vectors_with("js_sample")
    inputs = [
        {
            "api_key": vector["api_key"],
            "secret": vector["secret"],
            "payload": vector["js_sample"],
            "path": vector["path"],
            "nonce": vector["nonce"],
            "body": vector["body"],
        }
        for vector in vectors
    ]
    assert vectors
    for vector, result in zip(vectors, run_seed_javascript(inputs), strict=True):
        assert result["params_javascript"] == vector["expected"]["params"]["javascript"]


def test_seed_python_sample_signs_booleans_the_python_way() -> None:
    """A reminder of the samples' disagreement that the vectors encode."""
    key, secret = "k", "s"
    python_true = seed_python_signature(key, secret, {"flag": True})
    assert python_true == seed_python_signature(key, secret, {"flag": "True"})
    assert python_true != seed_python_signature(key, secret, {"flag": "true"})


def _verify_prepared(prepared: requests.PreparedRequest) -> object:
    """What the server (emulator) decides for a request exactly as `requests` sends it."""
    assert prepared.url is not None
    url = urlsplit(prepared.url)
    body = prepared.body or b""
    return bitexbit_signing.verify_request(
        secret="your keys secret",
        api_key=prepared.headers["X-API-Key"],
        method=prepared.method or "",
        path=url.path,
        query=url.query,
        content_type=prepared.headers.get("Content-Type"),
        body=body.encode("utf-8") if isinstance(body, str) else body,
        nonce=prepared.headers["X-Nonce"],
        signature=prepared.headers["X-Signature"],
    )


SEED_SAMPLE_REQUESTS: Final[list[tuple[str, str, dict[str, Any]]]] = [
    ("POST", "/wallet/create", SEED_WALLET_CREATE_BODY),
    ("POST", "/withdraw/create", SEED_WITHDRAW_CREATE_BODY),
    ("POST", "/withdraw/create", dict(SPECIAL_STRINGS)),
    ("POST", "/wallet/create", {"flag": True, "ratio": 22.0, "n": -1, "clé": "日本"}),
    ("GET", "/wallets", {"page": 2, "ordering": "-id", "comment": "a b~!"}),
    ("GET", "/payment-methods", {}),
]


@pytest.mark.parametrize(("method", "route", "data"), SEED_SAMPLE_REQUESTS)
def test_requests_signed_and_sent_exactly_like_the_python_sample_verify(
    method: str, route: str, data: dict[str, Any]
) -> None:
    """`requests.post(url, data=body, headers=get_auth_headers(body))`, as the seed does."""
    headers = seed_get_auth_headers("your key", "your keys secret")(data)
    url = f"http://127.0.0.1:8765/api/gateway{route}"
    if method == "GET":
        prepared = requests.Request(method, url, params=data, headers=headers).prepare()
    else:
        prepared = requests.Request(method, url, data=data, headers=headers).prepare()
    assert _verify_prepared(prepared) == (
        bitexbit_signing.SignatureScheme.PARAMS,
        bitexbit_signing.ParamEncoder.PYTHON,
    )


def test_python_sample_with_a_none_value_cannot_verify() -> None:
    """A seed limitation: the sample signs "memo=None" but requests drops None from the form."""
    data = {"ticker": "ETH", "memo": None}
    headers = seed_get_auth_headers("your key", "your keys secret")(data)
    url = "http://127.0.0.1:8765/api/gateway/wallet/create"
    prepared = requests.Request("POST", url, data=data, headers=headers).prepare()
    assert prepared.body == "ticker=ETH"
    assert _verify_prepared(prepared) is None


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.auth_plugin.test_vectors_seed --write")
    VECTORS_FILE.write_text(render(build_vectors()), "utf-8")
    print(f"wrote {len(CASES)} vectors to {VECTORS_FILE}")
