#!/usr/bin/env python3
"""Generate a large Russian document for timing `concord edition`.

Repeats the sample's paragraphs N times in random order and perturbs some of them so
that the memory of the sample gives a mix of exact, fuzzy and missing sentences:
a changed year (fuzzy), a replaced word (fuzzy or missing), a shuffled sentence
(missing). Deterministic for a given --seed.

  python3 scripts/edition/gen_doc.py --paragraphs 2000 > /tmp/big.ru.txt
"""

import argparse
import random
import re
import sys

WORDS = "сотрудничество развитие безопасность интеграция государство регион политика экономика".split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="source/kazakhstan-foreign-policy.ru.txt")
    ap.add_argument("--paragraphs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = [l.rstrip("\n") for l in open(a.source, encoding="utf-8") if l.strip()]
    out = []
    for _ in range(a.paragraphs):
        line = rng.choice(lines)
        r = rng.random()
        if r < 0.10:
            line = re.sub(r"\b(19|20)\d\d\b", lambda m: str(int(m.group(0)) + rng.randint(1, 9)), line, count=1)
        elif r < 0.18:
            words = line.split(" ")
            i = rng.randrange(len(words))
            words[i] = rng.choice(WORDS)
            line = " ".join(words)
        elif r < 0.22:
            words = line.split(" ")
            rng.shuffle(words)
            line = " ".join(words).rstrip(".") + "."
        out.append(line)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
