#!/usr/bin/env bash
# Build the one-folder bundle dist/SoKeHoach (SoKeHoach: the window; SoKeHoach-cli: the
# commands) from a clean virtualenv holding exactly the hashed lock
# build_spec/requirements-bundle.lock (refreshed by scripts/lock.sh), then run its
# self-test and print its size and largest parts. Usage: scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
start=$(date +%s)
rm -rf build/venv build/pyinstaller dist/SoKeHoach
"$PYTHON" -m venv build/venv
# Every package, pulled in or not, at its locked version and hash; then the app itself,
# which adds none (--no-deps) and is built by the locked setuptools (--no-build-isolation).
build/venv/bin/python -m pip install -q --require-hashes -r build_spec/requirements-bundle.lock
build/venv/bin/python -m pip install -q --no-deps --no-build-isolation --no-index .
installed=$(date +%s)
build/venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
  --workpath build/pyinstaller build_spec/so_ke_hoach.spec
end=$(date +%s)
echo "Thời gian: cài gói $((installed - start)) s, đóng gói $((end - installed)) s, tổng $((end - start)) s"
build/venv/bin/python scripts/bundle_size.py dist/SoKeHoach
dist/SoKeHoach/SoKeHoach-cli selftest
