"""Reading the signed parameters from a request as sent, and signing/verifying whole requests."""

from __future__ import annotations

import pytest
from bitexbit_signing import (
    ParamEncoder,
    SignatureScheme,
    SigningInputError,
    candidate_signatures,
    request_params,
    sign_request,
    verify_request,
)

SECRET = "the-secret-value-42"
FORM = "application/x-www-form-urlencoded"
_SIGNED_GET: dict[str, object] = {
    "secret": SECRET,
    "api_key": "key",
    "method": "GET",
    "path": "/api/gateway/wallets",
    "query": "comment=a+b",
    "content_type": None,
    "body": b"",
    "nonce": 9,
}
"""A signed GET with one query parameter, as verify_request takes it (signature aside)."""


def test_get_reads_the_query_keeping_blanks_and_order() -> None:
    assert request_params("GET", "b=2&a=&c=x+y&d=%2B", None, b"") == [
        ("b", "2"),
        ("a", ""),
        ("c", "x y"),
        ("d", "+"),
    ]
    assert request_params("get", "", None, b"") == []


def test_get_ignores_a_body_and_post_ignores_the_query() -> None:
    assert request_params("GET", "a=1", "application/json", b'{"b": 2}') == [("a", "1")]
    assert request_params("POST", "a=1", "application/json", b'{"b": 2}') == [("b", "2")]
    assert request_params("POST", "a=1", FORM, b"") == []


def test_form_body_with_charset_parameter() -> None:
    content_type = "Application/X-WWW-Form-Urlencoded; charset=UTF-8"
    assert request_params("POST", "", content_type, b"a=caf%C3%A9&b=1") == [
        ("a", "café"),
        ("b", "1"),
    ]


@pytest.mark.parametrize("content_type", [None, "application/json", "application/merge-patch+json"])
def test_json_body_members(content_type: str | None) -> None:
    body = b'{"amount": "22.00000000", "fee_payer": 1, "ok": true, "memo": null}'
    assert request_params("POST", "", content_type, body) == [
        ("amount", "22.00000000"),
        ("fee_payer", "1"),
        ("ok", "true"),
        ("memo", ""),
    ]


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/json", b"{not json", "invalid"),
        ("application/json", b"[1, 2]", "object"),
        ("application/json", b'"text"', "object"),
        ("application/json", b'{"a": NaN}', "NaN"),
        ("application/json", b"\xff\xfe", "UTF-8"),
        ("application/json", b"[" * 100_000 + b"]" * 100_000, "nested"),
        (FORM, b"a=\xff", "UTF-8"),
        (FORM, b"a=%FF", "UTF-8"),
        ("multipart/form-data; boundary=x", b"--x--", "content type"),
        ("text/plain", b"a=1", "content type"),
    ],
)
def test_unreadable_bodies_raise_signing_input_error(
    content_type: str, body: bytes, message: str
) -> None:
    with pytest.raises(SigningInputError, match=message):
        request_params("POST", "", content_type, body)


def test_signing_input_error_is_a_value_error() -> None:
    assert issubclass(SigningInputError, ValueError)


def _sign(scheme: SignatureScheme, encoder: ParamEncoder, **overrides: object) -> str:
    request: dict[str, object] = {
        "secret": SECRET,
        "api_key": "key",
        "method": "POST",
        "path": "/api/gateway/wallet/create",
        "query": "",
        "content_type": "application/json",
        "body": b'{"ticker": "ETH", "comment": "a b"}',
        "nonce": 5,
    }
    request.update(overrides)
    return sign_request(scheme=scheme, encoder=encoder, **request)  # type: ignore[arg-type]


def test_params_scheme_ignores_nonce_path_and_json_layout() -> None:
    reference = _sign(SignatureScheme.PARAMS, ParamEncoder.PYTHON)
    assert _sign(SignatureScheme.PARAMS, ParamEncoder.PYTHON, nonce=6, path="/x") == reference
    reordered = b'{ "comment" : "a b",\n "ticker":"\\u0045TH"}'
    assert _sign(SignatureScheme.PARAMS, ParamEncoder.PYTHON, body=reordered) == reference
    form = b"ticker=ETH&comment=a+b"
    assert _sign(SignatureScheme.PARAMS, ParamEncoder.PYTHON, body=form, content_type=FORM) == (
        reference
    )
    assert _sign(SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT) != reference


def test_path_nonce_body_scheme_binds_nonce_path_and_bytes() -> None:
    reference = _sign(SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON)
    assert _sign(SignatureScheme.PATH_NONCE_BODY, ParamEncoder.JAVASCRIPT) == reference
    assert _sign(SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON, nonce="5") == reference
    for change in ({"nonce": 6}, {"path": "/api/gateway/wallets"}, {"body": b'{"ticker":"ETH"}'}):
        assert _sign(SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON, **change) != reference


def test_sign_request_raises_for_an_unreadable_params_body_without_the_secret() -> None:
    with pytest.raises(SigningInputError) as raised:
        _sign(SignatureScheme.PARAMS, ParamEncoder.PYTHON, body=b"{broken")
    assert SECRET not in str(raised.value)
    assert SECRET not in repr(raised.value)


def test_unreadable_body_leaves_only_the_path_nonce_body_candidate() -> None:
    request = {
        "secret": SECRET,
        "api_key": "key",
        "method": "POST",
        "path": "/p",
        "query": "",
        "content_type": "application/json",
        "body": b"{broken",
        "nonce": 9,
    }
    candidates = candidate_signatures(**request)  # type: ignore[arg-type]
    assert list(candidates) == [(SignatureScheme.PATH_NONCE_BODY, None)]
    signature = candidates[(SignatureScheme.PATH_NONCE_BODY, None)]
    assert verify_request(**request, signature=signature) == (  # type: ignore[arg-type]
        SignatureScheme.PATH_NONCE_BODY,
        None,
    )


def test_verify_request_honours_the_selected_schemes_and_encoders() -> None:
    request = dict(_SIGNED_GET)
    javascript = sign_request(
        scheme=SignatureScheme.PARAMS,
        encoder=ParamEncoder.JAVASCRIPT,
        **request,  # type: ignore[arg-type]
    )
    assert verify_request(signature=javascript, **request) == (  # type: ignore[arg-type]
        SignatureScheme.PARAMS,
        ParamEncoder.JAVASCRIPT,
    )
    only_python = verify_request(
        signature=javascript,
        encoders=[ParamEncoder.PYTHON],
        **request,  # type: ignore[arg-type]
    )
    assert only_python is None
    only_prose = verify_request(
        signature=javascript,
        schemes=[SignatureScheme.PATH_NONCE_BODY],
        **request,  # type: ignore[arg-type]
    )
    assert only_prose is None
    for junk in ("", "zz", "é" * 64, "\ud800"):
        assert verify_request(signature=junk, **request) is None  # type: ignore[arg-type]
    assert candidate_signatures(schemes=[], **request) == {}  # type: ignore[arg-type]


def test_verify_request_stops_at_the_first_match_and_a_refusal_tries_every_variant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The emulator verifies every request: a params/python signature (the SDK's default, the
    first variant) costs one HMAC, not one per variant; a wrong one is compared with all."""
    from bitexbit_signing import _signer

    computed: list[bytes] = []
    real_hmac_hex = _signer.hmac_hex

    def counting(secret: object, message: bytes) -> str:
        computed.append(message)
        return real_hmac_hex(secret, message)  # type: ignore[arg-type]

    monkeypatch.setattr(_signer, "hmac_hex", counting)
    request = dict(_SIGNED_GET)
    python = real_hmac_hex(SECRET, b"keycomment=a+b")
    assert verify_request(signature=python, **request) == (  # type: ignore[arg-type]
        SignatureScheme.PARAMS,
        ParamEncoder.PYTHON,
    )
    assert computed == [b"keycomment=a+b"]
    every_variant = len(candidate_signatures(**request))  # type: ignore[arg-type]
    assert every_variant == 3
    computed.clear()
    assert verify_request(signature="0" * 64, **request) is None  # type: ignore[arg-type]
    assert len(computed) == every_variant
