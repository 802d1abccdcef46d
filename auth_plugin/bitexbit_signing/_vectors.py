"""The packaged signing test vectors, shared by the SDK's tests and the emulator's."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["load_vectors"]


def load_vectors() -> list[dict[str, Any]]:
    """Return the vectors of `bitexbit_signing/vectors.json` (a fresh copy on every call).

    Each vector holds a request as sent (`api_key`, `secret`, `method`, `path`, `query`,
    `content_type`, `body` as UTF-8 text, `nonce`), the `params` pairs the PARAMS scheme
    reads from it, and `expected` hex signatures:
    `{"params": {"python": ..., "javascript": ...}, "path-nonce-body": ...}`.
    """
    text = resources.files("bitexbit_signing").joinpath("vectors.json").read_text("utf-8")
    document = json.loads(text)
    vectors: list[dict[str, Any]] = document["vectors"]
    return vectors
