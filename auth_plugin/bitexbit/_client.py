"""`Gateway`: the synchronous entry point of the SDK."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
from bitexbit_gateway_client import Client
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._ratelimit import RateLimiter
from bitexbit._requester import SyncRequester
from bitexbit._resources import Deposits, PaymentMethods, Wallets, Withdrawals
from bitexbit._retry import RetryPolicy
from bitexbit._setup import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, set_up_gateway
from bitexbit.nonce import NonceSource

__all__ = ["Gateway"]


class Gateway:
    """The bitexbit API Gateway, signed, rate limited and retried.

    ```python
    with Gateway(api_key, secret) as gw:
        for wallet in gw.wallets.iter():
            print(wallet.address, wallet.created_at)
    ```

    Requests go through the generated `bitexbit_gateway_client` with `GatewayAuth` installed
    on its httpx client. `transport` replaces the network (tests: `httpx.MockTransport`);
    `http_client` is an httpx.Client you configure yourself (proxies, TLS): the gateway sets
    its `base_url`, `auth` and a response hook, and leaves closing it to you.

    `retry_ambiguous_writes=True` declares that the gateway deduplicates withdrawals by
    `client_order_id` (the emulator does; the gateway's documentation does not say so): then a
    withdrawal whose outcome is unknown (timeout, lost connection, 502) is retried with the
    same key instead of raising `AmbiguousResultError`.
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
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        parts = set_up_gateway(
            type(self).__name__,
            api_key,
            secret,
            asynchronous=False,
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
        requester = SyncRequester(
            self._client,
            retry_policy=self.retry_policy,
            limiter=self.rate_limiter,
            retry_ambiguous_writes=retry_ambiguous_writes,
        )
        self.payment_methods = PaymentMethods(requester)
        self.deposits = Deposits(requester)
        self.wallets = Wallets(requester, self.deposits)
        self.withdrawals = Withdrawals(requester)

    @property
    def generated_client(self) -> Client:
        """The generated client underneath, for operations this facade does not wrap."""
        return self._client

    def close(self) -> None:
        """Close the connection pool (not an `http_client` you passed in)."""
        if self._owns_http_client:
            self._client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return self._description
