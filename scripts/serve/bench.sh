#!/usr/bin/env bash
# Load benchmark of `concord serve` lookups with wrk (Debian's wrk): a memory of N
# synthetic segments (default 1,000,000) in a throwaway cluster, 16 connections on 2
# threads for 20 s, word scorer then char scorer; prints wrk's latency distribution.
#   scripts/serve/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CONCORD_BIN:-target/release/concord}
N=${1:-1000000}
. scripts/serve/cluster.sh
PORT=${PORT:-18932}
work=$(mktemp -d)
python3 - "$N" > "$work/memory.tsv" <<'PY'
import random, sys
random.seed(7)
words = ("договор о коллективной безопасности совет министров иностранных дел заседание "
         "в москве астане казахстан сотрудничество развитие экономического региона стран "
         "снг республики президент визит переговоры соглашение подписали стороны вопросы "
         "торговли энергетики транспорта границы безопасность центральной азии").split()
print("ru\ten")
for i in range(int(sys.argv[1])):
    print(" ".join(random.choice(words) for _ in range(random.randint(4, 16))) + f" {i}\tsegment {i}")
PY
"$BIN" db migrate --db "$DB_URL"
t0=$(date +%s.%N)
"$BIN" memory --memory "$DB_URL" import "$work/memory.tsv"
echo "import of $N rows: $(echo "$(date +%s.%N) - $t0" | bc) s"
"$BIN" --config /dev/null serve --memory "$DB_URL" --bind "127.0.0.1:$PORT" 2>"$work/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; cleanup_pg; rm -rf "$work"' EXIT
t0=$(date +%s.%N)
for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
echo "server ready after $(echo "$(date +%s.%N) - $t0" | bc) s: $(cat "$work/serve.log")"
for scorer in word char; do
    cat > "$work/lookup.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local q = "договор о сотрудничестве в области энергетики и транспорта " .. (n % 1000)
  return wrk.format(nil, "/v1/lookup", nil, '{"query":"' .. q .. '","scorer":"$scorer"}')
end
LUA
    echo "== $scorer scorer"
    wrk -t2 -c16 -d"${DURATION:-20s}" --latency -s "$work/lookup.lua" "http://127.0.0.1:$PORT"
done
