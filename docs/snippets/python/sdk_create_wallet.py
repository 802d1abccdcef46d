"""Create a deposit wallet with the SDK; deposits to it are converted to USDT on arrival."""

import os
from decimal import Decimal

from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    wallet = gateway.wallets.create(
        "ETH",
        "ethereum",
        convert_ticker="USDT",
        convert_limit=Decimal("10000"),
        convert_percent=Decimal("2"),
    )
    print("deposit address:", wallet.address, "converts to", wallet.convert_ticker)
    print("limit", wallet.convert_limit, "percent", wallet.convert_percent)
