"""What the root command passes down to every sub-command (through `typer.Context.obj`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bitexbit._client import Gateway
from bitexbit.cli._settings import Credentials, load_credentials

__all__ = ["CliState", "GatewayFactory"]

GatewayFactory = Callable[[Credentials], Gateway]


def _default_gateway(credentials: Credentials) -> Gateway:
    return Gateway(
        credentials.api_key,
        credentials.secret,
        base_url=credentials.base_url,
        scheme=credentials.scheme,
        encoder=credentials.encoder,
    )


@dataclass
class CliState:
    """Global options, plus a gateway factory that tests replace to inject a mock transport."""

    config_path: Path | None = None
    base_url: str | None = None
    scheme: str | None = None
    encoder: str | None = None
    gateway_factory: GatewayFactory = _default_gateway

    def credentials(self) -> Credentials:
        return load_credentials(
            self.config_path,
            os.environ,
            base_url_override=self.base_url,
            scheme_override=self.scheme,
            encoder_override=self.encoder,
        )

    def open_gateway(self) -> Gateway:
        credentials = self.credentials()
        if credentials.base_url_is_default:
            # Real money lives there: say so rather than default silently.
            sys.stderr.write(
                f"note: no base URL configured (--base-url, BITEXBIT_BASE_URL or `bitexbit "
                f"configure`): using the production gateway {credentials.base_url}\n"
            )
        return self.gateway_factory(credentials)
