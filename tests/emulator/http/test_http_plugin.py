"""The pytest plugin's ``gateway_emulator`` fixture: defaults, markers, helpers, SDK clients."""

from __future__ import annotations

from decimal import Decimal
from importlib.metadata import entry_points

import pytest
from bitexbit_emulator.pytest_plugin import EmulatorOptions, GatewayEmulator


def test_defaults(gateway_emulator: GatewayEmulator) -> None:
    assert not gateway_emulator.live
    assert gateway_emulator.base_url == "http://127.0.0.1/api/gateway"
    assert gateway_emulator.control_url == "http://127.0.0.1/_emulator"
    assert (gateway_emulator.demo_key, gateway_emulator.demo_secret) == ("demo-key", "demo-secret")
    assert gateway_emulator.control.mode()["mode"] == "manual"
    assert gateway_emulator.response_mismatches == []
    assert gateway_emulator.sandbox.find_key("demo-key") is not None


def test_each_test_starts_from_a_fresh_sandbox_part_1(gateway_emulator: GatewayEmulator) -> None:
    gateway_emulator.control.adjust_balance(1, "BTC", "5")
    assert gateway_emulator.signed.get("/wallets", nonce=10**15).status_code == 200


def test_each_test_starts_from_a_fresh_sandbox_part_2(gateway_emulator: GatewayEmulator) -> None:
    assert gateway_emulator.control.balances(1)["BTC"] == Decimal("1")
    assert gateway_emulator.signed.get("/wallets", nonce=1).status_code == 200


def test_the_sdk_gateway_runs_a_whole_flow(gateway_emulator: GatewayEmulator) -> None:
    with gateway_emulator.gateway() as gateway:
        wallet = gateway.wallets.create("USDT", "tron")
        deposit = gateway_emulator.control.simulate_deposit(wallet.address, "40")
        gateway_emulator.control.advance(deposit["txid"])
        (seen,) = gateway.deposits.list().results
        assert (seen.txid, seen.amount) == (deposit["txid"], Decimal("40"))
        withdrawal = gateway.withdrawals.create(
            "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("22.5")
        )
        gateway_emulator.control.set_withdraw_status(withdrawal.id, 30)
        (done,) = gateway.withdrawals.list().results
        assert int(done.status) == 30
    assert gateway_emulator.control.balances(1)["USDT"] == Decimal("10000") + 40 - Decimal("24.5")


async def test_the_async_gateway_works_in_process(gateway_emulator: GatewayEmulator) -> None:
    async with gateway_emulator.async_gateway() as gateway:
        wallet = await gateway.wallets.create("BTC", "bitcoin")
        page = await gateway.wallets.list()
    assert [item.address for item in page.results] == [wallet.address]


@pytest.mark.gateway_emulator(live=True, transition_mode="immediate")
def test_live_mode_and_marker_options(gateway_emulator: GatewayEmulator) -> None:
    assert gateway_emulator.live
    assert gateway_emulator.base_url.startswith("http://127.0.0.1:")
    assert gateway_emulator.control.mode()["mode"] == "immediate"
    with gateway_emulator.gateway() as gateway:
        wallet = gateway.wallets.create("ETH", "ethereum")
    deposit = gateway_emulator.control.simulate_deposit(wallet.address, "1")
    assert deposit["status"] == 5


def test_marker_options_are_checked() -> None:
    marker = pytest.mark.gateway_emulator(live=True, colour="blue").mark
    with pytest.raises(pytest.UsageError, match="colour"):
        EmulatorOptions.from_marker(marker, live_by_default=False)
    assert EmulatorOptions.from_marker(None, live_by_default=True).live
    explicit = pytest.mark.gateway_emulator(live=False).mark
    assert not EmulatorOptions.from_marker(explicit, live_by_default=True).live


def test_the_auth_headers_helper_signs_with_any_scheme(gateway_emulator: GatewayEmulator) -> None:
    headers = gateway_emulator.auth_headers(
        "GET", "/api/gateway/wallets", nonce=3, scheme="path-nonce-body"
    )
    assert headers["X-Nonce"] == "3"
    assert gateway_emulator.http.get("/api/gateway/wallets", headers=headers).status_code == 200


def test_the_plugin_and_cli_are_registered_as_entry_points() -> None:
    assert "bitexbit_emulator.pytest_plugin" in {
        point.value for point in entry_points(group="pytest11")
    }
    cli = {point.name: point.value for point in entry_points(group="bitexbit.cli")}
    assert cli["emulator"] == "bitexbit_emulator.cli:app"
    scripts = {point.name: point.value for point in entry_points(group="console_scripts")}
    assert scripts["bitexbit-emulator"] == "bitexbit_emulator.cli:main"


def test_on_a_shared_emulator_each_test_gets_a_namespace_of_its_own() -> None:
    """``--gateway-emulator-url``: the fixture's whole flow against one running emulator, twice,
    each time in a fresh namespace that is deleted afterwards."""
    import httpx
    from bitexbit_emulator import EmulatorConfig, Sandbox
    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.testing.loopback import LoopbackServer

    shared = Sandbox(EmulatorConfig.load(None), database_url="sqlite://")
    app = create_app(shared, rate_limits=False, validate_responses=True, background_interval=0.05)
    with LoopbackServer(app) as server:
        seen = []
        for _ in range(2):
            with GatewayEmulator(EmulatorOptions(remote_url=server.url)) as emulator:
                assert emulator.namespace is not None
                seen.append(emulator.namespace)
                assert emulator.base_url == f"{server.url}/ns/{emulator.namespace}/api/gateway"
                assert emulator.signed.get("/wallets").status_code == 200  # signed raw requests
                with emulator.gateway() as gateway:
                    assert gateway.wallets.list().results == []  # fresh
                    wallet = gateway.wallets.create("USDT", "tron")
                    deposit = emulator.control.simulate_deposit(wallet.address, "40")
                    emulator.control.advance(deposit["txid"])
                    (listed,) = gateway.deposits.list().results
                    assert listed.txid == deposit["txid"]
                assert emulator.control.balances(1)["USDT"] == Decimal("10040")
                with pytest.raises(RuntimeError, match="shared emulator"):
                    emulator.sandbox  # noqa: B018 - the property is what is tested
            assert shared.list_wallets(1).count == 0  # the root sandbox never saw any of it
        assert len(set(seen)) == 2
        assert httpx.get(f"{server.url}/_emulator/namespaces").json() == []
    shared.close()
