"""Follow `next` links with requests. Each page is a new GET, signed over its own query."""

from urllib.parse import parse_qsl, urlsplit

import requests
from auth_headers import BASE_URL, get_auth_headers

url: str | None = f"{BASE_URL}/wallets?limit=2&ordering=id"
total = 0
while url is not None:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))  # what the signature must cover
    page_url = f"{parts.scheme}://{parts.netloc}{parts.path}"
    response = requests.get(page_url, params=query, headers=get_auth_headers(query), timeout=10)
    response.raise_for_status()
    page = response.json()
    total += len(page["results"])
    url = page["next"]  # an absolute URL, or None on the last page
print(total, "wallets of", page["count"])
