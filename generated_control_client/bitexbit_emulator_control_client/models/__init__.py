"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .adjust_balance_request import AdjustBalanceRequest
from .advance_deposit_request import AdvanceDepositRequest
from .api_key_info import ApiKeyInfo
from .api_key_info_permissions_item import ApiKeyInfoPermissionsItem
from .auto_buy import AutoBuy
from .auto_buy_side import AutoBuySide
from .auto_buy_state import AutoBuyState
from .balance_adjustment import BalanceAdjustment
from .balances import Balances
from .balances_balances import BalancesBalances
from .callback_attempt import CallbackAttempt
from .callback_delivery import CallbackDelivery
from .callback_delivery_payload import CallbackDeliveryPayload
from .callback_event_type import CallbackEventType
from .create_namespace_request import CreateNamespaceRequest
from .deposit import Deposit
from .deposit_status import DepositStatus
from .error import Error
from .fault_rule import FaultRule
from .fault_rule_request import FaultRuleRequest
from .faults import Faults
from .faults_operations import FaultsOperations
from .faults_request import FaultsRequest
from .faults_request_operations import FaultsRequestOperations
from .fee_payer import FeePayer
from .health import Health
from .health_status import HealthStatus
from .key_nonce import KeyNonce
from .namespace import Namespace
from .rate_limits import RateLimits
from .reset_result import ResetResult
from .reset_result_status import ResetResultStatus
from .set_key_nonce_request import SetKeyNonceRequest
from .set_withdraw_status_request import SetWithdrawStatusRequest
from .simulate_deposit_request import SimulateDepositRequest
from .tick_result import TickResult
from .transition_mode import TransitionMode
from .transition_mode_name import TransitionModeName
from .transition_mode_request import TransitionModeRequest
from .validation_error import ValidationError
from .withdraw import Withdraw
from .withdraw_status import WithdrawStatus

__all__ = (
    "Account",
    "AdjustBalanceRequest",
    "AdvanceDepositRequest",
    "ApiKeyInfo",
    "ApiKeyInfoPermissionsItem",
    "AutoBuy",
    "AutoBuySide",
    "AutoBuyState",
    "BalanceAdjustment",
    "Balances",
    "BalancesBalances",
    "CallbackAttempt",
    "CallbackDelivery",
    "CallbackDeliveryPayload",
    "CallbackEventType",
    "CreateNamespaceRequest",
    "Deposit",
    "DepositStatus",
    "Error",
    "FaultRule",
    "FaultRuleRequest",
    "Faults",
    "FaultsOperations",
    "FaultsRequest",
    "FaultsRequestOperations",
    "FeePayer",
    "Health",
    "HealthStatus",
    "KeyNonce",
    "Namespace",
    "RateLimits",
    "ResetResult",
    "ResetResultStatus",
    "SetKeyNonceRequest",
    "SetWithdrawStatusRequest",
    "SimulateDepositRequest",
    "TickResult",
    "TransitionMode",
    "TransitionModeName",
    "TransitionModeRequest",
    "ValidationError",
    "Withdraw",
    "WithdrawStatus",
)
