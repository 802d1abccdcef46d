"""List the payment methods with requests (GET: the signature covers the query, here empty)."""

import requests
from auth_headers import BASE_URL, get_auth_headers

response = requests.get(f"{BASE_URL}/payment-methods", headers=get_auth_headers(), timeout=10)
response.raise_for_status()
for method in response.json():
    print(method["ticker"], method["network"], "min withdraw", method["min_withdraw"])
