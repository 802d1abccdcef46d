"""MkDocs hook: under each operation of the API reference, its samples in Python, curl and Node.

`tools/operation_samples.py` generates the samples from `openapi/gateway.yaml` (none is written
by hand, so none can drift from the spec), and `tests/docs/test_operation_samples.py` runs each
one against a live emulator. The reference's template (`partial/path-items.html`) leaves one
marker line per operation; this hook, which runs after the OpenAPI plugin has rendered the page,
replaces it with three tabs. The tab labels are the site's usual ones, so choosing a language on
one tab set switches them all (`content.tabs.link`).
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the repository's tooling is not an installed package
    sys.path.insert(0, str(ROOT))

from tools.operation_samples import OperationSamples, operation_samples  # noqa: E402

MARKER = re.compile(r"^<!-- operation-samples: (\w+) -->$", re.MULTILINE)
SIGNING_GUIDE = "guides/authentication.md#signing-in-practice"  # from the docs root

TABS = (
    ("python", "Python SDK", "python"),
    ("curl", "curl", "bash"),
    ("node", "JavaScript (Node.js)", "javascript"),
)
"""(language, tab label, code block language) in the order the page shows them."""


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if MARKER.search(markdown) is None:
        return markdown
    samples = operation_samples()
    depth = str(page.file.src_uri).count("/")
    guide = "../" * depth + SIGNING_GUIDE

    def render(match: re.Match[str]) -> str:
        # Samples are of the gateway's operations (every one has them, or the generator fails);
        # the emulator control API's page shows none.
        operation_id = match.group(1)
        if operation_id not in samples:
            return ""
        return render_samples(samples[operation_id], signing_guide=guide)

    return MARKER.sub(render, markdown)


def render_samples(samples: OperationSamples, *, signing_guide: str) -> str:
    """The samples of one operation as Markdown tabs."""
    parts = [
        "**Samples**: generated from this spec and run against the emulator by the test suite; "
        "they read `BITEXBIT_BASE_URL`, `BITEXBIT_API_KEY` and `BITEXBIT_API_SECRET`, and "
        "default to a local emulator (`make run`).",
        "",
    ]
    for language, label, fence in TABS:
        parts += [f'=== "{label}"', ""]
        if language == "node":
            parts += [
                f"    Save the signing guide's [`auth_headers.mjs`]({signing_guide}) next to it.",
                "",
            ]
        code = samples.by_language()[language].rstrip("\n")
        parts += [textwrap.indent(f"```{fence}\n{code}\n```", "    "), ""]
    return "\n".join(parts)
