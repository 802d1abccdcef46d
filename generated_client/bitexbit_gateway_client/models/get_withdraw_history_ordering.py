from enum import StrEnum


class GetWithdrawHistoryOrdering(StrEnum):
    AMOUNT = "amount"
    CREATED_AT = "created_at"
    ID = "id"
    VALUE_1 = "-id"
    VALUE_3 = "-created_at"
    VALUE_5 = "-amount"

    def __str__(self) -> str:
        return str(self.value)
