"""Pagination with the SDK: one page with its count, or every item lazily."""

import os

from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    for _ in range(5):
        gateway.wallets.create("TRX", "tron")

    # One page: results plus the DRF envelope (count, next, previous).
    page = gateway.wallets.list(page=1, limit=2, ordering="-id")
    print("count", page.count, "on this page", len(page.results), "next", page.next)

    # Every wallet, two per request, each page fetched only when the loop reaches it.
    addresses = [wallet.address for wallet in gateway.wallets.iter(limit=2, ordering="id")]
    print(len(addresses), "wallets in", -(-len(addresses) // 2), "requests")
