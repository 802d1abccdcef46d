"""Which release this is and which spec it implements, read from where each fact lives.

- `__version__`: the installed distribution's metadata (pyproject.toml's `version`).
- `__spec_version__` / `__spec_sha256__`: the `_spec.py` stamp `make generate` writes, that is,
  `info.version` and the SHA-256 of the `openapi/gateway.yaml` this release was built from.
- `SUPPORTED_SPEC`: the spec versions this SDK works with. It is the version range the SDK's
  metadata requires of `bitexbit-gateway-client`, whose version is the spec's `info.version`, so
  the installer enforces it and nothing restates it.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, requires, version

from bitexbit._spec import SPEC_SHA256, SPEC_VERSION

__all__ = ["SPEC_SHA256", "SPEC_VERSION", "SUPPORTED_SPEC", "VERSION"]

DISTRIBUTION = "bitexbit"
GENERATED_CLIENT = "bitexbit-gateway-client"
_REQUIREMENT = re.compile(
    r"^\s*bitexbit[-_.]gateway[-_.]client\s*(?:\[[^\]]*\])?\s*(?P<range>[^;]*?)\s*(?:;.*)?$",
    re.IGNORECASE,
)


def _installed_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


def _supported_spec() -> str:
    try:
        requirements = requires(DISTRIBUTION) or []
    except PackageNotFoundError:
        return ""
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        if match:
            # Metadata may list the bounds in any order; show the lower one first (">=1.0.0,<2").
            bounds = [bound.strip() for bound in match.group("range").split(",") if bound.strip()]
            return ",".join(sorted(bounds, key=lambda bound: not bound.startswith(">")))
    return ""


VERSION = _installed_version()
SUPPORTED_SPEC = _supported_spec()
