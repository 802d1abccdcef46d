"""The outcome of a conformance run, independent of how it is displayed or written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["INCOMPLETE_STOPS", "FailureRecord", "RunReport", "ScenarioResult"]

INCOMPLETE_STOPS = {
    "interrupted": "interrupted (Ctrl+C or SIGTERM) before every check ran",
    "server_unavailable": "stopped: the server stopped answering",
}
"""Why a run may stop before it checked everything: such a run never passes."""


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One failed check, with what is needed to reproduce it."""

    phase: str
    operation: str
    """The failing operation's label, e.g. `POST /wallet/create`."""
    check: str
    title: str
    message: str
    reproduction: str
    """A curl command (credentials as sent; the API secret is never part of a request)."""
    status_code: int | None = None
    """The status of the response that failed the check (None: no response)."""
    response_body: bytes | None = field(default=None, repr=False, compare=False)
    """The body of that response, for re-validation by a profile (`profiles`)."""

    @property
    def identity(self) -> tuple[str, str, str]:
        """Failures with the same operation, check and title are one finding."""
        return (self.operation, self.check, self.title)


@dataclass(slots=True)
class ScenarioResult:
    """One operation in one phase (or one stateful scenario): requests sent and failures."""

    phase: str
    label: str
    status: str
    requests: int
    elapsed_seconds: float
    failures: list[FailureRecord] = field(default_factory=list)
    skip_reason: str | None = None
    assumptions: list[FailureRecord] = field(default_factory=list)
    """Failed checks of designed behaviour, not counted by the `documented` profile."""


@dataclass(slots=True)
class RunReport:
    """Everything a run found. `ok` is what the exit code and the CI assertion use."""

    seed: int | None
    scenarios: list[ScenarioResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests_sent: int = 0
    running_seconds: float = 0.0
    stop_reason: str = "completed"
    profile: str = "full"
    """What the run held the target to (`profiles.Profile`)."""
    errored_labels: set[str] = field(default_factory=set)
    """Operations that met an error (a network error, a crash) rather than a failed check."""

    @property
    def incomplete(self) -> str | None:
        """Why the run stopped before checking everything (None: it ran to the end)."""
        return INCOMPLETE_STOPS.get(self.stop_reason)

    @property
    def failures(self) -> list[FailureRecord]:
        """Distinct failures (the same operation/check/title found twice counts once)."""
        return _distinct(failure for scenario in self.scenarios for failure in scenario.failures)

    @property
    def assumptions(self) -> list[FailureRecord]:
        """Distinct designed assumptions the target does not hold (never failures)."""
        return _distinct(failure for scenario in self.scenarios for failure in scenario.assumptions)

    @property
    def failures_by_check(self) -> dict[str, int]:
        """Distinct failures per check name, most frequent first."""
        counts = Counter(failure.check for failure in self.failures)
        return dict(counts.most_common())

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors and self.incomplete is None

    def scenarios_in(self, phase: str) -> list[ScenarioResult]:
        return [scenario for scenario in self.scenarios if scenario.phase == phase]

    def describe_failures(self, *, limit: int = 20) -> str:
        """The failures and errors as readable text (used in assertion messages)."""
        parts = [
            f"[{failure.phase}] {failure.operation} - {failure.check}: {failure.title}"
            f" (HTTP {failure.status_code})\n"
            f"{failure.message}\n{failure.reproduction}"
            for failure in self.failures[:limit]
        ]
        parts.extend(f"error: {error}" for error in self.errors[:limit])
        return "\n\n".join(parts)


def _distinct(found: Iterable[FailureRecord]) -> list[FailureRecord]:
    seen: dict[tuple[str, str, str], FailureRecord] = {}
    for failure in found:
        seen.setdefault(failure.identity, failure)
    return list(seen.values())
