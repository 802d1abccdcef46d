"""Every failed call raises a typed exception carrying the status, the body and the request id."""

import os
from decimal import Decimal

from bitexbit import (
    AuthenticationError,
    BadRequestError,
    Gateway,
    NotFoundError,
    PermissionDeniedError,
)

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")
READ_ONLY_KEY, READ_ONLY_SECRET = "demo-read-key", "demo-read-secret"  # emulator demo account

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    try:  # 400: below the payment method's minimum
        gateway.withdrawals.create(
            "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("1")
        )
    except BadRequestError as error:
        print(error.status_code, error.field_errors)

    try:  # 404: a page past the last one
        gateway.wallets.list(page=999, limit=10)
    except NotFoundError as error:
        print(error.status_code, error.code, error.body)

with Gateway(API_KEY, "not-the-secret", base_url=BASE_URL) as wrong_secret:
    try:  # 401: the signature does not match
        wrong_secret.payment_methods.list()
    except AuthenticationError as error:
        print(error.status_code, error.code)

with Gateway(READ_ONLY_KEY, READ_ONLY_SECRET, base_url=BASE_URL) as read_only:
    try:  # 403: this key may read, not withdraw
        read_only.withdrawals.create(
            "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("20")
        )
    except PermissionDeniedError as error:
        print(error.status_code, error.code)
