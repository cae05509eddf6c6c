#!/usr/bin/env bash
# Property-based API test of `concord serve` against its own /openapi.json with
# schemathesis (pip install schemathesis). Starts a throwaway cluster and a server
# loaded with the sample project, runs every check, stops everything.
#   scripts/serve/schemathesis.sh [MAX_EXAMPLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CONCORD_BIN:-target/release/concord}
. scripts/serve/cluster.sh
PORT=${PORT:-18931}
"$BIN" db migrate --db "$DB_URL"
"$BIN" memory --memory "$DB_URL" import memory/kazakhstan-foreign-policy.tsv
"$BIN" termbase --termbase "$DB_URL" import termbase/kazakhstan.tsv
CONCORD_WRITE_TOKEN=schemathesis "$BIN" --config /dev/null serve --memory "$DB_URL" \
    --termbase "$DB_URL" --bind "127.0.0.1:$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; cleanup_pg' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
schemathesis run "http://127.0.0.1:$PORT/openapi.json" --checks all \
    -H "Authorization: Bearer schemathesis" -n "${1:-100}" --no-color
