#!/usr/bin/env bash
# Times `concord edition` (release build) on the sample and on a generated large document.
# Usage: scripts/edition/bench.sh [PARAGRAPHS]   (default 2000, about 5,000 sentences)
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-2000}"
bin=target/release/concord
[ -x "$bin" ] || cargo build --release
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 scripts/edition/gen_doc.py --paragraphs "$n" > "$tmp/big.ru.txt"
t() { # label, then the command; prints the best of 3: wall and CPU (user+sys) seconds
    local label="$1"; shift
    local best_wall="" best_cpu=""
    for _ in 1 2 3; do
        local r
        r=$( { TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2> "$tmp/err"; } 2>&1 )
        read -r wall user sys <<< "$r"
        best_wall=$(python3 -c "b='$best_wall'; print(min(float(b), $wall) if b else $wall)")
        best_cpu=$(python3 -c "b='$best_cpu'; c=$user+$sys; print(min(float(b), c) if b else c)")
    done
    printf '%-36s wall %7.3f s  cpu %7.3f s   %s\n' "$label" "$best_wall" "$best_cpu" \
        "$(grep -m1 '^sentences' "$tmp/err" | tr -s ' ')"
}
printf 'generated document: %s paragraphs\n' "$n"
t "sample, text" "$bin" edition
t "sample, html" "$bin" edition --format html
t "generated, text" "$bin" edition --source "$tmp/big.ru.txt"
t "generated, html" "$bin" edition --source "$tmp/big.ru.txt" --format html
t "generated, xliff" "$bin" edition --source "$tmp/big.ru.txt" --format xliff
printf 'source = "big.ru.txt"\nmemory = "%s/memory"\n' "$PWD" > "$tmp/concord.toml"
t "generated, text, no termbase" "$bin" --config "$tmp/concord.toml" edition
