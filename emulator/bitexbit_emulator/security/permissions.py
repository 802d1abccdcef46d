"""Which key permission each gateway operation needs: reads need ``read``, creating a wallet
``wallets``, creating a withdrawal ``withdraw``. Unknown writes are denied (fail closed)."""

from __future__ import annotations

from typing import Final

__all__ = ["PERMISSION_DESCRIPTIONS", "required_permission"]

_WRITE_PERMISSIONS: Final = {"createWallet": "wallets", "createWithdraw": "withdraw"}
PERMISSION_DESCRIPTIONS: Final = {
    "read": "read",
    "wallets": "create wallets",
    "withdraw": "withdraw",
}


def required_permission(operation_id: str, method: str) -> str | None:
    """The permission ``operation_id`` needs; None means no key may call it."""
    if method == "GET":
        return "read"
    return _WRITE_PERMISSIONS.get(operation_id)
