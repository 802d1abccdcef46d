#!/usr/bin/env sh
# Install the pinned uv into ~/.local/bin when no uv is on PATH. Tries, in order: pip --user, pip --user on an
# externally managed (PEP 668) Python, and a private virtual environment. Prints where uv is.
set -eu
version="$1"
target="$HOME/.local/bin"
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
if [ -x "$target/uv" ]; then echo "$target/uv"; exit 0; fi
mkdir -p "$target"
quiet="--quiet --disable-pip-version-check"
if python3 -m pip install $quiet --user "uv==$version" 2>/dev/null \
  || python3 -m pip install $quiet --user --break-system-packages "uv==$version" 2>/dev/null; then
  :
else
  venv="$HOME/.local/share/bitexbit-uv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install $quiet "uv==$version"
  ln -sf "$venv/bin/uv" "$target/uv"
fi
[ -x "$target/uv" ] || { echo "could not install uv; see https://docs.astral.sh/uv/" >&2; exit 1; }
echo "$target/uv"
