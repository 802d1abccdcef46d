"""Cost of one signature per scheme/encoder, against a bare HMAC of a same-size message.

Run on demand: `uv run python benchmarks/bench_signing.py [iterations]`. Prints microseconds per
signature (best of several rounds) and the ratio to `hmac.new(key, message, sha256).hexdigest()`
over a message of the same length, measured in the same run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import time
from collections.abc import Callable

import httpx
from bitexbit.auth import GatewayAuth
from bitexbit.nonce import MonotonicNonce
from bitexbit_signing import (
    ParamEncoder,
    Secret,
    SignatureScheme,
    params_message,
    path_nonce_body_message,
    request_params,
    sign_request,
)

API_KEY = "ak_live_0123456789abcdef"
SECRET = Secret("sk-benchmark-secret-0123456789")
PATH = "/api/gateway/withdraw/create"
BODY = json.dumps(
    {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "comment": "Call after success",
        "amount": "22.00000000",
        "client_order_id": "order_123",
        "fee_payer": 1,
        "auto_buy_ticker": "ETH",
        "auto_buy_percent": "10",
    },
    separators=(",", ":"),
).encode()
NONCE = 1_700_000_000_000
ROUNDS = 5


def best_microseconds(operation: Callable[[], object], iterations: int) -> float:
    """Best-of-ROUNDS mean time of one call, in microseconds."""
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(iterations):
            operation()
        best = min(best, (time.perf_counter() - start) / iterations)
    return best * 1e6


def signed_message(scheme: SignatureScheme, encoder: ParamEncoder) -> bytes:
    if scheme is SignatureScheme.PATH_NONCE_BODY:
        return path_nonce_body_message(PATH, NONCE, BODY)
    params = request_params("POST", "", "application/json", BODY)
    return params_message(API_KEY, params, encoder).encode()


def main(iterations: int) -> None:
    key = SECRET.key_bytes()
    rows: list[tuple[str, float, float]] = []
    variants = [
        (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
        (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),
        (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),
    ]
    for scheme, encoder in variants:
        message = b"x" * len(signed_message(scheme, encoder))

        def bare_hmac(message: bytes = message) -> str:
            return hmac.new(key, message, hashlib.sha256).hexdigest()

        def sign(scheme: SignatureScheme = scheme, encoder: ParamEncoder = encoder) -> str:
            return sign_request(
                secret=SECRET,
                api_key=API_KEY,
                scheme=scheme,
                encoder=encoder,
                method="POST",
                path=PATH,
                query="",
                content_type="application/json",
                body=BODY,
                nonce=NONCE,
            )

        label = scheme.value + (f"/{encoder.value}" if scheme is SignatureScheme.PARAMS else "")
        rows.append(
            (label, best_microseconds(sign, iterations), best_microseconds(bare_hmac, iterations))
        )

    auth = GatewayAuth(API_KEY, SECRET, nonces=MonotonicNonce())
    request = httpx.Request(
        "POST",
        f"http://127.0.0.1:8765{PATH}",
        content=BODY,
        headers={"Content-Type": "application/json"},
    )

    def auth_flow() -> None:
        next(auth.auth_flow(request))

    baseline = b"x" * len(signed_message(SignatureScheme.PARAMS, ParamEncoder.PYTHON))
    rows.append(
        (
            "GatewayAuth.auth_flow (params/python)",
            best_microseconds(auth_flow, iterations),
            best_microseconds(
                lambda: hmac.new(key, baseline, hashlib.sha256).hexdigest(), iterations
            ),
        )
    )

    print(f"{iterations} iterations x best of {ROUNDS}; body {len(BODY)} bytes")
    print(f"{'variant':<40} {'us/signature':>12} {'bare hmac us':>12} {'ratio':>7}")
    for label, signing, bare in rows:
        print(f"{label:<40} {signing:>12.2f} {bare:>12.2f} {signing / bare:>6.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
