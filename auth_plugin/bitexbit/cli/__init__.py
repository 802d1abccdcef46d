"""The `bitexbit` command line (Typer + rich); `main` is the console script."""

from bitexbit.cli._app import BUILT_IN_COMMANDS, build_app, main
from bitexbit.cli._plugins import ENTRY_POINT_GROUP
from bitexbit.cli._state import CliState

__all__ = ["BUILT_IN_COMMANDS", "ENTRY_POINT_GROUP", "CliState", "build_app", "main"]
