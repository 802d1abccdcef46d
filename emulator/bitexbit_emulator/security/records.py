"""What the security checks need to know about an API key (``Sandbox.find_key`` returns it)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["KeyRecord", "KeyStore"]


class KeyRecord(Protocol):
    @property
    def api_key(self) -> str: ...
    @property
    def secret(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def permissions(self) -> frozenset[str]: ...
    @property
    def allowed_ips(self) -> tuple[str, ...] | None: ...


class KeyStore(Protocol):
    """The sandbox methods authentication uses."""

    def find_key(self, api_key: str) -> KeyRecord | None: ...
    def accept_nonce(self, api_key: str, nonce: int) -> bool: ...
    def last_nonce(self, api_key: str) -> int | None: ...
