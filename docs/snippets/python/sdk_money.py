"""Money is Decimal in the SDK and a decimal string on the wire; floats are refused."""

import os
from decimal import Decimal

from bitexbit import Gateway

BASE_URL = os.environ.get("BITEXBIT_BASE_URL", "http://127.0.0.1:8765/api/gateway")
API_KEY = os.environ.get("BITEXBIT_API_KEY", "demo-key")
API_SECRET = os.environ.get("BITEXBIT_API_SECRET", "demo-secret")

print(0.1 + 0.2, "but", Decimal("0.1") + Decimal("0.2"))  # why floats never carry money

with Gateway(API_KEY, API_SECRET, base_url=BASE_URL) as gateway:
    method = next(m for m in gateway.payment_methods.list() if m.ticker == "USDT")
    amount = Decimal("22.5")
    fee = method.withdraw_fee_amount + amount * method.withdraw_fee_rate
    total = (amount + fee).quantize(Decimal("0.00000001"))  # 8 decimals, like the gateway
    print("sending", amount, "costs", total, method.ticker, "with fee_payer 1")

    try:  # a float is refused before anything is sent
        gateway.withdrawals.create("USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", 22.5)
    except TypeError as error:
        print("refused:", error)
