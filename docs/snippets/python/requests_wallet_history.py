"""Read the wallet history (deposits) with requests: a GET signs its query parameters."""

import requests
from auth_headers import BASE_URL, get_auth_headers

query = {"ticker": "USDT", "status": "5", "limit": "50"}  # confirmed USDT deposits, 50 a page
response = requests.get(
    f"{BASE_URL}/wallet/history", params=query, headers=get_auth_headers(query), timeout=10
)
response.raise_for_status()
page = response.json()
print(page["count"], "confirmed USDT deposits")
for deposit in page["results"]:
    print(deposit["txid"], deposit["amount"], deposit["status"])
