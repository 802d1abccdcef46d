from enum import IntEnum


class FeePayer(IntEnum):
    BALANCE = 1
    AMOUNT = 2

    def __str__(self) -> str:
        return str(self.value)
