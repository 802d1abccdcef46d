#!/usr/bin/env sh
# Install the pinned uv into ~/.local/bin when no uv is on PATH. Tries, in order: pip --user, pip --user on an
# externally managed (PEP 668) Python, and a private virtual environment. Prints where uv is, and says so on
# stderr when it installed uv into a folder that is not on the caller's PATH ($BITEXBIT_CALLER_PATH, set by
# the Makefile): make finds it there, a shell does not.
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
case ":${BITEXBIT_CALLER_PATH:-$PATH}:" in
  *":$target:"*) ;;
  *) cat >&2 <<MSG
note: installed uv $version as $target/uv, which is not on your PATH.
      make finds it; the docs' commands use make targets and .venv/bin/..., so nothing else is needed.
      To run uv yourself: export PATH="$target:\$PATH"  (add it to your shell profile to keep it)
MSG
  ;;
esac
echo "$target/uv"
