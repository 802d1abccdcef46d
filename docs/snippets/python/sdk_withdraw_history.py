"""Read the withdraw history with the SDK: one page, or every withdrawal lazily."""

import os

from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    page = gateway.withdrawals.list(limit=20, ordering="-created_at")
    print(page.count, "withdrawals; next page:", page.next)

    for withdrawal in gateway.withdrawals.iter(ticker="USDT", status=30):  # every DONE one
        print(withdrawal.id, withdrawal.amount, withdrawal.txid, withdrawal.created_at)
