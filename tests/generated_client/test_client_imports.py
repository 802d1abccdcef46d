"""Every module of the generated client imports (openapi-python-client #1451 broke exactly that)."""

from __future__ import annotations

import importlib
import pkgutil

import bitexbit_gateway_client

OPERATION_MODULES = {
    "bitexbit_gateway_client.api.payment_methods.list_payment_methods",
    "bitexbit_gateway_client.api.wallets.create_wallet",
    "bitexbit_gateway_client.api.wallets.list_wallets",
    "bitexbit_gateway_client.api.wallets.get_wallet_history",
    "bitexbit_gateway_client.api.withdraw.create_withdraw",
    "bitexbit_gateway_client.api.withdraw.get_withdraw_history",
}


def test_every_generated_module_imports() -> None:
    failed: list[str] = []
    names = [
        module.name
        for module in pkgutil.walk_packages(
            bitexbit_gateway_client.__path__,
            prefix="bitexbit_gateway_client.",
            onerror=failed.append,
        )
    ]
    for name in names:
        importlib.import_module(name)  # raises (and fails the test) on NameError & co.

    assert failed == []
    assert set(names) >= OPERATION_MODULES
    assert "bitexbit_gateway_client.models.withdraw" in names


def test_every_operation_module_offers_the_four_calls() -> None:
    for name in OPERATION_MODULES:
        module = importlib.import_module(name)
        for call in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, call)), f"{name}.{call}"
