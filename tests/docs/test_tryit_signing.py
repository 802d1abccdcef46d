"""The docs' browser signer (docs/assets/javascripts/tryit.js) signs like the seed's samples.

The "try it" console signs in the browser with WebCrypto; here the same file runs in node (which
has the same WebCrypto API) over every vector of `bitexbit_signing/vectors.json`, whose expected
signatures come from the seed's Python and JavaScript samples, not from either signer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import bitexbit_signing
import pytest

ROOT = Path(__file__).resolve().parents[2]
TRYIT = ROOT / "docs" / "assets" / "javascripts" / "tryit.js"
RUNNER = Path(__file__).parent / "js" / "tryit_vectors.js"
VECTORS = Path(bitexbit_signing.__file__).parent / "vectors.json"
NODE = shutil.which("node")


def _expected(vector: dict[str, Any], variant: str) -> str | None:
    expected = vector["expected"]
    if variant == "path-nonce-body":
        found = expected.get("path-nonce-body")
        return None if found is None else str(found)
    params: dict[str, str] = expected.get("params") or {}
    return params.get(variant.split("/")[1])


@pytest.mark.skipif(NODE is None, reason="node is not on PATH: cannot run the browser signer")
def test_the_browser_signer_matches_every_signing_vector() -> None:
    assert NODE is not None
    completed = subprocess.run(  # noqa: S603 - fixed argv: node and our own scripts
        [NODE, str(RUNNER), str(TRYIT), str(VECTORS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    results = {item["name"]: item["signatures"] for item in json.loads(completed.stdout)}
    vectors = {
        vector["name"]: vector for vector in json.loads(VECTORS.read_text("utf-8"))["vectors"]
    }
    assert results.keys() == vectors.keys()
    compared = 0
    for name, signatures in results.items():
        for variant, signature in signatures.items():
            expected = _expected(vectors[name], variant)
            if expected is None:
                assert signature.startswith("error:"), (name, variant, signature)
                continue
            assert signature == expected, (name, variant)
            compared += 1
    assert compared >= 40  # 15 vectors x 3 variants, less the bodies a scheme cannot read
