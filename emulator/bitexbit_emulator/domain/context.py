"""What every domain operation needs besides the database connection."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.catalogue import Catalogue
from bitexbit_emulator.domain.clock import Clock
from bitexbit_emulator.domain.records import DepositRecord, WithdrawalRecord

__all__ = ["CallbackPayloads", "DomainContext"]


class CallbackPayloads(Protocol):
    """How a record becomes the `data` of its status callback: the wire form, which is the
    presentation layer's to know (``presenters``); the domain only asks for it."""

    def deposit(self, deposit: DepositRecord) -> dict[str, object]: ...
    def withdrawal(self, withdrawal: WithdrawalRecord) -> dict[str, object]: ...


@dataclass(frozen=True)
class DomainContext:
    config: EmulatorConfig
    catalogue: Catalogue
    clock: Clock
    callback_payloads: CallbackPayloads

    def derive(self, purpose: str, counter: int) -> bytes:
        """Deterministic bytes for generated identifiers (addresses, slugs, txids)."""
        return hashlib.sha256(f"{self.config.seed}|{purpose}|{counter}".encode()).digest()
