"""The API reference's per-operation samples run, and what they print is what the spec promises.

`tools/operation_samples.py` generates a Python SDK, a curl and a Node.js sample for every
operation of `openapi/gateway.yaml`; the docs hook puts exactly those texts on the page. Each
one runs here as a reader runs it (a separate `python`, `bash` or `node` process, pointed at a
live emulator with its rate limits on) and its output is checked against the spec, not against
the generator's own idea of it:

* what it prints is valid under the operation's documented success response (for the SDK, each
  item under the item schema: the SDK prints the wire form of what it read);
* a list answers with the items the emulator holds (seeded before the run, so a list sample
  cannot pass on an empty page), and every item matches the filters the sample sent;
* a create answers with the fields it sent, value for value.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from tests.docs.docs_site import REPO_ROOT, SNIPPETS_DIR, SiteBuild, run_sample
from tools.operation_samples import (
    SDK_METHODS,
    OperationSamples,
    SampleRequest,
    load_spec,
    operation_samples,
)
from tools.spec_examples import SchemaValidators, pointer, resolve

SAMPLES = operation_samples()
LANGUAGES = ("python", "curl", "node")
FILE_NAMES = {"python": "sample.py", "curl": "sample.sh", "node": "sample.mjs"}
SEEDED_TICKER, SEEDED_NETWORK = "USDT", "tron"  # the showcase filters' values in the spec


def _spec_operations() -> list[str]:
    return [
        str(operation["operationId"])
        for item in load_spec()["paths"].values()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def test_every_operation_has_samples_in_three_languages() -> None:
    assert list(SAMPLES) == _spec_operations()
    assert set(SDK_METHODS) == set(_spec_operations())
    for samples in SAMPLES.values():
        assert set(samples.by_language()) == set(LANGUAGES)
        assert all(text.strip() for text in samples.by_language().values())


def test_samples_send_what_the_spec_documents() -> None:
    """A POST sends its documented example (empty optional fields left out); a paged GET asks
    for a page of 10, filtered by the documented response's first item."""
    create = SAMPLES["createWithdraw"].request
    documented = load_spec()["paths"]["/withdraw/create"]["post"]["requestBody"]["content"]
    example = documented["application/json"]["examples"]["documented"]["value"]
    assert dict(create.body) == {name: value for name, value in example.items() if value != ""}
    history = SAMPLES["getWalletHistory"].request
    assert history.query == (("limit", 10), ("network", "tron"), ("ticker", "USDT"))
    assert SAMPLES["listPaymentMethods"].request.query == ()
    assert SAMPLES["listWallets"].request.query == (("limit", 10),)


def test_python_samples_are_lint_clean_and_formatted(tmp_path: Path) -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    for operation_id, samples in SAMPLES.items():
        (tmp_path / f"{operation_id}.py").write_text(samples.python, encoding="utf-8")
    config = ["--no-cache", "--config", str(REPO_ROOT / "pyproject.toml")]  # the project's rules
    for argv in ([ruff, "check", *config, "."], [ruff, "format", "--check", *config, "."]):
        completed = subprocess.run(  # noqa: S603 - fixed argv
            argv, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_reference_shows_each_sample_under_its_operation(built_site: SiteBuild) -> None:
    page = built_site.page("reference/gateway-api")
    sections = re.split(r'(?=<h3 id="[^"]+">)', page)
    for operation_id, samples in SAMPLES.items():
        section = next(part for part in sections if part.startswith(f'<h3 id="{operation_id}">'))
        shown = [_text(block) for block in re.findall(r"<code>(.*?)</code>", section, re.DOTALL)]
        for language, text in samples.by_language().items():
            assert text.rstrip("\n") in shown, f"{operation_id}: the {language} sample differs"


def _text(code_html: str) -> str:
    """The text a reader copies from a highlighted code block."""
    without_line_anchors = re.sub(r'<a [^>]*id="__codelineno[^"]*"[^>]*></a>', "", code_html)
    return html.unescape(re.sub(r"<[^>]+>", "", without_line_anchors)).rstrip("\n")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("operation_id", list(SAMPLES))
def test_sample_runs_and_prints_what_the_spec_promises(
    operation_id: str, language: str, live_emulator: Any, tmp_path: Path
) -> None:
    samples = SAMPLES[operation_id]
    argv = _argv(language, samples, tmp_path)
    _seed(live_emulator)
    output = run_sample(argv, live_emulator, tmp_path)
    request = samples.request
    validators = SchemaValidators(load_spec())
    response_schema = _response_schema_pointer(request)
    item_schema = _item_schema_pointer(response_schema)  # None: the answer is one object
    if language == "python" and item_schema is not None:
        items = [json.loads(line) for line in output.splitlines() if line.strip()]
        _assert_valid(validators, item_schema, items, each=True)
    else:
        answer = json.loads(output)
        _assert_valid(validators, response_schema, answer, each=False)
        items = _items(answer) if item_schema is not None else [answer]
    if request.method == "GET":
        assert items, f"{operation_id} ({language}) printed no items though the emulator has some"
        for item in items:
            for name, value in request.query:
                if name in item:
                    assert item[name] == value, (operation_id, language, name, item[name])
    else:
        (created,) = items
        for name, sent in request.body:
            if name in created:
                assert _same(sent, created[name]), (operation_id, language, name, created[name])


def _argv(language: str, samples: OperationSamples, tmp_path: Path) -> list[str]:
    path = tmp_path / FILE_NAMES[language]
    path.write_text(samples.by_language()[language], encoding="utf-8")
    if language == "python":
        return [sys.executable, str(path)]
    if language == "curl":
        missing = [tool for tool in ("bash", "curl", "openssl") if shutil.which(tool) is None]
        if missing:
            pytest.skip(f"{', '.join(missing)} not installed: the curl samples are not executed")
        return [str(shutil.which("bash")), str(path)]
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JavaScript samples are not executed")
    # The page tells the reader to save the signing guide's helper next to the sample.
    shutil.copy(SNIPPETS_DIR / "js" / "auth_headers.mjs", tmp_path / "auth_headers.mjs")
    return [node, str(path)]


def _seed(emulator: Any) -> None:
    """A wallet, a deposit to it and a withdrawal, so that every list has something to list.

    Through the Sandbox in this process, not the gateway API: the sample's own request must be
    the first one its key sends, or the emulator's rate limit could refuse it."""
    from bitexbit_emulator.domain.deposits import SimulatedDeposit
    from bitexbit_emulator.domain.wallets import WalletRequest
    from bitexbit_emulator.domain.withdrawals import WithdrawRequest

    sandbox = emulator.sandbox
    key = sandbox.find_key(emulator.demo_key)
    assert key is not None
    account = key.account_id
    wallet = sandbox.create_wallet(
        account,
        emulator.demo_key,
        WalletRequest.from_input({"ticker": SEEDED_TICKER, "network": SEEDED_NETWORK}),
    )
    sandbox.simulate_deposit(
        SimulatedDeposit.from_input({"address": wallet["address"], "amount": Decimal("40")})
    )
    sandbox.create_withdraw(
        account,
        emulator.demo_key,
        WithdrawRequest.from_input(
            {
                "ticker": SEEDED_TICKER,
                "network": SEEDED_NETWORK,
                "address": "TKpR2mrEj2Stnm4QLNMf97zWvgmSGvuLMU",
                "amount": Decimal("15"),
                "fee_payer": 1,
            }
        ),
    )


def _response_schema_pointer(request: SampleRequest) -> str:
    return pointer(
        "paths",
        request.path,
        request.method.lower(),
        "responses",
        request.success_status,
        "content",
        "application/json",
        "schema",
    )


def _item_schema_pointer(schema_pointer: str) -> str | None:
    """The items' schema of a list or a page response (None for one object)."""
    document = load_spec()
    node: Any = document
    for part in schema_pointer.strip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    if "$ref" in node:
        schema_pointer = str(node["$ref"]).removeprefix("#")
        node = resolve(document, node)
    if node.get("type") == "array":
        return schema_pointer + "/items"
    if "results" in node.get("properties", {}):
        return schema_pointer + "/properties/results/items"
    for index, part in enumerate(node.get("allOf", [])):  # a page: the envelope + its results
        if "results" in resolve(document, part).get("properties", {}):
            return f"{schema_pointer}/allOf/{index}/properties/results/items"
    return None


def _items(answer: Any) -> list[Any]:
    return list(answer["results"] if isinstance(answer, dict) else answer)


def _assert_valid(validators: SchemaValidators, at: str, value: Any, *, each: bool) -> None:
    for instance in value if each else [value]:
        errors = [error.message for error in validators.at(at).iter_errors(instance)]
        assert errors == [], (at, instance)


def _same(sent: Any, answered: Any) -> bool:
    """Equal as the gateway means them: `"22"` and `"22.00000000"` are the same amount."""
    try:
        return Decimal(str(sent)) == Decimal(str(answered))
    except InvalidOperation:
        return str(sent) == str(answered)
