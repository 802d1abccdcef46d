"""`bitexbit_signing` reproduces every packaged vector (computed without it: test_vectors_seed)."""

from __future__ import annotations

from typing import Any

import pytest
from bitexbit_signing import (
    ParamEncoder,
    SignatureScheme,
    candidate_signatures,
    load_vectors,
    request_params,
    sign_request,
    verify_request,
)

VECTORS = load_vectors()


def _request(vector: dict[str, Any]) -> dict[str, Any]:
    return {
        "api_key": vector["api_key"],
        "secret": vector["secret"],
        "method": vector["method"],
        "path": vector["path"],
        "query": vector["query"],
        "content_type": vector["content_type"],
        "body": vector["body"].encode("utf-8"),
        "nonce": vector["nonce"],
    }


def test_the_vectors_cover_what_the_issue_lists() -> None:
    texts = " ".join(str(vector["params"]) + vector["body"] for vector in VECTORS)
    for needle in (" ", "café", "日本", "+", "&", "=", "~", "!'()*", "''", "true", "22.0"):
        assert needle in texts, needle
    names = {vector["name"] for vector in VECTORS}
    assert {
        "get-empty",
        "get-query",
        "seed-wallet-create-form",
        "seed-withdraw-create-form",
    } <= names


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["name"])
def test_request_params_reads_the_vector_params(vector: dict[str, Any]) -> None:
    request = _request(vector)
    params = request_params(
        request["method"], request["query"], request["content_type"], request["body"]
    )
    assert params == [tuple(pair) for pair in vector["params"]]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["name"])
@pytest.mark.parametrize("encoder", list(ParamEncoder))
def test_params_scheme_reproduces_the_vector(vector: dict[str, Any], encoder: ParamEncoder) -> None:
    signature = sign_request(**_request(vector), scheme=SignatureScheme.PARAMS, encoder=encoder)
    assert signature == vector["expected"]["params"][encoder.value]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["name"])
def test_path_nonce_body_scheme_reproduces_the_vector(vector: dict[str, Any]) -> None:
    signature = sign_request(
        **_request(vector), scheme=SignatureScheme.PATH_NONCE_BODY, encoder=ParamEncoder.PYTHON
    )
    assert signature == vector["expected"]["path-nonce-body"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["name"])
def test_candidates_and_verification_agree_with_the_vector(vector: dict[str, Any]) -> None:
    request = _request(vector)
    expected = vector["expected"]
    candidates = candidate_signatures(**request)
    assert candidates[(SignatureScheme.PATH_NONCE_BODY, None)] == expected["path-nonce-body"]
    for encoder in ParamEncoder:
        assert candidates[(SignatureScheme.PARAMS, encoder)] == expected["params"][encoder.value]
    assert verify_request(**request, signature=expected["path-nonce-body"]) == (
        SignatureScheme.PATH_NONCE_BODY,
        None,
    )
    javascript_only = verify_request(
        **request,
        signature=expected["params"]["javascript"],
        schemes=[SignatureScheme.PARAMS],
        encoders=[ParamEncoder.JAVASCRIPT],
    )
    assert javascript_only == (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT)
    # PARAMS/python is tried first, so it wins even where both encoders give the same text.
    assert verify_request(**request, signature=expected["params"]["python"]) == (
        SignatureScheme.PARAMS,
        ParamEncoder.PYTHON,
    )
    assert verify_request(**request, signature=expected["params"]["python"].upper()) == (
        SignatureScheme.PARAMS,
        ParamEncoder.PYTHON,
    )
    assert verify_request(**request, signature="0" * 64) is None
    assert (
        verify_request(**{**request, "secret": "other"}, signature=expected["path-nonce-body"])
        is None
    )
