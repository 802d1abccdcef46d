from enum import StrEnum


class AutoBuyState(StrEnum):
    CANCELLED = "cancelled"
    FILLED = "filled"
    NEW = "new"

    def __str__(self) -> str:
        return str(self.value)
