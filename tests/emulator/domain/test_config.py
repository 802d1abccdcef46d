from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from bitexbit_emulator.config import PERMISSIONS, ConfigError, EmulatorConfig


def _default_data() -> dict[str, Any]:
    text = (
        Path(__file__).parents[3] / "emulator/bitexbit_emulator/default_config.yaml"
    ).read_text()
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_default_config_has_the_documented_catalogue(config: EmulatorConfig) -> None:
    pairs = {(method.ticker, method.network) for method in config.payment_methods}
    assert {
        ("BTC", "bitcoin"),
        ("ETH", "ethereum"),
        ("USDT", "tron"),
        ("USDT", "ethereum"),
        ("XRP", "ripple"),
        ("TON", "ton"),
    } <= pairs
    assert any(not method.is_deposit_enabled for method in config.payment_methods)
    assert any(not method.is_withdraw_enabled for method in config.payment_methods)
    usdt_eth = next(
        m for m in config.payment_methods if (m.ticker, m.network) == ("USDT", "ethereum")
    )
    assert usdt_eth.withdraw_fee_currency == "ETH"
    assert {(m.base, m.quote) for m in config.markets} >= {
        ("ETH", "USDT"),
        ("BTC", "USDT"),
        ("TRX", "USDT"),
    }
    assert config.callbacks.allowed_hosts == ("127.0.0.1", "localhost", "::1")
    assert config.transitions.mode == "manual"
    assert config.aml.reject_threshold == 75


def test_default_config_keys_cover_read_only_and_ip_restricted(config: EmulatorConfig) -> None:
    keys = [key for account in config.accounts for key in account.keys]
    assert any(key.permissions == frozenset({"read"}) for key in keys)
    assert any(key.allowed_ips for key in keys)
    demo = config.demo_key()
    assert demo is not None
    assert demo.permissions == PERMISSIONS


def test_secrets_never_show_in_reprs(config: EmulatorConfig) -> None:
    for account in config.accounts:
        for key in account.keys:
            assert key.secret not in repr(key)
            assert key.secret not in repr(config)


def test_load_from_a_file(tmp_path: Path) -> None:
    data = _default_data()
    data["transitions"] = {"mode": "timed", "delay_seconds": 0.5}
    path = tmp_path / "emulator.yaml"
    path.write_text(yaml.safe_dump(data))
    loaded = EmulatorConfig.load(path)
    assert loaded.transitions.mode == "timed"
    assert loaded.transitions.delay_seconds == 0.5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(surprise=1), "unknown keys"),
        (lambda d: d["payment_methods"][0].update(withdraw_fee_amount=0.0004), "not floats"),
        (lambda d: d["payment_methods"][0].update(address_format="morse"), "address_format"),
        (lambda d: d["payment_methods"][0].pop("min_withdraw"), "min_withdraw: required"),
        (lambda d: d["payment_methods"].append(dict(d["payment_methods"][0])), "once"),
        (lambda d: d["accounts"][0]["keys"][0].update(permissions=["admin"]), "permissions"),
        (lambda d: d["accounts"][1]["keys"][0].update(api_key="demo-key"), "unique"),
        (lambda d: d["transitions"].update(mode="sometimes"), "transitions.mode"),
        (lambda d: d["callbacks"].update(max_attempts=0), "max_attempts"),
        (lambda d: d["callbacks"].update(max_attempts="5"), "integer"),
        (lambda d: d["markets"].append({"base": "USDT", "quote": "ETH", "price": "1"}), "reversed"),
        (lambda d: d["markets"][0].update(price="0"), "price"),
        (lambda d: d["signing"].update(schemes=["md5"]), "signing.schemes"),
        (lambda d: d.update(accounts="everyone"), "expected a list"),
    ],
)
def test_invalid_configs_name_the_problem(change: Any, message: str) -> None:
    data = _default_data()
    change(data)
    with pytest.raises(ConfigError, match=message):
        EmulatorConfig.from_mapping(data)


def test_invalid_yaml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("accounts: [\n")
    with pytest.raises(ConfigError, match="YAML"):
        EmulatorConfig.load(path)


def test_database_url_resolution(config: EmulatorConfig, tmp_path: Path) -> None:
    assert config.resolved_database_url() == "sqlite://"
    in_dir = dataclasses.replace(config, data_dir=str(tmp_path / "data"))
    assert in_dir.resolved_database_url() == f"sqlite:///{tmp_path / 'data' / 'emulator.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    explicit = dataclasses.replace(in_dir, database_url="postgresql://u@127.0.0.1/db")
    assert explicit.resolved_database_url() == "postgresql://u@127.0.0.1/db"


def test_amounts_are_decimals(config: EmulatorConfig) -> None:
    btc = config.payment_methods[0]
    assert btc.withdraw_fee_amount == Decimal("0.0004")
    assert isinstance(config.accounts[0].balances["BTC"], Decimal)
