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
import json
import os
import socket
from typing import Any

import uvicorn
from starlette.types import ASGIApp

__all__ = [
    "WORKER_SETTINGS_ENV",
    "bind_socket",
    "check_trust_proxy",
    "serve_workers",
    "server_config",
    "worker_app",
]

WORKER_SETTINGS_ENV = "BITEXBIT_EMULATOR_WORKER_SETTINGS"


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


def bind_socket(host: str, port: int) -> socket.socket:
    """The listening socket for several workers, made with ``IPPROTO_TCP`` on purpose.

    uvicorn's own ``Config.bind_socket`` leaves ``proto`` at 0; accepted connections inherit
    it, and asyncio turns on ``TCP_NODELAY`` only for sockets that say ``IPPROTO_TCP``. Without
    it every keep-alive response waits for the client's delayed ACK (~40 ms on Linux; uvicorn
    issue 3149: GET at 10 connections fell from 1,241 to 225 req/s).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve_workers(
    settings: dict[str, Any],
    *,
    host: str,
    port: int,
    workers: int,
    trust_proxy: str | None = None,
    sock: socket.socket | None = None,
    **options: Any,
) -> None:
    """Run ``workers`` uvicorn processes on one socket (``sock``, bound here if None), each
    serving ``worker_app`` over the same file database (``settings``: what ``worker_app``
    needs, passed by environment)."""
    from uvicorn.supervisors import Multiprocess

    os.environ[WORKER_SETTINGS_ENV] = json.dumps(settings)
    config = server_config(
        "bitexbit_emulator.serving:worker_app",
        host=host,
        port=port,
        trust_proxy=trust_proxy,
        factory=True,
        workers=workers,
        **options,
    )
    sock = sock or bind_socket(host, port)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()


def worker_app() -> Any:
    """One worker's app (uvicorn calls this factory in each worker process)."""
    from bitexbit_emulator.app import create_app
    from bitexbit_emulator.config import EmulatorConfig
    from bitexbit_emulator.service import Sandbox

    settings = json.loads(os.environ[WORKER_SETTINGS_ENV])
    config = EmulatorConfig.load(settings["config"])
    sandbox = Sandbox(config, database_url=settings["database_url"], shared_by_processes=True)
    sandbox.own_addresses.note(settings["host"], settings["port"])
    return create_app(
        sandbox,
        rate_limits=settings["rate_limits"],
        validate_responses=settings["validate_responses"],
        background_lock=settings["background_lock"],
        cors_origins=settings.get("cors_origins", ()),
    )
