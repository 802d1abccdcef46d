"""Writing a `RunReport` as JUnit XML: one test case per operation and phase.

CI servers read this format; each failed check becomes a `<failure>` whose text carries the
message and the curl command that reproduces it.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from bitexbit_conformance.report import RunReport, ScenarioResult

__all__ = ["junit_xml", "write_junit_xml"]

SUITE_NAME = "bitexbit-conformance"


def junit_xml(report: RunReport) -> str:
    """The report as a JUnit XML document (a `<testsuites>` with one `<testsuite>`)."""
    grouped: dict[tuple[str, str], list[ScenarioResult]] = defaultdict(list)
    for scenario in report.scenarios:
        grouped[(scenario.phase, scenario.label)].append(scenario)

    suite = ET.Element("testsuite", name=SUITE_NAME)
    failed = skipped = errors = 0
    for (phase, label), scenarios in grouped.items():
        elapsed = sum(scenario.elapsed_seconds for scenario in scenarios)
        case = ET.SubElement(
            suite, "testcase", classname=f"{SUITE_NAME}.{phase}", name=label, time=f"{elapsed:.3f}"
        )
        failures = [failure for scenario in scenarios for failure in scenario.failures]
        distinct = {failure.identity: failure for failure in failures}
        for failure in distinct.values():
            message = f"{failure.check}: {failure.title} (HTTP {failure.status_code})"
            element = ET.SubElement(case, "failure", type=failure.check, message=message)
            element.text = f"{failure.message}\n\nReproduce with:\n{failure.reproduction}"
        if distinct:
            failed += 1
        elif all(scenario.status == "skip" for scenario in scenarios):
            ET.SubElement(case, "skipped", message=scenarios[0].skip_reason or "skipped")
            skipped += 1
    for assumption in report.assumptions:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{SUITE_NAME}.assumptions",
            name=f"{assumption.operation} - {assumption.check}",
        )
        message = f"assumption not held: {assumption.title} (HTTP {assumption.status_code})"
        ET.SubElement(
            case, "skipped", type="assumption-not-held", message=message
        ).text = f"{assumption.message}\n\nReproduce with:\n{assumption.reproduction}"
        skipped += 1
    for index, error in enumerate(report.errors, start=1):
        case = ET.SubElement(
            suite, "testcase", classname=f"{SUITE_NAME}.errors", name=f"error {index}"
        )
        ET.SubElement(
            case, "error", message=error.splitlines()[0] if error else "error"
        ).text = error
        errors += 1
    incomplete = report.incomplete
    if incomplete is not None:
        # A cancelled CI job must not read as green: the run itself is an errored case.
        case = ET.SubElement(suite, "testcase", classname=f"{SUITE_NAME}.run", name="run")
        ET.SubElement(
            case, "error", type=report.stop_reason, message=incomplete
        ).text = f"The run {incomplete}; {len(grouped)} operation/phase pairs were checked."
        errors += 1
    tests = len(grouped) + len(report.assumptions) + len(report.errors) + (incomplete is not None)
    suite.set("tests", str(tests))
    suite.set("failures", str(failed))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", f"{report.running_seconds:.3f}")
    properties = ET.Element("properties")
    ET.SubElement(properties, "property", name="seed", value=str(report.seed))
    ET.SubElement(properties, "property", name="profile", value=report.profile)
    ET.SubElement(properties, "property", name="requests_sent", value=str(report.requests_sent))
    ET.SubElement(properties, "property", name="stop_reason", value=report.stop_reason)
    suite.insert(0, properties)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_junit_xml(report: RunReport, path: str | os.PathLike[str]) -> Path:
    """Write the report to `path` (parent folders are created) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(junit_xml(report), encoding="utf-8")
    return target
