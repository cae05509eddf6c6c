#!/usr/bin/env python3
"""Compare `concord segment` with razdel and pysbd: errors per test set, and speed.

Usage (from the repo root):

    pip install razdel pysbd
    cargo build --release
    python3 scripts/segment/compare.py            # table of errors + throughput
    python3 scripts/segment/compare.py -v         # also print every wrong case
    python3 scripts/segment/compare.py --no-speed # errors only

Test sets:
  razdel-unit   razdel's own unit cases, read at run time from the installed package
                (razdel/tests/test_sentenize.py); nothing of razdel is copied here.
  pysbd-ru/en   pySBD's Russian and English golden rules (data/pysbd_*.json, MIT, see
                data/NOTICE.md).
  concord-ru/en our gold sets (tests/data/segment/*_gold.txt).
  sample        the sample document (tests/data/segment/sample_gold.txt).
  UD GSD/Taiga  real Russian text split by treebank annotators (../shared/segment-gold,
                dev splits; skipped when absent). Scored by boundary F1 (see below).
  ru_hard       blind hard Russian paragraphs (tests/data/segment/blind/ru_hard.jsonl):
                odd ids are dev, even ids are held out (never printed, only scored).
  en_golden     pySBD's 48 English golden rules (tests/data/segment/blind/en_golden.json).
  en_hard       blind hard English paragraphs, all held out.

Boundary F1 (the UD convention): whitespace is ignored, each boundary is the count of
non-space characters before it, and precision/recall/F1 are micro-averaged over the
boundaries inside paragraphs. `-v` prints wrong cases of tunable sets only.

A case counts as one error when the sentence list differs from the gold one (sentences
compared with whitespace runs collapsed, since pysbd may alter spacing). Newlines inside
a case are replaced by spaces for every tool (concord reads one paragraph a line).

Speed: every tool segments target/segment-bench-ru.txt, the 10 MB text written by
`cargo bench --bench segment` (run that first; the script runs it in test mode if the
file is missing). pysbd only gets the first 1 MB, as it is slow.
"""

import argparse
import ast
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
GOLD = ROOT / "tests" / "data" / "segment"


# ---------------------------------------------------------------- test sets


def razdel_unit_cases():
    """razdel's UNIT partitions: chunks separated by `|`, whitespace chunks are gaps."""
    import razdel

    path = Path(razdel.__file__).parent / "tests" / "test_sentenize.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "UNIT" for t in node.targets
        ):
            lines = ast.literal_eval(node.value.args[0])
            cases = []
            for line in lines:
                chunks = line.split("|")
                cases.append(("".join(chunks), [c for c in chunks if c.strip()]))
            return cases
    raise SystemExit(f"no UNIT list in {path}")


def pysbd_cases(lang):
    data = json.loads((DATA / f"pysbd_{lang}.json").read_text(encoding="utf-8"))
    return [(c["text"], c["sentences"]) for c in data]


def concord_gold_cases(name):
    cases = []
    for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cases.append((line.replace("|", ""), [s.strip() for s in line.split("|") if s.strip()]))
    return cases


def shared_dir():
    """../shared from the main checkout, or from a worktree two levels down."""
    for cand in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (cand / "segment-gold").is_dir():
            return cand / "segment-gold"
    return None


def jsonl_cases(path, keep=lambda o: True):
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            if keep(o):
                cases.append((o["text"], o["sentences"]))
    return cases


def is_dev_id(o):
    return int("".join(c for c in o["id"] if c.isdigit())) % 2 == 1


def boundaries(sents):
    out, n = set(), 0
    for s in sents[:-1]:
        n += sum(1 for c in s if not c.isspace())
        out.add(n)
    return out


def f1_counts(cases, predicted):
    tp = fp = fn = 0
    for (_, gold), got in zip(cases, predicted):
        g, p = boundaries(gold), boundaries([x for x in got if x.strip()])
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def sample_cases():
    source = (ROOT / "source" / "kazakhstan-foreign-policy.ru.txt").read_text(encoding="utf-8")
    paras = [p for p in source.splitlines() if p.strip()]
    gold = (GOLD / "sample_gold.txt").read_text(encoding="utf-8")
    blocks = [[s for s in b.splitlines() if s] for b in gold.split("\n\n")]
    blocks = [b for b in blocks if b]
    assert len(paras) == len(blocks), (len(paras), len(blocks))
    return list(zip(paras, blocks))


# ---------------------------------------------------------------- segmenters


def concord_binary(path):
    exe = Path(path).resolve() if path else ROOT / "target" / "release" / "concord"
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return str(exe)


def run_concord(exe, lang, texts):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "in.txt"
        f.write_text("\n".join(texts) + "\n", encoding="utf-8")
        out = subprocess.run(
            [exe, "segment", "--lang", lang, "--format", "json", str(f)],
            cwd=d,
            check=True,
            capture_output=True,
        ).stdout
    result = [[] for _ in texts]
    for s in json.loads(out):
        result[s["paragraph"]].append(s["text"])
    return result


def run_razdel(texts):
    from razdel import sentenize

    return [[s.text for s in sentenize(t)] for t in texts]


def run_pysbd(lang, texts):
    import pysbd

    seg = pysbd.Segmenter(language=lang, clean=False)
    return [[s.strip() for s in seg.segment(t)] for t in texts]


def norm(sents):
    return [" ".join(s.split()) for s in sents if s.strip()]


def count_errors(name, tool, cases, predicted, verbose):
    errors = 0
    for (text, gold), got in zip(cases, predicted):
        if norm(gold) != norm(got):
            errors += 1
            if verbose:
                print(f"[{name}] {tool}\n  text: {text}\n  want: {' | '.join(norm(gold))}"
                      f"\n  got:  {' | '.join(norm(got))}", file=sys.stderr)
    return errors


# ---------------------------------------------------------------- speed


def bench_text():
    path = ROOT / "target" / "segment-bench-ru.txt"
    if not path.exists():
        subprocess.run(["cargo", "bench", "--bench", "segment", "--", "--test"], cwd=ROOT,
                       check=True, capture_output=True)
    return path


def speed(exe, verbose):
    path = bench_text()
    data = path.read_bytes()
    mb = len(data) / 1e6
    text = data.decode("utf-8")
    lines = [l for l in text.splitlines() if l.strip()]
    rows = []

    # concord: the whole process, output to /dev/null; best of 3 by wall clock.
    best = None
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as null:
            subprocess.run([exe, "segment", str(path)], stdout=null, check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    rows.append(("concord segment (process)", mb, best[0], best[1]))

    from razdel import sentenize

    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(1 for l in lines for _ in sentenize(l))
    rows.append(("razdel", mb, time.perf_counter() - t0, time.process_time() - c0))

    import pysbd

    seg = pysbd.Segmenter(language="ru", clean=False)
    part, size = [], 0
    for l in lines:
        if size >= 1_000_000:
            break
        part.append(l)
        size += len(l.encode("utf-8")) + 1
    t0, c0 = time.perf_counter(), time.process_time()
    for l in part:
        seg.segment(l)
    rows.append(("pysbd (first 1 MB)", size / 1e6, time.perf_counter() - t0,
                 time.process_time() - c0))
    if verbose:
        print(f"razdel found {n} sentences", file=sys.stderr)
    return rows


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every wrong case")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput runs")
    ap.add_argument("--concord", help="path to the concord binary (default target/release)")
    ap.add_argument("--only", help="run only the sets whose name contains this")
    ap.add_argument("--concord-only", action="store_true", help="skip razdel and pysbd")
    args = ap.parse_args()
    exe = concord_binary(args.concord)

    sets = [
        ("razdel unit (ru)", "ru", razdel_unit_cases()),
        ("pysbd golden (ru)", "ru", pysbd_cases("ru")),
        ("concord gold (ru)", "ru", concord_gold_cases("ru_gold.txt")),
        ("sample document (ru)", "ru", sample_cases()),
        ("pysbd golden (en)", "en", pysbd_cases("en")),
        ("concord gold (en)", "en", concord_gold_cases("en_gold.txt")),
    ]
    blind = GOLD / "blind"
    golden = json.loads((blind / "en_golden.json").read_text(encoding="utf-8"))
    sets.append(("en_golden (pySBD rules, blind copy)", "en",
                 [(c["text"], c["sentences"]) for c in golden]))
    # name, lang, cases, tunable (may print errors)
    f1_sets = []
    sd = shared_dir()
    if sd:
        f1_sets += [("UD GSD dev (ru)", "ru", jsonl_cases(sd / "ud_gsd_dev.jsonl"), True),
                    ("UD Taiga dev (ru)", "ru", jsonl_cases(sd / "ud_taiga_dev.jsonl"), True)]
    else:
        print("note: ../shared/segment-gold absent, UD sets skipped", file=sys.stderr)
    f1_sets += [
        ("ru_hard dev (odd ids)", "ru", jsonl_cases(blind / "ru_hard.jsonl", is_dev_id), True),
        ("ru_hard held-out (even ids)", "ru",
         jsonl_cases(blind / "ru_hard.jsonl", lambda o: not is_dev_id(o)), False),
        ("en_hard held-out", "en", jsonl_cases(blind / "en_hard.jsonl"), False),
    ]
    if args.only:
        sets = [x for x in sets if args.only.lower() in x[0].lower()]
        f1_sets = [x for x in f1_sets if args.only.lower() in x[0].lower()]
    tools = ["concord"] if args.concord_only else ["concord", "razdel", "pysbd"]

    def run(tool, lang, texts):
        if tool == "concord":
            return run_concord(exe, lang, texts)
        if tool == "razdel":
            return run_razdel(texts)
        return run_pysbd(lang, texts)

    print("| set | cases | " + " | ".join(tools) + " |")
    print("|---|---:|" + "---:|" * len(tools))
    for name, lang, cases in sets:
        cases = [(t.replace("\n", " "), g) for t, g in cases]
        texts = [t for t, _ in cases]
        row = [count_errors(name, t, cases, run(t, lang, texts), args.verbose and t == "concord")
               for t in tools]
        print(f"| {name} errors | {len(cases)} | " + " | ".join(map(str, row)) + " |")
    for name, lang, cases, tunable in f1_sets:
        cases = [(t.replace("\n", " "), g) for t, g in cases]
        texts = [t for t, _ in cases]
        row = []
        for t in tools:
            got = run(t, lang, texts)
            row.append(f"{f1_counts(cases, got):.3f}")
            if t == "concord":
                wrong = count_errors(name, t, cases, got, args.verbose and tunable)
                row[-1] += f" ({len(cases) - wrong}/{len(cases)} ok)"
        print(f"| {name} F1 | {len(cases)} | " + " | ".join(row) + " |")

    if not args.no_speed:
        print()
        print("| tool | MB | wall s | MB/s (wall) | CPU s | MB/s (CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        for tool, mb, wall, cpu in speed(exe, args.verbose):
            print(f"| {tool} | {mb:.1f} | {wall:.2f} | {mb / wall:.1f} | {cpu:.2f} | "
                  f"{mb / max(cpu, 1e-9):.1f} |")


if __name__ == "__main__":
    main()
