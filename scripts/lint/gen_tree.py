#!/usr/bin/env python3
"""Generate the `concord lint` benchmark tree: English docs plus a termbase.

    python3 scripts/lint/gen_tree.py --out bench-data/lint [--mb 200] [--files 2000] [--terms 5000]

Writes, deterministically (fixed seed):
  OUT/concord.toml             termbase = "termbase"
  OUT/termbase/terms.tsv       TERMS concepts: id, ru, en, variants, forbidden (concord format)
  OUT/terms.txt                every English form of the termbase, one a line (for rg -F -f)
  OUT/docs/NNNN/*.md|txt|html  ~MB megabytes of English prose in ~FILES files: Markdown with
                               headings, lists, code blocks, inline code and links; plain text;
                               HTML. Prose mentions approved terms, and now and then a forbidden
                               rendering or a near-miss (about one a few kilobytes).
"""

import argparse
import os
import random

WORDS = """the of and to in a is that for it as was with be by on not he i this are or his from at
which but have an they you were her she there been one all we their has would when if so no
will more about can said into them some could time what other than then its only two these may
first new any also like after our out over such well most even made where very many those back
much work before through years way must just people should because each how state government
policy country region security cooperation economic foreign ministry development agreement
between relations support national international summit council minister president republic
within across during against under since without among toward along beyond following
strategy interest partner partners neighbours trade energy transport water border treaty
organization organisation community union declaration principle framework initiative meeting
delegation conference session agenda priority priorities balance stability integration market
investment programme program project report analysis approach position role influence power
powers great small middle states regional global local history historical period decade
century early late recent current future important significant major key central main
common shared mutual joint bilateral multilateral political military social cultural public
official officials leader leaders capital city cities area areas territory territories
process processes issue issues question questions problem problems solution solutions
result results effect effects level levels system systems structure structures concept""".split()

COMMON = set(WORDS) | {"its", "not", "was", "has", "one", "new", "all", "any", "our"}
SYLL_LAT = ["ka", "za", "ta", "na", "ra", "ba", "sa", "ma", "ly", "ko", "bek", "yev", "ov",
            "in", "an", "ar", "al", "ul", "tur", "khan", "stan", "gul", "mir", "dar", "sh", "ch",
            "zh", "ay", "ey", "ol", "us", "et", "kh", "ash", "kent", "abad", "iya", "ov", "en"]
SYLL_CYR = ["ка", "за", "та", "на", "ра", "ба", "са", "ма", "лы", "ко", "бек", "ев", "ов",
            "ин", "ан", "ар", "ал", "ул", "тур", "хан", "стан", "гуль", "мир", "дар", "ш", "ч"]
KINDS = ["Organization", "Council", "Agency", "Committee", "Treaty", "Declaration",
         "Strategy", "Union", "Forum", "Conference", "Program", "Institute", "Fund"]
KINDS_RU = ["организация", "совет", "агентство", "комитет", "договор", "декларация",
            "стратегия", "союз", "форум", "конференция", "программа", "институт", "фонд"]


def name(rng, syll, lo=2, hi=4):
    return "".join(rng.choice(syll) for _ in range(rng.randint(lo, hi)))


def near_miss(rng, form):
    """A plausible misspelling: drop, double or swap a letter, or y/i, z/s swaps."""
    s = list(form)
    letters = [i for i, c in enumerate(s) if c.isalpha() and c.islower()]
    if not letters:
        return form + "s"
    i = rng.choice(letters)
    op = rng.randrange(4)
    if op == 0 and len(s) > 4:
        del s[i]
    elif op == 1:
        s.insert(i, s[i])
    elif op == 2 and i + 1 < len(s) and s[i + 1].isalpha():
        s[i], s[i + 1] = s[i + 1], s[i]
    else:
        s[i] = {"y": "i", "i": "y", "z": "s", "s": "z", "e": "a", "a": "e"}.get(s[i], "o")
    out = "".join(s)
    return out if out != form else form + "a"


def termbase(rng, n):
    concepts = []
    seen = set()
    while len(concepts) < n:
        kind = rng.randrange(3)
        if kind == 0:  # a person: Firstname Lastnameyev
            first = name(rng, SYLL_LAT, 2, 3).capitalize()
            last = (name(rng, SYLL_LAT, 2, 3) + rng.choice(["yev", "ov", "bekov", "uly"])).capitalize()
            en = f"{first} {last}"
            ru = name(rng, SYLL_CYR, 2, 3).capitalize() + " " + name(rng, SYLL_CYR, 2, 3).capitalize()
            variants = []
            forbidden = [f"{first} {near_miss(rng, last)}"]
        elif kind == 1:  # a place
            en = name(rng, SYLL_LAT, 3, 4).capitalize()
            ru = name(rng, SYLL_CYR, 3, 4).capitalize()
            variants = []
            forbidden = [near_miss(rng, en)]
        else:  # an organisation with its acronym
            k = rng.randrange(len(KINDS))
            adj = name(rng, SYLL_LAT, 2, 3).capitalize()
            adj2 = rng.choice(["Regional", "Central", "Eurasian", "Joint", "National", "Interstate"])
            en = f"{adj2} {adj} {KINDS[k]}"
            acro = "".join(w[0] for w in en.split()).upper() + rng.choice(["", "O", "C", "S"])
            ru = KINDS_RU[k].capitalize() + " " + name(rng, SYLL_CYR, 2, 3) + "ского сотрудничества"
            variants = [acro]
            forbidden = [en.replace("Organization", "Organisation") if "Organization" in en
                         else f"{adj2} {near_miss(rng, adj)} {KINDS[k]}"]
        # an acronym that is an English word ("ITS", "NOT") would flag every "its"
        if any(v.lower() in COMMON for v in variants):
            continue
        if en in seen or any(f in seen for f in forbidden) or forbidden[0] == en:
            continue
        seen.add(en)
        seen.update(forbidden)
        concepts.append((f"c{len(concepts):05d}", ru, en, variants, forbidden))
    return concepts


def sentence(rng, concepts, p_term):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < p_term:
        c = rng.choice(concepts)
        r = rng.random()
        form = c[2] if r < 0.8 else (c[4][0] if r < 0.9 else near_miss(rng, c[2]))
        words.insert(rng.randrange(len(words)), form)
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", ";"])


def paragraph(rng, concepts, p_term):
    return " ".join(sentence(rng, concepts, p_term) for _ in range(rng.randint(3, 7)))


def markdown(rng, concepts, size, p_term):
    out = [f"# {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}\n\n"]
    n = len(out[0])
    while n < size:
        r = rng.random()
        if r < 0.08:
            block = "```text\n" + paragraph(rng, concepts, p_term) + "\n```\n\n"
        elif r < 0.15:
            block = "".join(f"- {sentence(rng, concepts, p_term)}\n" for _ in range(4)) + "\n"
        elif r < 0.2:
            block = f"## {rng.choice(WORDS).capitalize()}\n\n"
        else:
            p = paragraph(rng, concepts, p_term)
            if rng.random() < 0.3:
                p += f" See [the {rng.choice(WORDS)} page](https://example.org/{rng.choice(WORDS)}/{rng.randrange(999)}) and `{rng.choice(WORDS)}_{rng.choice(WORDS)}`."
            block = p + "\n\n"
        out.append(block)
        n += len(block)
    return "".join(out)


def text(rng, concepts, size, p_term):
    out, n = [], 0
    while n < size:
        block = paragraph(rng, concepts, p_term) + "\n\n"
        out.append(block)
        n += len(block)
    return "".join(out)


def html(rng, concepts, size, p_term):
    out = ["<!DOCTYPE html>\n<html><head><title>Report</title>\n<style>p { margin: 0 }</style></head>\n<body>\n"]
    n = len(out[0])
    while n < size:
        block = f"<p>{paragraph(rng, concepts, p_term)} <a href=\"https://example.org/{rng.randrange(999)}\">more</a></p>\n"
        out.append(block)
        n += len(block)
    out.append("</body></html>\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="bench-data/lint")
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--term-rate", type=float, default=0.05,
                    help="share of sentences that mention a term")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    concepts = termbase(rng, a.terms)
    os.makedirs(os.path.join(a.out, "termbase"), exist_ok=True)
    with open(os.path.join(a.out, "concord.toml"), "w") as f:
        f.write('# concord lint benchmark tree (scripts/lint/gen_tree.py)\ntermbase = "termbase"\n')
    with open(os.path.join(a.out, "termbase", "terms.tsv"), "w") as f:
        f.write("id\tru\ten\tvariants\tforbidden\tnote\tcase\tseverity\n")
        for cid, ru, en, variants, forbidden in concepts:
            f.write(f"{cid}\t{ru}\t{en}\t{'|'.join(variants)}\t{'|'.join(forbidden)}\tgenerated\t\t\n")
    with open(os.path.join(a.out, "terms.txt"), "w") as f:
        for _, _, en, variants, forbidden in concepts:
            for form in [en, *variants, *forbidden]:
                f.write(form + "\n")
    per_file = int(a.mb * 1_000_000 / a.files)
    total = 0
    for i in range(a.files):
        d = os.path.join(a.out, "docs", f"{i // 100:02d}")
        os.makedirs(d, exist_ok=True)
        size = int(per_file * rng.uniform(0.5, 1.5))
        kind = i % 10
        if kind < 5:
            path, body = os.path.join(d, f"page{i:04d}.md"), markdown(rng, concepts, size, a.term_rate)
        elif kind < 9:
            path, body = os.path.join(d, f"notes{i:04d}.txt"), text(rng, concepts, size, a.term_rate)
        else:
            path, body = os.path.join(d, f"report{i:04d}.html"), html(rng, concepts, size, a.term_rate)
        with open(path, "w") as f:
            f.write(body)
        total += len(body.encode())
    print(f"{a.out}: {a.files} files, {total / 1e6:.1f} MB, {len(concepts)} concepts")


if __name__ == "__main__":
    main()
