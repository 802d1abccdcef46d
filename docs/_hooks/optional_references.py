"""MkDocs hook: reference sections whose source does not exist yet render as a notice.

Two kinds of generated reference are read at build time:

* `[OAD(path)]`: an OpenAPI document rendered by neoteroi-mkdocs (path relative to the page;
  this hook makes it absolute, see `_replace_missing_openapi`);
* `::: dotted.module`: a Python module documented by mkdocstrings.

While the toolkit is being built, some of those sources do not exist yet (the emulator's
control API document, SDK modules). Rather than failing the strict build, or hand-copying
anything, the missing ones are replaced by a visible "not available yet" notice and listed in
the build log; as soon as the file exists the section renders, with no edit to the page. A
source that exists but is broken still fails the build, as it should.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.optional_references")

_OAD_TAG = re.compile(r"\[OAD\(([^\)]+)\)\]")
_AUTODOC_LINE = re.compile(r"^:::\s+([A-Za-z_][\w.]*)\s*$")

# Must match `plugins.mkdocstrings.handlers.python.paths` in mkdocs.yml (relative to it).
_PYTHON_SOURCE_ROOTS = ("auth_plugin", "emulator")

_pending: list[str] = []


def _notice(what: str, source: str) -> str:
    return (
        f'!!! warning "Not available yet"\n'
        f"    The {what} is generated from `{source}`, which is not in this build yet. "
        f"It appears here as soon as the file exists.\n"
    )


def _module_exists(project_root: Path, dotted: str) -> bool:
    parts = dotted.split(".")
    for root in _PYTHON_SOURCE_ROOTS:
        base = project_root / root
        candidate = base.joinpath(*parts)
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return True
        # `module.Object`: the module exists and at least mentions the name; mkdocstrings
        # then resolves it (and fails the build if it cannot).
        if len(parts) > 1:
            parent = base.joinpath(*parts[:-1])
            for source in (parent.with_suffix(".py"), parent / "__init__.py"):
                if source.is_file() and re.search(
                    rf"\b{re.escape(parts[-1])}\b", source.read_text(encoding="utf-8")
                ):
                    return True
    return False


def _replace_missing_openapi(markdown: str, page_dir: Path, page_name: str) -> str:
    def replace(match: re.Match[str]) -> str:
        source = match.group(1).strip("'\"")
        document = (page_dir / source).resolve()
        if document.is_file():
            # neoteroi-mkdocs resolves a document's external `$ref`s (emulator-control.yaml
            # refers to gateway.yaml) against the process's working directory, not the page's:
            # an absolute path makes them resolve wherever mkdocs runs from.
            return f"[OAD({document})]"
        _pending.append(f"{page_name}: OpenAPI document {source}")
        return _notice("reference", source.lstrip("./"))

    return _OAD_TAG.sub(replace, markdown)


def _replace_missing_modules(markdown: str, project_root: Path, page_name: str) -> str:
    lines = markdown.splitlines(keepends=True)
    output: list[str] = []
    index = 0
    while index < len(lines):
        match = _AUTODOC_LINE.match(lines[index].rstrip("\n"))
        if match is None or _module_exists(project_root, match.group(1)):
            output.append(lines[index])
            index += 1
            continue
        dotted = match.group(1)
        _pending.append(f"{page_name}: Python module {dotted}")
        output.append(_notice(f"reference of `{dotted}`", dotted))
        index += 1
        # Drop the directive's indented options block too.
        while index < len(lines) and (lines[index].startswith("    ") or not lines[index].strip()):
            if not lines[index].strip() and (
                index + 1 >= len(lines) or not lines[index + 1].startswith("    ")
            ):
                break
            index += 1
    return "".join(output)


def on_startup(**_: Any) -> None:
    _pending.clear()


def on_pre_build(**_: Any) -> None:
    _pending.clear()


@event_priority(100)  # before neoteroi-mkdocs reads the [OAD(...)] tags
def on_page_markdown(markdown: str, *, page: Any, config: Any, **_: Any) -> str:
    project_root = Path(config["config_file_path"]).parent
    page_dir = (Path(page.file.src_dir) / page.file.src_path).parent
    markdown = _replace_missing_openapi(markdown, page_dir, page.file.src_path)
    return _replace_missing_modules(markdown, project_root, page.file.src_path)


def on_post_build(**_: Any) -> None:
    for item in _pending:
        log.info("Reference not generated yet (source missing): %s", item)
