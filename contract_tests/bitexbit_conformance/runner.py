"""Running Schemathesis' engine over the gateway schema and collecting a `RunReport`.

The same function backs the CI suite (in-process emulator), `make fuzz` and the
`bitexbit conformance run` command (a deployment), so all three run exactly the same checks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import schemathesis
from schemathesis.engine import events
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.schemas import BaseSchema

from bitexbit_conformance.report import FailureRecord, RunReport, ScenarioResult

__all__ = ["PhaseStarted", "Progress", "ScenarioDone", "run_conformance"]


@dataclass(frozen=True, slots=True)
class PhaseStarted:
    """A testing phase begins (`operations` is how many operations it will test, if known)."""

    phase: str
    operations: int | None


@dataclass(frozen=True, slots=True)
class ScenarioDone:
    """An operation finished in a phase (or a stateful scenario finished)."""

    result: ScenarioResult


Progress = Callable[[PhaseStarted | ScenarioDone], None]

_TESTING_PHASES = frozenset({"examples", "coverage", "fuzzing", "stateful"})


def run_conformance(schema: BaseSchema, *, progress: Progress | None = None) -> RunReport:
    """Run every enabled phase against the schema's target and return what was found."""
    report = RunReport(seed=schema.config.seed)
    started = time.monotonic()
    stream: Iterable[events.EngineEvent] = schemathesis.engine.from_schema(schema).execute()
    try:
        for event in stream:
            _handle(event, report, progress)
    except KeyboardInterrupt:
        # Schemathesis turns a Ctrl+C inside the engine into an `Interrupted` event; one that
        # lands in this loop (or in `progress`) arrives here. Either way the run is incomplete.
        report.stop_reason = "interrupted"
    report.running_seconds = time.monotonic() - started
    return report


def _handle(event: events.EngineEvent, report: RunReport, progress: Progress | None) -> None:
    if isinstance(event, events.PhaseStarted):
        name = event.phase.name.value
        if name in _TESTING_PHASES and event.phase.is_enabled and progress is not None:
            count = len(event.operations) if event.operations is not None else None
            progress(PhaseStarted(phase=name, operations=count))
    elif isinstance(event, events.ScenarioFinished):
        if not event.is_test_scenario:
            return
        result = _scenario_result(
            phase=event.phase.value,
            label=event.label or event.recorder.label,
            status=event.status.value,
            recorder=event.recorder,
            elapsed=event.elapsed_time,
            skip_reason=event.skip_reason,
        )
        _add(report, result, progress)
    elif isinstance(event, events.FuzzScenarioFinished):
        result = _scenario_result(
            phase="fuzz",
            label=event.recorder.label,
            status=event.status.value,
            recorder=event.recorder,
            elapsed=event.elapsed_time,
            skip_reason=None,
        )
        _add(report, result, progress)
    elif isinstance(event, events.Interrupted):
        report.stop_reason = "interrupted"
    elif isinstance(event, events.NonFatalError):
        # Schemathesis' own tips name its CLI's `--url`; this command's option is `--base-url`.
        text = event.info.format().replace("`--url`", "`--base-url`")
        report.errors.append(f"{event.label}: {text}")
        report.errored_labels.add(event.label)
    elif isinstance(event, events.FatalError):
        report.errors.append(f"fatal: {event.exception!r}")
    elif isinstance(event, events.EngineFinished):
        if report.stop_reason != "interrupted":
            report.stop_reason = event.stop_reason.value
        for failure in event.failures:
            report.errors.append(f"{failure.title}: {failure.message}")


def _add(report: RunReport, result: ScenarioResult, progress: Progress | None) -> None:
    report.scenarios.append(result)
    report.requests_sent += result.requests
    if progress is not None:
        progress(ScenarioDone(result=result))


_REFUSED = {
    401: "Authentication failed: a signed, schema-valid request was refused (HTTP 401); "
    "check the key, the secret, --scheme and --encoder",
    403: "Permission denied: a signed, schema-valid request was refused (HTTP 403); "
    "check the key's permissions and IP allow-list",
}


def _cause(check: str, title: str, response: object) -> str:
    """The failure's title, naming the cause where Schemathesis' generic one hides it."""
    status = getattr(response, "status_code", None)
    if check == "positive_data_acceptance" and status in _REFUSED:
        return _REFUSED[status]
    return title


def _scenario_result(
    *,
    phase: str,
    label: str,
    status: str,
    recorder: ScenarioRecorder,
    elapsed: float,
    skip_reason: str | None,
) -> ScenarioResult:
    failures: list[FailureRecord] = []
    for case_id, checks in recorder.checks.items():
        for check in checks:
            info = check.failure_info
            if info is None:
                continue
            failure = info.failure
            interaction = recorder.interactions.get(failure.case_id or case_id)
            response = interaction.response if interaction is not None else None
            failures.append(
                FailureRecord(
                    phase=phase,
                    operation=failure.operation or label,
                    check=check.name,
                    title=_cause(check.name, failure.title, response),
                    message=failure.message,
                    reproduction=info.code_sample,
                    status_code=response.status_code if response is not None else None,
                    response_body=response.content if response is not None else None,
                )
            )
    return ScenarioResult(
        phase=phase,
        label=label,
        status=status,
        requests=len(recorder.interactions),
        elapsed_seconds=elapsed,
        failures=failures,
        skip_reason=skip_reason,
    )
