"""The control API (``/_emulator``, described by ``openapi/emulator-control.yaml``)."""

from bitexbit_emulator.control.handlers import ControlServices, control_handlers

__all__ = ["ControlServices", "control_handlers"]
