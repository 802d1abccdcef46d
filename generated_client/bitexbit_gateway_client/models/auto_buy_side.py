from enum import IntEnum


class AutoBuySide(IntEnum):
    BUY = 1
    SELL = 2

    def __str__(self) -> str:
        return str(self.value)
