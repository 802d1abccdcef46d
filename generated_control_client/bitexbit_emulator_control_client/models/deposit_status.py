from enum import IntEnum


class DepositStatus(IntEnum):
    PENDING = 1
    CONFIRMED = 5
    REJECTED = 6

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """Whether this is one of the values the spec lists (not an `UNKNOWN_<value>` member)."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "DepositStatus | None":
        """Read what the spec does not list instead of failing, so responses stay readable.

        Decimal text (`"5"`) is the integer it spells; any other integer becomes a member
        outside the list, named `UNKNOWN_<value>` (`is_known` is false). Anything else fails.
        """
        if isinstance(value, str):
            text = value.strip()
            digits = text[1:] if text.startswith("-") else text
            if digits.isascii() and digits.isdigit() and len(digits) <= 18:
                return cls(int(text))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        return member
