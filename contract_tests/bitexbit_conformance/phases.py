"""The names of Schemathesis' test phases and generation modes (no heavy imports: the CLI
reads them to declare its options before anything runs)."""

from __future__ import annotations

import enum

__all__ = ["ALL_PHASES", "GenerationModes", "Phase"]


class Phase(enum.StrEnum):
    """The Schemathesis test phases, in the order they run."""

    EXAMPLES = "examples"
    COVERAGE = "coverage"
    FUZZING = "fuzzing"
    STATEFUL = "stateful"


class GenerationModes(enum.StrEnum):
    """Which data Schemathesis generates: schema-valid, schema-invalid, or both."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    ALL = "all"


ALL_PHASES: tuple[Phase, ...] = tuple(Phase)
