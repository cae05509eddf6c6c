#!/usr/bin/env bash
# concord serve / PostgreSQL store: tests/pg_serve.rs starts throwaway clusters with
# Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin). Idempotent and quiet when
# they are there; without them the tests skip with a note.
set -uo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null) \
        || echo "postgres deps: postgresql not installed (the PostgreSQL tests will skip)"
fi
exit 0
