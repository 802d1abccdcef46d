"""Quickstart: from nothing to a completed withdrawal, against the local emulator (`make run`).

Creates a deposit wallet, lets the emulator's control API play the blockchain (a deposit
arrives and confirms), withdraws part of it, has the control API play the operator who approves
the withdrawal, and reads both histories.
"""

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
    # 1. What can be deposited and withdrawn, with limits and fees as Decimal.
    for method in gateway.payment_methods.list():
        print(f"{method.ticker:>5} on {method.network:<9} fee {method.withdraw_fee_amount}")

    # 2. A deposit address for USDT on Tron.
    wallet = gateway.wallets.create("USDT", "tron")
    print("deposit address:", wallet.address)

    # 3. Emulator only: 150 USDT arrive on the address, then get their confirmations.
    arrived = control.post("/deposits", json={"address": wallet.address, "amount": "150"})
    arrived.raise_for_status()
    txid = arrived.json()["txid"]
    control.post(f"/deposits/{txid}/confirmations").raise_for_status()

    # 4. The wallet history (deposits) shows it confirmed.
    for deposit in gateway.deposits.iter(address=wallet.address):
        print("deposit", deposit.amount, deposit.ticker, deposit.status.name)

    # 5. Withdraw 25 USDT. The SDK sends a client_order_id, so retries cannot pay twice.
    withdrawal = gateway.withdrawals.create(
        "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("25")
    )
    print("withdrawal", withdrawal.id, withdrawal.status.name, "fee", withdrawal.fee)

    # 6. Emulator only: an operator approves it and it is sent (status 30, DONE).
    done = control.post(f"/withdrawals/{withdrawal.id}/status", json={"status": 30})
    done.raise_for_status()

    # 7. The withdraw history shows it DONE, with its transaction hash.
    for item in gateway.withdrawals.iter():
        print("withdrawal", item.id, item.amount, item.ticker, item.status.name, item.txid)
