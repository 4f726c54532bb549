#!/usr/bin/env bash
# Set up, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-browser.sh || echo "warning: no headless Chromium; browser tests will skip"
# The user-state tests run on SQLite and, with a local cluster, on PostgreSQL too.
if [ -z "${HUSTINGS_TEST_DATABASE_URL:-}" ]; then
    if url="$(bash scripts/postgres.sh)"; then
        export HUSTINGS_TEST_DATABASE_URL="$url"
    else
        echo "warning: no PostgreSQL; the database tests run on SQLite only"
    fi
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest -n 2 "$@"
