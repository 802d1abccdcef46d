"""Pure signing rules of the bitexbit API Gateway (stdlib only, no I/O).

Two schemes (see `SignatureScheme`): PARAMS, `HMAC-SHA256(secret, api_key + encode(sorted(params)))`
with a Python (`urlencode`) or JavaScript (`encodeURIComponent`) encoder, and PATH_NONCE_BODY,
`HMAC-SHA256(secret, path + nonce + body)`. Everything is computed from a request as sent, so a
client (`bitexbit.GatewayAuth`) and a server (the emulator, via `verify_request`) agree.
The canonical text of JSON values is documented in `bitexbit_signing._canonical`.
"""

from bitexbit_signing._canonical import JsonNumber, canonical_value
from bitexbit_signing._encoding import encode_params, encode_uri_component, params_message
from bitexbit_signing._errors import SigningInputError
from bitexbit_signing._request_params import request_params
from bitexbit_signing._schemes import ParamEncoder, SignatureScheme
from bitexbit_signing._secret import Secret
from bitexbit_signing._signer import (
    ALL_ENCODERS,
    ALL_SCHEMES,
    API_KEY_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    SignatureVariant,
    auth_headers,
    candidate_signatures,
    hmac_hex,
    path_nonce_body_message,
    sign_request,
    signed_messages,
    verify_request,
)
from bitexbit_signing._vectors import load_vectors

__all__ = [
    "ALL_ENCODERS",
    "ALL_SCHEMES",
    "API_KEY_HEADER",
    "NONCE_HEADER",
    "SIGNATURE_HEADER",
    "JsonNumber",
    "ParamEncoder",
    "Secret",
    "SignatureScheme",
    "SignatureVariant",
    "SigningInputError",
    "auth_headers",
    "candidate_signatures",
    "canonical_value",
    "encode_params",
    "encode_uri_component",
    "hmac_hex",
    "load_vectors",
    "params_message",
    "path_nonce_body_message",
    "request_params",
    "sign_request",
    "signed_messages",
    "verify_request",
]
