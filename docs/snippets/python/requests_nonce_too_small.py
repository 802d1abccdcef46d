"""What "nonce too small" looks like: a nonce not above the key's last accepted one is a 401."""

import requests
from auth_headers import BASE_URL, get_auth_headers

first = get_auth_headers()
response = requests.get(f"{BASE_URL}/payment-methods", headers=first, timeout=10)
print("nonce", first["X-Nonce"], "->", response.status_code)

stale = {**get_auth_headers(), "X-Nonce": str(int(first["X-Nonce"]) - 1)}  # e.g. another process
response = requests.get(f"{BASE_URL}/payment-methods", headers=stale, timeout=10)
print("nonce", stale["X-Nonce"], "->", response.status_code, response.json())
