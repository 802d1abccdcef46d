from enum import StrEnum


class GetWalletHistoryOrdering(StrEnum):
    AMOUNT_ASC = "amount"
    AMOUNT_DESC = "-amount"
    CREATED_AT_ASC = "created_at"
    CREATED_AT_DESC = "-created_at"
    DATE_ASC = "date"
    DATE_DESC = "-date"
    ID_ASC = "id"
    ID_DESC = "-id"

    def __str__(self) -> str:
        return str(self.value)
