from enum import StrEnum


class CallbackEventType(StrEnum):
    DEPOSIT_STATUS_CHANGED = "deposit.status_changed"
    WITHDRAW_STATUS_CHANGED = "withdraw.status_changed"

    def __str__(self) -> str:
        return str(self.value)
