"""The same client_order_id twice: one withdrawal, returned twice (the second call answers 200)."""

import os
import uuid
from decimal import Decimal

from bitexbit import BadRequestError, Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

order_id = f"invoice-{uuid.uuid4().hex[:12]}"
address = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    first = gateway.withdrawals.create(
        "USDT", "tron", address, Decimal("15"), client_order_id=order_id
    )
    again = gateway.withdrawals.create(
        "USDT", "tron", address, Decimal("15"), client_order_id=order_id
    )
    print("same withdrawal:", first.id == again.id, first.id)

    try:  # the same id with different fields is refused, never a second payment
        gateway.withdrawals.create("USDT", "tron", address, Decimal("16"), client_order_id=order_id)
    except BadRequestError as error:
        print("refused:", error.field_errors)
