"""Hatch build hook: put the repository's OpenAPI documents inside the distributions.

The documents live once, in the repository's ``openapi/`` folder, outside this project. Hatch's
static ``force-include`` cannot express "from the checkout when building there, from the sdist
when building a wheel from an unpacked sdist", so this hook does: for each entry of
``checkout-files`` (a path relative to the project, mapped to its place in the distribution) it
takes the checkout's copy when there is one, and otherwise requires the copy an sdist carries at
the packaged path. Editable installs carry nothing (the package reads ``openapi/`` directly).

The emulator and the conformance suite keep byte-identical copies of this file (a test checks
it): a build hook must sit inside the project that an sdist unpacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CheckoutFilesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "editable":
            return
        files: dict[str, str] = self.config.get("checkout-files", {})
        for source, packaged in files.items():
            checkout_copy = Path(self.root, source).resolve()
            if checkout_copy.is_file():
                build_data["force_include"][str(checkout_copy)] = packaged
            elif not Path(self.root, packaged).is_file():
                raise FileNotFoundError(
                    f"{source} is missing (no checkout) and so is {packaged} (no sdist copy)"
                )
