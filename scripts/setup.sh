#!/usr/bin/env bash
# Prepare this machine to run Sổ Kế hoạch: the system libraries Qt needs (Debian/Ubuntu),
# a virtualenv in .venv and the pinned Python packages. Safe to run again: it only
# installs what is missing. Usage: scripts/setup.sh [dev]   ("dev" adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
PYTHON="${PYTHON:-python3}"

# Libraries the Qt xcb/offscreen platforms load, a font with Vietnamese glyphs,
# poppler/xvfb for checking documents and screenshots in tests. "a|b": whichever
# name this Debian/Ubuntu release uses.
packages=(
  libegl1 libgl1 "libglib2.0-0t64|libglib2.0-0" libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  fonts-dejavu-core "fonts-liberation2|fonts-liberation"
)
if [ "$extras" = "dev" ]; then
  packages+=(poppler-utils xvfb xauth openssl softhsm2)
fi
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

if command -v dpkg >/dev/null 2>&1; then
  installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
  missing=()
  for alternatives in "${packages[@]}"; do
    IFS='|' read -r -a names <<< "$alternatives"
    found=""
    for name in "${names[@]}"; do installed "$name" && found=1; done
    [ -n "$found" ] || missing+=("$alternatives")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    install=()
    for alternatives in "${missing[@]}"; do
      IFS='|' read -r -a names <<< "$alternatives"
      for name in "${names[@]}"; do
        if apt-cache show "$name" >/dev/null 2>&1; then install+=("$name"); break; fi
      done
    done
    echo "Cài gói hệ thống còn thiếu: ${install[*]}"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${install[@]}"
  fi
else
  echo "Không phải Debian/Ubuntu: hãy tự cài các thư viện Qt 6 (xcb, EGL, fontconfig)." >&2
fi

"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"Cần Python 3.11 trở lên, máy đang có {sys.version.split()[0]}.")
PY

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi

# Reinstall only when the pins or the set of top-level packages change (the editable
# install maps each package by name), or extras are asked for that are not installed;
# a dev install also serves a plain run, so run.sh and test.sh do not undo each other.
stamp=".venv/.installed"
pins="$( { cat pyproject.toml; printf '%s\n' */__init__.py; } | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ]; then read -r have_pins have_extras < "$stamp" || true; fi
if [ "${have_pins:-}" != "$pins" ] || { [ -n "$extras" ] && [ "${have_extras:-}" != "$extras" ]; }; then
  .venv/bin/python -m pip install -q --upgrade pip
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  .venv/bin/python -m pip install -q -e "$spec"
  echo "$pins $extras" > "$stamp"
fi
