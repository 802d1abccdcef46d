from enum import StrEnum


class TransitionModeName(StrEnum):
    IMMEDIATE = "immediate"
    MANUAL = "manual"
    TIMED = "timed"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """Whether this is one of the values the spec lists (not an `UNKNOWN` member)."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "TransitionModeName | None":
        """Read a string the spec does not list instead of failing: it becomes a member outside
        the list, named `UNKNOWN` (`is_known` is false). Anything but a string fails."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
