"""Create a deposit wallet with requests, sending a form body as the original sample does."""

import requests
from auth_headers import BASE_URL, get_auth_headers

body = {
    "ticker": "ETH",
    "network": "ethereum",
    "convert_ticker": "USDT",  # convert every deposit into USDT...
    "convert_limit": "10000",  # ...at most 10000 ETH per order...
    "convert_percent": "2",  # ...priced 2 % off the market
}

response = requests.post(
    f"{BASE_URL}/wallet/create", data=body, headers=get_auth_headers(body), timeout=10
)
response.raise_for_status()  # 201 Created
wallet = response.json()
print("deposit address:", wallet["address"], "converts to", wallet["convert_ticker"])
