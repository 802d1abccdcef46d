"""Check a signer against the published test vectors (auth_plugin/bitexbit_signing/vectors.json).

Each vector is a request as sent plus the expected signature for every scheme and encoder. This
checks the small reference signer below, written from the rules on this page only; point it at
your own implementation instead.
"""

import hashlib
import hmac
from urllib.parse import quote, urlencode

from bitexbit_signing import load_vectors


def hmac_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def encode_python(pairs: list[tuple[str, str]]) -> str:
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def encode_javascript(pairs: list[tuple[str, str]]) -> str:
    def js_order(pair: tuple[str, str]) -> bytes:  # JavaScript compares UTF-16 code units
        return pair[0].encode("utf-16-be", "surrogatepass")

    # encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is percent-encoded.
    return "&".join(
        key + "=" + quote(value, safe="-_.!~*'()") for key, value in sorted(pairs, key=js_order)
    )


checked = 0
for vector in load_vectors():
    pairs = [(key, value) for key, value in vector["params"]]
    expected = vector["expected"]
    for encoder_name, encode in (("python", encode_python), ("javascript", encode_javascript)):
        message = (vector["api_key"] + encode(pairs)).encode()
        signature = hmac_hex(vector["secret"], message)
        assert signature == expected["params"][encoder_name], vector["name"]
        checked += 1
    message = (vector["path"] + str(vector["nonce"])).encode() + vector["body"].encode()
    assert hmac_hex(vector["secret"], message) == expected["path-nonce-body"], vector["name"]
    checked += 1
print(f"{checked} signatures of {len(load_vectors())} vectors match")
