"""A JSON number for money is a 400; the same amount as a decimal string is accepted."""

import json
from urllib.parse import urlsplit

import requests
from auth_headers import API_KEY, API_SECRET, BASE_URL, next_nonce
from bitexbit_signing import ParamEncoder, SignatureScheme, sign_request

url = f"{BASE_URL}/withdraw/create"
address = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"
for amount in (22.5, "22.5"):  # a JSON number, then a decimal string
    body = json.dumps({"ticker": "USDT", "network": "tron", "address": address, "amount": amount})
    nonce = next_nonce()
    signature = sign_request(  # the toolkit's signer: JSON members are signed as their text
        secret=API_SECRET,
        api_key=API_KEY,
        scheme=SignatureScheme.PARAMS,
        encoder=ParamEncoder.PYTHON,
        method="POST",
        path=urlsplit(url).path,
        query="",
        content_type="application/json",
        body=body.encode(),
        nonce=nonce,
    )
    headers = {
        "X-API-Key": API_KEY,
        "X-Signature": signature,
        "X-Nonce": nonce,
        "Content-Type": "application/json",
    }
    response = requests.post(url, data=body, headers=headers, timeout=10)
    print(json.dumps(amount), "->", response.status_code, response.json().get("amount"))
