"""Create a withdrawal with requests (form body), with a client_order_id so a retry is safe."""

import uuid

import requests
from auth_headers import BASE_URL, get_auth_headers

body = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",  # a decimal string, never a float
    "comment": "Call after success",  # spaces are fine: the signature uses what is sent
    "client_order_id": f"order-{uuid.uuid4().hex}",  # your id; repeats return the original
    "fee_payer": "1",  # the fee comes from the balance, on top of the amount
}

for _attempt in range(3):  # retrying is safe: same client_order_id, at most one withdrawal
    response = requests.post(
        f"{BASE_URL}/withdraw/create", data=body, headers=get_auth_headers(body), timeout=10
    )
    if response.status_code not in (429, 502):
        break
response.raise_for_status()  # 201 for a new withdrawal, 200 for a repeat of the same request
withdrawal = response.json()
print("withdrawal", withdrawal["id"], "status", withdrawal["status"], "fee", withdrawal["fee"])
