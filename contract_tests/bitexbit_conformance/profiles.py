"""What a conformance run holds a deployment to: the gateway's documentation, or our spec.

`Profile.FULL` checks everything the spec says, designed behaviour included; it is what the
project's own suite runs against the emulator. `Profile.DOCUMENTED` (the default against any
deployment that is not a local emulator) counts a failed check as a failure only when the
behaviour it tests is documented. Everything else the run finds is an **assumption not held**:
reported in its own section (and in JUnit as a skipped case), never a failure, since the spec
designed it and the deployment is free to differ.

Which checks test what:

* documented - the deployment answers (no 5xx for a valid request: "Nobody is safe to make
  mistakes" is still a bug), JSON responses, authentication (the three headers are required,
  and a valid signature is accepted: a 401/403 for a signed, schema-valid request);
* designed - status codes beyond "2xx or a documented error status", the `X-Request-Id` and
  `Retry-After` headers, which inputs are invalid (negative data), 405s and `Allow`, the
  links between operations, and a 400 for schema-valid input (the documentation names no
  input rules);
* response bodies - re-validated against `documented_view` of the spec: a body that breaks
  only a designed or corrected rule (an 8-decimal string, a closed enum) is an assumption not
  held; one that breaks a documented field (missing, or the wrong type) is a failure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bitexbit_conformance.preflight import EmulatorLimits, emulator_limits
from bitexbit_conformance.provenance import documented_view
from bitexbit_conformance.report import FailureRecord, RunReport

__all__ = [
    "DOCUMENTED_ERROR_STATUSES",
    "Profile",
    "apply_profile",
    "default_profile",
    "profile_for",
]

DOCUMENTED_ERROR_STATUSES = frozenset({400, 401, 403, 429, 500, 502})
"""The gateway documentation's error table."""

_DOCUMENTED_CHECKS = frozenset(
    {
        "not_a_server_error",
        "content_type_conformance",
        "missing_required_header",
        "ignored_auth",
    }
)
_DESIGNED_CHECKS = frozenset(
    {
        "response_headers_conformance",
        "negative_data_rejection",
        "unsupported_method",
        "allow_header_conformance",
        "use_after_free",
        "ensure_resource_availability",
    }
)
_DOCUMENT_URI = "urn:bitexbit:documented-view"


class Profile(StrEnum):
    DOCUMENTED = "documented"
    FULL = "full"


def default_profile(base_url: str, *, timeout: float = 2.0) -> Profile:
    """`full` for a local emulator (a loopback host whose control API answers), else
    `documented`."""
    return profile_for(emulator_limits(base_url, timeout=timeout))


def profile_for(local_emulator: EmulatorLimits | None) -> Profile:
    """`full` when the target is a local emulator (`preflight.emulator_limits` found one)."""
    return Profile.DOCUMENTED if local_emulator is None else Profile.FULL


def apply_profile(report: RunReport, document: Mapping[str, Any], profile: Profile) -> RunReport:
    """Move the failures `profile` does not count into `assumptions`, scenario by scenario."""
    report.profile = profile.value
    if profile is Profile.FULL:
        return report
    judge = _Judge(document)
    for scenario in report.scenarios:
        kept: list[FailureRecord] = []
        for failure in scenario.failures:
            (kept if judge.is_documented_failure(failure) else scenario.assumptions).append(failure)
        scenario.failures = kept
    return report


class _Judge:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document
        self._view = documented_view(document)
        resource = Resource.from_contents(self._view, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, resource)

    def is_documented_failure(self, failure: FailureRecord) -> bool:
        check = failure.check
        if check in _DOCUMENTED_CHECKS:
            return True
        if check in _DESIGNED_CHECKS:
            return False
        if check == "positive_data_acceptance":
            return failure.status_code in (401, 403) or (failure.status_code or 0) >= 500
        if check == "status_code_conformance":
            status = failure.status_code
            return status is None or not (
                200 <= status < 300 or status in DOCUMENTED_ERROR_STATUSES
            )
        if check == "response_schema_conformance":
            return not self._valid_against_documented_view(failure)
        return True  # a check this table does not know: count it

    def _valid_against_documented_view(self, failure: FailureRecord) -> bool:
        schema = self._response_schema(failure.operation, failure.status_code)
        if schema is None or failure.response_body is None:
            return False
        try:
            body = json.loads(failure.response_body)
        except ValueError:
            return False
        validator = Draft202012Validator(
            {"$ref": f"{_DOCUMENT_URI}#{schema}"}, registry=self._registry
        )
        return validator.is_valid(body)

    def _response_schema(self, operation: str, status: int | None) -> str | None:
        """The JSON pointer of the response schema of `operation` ("GET /wallets") for `status`."""
        method, _, path = operation.partition(" ")
        item = self._document.get("paths", {}).get(path, {})
        definition = item.get(method.lower(), {})
        responses = definition.get("responses", {})
        for key in (str(status), f"{str(status)[:1]}XX", "default"):
            if key in responses:
                return _schema_pointer(self._document, path, method.lower(), key, responses[key])
        return None


def _schema_pointer(
    document: Mapping[str, Any], path: str, method: str, status: str, response: Mapping[str, Any]
) -> str | None:
    escaped = path.replace("~", "~0").replace("/", "~1")
    pointer = f"/paths/{escaped}/{method}/responses/{status}"
    reference = response.get("$ref")
    if isinstance(reference, str) and reference.startswith("#"):
        pointer = reference[1:]
        response = (
            document.get("components", {})
            .get("responses", {})
            .get(reference.rsplit("/", 1)[-1], {})
        )
    if "application/json" not in response.get("content", {}):
        return None
    return f"{pointer}/content/application~1json/schema"
