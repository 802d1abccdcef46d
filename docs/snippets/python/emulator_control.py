"""Drive the emulator through its control API: accounts, balances, transition modes, reset."""

import os
from decimal import Decimal

import httpx
from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with (
    httpx.Client(base_url=CONTROL_URL) as control,
    Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway,
):
    print(control.get("/health").json())

    # The configured accounts and their keys (never their secrets).
    accounts = control.get("/accounts").json()
    demo = next(account for account in accounts if account["name"] == "demo")
    print("demo account", demo["id"], "keys", [key["api_key"] for key in demo["keys"]])

    # Credit 500 USDT (a ledger entry; negative amounts debit).
    credit = {"account_id": demo["id"], "ticker": "USDT", "amount": "500", "reason": "top-up"}
    print("balance now", control.post("/balances/adjust", json=credit).json()["balance"])

    # "immediate": deposits confirm and withdrawals run to DONE as soon as they are created.
    control.put("/transition-mode", json={"mode": "immediate"}).raise_for_status()
    withdrawal = gateway.withdrawals.create(
        "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("100")
    )
    latest = gateway.withdrawals.list(limit=1).results[0]
    print("withdrawal", withdrawal.id, "is", latest.status.name, "txid", latest.txid)

    balances = control.get("/balances", params={"account_id": demo["id"]}).json()
    print("USDT after the withdrawal and its fee:", balances["balances"]["USDT"])

    # Back to the configured state: data wiped, balances re-seeded, nonces and faults cleared.
    control.put("/transition-mode", json={"mode": "manual"}).raise_for_status()
    print(control.post("/reset").json())
