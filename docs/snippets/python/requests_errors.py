"""What error bodies look like on the wire: `400` maps fields to messages, the rest carry a code."""

import requests
from auth_headers import API_KEY, BASE_URL, get_auth_headers

# 400: field name -> list of messages (non_field_errors for the rest).
body = {"ticker": "USDT", "network": "tron", "address": "not-an-address", "amount": "1"}
response = requests.post(
    f"{BASE_URL}/withdraw/create", data=body, headers=get_auth_headers(body), timeout=10
)
print(response.status_code, response.json())

# 401: {"detail": ..., "code": ...}; here the signature header is missing.
headers = {"X-API-Key": API_KEY, "X-Nonce": get_auth_headers()["X-Nonce"]}
response = requests.get(f"{BASE_URL}/wallets", headers=headers, timeout=10)
print(response.status_code, response.json()["code"], response.headers.get("X-Request-Id"))
