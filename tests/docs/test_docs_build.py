"""The documentation site builds strictly, and its generated pages cover the specs and the SDK."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.docs.docs_site import CONTROL_SPEC, DOCS_DIR, SNIPPETS_DIR, SiteBuild
from tools.spec_examples import resolve

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SNIPPET_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$', re.MULTILINE)


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(METHOD, path, operationId) of every operation of an OpenAPI document."""
    found = []
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found.append((method.upper(), path, item[method]["operationId"]))
    return found


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


_LOADED_LINK_RELS = {"stylesheet", "preload", "icon", "modulepreload"}


class _Elements(HTMLParser):
    """Collects element ids, and the external URLs a page would load (not links to follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.loaded_urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        loaded = None
        if tag in {"script", "img", "iframe", "source", "audio", "video"}:
            loaded = values.get("src")
        elif tag == "link" and values.get("rel") in {
            "stylesheet",
            "preload",
            "icon",
            "modulepreload",
        }:
            loaded = values.get("href")
        if loaded:
            self.loaded_urls.append(loaded)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_strict_build_succeeds_without_warnings(site_build: SiteBuild) -> None:
    assert site_build.returncode == 0, site_build.output[-4000:]
    warnings = [line for line in site_build.output.splitlines() if "WARNING" in line]
    assert warnings == []
    assert (site_build.site_dir / "index.html").is_file()


def test_gateway_reference_shows_every_operation_and_schema(
    built_site: SiteBuild, gateway_spec: dict[str, Any]
) -> None:
    html = built_site.page("reference/gateway-api")
    ids = _elements(html).ids
    operations = _operations(gateway_spec)
    assert len(operations) == 6
    for method, path, operation_id in operations:
        assert operation_id in ids, f"no section for {operation_id}"
        heading = re.search(rf'<h3 id="{operation_id}">(.*?)</h3>', html, re.DOTALL)
        assert heading is not None
        assert method in heading.group(1)
        assert path in heading.group(1)
    for schema_name in gateway_spec["components"]["schemas"]:
        assert schema_name.lower() in ids, f"schema {schema_name} is not documented"
    for status in ("400", "401", "403", "404", "429", "500", "502"):
        assert f"{status} " in html


def _schema_section(html: str, schema_name: str) -> str:
    """The rendered section of one component schema (up to the next heading)."""
    # `withdraw_1`: the Withdraw schema's id is taken by the Withdraw tag's heading
    pattern = rf'<h3 id="{schema_name.lower()}(?:_\d+)?">{schema_name}<.*?(?=<h[23] )'
    match = re.search(pattern, html, re.DOTALL)
    assert match is not None, schema_name
    return match.group(0)


def test_designed_items_carry_a_visible_badge(
    built_site: SiteBuild, gateway_spec: dict[str, Any]
) -> None:
    """What the gateway's documentation does not say is marked on the page, with its errata
    label; documented items carry no badge."""
    html = built_site.page("reference/gateway-api")
    badge = 'class="provenance-designed"'
    schemas = gateway_spec["components"]["schemas"]
    for name, schema in schemas.items():
        section = _schema_section(html, name)
        # the page lists the schema's own fields and those of each allOf part
        parts = [schema, *schema.get("allOf", [])]
        parts = [resolve(gateway_spec, part) for part in parts]
        designed = [
            prop
            for part in parts
            for prop in part.get("properties", {}).values()
            if prop.get("x-provenance") == "designed"
        ]
        expected = len(designed) + (schema.get("x-provenance") == "designed")
        assert section.count(badge) == expected, name
    fee_row = re.search(
        r"<td><code>fee</code></td>.*?</tr>", _schema_section(html, "Withdraw"), re.DOTALL
    )
    assert fee_row is not None
    assert badge in fee_row.group(0)
    assert '<a href="../../errata/">W6</a>' in fee_row.group(0)
    assert 'designed by this toolkit</span> (<a href="../../errata/">W4</a>)' in html


def test_control_reference_follows_its_spec(built_site: SiteBuild) -> None:
    html = built_site.page("reference/control-api")
    if not CONTROL_SPEC.is_file():
        assert "Not available yet" in html
        return
    ids = _elements(html).ids
    for _method, _path, operation_id in _operations(_load(CONTROL_SPEC)):
        assert operation_id in ids, f"no section for the control operation {operation_id}"


def test_sdk_reference_documents_the_public_api(built_site: SiteBuild) -> None:
    bitexbit = pytest.importorskip("bitexbit", reason="the bitexbit SDK is not installed")
    public_names = getattr(bitexbit, "__all__", [])
    if "Gateway" not in public_names:
        pytest.skip("bitexbit does not export Gateway yet")
    ids = _elements(built_site.page("reference/sdk")).ids
    # The hand-written classes and functions; re-exported generated enums and constants are
    # documented with the generated client.
    hand_written = [
        name
        for name in public_names
        if callable(getattr(bitexbit, name))
        and getattr(getattr(bitexbit, name), "__module__", "").startswith("bitexbit")
        and not getattr(bitexbit, name).__module__.startswith("bitexbit_gateway_client")
    ]
    assert "Gateway" in hand_written
    # Re-exports of bitexbit_signing are documented in its own section.
    missing = [
        name
        for name in hand_written
        if f"bitexbit.{name}" not in ids and f"bitexbit_signing.{name}" not in ids
    ]
    assert missing == []
    for module in ("bitexbit.auth", "bitexbit.nonce", "bitexbit.callbacks", "bitexbit_signing"):
        assert module in ids


def test_search_index_covers_the_reference(built_site: SiteBuild) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    locations = [
        entry["location"]
        for entry in index["docs"]
        if "withdraw" in (entry["title"] + entry["text"]).lower()
    ]
    assert any(location.startswith("reference/gateway-api/") for location in locations)
    assert any(location.startswith("guides/withdrawals/") for location in locations)


def test_pages_load_nothing_from_the_network(built_site: SiteBuild) -> None:
    external = {}
    for page in built_site.site_dir.rglob("*.html"):
        urls = _elements(page.read_text(encoding="utf-8")).loaded_urls
        remote = [url for url in urls if re.match(r"^(https?:)?//", url)]
        if remote:
            external[str(page.relative_to(built_site.site_dir))] = remote
    assert external == {}


def test_site_contains_no_build_sources(built_site: SiteBuild) -> None:
    leaked = [
        str(path.relative_to(built_site.site_dir))
        for path in built_site.site_dir.rglob("*")
        if path.suffix in {".py", ".mjs", ".sh", ".toml", ".yml", ".yaml"}
        or {"_oad_templates", "_hooks", "_scripts", "overrides", "snippets"} & set(path.parts)
    ]
    assert leaked == []


def test_diagram_pages_load_the_vendored_mermaid(built_site: SiteBuild) -> None:
    for page in ("guides/withdrawals", "guides/deposits"):
        html = built_site.page(page)
        assert 'class="mermaid"' in html
        assert "assets/javascripts/vendor/mermaid.min.js" in html
    assert "mermaid.min.js" not in built_site.page("")


def test_every_snippet_is_shown_and_every_include_exists() -> None:
    from tests.docs.test_docs_snippets import written_out_samples

    included: set[str] = set(written_out_samples())
    for page in DOCS_DIR.rglob("*.md"):
        included.update(SNIPPET_INCLUDE.findall(page.read_text(encoding="utf-8")))
    files = {
        path.relative_to(SNIPPETS_DIR).as_posix()
        for path in SNIPPETS_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert included - files == set(), "pages include snippets that do not exist"
    assert files - included == set(), "snippets that no page shows"


def test_vendored_mermaid_matches_its_pin() -> None:
    script = DOCS_DIR / "_scripts" / "vendor_mermaid.py"
    spec = importlib.util.spec_from_file_location("vendor_mermaid", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    vendored = Path(module.TARGET)
    assert vendored.is_file()
    assert hashlib.sha256(vendored.read_bytes()).hexdigest() == module.SHA256
    assert (vendored.parent / "mermaid.LICENSE.txt").is_file()


def _diagram_edges(page: Path) -> set[tuple[str, str]]:
    text = page.read_text(encoding="utf-8")
    match = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert match is not None
    edges = set()
    for line in match.group(1).splitlines():
        edge = re.match(r"\s*(\w+)\s*-->\s*(\w+)", line)
        if edge:
            edges.add((edge.group(1), edge.group(2)))
    return edges


def test_withdrawal_diagram_matches_the_emulator_state_machine() -> None:
    withdrawal_states = pytest.importorskip(
        "bitexbit_emulator.domain.withdrawal_states", reason="the emulator is not installed"
    )
    expected = {
        (source.name, target.name)
        for source, targets in withdrawal_states.TRANSITIONS.items()
        for target in targets
    }
    assert _diagram_edges(DOCS_DIR / "guides" / "withdrawals.md") == expected


def test_the_sdk_reference_covers_every_resource_and_public_method(built_site: SiteBuild) -> None:
    """`gateway.wallets.create` and the rest live in a private module (`bitexbit._resources`);
    the reference must still document every public method of every resource the facade has."""
    import inspect

    from bitexbit import Gateway

    html = built_site.page("reference/sdk")
    gateway = Gateway("key", "secret", base_url="http://127.0.0.1:9/api/gateway")
    resources = {"payment_methods", "wallets", "deposits", "withdrawals"}
    missing = []
    try:
        for name in sorted(resources):
            resource = type(getattr(gateway, name))
            assert resource.__module__.startswith("bitexbit._resources."), resource
            for method, _ in inspect.getmembers(resource, inspect.isfunction):
                if method.startswith("_"):
                    continue
                anchor = f'id="{resource.__module__}.{resource.__qualname__}.{method}"'
                if anchor not in html:
                    missing.append(f"{name}.{method}")
    finally:
        gateway.close()
    assert not missing, f"the SDK reference does not document {missing}"


def test_each_request_body_has_its_field_table_inline(
    built_site: SiteBuild, gateway_spec: dict[str, Any]
) -> None:
    """A reader sees the fields to send where the operation is, not only behind a schema link."""
    html = built_site.page("reference/gateway-api")
    for item in gateway_spec["paths"].values():
        operation = item.get("post")
        if not operation or "requestBody" not in operation:
            continue
        section = re.search(rf'<h3 id="{operation["operationId"]}">.*?(?=<h3 )', html, re.DOTALL)
        assert section is not None
        body = section.group(0)[section.group(0).index("Request body") :]
        content = operation["requestBody"]["content"]["application/json"]
        schema = resolve(gateway_spec, content["schema"])
        for name in schema["properties"]:
            assert f"<code>{name}</code></td>" in body, (operation["operationId"], name)
