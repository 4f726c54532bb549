#!/usr/bin/env bash
# Set up, build the data store from the mirror (or the publishers), and run the default tour.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/hustings data sync "$@"
.venv/bin/hustings tour
