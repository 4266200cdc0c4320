#!/usr/bin/env bash
# Check the built bundle: its files against the list kept in the repository
# (scripts/bundle_files.py) and its third-party notices; then as a clerk's first start
# would use it: its self-test, then the window opened on a machine with no database yet
# (the demo, with the first-run banner) under Xvfb through the real xcb platform, leaving
# after its first paint.
# Usage: scripts/check_bundle.sh [dist/SoKeHoach]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="${1:-dist/SoKeHoach}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
unset SO_KE_HOACH_DB QT_QPA_PLATFORM
"${PYTHON:-python3}" scripts/bundle_files.py "$bundle"
grep -q "GNU LESSER GENERAL PUBLIC LICENSE" "$bundle/THIRD_PARTY_NOTICES.txt" \
  || { echo "Lỗi: bản đóng gói thiếu giấy phép LGPL-3.0 của Qt trong THIRD_PARTY_NOTICES.txt" >&2; exit 1; }
"$bundle/SoKeHoach-cli" selftest
start=$(date +%s%N)
SO_KE_HOACH_FIRST_PAINT_EXIT=1 timeout 120 \
  xvfb-run -a -s "-screen 0 1366x768x24" "$bundle/SoKeHoach"
echo "Cửa sổ của bản đóng gói mở và vẽ xong sau $(( ($(date +%s%N) - start) / 1000000 )) ms (kể cả khởi động Xvfb)"
test -f "$XDG_DATA_HOME/SoKeHoach/du_lieu_mau.db" || { echo "Lỗi: không có dữ liệu mẫu sau lần mở đầu" >&2; exit 1; }
