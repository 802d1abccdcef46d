"""The `bitexbit` console script, installed with or without the `cli` extra.

`pip install bitexbit` installs the script but not Typer or Rich (they are `bitexbit[cli]`), so
the script imports the command line only when it runs and, when the extra is missing, says how
to get it instead of printing an ImportError traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

CLI_LIBRARIES = frozenset({"typer", "rich", "click"})
INSTALL_HINT = (
    "The bitexbit command line needs its extra libraries (Typer and Rich); install them with:\n"
    "    pip install 'bitexbit[cli]'\n"
)


def main() -> None:
    try:
        from bitexbit.cli import main as cli_main
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in CLI_LIBRARIES:
            raise
        sys.stderr.write(INSTALL_HINT)
        raise SystemExit(1) from None
    cli_main()
