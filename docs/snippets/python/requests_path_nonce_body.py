"""Sign with the `path-nonce-body` scheme: HMAC-SHA256(secret, path + nonce + body).

The path, the nonce and the exact body bytes are all signed, so a captured request cannot be
replayed with another nonce or sent to another endpoint. Sign the bytes you send: serialise the
JSON once, sign those bytes, send those bytes.
"""

import hashlib
import hmac
import json
from urllib.parse import urlsplit

import requests
from auth_headers import API_KEY, API_SECRET, BASE_URL, next_nonce


def signed_headers(url: str, body: bytes = b"") -> dict[str, str]:
    nonce = next_nonce()
    path = urlsplit(url).path  # e.g. /api/gateway/wallet/create, without the query
    message = path.encode() + nonce.encode() + body
    signature = hmac.new(API_SECRET.encode(), message, hashlib.sha256).hexdigest()
    return {"X-API-Key": API_KEY, "X-Signature": signature, "X-Nonce": nonce}


# A POST with a JSON body.
url = f"{BASE_URL}/wallet/create"
body = json.dumps({"ticker": "BTC", "network": "bitcoin"}).encode()
headers = {**signed_headers(url, body), "Content-Type": "application/json"}
response = requests.post(url, data=body, headers=headers, timeout=10)
response.raise_for_status()
print("wallet", response.json()["address"])

# A GET: the body is empty, and the query is not part of the signature.
url = f"{BASE_URL}/wallets"
response = requests.get(url, params={"limit": "10"}, headers=signed_headers(url), timeout=10)
response.raise_for_status()
print(response.json()["count"], "wallets")
