#!/usr/bin/env python3
"""Evaluate `concord align` on documents built from true 1-1 parallel text.

Input: a TSV of `ru<TAB>en<TAB>document id` lines in document order (default
../shared/parallel/wmt21-news-ru-en.tsv, 1,843 pairs in 116 WMT 2021 news documents).

For each document two test pairs are written (presegmented, one sentence a line):
  clean  the English exactly as given (all beads 1-1);
  mixed  the English edited as translators do: merges of 2-3 sentences, splits at
         clause boundaries, omissions and insertions (sentences from other documents),
         about 15% non-1-1 beads.
The gold beads are written beside them, concord is run with `--format beads` (with
anchors, and with `--no-anchors`, i.e. Gale-Church alone) and scored with strict and
lax precision/recall/F1 as Vecalign (Thompson & Koehn 2019, score.py) and Bertalign
define them: null beads are dropped from gold and test; a test bead is a strict hit if
the gold has it exactly, a lax hit if it overlaps a gold bead on both sides.

Usage: scripts/align/eval.py [--data TSV] [--concord BIN] [--out DIR] [--seed N]
Prints a markdown table. Deterministic for a given seed.
"""

import argparse
import os
import random
import subprocess
import sys
from collections import OrderedDict, defaultdict

CONJ = ("and", "but", "which", "while", "who", "as", "because", "although", "where",
        "when", "so", "since", "though", "whereas", "with")
LOWER_OK = {"the", "a", "an", "it", "this", "that", "these", "those", "he", "she",
            "they", "we", "in", "on", "at", "there", "his", "her", "their", "its"}


def read_docs(path):
    docs = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            docs.setdefault(parts[2], []).append((parts[0], parts[1]))
    return docs


def split_clause(s, rng):
    """Splits an English sentence at a clause boundary, or returns None."""
    cands = []
    for i in range(len(s) - 2):
        if s[i] == ";" and s[i + 1] == " ":
            cands.append((i, i + 2))
        elif s[i] == "," and s[i + 1] == " ":
            word = s[i + 2:].split(" ", 1)[0].lower()
            if word in CONJ:
                cands.append((i, i + 2))
    cands = [(a, b) for a, b in cands if a >= 25 and len(s) - b >= 25]
    if not cands:
        return None
    a, b = rng.choice(cands)
    first = s[:a].rstrip() + "."
    rest = s[b:]
    return first, rest[:1].upper() + rest[1:]


def join(sents, rng):
    out = sents[0]
    for s in sents[1:]:
        first = s.split(" ", 1)[0]
        if first.lower() in LOWER_OK:
            s = s[:1].lower() + s[1:]
        sep = rng.choice(["; ", ", and ", " — ", " "])
        out = out.rstrip(".") + sep + s if sep != " " else out + sep + s
    return out


def edit(doc, others, rng):
    """Returns (en sentences, gold beads) for an edited translation of doc."""
    en, gold = [], []
    i, n = 0, len(doc)
    while i < n:
        r = rng.random()
        if r < 0.05 and i + 1 < n:  # merge 2
            gold.append(([i, i + 1], [len(en)]))
            en.append(join([doc[i][1], doc[i + 1][1]], rng))
            i += 2
            continue
        if r < 0.065 and i + 2 < n:  # merge 3
            gold.append(([i, i + 1, i + 2], [len(en)]))
            en.append(join([doc[i][1], doc[i + 1][1], doc[i + 2][1]], rng))
            i += 3
            continue
        if r < 0.11:  # split at a clause boundary
            parts = split_clause(doc[i][1], rng)
            if parts:
                gold.append(([i], [len(en), len(en) + 1]))
                en.extend(parts)
                i += 1
                continue
        if r < 0.13:  # omission
            gold.append(([i], []))
            i += 1
            continue
        if r < 0.15:  # insertion before this sentence
            gold.append(([], [len(en)]))
            en.append(rng.choice(others))
        gold.append(([i], [len(en)]))
        en.append(doc[i][1])
        i += 1
    return en, gold


def fmt_bead(b):
    return ",".join(map(str, b[0])) + ":" + ",".join(map(str, b[1]))


def parse_beads(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        a, b = line.split(":")
        out.append((tuple(int(x) for x in a.split(",") if x),
                    tuple(int(x) for x in b.split(",") if x)))
    return out


def counts(gold, test):
    """Vecalign's _precision: tp_strict, fp_strict, tp_lax, fp_lax, fn."""
    gold = {(tuple(a), tuple(b)) for a, b in gold if a and b}
    test = {(tuple(a), tuple(b)) for a, b in test if a and b}
    src2tgt = defaultdict(set)
    for a, b in gold:
        for x in a:
            src2tgt[x].update(b)
    tps = fps = tpl = fpl = 0
    found = set()
    for a, b in test:
        if (a, b) in gold:
            tps += 1
            tpl += 1
            found.add((a, b))
        else:
            fps += 1
            tgt = set()
            for x in a:
                tgt |= src2tgt[x]
            if tgt & set(b):
                tpl += 1
            else:
                fpl += 1
    return [tps, fps, tpl, fpl, len(gold - found), len(test), len(gold)]


def scores(c):
    tps, fps, tpl, fpl, fn, ntest, ngold = c
    ps = tps / ntest if ntest else 0.0
    rs = tps / ngold if ngold else 0.0
    pl = tpl / (tpl + fpl) if tpl + fpl else 0.0
    rl = tpl / (tpl + fn) if tpl + fn else 0.0
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
    return dict(ps=ps, rs=rs, fs=f(ps, rs), pl=pl, rl=rl, fl=f(pl, rl))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "parallel",
                                                    "wmt21-news-ru-en.tsv"))
    ap.add_argument("--concord", default=os.path.join(root, "target", "release", "concord"))
    ap.add_argument("--out", default="/tmp/concord-align-eval")
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--quick", action="store_true", help="concord on mixed documents only")
    args = ap.parse_args()
    if not os.path.exists(args.data):
        sys.exit(f"eval.py: {args.data} not found (it lives in ../shared)")
    docs = read_docs(args.data)
    rng = random.Random(args.seed)
    all_en = [(d, en) for d, pairs in docs.items() for _, en in pairs]
    sets = {"clean": [], "mixed": []}
    non11 = total = 0
    for k, (doc_id, pairs) in enumerate(docs.items()):
        others = [en for d, en in all_en if d != doc_id]
        en_mixed, gold_mixed = edit(pairs, others, rng)
        non11 += sum(1 for a, b in gold_mixed if len(a) != 1 or len(b) != 1)
        total += len(gold_mixed)
        gold_clean = [([i], [i]) for i in range(len(pairs))]
        for name, en, gold in (("clean", [p[1] for p in pairs], gold_clean),
                               ("mixed", en_mixed, gold_mixed)):
            d = os.path.join(args.out, name)
            os.makedirs(d, exist_ok=True)
            base = os.path.join(d, f"{k:03d}")
            with open(base + ".ru", "w", encoding="utf-8") as f:
                f.write("".join(p[0] + "\n" for p in pairs))
            with open(base + ".en", "w", encoding="utf-8") as f:
                f.write("".join(s + "\n" for s in en))
            with open(base + ".gold", "w", encoding="utf-8") as f:
                f.write("".join(fmt_bead(b) + "\n" for b in gold))
            sets[name].append(base)
    print(f"{len(docs)} documents, {sum(len(p) for p in docs.values())} Russian sentences; "
          f"mixed: {non11}/{total} non-1-1 gold beads ({100 * non11 / total:.1f}%)",
          file=sys.stderr)

    systems = [("concord", []), ("Gale–Church alone (--no-anchors)", ["--no-anchors"])]
    if args.quick:
        systems = systems[:1]
    rows = []
    for sysname, extra in systems:
        for setname in ("mixed",) if args.quick else ("mixed", "clean"):
            c = [0] * 7
            for base in sets[setname]:
                cmd = [args.concord, "align", "--presegmented", "--no-termbase", "--quiet",
                       "--format", "beads", "--source", base + ".ru", "--target", base + ".en",
                       *extra]
                res = subprocess.run(cmd, capture_output=True, text=True, cwd=args.out)
                if res.returncode != 0:
                    sys.exit(f"eval.py: {' '.join(cmd)} failed: {res.stderr}")
                with open(base + ".gold", encoding="utf-8") as f:
                    gold = parse_beads(f.read())
                test = parse_beads(res.stdout)
                dc = counts(gold, test)
                if args.verbose and dc[0] != dc[6]:
                    print(f"{sysname} {base}: {dc}", file=sys.stderr)
                c = [x + y for x, y in zip(c, dc)]
            rows.append((sysname, setname, scores(c)))
    print("| aligner | documents | strict P | strict R | strict F1 | lax P | lax R | lax F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for sysname, setname, s in rows:
        print(f"| {sysname} | {setname} | {s['ps']:.3f} | {s['rs']:.3f} | {s['fs']:.3f} | "
              f"{s['pl']:.3f} | {s['rl']:.3f} | {s['fl']:.3f} |")


if __name__ == "__main__":
    main()
