#!/usr/bin/env bash
# Lookup benchmark: generates memories (once, into the gitignored bench-data/), measures
# concord (load, index, per-query latency, peak memory) for both scorers, runs rapidfuzz
# on the same data, and checks the index against brute force on 100k.
# usage: scripts/lookup/bench.sh [SIZE...]   (SIZE: 10k 100k 1m; default 10k 100k)
# needs: pip install rapidfuzz
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-10k 100k}")
[ $# -eq 0 ] && sizes=(10k 100k)
cargo build --release --quiet --example gen_memory --example lookup_bench
mkdir -p bench-data
for size in "${sizes[@]}"; do
  case $size in 10k) n=10000 ;; 100k) n=100000 ;; 1m) n=1000000 ;; *) echo "size: 10k|100k|1m" >&2; exit 2 ;; esac
  m=bench-data/m$size.tsv q=bench-data/q$size.txt
  [ -f "$m" ] || ./target/release/examples/gen_memory --size $n --out "$m" --queries 1000 \
    --queries-out "$q" --shared ../shared
  # the first run of each scorer builds its index part and writes the cache files
  # beside the memory (uncached), the second reads them (cached, as `concord lookup`)
  rm -f "$(dirname "$m")/.$(basename "$m").index"*
  for scorer in word char; do
    for run in uncached cached; do
      echo "== $size $scorer $run (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
      ./target/release/examples/lookup_bench --memory "$m" --queries "$q" --scorer $scorer \
        --cached --out bench-data/r$size-$scorer.tsv | tee bench-data/s$size-$scorer-$run.txt
    done
  done
  echo "== $size rapidfuzz"
  python3 scripts/lookup/compare.py "$m" "$q" bench-data/r$size-char.tsv --queries-limit 100
done
if [[ " ${sizes[*]} " == *" 100k "* ]]; then
  cargo test --release --quiet --test lookup_100k -- --ignored
fi
