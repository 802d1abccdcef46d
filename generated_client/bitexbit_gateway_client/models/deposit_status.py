from enum import IntEnum


class DepositStatus(IntEnum):
    PENDING = 1
    CONFIRMED = 5
    REJECTED = 6

    def __str__(self) -> str:
        return str(self.value)
