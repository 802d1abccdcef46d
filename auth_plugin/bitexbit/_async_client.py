"""`AsyncGateway`: the asyncio entry point of the SDK (the twin of `Gateway`)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
from bitexbit_gateway_client import Client
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._ratelimit import RateLimiter
from bitexbit._requester import AsyncRequester, async_response_hooks
from bitexbit._resources import AsyncDeposits, AsyncPaymentMethods, AsyncWallets, AsyncWithdrawals
from bitexbit._retry import RetryPolicy
from bitexbit._setup import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    adopt_http_client,
    build_auth,
    describe,
    new_generated_client,
    resolve_limiter,
    resolve_retry_policy,
)
from bitexbit.nonce import NonceSource

__all__ = ["AsyncGateway"]


class AsyncGateway:
    """The bitexbit API Gateway for asyncio, signed, rate limited and retried.

    ```python
    async with AsyncGateway(api_key, secret) as gw:
        async for wallet in gw.wallets.iter():
            print(wallet.address, wallet.created_at)
    ```

    Same options as `Gateway`; `transport` is an `httpx.AsyncBaseTransport` and `http_client`
    an `httpx.AsyncClient`.
    """

    def __init__(
        self,
        api_key: str,
        secret: str | Secret,
        *,
        base_url: str = DEFAULT_BASE_URL,
        scheme: SignatureScheme = SignatureScheme.PARAMS,
        encoder: ParamEncoder = ParamEncoder.PYTHON,
        nonces: NonceSource | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        retry_policy: RetryPolicy | None = None,
        rate_limit: bool | RateLimiter = True,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        auth = build_auth(api_key, secret, scheme=scheme, encoder=encoder, nonces=nonces)
        del secret  # only `auth` holds it, inside a `Secret`
        self._description = describe(type(self).__name__, auth, base_url)
        self.base_url = base_url
        hooks = async_response_hooks()["response"]
        if http_client is None:
            client = new_generated_client(
                base_url=base_url,
                timeout=timeout,
                auth=auth,
                transport=transport,
                response_hooks=hooks,
            )
            client.get_async_httpx_client()  # built now, so tasks never race to build it
        else:
            adopt_http_client(
                http_client, base_url=base_url, auth=auth, transport=transport, response_hooks=hooks
            )
            client = Client(base_url=base_url).set_async_httpx_client(http_client)
        self._owns_http_client = http_client is None
        self._client = client
        self.rate_limiter = resolve_limiter(rate_limit, api_key)
        self.retry_policy = resolve_retry_policy(max_retries, retry_policy)
        requester = AsyncRequester(
            client, retry_policy=self.retry_policy, limiter=self.rate_limiter
        )
        self.payment_methods = AsyncPaymentMethods(requester)
        self.deposits = AsyncDeposits(requester)
        self.wallets = AsyncWallets(requester, self.deposits)
        self.withdrawals = AsyncWithdrawals(requester)

    @property
    def generated_client(self) -> Client:
        """The generated client underneath, for operations this facade does not wrap."""
        return self._client

    async def close(self) -> None:
        """Close the connection pool (not an `http_client` you passed in)."""
        if self._owns_http_client:
            await self._client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return self._description
