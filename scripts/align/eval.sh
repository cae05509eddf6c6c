#!/bin/sh
# The alignment evaluation of issue 14 (dev and held-out WMT 2021 documents; clean,
# merge/split and mixed edits; concord, concord without anchors, Gale–Church 1993).
# Needs ../shared/parallel/wmt21-news-ru-en.tsv (or CONCORD_SHARED). Prints markdown.
set -e
cd "$(dirname "$0")/../.."
cargo run --release --quiet --example align_eval -- --held-out "$@"
