"""List the payment methods with the SDK: limits and fees come back as Decimal."""

import os

from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    for method in gateway.payment_methods.list():
        print(method.ticker, method.network, "min withdraw", method.min_withdraw)
