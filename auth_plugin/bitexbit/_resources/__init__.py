"""One module per section of the gateway's documentation, each with a sync and an async class."""

from bitexbit._resources.deposits import AsyncDeposits, Deposits
from bitexbit._resources.payment_methods import AsyncPaymentMethods, PaymentMethods
from bitexbit._resources.wallets import AsyncWallets, Wallets
from bitexbit._resources.withdrawals import AsyncWithdrawals, Withdrawals

__all__ = [
    "AsyncDeposits",
    "AsyncPaymentMethods",
    "AsyncWallets",
    "AsyncWithdrawals",
    "Deposits",
    "PaymentMethods",
    "Wallets",
    "Withdrawals",
]
