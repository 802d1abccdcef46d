"""Per-request overhead of the SDK stack against raw httpx, on one in-process mock server.

Three clients send `GET /api/gateway/wallets?page=1&limit=2` to the same `httpx.MockTransport`
returning a fixed two-wallet page, so the network is out of the picture:

* raw httpx: a pre-signed request (fixed headers), `response.json()`;
* raw httpx + GatewayAuth: the same, signed per request (nonce + HMAC);
* the facade: `Gateway.wallets.list()` (limiter off) = GatewayAuth + generated client + typed
  errors/retry loop + Page/Wallet views.

Prints microseconds per request (best of several rounds), the facade/raw ratio, and the cost of
one signature. On demand only: `uv run python benchmarks/bench_client_overhead.py [requests]`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

import httpx
from bitexbit import Gateway, GatewayAuth
from bitexbit_signing import ParamEncoder, SignatureScheme, sign_request

BASE_URL = "http://127.0.0.1:8765/api/gateway"
API_KEY = "bench-key-0001"
SECRET = "bench-secret"
ROUNDS = 5
DEFAULT_REQUESTS = 2_000

_WALLET = {
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "slug": "529e67dd83f210e727702d15ffbde9548917",
    "ticker": "USDT",
    "network": "tron",
    "callback_url": None,
    "convert_ticker": "ETH",
    "convert_limit": "30.00000000",
    "convert_percent": "0.10000000",
    "created_at": "2021-05-20T14:42:15.210193Z",
}
PAGE_BYTES = json.dumps(
    {"count": 2, "next": None, "previous": None, "results": [_WALLET, _WALLET]}
).encode()


def _serve(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=PAGE_BYTES, headers={"Content-Type": "application/json"}, request=request
    )


def _per_call_microseconds(
    calls: dict[str, Callable[[], object]], requests: int
) -> dict[str, float]:
    """Best round per client; rounds interleave the clients so machine noise hits all alike."""
    for call in calls.values():
        for _ in range(max(10, requests // 20)):  # warm-up
            call()
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(ROUNDS):
        for name, call in calls.items():
            start = time.perf_counter_ns()
            for _ in range(requests):
                call()
            best[name] = min(best[name], (time.perf_counter_ns() - start) / requests / 1_000)
    return best


def _signature_microseconds(scheme: SignatureScheme, repeats: int = 20_000) -> float:
    def sign() -> str:
        return sign_request(
            secret=SECRET,
            api_key=API_KEY,
            scheme=scheme,
            encoder=ParamEncoder.PYTHON,
            method="GET",
            path="/api/gateway/wallets",
            query="page=1&limit=2",
            content_type=None,
            body=b"",
            nonce=1_700_000_000_000,
        )

    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter_ns()
        for _ in range(repeats):
            sign()
        samples.append((time.perf_counter_ns() - start) / repeats / 1_000)
    return min(samples)


def main(requests: int) -> None:
    transport = httpx.MockTransport(_serve)
    signer = GatewayAuth(API_KEY, SECRET)
    fixed_headers = signer.signed_headers(
        method="GET", raw_path="/api/gateway/wallets?page=1&limit=2", content_type=None, body=b""
    )
    params = {"page": 1, "limit": 2}

    with (
        httpx.Client(base_url=BASE_URL, transport=transport) as raw,
        httpx.Client(base_url=BASE_URL, transport=transport, auth=signer) as raw_signed,
        Gateway(API_KEY, SECRET, base_url=BASE_URL, transport=transport, rate_limit=False) as gw,
    ):
        assert len(gw.wallets.list(limit=2).results) == 2
        timings = _per_call_microseconds(
            {
                "raw": lambda: raw.get("/wallets", params=params, headers=fixed_headers).json(),
                "signed": lambda: raw_signed.get("/wallets", params=params).json(),
                "facade": lambda: gw.wallets.list(limit=2),
            },
            requests,
        )
    raw_us, signed_us, facade_us = timings["raw"], timings["signed"], timings["facade"]

    params_sig = _signature_microseconds(SignatureScheme.PARAMS)
    pnb_sig = _signature_microseconds(SignatureScheme.PATH_NONCE_BODY)

    print(f"requests per round: {requests}, best of {ROUNDS} rounds, in-process MockTransport")
    print(f"{'raw httpx (pre-signed headers)':<40} {raw_us:9.1f} us/request  1.00x")
    print(f"{'raw httpx + GatewayAuth':<40} {signed_us:9.1f} us/request  {signed_us / raw_us:.2f}x")
    print(
        f"{'Gateway.wallets.list (full stack)':<40} {facade_us:9.1f} us/request  "
        f"{facade_us / raw_us:.2f}x"
    )
    print(f"{'facade overhead over raw httpx':<40} {facade_us - raw_us:9.1f} us/request")
    print(f"{'one signature, params scheme':<40} {params_sig:9.2f} us")
    print(f"{'one signature, path-nonce-body scheme':<40} {pnb_sig:9.2f} us")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REQUESTS)
