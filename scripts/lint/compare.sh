#!/usr/bin/env bash
# Times `concord lint` against ripgrep (exact and whole-word), typos and plain reading,
# in the same run on the same generated tree, and prints a Markdown table.
#
#   scripts/lint/compare.sh [TREE] [RUNS]
#
# TREE defaults to bench-data/lint (made by scripts/lint/gen_tree.py if missing).
# Needs: ripgrep (`apt-get install -y ripgrep`), hyperfine (`apt-get install -y hyperfine`)
# for the best figures (a plain `time` loop otherwise); typos is timed when on PATH
# (`cargo install typos-cli`, or set TYPOS=/path/to/typos).
set -euo pipefail
cd "$(dirname "$0")/../.."
TREE=${1:-bench-data/lint}
RUNS=${2:-5}
if [ ! -f "$TREE/terms.txt" ]; then
    python3 scripts/lint/gen_tree.py --out "$TREE"
fi
cargo build --release --quiet
CONCORD=$PWD/target/release/concord
TYPOS=${TYPOS:-$(command -v typos || true)}
cd "$TREE"
echo "tree: $(find docs -type f | wc -l) files, $(du -sm docs | cut -f1) MB, $(grep -c . terms.txt) English term forms, $(nproc) cores" >&2

names=("read the files (cat)" "rg -F -c -f terms.txt" "rg -F -w -c -f terms.txt" "concord lint")
cmds=("find docs -type f -print0 | xargs -0 cat > /dev/null"
      "rg -F -c -f terms.txt docs > /dev/null"
      "rg -F -w -c -f terms.txt docs > /dev/null"
      "$CONCORD lint -q --format brief > /dev/null")
if [ -n "$TYPOS" ]; then
    names+=("typos")
    cmds+=("$TYPOS docs > /dev/null")
fi

# warm the page cache once
find docs -type f -print0 | xargs -0 cat > /dev/null

if command -v hyperfine > /dev/null; then
    args=()
    for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    md=$(mktemp)
    hyperfine -i --style basic --warmup 1 --runs "$RUNS" --export-markdown "$md" "${args[@]}" >&2
    cat "$md"
    rm -f "$md"
else
    echo "| command | best of $RUNS (s) |"
    echo "|---|---|"
    for i in "${!cmds[@]}"; do
        best=
        for _ in $(seq "$RUNS"); do
            s=$(date +%s.%N)
            bash -c "${cmds[$i]}" || true
            e=$(date +%s.%N)
            t=$(echo "$e - $s" | bc)
            if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
        done
        printf '| %s | %.2f |\n' "${names[$i]}" "$best"
    done
fi
# the summary line of one concord run (findings, time)
"$CONCORD" lint --format brief 2>&1 > /dev/null | tail -1 >&2
