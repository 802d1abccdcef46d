from enum import StrEnum


class ListPaymentMethodsOrdering(StrEnum):
    ID = "id"
    VALUE_1 = "-id"

    def __str__(self) -> str:
        return str(self.value)
