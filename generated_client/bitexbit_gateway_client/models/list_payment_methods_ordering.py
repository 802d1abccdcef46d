from enum import StrEnum


class ListPaymentMethodsOrdering(StrEnum):
    ID_ASC = "id"
    ID_DESC = "-id"

    def __str__(self) -> str:
        return str(self.value)
