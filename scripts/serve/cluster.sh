# Sourced by the serve scripts: a throwaway PostgreSQL cluster on a Unix socket in
# $PGTMP (as the postgres user when run as root), migrated; sets DB_URL. Stopped on exit.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGTMP=$(mktemp -d /tmp/concord-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -A trust -U concord -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-k $PGTMP -c listen_addresses='' -c fsync=off" start >/dev/null
cleanup_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGTMP"; }
DB_URL="postgresql://concord@/postgres?host=$PGTMP"
