"""Ambiguous withdrawals: the emulator answers 502 (outcome unknown to the client). By default
the SDK does not send the withdrawal again and says so; against a gateway that deduplicates by
client_order_id (the emulator), retry_ambiguous_writes=True retries it safely."""

import os
from decimal import Decimal

import httpx
from bitexbit import AmbiguousResultError, Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")
ADDRESS = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"

with httpx.Client(base_url=CONTROL_URL) as control:
    # Emulator only: answer 502 to the next withdraw create.
    rule = {"error_502_share": 1.0, "max_faults": 1}
    control.put("/faults", json={"operations": {"createWithdraw": rule}}).raise_for_status()

    with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
        try:
            gateway.withdrawals.create("USDT", "tron", ADDRESS, Decimal("30"))
        except AmbiguousResultError as error:
            print("outcome unknown for", error.client_order_id, "-", error.cause)
            print("reconciled:", error.reconcile())  # None: nothing was created

    control.put("/faults", json={"operations": {"createWithdraw": rule}}).raise_for_status()
    with Gateway(API_KEY, API_SECRET, base_url=BASE_URL, retry_ambiguous_writes=True) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", ADDRESS, Decimal("30"))
        print("created", withdrawal.id, "with client_order_id", withdrawal.client_order_id)

    faults = control.get("/faults").json()
    print("502s injected:", faults["operations"]["createWithdraw"]["injected"])
    control.put("/faults", json={"operations": {}}).raise_for_status()  # clear the faults
