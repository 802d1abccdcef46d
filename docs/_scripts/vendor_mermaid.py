"""Vendor Mermaid's browser build into the documentation site, so diagrams render offline.

Material for MkDocs renders ```` ```mermaid ```` fences in the browser and, unless a global
`mermaid` object already exists, downloads Mermaid from a CDN (unpkg). The published site must
not need the network, so `docs/overrides/main.html` loads the copy this script puts in
`docs/assets/javascripts/vendor/` on the pages that declare `mermaid: true`.

The copy is committed; this script only refreshes it. It asks the npm registry for the pinned
package through the ordinary `npm pack` client, extracts `dist/mermaid.min.js` and the licence,
and checks the file's SHA-256 against the pin below. To upgrade: change VERSION, run with
`--update-pin` once, review the diff, commit. `tests/docs` checks the committed file against
the pin.

Usage: .venv/bin/python docs/_scripts/vendor_mermaid.py [--update-pin]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "11.17.2"
SHA256 = "581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8"

VENDOR_DIR = Path(__file__).resolve().parent.parent / "assets" / "javascripts" / "vendor"
TARGET = VENDOR_DIR / "mermaid.min.js"
LICENSE_TARGET = VENDOR_DIR / "mermaid.LICENSE.txt"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(version: str, workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to fetch the package from the npm registry")
    completed = subprocess.run(  # noqa: S603 - fixed argv
        [npm, "pack", f"mermaid@{version}", "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / completed.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        for member in ("package/dist/mermaid.min.js", "package/LICENSE"):
            archive.extract(member, workdir, filter="data")
    return workdir / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update-pin",
        action="store_true",
        help="write the fetched file's SHA-256 into this script",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        package = fetch(VERSION, Path(temporary))
        fetched = package / "dist" / "mermaid.min.js"
        digest = sha256_of(fetched)
        if digest != SHA256 and not arguments.update_pin:
            sys.exit(f"mermaid@{VERSION}: SHA-256 {digest} does not match the pin {SHA256}")
        VENDOR_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fetched, TARGET)
        shutil.copyfile(package / "LICENSE", LICENSE_TARGET)
    if arguments.update_pin and digest != SHA256:
        script = Path(__file__)
        pin = re.compile(r'^SHA256 = "[0-9a-f]{64}"$', flags=re.MULTILINE)
        text = pin.sub(f'SHA256 = "{digest}"', script.read_text())
        script.write_text(text)
    print(f"vendored mermaid@{VERSION} ({digest}) into {TARGET}")


if __name__ == "__main__":
    main()
