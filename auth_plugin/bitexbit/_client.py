"""`Gateway`: the synchronous entry point of the SDK."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
from bitexbit_gateway_client import Client
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._ratelimit import RateLimiter
from bitexbit._requester import SyncRequester, sync_response_hooks
from bitexbit._resources import Deposits, PaymentMethods, Wallets, Withdrawals
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
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        auth = build_auth(api_key, secret, scheme=scheme, encoder=encoder, nonces=nonces)
        del secret  # only `auth` holds it, inside a `Secret`
        self._description = describe(type(self).__name__, auth, base_url)
        self.base_url = base_url
        hooks = sync_response_hooks()["response"]
        if http_client is None:
            client = new_generated_client(
                base_url=base_url,
                timeout=timeout,
                auth=auth,
                transport=transport,
                response_hooks=hooks,
            )
            client.get_httpx_client()  # built now, so threads never race to build it
        else:
            adopt_http_client(
                http_client, base_url=base_url, auth=auth, transport=transport, response_hooks=hooks
            )
            client = Client(base_url=base_url).set_httpx_client(http_client)
        self._owns_http_client = http_client is None
        self._client = client
        self.rate_limiter = resolve_limiter(rate_limit, api_key)
        self.retry_policy = resolve_retry_policy(max_retries, retry_policy)
        requester = SyncRequester(client, retry_policy=self.retry_policy, limiter=self.rate_limiter)
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
