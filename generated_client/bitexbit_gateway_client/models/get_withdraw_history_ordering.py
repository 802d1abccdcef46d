from enum import StrEnum


class GetWithdrawHistoryOrdering(StrEnum):
    AMOUNT_ASC = "amount"
    AMOUNT_DESC = "-amount"
    CREATED_AT_ASC = "created_at"
    CREATED_AT_DESC = "-created_at"
    ID_ASC = "id"
    ID_DESC = "-id"

    def __str__(self) -> str:
        return str(self.value)
