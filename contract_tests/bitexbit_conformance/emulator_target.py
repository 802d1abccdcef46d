"""The in-process emulator a CI run or a fuzz campaign tests (needs the `emulator` extra).

Rate limits off (Schemathesis would mostly measure 429s), transitions manual (nothing moves
unless the control API says so), the emulator's own response validation on, and a demo
account rich enough that thousands of generated withdrawals never run it dry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bitexbit_conformance.catalogue import Catalogue
from bitexbit_conformance.counting import RequestCounter

if TYPE_CHECKING:
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.service import Sandbox

__all__ = ["CI_BALANCE", "EmulatorTarget", "ci_emulator_config", "in_process_emulator"]

CI_BALANCE = Decimal("1000000000")
"""Opening balance of every catalogue ticker on every account of the CI configuration."""


def ci_emulator_config(*, rate_limits: bool = False) -> EmulatorConfig:
    """The packaged default configuration, with large balances and rate limits as asked."""
    from bitexbit_emulator.config import EmulatorConfig

    config = EmulatorConfig.default()
    tickers = {method.ticker for method in config.payment_methods}
    tickers |= {market.base for market in config.markets} | {m.quote for m in config.markets}
    accounts = tuple(
        dataclasses.replace(
            account, balances={**account.balances, **dict.fromkeys(sorted(tickers), CI_BALANCE)}
        )
        for account in config.accounts
    )
    limits = dataclasses.replace(config.rate_limits, enabled=rate_limits)
    manual = dataclasses.replace(config.transitions, mode="manual")
    return dataclasses.replace(
        config,
        accounts=accounts,
        rate_limits=limits,
        transitions=manual,
        response_validation=True,
    )


@dataclass(frozen=True, slots=True)
class EmulatorTarget:
    """An emulator app ready for Schemathesis: the (counting) app, its state and a demo key."""

    app: RequestCounter
    sandbox: Sandbox
    api_key: str
    secret: str

    @property
    def catalogue(self) -> Catalogue:
        """What the emulator's payment methods accept (to steer generation)."""
        markets = [(market.base, market.quote) for market in self.sandbox.config.markets]
        return Catalogue.from_payment_methods(self.sandbox.list_payment_methods(), markets=markets)

    @property
    def asgi_app(self) -> Any:
        """The emulator's own Starlette app (without the counter)."""
        return self.app.app

    def response_mismatches(self) -> list[Any]:
        """Responses the emulator itself found to break the spec (its validation layer)."""
        from bitexbit_emulator.app import emulator_state

        checker = emulator_state(self.asgi_app).response_checker
        return list(checker.failures) if checker is not None else []


@contextmanager
def in_process_emulator(
    config: EmulatorConfig | None = None, *, validate_responses: bool = True
) -> Iterator[EmulatorTarget]:
    """A fresh in-memory emulator for the duration of the `with` block."""
    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.service import Sandbox

    config = config if config is not None else ci_emulator_config()
    sandbox = Sandbox(config, database_url="sqlite://")
    try:
        app = create_app(
            sandbox,
            validate_responses=validate_responses,
            rate_limits=config.rate_limits.enabled,
            background_interval=None,
        )
        demo = config.demo_key()
        if demo is None:
            raise ValueError("the emulator configuration has no demo key (every permission)")
        yield EmulatorTarget(
            app=RequestCounter(app), sandbox=sandbox, api_key=demo.api_key, secret=demo.secret
        )
    finally:
        sandbox.close()
