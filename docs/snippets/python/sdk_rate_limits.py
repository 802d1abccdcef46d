"""The SDK paces calls to 2 per second per key, so a well-behaved program never sees a 429."""

import os
import time

from bitexbit import Gateway, RateLimitError

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as paced:
    started = time.monotonic()
    for _ in range(5):
        paced.payment_methods.list()
    print(f"5 paced calls in {time.monotonic() - started:.1f} s, no 429")

time.sleep(1.0)  # let the gateway's one-second window pass

# Without the limiter and without retries, a burst meets the gateway's limit.
with Gateway(API_KEY, API_SECRET, base_url=BASE_URL, rate_limit=False, max_retries=0) as burst:
    try:
        for _ in range(5):
            burst.payment_methods.list()
    except RateLimitError as error:
        print(error.status_code, error.code, "retry after", error.retry_after, "s")
