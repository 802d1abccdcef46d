"""What a handler returns and how every response body is rendered (JSON, one encoder)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.responses import Response

__all__ = ["JSON_MEDIA_TYPE", "ApiResult", "render"]

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class ApiResult:
    """A status, a JSON-ready body and extra headers; rendered only after response checks."""

    status: int
    body: object
    headers: Mapping[str, str] = field(default_factory=dict)


def render(result: ApiResult, *, request_id: str | None) -> Response:
    """Encode ``result`` as compact UTF-8 JSON (money is already text, never a float)."""
    content = json.dumps(result.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = dict(result.headers)
    if request_id is not None:
        headers["X-Request-Id"] = request_id
    return Response(content, status_code=result.status, headers=headers, media_type=JSON_MEDIA_TYPE)
