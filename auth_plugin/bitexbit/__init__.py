"""bitexbit: a typed Python SDK for the bitexbit API Gateway.

```python
from decimal import Decimal
from bitexbit import Gateway

with Gateway(api_key, secret) as gw:
    wallet = gw.wallets.create("USDT", "tron")
    withdrawal = gw.withdrawals.create("USDT", "tron", address, Decimal("22.5"))
```

The facade wraps the generated `bitexbit_gateway_client`: money is `Decimal`, statuses are the
generated enums, timestamps are aware datetimes, failures raise `GatewayError` subclasses.

`bitexbit.__spec_version__` is the spec's `info.version` this release was built from and
`bitexbit.SUPPORTED_SPEC` the range of spec versions it supports.
"""

from bitexbit_gateway_client.models import (
    AutoBuySide,
    AutoBuyState,
    CallbackEventType,
    DepositStatus,
    FeePayer,
    GetWalletHistoryOrdering,
    GetWithdrawHistoryOrdering,
    ListPaymentMethodsOrdering,
    ListWalletsOrdering,
    WithdrawStatus,
)
from bitexbit_signing import ParamEncoder, Secret, SignatureScheme

from bitexbit._async_client import AsyncGateway
from bitexbit._client import Gateway
from bitexbit._errors import (
    AmbiguousResultError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadGatewayError,
    BadRequestError,
    BitexbitError,
    CallbackVerificationError,
    GatewayError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from bitexbit._models import (
    AutoBuyOrder,
    Deposit,
    DepositCallback,
    PaymentMethod,
    Wallet,
    Withdrawal,
    WithdrawCallback,
)
from bitexbit._pagination import Page
from bitexbit._ratelimit import RateLimiter
from bitexbit._resources.withdrawals import new_client_order_id
from bitexbit._retry import RetryPolicy
from bitexbit._setup import DEFAULT_BASE_URL
from bitexbit._versions import SPEC_SHA256 as __spec_sha256__
from bitexbit._versions import SPEC_VERSION as __spec_version__
from bitexbit._versions import SUPPORTED_SPEC
from bitexbit._versions import VERSION as __version__
from bitexbit.auth import GatewayAuth
from bitexbit.callbacks import sign_callback, verify_callback
from bitexbit.nonce import FileLockedNonce, MonotonicNonce, NonceSource

__all__ = [
    "DEFAULT_BASE_URL",
    "SUPPORTED_SPEC",
    "APIConnectionError",
    "APITimeoutError",
    "AmbiguousResultError",
    "AsyncGateway",
    "AuthenticationError",
    "AutoBuyOrder",
    "AutoBuySide",
    "AutoBuyState",
    "BadGatewayError",
    "BadRequestError",
    "BitexbitError",
    "CallbackEventType",
    "CallbackVerificationError",
    "Deposit",
    "DepositCallback",
    "DepositStatus",
    "FeePayer",
    "FileLockedNonce",
    "Gateway",
    "GatewayAuth",
    "GatewayError",
    "GetWalletHistoryOrdering",
    "GetWithdrawHistoryOrdering",
    "ListPaymentMethodsOrdering",
    "ListWalletsOrdering",
    "MonotonicNonce",
    "NonceSource",
    "NotFoundError",
    "Page",
    "ParamEncoder",
    "PaymentMethod",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiter",
    "RetryPolicy",
    "Secret",
    "ServerError",
    "SignatureScheme",
    "UnexpectedResponseError",
    "Wallet",
    "WithdrawCallback",
    "WithdrawStatus",
    "Withdrawal",
    "__spec_sha256__",
    "__spec_version__",
    "__version__",
    "new_client_order_id",
    "sign_callback",
    "verify_callback",
]
