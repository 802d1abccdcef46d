"""The names of the signing schemes and parameter encoders.

Both are `StrEnum`s so their values can be written in configuration files and vector files
as plain strings ("params", "path-nonce-body", "python", "javascript").
"""

from __future__ import annotations

import enum

__all__ = ["ParamEncoder", "SignatureScheme"]


class SignatureScheme(enum.StrEnum):
    """What the signature covers.

    PARAMS: `api_key + encode(sorted(params))`, the seed's code samples. Neither the nonce nor
    the path is signed, so a captured request can be replayed with a higher nonce.
    PATH_NONCE_BODY: `path + nonce + body`, the seed's prose. Binds path, nonce and body.
    """

    PARAMS = "params"
    PATH_NONCE_BODY = "path-nonce-body"


class ParamEncoder(enum.StrEnum):
    """How the PARAMS scheme turns sorted `(key, value)` pairs into text.

    PYTHON: `urllib.parse.urlencode` (the seed's Python sample): keys and values through
    `quote_plus`, space -> "+".
    JAVASCRIPT: `key + "=" + encodeURIComponent(value)` joined by "&" (the seed's JS sample):
    keys are not encoded, space -> "%20", `!'()*~` kept.
    """

    PYTHON = "python"
    JAVASCRIPT = "javascript"
