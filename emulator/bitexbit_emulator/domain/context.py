"""What every domain operation needs besides the database connection."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.catalogue import Catalogue
from bitexbit_emulator.domain.clock import Clock

__all__ = ["DomainContext"]


@dataclass(frozen=True)
class DomainContext:
    config: EmulatorConfig
    catalogue: Catalogue
    clock: Clock

    def derive(self, purpose: str, counter: int) -> bytes:
        """Deterministic bytes for generated identifiers (addresses, slugs, txids)."""
        return hashlib.sha256(f"{self.config.seed}|{purpose}|{counter}".encode()).digest()
