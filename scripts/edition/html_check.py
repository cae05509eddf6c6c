#!/usr/bin/env python3
"""Render `concord edition --format html` in headless Chromium, check the DOM, save a screenshot.

Usage (from the repo root):
  python3 scripts/edition/html_check.py [--concord target/release/concord] [--out DIR]
        [--source FILE --memory PATH --termbase PATH | --config FILE]
        [--expect-complete] [--expect-fuzzy N] [--expect-missing N] [--expect-terms]

With no project options it renders the sample project (concord.toml at the repo root).
The sentences are taken independently from `concord segment --format json`, and the DOM
that Chromium built must show every one of them, in order, in the Russian column, with
the right highlight: fuzzy rows with a score badge, missing rows with a "missing" badge,
every term mark with a hover title. Exit 0 when all checks pass, 1 on a failed check,
2 when Chromium or the binary cannot run. Writes DIR/edition.html, DIR/edition.dom.html
and DIR/edition.png (default DIR: target/edition-html-check).
"""

import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """Collects the edition's rows, term marks and coverage counts from the DOM."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, attrs)
        self.rows = []
        self.marks = []
        self.counts = {}
        self.title = ""
        self._count_key = None

    def _classes(self, attrs):
        return set((attrs.get("class") or "").split())

    def _inside(self, cls):
        return any(cls in self._classes(a) for _, a in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = self._classes(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, attrs))
        if tag == "div" and "row" in cls:
            self.rows.append({
                "id": attrs.get("id"),
                "classes": cls,
                "status": attrs.get("data-status"),
                "score": attrs.get("data-score"),
                "ru": "",
                "en": "",
                "badges": [],
                "marks": {"ru": [], "en": []},
            })
        if tag == "mark" and "term" in cls and self.rows and self._inside("row"):
            side = "en" if self._inside("en") else "ru"
            mark = {"title": attrs.get("title"), "term": attrs.get("data-term"), "text": ""}
            self.rows[-1]["marks"][side].append(mark)
            self.marks.append(mark)
        if tag == "span" and "badge" in cls and self.rows and self._inside("row"):
            self.rows[-1]["badges"].append({"classes": cls, "title": attrs.get("title"), "text": ""})
        if tag == "div" and "finding" in cls and self.rows and self._inside("row"):
            self.rows[-1].setdefault("findings", []).append(attrs.get("data-rule"))
        if tag == "td" and "num" in cls and "data-count" in attrs:
            tr = next((a for t, a in reversed(self.stack) if t == "tr"), {})
            self.counts[(tr.get("class") or "").strip()] = int(attrs["data-count"])

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title":
            self.title += data
        if not self.rows or not self._inside("row"):
            return
        row = self.rows[-1]
        if self._inside("badge"):
            row["badges"][-1]["text"] += data
            return
        if self._inside("hint") or self._inside("finding"):
            return
        if self._inside("ru"):
            row["ru"] += data
        elif self._inside("en"):
            row["en"] += data
        if self.stack[-1][0] == "mark" and self.marks:
            self.marks[-1]["text"] += data


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=180, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--concord", default=None, help="the concord binary (default: target/release/concord, then target/debug/concord)")
    ap.add_argument("--out", default="target/edition-html-check")
    ap.add_argument("--config")
    ap.add_argument("--source")
    ap.add_argument("--memory")
    ap.add_argument("--termbase")
    ap.add_argument("--min-score")
    ap.add_argument("--expect-complete", action="store_true")
    ap.add_argument("--expect-fuzzy", type=int)
    ap.add_argument("--expect-missing", type=int)
    ap.add_argument("--expect-terms", action="store_true")
    ap.add_argument("--expect-findings", type=int, help="term-check findings shown on rows")
    ap.add_argument("--width", type=int, default=1366)
    ap.add_argument("--height", type=int, default=2200)
    a = ap.parse_args()

    concord = a.concord
    if concord is None:
        concord = next((p for p in ("target/release/concord", "target/debug/concord") if os.path.exists(p)), None)
    if concord is None:
        print("html_check: no concord binary; build it or pass --concord", file=sys.stderr)
        return 2
    chromium = find_chromium()
    if chromium is None:
        print("html_check: chromium is not installed (apt-get install -y chromium)", file=sys.stderr)
        return 2

    os.makedirs(a.out, exist_ok=True)
    page = os.path.abspath(os.path.join(a.out, "edition.html"))
    common = ["--config", a.config] if a.config else []
    project = []
    for flag, value in (("--source", a.source), ("--memory", a.memory), ("--termbase", a.termbase), ("--min-score", a.min_score)):
        if value is not None:
            project += [flag, value]
    r = run([concord, *common, "edition", *project, "--format", "html", "-o", page])
    if r.returncode not in (0, 1):
        print("html_check: concord edition failed:\n" + r.stderr.decode(), file=sys.stderr)
        return 2

    # the sentences, independently of the edition code
    seg_source = a.source
    if seg_source is None:
        m = re.search(r"^edition: (.+?): \d+ paragraphs", r.stderr.decode(), re.M)
        if not m:
            print("html_check: cannot tell the source file from the summary:\n" + r.stderr.decode(), file=sys.stderr)
            return 2
        seg_source = m.group(1)
    s = run([concord, *common, "segment", "--format", "json", seg_source])
    if s.returncode != 0:
        print("html_check: concord segment failed:\n" + s.stderr.decode(), file=sys.stderr)
        return 2
    sentences = [norm(x["text"]) for x in json.loads(s.stdout)]

    profile = tempfile.mkdtemp(prefix="concord-chromium-")
    try:
        flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        d = run([chromium, *flags, "--dump-dom", "file://" + page])
        if d.returncode != 0 or not d.stdout:
            print("html_check: chromium --dump-dom failed:\n" + d.stderr.decode()[-2000:], file=sys.stderr)
            return 2
        dom_text = d.stdout.decode()
        with open(os.path.join(a.out, "edition.dom.html"), "w", encoding="utf-8") as f:
            f.write(dom_text)
        png = os.path.abspath(os.path.join(a.out, "edition.png"))
        shot = run([chromium, *flags, f"--window-size={a.width},{a.height}", f"--screenshot={png}", "file://" + page])
        if shot.returncode != 0 or not os.path.exists(png):
            print("html_check: chromium --screenshot failed:\n" + shot.stderr.decode()[-2000:], file=sys.stderr)
            return 2
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    dom = Dom()
    dom.feed(dom_text)
    failures = []

    def check(ok, message):
        if not ok:
            failures.append(message)

    rows = dom.rows
    check(len(rows) == len(sentences), f"{len(rows)} sentence rows in the page, {len(sentences)} sentences in the source")
    for i, (row, sentence) in enumerate(zip(rows, sentences)):
        check(norm(row["ru"]) == sentence, f"row {i + 1} ({row['id']}): Russian cell {norm(row['ru'])!r} is not the source sentence {sentence!r}")
        status = row["status"]
        check(status in ("exact", "fuzzy", "missing") and status in row["classes"], f"row {row['id']}: bad status {status!r}")
        kinds = [b for b in row["badges"] if status in b["classes"]]
        if status == "exact":
            check(not row["badges"], f"row {row['id']}: exact row has a badge")
            check(norm(row["en"]) != "", f"row {row['id']}: exact row without English")
        elif status == "fuzzy":
            check(len(kinds) == 1 and re.fullmatch(r"\d+%", kinds[0]["text"].strip() or ""), f"row {row['id']}: fuzzy row needs one score badge, has {row['badges']}")
            check(bool(kinds and kinds[0]["title"]), f"row {row['id']}: fuzzy badge needs a hover title")
            check(row["score"] is not None, f"row {row['id']}: fuzzy row without data-score")
        elif status == "missing":
            check(len(kinds) == 1, f"row {row['id']}: missing row needs a 'missing' badge")
        for side in ("ru", "en"):
            for mk in row["marks"][side]:
                check(bool(mk["title"]) and "→" in mk["title"], f"row {row['id']}: term mark {mk['text']!r} ({side}) has no approved-rendering title")
                check(bool(mk["term"]), f"row {row['id']}: term mark {mk['text']!r} without data-term")

    by_status = {k: sum(1 for r in rows if r["status"] == k) for k in ("exact", "fuzzy", "missing")}
    for k, n in by_status.items():
        check(dom.counts.get(k) == n, f"coverage table says {dom.counts.get(k)} {k}, the page shows {n} {k} rows")
    if a.expect_complete:
        check(by_status["fuzzy"] == 0 and by_status["missing"] == 0, f"expected complete coverage, got {by_status}")
    if a.expect_fuzzy is not None:
        check(by_status["fuzzy"] == a.expect_fuzzy, f"expected {a.expect_fuzzy} fuzzy rows, got {by_status['fuzzy']}")
    if a.expect_missing is not None:
        check(by_status["missing"] == a.expect_missing, f"expected {a.expect_missing} missing rows, got {by_status['missing']}")
    ru_marks = sum(len(r["marks"]["ru"]) for r in rows)
    en_marks = sum(len(r["marks"]["en"]) for r in rows)
    if a.expect_terms:
        check(ru_marks > 0 and en_marks > 0, f"expected term marks in both columns, got {ru_marks} Russian and {en_marks} English")
    findings = [f for r in rows for f in r.get("findings", [])]
    check(all(findings), "a finding without data-rule")
    for r in rows:
        check(bool(r.get("findings")) == ("flagged" in r["classes"]), f"row {r['id']}: 'flagged' class and findings disagree")
    if a.expect_findings is not None:
        check(len(findings) == a.expect_findings, f"expected {a.expect_findings} findings on rows, got {findings}")
    check(dom.title.startswith("English edition"), f"page title {dom.title!r}")
    for bad in ("<script", "<link", "http://", "https://"):
        check(bad not in open(page, encoding="utf-8").read(), f"page is not self-contained: contains {bad!r}")

    print(f"html_check: {len(rows)} rows ({by_status['exact']} exact, {by_status['fuzzy']} fuzzy, {by_status['missing']} missing), "
          f"{ru_marks} Russian and {en_marks} English term marks, {len(findings)} term-check findings; screenshot {png}")
    for f_ in failures:
        print("html_check: FAIL: " + f_, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
