"""The `bitexbit` command: the root options, the built-in commands and the plugins."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Annotated

import typer

from bitexbit.cli._commands import (
    configure,
    deposits_app,
    payment_methods,
    wallets_app,
    warn_if_config_readable,
    withdraw_app,
)
from bitexbit.cli._diagnose import doctor, sign
from bitexbit.cli._plugins import add_plugins, discover_plugins
from bitexbit.cli._settings import (
    ENV_BASE_URL,
    ENV_CONFIG,
    ENV_PARAM_ENCODER,
    ENV_SIGNATURE_SCHEME,
    default_config_path,
)
from bitexbit.cli._state import CliState

__all__ = ["BUILT_IN_COMMANDS", "build_app", "main"]

BUILT_IN_COMMANDS = frozenset(
    {"configure", "payment-methods", "wallets", "deposits", "withdraw", "sign", "doctor"}
)


def _root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            envvar=ENV_CONFIG,
            help="Config file (default: ~/.config/bitexbit/config.toml).",
            dir_okay=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help=f"Gateway base URL (overrides ${ENV_BASE_URL} and the config file)."),
    ] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            help=(
                "Signing scheme: params (default) or path-nonce-body "
                f"(overrides ${ENV_SIGNATURE_SCHEME} and the config file)."
            ),
        ),
    ] = None,
    encoder: Annotated[
        str | None,
        typer.Option(
            help=(
                "Parameter encoder of the params scheme: python (default) or javascript "
                f"(overrides ${ENV_PARAM_ENCODER} and the config file)."
            ),
        ),
    ] = None,
) -> None:
    """Command-line client of the bitexbit API Gateway.

    Credentials: BITEXBIT_API_KEY and BITEXBIT_API_SECRET, or `bitexbit configure`.
    """
    state = ctx.ensure_object(CliState)
    state.config_path = config if config is not None else state.config_path
    state.base_url = base_url if base_url is not None else state.base_url
    state.scheme = scheme if scheme is not None else state.scheme
    state.encoder = encoder if encoder is not None else state.encoder
    if ctx.invoked_subcommand != "configure":
        warn_if_config_readable(state.config_path or default_config_path())


def build_app(*, plugins: Iterable[EntryPoint] | None = None) -> typer.Typer:
    """A fresh `bitexbit` app; `plugins` None discovers the `bitexbit.cli` entry points."""
    app = typer.Typer(
        name="bitexbit",
        no_args_is_help=True,
        # Never print local variables in tracebacks: they could hold credentials.
        pretty_exceptions_show_locals=False,
        pretty_exceptions_short=True,
    )
    app.callback()(_root)
    app.command("configure")(configure)
    app.command("payment-methods")(payment_methods)
    app.add_typer(wallets_app, name="wallets")
    app.add_typer(deposits_app, name="deposits")
    app.add_typer(withdraw_app, name="withdraw")
    app.command("sign")(sign)
    app.command("doctor")(doctor)
    add_plugins(
        app,
        discover_plugins() if plugins is None else plugins,
        reserved=set(BUILT_IN_COMMANDS),
        warn=lambda message: typer.echo(f"warning: {message}", err=True),
    )
    return app


def main() -> None:
    """The console script `bitexbit`."""
    build_app()(prog_name="bitexbit")
