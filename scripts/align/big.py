#!/usr/bin/env python3
"""Writes a large presegmented document pair for timing `concord align`.

The WMT 2021 documents are repeated (each copy edited afresh with eval.py's recipe)
until the Russian side has N sentences: `big.py N OUTDIR [--data TSV]` writes
OUTDIR/big.ru, OUTDIR/big.en and OUTDIR/big.gold. Then:
    time concord align --presegmented --format beads --source big.ru --target big.en
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "parallel",
                                                    "wmt21-news-ru-en.tsv"))
    args = ap.parse_args()
    docs = list(ev.read_docs(args.data).values())
    rng = random.Random(1)
    all_en = [en for d in docs for _, en in d]
    ru, en, gold = [], [], []
    while len(ru) < args.n:
        for doc in docs:
            doc = doc[: args.n - len(ru)]
            if not doc:
                break
            e, g = ev.edit(doc, all_en, rng)
            gold += [([i + len(ru) for i in a], [j + len(en) for j in b]) for a, b in g]
            ru += [p[0] for p in doc]
            en += e
    os.makedirs(args.out, exist_ok=True)
    for name, lines in (("big.ru", ru), ("big.en", en)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write("".join(s + "\n" for s in lines))
    with open(os.path.join(args.out, "big.gold"), "w", encoding="utf-8") as f:
        f.write("".join(ev.fmt_bead(b) + "\n" for b in gold))
    print(f"{len(ru)} Russian, {len(en)} English sentences in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
