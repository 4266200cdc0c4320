#!/usr/bin/env bash
# Set up (first time) and run every check: lint, format, layer contracts, types, the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
