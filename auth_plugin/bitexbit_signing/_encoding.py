"""The two parameter encoders of the PARAMS scheme.

`python` is `urllib.parse.urlencode` over the sorted pairs, as the seed's Python sample signs.
`javascript` is the seed's JS `serializePayload`: keys sorted the way JavaScript's
`Array.prototype.sort` sorts strings (UTF-16 code units), `key + "=" + encodeURIComponent(value)`,
joined by "&". Keys are NOT encoded by the JavaScript encoder, exactly like the sample.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from bitexbit_signing._errors import SigningInputError
from bitexbit_signing._schemes import ParamEncoder

__all__ = ["encode_params", "encode_uri_component", "params_message"]

# ECMA-262 encodeURIComponent leaves exactly these unescaped.
_URI_UNRESERVED = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
)
_PERCENT_OF_BYTE = tuple(
    chr(byte) if byte in _URI_UNRESERVED else f"%{byte:02X}" for byte in range(256)
)


def encode_uri_component(text: str) -> str:
    """JavaScript's `encodeURIComponent`: UTF-8, upper-case hex, `A-Za-z0-9-_.!~*'()` kept.

    A lone surrogate (which JavaScript rejects with `URIError`) raises `SigningInputError`.
    """
    return "".join(_PERCENT_OF_BYTE[byte] for byte in _utf8(text))


def encode_params(params: Iterable[tuple[str, str]], encoder: ParamEncoder) -> str:
    """Sort the pairs by key (stable: repeated keys keep their order) and encode them."""
    pairs = list(params)
    if encoder is ParamEncoder.PYTHON:
        pairs.sort(key=_pair_key)
        for key, value in pairs:
            # urlencode would raise a bare UnicodeEncodeError; say what is wrong instead.
            _utf8(key)
            _utf8(value)
        return urlencode(pairs)
    if encoder is ParamEncoder.JAVASCRIPT:
        pairs.sort(key=_javascript_sort_key)
        return "&".join(key + "=" + encode_uri_component(value) for key, value in pairs)
    raise ValueError(f"unknown parameter encoder: {encoder!r}")


def params_message(api_key: str, params: Iterable[tuple[str, str]], encoder: ParamEncoder) -> str:
    """The text the PARAMS scheme signs: `api_key + encode_params(params, encoder)`."""
    return api_key + encode_params(params, encoder)


def _pair_key(pair: tuple[str, str]) -> str:
    return pair[0]


def _javascript_sort_key(pair: tuple[str, str]) -> bytes:
    # Big-endian UTF-16 bytes compare exactly like JavaScript compares strings (code units).
    return pair[0].encode("utf-16-be", "surrogatepass")


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise SigningInputError(
            "a parameter contains a lone surrogate (not valid Unicode)"
        ) from None
