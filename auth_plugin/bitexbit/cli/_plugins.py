"""Sub-commands from other distributions, through the `bitexbit.cli` entry-point group.

A distribution adds a command group with, in its pyproject.toml:

    [project.entry-points."bitexbit.cli"]
    emulator = "bitexbit_emulator.cli:app"     # a typer.Typer

A plugin that fails to import, is not a Typer app or takes a built-in name is skipped with a
warning on stderr: one broken plugin must not take the whole CLI down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points

import typer

__all__ = ["ENTRY_POINT_GROUP", "add_plugins", "discover_plugins"]

ENTRY_POINT_GROUP = "bitexbit.cli"


def discover_plugins() -> list[EntryPoint]:
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name)


def add_plugins(
    app: typer.Typer,
    plugins: Iterable[EntryPoint],
    *,
    reserved: set[str],
    warn: Callable[[str], None],
) -> list[str]:
    """Add each plugin's Typer app as a sub-command; return the names added."""
    added: list[str] = []
    for plugin in plugins:
        if plugin.name in reserved or plugin.name in added:
            warn(f"plugin {plugin.name!r} ({plugin.value}) skipped: the name is taken")
            continue
        try:
            sub_app = plugin.load()
        except Exception as error:  # any import-time failure of third-party code
            warn(f"plugin {plugin.name!r} ({plugin.value}) failed to load: {_describe(error)}")
            continue
        if not isinstance(sub_app, typer.Typer):
            warn(
                f"plugin {plugin.name!r} ({plugin.value}) skipped: "
                f"expected a typer.Typer, got {type(sub_app).__name__}"
            )
            continue
        app.add_typer(sub_app, name=plugin.name)
        added.append(plugin.name)
    return added


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
