"""`AsyncGateway`: the asyncio entry point of the SDK (the twin of `Gateway`)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
from bitexbit_gateway_client import Client
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._ratelimit import RateLimiter
from bitexbit._requester import AsyncRequester
from bitexbit._resources import AsyncDeposits, AsyncPaymentMethods, AsyncWallets, AsyncWithdrawals
from bitexbit._retry import RetryPolicy
from bitexbit._setup import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, set_up_gateway
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
        retry_ambiguous_writes: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        parts = set_up_gateway(
            type(self).__name__,
            api_key,
            secret,
            asynchronous=True,
            base_url=base_url,
            scheme=scheme,
            encoder=encoder,
            nonces=nonces,
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            rate_limit=rate_limit,
            transport=transport,
            http_client=http_client,
        )
        del secret  # only the auth inside `parts.client` holds it, inside a `Secret`
        self._description = parts.description
        self.base_url = base_url
        self._owns_http_client = parts.owns_http_client
        self._client = parts.client
        self.rate_limiter = parts.rate_limiter
        self.retry_policy = parts.retry_policy
        requester = AsyncRequester(
            self._client,
            retry_policy=self.retry_policy,
            limiter=self.rate_limiter,
            retry_ambiguous_writes=retry_ambiguous_writes,
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
