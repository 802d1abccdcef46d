"""Every part of the gateway spec says whether the gateway's documentation states it.

`x-provenance` is `documented`, `corrected` or `designed`; corrected and designed nodes name
their section of `docs/errata.md`. An unmarked node, or a label the errata page does not
explain, fails here, so nothing designed can slip in looking like a documented fact.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from bitexbit_conformance.provenance import (
    ERRATA_KEY,
    PROVENANCE_KEY,
    Provenance,
    documented_view,
    errata_labels_in,
    marked_nodes,
    provenance_problems,
)

from tools.spec_examples import SchemaValidators

ERRATA = Path(__file__).resolve().parents[2] / "docs" / "errata.md"
LABELS = errata_labels_in(ERRATA.read_text(encoding="utf-8"))


def test_every_node_of_the_spec_is_marked(gateway_spec: dict[str, Any]) -> None:
    assert provenance_problems(gateway_spec, LABELS) == []


def test_the_walk_covers_every_kind_of_node(gateway_spec: dict[str, Any]) -> None:
    kinds: dict[str, int] = {}
    for node in marked_nodes(gateway_spec):
        kinds[node.kind] = kinds.get(node.kind, 0) + 1
    # six operations plus the two callbacks
    assert kinds["operation"] == 8
    assert set(kinds) == {
        "operation",
        "parameter",
        "response",
        "header",
        "security scheme",
        "schema",
        "property",
        "extension",
    }
    assert kinds["property"] >= 90


def test_an_unmarked_property_fails(gateway_spec: dict[str, Any]) -> None:
    spec = copy.deepcopy(gateway_spec)
    del spec["components"]["schemas"]["Withdraw"]["properties"]["fee"][PROVENANCE_KEY]
    assert provenance_problems(spec, LABELS) == [
        "/components/schemas/Withdraw/properties/fee (property): x-provenance is None"
    ]


def test_a_designed_node_needs_a_label_the_errata_explain(gateway_spec: dict[str, Any]) -> None:
    spec = copy.deepcopy(gateway_spec)
    withdraw = spec["paths"]["/withdraw/create"]["post"]
    withdraw["responses"]["201"][ERRATA_KEY] = "Z9"
    del withdraw["responses"]["200"][ERRATA_KEY]
    assert provenance_problems(spec, LABELS) == [
        "/paths/~1withdraw~1create/post/responses/201: x-errata Z9 is not a docs/errata.md section",
        "/paths/~1withdraw~1create/post/responses/200: designed but no x-errata label",
    ]


def test_an_unknown_mark_fails(gateway_spec: dict[str, Any]) -> None:
    spec = copy.deepcopy(gateway_spec)
    spec["paths"]["/wallets"]["get"][PROVENANCE_KEY] = "probably"
    assert provenance_problems(spec, LABELS) == [
        "/paths/~1wallets/get (operation): x-provenance is 'probably'"
    ]


def test_the_designed_items_the_toolkit_relies_on_are_marked_designed(
    gateway_spec: dict[str, Any],
) -> None:
    marks = {node.pointer: node.provenance for node in marked_nodes(gateway_spec)}
    designed = {pointer for pointer, mark in marks.items() if mark is Provenance.DESIGNED}
    for pointer in (
        "/paths/~1withdraw~1create/post/responses/201",  # status codes (W4)
        "/paths/~1withdraw~1create/post/responses/200",  # deduplication by client_order_id (W2)
        "/paths/~1wallet~1create/post/responses/201",
        "/components/headers/RequestId",
        "/components/headers/RetryAfter",
        "/components/responses/InvalidPage",
        "/components/schemas/CallbackEnvelope",  # the callback protocol (C1)
        "/components/schemas/Withdraw/properties/fee",
    ):
        assert pointer in designed, pointer
    # the status enums are the documentation's codes, closed only by our design (T6)
    assert marks["/components/schemas/WithdrawStatus"] is Provenance.CORRECTED


def test_the_documented_view_accepts_the_documentation_samples(
    gateway_spec: dict[str, Any],
) -> None:
    """The docs' withdraw sample (status 0, "string" placeholders, numbers for money) is
    invalid against the spec but valid against what the documentation vouches for."""
    sample = {
        "id": 0,
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "payment_id": None,
        "memo": None,
        "comment": "Call after success",
        "destination_tag": None,
        "amount": 22,
        "callback_url": None,
        "client_order_id": "order_123",
        "fee_payer": 1,
        "status": 0,
        "auto_buy": {"symbol": "ETH", "amount": 22, "price": 3300, "side": 1, "state": "string"},
        "txid": "string",
        "aml_success": "string",
        "aml_risk": "string",
        "aml_url": "string",
        "created_at": "2021-05-21T13:28:32.095Z",
    }
    strict = SchemaValidators(gateway_spec).at("/components/schemas/Withdraw")
    relaxed = SchemaValidators(documented_view(gateway_spec)).at("/components/schemas/Withdraw")
    assert list(strict.iter_errors(sample)) != []
    assert list(relaxed.iter_errors(sample)) == []
    # documented fields stay required, and keep their documented types
    assert list(relaxed.iter_errors({k: v for k, v in sample.items() if k != "address"})) != []
    assert list(relaxed.iter_errors({**sample, "comment": 5})) != []


def _at_a_glance_labels() -> set[str]:
    text = ERRATA.read_text(encoding="utf-8")
    section = text.split("## Designed items at a glance", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| \[([A-Z]\d+)\]", section, re.MULTILINE))


def test_every_designed_label_has_a_line_at_a_glance(gateway_spec: dict[str, Any]) -> None:
    """One line per designed item, with what to do if production differs (errata)."""
    designed = {
        node.errata
        for node in marked_nodes(gateway_spec)
        if node.provenance is Provenance.DESIGNED and node.errata is not None
    }
    assert designed
    assert designed <= _at_a_glance_labels()


def test_the_signing_header_names_are_the_specs(gateway_spec: dict[str, Any]) -> None:
    """`bitexbit_signing` names the three headers once; the spec's securitySchemes agree."""
    from bitexbit_signing import API_KEY_HEADER, NONCE_HEADER, SIGNATURE_HEADER

    schemes = gateway_spec["components"]["securitySchemes"]
    assert (schemes["ApiKey"]["name"], schemes["Signature"]["name"], schemes["Nonce"]["name"]) == (
        API_KEY_HEADER,
        SIGNATURE_HEADER,
        NONCE_HEADER,
    )
