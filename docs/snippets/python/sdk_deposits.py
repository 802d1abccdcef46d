"""Follow a deposit from PENDING to CONFIRMED (the emulator's control API plays the blockchain)."""

import os

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
    wallet = gateway.wallets.create("BTC", "bitcoin")

    # Emulator only: a transaction to the address is seen, with no confirmation yet.
    seen = control.post("/deposits", json={"address": wallet.address, "amount": "0.25"})
    seen.raise_for_status()
    txid = seen.json()["txid"]

    (deposit,) = gateway.deposits.list(txid=txid).results
    seen_so_far = deposit.actual_confirmations or 0  # None before the first confirmation
    print(deposit.status.name, seen_so_far, "of", deposit.required_confirmations)

    # Emulator only: the confirmations the network requires arrive; the deposit is credited.
    control.post(f"/deposits/{txid}/confirmations").raise_for_status()

    (deposit,) = gateway.deposits.list(txid=txid).results
    seen_so_far = deposit.actual_confirmations or 0  # None before the first confirmation
    print(deposit.status.name, seen_so_far, "of", deposit.required_confirmations)

    # Every confirmed BTC deposit, newest first, fetched lazily page by page.
    for confirmed in gateway.deposits.iter(ticker="BTC", status=5, ordering="-date"):
        print(confirmed.date.isoformat(), confirmed.amount, confirmed.txid)
