"""Whatever arrives, the answer is a documented status in the documented shape, never a 500."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from bitexbit_emulator.pytest_plugin import GatewayEmulator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    # Non-finite floats are not JSON: the test client could not sign them (see the test below).
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["USDT", "tron", "22", "-1", "0.000000001", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"]
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
WITHDRAW_FIELDS = ["ticker", "network", "address", "amount", "fee_payer", "memo", "client_order_id"]
FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)


def _assert_documented(response: Any, allowed: set[int]) -> None:
    assert response.status_code in allowed, response.text
    body = response.json()
    if response.status_code == 400:
        assert all(isinstance(messages, list) for messages in body.values())
    elif response.status_code >= 401:
        assert set(body) == {"detail", "code"}


@FUZZ_SETTINGS
@given(body=st.dictionaries(st.sampled_from(WITHDRAW_FIELDS), JSON_VALUES, max_size=7))
def test_withdraw_create_with_any_json(
    gateway_emulator: GatewayEmulator, body: dict[str, Any]
) -> None:
    raw = json.dumps(body).encode()
    response = gateway_emulator.signed.post("/withdraw/create", raw)
    _assert_documented(response, {200, 201, 400})


def test_withdraw_create_with_non_json_number_is_a_400(gateway_emulator: GatewayEmulator) -> None:
    """`Infinity` is what json.dumps writes for a float overflow; it is not JSON, so never a 500."""
    raw = b'{"ticker": "USDT", "network": "tron", "amount": Infinity}'
    response = gateway_emulator.signed.post("/withdraw/create", raw, scheme="path-nonce-body")
    _assert_documented(response, {400})
    assert gateway_emulator.sandbox.withdraw_history(1).count == 0


@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["page", "limit", "ordering", "status", "ticker", "txid", "x"]),
        st.text(max_size=8),
        max_size=4,
    )
)
def test_history_with_any_query(gateway_emulator: GatewayEmulator, params: dict[str, str]) -> None:
    response = gateway_emulator.signed.get("/wallet/history", params)
    _assert_documented(response, {200, 400, 404})
    raw = gateway_emulator.http.get("/api/gateway/withdraw/history?" + urlencode(params))
    _assert_documented(raw, {401})
