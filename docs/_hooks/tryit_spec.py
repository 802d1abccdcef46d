"""MkDocs hook: publish the gateway spec as JSON for the API reference's "try it" console.

`docs/assets/javascripts/tryit.js` builds each operation's form from the spec itself, so the
console cannot drift from `openapi/gateway.yaml`; browsers read JSON, not YAML, so the build
writes `assets/openapi/gateway.json` next to the site's other assets (also under `mkdocs serve`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "gateway.yaml"
PUBLISHED = Path("assets") / "openapi" / "gateway.json"


def on_post_build(config: Any, **_: Any) -> None:
    target = Path(config["site_dir"]) / PUBLISHED
    target.parent.mkdir(parents=True, exist_ok=True)
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    target.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
