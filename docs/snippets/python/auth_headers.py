"""Sign gateway requests the way the original Python sample does (scheme `params`, Python encoder).

Save as auth_headers.py next to the other samples. Configuration comes from the environment;
the defaults are the local emulator's demo key (`make run` prints them).
"""

import hashlib
import hmac
import os
import threading
import time
from urllib.parse import urlencode

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
CONTROL_URL = os.environ.get("BITEXBIT_CONTROL_URL", "http://127.0.0.1:8765/_emulator")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

_lock = threading.Lock()
_last_nonce = 0
_last_call = 0.0
_CALL_INTERVAL = 0.5  # seconds: the gateway allows 2 authorized calls per second per key


def _pace() -> None:
    """Wait so that calls are at least _CALL_INTERVAL apart (no 429 from a single script)."""
    global _last_call
    with _lock:
        delay = _last_call + _CALL_INTERVAL - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        _last_call = time.monotonic()


def next_nonce() -> str:
    """Milliseconds since the epoch, bumped so that it always increases in this process.

    Every signed request takes a nonce, so this is also where calls are paced.
    """
    global _last_nonce
    _pace()
    with _lock:
        _last_nonce = max(int(time.time() * 1000), _last_nonce + 1)
        return str(_last_nonce)


def get_auth_headers(params: dict[str, str] | None = None) -> dict[str, str]:
    """The three auth headers for a request whose query (GET) or form body (POST) is `params`."""
    message = API_KEY + urlencode(sorted((params or {}).items()))
    signature = hmac.new(API_SECRET.encode(), message.encode(), hashlib.sha256).hexdigest()
    return {"X-API-Key": API_KEY, "X-Signature": signature, "X-Nonce": next_nonce()}
