#!/usr/bin/env bash
# Install PostgreSQL from Debian's packages (root) and start a local test cluster on loopback.
# Prints the database URL to use as HUSTINGS_TEST_DATABASE_URL / HUSTINGS_DATABASE_URL.
set -euo pipefail
PORT="${HUSTINGS_PG_PORT:-54329}"
NAME=hustings
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" != "0" ]; then echo "not root: cannot apt-get install postgresql" >&2; exit 1; fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then
    pg_createcluster "$VERSION" "$NAME" --port "$PORT" --start-conf manual -- \
        --auth-local=trust --auth-host=trust >/dev/null
fi
if ! pg_lsclusters -h | awk -v n="$NAME" '$2 == n {print $4}' | grep -qx online; then
    pg_ctlcluster "$VERSION" "$NAME" start -- -o "-c listen_addresses=127.0.0.1 -c fsync=on" >&2
fi
for db in hustings hustings_test; do
    runuser -u postgres -- psql -q -p "$PORT" -h 127.0.0.1 -tc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
        || runuser -u postgres -- createdb -p "$PORT" -h 127.0.0.1 "$db"
done
echo "postgresql+psycopg://postgres@127.0.0.1:${PORT}/hustings_test"
