"""How the emulator is put on the network: the one place uvicorn is configured.

Forwarding headers are **off** unless a trusted proxy is named. uvicorn's default trusts
`X-Forwarded-For` from any loopback peer, and every client of a local emulator is a loopback
peer: with it on, any caller could pick its own IP, dodging the per-IP limit and passing a
key's IP allow-list. `trust_proxy` (`--trust-proxy CIDR`) turns them on for that proxy only,
for a shared sandbox behind a load balancer.

Every server started here also tells the app which port it listens on (`own_ports`), so a
callback URL pointing back at the emulator itself is refused (see `domain.callbacks`).
"""

from __future__ import annotations

import ipaddress
from typing import Any

import uvicorn
from starlette.types import ASGIApp

__all__ = ["check_trust_proxy", "server_config"]


def check_trust_proxy(value: str) -> str:
    """A comma-separated list of IP addresses or CIDR networks; raises ValueError otherwise."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not parts:
        raise ValueError("name at least one address or network")
    for part in parts:
        ipaddress.ip_network(part, strict=False)
    return ",".join(parts)


def server_config(
    app: ASGIApp | Any,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    trust_proxy: str | None = None,
    **options: Any,
) -> uvicorn.Config:
    """uvicorn settings for the emulator (or a test app): forwarding headers only from
    `trust_proxy`, never by default."""
    if trust_proxy is not None:
        forwarding: dict[str, Any] = {
            "proxy_headers": True,
            "forwarded_allow_ips": check_trust_proxy(trust_proxy),
        }
    else:
        forwarding = {"proxy_headers": False, "forwarded_allow_ips": ""}
    return uvicorn.Config(app, host=host, port=port, server_header=False, **forwarding, **options)
