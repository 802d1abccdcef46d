"""Several processes, one API key: share the nonce through a file-locked store."""

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bitexbit import Gateway
from bitexbit.nonce import FileLockedNonce

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")
NONCE_FILE = Path(tempfile.gettempdir()) / f"bitexbit-{API_KEY}.nonce"


def worker(number: int) -> str:
    # Every process opens the same file: each nonce is greater than any other process's last.
    nonces = FileLockedNonce(NONCE_FILE)
    with Gateway(API_KEY, API_SECRET, base_url=BASE_URL, nonces=nonces) as gateway:
        wallet = gateway.wallets.create("USDT", "tron")
    last_nonce = NONCE_FILE.read_text().strip()
    return f"worker {number}: wallet {wallet.address}, shared last nonce {last_nonce}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        for line in pool.map(worker, range(2)):
            print(line)
