"""Contains all the data models used in inputs/outputs"""

from .auto_buy import AutoBuy
from .auto_buy_side import AutoBuySide
from .auto_buy_state import AutoBuyState
from .callback_envelope import CallbackEnvelope
from .callback_event_type import CallbackEventType
from .deposit import Deposit
from .deposit_callback import DepositCallback
from .deposit_page import DepositPage
from .deposit_status import DepositStatus
from .error import Error
from .fee_payer import FeePayer
from .get_wallet_history_limit_type_1 import GetWalletHistoryLimitType1
from .get_wallet_history_ordering import GetWalletHistoryOrdering
from .get_withdraw_history_limit_type_1 import GetWithdrawHistoryLimitType1
from .get_withdraw_history_ordering import GetWithdrawHistoryOrdering
from .list_payment_methods_ordering import ListPaymentMethodsOrdering
from .list_wallets_limit_type_1 import ListWalletsLimitType1
from .list_wallets_ordering import ListWalletsOrdering
from .page_envelope import PageEnvelope
from .payment_method import PaymentMethod
from .validation_error import ValidationError
from .wallet import Wallet
from .wallet_create_request import WalletCreateRequest
from .wallet_page import WalletPage
from .withdraw import Withdraw
from .withdraw_callback import WithdrawCallback
from .withdraw_create_request import WithdrawCreateRequest
from .withdraw_page import WithdrawPage
from .withdraw_status import WithdrawStatus

__all__ = (
    "AutoBuy",
    "AutoBuySide",
    "AutoBuyState",
    "CallbackEnvelope",
    "CallbackEventType",
    "Deposit",
    "DepositCallback",
    "DepositPage",
    "DepositStatus",
    "Error",
    "FeePayer",
    "GetWalletHistoryLimitType1",
    "GetWalletHistoryOrdering",
    "GetWithdrawHistoryLimitType1",
    "GetWithdrawHistoryOrdering",
    "ListPaymentMethodsOrdering",
    "ListWalletsLimitType1",
    "ListWalletsOrdering",
    "PageEnvelope",
    "PaymentMethod",
    "ValidationError",
    "Wallet",
    "WalletCreateRequest",
    "WalletPage",
    "Withdraw",
    "WithdrawCallback",
    "WithdrawCreateRequest",
    "WithdrawPage",
    "WithdrawStatus",
)
