from __future__ import annotations

import threading

from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.accounts import MAX_NONCE
from bitexbit_emulator.service import Sandbox

from .helpers import DEMO, DEMO_KEY


def test_find_key_returns_the_key_record(sandbox: Sandbox) -> None:
    record = sandbox.find_key(DEMO_KEY)
    assert record is not None
    assert record.account_id == DEMO
    assert record.secret == "demo-secret"
    assert record.permissions == frozenset({"read", "wallets", "withdraw"})
    assert record.allowed_ips is None
    assert "demo-secret" not in repr(record)


def test_find_key_carries_permissions_and_allow_list(sandbox: Sandbox) -> None:
    read_only = sandbox.find_key("demo-read-key")
    assert read_only is not None
    assert read_only.permissions == frozenset({"read"})
    restricted = sandbox.find_key("demo-ip-key")
    assert restricted is not None
    assert restricted.allowed_ips == ("127.0.0.1",)


def test_unknown_key_is_none(sandbox: Sandbox) -> None:
    assert sandbox.find_key("nobody") is None
    assert sandbox.accept_nonce("nobody", 1) is False


def test_nonce_must_strictly_increase(sandbox: Sandbox) -> None:
    assert sandbox.accept_nonce(DEMO_KEY, 1_700_000_000_000)
    assert not sandbox.accept_nonce(DEMO_KEY, 1_700_000_000_000)
    assert not sandbox.accept_nonce(DEMO_KEY, 1_699_999_999_999)
    assert sandbox.accept_nonce(DEMO_KEY, 1_700_000_000_001)


def test_nonces_are_per_key(sandbox: Sandbox) -> None:
    assert sandbox.accept_nonce(DEMO_KEY, 10)
    assert sandbox.accept_nonce("demo-read-key", 5)
    assert sandbox.accept_nonce("other-key", 10)


def test_first_nonce_may_be_zero_and_out_of_range_is_refused(sandbox: Sandbox) -> None:
    assert not sandbox.accept_nonce(DEMO_KEY, -1)
    assert not sandbox.accept_nonce(DEMO_KEY, MAX_NONCE + 1)
    assert sandbox.accept_nonce(DEMO_KEY, 0)
    assert sandbox.accept_nonce(DEMO_KEY, MAX_NONCE)
    assert not sandbox.accept_nonce(DEMO_KEY, MAX_NONCE)


def test_nonce_survives_a_restart_on_a_file_database(config: EmulatorConfig, file_url: str) -> None:
    first = Sandbox(config, database_url=file_url)
    assert first.accept_nonce(DEMO_KEY, 500)
    first.close()
    second = Sandbox(config, database_url=file_url)
    try:
        assert not second.accept_nonce(DEMO_KEY, 500)
        assert second.accept_nonce(DEMO_KEY, 501)
    finally:
        second.close()


def test_reset_forgets_nonces(sandbox: Sandbox) -> None:
    assert sandbox.accept_nonce(DEMO_KEY, 99)
    sandbox.reset()
    assert sandbox.accept_nonce(DEMO_KEY, 99)


def test_concurrent_identical_nonces_are_accepted_once(
    config: EmulatorConfig, file_url: str
) -> None:
    """Two sandboxes on one file (like two processes) and 8 threads race for the same nonces."""
    sandboxes = [Sandbox(config, database_url=file_url) for _ in range(2)]
    wins: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def race(index: int) -> None:
        barrier.wait()
        for nonce in range(1, 21):
            if sandboxes[index % 2].accept_nonce(DEMO_KEY, nonce):
                with lock:
                    wins.append(nonce)

    threads = [threading.Thread(target=race, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for sandbox in sandboxes:
        sandbox.close()
    assert len(wins) == len(set(wins))  # never the same nonce twice
    assert 20 in wins


def test_accounts_lists_keys_without_secrets(sandbox: Sandbox, config: EmulatorConfig) -> None:
    listed = sandbox.accounts()
    assert [account["id"] for account in listed] == [1, 2]
    assert listed[0]["name"] == "demo"
    text = repr(listed)
    for account in config.accounts:
        for key in account.keys:
            assert key.api_key in text
            assert key.secret not in text
