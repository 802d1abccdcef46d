"""The DRF page envelope over HTTP: absolute next/previous links that keep the other filters."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from bitexbit_emulator.pytest_plugin import GatewayEmulator


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_pages_link_to_each_other(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    for ticker, network in [("BTC", "bitcoin"), ("ETH", "ethereum"), ("USDT", "tron")]:
        assert signed.post("/wallet/create", {"ticker": ticker, "network": network}).is_success
    first = signed.get("/wallets", {"limit": 1, "ordering": "id"}).json()
    assert first["count"] == 3
    assert first["previous"] is None
    assert first["results"][0]["ticker"] == "BTC"
    assert first["next"].startswith(gateway_emulator.base_url + "/wallets?")
    assert _query(first["next"]) == {"limit": ["1"], "ordering": ["id"], "page": ["2"]}

    second = signed.get("/wallets", {"limit": 1, "ordering": "id", "page": 2}).json()
    assert second["results"][0]["ticker"] == "ETH"
    assert _query(second["previous"]) == {"limit": ["1"], "ordering": ["id"]}
    assert _query(second["next"])["page"] == ["3"]

    third = signed.get("/wallets", {"limit": 1, "ordering": "id", "page": 3}).json()
    assert third["next"] is None
    assert _query(third["previous"])["page"] == ["2"]

    past = signed.get("/wallets", {"limit": 1, "page": 4})
    assert past.status_code == 404


def test_without_a_limit_everything_is_one_page(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    for _ in range(3):
        assert signed.post("/wallet/create", {"ticker": "USDT", "network": "tron"}).is_success
    page = signed.get("/wallets").json()
    assert (page["count"], page["next"], page["previous"]) == (3, None, None)
    assert len(page["results"]) == 3


def test_huge_page_sizes_and_numbers_are_valid(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert signed.post("/wallet/create", {"ticker": "BTC", "network": "bitcoin"}).is_success
    for limit in (2**62, 2**70, 10**300):
        page = signed.get("/wallets", {"limit": limit})
        assert page.status_code == 200, page.text
        assert page.json()["count"] == 1
    for params in ({"page": 2**62}, {"page": 2**70, "limit": 2**70}):
        assert signed.get("/withdraw/history", params).status_code == 404
    beyond_python = signed.get("/wallets", {"limit": "9" * 5000})
    assert beyond_python.status_code == 400


def test_every_filter_the_spec_declares_is_a_column_it_filters(
    gateway_spec: dict[str, Any],
) -> None:
    """The handlers pass every declared filter through by name: each must name a column."""
    from bitexbit_emulator.store.tables import deposits, withdrawals

    from tools.spec_examples import resolve

    tables = {"getWalletHistory": deposits, "getWithdrawHistory": withdrawals}
    for item in gateway_spec["paths"].values():
        for operation in item.values():
            table = tables.get(operation["operationId"])
            if table is None:
                continue
            names = {resolve(gateway_spec, p)["name"] for p in operation["parameters"]}
            filters = names - {"page", "limit", "ordering"}
            assert filters, operation["operationId"]
            assert filters <= set(table.c.keys()), filters - set(table.c.keys())
