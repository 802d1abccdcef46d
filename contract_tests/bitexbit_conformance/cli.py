"""`bitexbit conformance run`: the contract suite against a deployment (e.g. staging).

Registered in the SDK CLI through the `bitexbit.cli` entry point group. Read-only unless
`--allow-writes` is given: create operations move real money on a real deployment.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from bitexbit_signing import ParamEncoder, SignatureScheme
from rich.console import Console

from bitexbit_conformance.phases import ALL_PHASES, Phase
from bitexbit_conformance.profiles import Profile

if TYPE_CHECKING:
    # Schemathesis takes a second to import: the SDK CLI loads this module on every start,
    # so everything heavy is imported inside the command.
    from schemathesis.schemas import BaseSchema

    from bitexbit_conformance.catalogue import Catalogue
    from bitexbit_conformance.preflight import EmulatorLimits
    from bitexbit_conformance.report import RunReport
    from bitexbit_conformance.signing import GatewaySigner

__all__ = ["API_KEY_ENV", "API_SECRET_ENV", "app"]

API_KEY_ENV = "BITEXBIT_API_KEY"
API_SECRET_ENV = "BITEXBIT_API_SECRET"  # noqa: S105 - the variable's name, not a secret
DEFAULT_RATE_LIMIT = "2/s"
INTERRUPTED_EXIT_CODE = 130
"""128 + SIGINT, what a shell reports for a command stopped by Ctrl+C."""

app = typer.Typer(
    name="conformance",
    help="Check a deployment against openapi/gateway.yaml with Schemathesis.",
    no_args_is_help=True,
)


@app.callback()
def _group() -> None:
    """Contract tests of the bitexbit API Gateway."""


@app.command("run")
def run_command(
    base_url: Annotated[
        str,
        typer.Option(
            help="The API base URL, including /api/gateway (e.g. https://host/api/gateway)."
        ),
    ],
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Also test createWallet and createWithdraw. They move money: staging only.",
        ),
    ] = False,
    junit_xml: Annotated[
        Path | None, typer.Option("--junit-xml", help="Write a JUnit XML report to this path.")
    ] = None,
    max_examples: Annotated[
        int, typer.Option(min=1, help="Generated examples per operation and phase.")
    ] = 25,
    seed: Annotated[int | None, typer.Option(help="Seed, to replay a run exactly.")] = None,
    phase: Annotated[
        list[Phase] | None, typer.Option(help="Phases to run (repeatable); all by default.")
    ] = None,
    scheme: Annotated[
        SignatureScheme, typer.Option(help="The signing scheme to sign with (the SDK's default).")
    ] = SignatureScheme.PARAMS,
    encoder: Annotated[
        ParamEncoder, typer.Option(help="The parameter encoder of the params scheme.")
    ] = ParamEncoder.PYTHON,
    spec: Annotated[
        Path | None, typer.Option(help="The spec file (default: the copy this release carries).")
    ] = None,
    max_failures: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many failures.")
    ] = None,
    request_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 10.0,
    rate_limit: Annotated[
        str | None,
        typer.Option(
            help='Pace requests ("2/s", the documented per-account limit), "auto" (retry 429s '
            'after Retry-After) or "none". Default: "2/s", or "none" against a local emulator '
            "run without limits. A 429 for a valid request is never counted as a failure."
        ),
    ] = None,
    emulator_namespace: Annotated[
        bool,
        typer.Option(
            help="Against a local emulator that enforces rate limits: run in a fresh namespace "
            "of it without them, at full speed, deleted afterwards (its own sandbox untouched)."
        ),
    ] = True,
    catalogue: Annotated[
        bool,
        typer.Option(
            help="Read GET /payment-methods first and steer generated data to listed methods."
        ),
    ] = True,
    profile: Annotated[
        Profile | None,
        typer.Option(
            help="documented: fail only on what the gateway's documentation states, and list "
            "designed assumptions the target does not hold; full: check everything the spec "
            "says. Default: full for a local emulator, documented for anything else."
        ),
    ] = None,
) -> None:
    """Run the contract suite against BASE_URL with keys from BITEXBIT_API_KEY/BITEXBIT_API_SECRET.

    Exits 0 when every check passed, 1 on failures, 2 on bad usage.
    """
    from bitexbit_conformance.junit import write_junit_xml
    from bitexbit_conformance.preflight import emulator_limits
    from bitexbit_conformance.profiles import apply_profile, profile_for
    from bitexbit_conformance.schema import find_spec_path, load_gateway_schema, read_spec
    from bitexbit_conformance.settings import RunSettings
    from bitexbit_conformance.signing import GatewaySigner

    # Lines are never wrapped: a URL or a log line stays one line (tables still fit the width).
    console = Console(soft_wrap=True)
    api_key = os.environ.get(API_KEY_ENV, "")
    secret = os.environ.get(API_SECRET_ENV, "")
    if not api_key or not secret:
        console.print(f"[red]Set {API_KEY_ENV} and {API_SECRET_ENV} to the API key and secret.")
        raise typer.Exit(code=2)
    signer = GatewaySigner(api_key, secret, scheme=scheme, encoder=encoder)
    base = base_url.rstrip("/")
    limits = emulator_limits(base)
    with ExitStack() as stack:
        target, pacing = base, rate_limit or DEFAULT_RATE_LIMIT
        if limits is not None:
            target, pacing = _emulator_target(
                console, stack, base, limits, rate_limit, use_namespace=emulator_namespace
            )
        methods = _preflight(console, target, signer, request_timeout)
        settings = RunSettings(
            seed=seed,
            max_examples=max_examples,
            phases=tuple(phase) if phase else ALL_PHASES,
            read_only=not allow_writes,
            base_url=target,
            max_failures=max_failures,
            request_timeout=request_timeout,
            rate_limit=None if pacing.lower() == "none" else pacing,
            tolerate_throttling=True,
            catalogue=_catalogue(console, methods) if catalogue else None,
        )
        try:
            spec_path = find_spec_path(spec)
            schema = load_gateway_schema(settings, signer=signer, spec_path=spec_path)
        except FileNotFoundError as error:
            console.print(f"[red]{error}")
            raise typer.Exit(code=2) from None
        chosen = profile if profile is not None else profile_for(limits)
        mode = (
            "read/write" if allow_writes else "read-only (GET operations; --allow-writes for more)"
        )
        console.print(f"Testing [bold]{settings.base_url}[/] - {mode}, profile {chosen.value}")
        report = apply_profile(_run_with_progress(console, schema), read_spec(spec_path), chosen)
    _print_summary(console, report)
    if junit_xml is not None:
        written = write_junit_xml(report, junit_xml)
        console.print(f"JUnit XML report: {written}")
    if report.stop_reason == "interrupted":
        raise typer.Exit(code=INTERRUPTED_EXIT_CODE)
    raise typer.Exit(code=0 if report.ok else 1)


def _emulator_target(
    console: Console,
    stack: ExitStack,
    base: str,
    limits: EmulatorLimits,
    rate_limit: str | None,
    *,
    use_namespace: bool,
) -> tuple[str, str]:
    """Where to send the run on a local emulator, and at what pace."""
    from bitexbit_conformance.preflight import PreflightError, emulator_namespace

    if not limits.enforced:
        console.print("Local emulator, rate limits off: running at full speed")
        return base, rate_limit or "none"
    if not use_namespace or rate_limit is not None:
        return base, rate_limit or DEFAULT_RATE_LIMIT
    try:
        target = stack.enter_context(emulator_namespace(limits))
    except (PreflightError, OSError) as error:
        console.print(f"[yellow]Could not make an emulator namespace ({error}); pacing instead.")
        return base, DEFAULT_RATE_LIMIT
    console.print(
        f"Local emulator ({limits.describe()}): running in a fresh namespace without rate "
        "limits, deleted afterwards (--no-emulator-namespace to test its own sandbox)"
    )
    return target, "none"


def _preflight(console: Console, base: str, signer: GatewaySigner, timeout: float) -> list[Any]:
    """One signed read before the run: stop at once, with the cause, if it cannot work."""
    from bitexbit_conformance.preflight import PreflightError, preflight

    try:
        return preflight(base, signer.sign, timeout=timeout)
    except PreflightError as error:
        console.print(f"[red]error:[/] {error.cause}", highlight=False)
        if error.hint:
            console.print(f"hint: {error.hint}", highlight=False)
        raise typer.Exit(code=2) from None


def _catalogue(console: Console, methods: list[Any]) -> Catalogue | None:
    from bitexbit_conformance.catalogue import Catalogue

    if not methods:
        console.print("[yellow]No payment methods read; generating blindly.")
        return None
    found = Catalogue.from_payment_methods(methods)
    console.print(f"Catalogue: {len(found.methods)} payment methods")
    return found


_LINE_STATUS = {"success": "passed", "skip": "skipped", "failure": "failing", "error": "error"}


def _run_with_lines(console: Console, schema: BaseSchema) -> RunReport:
    """Progress as one line per finished operation and phase: what a CI log or a pipe shows
    (a live progress bar draws nothing there until the run ends)."""
    from bitexbit_conformance.runner import PhaseStarted, ScenarioDone, run_conformance

    def on_progress(update: PhaseStarted | ScenarioDone) -> None:
        if isinstance(update, PhaseStarted):
            count = "" if update.operations is None else f" ({update.operations} operations)"
            console.print(f"{update.phase}: started{count}", highlight=False)
            return
        result = update.result
        verdict = (
            f"{len(result.failures)} failing"
            if result.failures
            else _LINE_STATUS.get(result.status, result.status)
        )
        console.print(
            f"{result.phase:<9} {result.label:<24} {result.requests:>5} requests  {verdict}",
            highlight=False,
        )

    return run_conformance(schema, progress=on_progress)


def _run_with_progress(console: Console, schema: BaseSchema) -> RunReport:
    if not console.is_terminal:
        return _run_with_lines(console, schema)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )
    from schemathesis.core.result import Ok

    from bitexbit_conformance.runner import PhaseStarted, ScenarioDone, run_conformance

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failures]} failing"),
        TimeElapsedColumn(),
    )
    operations = sum(1 for result in schema.get_all_operations() if isinstance(result, Ok))
    with Progress(*columns, console=console, transient=False) as bar:
        tasks: dict[str, TaskID] = {}
        failing: dict[str, int] = {}

        def on_progress(update: PhaseStarted | ScenarioDone) -> None:
            if isinstance(update, PhaseStarted):
                failing[update.phase] = 0
                total = None if update.phase == Phase.STATEFUL.value else operations
                tasks[update.phase] = bar.add_task(update.phase, total=total, failures=0)
                return
            result = update.result
            task = tasks.get(result.phase)
            if task is None:
                failing[result.phase] = 0
                task = tasks[result.phase] = bar.add_task(result.phase, total=None, failures=0)
            if result.failures:
                failing[result.phase] += 1
            if result.phase == Phase.STATEFUL.value:
                bar.update(task, failures=failing[result.phase])
            else:
                bar.update(task, advance=1, failures=failing[result.phase])

        report = run_conformance(schema, progress=on_progress)
        for task in tasks.values():
            bar.update(task, completed=bar.tasks[task].total or bar.tasks[task].completed)
    return report


def _print_summary(console: Console, report: RunReport) -> None:
    from rich.table import Table

    table = Table(title="Operations")
    table.add_column("Phase")
    table.add_column("Operation")
    table.add_column("Requests", justify="right")
    table.add_column("Result")
    totals: dict[tuple[str, str], list[int]] = {}
    skipped: dict[tuple[str, str], bool] = {}
    for scenario in report.scenarios:
        key = (scenario.phase, scenario.label)
        entry = totals.setdefault(key, [0, 0])
        entry[0] += scenario.requests
        entry[1] += len({failure.identity for failure in scenario.failures})
        skipped[key] = skipped.get(key, True) and scenario.status == "skip"
    for (phase, label), (requests_sent, failures) in totals.items():
        if failures:
            result = f"[red]{failures} failing check(s)"
        elif label in report.errored_labels:
            result = "[red]error"
        elif skipped[(phase, label)]:
            result = "[yellow]skipped"
        else:
            result = "[green]passed"
        table.add_row(phase, label, str(requests_sent), result)
    console.print(table)
    for failure in report.failures:
        console.rule(f"[red]{failure.operation} - {failure.check}")
        status = f"HTTP {failure.status_code}, " if failure.status_code is not None else ""
        console.print(f"[bold]{failure.title}[/] ({status}phase: {failure.phase})")
        console.print(failure.message, markup=False, highlight=False)
        console.print(failure.reproduction, markup=False, highlight=False)
    _print_assumptions(console, report)
    for error in report.errors:
        console.print(f"[red]error:[/] {error}", highlight=False)
    verdict = "[green]PASSED" if report.ok else "[red]FAILED"
    if report.incomplete is not None:
        verdict = "[red]INTERRUPTED" if report.stop_reason == "interrupted" else "[red]STOPPED"
        console.print(f"[red]The run {report.incomplete}: it does not pass.")
    console.print(
        f"{verdict}[/] - {report.requests_sent} requests, {len(report.failures)} failure(s), "
        f"{len(report.errors)} error(s) in {report.running_seconds:.1f}s (seed {report.seed})"
    )
    if report.failures_by_check:
        by_check = ", ".join(
            f"{check}: {count}" for check, count in report.failures_by_check.items()
        )
        console.print(f"Failures by check: {by_check}")


def _print_assumptions(console: Console, report: RunReport) -> None:
    """Designed behaviour the target does not hold: information for the integrator, not a
    failure (see docs/errata.md for what each designed item is and what to do)."""
    assumptions = report.assumptions
    if not assumptions:
        return
    console.rule(f"[yellow]Assumptions not held ({len(assumptions)})")
    console.print(
        "The spec designed these; the gateway's documentation does not promise them, so they "
        "are not failures. See the errata page for what to do when production differs."
    )
    for assumption in assumptions:
        status = f"HTTP {assumption.status_code}, " if assumption.status_code is not None else ""
        console.print(
            f"[yellow]{assumption.operation} - {assumption.check}[/]: {assumption.title} "
            f"({status}phase: {assumption.phase})",
            highlight=False,
        )
