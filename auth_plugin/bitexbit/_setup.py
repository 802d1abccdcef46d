"""What `Gateway` and `AsyncGateway` share at construction: auth, nonces, limiter, retries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import httpx
from bitexbit_gateway_client import Client
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._per_key import PerKey
from bitexbit._ratelimit import RateLimiter, shared_rate_limiter
from bitexbit._requester import async_response_hooks, sync_response_hooks
from bitexbit._retry import RetryPolicy
from bitexbit.auth import GatewayAuth, mask_api_key
from bitexbit.nonce import MonotonicNonce, NonceSource

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "GatewayParts",
    "adopt_http_client",
    "build_auth",
    "describe",
    "new_generated_client",
    "resolve_limiter",
    "resolve_retry_policy",
    "set_up_gateway",
    "shared_nonce_source",
]

DEFAULT_BASE_URL = "https://www.bitexbit.com/api/gateway"
DEFAULT_TIMEOUT = 30.0

_shared_nonces: PerKey[MonotonicNonce] = PerKey(MonotonicNonce)


def shared_nonce_source(api_key: str) -> MonotonicNonce:
    """The process-wide nonce source of one key, so gateways sharing a key never collide."""
    return _shared_nonces.get(api_key)


def build_auth(
    api_key: str,
    secret: str | Secret,
    *,
    scheme: SignatureScheme,
    encoder: ParamEncoder,
    nonces: NonceSource | None,
) -> GatewayAuth:
    return GatewayAuth(
        api_key,
        secret,
        scheme=scheme,
        encoder=encoder,
        nonces=nonces if nonces is not None else shared_nonce_source(api_key),
    )


def resolve_limiter(rate_limit: bool | RateLimiter, api_key: str) -> RateLimiter | None:
    """True: the key's shared limiter; False: none; a `RateLimiter`: that one."""
    if isinstance(rate_limit, RateLimiter):
        return rate_limit
    return shared_rate_limiter(api_key) if rate_limit else None


def resolve_retry_policy(max_retries: int, retry_policy: RetryPolicy | None) -> RetryPolicy:
    if retry_policy is not None:
        return retry_policy
    return RetryPolicy(max_retries=max_retries)


def describe(class_name: str, auth: GatewayAuth, base_url: str) -> str:
    """A repr that identifies the key without showing it, and never the secret."""
    return f"{class_name}(api_key={mask_api_key(auth.api_key)!r}, base_url={base_url!r})"


def new_generated_client(
    *,
    base_url: str,
    timeout: float | httpx.Timeout,
    auth: GatewayAuth,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
    response_hooks: Sequence[Callable[[httpx.Response], Any]],
) -> Client:
    """The generated client, with our auth and response hook on the httpx client it builds."""
    return Client(
        base_url=base_url,
        timeout=httpx.Timeout(timeout),
        httpx_args={
            "auth": auth,
            "transport": transport,
            "event_hooks": {"response": list(response_hooks)},
        },
    )


def adopt_http_client(
    http_client: httpx.Client | httpx.AsyncClient,
    *,
    base_url: str,
    auth: GatewayAuth,
    transport: object,
    response_hooks: Sequence[Callable[[httpx.Response], Any]],
) -> None:
    """Point a caller's httpx client at the gateway: base URL, auth and our response hook."""
    if transport is not None:
        raise ValueError("pass either transport or http_client, not both")
    http_client.base_url = httpx.URL(base_url)
    http_client.auth = auth
    http_client.event_hooks["response"].extend(response_hooks)


@dataclass(frozen=True)
class GatewayParts:
    """What `Gateway` and `AsyncGateway` are built from; only the requester and resources differ."""

    description: str
    client: Client
    owns_http_client: bool
    rate_limiter: RateLimiter | None
    retry_policy: RetryPolicy


def set_up_gateway(
    class_name: str,
    api_key: str,
    secret: str | Secret,
    *,
    asynchronous: bool,
    base_url: str,
    scheme: SignatureScheme,
    encoder: ParamEncoder,
    nonces: NonceSource | None,
    timeout: float | httpx.Timeout,
    max_retries: int,
    retry_policy: RetryPolicy | None,
    rate_limit: bool | RateLimiter,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
    http_client: httpx.Client | httpx.AsyncClient | None,
) -> GatewayParts:
    """The constructor both gateways share; ``asynchronous`` picks the httpx client flavour."""
    auth = build_auth(api_key, secret, scheme=scheme, encoder=encoder, nonces=nonces)
    del secret  # only `auth` holds it, inside a `Secret`
    hooks: Sequence[Callable[[httpx.Response], Any]] = (
        async_response_hooks()["response"] if asynchronous else sync_response_hooks()["response"]
    )
    if http_client is None:
        client = new_generated_client(
            base_url=base_url,
            timeout=timeout,
            auth=auth,
            transport=transport,
            response_hooks=hooks,
        )
        # built now, so threads (or tasks) never race to build it
        if asynchronous:
            client.get_async_httpx_client()
        else:
            client.get_httpx_client()
    else:
        adopt_http_client(
            http_client, base_url=base_url, auth=auth, transport=transport, response_hooks=hooks
        )
        client = Client(base_url=base_url)
        # `asynchronous` says which one the caller's signature promised
        if asynchronous:
            client = client.set_async_httpx_client(cast(httpx.AsyncClient, http_client))
        else:
            client = client.set_httpx_client(cast(httpx.Client, http_client))
    return GatewayParts(
        description=describe(class_name, auth, base_url),
        client=client,
        owns_http_client=http_client is None,
        rate_limiter=resolve_limiter(rate_limit, api_key),
        retry_policy=resolve_retry_policy(max_retries, retry_policy),
    )
