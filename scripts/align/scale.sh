#!/bin/sh
# Alignment at scale (issue 14 §3): shuffled WMT 2021 document copies, freshly edited,
# concatenated to 100k Russian sentences; the whole pair and prefixes cut at 10k..90k
# against aligning each document alone; then the CLI timed with /usr/bin/time -v.
set -e
cd "$(dirname "$0")/../.."
cargo test --release --test cli hundred_thousand -- --ignored --nocapture
out=${TMPDIR:-/tmp}/concord-align-big
ALIGN_WRITE="$out" cargo run --release --quiet --example align_eval -- --scale 100000
cargo build --release --quiet --bin concord
/usr/bin/time -v target/release/concord align --presegmented --no-termbase -q \
    --format beads --source "$out/big.ru" --target "$out/big.en" > "$out/big.out"
