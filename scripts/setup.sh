#!/usr/bin/env bash
# Prepare this machine to run Sổ Kế hoạch: the system libraries Qt needs (Debian/Ubuntu),
# a virtualenv in .venv and the pinned Python packages. Safe to run again: it only
# installs what is missing. Usage: scripts/setup.sh [dev]   ("dev" adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
PYTHON="${PYTHON:-python3}"

# Libraries the Qt xcb/offscreen platforms load, a font with Vietnamese glyphs,
# poppler/xvfb for checking documents and screenshots in tests, LibreOffice Calc (no GUI)
# to print workbooks in tests, LibreOffice Writer (no GUI) to print .docx reports in tests.
# "a|b": whichever name this Debian/Ubuntu release uses.
packages=(
  libegl1 libgl1 "libglib2.0-0t64|libglib2.0-0" libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  fonts-dejavu-core "fonts-liberation2|fonts-liberation"
)
if [ "$extras" = "dev" ]; then
  packages+=(poppler-utils xvfb xauth openssl softhsm2 libreoffice-calc-nogui libreoffice-writer-nogui)
fi
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

# Another install (Software Updater, unattended-upgrades, a second terminal) holds apt's
# locks: wait for it, in Vietnamese, rather than fail with apt's English "Could not get
# lock". apt takes them with fcntl(), which `flock` cannot see: ask fuser, else Python.
apt_locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
apt_wait_seconds=600
apt_busy() {
  local lock
  for lock in "${apt_locks[@]}"; do
    [ -e "$lock" ] || continue
    if command -v fuser >/dev/null 2>&1; then
      "${sudo[@]}" fuser "$lock" >/dev/null 2>&1 && return 0
    else  # exit 3: held; any other failure of the probe is left to apt to report
      local held=0
      "${sudo[@]}" "$PYTHON" -c 'import errno, fcntl, sys
with open(sys.argv[1], "a") as f:
    try:
        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        sys.exit(3 if e.errno in (errno.EACCES, errno.EAGAIN) else 1)' "$lock" >/dev/null 2>&1 || held=$?
      [ "$held" -eq 3 ] && return 0
    fi
  done
  return 1
}
wait_for_apt() {
  local waited=0
  while apt_busy; do
    if [ "$waited" -eq 0 ]; then
      echo "Đang chờ một chương trình cài đặt khác chạy xong (khóa của apt)…"
    fi
    if [ "$waited" -ge "$apt_wait_seconds" ]; then
      echo "Đã chờ $((apt_wait_seconds / 60)) phút mà chương trình cài đặt khác vẫn chưa xong." \
        "Hãy đợi nó xong (hoặc khởi động lại máy) rồi chạy lại scripts/setup.sh." >&2
      exit 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
}
# apt ≥ 1.9.11 also waits by itself for a lock taken between the check and its start;
# DEBIAN_FRONTEND through env, as sudo drops it from the environment.
apt_get() {
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout="$apt_wait_seconds" "$@"; then
    echo "Không cài được gói hệ thống (xem thông báo của apt ở trên); hãy chạy lại scripts/setup.sh." >&2
    exit 1
  fi
}

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
    wait_for_apt
    apt_get update -qq
    install=()
    for alternatives in "${missing[@]}"; do
      IFS='|' read -r -a names <<< "$alternatives"
      for name in "${names[@]}"; do
        if apt-cache show "$name" >/dev/null 2>&1; then install+=("$name"); break; fi
      done
    done
    echo "Cài gói hệ thống còn thiếu: ${install[*]}"
    wait_for_apt
    apt_get install -y -qq --no-install-recommends "${install[@]}"
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
