"""Where the CLI's credentials come from: environment variables, then a TOML config file.

Environment variables win over the file, field by field, so one file can hold the defaults
and CI can override them. The file is written with mode 0600 in a 0700 directory, and a file
other users can read earns a warning, as ssh does for its keys.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._setup import DEFAULT_BASE_URL
from bitexbit.auth import mask_api_key

__all__ = [
    "API_BASE_PATH",
    "ENV_API_KEY",
    "ENV_API_SECRET",
    "ENV_BASE_URL",
    "ENV_CONFIG",
    "ENV_PARAM_ENCODER",
    "ENV_SIGNATURE_SCHEME",
    "LOOPBACK_HOSTS",
    "Credentials",
    "SettingsError",
    "default_config_path",
    "load_credentials",
    "loose_permissions",
    "write_config",
]

API_BASE_PATH = urlsplit(DEFAULT_BASE_URL).path
"""The gateway API's base path, as in the SDK's default base URL (the spec's server)."""
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Hosts that mean "this machine": a local emulator, not the real gateway."""

ENV_API_KEY = "BITEXBIT_API_KEY"
ENV_API_SECRET = "BITEXBIT_API_SECRET"  # noqa: S105 - the variable's name, not a secret
ENV_BASE_URL = "BITEXBIT_BASE_URL"
ENV_CONFIG = "BITEXBIT_CONFIG"
ENV_SIGNATURE_SCHEME = "BITEXBIT_SIGNATURE_SCHEME"
ENV_PARAM_ENCODER = "BITEXBIT_PARAM_ENCODER"

_FILE_KEYS = {
    "api_key": ENV_API_KEY,
    "api_secret": ENV_API_SECRET,
    "base_url": ENV_BASE_URL,
    "signature_scheme": ENV_SIGNATURE_SCHEME,
    "param_encoder": ENV_PARAM_ENCODER,
}


class SettingsError(Exception):
    """The CLI cannot find usable credentials; the message says how to provide them."""


@dataclass(frozen=True)
class Credentials:
    api_key: str
    secret: Secret
    base_url: str
    scheme: SignatureScheme = SignatureScheme.PARAMS
    encoder: ParamEncoder = ParamEncoder.PYTHON
    base_url_is_default: bool = False
    """True when nothing named a base URL: the SDK's default, the production gateway."""

    def __repr__(self) -> str:
        return (
            f"Credentials(api_key={mask_api_key(self.api_key)!r}, base_url={self.base_url!r}, "
            f"scheme={self.scheme.value!r}, encoder={self.encoder.value!r})"
        )


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/bitexbit/config.toml`, else `~/.config/bitexbit/config.toml`."""
    environ = os.environ if env is None else env
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "bitexbit" / "config.toml"


def load_credentials(
    config_path: Path | None,
    env: Mapping[str, str],
    *,
    base_url_override: str | None = None,
    scheme_override: str | None = None,
    encoder_override: str | None = None,
) -> Credentials:
    """Credentials from `env` over the config file; `config_path` None means the default path.

    The signing scheme and encoder follow the same precedence (option, environment, file), and
    default to the SDK's (`params` with the `python` encoder).
    """
    explicit = config_path is not None
    path = config_path if config_path is not None else default_config_path(env)
    from_file = _read_config(path, required=explicit)
    api_key = env.get(ENV_API_KEY) or from_file.get("api_key")
    api_secret = env.get(ENV_API_SECRET) or from_file.get("api_secret")
    if not api_key or not api_secret:
        missing = [ENV_API_KEY] * (not api_key) + [ENV_API_SECRET] * (not api_secret)
        raise SettingsError(
            f"no API credentials: set {' and '.join(missing)}, or run `bitexbit configure` "
            f"(config file: {path})"
        )
    base_url = base_url_override or env.get(ENV_BASE_URL) or from_file.get("base_url")
    scheme = _choice(
        SignatureScheme,
        scheme_override or env.get(ENV_SIGNATURE_SCHEME) or from_file.get("signature_scheme"),
        "signature scheme",
    )
    encoder = _choice(
        ParamEncoder,
        encoder_override or env.get(ENV_PARAM_ENCODER) or from_file.get("param_encoder"),
        "parameter encoder",
    )
    return Credentials(
        api_key=api_key,
        secret=Secret(api_secret),
        base_url=base_url or DEFAULT_BASE_URL,
        scheme=scheme or SignatureScheme.PARAMS,
        encoder=encoder or ParamEncoder.PYTHON,
        base_url_is_default=not base_url,
    )


_ChoiceT = TypeVar("_ChoiceT", SignatureScheme, ParamEncoder)


def _choice(kind: type[_ChoiceT], value: str | None, what: str) -> _ChoiceT | None:
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise SettingsError(f"unknown {what} {value!r}: use one of {allowed}") from None


def write_config(path: Path, *, api_key: str, secret: Secret, base_url: str) -> None:
    """Write the config file readable by its owner only (0600), replacing any old one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = "".join(
        f"{key} = {_toml_string(value)}\n"
        for key, value in (
            ("api_key", api_key),
            ("api_secret", secret.reveal()),
            ("base_url", base_url),
        )
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # an existing file keeps its old mode through O_CREAT
        os.write(descriptor, text.encode("utf-8"))
    finally:
        os.close(descriptor)


def loose_permissions(path: Path) -> bool:
    """True if users other than the owner may read or write the file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def _read_config(path: Path, *, required: bool) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        if required:
            raise SettingsError(f"config file not found: {path}") from None
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"cannot read config file {path}: {error}") from None
    values: dict[str, str] = {}
    for key in _FILE_KEYS:
        value = document.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise SettingsError(f"{key} in {path} must be a string")
        values[key] = value
    return values


def _toml_string(value: str) -> str:
    # A JSON string without \u escapes of astral characters is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)
