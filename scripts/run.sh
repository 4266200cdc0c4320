#!/usr/bin/env bash
# Set up (first time) and start Sổ Kế hoạch. With no database yet, a demo plan is created
# in the user's data folder. Extra arguments go to the CLI, e.g. scripts/run.sh status
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m desktop "$@"
