"""Per-operation code samples (Python SDK, curl, Node.js), generated from `openapi/gateway.yaml`.

The API reference shows three samples under every operation. None is written by hand: each is
built here from the operation in the spec (method, path, parameters, documented examples), so a
new or changed operation gets its samples on the next docs build. The docs hook
(`docs/_hooks/operation_samples.py`) puts them on the page; `tests/docs/test_operation_samples.py`
runs every one of them against a live emulator and checks what it prints against the spec.

What a sample sends, all derived from the spec:

* a POST sends its documented request example (`requestBody` ... `examples.documented`), without
  the optional fields the example leaves empty (`memo: ''`: the field is not given);
* a GET sends `limit=10` where the operation pages, and the `ticker` and `network` filters, where
  it has them, set to the first item of its documented response example.

How each language sends it follows the documentation's own samples: the SDK with its defaults
(JSON bodies); curl with a form body or query whose fields are sorted and encoded as Python's
`urlencode` does, so that text is itself what the `params` scheme signs; Node.js with a form body
or query signed by `auth_headers.mjs`, the signing guide's helper (JavaScript encoder).

The one hand-written fact is `SDK_METHODS`, which SDK method wraps which operation; the tests
fail when it misses an operation, and the generator fails when the SDK method does not take a
field the spec's example sends.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from bitexbit_conformance.operations import resolve_local
from bitexbit_signing import ParamEncoder, encode_params

from tools.spec_examples import HTTP_METHODS

__all__ = [
    "SDK_METHODS",
    "SPEC_PATH",
    "OperationSamples",
    "SampleError",
    "SampleRequest",
    "load_spec",
    "operation_samples",
    "sample_request",
    "sdk_method",
]

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi" / "gateway.yaml"

SDK_METHODS: Mapping[str, str] = {
    "listPaymentMethods": "payment_methods.list",
    "createWallet": "wallets.create",
    "listWallets": "wallets.list",
    "getWalletHistory": "deposits.list",
    "createWithdraw": "withdrawals.create",
    "getWithdrawHistory": "withdrawals.list",
}
"""Which `bitexbit.Gateway` method sends each operation (`resource.method`)."""

SHOWCASE_FILTERS = ("ticker", "network")
"""The filters a GET sample sets, where the operation has them."""

PAGE_LIMIT = 10
"""The `limit` a sample of a paginated operation asks for."""


@dataclass(frozen=True)
class EmulatorDefaults:
    """What a sample talks to when no BITEXBIT_* variable is set: `make run`'s emulator."""

    base_url: str
    api_key: str
    api_secret: str


@cache
def emulator_defaults() -> EmulatorDefaults:
    """From the emulator's default configuration and the spec's base path, not retyped."""
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.http.routing import base_path_of

    config = EmulatorConfig.load()
    demo = config.demo_key()
    if demo is None:
        raise SampleError("the emulator's default configuration has no demo key")
    server = config.server
    return EmulatorDefaults(
        base_url=f"http://{server.host}:{server.port}{base_path_of(load_spec())}",
        api_key=demo.api_key,
        api_secret=demo.secret,
    )


LINE_LENGTH = 100  # ruff's, in pyproject.toml: the Python samples pass `ruff format --check`
_INDENT = "    "


class SampleError(ValueError):
    """The spec and the SDK do not fit together for a sample (a missing example or argument)."""


@dataclass(frozen=True)
class SampleRequest:
    """What the samples of one operation send: the same fields in every language."""

    operation_id: str
    summary: str
    method: str  # upper case
    path: str  # relative to the server URL: "/wallet/history"
    query: tuple[tuple[str, Any], ...]  # JSON-typed values (10, "USDT"), sorted by name
    body: tuple[tuple[str, Any], ...]  # the documented example's non-empty fields, in its order
    success_status: str  # the operation's first 2xx response, as written in the spec: "201"

    @property
    def fields(self) -> dict[str, Any]:
        """The values sent, by the spec's names (query or body)."""
        return dict(self.query or self.body)

    @property
    def wire_fields(self) -> list[tuple[str, str]]:
        """The values as text, as a query string or form body carries them."""
        return [(name, _wire_text(value)) for name, value in (self.query or self.body)]


@dataclass(frozen=True)
class OperationSamples:
    """One operation's samples, each a complete program a reader can run."""

    request: SampleRequest
    python: str
    curl: str
    node: str

    def by_language(self) -> dict[str, str]:
        """`{"python": ..., "curl": ..., "node": ...}`, in the order the page shows them."""
        return {"python": self.python, "curl": self.curl, "node": self.node}


@cache
def load_spec(path: Path = SPEC_PATH) -> Mapping[str, Any]:
    document: Mapping[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def operation_samples(document: Mapping[str, Any] | None = None) -> dict[str, OperationSamples]:
    """Every operation's samples, by operationId, in the spec's order."""
    document = load_spec() if document is None else document
    samples: dict[str, OperationSamples] = {}
    for path, method, operation in _operations(document):
        request = sample_request(document, path, method, operation)
        samples[request.operation_id] = OperationSamples(
            request=request,
            python=_python_sample(request),
            curl=_curl_sample(request),
            node=_node_sample(request),
        )
    return samples


def sample_request(
    document: Mapping[str, Any], path: str, method: str, operation: Mapping[str, Any]
) -> SampleRequest:
    """The request an operation's samples send (see the module docstring for the rules)."""
    operation_id = str(operation["operationId"])
    success = [status for status in operation.get("responses", {}) if str(status).startswith("2")]
    if not success:
        raise SampleError(f"{operation_id} has no 2xx response")
    query: list[tuple[str, Any]] = []
    body: list[tuple[str, Any]] = []
    if "requestBody" in operation:
        example = _documented_example(document, operation["requestBody"], "application/json")
        if not isinstance(example, Mapping):
            raise SampleError(f"{operation_id}: the documented request example is not an object")
        body = [(name, value) for name, value in example.items() if value != ""]
    else:
        names = {
            str(resolve_local(document, parameter)["name"])
            for parameter in operation.get("parameters", [])
            if resolve_local(document, parameter).get("in") == "query"
        }
        if "limit" in names and operation.get("x-operation", {}).get("paginated"):
            query.append(("limit", PAGE_LIMIT))
        filters = [name for name in SHOWCASE_FILTERS if name in names]
        if filters:
            first = _first_item(
                _documented_example(
                    document, operation["responses"][success[0]], "application/json"
                )
            )
            query.extend((name, first[name]) for name in filters if name in first)
        query.sort()
    return SampleRequest(
        operation_id=operation_id,
        summary=str(operation.get("summary", operation_id)),
        method=method.upper(),
        path=path,
        query=tuple(query),
        body=tuple(body),
        success_status=str(success[0]),
    )


def _operations(document: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS and "operationId" in operation
    ]


def _documented_example(document: Mapping[str, Any], holder: Any, media_type: str) -> Any:
    """The `documented` example of `holder`'s (a request body's or response's) `media_type`."""
    media = resolve_local(document, holder).get("content", {}).get(media_type, {})
    example = media.get("examples", {}).get("documented")
    if example is None:
        raise SampleError(f"no documented {media_type} example in {holder!r:.80}")
    return resolve_local(document, example)["value"]


def _first_item(example: Any) -> Mapping[str, Any]:
    """The first item of a page (`results`), of a list, or the object itself."""
    if isinstance(example, Mapping) and isinstance(example.get("results"), list):
        example = example["results"]
    if isinstance(example, list):
        example = example[0] if example else {}
    return example if isinstance(example, Mapping) else {}


def _wire_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- Python (the SDK) -------------------------------------------------------------------------


def _python_sample(request: SampleRequest) -> str:
    defaults = emulator_defaults()
    method = sdk_method(request.operation_id)
    arguments, uses_decimal = _python_arguments(request, method)
    result, item = _python_result_names(method)
    call = f"{result} = gateway.{SDK_METHODS[request.operation_id]}("
    one_line = f"{_INDENT}{call}{', '.join(arguments)})"
    if len(one_line) <= LINE_LENGTH:
        call_lines = [one_line]
    else:
        call_lines = [
            f"{_INDENT}{call}",
            *(f"{_INDENT * 2}{argument}," for argument in arguments),
            f"{_INDENT})",
        ]
    if item is None:
        shown = [f"{_INDENT}print(json.dumps({result}.to_dict(), indent=2))"]
    else:  # one line of JSON per item
        shown = [
            f"{_INDENT}for {item} in {result}:",
            f"{_INDENT * 2}print(json.dumps({item}.to_dict()))",
        ]
    imports = ["import json", "import os"]
    if uses_decimal:
        imports.append("from decimal import Decimal")
    lines = [
        f'"""{request.summary} with the SDK: operation {request.operation_id}."""',
        "",
        *imports,
        "",
        "from bitexbit import Gateway",
        "",
        f'BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "{defaults.base_url}")',
        f'API_KEY = os.environ.get("BITEXBIT_API_KEY", "{defaults.api_key}")',
        f'API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "{defaults.api_secret}")',
        "",
        "with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:",
        *call_lines,
        f"{_INDENT}# The wire form, as the gateway sent it (money as decimal strings).",
        *shown,
    ]
    return "\n".join(lines) + "\n"


@cache
def _sdk_resources() -> dict[str, type]:
    """The class of each `bitexbit.Gateway` resource attribute (`wallets`: `Wallets`)."""
    from bitexbit import Gateway

    # Building a Gateway sends nothing; it is the one place that says which class each
    # resource attribute holds.
    with Gateway("sample", "sample", base_url=emulator_defaults().base_url) as gateway:
        return {
            name: type(value) for name, value in vars(gateway).items() if not name.startswith("_")
        }


def sdk_method(operation_id: str) -> Callable[..., Any]:
    """The SDK resource method (unbound: `Wallets.create`) that sends `operation_id`."""
    if operation_id not in SDK_METHODS:
        raise SampleError(f"SDK_METHODS names no SDK method for operation {operation_id}")
    resource, name = SDK_METHODS[operation_id].split(".")
    method: object = getattr(_sdk_resources().get(resource), name, None)
    if not callable(method):
        raise SampleError(f"bitexbit.Gateway has no {SDK_METHODS[operation_id]}")
    return method


def _python_arguments(request: SampleRequest, method: Callable[..., Any]) -> tuple[list[str], bool]:
    """The call's arguments in the SDK's order (required ones positional), and whether any of
    them is a `Decimal`."""
    remaining = request.fields
    positional: list[str] = []
    keywords: list[str] = []
    extra_names: dict[str, str] = {}  # **options / **filters: name -> annotation text
    for parameter in inspect.signature(method).parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            extra_names = _typed_dict_annotations(method, str(parameter.annotation))
            continue
        if parameter.name not in remaining:
            if parameter.default is inspect.Parameter.empty:
                raise SampleError(
                    f"{request.operation_id}: the example has no {parameter.name}, "
                    f"which {SDK_METHODS[request.operation_id]} requires"
                )
            continue
        literal = _python_literal(remaining.pop(parameter.name), str(parameter.annotation))
        if (
            parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            and parameter.default is inspect.Parameter.empty
        ):
            positional.append(literal)
        else:
            keywords.append(f"{parameter.name}={literal}")
    for name, value in remaining.items():
        if name not in extra_names:
            raise SampleError(
                f"{request.operation_id}: {SDK_METHODS[request.operation_id]} takes no {name}"
            )
        keywords.append(f"{name}={_python_literal(value, extra_names[name])}")
    arguments = positional + keywords
    return arguments, any(argument.split("=")[-1].startswith("Decimal(") for argument in arguments)


def _typed_dict_annotations(method: Callable[..., Any], annotation: str) -> dict[str, str]:
    """`Unpack[WithdrawalOptions]` -> that TypedDict's field annotations, as text."""
    match = re.fullmatch(r"Unpack\[(\w+)\]", annotation)
    if match is None:
        raise SampleError(f"{method.__qualname__}: cannot read **{annotation}")
    typed_dict = vars(sys.modules[method.__module__])[match.group(1)]
    return {name: str(value) for name, value in typed_dict.__annotations__.items()}


def _python_literal(value: Any, annotation: str) -> str:
    if isinstance(value, str) and "Decimal" in annotation:
        return f"Decimal({json.dumps(value)})"
    if isinstance(value, bool) or value is None:
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _python_result_names(method: Callable[..., Any]) -> tuple[str, str | None]:
    """The result's variable name, and its items' for a page or list (None for one object)."""
    returned = str(inspect.signature(method).return_annotation)
    page = re.fullmatch(r"Page\[(\w+)\]", returned)
    if page is not None:
        return "page", _snake(page.group(1))
    listed = re.fullmatch(r"(?:builtins\.)?list\[(\w+)\]", returned)
    if listed is not None:
        return _snake(listed.group(1)) + "s", _snake(listed.group(1))
    if re.fullmatch(r"\w+", returned) is None:
        raise SampleError(f"{method.__qualname__} returns {returned}, which no sample shows")
    return _snake(returned), None


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _comment(marker: str, text: str) -> list[str]:
    return [f"{marker} {line}" for line in textwrap.wrap(text, LINE_LENGTH - len(marker) - 1)]


# --- curl ---------------------------------------------------------------------------------------


def _curl_sample(request: SampleRequest) -> str:
    # Sorted and encoded as Python's urlencode: this text is both what is sent and what the
    # `params` scheme signs. It never holds a single quote (urlencode escapes it as %27).
    defaults = emulator_defaults()
    signed = encode_params(request.wire_fields, ParamEncoder.PYTHON)
    variable = "BODY" if request.body else "QUERY"
    url = f"$BASE_URL{request.path}" + (f"?${variable}" if request.query else "")
    lines = [
        "#!/usr/bin/env bash",
        *_comment(
            "#",
            f"{request.summary} with curl: operation {request.operation_id}. The "
            + ("form body" if request.body else "query")
            + "'s fields are sorted by name and encoded as Python's urlencode does, so that"
            " text is what the `params` scheme signs (after the API key).",
        ),
        "set -euo pipefail",
        f'BASE_URL="${{BITEXBIT_BASE_URL:-{defaults.base_url}}}"',
        f'API_KEY="${{BITEXBIT_API_KEY:-{defaults.api_key}}}"',
        f'API_SECRET="${{BITEXBIT_API_SECRET:-{defaults.api_secret}}}"',
        "",
    ]
    if signed:
        lines.append(f"{variable}='{signed}'")
        message = f'"$API_KEY${variable}"'
    else:
        message = '"$API_KEY"'
    lines += [
        f"SIGNATURE=$(printf '%s' {message} | openssl dgst -sha256 -hmac \"$API_SECRET\""
        " | sed 's/^.*= //')",
        "NONCE=$(date +%s%3N)  # milliseconds; GNU date",
        "",
        f'curl --silent --show-error --fail-with-body -X {request.method} "{url}" \\',
    ]
    headers = '  -H "X-API-Key: $API_KEY" -H "X-Signature: $SIGNATURE" -H "X-Nonce: $NONCE"'
    if request.body:
        lines += [
            headers + " \\",
            f'  -H "Content-Type: application/x-www-form-urlencoded" --data "${variable}"',
        ]
    else:
        lines.append(headers)
    lines.append("echo")
    return "\n".join(lines) + "\n"


# --- Node.js ------------------------------------------------------------------------------------


def _node_sample(request: SampleRequest) -> str:
    result = _python_result_names(sdk_method(request.operation_id))[0]
    variable = "body" if request.body else "query"
    lines = [
        *_comment(
            "//",
            f"{request.summary} with Node.js 18 or later: operation {request.operation_id}."
            " auth_headers.mjs is the signing guide's helper (scheme `params`, JavaScript"
            " encoder).",
        ),
        'import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";',
        "",
    ]
    if request.wire_fields or request.body:
        lines += _node_object(variable, request.wire_fields)
        lines.append("")
    payload = variable if (request.wire_fields or request.body) else ""
    url = f"${{BASE_URL}}{request.path}" + (
        f"?${{new URLSearchParams({variable})}}" if request.query else ""
    )
    lines += [f"const {_camel(result)} = await checked(", f"  await fetch(`{url}`, {{"]
    if request.body:
        lines += [
            f'    method: "{request.method}",',
            f"    headers: getAuthHeaders({payload}),",
            f"    body: new URLSearchParams({variable}), // application/x-www-form-urlencoded",
        ]
    else:
        lines.append(f"    headers: getAuthHeaders({payload}),")
    lines += [
        "  }),",
        ");",
        f"console.log(JSON.stringify({_camel(result)}, null, 2));",
    ]
    return "\n".join(lines) + "\n"


def _node_object(name: str, fields: list[tuple[str, str]]) -> list[str]:
    entries = [
        f"{_node_key(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields
    ]
    one_line = f"const {name} = {{ {', '.join(entries)} }};"
    if len(one_line) <= LINE_LENGTH:
        return [one_line]
    return [f"const {name} = {{", *(f"  {entry}," for entry in entries), "};"]


def _node_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else json.dumps(key)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)
