"""Read the withdraw history with requests: a GET (the original Python sample's POST is wrong)."""

import requests
from auth_headers import BASE_URL, get_auth_headers

query = {"ordering": "-created_at", "limit": "20"}
response = requests.get(
    f"{BASE_URL}/withdraw/history", params=query, headers=get_auth_headers(query), timeout=10
)
response.raise_for_status()
page = response.json()
print(page["count"], "withdrawals; next page:", page["next"])
for withdrawal in page["results"]:
    print(withdrawal["id"], withdrawal["amount"], withdrawal["ticker"], withdrawal["status"])
