from enum import IntEnum


class WithdrawStatus(IntEnum):
    NEW = 10
    CONFIRMED = 20
    VERIFIED = 23
    MODERATION = 25
    APPROVED = 26
    SUSPENDED = 27
    DONE = 30
    REFUSED = 40
    CANCELLED = 50

    def __str__(self) -> str:
        return str(self.value)
