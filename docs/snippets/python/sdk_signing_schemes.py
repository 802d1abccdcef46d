"""Choose the signing scheme and encoder of the SDK (defaults: `params` with the Python encoder)."""

import os

from bitexbit import Gateway
from bitexbit_signing import ParamEncoder, SignatureScheme

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

variants = [
    (SignatureScheme.PARAMS, ParamEncoder.PYTHON),  # the original Python sample (default)
    (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),  # the original JavaScript sample
    (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),  # the prose; encoder unused
]
for scheme, encoder in variants:
    with Gateway(API_KEY, API_SECRET, base_url=BASE_URL, scheme=scheme, encoder=encoder) as gateway:
        wallet = gateway.wallets.create("USDT", "tron")
        print(f"{scheme.value:<16} {encoder.value:<10} -> wallet {wallet.address}")
