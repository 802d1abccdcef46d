"""The emulator's command line: ``bitexbit emulator ...`` (a plugin of the SDK's CLI),
``bitexbit-emulator ...`` and ``python -m bitexbit_emulator ...``.

``serve`` starts the emulator with uvicorn on loopback; ``reset`` and ``simulate-deposit`` drive
a running one through its control API. Heavy imports happen inside the commands, so loading the
plugin costs the SDK's CLI nothing.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from bitexbit_emulator.testing.control import ControlClient

__all__ = ["app", "main"]

ResultT = TypeVar("ResultT")

DEFAULT_URL = "http://127.0.0.1:8765"
_WORKERS_NEED_A_FILE = (
    "needs a file database: with an in-memory one every worker would keep its own state "
    "(balances and histories would differ between requests). Use a file database or one worker."
)

app = typer.Typer(
    name="emulator",
    help="A stateful sandbox of the bitexbit API Gateway on your machine.",
    no_args_is_help=True,
    add_completion=False,
)


class TransitionModeChoice(StrEnum):
    manual = "manual"
    immediate = "immediate"
    timed = "timed"


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep it on loopback.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
    config: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="YAML config (default: the packaged one)."),
    ] = None,
    data_dir: Annotated[Path, typer.Option(help="Where the SQLite database lives.")] = Path(
        ".emulator-data"
    ),
    in_memory: Annotated[bool, typer.Option("--in-memory", help="Keep no state on disk.")] = False,
    database_url: Annotated[
        str | None,
        typer.Option(
            envvar="BITEXBIT_EMULATOR_DATABASE_URL",
            show_envvar=True,
            help="A SQLAlchemy database URL instead of --data-dir, e.g. "
            "postgresql+psycopg://user@127.0.0.1/sandbox: every instance started on one "
            "PostgreSQL database serves one shared sandbox (docs/shared-sandbox.md). Prefer the "
            "environment variable for a URL with a password (command lines are visible to "
            "other users).",
        ),
    ] = None,
    transition_mode: Annotated[
        TransitionModeChoice | None, typer.Option(help="How statuses move (default: the config's).")
    ] = None,
    no_rate_limit: Annotated[
        bool, typer.Option("--no-rate-limit", help="Do not enforce rate limits.")
    ] = False,
    reset: Annotated[
        bool, typer.Option("--reset", help="Wipe the stored state before starting.")
    ] = False,
    validate_responses: Annotated[
        bool,
        typer.Option("--validate-responses", help="Check every response against the spec."),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes sharing the database (not with --in-memory). On SQLite "
            "rate limits are per worker; on PostgreSQL they are shared. Injected faults are "
            "per worker.",
        ),
    ] = 1,
    trust_proxy: Annotated[
        str | None,
        typer.Option(
            help="Trust X-Forwarded-For / X-Forwarded-Proto from these addresses or networks "
            "(comma-separated, e.g. 10.0.0.0/8): only behind your own reverse proxy. Off by "
            "default, so no client can choose the IP that rate limits and IP allow-lists see."
        ),
    ] = None,
) -> None:
    """Serve the gateway API and the control API with uvicorn."""
    import uvicorn

    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.config import ConfigError, EmulatorConfig
    from bitexbit_emulator.http.routing import base_path_of
    from bitexbit_emulator.service import Sandbox
    from bitexbit_emulator.serving import check_trust_proxy, serve_workers, server_config
    from bitexbit_emulator.specs import CONTROL_SPEC, GATEWAY_SPEC, load_spec

    if trust_proxy is not None:
        try:
            check_trust_proxy(trust_proxy)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--trust-proxy") from None
    try:
        settings = EmulatorConfig.load(config)
    except ConfigError as error:
        raise typer.BadParameter(str(error), param_hint="--config") from None
    if in_memory and database_url:
        raise typer.BadParameter(
            "give --in-memory or a database URL, not both", param_hint="--in-memory"
        )
    sandbox = Sandbox(
        settings, database_url=database_url or _database_url(settings, data_dir, in_memory)
    )
    sandbox.own_addresses.note(host, port)
    if reset:
        sandbox.reset()
    if transition_mode is not None:
        sandbox.set_transition_mode(mode=transition_mode.value)
    rate_limits = False if no_rate_limit else None
    if workers > 1 and sandbox.database.is_memory:  # --in-memory, or such a database_url
        sandbox.close()
        raise typer.BadParameter(_WORKERS_NEED_A_FILE, param_hint="--workers")
    _print_banner(
        f"http://{_url_host(host)}:{port}",
        base_path_of(load_spec(GATEWAY_SPEC)),
        base_path_of(load_spec(CONTROL_SPEC)),
        settings,
        host,
        config is None,
    )
    typer.echo(f"  database    : {_shown_url(sandbox.database.url)}")
    if workers > 1:
        sandbox.close()  # the workers open the database themselves
        typer.echo(f"  workers     : {workers} processes, one database")
        serve_workers(
            {
                "config": None if config is None else str(config.resolve()),
                "database_url": sandbox.database.url,
                "rate_limits": rate_limits,
                "validate_responses": validate_responses or None,
                "host": host,
                "port": port,
                # SQLite: one worker at a time runs the timed transitions and callbacks; on
                # PostgreSQL every process may (rows are claimed with FOR UPDATE SKIP LOCKED).
                "background_lock": (
                    str(data_dir.resolve() / "background.lock")
                    if sandbox.database.is_sqlite
                    else None
                ),
            },
            host=host,
            port=port,
            workers=workers,
            trust_proxy=trust_proxy,
            log_level="info",
        )
        return
    application = create_app(
        sandbox,
        rate_limits=rate_limits,
        validate_responses=validate_responses or None,
    )
    server = uvicorn.Server(
        server_config(application, host=host, port=port, trust_proxy=trust_proxy, log_level="info")
    )
    try:
        server.run()
    finally:
        sandbox.close()


@app.command("reset")
def reset_command(
    url: Annotated[str, typer.Option(help="The running emulator.")] = DEFAULT_URL,
) -> None:
    """Wipe a running emulator's state and re-seed it from its config."""
    _control(url, lambda control: control.reset())
    typer.echo("The emulator was reset.")


@app.command("reset-nonce")
def reset_nonce_command(
    api_key: Annotated[str, typer.Argument(help="The API key to unlock.")],
    to: Annotated[
        int, typer.Option(min=0, help="The last accepted nonce to store (0: any is accepted).")
    ] = 0,
    url: Annotated[str, typer.Option(help="The running emulator.")] = DEFAULT_URL,
) -> None:
    """Recover a key locked out by a far-future nonce, touching nothing else."""
    _control(url, lambda control: control.set_key_nonce(api_key, to))
    typer.echo(f"The last accepted nonce of {api_key} is now {to}.")


@app.command("simulate-deposit")
def simulate_deposit(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(help="A wallet address made with wallet/create.")],
    amount: Annotated[str, typer.Argument(help="A decimal amount, e.g. 25.5.")],
    txid: Annotated[str | None, typer.Option(help="The transaction hash.")] = None,
    confirmations: Annotated[int, typer.Option(help="Confirmations already seen.")] = 0,
    aml_risk: Annotated[int, typer.Option(help="AML score 0-100 the check will give.")] = 0,
    memo: Annotated[str | None, typer.Option()] = None,
    payment_id: Annotated[str | None, typer.Option()] = None,
    destination_tag: Annotated[str | None, typer.Option()] = None,
    url: Annotated[str, typer.Option(help="The running emulator.")] = DEFAULT_URL,
) -> None:
    """Make a deposit arrive at an address of a running emulator; prints the deposit."""
    try:
        Decimal(amount)
    except InvalidOperation:
        raise typer.BadParameter("expected a decimal number", param_hint="AMOUNT") from None
    # Every option but --url is a field of the control API's body, by the same name.
    fields = {
        name: value
        for name, value in ctx.params.items()
        if value is not None and name not in {"address", "amount", "url"}
    }
    deposit = _control(url, lambda control: control.simulate_deposit(address, amount, **fields))
    typer.echo(json.dumps(deposit, indent=2))


def main() -> None:
    """Entry point of the ``bitexbit-emulator`` script."""
    app()


def _database_url(settings: Any, data_dir: Path, in_memory: bool) -> str:
    if in_memory:
        return "sqlite://"
    if settings.database_url:
        return str(settings.database_url)
    return f"sqlite:///{data_dir.resolve() / 'emulator.sqlite3'}"


def _shown_url(url: str) -> str:
    """A database URL for the banner: never its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _url_host(host: str) -> str:
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host


def _print_banner(
    root_url: str,
    gateway_path: str,
    control_path: str,
    settings: Any,
    host: str,
    packaged_config: bool,
) -> None:
    """The URLs and the demo key. A secret is shown only for the packaged demo account (public
    anyway, in the package); a key from your own config is shown with its secret masked."""
    from bitexbit_emulator import __spec_version__, __version__

    typer.echo(f"bitexbit gateway emulator {__version__} on {root_url}")
    typer.echo(f"  gateway API : {root_url}{gateway_path}  (spec {__spec_version__})")
    typer.echo(f"  control API : {root_url}{control_path}  (no authentication: a local test tool)")
    demo = settings.demo_key()
    if demo is not None and packaged_config:
        typer.echo("  demo account (a sandbox key from the emulator's config, not a real secret):")
        typer.echo(f"    API key : {demo.api_key}")
        typer.echo(f"    secret  : {demo.secret}")
    elif demo is not None:
        typer.echo("  first key of your config (its secret is in the config file, not shown):")
        typer.echo(f"    API key : {demo.api_key}")
        typer.echo("    secret  : ****")
    if not _is_loopback(host):
        typer.secho(
            f"  warning: bound to {host}; the unauthenticated control API is reachable from "
            "other machines.",
            fg=typer.colors.YELLOW,
            err=True,
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _control(url: str, call: Callable[[ControlClient], ResultT]) -> ResultT:
    """Run `call` against the control API of the emulator at `url`; errors are one line."""
    import httpx

    from bitexbit_emulator.testing.control import ControlClient, ControlError

    control = ControlClient(url)
    try:
        return call(control)
    except httpx.HTTPError as error:
        typer.secho(f"cannot reach the emulator at {url}: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    except ControlError as error:
        typer.secho(
            f"the emulator answered HTTP {error.status_code}: {json.dumps(error.body)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(1) from None
    finally:
        control.close()
