"""The sample outputs of the gateway's documentation, verbatim (`shared/seed/gateway-api-docs.md`).

Each constant is the text of one "Sample output" block, byte for byte, typos and all. Two of them
are not valid JSON; `as_json` applies the two syntax fixes the errata name (J2: the trailing comma
of the payment methods array; J3: the missing closing brace of the withdraw history) and nothing
else, so a test parsing them proves the SDK reads what the documentation shows.
"""

from __future__ import annotations

import json
from typing import Any, Final

__all__ = ["SAMPLE_OUTPUTS", "as_json"]

PAYMENT_METHODS: Final = '[\n  {\n    "ticker": "BTC",\n    "network": "bitcoin",\n    "min_deposit": "0.00100000",\n    "min_withdraw": "0.00060000",\n    "max_withdraw": "100.00000000",\n    "withdraw_fee_amount": "0.00040000",\n    "withdraw_fee_rate": "0.00000000",\n    "withdraw_fee_currency": "BTC",\n    "is_deposit_enabled": true,\n    "is_withdraw_enabled": true\n  },\n  {\n    "ticker": "USDT",\n    "network": "tron",\n    "min_deposit": "0.50000000",\n    "min_withdraw": "10.00000000",\n    "max_withdraw": "50000.00000000",\n    "withdraw_fee_amount": "2.00000000",\n    "withdraw_fee_rate": "0.00000000",\n    "withdraw_fee_currency": "USDT",\n    "is_deposit_enabled": true,\n    "is_withdraw_enabled": true\n  },\n]\n'
WALLET_CREATE: Final = '{\n  "address": "0x35f03647b25bd3e3221608dc05f079c0ce3ba3b1",\n  "slug": "659b46e76ae05ce03b19ec39f64dbea6f29e",\n  "ticker": "ETH",\n  "network": "ethereum",\n  "callback_url": null,\n  "convert_ticker": "USDT",\n  "convert_limit": "10000.00000000",\n  "convert_percent": "2.00000000",\n  "created_at": "2021-05-21T12:10:54.552073Z"\n}\n'
WALLETS: Final = '{\n  "count": 2,\n  "next":" https://www.bitexbit.com/api/gateway/wallets?page=2",\n  "previous": null,\n  "results": [\n    {\n      "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",\n      "slug": "529e67dd83f210e727702d15ffbde9548917",\n      "ticker": "USDT",\n      "network": "tron",\n      "callback_url": null,\n      "convert_ticker": "ETH",\n      "convert_limit": "30.00000000",\n      "convert_percent": "0.10000000",\n      "created_at": "2021-05-20T14:42:15.210193Z"\n    },\n    {\n      "address": "TKpR2mrEj2Stnm4QLNMf97zWvgmSGvuLMU",\n      "slug": "fd00bbe3f2b24da40b62cf6675f03f656e3a",\n      "ticker": "USDT",\n      "network": "tron",\n      "callback_url": null,\n      "convert_ticker": null,\n      "convert_limit": null,\n      "convert_percent": null,\n      "created_at": "2021-05-20T14:06:35.498294Z"\n    }\n  ]\n}\n'
WALLET_HISTORY: Final = ' {\n  "count": 123,\n  "next":" https://www.bitexbit.com/api/gateway/wallet/history?page=2",\n  "previous": null,\n  "results": [\n    {\n      "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",\n      "wallet_slug": "529e67dd83f210e727702d15ffbde9548917",\n      "date": "2021-05-20T14:56:10.196967Z",\n      "amount": "5.00000000",\n      "fee": "0.00000000",\n      "ticker": "USDT",\n      "network": "tron",\n      "status": "5",\n      "txid": "b104deee6cdbd07e4d97f16b88ec21014059d5837e2428a7f0d48e58e80d5d81",\n      "actual_confirmations": null,\n      "required_confirmations": 40,\n      "aml_success": true,\n      "aml_risk": 0,\n      "aml_url": null,\n      "created_at": "2021-05-20T14:56:10.196967Z"\n    }\n  ]\n}\n'
WITHDRAW_CREATE: Final = '{\n  "id": 0,\n  "ticker": "USDT",\n  "network": "tron",\n  "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",\n  "payment_id": null,\n  "memo": null,\n  "comment": "Call after success",\n  "destination_tag":null,\n  "amount": 22,\n  "callback_url": null,\n  "client_order_id": "order_123",\n  "fee_payer": 1,\n  "status": 0,\n  "auto_buy": {\n    "symbol": "ETH",\n    "amount": 22,\n    "price": 3300,\n    "side": 1,\n    "state": "string"\n  },\n  "txid": "string",\n  "aml_success": "string",\n  "aml_risk": "string",\n  "aml_url": "string",\n  "created_at": "2021-05-21T13:28:32.095Z"\n}\n'
WITHDRAW_HISTORY: Final = ' {\n  "count": 123,\n  "next":" https://www.bitexbit.com/api/gateway/withdraw/history?page=2",\n  "previous": null,\n  "results": [\n    {\n      "id": 0,\n      "ticker": "USDT",\n      "network": "tron",\n      "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",\n      "payment_id": null,\n      "memo": null,\n      "comment": "Call after success",\n      "destination_tag":null,\n      "amount": 22,\n      "callback_url": null,\n      "client_order_id": "order_123",\n      "fee_payer": 1,\n      "status": 0,\n      "auto_buy": {\n        "symbol": "ETH",\n        "amount": 22,\n        "price": 3300,\n        "side": 1,\n        "state": "string"\n      },\n      "txid": "string",\n      "aml_success": "string",\n      "aml_risk": "string",\n      "aml_url": "string",\n      "created_at": "2021-05-21T13:28:32.095Z"\n    }\n  ]\n'

SAMPLE_OUTPUTS: Final = {
    "listPaymentMethods": PAYMENT_METHODS,
    "createWallet": WALLET_CREATE,
    "listWallets": WALLETS,
    "getWalletHistory": WALLET_HISTORY,
    "createWithdraw": WITHDRAW_CREATE,
    "getWithdrawHistory": WITHDRAW_HISTORY,
}
"""operationId -> the documentation's sample output for it."""


def as_json(operation_id: str) -> Any:
    """The sample parsed, after only the syntax fixes J2 and J3."""
    text = SAMPLE_OUTPUTS[operation_id]
    if operation_id == "listPaymentMethods":
        text = text.replace("  },\n]", "  }\n]")  # J2: trailing comma
    if operation_id == "getWithdrawHistory":
        text = text.rstrip() + "\n}\n"  # J3: the missing closing brace
    return json.loads(text)
