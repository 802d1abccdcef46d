"""Retries with a client_order_id: the emulator fails the first two attempts with 502, and the
SDK's retries still create exactly one withdrawal."""

import os
from decimal import Decimal

import httpx
from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with httpx.Client(base_url=CONTROL_URL) as control:
    # Emulator only: answer 502 to the next two withdraw creates.
    rule = {"error_502_share": 1.0, "max_faults": 2}
    control.put("/faults", json={"operations": {"createWithdraw": rule}}).raise_for_status()

    with Gateway(API_KEY, API_SECRET, base_url=BASE_URL, max_retries=3) as gateway:
        withdrawal = gateway.withdrawals.create(
            "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("30")
        )
        print("created", withdrawal.id, "with client_order_id", withdrawal.client_order_id)
        print("withdrawals in history:", gateway.withdrawals.list().count)

    faults = control.get("/faults").json()
    print("502s injected:", faults["operations"]["createWithdraw"]["injected"])
    control.put("/faults", json={"operations": {}}).raise_for_status()  # clear the faults
