"""Receive and verify status callbacks: a small receiver on 127.0.0.1, fed by the emulator."""

import os
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from bitexbit import CallbackVerificationError, Gateway
from bitexbit.callbacks import verify_callback

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

received = queue.Queue()  # verified, first-seen events
seen_ids = set()  # deliveries are retried: act on each event id once


class CallbackHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        raw_body = self.rfile.read(int(self.headers["Content-Length"]))  # the exact bytes
        try:
            event = verify_callback(raw_body, dict(self.headers), API_SECRET)
        except CallbackVerificationError:
            self.send_response(400)  # not from the gateway, or altered: ignore it
            self.end_headers()
            return
        self.send_response(200)  # acknowledge quickly; do the work after
        self.end_headers()
        if event.id not in seen_ids:
            seen_ids.add(event.id)
            received.put(event)

    def log_message(self, format: str, *args: object) -> None:  # keep the output short
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), CallbackHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
callback_url = f"http://127.0.0.1:{server.server_port}/bitexbit/callbacks"

with (
    Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway,
    httpx.Client(base_url=CONTROL_URL) as control,
):
    wallet = gateway.wallets.create("USDT", "tron", callback_url=callback_url)

    # Emulator only: a deposit arrives (PENDING), then confirms (CONFIRMED).
    seen = control.post("/deposits", json={"address": wallet.address, "amount": "40"})
    seen.raise_for_status()
    control.post(f"/deposits/{seen.json()['txid']}/confirmations").raise_for_status()
    control.post("/tick").raise_for_status()  # deliver due callbacks now, not within 0.2 s

    for _ in range(2):
        event = received.get(timeout=10)
        print(event.event, event.data.txid[:12], event.data.status.name, event.data.amount)

server.shutdown()
