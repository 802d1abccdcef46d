"""Create a withdrawal and walk it through its lifecycle (the control API plays the operator)."""

import os
from decimal import Decimal

import httpx
from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with (
    Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway,
    httpx.Client(base_url=CONTROL_URL) as control,
):
    withdrawal = gateway.withdrawals.create(
        "USDT",
        "tron",
        "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        Decimal("22"),
        client_order_id="order_123",  # your own id; the SDK generates one if you omit it
        fee_payer=1,  # the fee (2 USDT) is charged on top of the amount
        comment="Call after success",
    )
    print("created", withdrawal.id, withdrawal.status.name, withdrawal.amount, withdrawal.fee)

    # Emulator only: the user confirms, the system verifies, an operator approves, it is sent.
    for status in (20, 23, 26, 30):  # CONFIRMED, VERIFIED, APPROVED, DONE
        moved = control.post(f"/withdrawals/{withdrawal.id}/status", json={"status": status})
        moved.raise_for_status()

    latest = gateway.withdrawals.list(limit=1).results[0]  # newest first
    print("now", latest.id, latest.status.name, "txid", latest.txid)
