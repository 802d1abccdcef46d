"""The emulator's command line: ``bitexbit emulator ...`` (a plugin of the SDK's CLI),
``bitexbit-emulator ...`` and ``python -m bitexbit_emulator ...``.

``serve`` starts the emulator with uvicorn on loopback; ``deposit``, ``advance``, ``status``,
``reset-nonce`` and ``reset`` drive a running one through its control API. Heavy imports happen
inside the commands, so loading the plugin costs the SDK's CLI nothing.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar
from urllib.parse import urlsplit

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
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="A browser origin allowed to call the gateway API (repeatable), for the docs' "
            "'try it' console; default: the docs' `make docs` address, http://127.0.0.1:8000 and "
            "http://localhost:8000; `none`: no origin. The control API never allows another origin."
        ),
    ] = None,
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
    from bitexbit_emulator.serving import (
        bind_socket,
        check_trust_proxy,
        serve_workers,
        server_config,
    )
    from bitexbit_emulator.specs import CONTROL_SPEC, GATEWAY_SPEC, load_spec

    if not 1 <= port <= MAX_PORT:
        _startup_error(f"--port {port} is not a TCP port (1-{MAX_PORT})")
    if trust_proxy is not None:
        try:
            check_trust_proxy(trust_proxy)
        except ValueError as error:
            _startup_error(f"--trust-proxy: {error}")
    try:
        settings = EmulatorConfig.load(config)
    except ConfigError as error:
        _startup_error(f"--config: {error}")
    if in_memory and database_url:
        _startup_error("give --in-memory or a database URL, not both")
    if not (in_memory or database_url or settings.database_url):
        _check_data_dir(data_dir)
    url = database_url or _database_url(settings, data_dir, in_memory)
    sandbox = _open_sandbox(Sandbox, settings, url)
    if workers > 1 and sandbox.database.is_memory:  # --in-memory, or such a database_url
        sandbox.close()
        _startup_error(f"--workers {_WORKERS_NEED_A_FILE}")
    try:  # bound before the banner: a taken port is an error, not a "running" banner
        sock = bind_socket(host, port)
    except OSError as error:
        sandbox.close()
        _startup_error(
            f"cannot listen on {host}:{port}: {error.strerror or error} "
            "(is another emulator running? choose another --port)"
        )
    sandbox.own_addresses.note(host, port)
    if reset:
        sandbox.reset()
    if transition_mode is not None:
        sandbox.set_transition_mode(mode=transition_mode.value)
    rate_limits = False if no_rate_limit else None
    origins = _cors_origins(cors_origin)
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
                "cors_origins": origins,
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
            sock=sock,
            log_level="info",
        )
        return
    application = create_app(
        sandbox,
        rate_limits=rate_limits,
        validate_responses=validate_responses or None,
        cors_origins=origins,
    )
    server = uvicorn.Server(
        server_config(application, host=host, port=port, trust_proxy=trust_proxy, log_level="info")
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
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


@app.command("deposit")
@app.command("simulate-deposit", hidden=True)  # the first name of `deposit`, kept working
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
    """Make a deposit arrive at an address of a running emulator; prints the deposit.

    With --confirmations below what the network needs it stays PENDING; `advance` confirms it.
    """
    if _PLAIN_DECIMAL.fullmatch(amount.strip()) is None:
        raise typer.BadParameter(
            f"{amount!r} is not a plain decimal number (e.g. 25.5)", param_hint="AMOUNT"
        )
    # Every option but --url is a field of the control API's body, by the same name.
    fields = {
        name: value
        for name, value in ctx.params.items()
        if value is not None and name not in {"address", "amount", "url"}
    }
    deposit = _control(url, lambda control: control.simulate_deposit(address, amount, **fields))
    typer.echo(json.dumps(deposit, indent=2))


@app.command("advance")
def advance_command(
    txid: Annotated[str, typer.Argument(help="The deposit's transaction hash.")],
    confirmations: Annotated[
        int | None,
        typer.Option(min=0, help="Confirmations seen so far (default: as many as it needs)."),
    ] = None,
    url: Annotated[str, typer.Option(help="The running emulator.")] = DEFAULT_URL,
) -> None:
    """Give a pending deposit confirmations; enough of them confirm it (balance credited)."""
    deposit = _control(url, lambda control: control.advance(txid, confirmations))
    typer.echo(json.dumps(deposit, indent=2))


@app.command("status")
def status_command(
    withdraw_id: Annotated[int, typer.Argument(min=1, help="The withdrawal's id.")],
    status: Annotated[
        str,
        typer.Argument(
            help="The status to move it to: a name (done, refused, ...) or a code (30)."
        ),
    ],
    url: Annotated[str, typer.Option(help="The running emulator.")] = DEFAULT_URL,
) -> None:
    """Move a withdrawal to a status, as the gateway's operators and the network would."""
    code = _withdraw_status_code(status)
    withdrawal = _control(url, lambda control: control.set_withdraw_status(withdraw_id, code))
    typer.echo(json.dumps(withdrawal, indent=2))


def _withdraw_status_code(text: str) -> int:
    """A withdrawal status by name (any case) or by code, from the spec's `WithdrawStatus`."""
    from bitexbit_emulator.specs import GATEWAY_SPEC, load_spec

    schema = load_spec(GATEWAY_SPEC)["components"]["schemas"]["WithdrawStatus"]
    names = {
        str(name).lower(): int(code)
        for name, code in zip(schema["x-enum-varnames"], schema["enum"], strict=True)
    }
    typed = text.strip().lower()
    if typed in names:
        return names[typed]
    if typed.isdigit() and int(typed) in names.values():
        return int(typed)
    raise typer.BadParameter(f"{text!r} is not one of {', '.join(names)}", param_hint="STATUS")


_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


def main() -> None:
    """Entry point of the ``bitexbit-emulator`` script."""
    app()


MAX_PORT = 65535
DOCS_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")
"""Where `make docs` (mkdocs serve) shows the documentation and its "try it" console."""


def _cors_origins(given: list[str] | None) -> list[str]:
    if not given:
        return list(DOCS_ORIGINS)
    if [origin.strip().lower() for origin in given] == ["none"]:
        return []
    for origin in given:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
            _startup_error(f"--cors-origin {origin!r} is not an origin (scheme://host[:port])")
    return [origin.rstrip("/") for origin in given]


def _startup_error(message: str) -> NoReturn:
    """A start-up problem: one line on stderr and exit status 2 (bad usage), no traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _check_data_dir(data_dir: Path) -> None:
    """The SQLite folder is a folder, or can be made (the store makes it, owner-only), and is
    writable; else a one-line error."""
    if data_dir.exists() and not data_dir.is_dir():
        _startup_error(f"--data-dir {data_dir} is a file, not a folder")
    existing = next(path for path in (data_dir, *data_dir.parents) if path.exists())
    if not existing.is_dir():
        _startup_error(f"--data-dir {data_dir}: cannot create it ({existing} is a file)")
    if not os.access(existing, os.W_OK | os.X_OK):
        _startup_error(f"--data-dir {data_dir}: {existing} is not writable")


def _open_sandbox(sandbox_type: Callable[..., Any], settings: Any, url: str) -> Any:
    """The sandbox on ``url``; a database that cannot be opened is a one-line error."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return sandbox_type(settings, database_url=url)
    except (OSError, SQLAlchemyError, ValueError) as error:
        reason = getattr(error, "orig", None) or error
        _startup_error(f"cannot open the database {_shown_url(url)}: {reason}")


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
