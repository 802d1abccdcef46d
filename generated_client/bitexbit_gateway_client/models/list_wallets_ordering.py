from enum import StrEnum


class ListWalletsOrdering(StrEnum):
    CREATED_AT_ASC = "created_at"
    CREATED_AT_DESC = "-created_at"
    ID_ASC = "id"
    ID_DESC = "-id"

    def __str__(self) -> str:
        return str(self.value)
