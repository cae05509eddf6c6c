#!/usr/bin/env python3
"""Compare concord's char-scorer lookup with rapidfuzz on the same memory and queries.

rapidfuzz's process.extract with Levenshtein.normalized_similarity computes exactly
concord's char formula 100*(1 - lev/max(|q|,|s|)) over the folded strings, by brute
force. Prints rapidfuzz's per-query latency and concord's recall against it.

usage: compare.py MEMORY.tsv QUERIES.txt OURS.tsv [--queries N] [--min-score 70] [--top 5]
OURS.tsv is lookup_bench --out (qid, rank, score, entry) for --scorer char.
"""
import argparse
import statistics
import sys
import time
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def unescape(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def fold(s):
    s = unicodedata.normalize("NFC", s).lower().replace("ё", "е")
    return " ".join(s.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("memory")
    ap.add_argument("queries")
    ap.add_argument("ours")
    ap.add_argument("--queries-limit", type=int, default=100)
    ap.add_argument("--min-score", type=float, default=70)
    ap.add_argument("--top", type=int, default=5)
    a = ap.parse_args()
    with open(a.memory, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    ru = header.index("ru")
    keys, entries, seen = [], [], set()
    for i, line in enumerate(l for l in lines[1:] if l):
        k = fold(unescape(line.split("\t")[ru]))
        if k not in seen:
            seen.add(k)
            keys.append(k)
            entries.append(i)
    queries = open(a.queries, encoding="utf-8").read().split("\n")[: a.queries_limit]
    ours = {}
    for line in open(a.ours, encoding="utf-8"):
        qid, rank, score, entry = line.rstrip("\n").split("\t")
        ours.setdefault(int(qid), set()).add((int(entry), round(float(score), 2)))
    times, want, got = [], 0, 0
    for qid, q in enumerate(queries):
        t = time.perf_counter()
        res = process.extract(
            fold(q), keys, scorer=Levenshtein.normalized_similarity, processor=None,
            score_cutoff=a.min_score / 100, limit=a.top,
        )
        times.append((time.perf_counter() - t) * 1000)
        theirs = {(entries[idx], round(score * 100, 2)) for _, score, idx in res}
        # ties at the cut may differ in which entry is kept; compare by score multiset
        want += len(theirs)
        mine = ours.get(qid, set())
        got += len(theirs & mine) + min(
            len(theirs - mine),
            len([s for _, s in mine - theirs if s in {s2 for _, s2 in theirs - mine}]),
        )
    times.sort()
    print(f"rapidfuzz_queries {len(queries)}")
    print(f"rapidfuzz_median_ms {statistics.median(times):.3f}")
    print(f"rapidfuzz_p95_ms {times[int(round((len(times) - 1) * 0.95))]:.3f}")
    print(f"recall_vs_rapidfuzz {got / want if want else 1.0:.4f} ({got}/{want} matches)")


if __name__ == "__main__":
    sys.exit(main())
