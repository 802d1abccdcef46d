"""Injected faults per gateway operation, so clients can test their retries and timeouts.

A rule gives a share of 500 and of 502 answers and an added latency; ``"*"`` applies to every
operation without a rule of its own. Draws come from one ``random.Random(seed)``, so a given
seed and request order always fault the same requests. ``max_faults`` stops a rule after that
many injected errors (e.g. "fail twice, then succeed"). Faults are decided before
authentication, like a proxy in front of the service: a faulted request changes nothing.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace

__all__ = ["ALL_OPERATIONS", "FaultDecision", "FaultInjector", "FaultRule"]

ALL_OPERATIONS = "*"


@dataclass(frozen=True)
class FaultRule:
    error_500_share: float = 0.0
    error_502_share: float = 0.0
    latency_ms: int = 0
    max_faults: int | None = None
    injected: int = 0

    def __post_init__(self) -> None:
        shares = (self.error_500_share, self.error_502_share)
        if any(share < 0 or share > 1 for share in shares) or sum(shares) > 1:
            raise ValueError("error shares must be within 0..1 and add up to at most 1")
        if self.latency_ms < 0 or (self.max_faults is not None and self.max_faults < 0):
            raise ValueError("latency_ms and max_faults must not be negative")

    def as_dict(self) -> dict[str, object]:
        return {
            "error_500_share": self.error_500_share,
            "error_502_share": self.error_502_share,
            "latency_ms": self.latency_ms,
            "max_faults": self.max_faults,
            "injected": self.injected,
        }


@dataclass(frozen=True)
class FaultDecision:
    latency_seconds: float = 0.0
    status: int | None = None


_NO_FAULT = FaultDecision()


class FaultInjector:
    def __init__(self, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: dict[str, FaultRule] = {}
        self._seed = seed
        self._random = random.Random(seed)  # noqa: S311 - simulation, not security

    def configure(self, rules: Mapping[str, FaultRule], seed: int | None = None) -> None:
        """Replace every rule and restart the random sequence from ``seed``."""
        with self._lock:
            self._rules = dict(rules)
            self._seed = seed
            self._random = random.Random(seed)  # noqa: S311

    def clear(self) -> None:
        self.configure({}, None)

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            return {
                "seed": self._seed,
                "operations": {name: rule.as_dict() for name, rule in self._rules.items()},
            }

    def decide(self, operation_id: str) -> FaultDecision:
        with self._lock:
            if not self._rules:
                return _NO_FAULT
            name = operation_id if operation_id in self._rules else ALL_OPERATIONS
            rule = self._rules.get(name)
            if rule is None:
                return _NO_FAULT
            status = None
            exhausted = rule.max_faults is not None and rule.injected >= rule.max_faults
            if not exhausted and (rule.error_500_share or rule.error_502_share):
                draw = self._random.random()
                if draw < rule.error_500_share:
                    status = 500
                elif draw < rule.error_500_share + rule.error_502_share:
                    status = 502
                if status is not None:
                    self._rules[name] = replace(rule, injected=rule.injected + 1)
            return FaultDecision(latency_seconds=rule.latency_ms / 1000, status=status)
