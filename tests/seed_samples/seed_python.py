"""The seed documentation's Python sample, in one place for every test that runs it.

`get_auth_headers` is the seed's code to the letter ("Authorization" section; it is written as a
method, ``self`` first), with only its placeholders 'your key' / 'your keys secret' replaced by
the factory's arguments. The request bodies are the seed's wallet/create and withdraw/create
samples.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import partial
from time import time
from typing import Any, Final
from urllib.parse import urlencode

__all__ = [
    "SEED_WALLET_CREATE_BODY",
    "SEED_WITHDRAW_CREATE_BODY",
    "SeedHeaders",
    "seed_get_auth_headers",
]

SeedHeaders = Callable[[dict[str, Any]], dict[str, str]]


def seed_get_auth_headers(api_key: str, secret: str) -> SeedHeaders:
    """The seed's `get_auth_headers` for ``api_key``/``secret``, ``self`` already bound."""

    # fmt: off
    def get_auth_headers(self, data = {}):  # type: ignore[no-untyped-def]  # noqa: B006
            msg = api_key + urlencode(sorted(data.items(), key=lambda val: val[0]))

            sign = hmac.new(secret.encode(), msg.encode(), digestmod='sha256').hexdigest()

            return {
                'X-API-Key': api_key,
                'X-Signature': sign,
                'X-Nonce': str(int(time() * 1000)),
            }
    # fmt: on

    bound: SeedHeaders = partial(get_auth_headers, None)
    return bound


SEED_WALLET_CREATE_BODY: Final[dict[str, Any]] = {
    "ticker": "ETH",
    "network": "ethereum",
    "convert_ticker": "USDT",
    "convert_limit": 10000,
    "convert_percent": 2,
}
SEED_WITHDRAW_CREATE_BODY: Final[dict[str, Any]] = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "payment_id": "",
    "memo": "",
    "comment": "Call after success",
    "destination_tag": "",
    "amount": 22,
    "client_order_id": "order_123",
    "fee_payer": 1,
    "auto_buy_ticker": "ETH",
    "auto_buy_percent": 10,
}
