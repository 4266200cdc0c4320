#!/usr/bin/env bash
# Refresh build_spec/requirements-bundle.lock, the hashed lock of the bundle's environment
# (pyproject.toml's dependencies and its build extra, every package they pull in, for
# Linux, Windows and macOS on Python 3.11–3.13), which scripts/build.sh installs with
# --require-hashes. Run it after changing a pin in pyproject.toml, or to take newer
# releases of the packages pulled in; review the diff, then build and check the bundle.
# Usage: scripts/lock.sh [--upgrade]   (without it, versions already locked are kept)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
UV_VERSION=0.13.8
lock=build_spec/requirements-bundle.lock
if [ ! -x build/lock-venv/bin/uv ] || [ "$(build/lock-venv/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  rm -rf build/lock-venv
  "$PYTHON" -m venv build/lock-venv
  build/lock-venv/bin/python -m pip install -q "uv==$UV_VERSION"
fi
build/lock-venv/bin/uv pip compile pyproject.toml --extra build --universal \
  --python-version 3.11 --generate-hashes --quiet --custom-compile-command scripts/lock.sh \
  --output-file "$lock" "$@"
echo "$lock: $(grep -c '==' "$lock") gói"
