"""The built-in commands: one per gateway operation, plus `configure`."""

from __future__ import annotations

import datetime
import enum
import functools
import inspect
import os
import re
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import ROUND_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar, Unpack
from urllib.parse import urlsplit

import typer
from bitexbit_gateway_client.models import FeePayer, WithdrawStatus
from bitexbit_signing import Secret
from rich.console import Console

from bitexbit._client import Gateway
from bitexbit._errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    BitexbitError,
    NotFoundError,
)
from bitexbit._models import PaymentMethod, Withdrawal
from bitexbit._pagination import Page
from bitexbit._resources._params import Help
from bitexbit._resources.deposits import DepositFilters
from bitexbit._resources.withdrawals import WithdrawalFilters, WithdrawalOptions
from bitexbit._setup import DEFAULT_BASE_URL
from bitexbit._view import View
from bitexbit.auth import mask_api_key
from bitexbit.cli._render import print_json, print_record, print_table, text_of
from bitexbit.cli._settings import (
    API_BASE_PATH,
    LOOPBACK_HOSTS,
    SettingsError,
    default_config_path,
    loose_permissions,
    write_config,
)
from bitexbit.cli._state import CliState

__all__ = ["configure", "deposits_app", "payment_methods", "wallets_app", "withdraw_app"]

ViewT = TypeVar("ViewT", bound=View[Any])
EnumT = TypeVar("EnumT", bound=enum.Enum)

wallets_app = typer.Typer(help="Deposit wallets: create, list, history.", no_args_is_help=True)
deposits_app = typer.Typer(help="Deposits to your wallets (the wallet history).")
withdraw_app = typer.Typer(help="Withdrawals: create, list (history).", no_args_is_help=True)

_WALLET_COLUMNS = ("address", "ticker", "network", "convert_ticker", "created_at")
_DEPOSIT_COLUMNS = (
    "created_at",
    "ticker",
    "network",
    "amount",
    "fee",
    "status",
    "address",
    "txid",
)
_WITHDRAW_COLUMNS = (
    "id",
    "created_at",
    "ticker",
    "network",
    "amount",
    "fee",
    "status",
    "address",
    "client_order_id",
)
_PAYMENT_METHOD_COLUMNS = (
    "ticker",
    "network",
    "min_deposit",
    "min_withdraw",
    "max_withdraw",
    "withdraw_fee_amount",
    "withdraw_fee_rate",
    "withdraw_fee_currency",
    "is_deposit_enabled",
    "is_withdraw_enabled",
)


def _console() -> Console:
    """Tables never elide a value; off a terminal (pipes, files) they may be wide."""
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = _PIPED_WIDTH
    return console


def _stderr() -> Console:
    return Console(stderr=True, soft_wrap=True)


def _state(ctx: typer.Context) -> CliState:
    return ctx.ensure_object(CliState)


@contextmanager
def _reported_errors(state: CliState | None = None) -> Iterator[None]:
    """Known failures become a one-line message (with a hint where one helps) and an exit
    status, never a traceback. Each message is printed once."""
    stderr = _stderr()
    try:
        yield
    except SettingsError as error:
        stderr.print(f"[red]error:[/] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except BadRequestError as error:
        if error.field_errors:
            stderr.print("[red]error:[/] 400 Bad Request:", markup=True, highlight=False)
            for field, messages in error.field_errors.items():
                for message in messages:
                    stderr.print(f"  {field}: {message}", markup=False, highlight=False)
        else:
            stderr.print(f"[red]error:[/] {error}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    except BitexbitError as error:
        stderr.print(f"[red]error:[/] {_described(error, state)}", markup=True, highlight=False)
        hint = _hint(error, state)
        if hint:
            stderr.print(f"hint: {hint}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    except (ValueError, TypeError) as error:  # the SDK's checks of arguments, before sending
        stderr.print(f"[red]invalid input:[/] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def _base_url(state: CliState | None) -> str | None:
    if state is None:
        return None
    try:
        return state.credentials().base_url
    except SettingsError:
        return None


def _described(error: BitexbitError, state: CliState | None) -> str:
    base_url = _base_url(state)
    if isinstance(error, APIConnectionError) and base_url:
        return f"{error} at {base_url}"
    return str(error)


def _hint(error: BitexbitError, state: CliState | None) -> str | None:
    """What most likely fixes `error`, given where the CLI sent the request."""
    base_url = _base_url(state)
    if not base_url:
        return None
    parts = urlsplit(base_url)
    if isinstance(error, APIConnectionError):
        if parts.hostname in LOOPBACK_HOSTS:
            return (
                "is the emulator running? Start it with `make run` (or `bitexbit emulator serve`)"
            )
        return "check the base URL (--base-url, BITEXBIT_BASE_URL) and your network"
    if isinstance(error, NotFoundError) and not parts.path.rstrip("/").endswith(API_BASE_PATH):
        return f"the base URL ends with {API_BASE_PATH}, e.g. {parts.scheme}://{parts.netloc}{API_BASE_PATH}"
    if isinstance(error, AuthenticationError):
        return (
            "check the API key and secret (BITEXBIT_API_KEY, BITEXBIT_API_SECRET or `bitexbit "
            "configure`) and --scheme/--encoder; `bitexbit doctor` checks each in turn"
        )
    return None


_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
MAX_DECIMALS = 8


def _decimal(text: str) -> Decimal:
    """Plain decimal text only (`22.5`, `-1`): no exponent (`1e3` is not 1000 by accident),
    no `inf`/`nan`, at most 8 decimals. Errors echo what was typed."""
    typed = text.strip()
    if _PLAIN_DECIMAL.fullmatch(typed) is None:
        raise typer.BadParameter(f"{text!r} is not a plain decimal number (e.g. 22.5)")
    if len(typed.partition(".")[2]) > MAX_DECIMALS:
        raise typer.BadParameter(f"{text!r} has more than {MAX_DECIMALS} decimal places")
    try:
        return Decimal(typed)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise typer.BadParameter(f"{text!r} is not a decimal number") from None


_decimal.__name__ = "decimal"  # what --help shows as the value's type


def _enum_parser(enum_type: type[EnumT]) -> Callable[[str | EnumT], EnumT]:
    """Accept a member's name (any case) or its value, e.g. `confirmed` or `5`."""

    def parse(text: str | EnumT) -> EnumT:
        if isinstance(text, enum_type):  # the default, passed through the parser too
            return text
        assert isinstance(text, str)
        by_name = {member.name.lower(): member for member in enum_type}
        member = by_name.get(text.strip().lower())
        if member is not None:
            return member
        for candidate in enum_type:
            if str(candidate.value) == text.strip():
                return candidate
        names = ", ".join(by_name)
        raise typer.BadParameter(f"{text!r} is not one of {names}")

    parse.__name__ = "name"  # what --help shows as the value's type
    return parse


def _choices(enum_type: type[enum.Enum]) -> str:
    return ", ".join(member.name.lower() for member in enum_type)


CommandT = TypeVar("CommandT", bound=Callable[..., None])


def options_from(source: type) -> Callable[[CommandT], CommandT]:
    """One `--name` option per key of the options or filters TypedDict `source`, its type and
    help read from the TypedDict's annotations (`Annotated[..., Help(...)]`): the command takes
    them as `**options`. The TypedDict is the one place an optional input is named, and
    `tests/auth_plugin/test_inputs_spec_drift.py` holds it to the spec."""
    hints = typing.get_type_hints(source, include_extras=True)
    extra = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_option_for(hint)
        )
        for name, hint in hints.items()
    ]

    def decorate(command: CommandT) -> CommandT:
        signature = inspect.signature(command, eval_str=True)
        own = [
            parameter
            for parameter in signature.parameters.values()
            if parameter.kind is not inspect.Parameter.VAR_KEYWORD
        ]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            command(*args, **kwargs)

        parameters = own + extra
        wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return wrapper  # type: ignore[return-value]

    return decorate


def _option_for(hint: Any) -> Any:
    """The typer annotation of one TypedDict key: its type, parser and help."""
    base, *extras = typing.get_args(hint)
    help_text = next((extra.text for extra in extras if isinstance(extra, Help)), None)
    members = typing.get_args(base)
    enum_type = next((m for m in members if isinstance(m, type) and issubclass(m, enum.Enum)), None)
    if enum_type is not None:
        option = typer.Option(
            parser=_enum_parser(enum_type), help=f"{help_text} One of {_choices(enum_type)}."
        )
        return Annotated[enum_type | None, option]
    if Decimal in members:
        return Annotated[Decimal | None, typer.Option(parser=_decimal, help=help_text)]
    return Annotated[str | None, typer.Option(help=help_text)]


class OutputFormat(enum.StrEnum):
    """What a command prints: a table for people, or JSON (the API's wire form) for scripts."""

    TABLE = "table"
    JSON = "json"


OutputOption = Annotated[
    OutputFormat,
    typer.Option(
        "--output",
        "-o",
        case_sensitive=False,
        help="table, or json: the API's wire form, for scripts (tables are for people).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --output json.")]


def _wants_json(as_json: bool, output: OutputFormat) -> bool:
    return as_json or output is OutputFormat.JSON


PageOption = Annotated[int, typer.Option(min=1, help="Page number.")]
LimitOption = Annotated[
    int | None, typer.Option(min=1, help="Results per page (default: all on one page).")
]
AllOption = Annotated[bool, typer.Option("--all", help="Follow pagination and print every result.")]
OrderingOption = Annotated[
    str | None, typer.Option(help="Sort field, '-' prefix for descending, e.g. --ordering=-id.")
]
ALL_PAGES_LIMIT = 100
_PIPED_WIDTH = 200


def _show_listing(
    *,
    all_pages: bool,
    one_page: Callable[[], Page[ViewT]],
    every_item: Callable[[], Iterable[ViewT]],
    columns: tuple[str, ...],
    title: str,
    as_json: bool,
) -> None:
    """One page (with a hint when there are more), or with --all every item of every page."""
    if all_pages:
        results = list(every_item())
        page = Page(results=results, count=len(results), next=None, previous=None)
        caption = f"{len(results)} result(s)"
    else:
        page = one_page()
        caption = f"page {page.number}: {len(page.results)} of {page.count}"
        if page.next_page_number is not None:
            caption += f" - more with --page {page.next_page_number} or --all"
    if as_json:
        print_json(
            {
                "count": page.count,
                "next": page.next,
                "previous": page.previous,
                "results": [item.to_dict() for item in page.results],
            }
        )
    else:
        print_table(_console(), page.results, columns, title=title, caption=caption)


def _show_one(record: View[Any], *, title: str, as_json: bool) -> None:
    if as_json:
        print_json(record.to_dict())
    else:
        print_record(_console(), record, title=title)


def configure(ctx: typer.Context) -> None:
    """Store an API key and secret in the config file (mode 0600). The secret is not echoed."""
    state = _state(ctx)
    path = state.config_path or default_config_path()
    api_key = str(typer.prompt("API key")).strip()
    secret_text = str(typer.prompt("API secret", hide_input=True)).strip()
    base_url = str(typer.prompt("Base URL", default=state.base_url or DEFAULT_BASE_URL)).strip()
    with _reported_errors():
        if not api_key or not secret_text:
            raise SettingsError("the API key and secret must not be empty")
        write_config(path, api_key=api_key, secret=Secret(secret_text), base_url=base_url)
    typer.echo(f"Saved key {mask_api_key(api_key)} to {path} (readable by you only).")


def payment_methods(
    ctx: typer.Context,
    ordering: OrderingOption = None,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
) -> None:
    """List the payment methods (tickers and networks) with their limits and fees."""
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        methods = gateway.payment_methods.list(ordering=ordering)
    if _wants_json(as_json, output):
        print_json([method.to_dict() for method in methods])
    else:
        print_table(_console(), methods, _PAYMENT_METHOD_COLUMNS, title="Payment methods")


@wallets_app.command("create")
def wallets_create(
    ctx: typer.Context,
    ticker: Annotated[str, typer.Argument(help="Currency, e.g. USDT.")],
    network: Annotated[str, typer.Argument(help="Network, e.g. tron.")],
    callback_url: Annotated[str | None, typer.Option(help="Where deposit callbacks go.")] = None,
    convert_ticker: Annotated[
        str | None, typer.Option(help="Convert every deposit into this currency.")
    ] = None,
    convert_limit: Annotated[
        Decimal | None,
        typer.Option(parser=_decimal, help="Largest conversion order."),
    ] = None,
    convert_percent: Annotated[
        Decimal | None,
        typer.Option(parser=_decimal, help="Order price vs market, in %."),
    ] = None,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
) -> None:
    """Create a deposit wallet (address)."""
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        wallet = gateway.wallets.create(
            ticker,
            network,
            callback_url=callback_url,
            convert_ticker=convert_ticker,
            convert_limit=convert_limit,
            convert_percent=convert_percent,
        )
    _show_one(wallet, title="Wallet created", as_json=_wants_json(as_json, output))


@wallets_app.command("list")
def wallets_list(
    ctx: typer.Context,
    page: PageOption = 1,
    limit: LimitOption = None,
    ordering: OrderingOption = None,
    all_pages: AllOption = False,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
) -> None:
    """List your wallets."""
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        _show_listing(
            all_pages=all_pages,
            one_page=lambda: gateway.wallets.list(page=page, limit=limit, ordering=ordering),
            every_item=lambda: gateway.wallets.iter(
                limit=limit or ALL_PAGES_LIMIT, ordering=ordering
            ),
            columns=_WALLET_COLUMNS,
            title="Wallets",
            as_json=_wants_json(as_json, output),
        )


@deposits_app.command("list")
@options_from(DepositFilters)
def deposits_list(
    ctx: typer.Context,
    page: PageOption = 1,
    limit: LimitOption = None,
    ordering: OrderingOption = None,
    all_pages: AllOption = False,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
    **filters: Unpack[DepositFilters],
) -> None:
    """List deposits to your wallets (the wallet history)."""
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        _show_listing(
            all_pages=all_pages,
            one_page=lambda: gateway.deposits.list(
                page=page, limit=limit, ordering=ordering, **filters
            ),
            every_item=lambda: gateway.deposits.iter(
                limit=limit or ALL_PAGES_LIMIT, ordering=ordering, **filters
            ),
            columns=_DEPOSIT_COLUMNS,
            title="Deposits",
            as_json=_wants_json(as_json, output),
        )


wallets_app.command("history", help="List deposits to your wallets (same as `deposits list`).")(
    deposits_list
)


@withdraw_app.command("create")
@options_from(WithdrawalOptions)
def withdraw_create(
    ctx: typer.Context,
    ticker: Annotated[str, typer.Argument(help="Currency, e.g. USDT.")],
    network: Annotated[str, typer.Argument(help="Network, e.g. tron.")],
    address: Annotated[str, typer.Argument(help="Destination address.")],
    amount: Annotated[Decimal, typer.Argument(parser=_decimal, help="Amount, e.g. 22.5.")],
    client_order_id: Annotated[
        str | None,
        typer.Option(help="Your idempotency key (one is generated if omitted)."),
    ] = None,
    fee_payer: Annotated[
        FeePayer,
        typer.Option(
            parser=_enum_parser(FeePayer),
            show_default="balance",
            help=f"Who pays the fee: {_choices(FeePayer)}.",
        ),
    ] = FeePayer.BALANCE,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
    **options: Unpack[WithdrawalOptions],
) -> None:
    """Send a withdrawal. Asks for confirmation (showing the fee) unless --yes."""
    json_output = _wants_json(as_json, output)
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        if not yes:
            fee = _fee_estimate(gateway.payment_methods.list(), ticker, network, amount, fee_payer)
            typer.confirm(
                f"Withdraw {format(amount, 'f')} {ticker} on {network} to {address}?\n  {fee}",
                abort=True,
                err=json_output,  # stdout holds only the JSON document
            )
        withdrawal = gateway.withdrawals.create(
            ticker,
            network,
            address,
            amount,
            client_order_id=client_order_id,
            fee_payer=fee_payer,
            **options,
        )
    _show_one(withdrawal, title="Withdrawal", as_json=json_output)


def _fee_estimate(
    methods: Iterable[PaymentMethod],
    ticker: str,
    network: str,
    amount: Decimal,
    fee_payer: FeePayer,
) -> str:
    """The confirmation's fee line (an estimate: the gateway's answer is authoritative)."""
    method = next(
        (m for m in methods if m.ticker.upper() == ticker.upper() and m.network == network), None
    )
    if method is None:
        return f"fee: unknown (GET /payment-methods lists no {ticker} on {network})"
    fixed, rate = method.withdraw_fee_amount, method.withdraw_fee_rate
    fee = _estimated_fee(method, amount)
    payer = "from your balance" if fee_payer == FeePayer.BALANCE else "deducted from the amount"
    return (
        f"fee: {format(fee, 'f')} {method.withdraw_fee_currency} {payer} "
        f"(fixed {format(fixed, 'f')} + {format((rate * 100).normalize(), 'f')}% of the amount)"
    )


def _estimated_fee(method: PaymentMethod, amount: Decimal) -> Decimal:
    """The fee of withdrawing ``amount``: the method's fixed fee plus its rate times the amount,
    rounded up to 8 decimals. The seed gives only the two fields; this reading of them is the
    spec's (``Withdraw.fee``, errata W6), and a test holds it to what the emulator charges."""
    fee = method.withdraw_fee_amount + amount * method.withdraw_fee_rate
    return fee.quantize(Decimal("0.00000001"), rounding=ROUND_UP)


@withdraw_app.command("list")
@options_from(WithdrawalFilters)
def withdraw_list(
    ctx: typer.Context,
    page: PageOption = 1,
    limit: LimitOption = None,
    ordering: OrderingOption = None,
    all_pages: AllOption = False,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
    **filters: Unpack[WithdrawalFilters],
) -> None:
    """List your withdrawals (the withdraw history)."""
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        _show_listing(
            all_pages=all_pages,
            one_page=lambda: gateway.withdrawals.list(
                page=page, limit=limit, ordering=ordering, **filters
            ),
            every_item=lambda: gateway.withdrawals.iter(
                limit=limit or ALL_PAGES_LIMIT, ordering=ordering, **filters
            ),
            columns=_WITHDRAW_COLUMNS,
            title="Withdrawals",
            as_json=_wants_json(as_json, output),
        )


FINAL_STATUSES = frozenset({WithdrawStatus.DONE, WithdrawStatus.REFUSED, WithdrawStatus.CANCELLED})
"""Statuses a withdrawal does not leave (docs/guides/withdrawals.md): `--follow` stops there."""


@withdraw_app.command("get")
def withdraw_get(
    ctx: typer.Context,
    withdraw_id: Annotated[int, typer.Argument(min=1, help="The withdrawal's id.")],
    follow: Annotated[
        bool,
        typer.Option("--follow", help="Poll, printing each status change, until a final status."),
    ] = False,
    interval: Annotated[float, typer.Option(min=0.5, help="Seconds between polls.")] = 5.0,
    timeout: Annotated[
        float, typer.Option(min=1.0, help="Stop following after this many seconds.")
    ] = 600.0,
    as_json: JsonOption = False,
    output: OutputOption = OutputFormat.TABLE,
) -> None:
    """Show one withdrawal (found in the withdraw history); --follow it to a final status.

    Polls `GET /withdraw/history` (the gateway has no single-withdrawal read), once per
    --interval, for at most --timeout seconds: exit 0 at DONE, 1 at REFUSED or CANCELLED or
    when the time is up.
    """
    json_output = _wants_json(as_json, output)
    with _reported_errors(state := _state(ctx)), state.open_gateway() as gateway:
        withdrawal = _find_withdrawal(gateway, withdraw_id)
        if not follow:
            _show_one(withdrawal, title="Withdrawal", as_json=json_output)
            return
        deadline = time.monotonic() + timeout
        shown = None
        while True:
            if withdrawal.status != shown:
                shown = withdrawal.status
                typer.echo(
                    f"{_now()}  withdrawal {withdraw_id}: {text_of(withdrawal.status)}",
                    err=json_output,  # stdout holds only the JSON document
                )
            if withdrawal.status in FINAL_STATUSES:
                _show_one(withdrawal, title="Withdrawal", as_json=json_output)
                raise typer.Exit(0 if withdrawal.status == WithdrawStatus.DONE else 1)
            if time.monotonic() + interval > deadline:
                _stderr().print(
                    f"still {text_of(withdrawal.status)} after {timeout:g} s; stopped following",
                    markup=False,
                    highlight=False,
                )
                raise typer.Exit(1)
            time.sleep(interval)
            withdrawal = _find_withdrawal(gateway, withdraw_id)


def _find_withdrawal(gateway: Gateway, withdraw_id: int) -> Withdrawal:
    for withdrawal in gateway.withdrawals.iter(limit=ALL_PAGES_LIMIT):
        if withdrawal.id == withdraw_id:
            return withdrawal
    _stderr().print(
        f"[red]error:[/] no withdrawal {withdraw_id} in this account's withdraw history",
        markup=True,
        highlight=False,
    )
    raise typer.Exit(1)


def _now() -> str:
    return datetime.datetime.now().astimezone().strftime("%H:%M:%S")


def warn_if_config_readable(path: Path) -> None:
    if loose_permissions(path):
        _stderr().print(
            f"[yellow]warning:[/] {path} is readable by other users; run: chmod 600 {path}",
            markup=True,
            highlight=False,
        )
