"""`python -m bitexbit_conformance.fuzz` (`make fuzz`): a long campaign against the emulator.

Round 0 runs every phase; later rounds run fuzzing and stateful with a new seed each, until
the in-process emulator has answered `--requests` requests (10,000 by default). Prints the
totals: requests sent (counted at the emulator, probes included), statuses, and distinct
failures by check. Exits 1 if any check failed, the engine reported an error, or the
emulator's own validation caught a response that breaks the spec.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence

from bitexbit_conformance.emulator_target import in_process_emulator
from bitexbit_conformance.report import FailureRecord
from bitexbit_conformance.runner import run_conformance
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import ALL_PHASES, Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner

__all__ = ["main"]

LATER_ROUND_PHASES = (Phase.FUZZING, Phase.STATEFUL)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    seed: int = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fuzz campaign: target {args.requests} requests, seed {seed}", flush=True)
    started = time.monotonic()
    failures: dict[tuple[str, str, str], FailureRecord] = {}
    errors: list[str] = []
    with in_process_emulator() as emulator:
        signer = GatewaySigner(emulator.api_key, emulator.secret)
        catalogue = emulator.catalogue
        for number in range(args.max_rounds):
            if emulator.app.total >= args.requests:
                break
            settings = RunSettings(
                seed=seed + number,
                max_examples=args.max_examples,
                phases=ALL_PHASES if number == 0 else LATER_ROUND_PHASES,
                stateful_max_steps=args.stateful_steps,
                catalogue=catalogue,
            )
            schema = load_gateway_schema(settings, signer=signer, app=emulator.app)
            report = run_conformance(schema)
            for failure in report.failures:
                failures.setdefault(failure.identity, failure)
            errors.extend(report.errors)
            print(
                f"  round {number}: seed {seed + number}, {report.requests_sent} requests, "
                f"{len(report.failures)} failures, {len(report.errors)} errors "
                f"(emulator total {emulator.app.total})",
                flush=True,
            )
        total = emulator.app.total
        statuses = emulator.app.by_status
        methods = emulator.app.by_method
        mismatches = emulator.response_mismatches()
    elapsed = time.monotonic() - started
    by_check = Counter(failure.check for failure in failures.values())
    print(f"requests sent: {total} in {elapsed:.0f}s ({total / max(elapsed, 1e-9):.0f}/s)")
    print(f"  by method: {methods}")
    print(f"  by status: {statuses}")
    print(f"  signed by the conformance signer: {signer.signed_count}")
    print(f"failures (distinct operation/check/title): {len(failures)}")
    for check, count in by_check.most_common():
        print(f"  {check}: {count}")
    for failure in failures.values():
        print(f"  - [{failure.phase}] {failure.operation} {failure.check}: {failure.title}")
        print(f"    HTTP {failure.status_code}: {failure.reproduction}")
    print(f"engine errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  - {error}")
    print(f"responses the emulator's own validation rejected: {len(mismatches)}")
    return 1 if failures or errors or mismatches else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bitexbit_conformance.fuzz", description=__doc__
    )
    parser.add_argument("--requests", type=int, default=10_000, help="stop after this many")
    parser.add_argument("--seed", type=int, default=None, help="first round's seed (random)")
    parser.add_argument("--max-examples", type=int, default=400, help="per operation and round")
    parser.add_argument("--stateful-steps", type=int, default=12)
    parser.add_argument("--max-rounds", type=int, default=100)
    return parser


if __name__ == "__main__":
    sys.exit(main())
