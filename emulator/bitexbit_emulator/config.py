"""The emulator's configuration: accounts, catalogue, markets and behaviour switches.

Loaded from YAML (``EmulatorConfig.load``); the packaged ``default_config.yaml`` is the default.
Every section is a frozen dataclass so a loaded config can be shared between threads and
tweaked in tests with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

__all__ = [
    "ADDRESS_FORMATS",
    "PERMISSIONS",
    "TRANSITION_MODES",
    "AccountConfig",
    "AmlConfig",
    "ApiKeyConfig",
    "CallbacksConfig",
    "ConfigError",
    "EmulatorConfig",
    "MarketConfig",
    "PaymentMethodConfig",
    "RateLimitConfig",
    "ServerConfig",
    "SigningConfig",
    "TransitionsConfig",
]

PERMISSIONS = frozenset({"read", "wallets", "withdraw"})
ADDRESS_FORMATS = frozenset({"bech32", "evm", "tron", "xrp", "ton", "generic"})
TRANSITION_MODES = frozenset({"immediate", "manual", "timed"})
SIGNING_SCHEMES = frozenset({"params", "path-nonce-body"})
SIGNING_ENCODERS = frozenset({"python", "javascript"})
_DEFAULT_CONFIG_RESOURCE = "default_config.yaml"
SectionT = TypeVar("SectionT")


class ConfigError(ValueError):
    """The configuration file is invalid; the message names the offending key."""


@dataclass(frozen=True)
class ApiKeyConfig:
    """One API key of an account. The secret never shows in a repr."""

    api_key: str
    secret: str = field(repr=False)
    permissions: frozenset[str] = PERMISSIONS
    allowed_ips: tuple[str, ...] | None = None


@dataclass(frozen=True)
class AccountConfig:
    """An account seeded at start (and on reset) with its keys and opening balances."""

    name: str
    keys: tuple[ApiKeyConfig, ...]
    balances: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class PaymentMethodConfig:
    """A ticker on a network: limits, fees and what its addresses look like."""

    ticker: str
    network: str
    min_deposit: Decimal
    min_withdraw: Decimal
    max_withdraw: Decimal
    withdraw_fee_amount: Decimal
    withdraw_fee_rate: Decimal
    withdraw_fee_currency: str
    is_deposit_enabled: bool = True
    is_withdraw_enabled: bool = True
    is_memo_required: bool = False
    is_destination_tag_required: bool = False
    required_confirmations: int = 1
    address_format: str = "generic"
    deposit_fee_amount: Decimal = Decimal(0)
    deposit_fee_rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class MarketConfig:
    """A trading pair ``base``/``quote`` with its price (quote per one base)."""

    base: str
    quote: str
    price: Decimal


@dataclass(frozen=True)
class RateLimitConfig:
    enabled: bool = True
    per_account: int = 2
    per_ip: int = 100
    period_seconds: float = 1.0


@dataclass(frozen=True)
class SigningConfig:
    """Which (scheme x encoder) combinations the emulator accepts."""

    schemes: tuple[str, ...] = ("params", "path-nonce-body")
    encoders: tuple[str, ...] = ("python", "javascript")
    max_nonce_ahead_ms: int = 0
    """Refuse millisecond nonces further ahead of the clock than this; 0: no ceiling."""


@dataclass(frozen=True)
class CallbacksConfig:
    """Outbox delivery: which hosts may be called (no SSRF by default), retries, backoff."""

    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
    max_attempts: int = 5
    backoff_base_seconds: float = 1.0
    timeout_seconds: float = 5.0


@dataclass(frozen=True)
class TransitionsConfig:
    """How deposits and withdrawals move: ``manual`` (default), ``immediate`` or ``timed``."""

    mode: str = "manual"
    delay_seconds: float = 1.0


@dataclass(frozen=True)
class AmlConfig:
    """Deposits whose AML risk reaches ``reject_threshold`` are REJECTED."""

    reject_threshold: int = 75


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8765


@dataclass(frozen=True)
class EmulatorConfig:
    """Everything the sandbox and its HTTP layer are configured with."""

    accounts: tuple[AccountConfig, ...]
    payment_methods: tuple[PaymentMethodConfig, ...]
    markets: tuple[MarketConfig, ...] = ()
    rate_limits: RateLimitConfig = RateLimitConfig()
    signing: SigningConfig = SigningConfig()
    callbacks: CallbacksConfig = CallbacksConfig()
    transitions: TransitionsConfig = TransitionsConfig()
    aml: AmlConfig = AmlConfig()
    server: ServerConfig = ServerConfig()
    database_url: str | None = None
    data_dir: str | None = None
    response_validation: bool = False
    seed: str = "bitexbit-emulator"

    @classmethod
    def load(cls, path: str | Path | None = None) -> EmulatorConfig:
        """Read a YAML file; ``None`` reads the packaged default configuration."""
        if path is None:
            text = (
                resources.files("bitexbit_emulator")
                .joinpath(_DEFAULT_CONFIG_RESOURCE)
                .read_text(encoding="utf-8")
            )
        else:
            text = Path(path).read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ConfigError(f"config is not valid YAML: {error}") from None
        return cls.from_mapping(data)

    @classmethod
    def default(cls) -> EmulatorConfig:
        return cls.load(None)

    @classmethod
    def from_mapping(cls, data: object) -> EmulatorConfig:
        """Build and validate a config from parsed YAML/JSON data."""
        root = _mapping(data, "config")
        _no_unknown_keys(
            root,
            "config",
            {
                "accounts",
                "payment_methods",
                "markets",
                "rate_limits",
                "signing",
                "callbacks",
                "transitions",
                "aml",
                "server",
                "database_url",
                "data_dir",
                "response_validation",
                "seed",
            },
        )
        config = cls(
            accounts=tuple(
                _account(item, f"accounts[{index}]")
                for index, item in enumerate(_sequence(root.get("accounts", []), "accounts"))
            ),
            payment_methods=tuple(
                _payment_method(item, f"payment_methods[{index}]")
                for index, item in enumerate(
                    _sequence(root.get("payment_methods", []), "payment_methods")
                )
            ),
            markets=tuple(
                _market(item, f"markets[{index}]")
                for index, item in enumerate(_sequence(root.get("markets", []), "markets"))
            ),
            rate_limits=_section(RateLimitConfig, root.get("rate_limits"), "rate_limits"),
            signing=_section(SigningConfig, root.get("signing"), "signing"),
            callbacks=_section(CallbacksConfig, root.get("callbacks"), "callbacks"),
            transitions=_section(TransitionsConfig, root.get("transitions"), "transitions"),
            aml=_section(AmlConfig, root.get("aml"), "aml"),
            server=_section(ServerConfig, root.get("server"), "server"),
            database_url=_optional_str(root.get("database_url"), "database_url"),
            data_dir=_optional_str(root.get("data_dir"), "data_dir"),
            response_validation=_bool(
                root.get("response_validation", False), "response_validation"
            ),
            seed=_str(root.get("seed", "bitexbit-emulator"), "seed"),
        )
        config.validate()
        return config

    def validate(self) -> None:
        """Cross-field checks: unique names and keys, known formats, sane numbers."""
        names = [account.name for account in self.accounts]
        if len(set(names)) != len(names):
            raise ConfigError("accounts: account names must be unique")
        api_keys = [key.api_key for account in self.accounts for key in account.keys]
        if len(set(api_keys)) != len(api_keys):
            raise ConfigError("accounts: api_key values must be unique")
        pairs = [(method.ticker, method.network) for method in self.payment_methods]
        if len(set(pairs)) != len(pairs):
            raise ConfigError("payment_methods: each ticker/network pair may appear once")
        for method in self.payment_methods:
            where = f"payment_methods {method.ticker}/{method.network}"
            if method.address_format not in ADDRESS_FORMATS:
                raise ConfigError(
                    f"{where}: address_format must be one of {sorted(ADDRESS_FORMATS)}"
                )
            if method.min_withdraw > method.max_withdraw:
                raise ConfigError(f"{where}: min_withdraw exceeds max_withdraw")
            if method.required_confirmations < 0:
                raise ConfigError(f"{where}: required_confirmations must be >= 0")
        markets = [(market.base, market.quote) for market in self.markets]
        for base, quote in markets:
            if base == quote or (quote, base) in markets:
                raise ConfigError(f"markets: {base}/{quote} is duplicated or reversed")
        if len(set(markets)) != len(markets):
            raise ConfigError("markets: each pair may appear once")
        if self.transitions.mode not in TRANSITION_MODES:
            raise ConfigError(f"transitions.mode must be one of {sorted(TRANSITION_MODES)}")
        if self.transitions.delay_seconds <= 0:
            raise ConfigError("transitions.delay_seconds must be > 0")
        if self.callbacks.max_attempts < 1:
            raise ConfigError("callbacks.max_attempts must be >= 1")
        if self.callbacks.backoff_base_seconds < 0 or self.callbacks.timeout_seconds <= 0:
            raise ConfigError("callbacks: backoff must be >= 0 and timeout > 0")
        if not 0 <= self.aml.reject_threshold <= 101:
            raise ConfigError("aml.reject_threshold must be from 0 to 101")
        if not set(self.signing.schemes) <= SIGNING_SCHEMES or not self.signing.schemes:
            raise ConfigError(f"signing.schemes must be a non-empty subset of {SIGNING_SCHEMES}")
        if not set(self.signing.encoders) <= SIGNING_ENCODERS or not self.signing.encoders:
            raise ConfigError(f"signing.encoders must be a non-empty subset of {SIGNING_ENCODERS}")

    def resolved_database_url(self) -> str:
        """``database_url`` if set, else a SQLite file in ``data_dir``, else in-memory SQLite."""
        if self.database_url:
            return self.database_url
        if self.data_dir:
            directory = Path(self.data_dir).expanduser()
            directory.mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{directory / 'emulator.sqlite3'}"
        return "sqlite://"

    def demo_key(self) -> ApiKeyConfig | None:
        """The first key with every permission (printed by the CLI at startup)."""
        for account in self.accounts:
            for key in account.keys:
                if key.permissions == PERMISSIONS and key.allowed_ips is None:
                    return key
        return None


# --- parsing helpers (each names the path of what it rejects) ------------------------------


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a mapping")
    return value


def _sequence(value: object, where: str) -> Sequence[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise ConfigError(f"{where}: expected a list")
    return value


def _no_unknown_keys(data: Mapping[str, Any], where: str, known: set[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown keys {unknown}")


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a non-empty string")
    return value


def _optional_str(value: object, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{where}: expected an integer")
    return value


def _float(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: expected a number")
    return float(value)


def _decimal(value: object, where: str) -> Decimal:
    """Money in config must be written as strings or integers, never floats."""
    if isinstance(value, bool | float):
        raise ConfigError(f"{where}: write amounts as strings (e.g. '0.0004'), not floats")
    if not isinstance(value, str | int):
        raise ConfigError(f"{where}: expected a decimal string")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ConfigError(f"{where}: {value!r} is not a decimal number") from None
    if not number.is_finite() or number < 0:
        raise ConfigError(f"{where}: expected a finite non-negative decimal")
    return number


def _str_tuple(value: object, where: str) -> tuple[str, ...]:
    return tuple(
        _str(item, f"{where}[{index}]") for index, item in enumerate(_sequence(value, where))
    )


def _api_key(data: object, where: str) -> ApiKeyConfig:
    item = _mapping(data, where)
    _no_unknown_keys(item, where, {"api_key", "secret", "permissions", "allowed_ips"})
    permissions = frozenset(_str_tuple(item.get("permissions", sorted(PERMISSIONS)), where))
    if not permissions <= PERMISSIONS:
        raise ConfigError(f"{where}.permissions: allowed values are {sorted(PERMISSIONS)}")
    allowed_ips = item.get("allowed_ips")
    return ApiKeyConfig(
        api_key=_str(item.get("api_key"), f"{where}.api_key"),
        secret=_str(item.get("secret"), f"{where}.secret"),
        permissions=permissions,
        allowed_ips=None
        if allowed_ips is None
        else _str_tuple(allowed_ips, f"{where}.allowed_ips"),
    )


def _account(data: object, where: str) -> AccountConfig:
    item = _mapping(data, where)
    _no_unknown_keys(item, where, {"name", "keys", "balances"})
    balances = _mapping(item.get("balances"), f"{where}.balances")
    return AccountConfig(
        name=_str(item.get("name"), f"{where}.name"),
        keys=tuple(
            _api_key(key, f"{where}.keys[{index}]")
            for index, key in enumerate(_sequence(item.get("keys"), f"{where}.keys"))
        ),
        balances={
            _str(ticker, f"{where}.balances"): _decimal(amount, f"{where}.balances.{ticker}")
            for ticker, amount in balances.items()
        },
    )


_METHOD_DECIMALS = (
    "min_deposit",
    "min_withdraw",
    "max_withdraw",
    "withdraw_fee_amount",
    "withdraw_fee_rate",
    "deposit_fee_amount",
    "deposit_fee_rate",
)
_METHOD_BOOLS = (
    "is_deposit_enabled",
    "is_withdraw_enabled",
    "is_memo_required",
    "is_destination_tag_required",
)


def _payment_method(data: object, where: str) -> PaymentMethodConfig:
    item = _mapping(data, where)
    known = {f.name for f in dataclasses.fields(PaymentMethodConfig)}
    _no_unknown_keys(item, where, known)
    ticker = _str(item.get("ticker"), f"{where}.ticker")
    values: dict[str, Any] = {
        "ticker": ticker,
        "network": _str(item.get("network"), f"{where}.network"),
        "withdraw_fee_currency": _str(
            item.get("withdraw_fee_currency", ticker), f"{where}.withdraw_fee_currency"
        ),
    }
    for name in _METHOD_DECIMALS:
        if name in item:
            values[name] = _decimal(item[name], f"{where}.{name}")
        elif not name.startswith("deposit_fee"):
            raise ConfigError(f"{where}.{name}: required")
    for name in _METHOD_BOOLS:
        if name in item:
            values[name] = _bool(item[name], f"{where}.{name}")
    if "required_confirmations" in item:
        values["required_confirmations"] = _int(
            item["required_confirmations"], f"{where}.required_confirmations"
        )
    if "address_format" in item:
        values["address_format"] = _str(item["address_format"], f"{where}.address_format")
    return PaymentMethodConfig(**values)


def _market(data: object, where: str) -> MarketConfig:
    item = _mapping(data, where)
    _no_unknown_keys(item, where, {"base", "quote", "price"})
    price = _decimal(item.get("price"), f"{where}.price")
    if price <= 0:
        raise ConfigError(f"{where}.price: must be > 0")
    return MarketConfig(
        base=_str(item.get("base"), f"{where}.base"),
        quote=_str(item.get("quote"), f"{where}.quote"),
        price=price,
    )


def _section(cls: type[SectionT], data: object, where: str) -> SectionT:
    """Build a flat section dataclass, converting lists to tuples and checking types."""
    item = _mapping(data, where)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    _no_unknown_keys(item, where, set(fields))
    defaults = cls()
    values: dict[str, Any] = {}
    for name, value in item.items():
        default = getattr(defaults, name)
        path = f"{where}.{name}"
        if isinstance(default, bool):
            values[name] = _bool(value, path)
        elif isinstance(default, int):
            values[name] = _int(value, path)
        elif isinstance(default, float):
            values[name] = _float(value, path)
        elif isinstance(default, tuple):
            values[name] = _str_tuple(value, path)
        else:
            values[name] = _str(value, path)
    return cls(**values)
