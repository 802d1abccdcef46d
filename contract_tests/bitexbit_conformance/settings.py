"""What a conformance run does, and the Schemathesis configuration that does it.

The configuration is built in code (and validated by Schemathesis' own config schema) rather
than discovered from a `schemathesis.toml`, so the suite behaves the same from any working
directory and never changes how other test suites in the repository run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from schemathesis.config import SchemathesisConfig

from bitexbit_conformance.catalogue import Catalogue
from bitexbit_conformance.operations import OperationFacts
from bitexbit_conformance.phases import ALL_PHASES, GenerationModes, Phase

__all__ = [
    "ALL_CHECKS",
    "ALL_PHASES",
    "DISABLED_CHECKS",
    "GenerationModes",
    "Phase",
    "RunSettings",
    "build_config",
]


ALL_CHECKS: tuple[str, ...] = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "positive_data_acceptance",
    "negative_data_rejection",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
)
"""Every built-in check this suite enables (see `DISABLED_CHECKS` for the rest)."""

DISABLED_CHECKS: dict[str, str] = {
    "object_level_authorization": (
        "needs two configured identities that own objects addressable by id; the gateway has "
        "no per-object paths (every read is an account-scoped list), so there is nothing to probe"
    ),
    "max_response_time": "speed targets live in benchmarks/, never in tests",
}


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Knobs of one run. The defaults are the bounded, deterministic CI run."""

    seed: int | None = 20_261_125
    """Fixed seed: a CI run replays identically. `None` draws a fresh one (long campaigns)."""
    max_examples: int = 25
    """Upper bound of generated examples per operation (fuzzing) and per stateful run."""
    phases: tuple[Phase, ...] = ALL_PHASES
    modes: GenerationModes = GenerationModes.ALL
    read_only: bool = False
    """Only GET operations: safe against a deployment, since writes move money."""
    stateful_max_steps: int = 8
    max_failures: int | None = None
    max_time: int | None = None
    """Stop after this many seconds (used by long fuzz campaigns)."""
    request_timeout: float = 10.0
    rate_limit: str | None = None
    """Client-side limit such as "2/s" (the gateway's per-key limit); None: unlimited."""
    tolerate_throttling: bool = False
    """Accept a 429 for a valid request (a rate-limited deployment); 401/403 still fail."""
    base_url: str | None = None
    """Where the API lives, including the `/api/gateway` base path."""
    catalogue: Catalogue | None = None
    """Tickers/networks/amounts the target accepts, mixed into generation (see `catalogue`)."""
    operations: tuple[str, ...] = ()
    """Only these operationIds (empty: every operation the mode allows)."""
    extra_operations_config: tuple[dict[str, Any], ...] = field(default=())


def build_config(
    settings: RunSettings, operations: Mapping[str, OperationFacts]
) -> SchemathesisConfig:
    """The Schemathesis configuration for `settings`: all checks on, one worker, fixed seed.

    `operations` (from `operations.operation_facts` of the spec) says which operations write
    and which page.
    """
    return SchemathesisConfig.from_dict(config_dict(settings, operations))


def config_dict(settings: RunSettings, operations: Mapping[str, OperationFacts]) -> dict[str, Any]:
    """The configuration as the dict a `schemathesis.toml` would parse to (for review/tests)."""
    phases: dict[str, Any] = {
        phase.value: {"enabled": phase in settings.phases} for phase in ALL_PHASES
    }
    phases[Phase.STATEFUL.value]["max-steps"] = settings.stateful_max_steps
    if settings.read_only:
        # Probing a deployment with POST/PUT/DELETE on read paths is a write attempt in
        # spirit; keep the read-only run to the methods the spec documents.
        phases[Phase.COVERAGE.value]["unexpected-methods"] = []
        # Every link starts at a create operation, so there is no stateful scenario to run.
        phases[Phase.STATEFUL.value]["enabled"] = False
    checks: dict[str, Any] = {name: {"enabled": True} for name in ALL_CHECKS}
    checks["object_level_authorization"] = {"enabled": False}
    # Default expected statuses include 401/403, which would hide broken signing: a signed,
    # schema-valid request must be accepted.
    throttled = ["429"] if settings.tolerate_throttling else []
    checks["positive_data_acceptance"]["expected-statuses"] = ["2xx", *throttled]
    data: dict[str, Any] = {
        "max-failures": settings.max_failures,
        "max-time": settings.max_time,
        "workers": 1,
        "request-timeout": settings.request_timeout,
        "generation": {
            "mode": settings.modes.value,
            "max-examples": settings.max_examples,
            "database": "none",
        },
        "phases": phases,
        "checks": checks,
        "operations": [
            *_operation_overrides(throttled, operations),
            *settings.extra_operations_config,
        ],
    }
    if settings.rate_limit is not None:
        data["rate-limit"] = settings.rate_limit
    if settings.catalogue is not None:
        data.update(settings.catalogue.config_dict())
    if settings.seed is not None:
        data["seed"] = settings.seed
    if settings.base_url is not None:
        data["base-url"] = settings.base_url
    return {key: value for key, value in data.items() if value is not None}


def _operation_overrides(
    throttled: list[str], operations: Mapping[str, OperationFacts]
) -> list[dict[str, Any]]:
    """Statuses a schema-valid request may legitimately get, beyond 2xx, per operation.

    The schema cannot say which ticker/network pairs exist, which addresses are valid for a
    network, or how much money the account holds: the gateway answers those with a documented
    400. A generated `page` past the last page is a documented 404. 401 and 403 are never
    accepted, so a broken signature or a wrong permission still fails the check.
    """
    return [
        {
            "include-operation-id": sorted(o for o, facts in operations.items() if facts.writes),
            "checks": {
                "positive_data_acceptance": {"expected-statuses": ["2xx", "400", *throttled]}
            },
        },
        {
            "include-operation-id": sorted(o for o, facts in operations.items() if facts.paginated),
            "checks": {
                "positive_data_acceptance": {"expected-statuses": ["2xx", "404", *throttled]}
            },
        },
    ]
