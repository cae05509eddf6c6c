//! Alignment evaluation: the bead text format and strict/lax F1.
//!
//! The bead format is one bead a line, Russian indices then English, comma-separated,
//! 0-based, either side possibly empty: `0,1:0`, `2:1,2`, `3:`, `:4`.
//!
//! Precision and recall follow Vecalign (Thompson & Koehn 2019) and Bertalign, after
//! Sennrich & Volk (2011): null beads (1-0, 0-1) are left out of both the gold and the
//! test alignment; a test bead is a strict hit when the gold has the same bead, and a lax
//! hit when it shares a source sentence with a gold bead that also shares a target
//! sentence with it. As in Vecalign's reference `score.py`, the false negatives of lax
//! recall are the gold beads without an exact test counterpart.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Bead;

/// Formats one bead as `0,1:2`.
pub fn format_bead(ru: Range<usize>, en: Range<usize>) -> String {
    let side = |r: Range<usize>| r.map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    format!("{}:{}", side(ru), side(en))
}

/// A bead read from the text format: Russian and English index lists.
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// Parses the bead format; `Err` names the 1-based line.
pub fn parse_beads(text: &str) -> Result<Vec<IndexBead>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (a, b) = line
            .split_once(':')
            .ok_or_else(|| format!("line {}: expected `ru:en`, found {line:?}", n + 1))?;
        let side = |s: &str| -> Result<Vec<usize>, String> {
            s.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| {
                    t.parse()
                        .map_err(|_| format!("line {}: {t:?} is not an index", n + 1))
                })
                .collect()
        };
        out.push((side(a)?, side(b)?));
    }
    Ok(out)
}

/// Converts beads to index lists.
pub fn to_index_beads(beads: &[Bead]) -> Vec<IndexBead> {
    beads
        .iter()
        .map(|b| (b.ru.clone().collect(), b.en.clone().collect()))
        .collect()
}

/// Strict and lax precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Strict precision.
    pub precision_strict: f64,
    /// Strict recall.
    pub recall_strict: f64,
    /// Strict F1.
    pub f1_strict: f64,
    /// Lax precision.
    pub precision_lax: f64,
    /// Lax recall.
    pub recall_lax: f64,
    /// Lax F1.
    pub f1_lax: f64,
}

/// Raw counts, summed over documents before computing [`Scores`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Strict true positives.
    pub tp_strict: usize,
    /// Lax true positives.
    pub tp_lax: usize,
    /// Lax false positives.
    pub fp_lax: usize,
    /// Gold beads without an exact test counterpart.
    pub fn_lax: usize,
    /// Test beads (non-null).
    pub test: usize,
    /// Gold beads (non-null).
    pub gold: usize,
}

impl Counts {
    /// Adds the counts of one document.
    pub fn add(&mut self, gold: &[IndexBead], test: &[IndexBead]) {
        let keep = |v: &[IndexBead]| -> HashSet<IndexBead> {
            v.iter()
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .cloned()
                .collect()
        };
        let (gold, test) = (keep(gold), keep(test));
        let mut src_to_tgt: HashMap<usize, HashSet<usize>> = HashMap::new();
        for (s, t) in &gold {
            for &x in s {
                src_to_tgt.entry(x).or_default().extend(t.iter().copied());
            }
        }
        let mut gold_hit: HashSet<&IndexBead> = HashSet::new();
        for bead in &test {
            if let Some(g) = gold.get(bead) {
                self.tp_strict += 1;
                self.tp_lax += 1;
                gold_hit.insert(g);
            } else {
                let targets: HashSet<usize> = bead
                    .0
                    .iter()
                    .filter_map(|x| src_to_tgt.get(x))
                    .flatten()
                    .copied()
                    .collect();
                if bead.1.iter().any(|y| targets.contains(y)) {
                    self.tp_lax += 1;
                } else {
                    self.fp_lax += 1;
                }
            }
        }
        self.fn_lax += gold.len() - gold_hit.len();
        self.test += test.len();
        self.gold += gold.len();
    }

    /// Precision, recall and F1 from the counts.
    pub fn scores(&self) -> Scores {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let ps = div(self.tp_strict, self.test);
        let rs = div(self.tp_strict, self.gold);
        let pl = div(self.tp_lax, self.tp_lax + self.fp_lax);
        let rl = div(self.tp_lax, self.tp_lax + self.fn_lax);
        Scores {
            precision_strict: ps,
            recall_strict: rs,
            f1_strict: f1(ps, rs),
            precision_lax: pl,
            recall_lax: rl,
            f1_lax: f1(pl, rl),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bead_format_round_trips() {
        assert_eq!(format_bead(0..2, 0..1), "0,1:0");
        assert_eq!(format_bead(3..4, 4..4), "3:");
        assert_eq!(format_bead(4..4, 4..5), ":4");
        let parsed = parse_beads("0,1:0\n2:1,2\n3:\n:4\n").unwrap();
        assert_eq!(parsed[0], (vec![0, 1], vec![0]));
        assert_eq!(parsed[2], (vec![3], vec![]));
        assert_eq!(parsed[3], (vec![], vec![4]));
        assert!(parse_beads("0-1").unwrap_err().contains("line 1"));
    }

    #[test]
    fn strict_and_lax_scores() {
        let gold = parse_beads("0:0\n1,2:1\n3:\n4:2").unwrap();
        let test = parse_beads("0:0\n1:1\n2:\n3:\n4:2").unwrap();
        let mut c = Counts::default();
        c.add(&gold, &test);
        let s = c.scores();
        // non-null gold: 0:0, 1,2:1, 4:2; test: 0:0, 1:1, 4:2
        assert!((s.precision_strict - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall_strict - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.precision_lax, 1.0);
        assert!((s.recall_lax - 0.75).abs() < 1e-9);
        let mut perfect = Counts::default();
        perfect.add(&gold, &gold);
        assert_eq!(perfect.scores().f1_strict, 1.0);
    }
}

/// A small deterministic random generator (SplitMix64), so generated documents are the
/// same on every machine without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform float in 0..1.
    pub fn float(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform integer in `range`.
    pub fn range(&mut self, range: Range<usize>) -> usize {
        range.start + (self.next_u64() % (range.end - range.start).max(1) as u64) as usize
    }
}

/// A parallel document pair with its gold alignment.
#[derive(Debug, Clone, Default)]
pub struct TestPair {
    /// Russian sentences.
    pub ru: Vec<String>,
    /// English sentences.
    pub en: Vec<String>,
    /// Gold beads.
    pub gold: Vec<IndexBead>,
}

/// How often each edit is applied, per Russian sentence (checked in this order; what
/// is left is a plain 1-1 bead). [`EditMix::MIXED`] gives about 15% non-1-1 gold beads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EditMix {
    /// Two Russian sentences rendered as one English sentence (2-1).
    pub merge2: f64,
    /// Three Russian sentences rendered as one English sentence (3-1).
    pub merge3: f64,
    /// One Russian sentence split at a clause boundary into two (1-2); skipped when the
    /// sentence has no clause boundary with 25 bytes on each side.
    pub split: f64,
    /// A Russian sentence left untranslated (1-0).
    pub omit: f64,
    /// An English sentence from another document inserted before this one (0-1).
    pub insert: f64,
}

impl EditMix {
    /// No edits: every bead 1-1.
    pub const CLEAN: EditMix = EditMix {
        merge2: 0.0,
        merge3: 0.0,
        split: 0.0,
        omit: 0.0,
        insert: 0.0,
    };
    /// Merges and splits only (about 13% non-1-1 beads).
    pub const MERGE_SPLIT: EditMix = EditMix {
        merge2: 0.05,
        merge3: 0.015,
        split: 0.06,
        omit: 0.0,
        insert: 0.0,
    };
    /// Merges, splits, omissions and insertions (about 15% non-1-1 beads).
    pub const MIXED: EditMix = EditMix {
        merge2: 0.05,
        merge3: 0.015,
        split: 0.045,
        omit: 0.02,
        insert: 0.02,
    };
}

/// Edits the English side of true 1-1 `pairs` with [`EditMix::MIXED`].
pub fn edit_translation(pairs: &[(String, String)], fillers: &[String], rng: &mut Rng) -> TestPair {
    edit_with(pairs, fillers, &EditMix::MIXED, rng)
}

/// Edits the English side of true 1-1 `pairs` as translators do, with the rates of
/// `mix`: merges of 2–3 sentences (joined by `; `, `, and `, ` — ` or a space, the
/// next sentence lower-cased after a function word), splits at clause boundaries
/// (`, and`/`, but`/`, which`/`, while`/`, as`/`; `), omissions, and insertions taken
/// from `fillers` (sentences of other documents).
pub fn edit_with(
    pairs: &[(String, String)],
    fillers: &[String],
    mix: &EditMix,
    rng: &mut Rng,
) -> TestPair {
    let mut t = TestPair {
        ru: pairs.iter().map(|p| p.0.clone()).collect(),
        ..TestPair::default()
    };
    let n = pairs.len();
    let mut i = 0;
    let c1 = mix.merge2;
    let c2 = c1 + mix.merge3;
    let c3 = c2 + mix.split;
    let c4 = c3 + mix.omit;
    let c5 = c4 + mix.insert;
    while i < n {
        let r = rng.float();
        let e = t.en.len();
        if r < c1 && i + 1 < n {
            t.gold.push((vec![i, i + 1], vec![e]));
            t.en.push(join(&[&pairs[i].1, &pairs[i + 1].1], rng));
            i += 2;
            continue;
        }
        if r >= c1 && r < c2 && i + 2 < n {
            t.gold.push((vec![i, i + 1, i + 2], vec![e]));
            t.en.push(join(&[&pairs[i].1, &pairs[i + 1].1, &pairs[i + 2].1], rng));
            i += 3;
            continue;
        }
        if r >= c2 && r < c3 {
            if let Some((a, b)) = split_clause(&pairs[i].1, rng) {
                t.gold.push((vec![i], vec![e, e + 1]));
                t.en.push(a);
                t.en.push(b);
                i += 1;
                continue;
            }
        }
        if r >= c3 && r < c4 {
            t.gold.push((vec![i], vec![]));
            i += 1;
            continue;
        }
        if r >= c4 && r < c5 && !fillers.is_empty() {
            t.gold.push((vec![], vec![e]));
            t.en.push(fillers[rng.range(0..fillers.len())].clone());
        }
        let e = t.en.len();
        t.gold.push((vec![i], vec![e]));
        t.en.push(pairs[i].1.clone());
        i += 1;
    }
    t
}

/// Joins English sentences into one as a translator merging them would.
fn join(sents: &[&str], rng: &mut Rng) -> String {
    const LOWER_OK: [&str; 20] = [
        "The", "A", "An", "It", "This", "That", "These", "Those", "He", "She", "They", "We", "In",
        "On", "At", "There", "His", "Her", "Their", "Its",
    ];
    let mut out = sents[0].to_string();
    for s in &sents[1..] {
        let first = s.split(' ').next().unwrap_or("");
        let s = if LOWER_OK.contains(&first) {
            let mut cs = s.chars();
            cs.next()
                .map(|c| c.to_lowercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        } else {
            s.to_string()
        };
        let sep = ["; ", ", and ", " — ", " "][rng.range(0..4)];
        if sep == " " {
            out.push(' ');
        } else {
            out = out.trim_end_matches('.').to_string();
            out.push_str(sep);
        }
        out.push_str(&s);
    }
    out
}

/// Splits an English sentence at a clause boundary — `; ` or a comma before a
/// conjunction or relative word (`and`, `but`, `which`, `while`, `who`, `as`, `because`,
/// `although`, `where`, `when`, `so`, `since`, `though`, `whereas`, `with`) — chosen at
/// random among those with at least 25 bytes on each side; the conjunction stays at the
/// start of the second sentence, capitalised.
fn split_clause(s: &str, rng: &mut Rng) -> Option<(String, String)> {
    const CONJ: [&str; 15] = [
        "and", "but", "which", "while", "who", "as", "because", "although", "where", "when", "so",
        "since", "though", "whereas", "with",
    ];
    let b = s.as_bytes();
    let mut cands = Vec::new();
    for i in 0..b.len().saturating_sub(2) {
        if b[i + 1] != b' ' {
            continue;
        }
        let ok = b[i] == b';'
            || (b[i] == b','
                && CONJ.contains(
                    &s[i + 2..]
                        .split(' ')
                        .next()
                        .unwrap_or("")
                        .to_lowercase()
                        .as_str(),
                ));
        if ok && i >= 25 && s.len() - i - 2 >= 25 {
            cands.push(i);
        }
    }
    if cands.is_empty() {
        return None;
    }
    let at = cands[rng.range(0..cands.len())];
    let rest = &s[at + 2..];
    let mut cs = rest.chars();
    let first = cs.next()?;
    Some((
        format!("{}.", s[..at].trim_end()),
        first.to_uppercase().chain(cs).collect(),
    ))
}

/// Generates `n` synthetic Russian–English sentence pairs (pseudo-words of matching
/// lengths, shared names and numbers), then edits them with [`edit_translation`]: a
/// document pair of any size for benchmarks and property tests.
pub fn synthetic(n: usize, seed: u64) -> TestPair {
    const NAMES: [(&str, &str); 12] = [
        ("Ташкент", "Tashkent"),
        ("Астана", "Astana"),
        ("Назарбаев", "Nazarbayev"),
        ("Москва", "Moscow"),
        ("Хабаровск", "Khabarovsk"),
        ("Пекин", "Beijing"),
        ("Берлин", "Berlin"),
        ("Алексей", "Alexei"),
        ("Бишкек", "Bishkek"),
        ("Казахстан", "Kazakhstan"),
        ("Душанбе", "Dushanbe"),
        ("Токаев", "Tokayev"),
    ];
    const RU_SYL: [&str; 12] = [
        "ва", "ли", "про", "ст", "ни", "ко", "ра", "ме", "то", "за", "ны", "ть",
    ];
    const EN_SYL: [&str; 12] = [
        "the", "in", "ter", "con", "a", "st", "ing", "re", "o", "an", "ed", "s",
    ];
    let mut rng = Rng::new(seed);
    let word = |syl: &[&str], rng: &mut Rng| -> String {
        (0..rng.range(1..4))
            .map(|_| syl[rng.range(0..syl.len())])
            .collect()
    };
    let mut pairs = Vec::with_capacity(n);
    let mut fillers = Vec::new();
    for k in 0..n + n / 20 + 1 {
        let words = rng.range(4..28);
        let mut ru: Vec<String> = (0..words).map(|_| word(&RU_SYL, &mut rng)).collect();
        let mut en: Vec<String> = (0..words + words / 5)
            .map(|_| word(&EN_SYL, &mut rng))
            .collect();
        if rng.float() < 0.3 {
            let (r, e) = NAMES[rng.range(0..NAMES.len())];
            let at = rng.range(0..ru.len());
            ru.insert(at, r.to_string());
            en.insert(rng.range(0..en.len()), e.to_string());
        }
        if rng.float() < 0.2 {
            let num = (1900 + rng.range(0..200)).to_string();
            ru.insert(rng.range(0..ru.len()), num.clone());
            en.insert(rng.range(0..en.len()), num);
        }
        if words > 14 && rng.float() < 0.5 {
            en.insert(words / 2, "and".to_string());
            en[words / 2 - 1].push(',');
        }
        let cap = |mut v: Vec<String>, end: &str| {
            if let Some(f) = v.first_mut() {
                let mut cs = f.chars();
                if let Some(c) = cs.next() {
                    *f = c.to_uppercase().chain(cs).collect();
                }
            }
            v.join(" ") + end
        };
        let end = if rng.float() < 0.1 { "?" } else { "." };
        let (ru, en) = (cap(ru, end), cap(en, end));
        if k < n {
            pairs.push((ru, en));
        } else {
            fillers.push(en);
        }
    }
    edit_translation(&pairs, &fillers, &mut rng)
}

// ---------------------------------------------------------------------------------
// The WMT 2021 evaluation: documents, the dev/held-out split, suites of edited
// documents, scoring with a breakdown, the classic Gale–Church baseline and large
// concatenated pairs.

/// A document of true 1-1 pairs.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Document id (third TSV column).
    pub id: String,
    /// (Russian, English) pairs in order.
    pub pairs: Vec<(String, String)>,
}

/// Reads `ru<TAB>en<TAB>docid` lines (document order kept; a header line is skipped).
pub fn read_docs(text: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(ru), Some(en)) = (f.next(), f.next()) else {
            continue;
        };
        let id = f.next().unwrap_or("").to_string();
        if (ru == "ru" && en == "en") || ru.is_empty() {
            continue;
        }
        match docs.last_mut() {
            Some(d) if d.id == id => d.pairs.push((ru.to_string(), en.to_string())),
            _ => docs.push(Doc {
                id,
                pairs: vec![(ru.to_string(), en.to_string())],
            }),
        }
    }
    docs
}

/// The dev / held-out split: every third document in file order (the 3rd, 6th, …)
/// is held out and never used for tuning.
pub fn split_dev_heldout(docs: &[Doc]) -> (Vec<Doc>, Vec<Doc>) {
    let (mut dev, mut held) = (Vec::new(), Vec::new());
    for (k, d) in docs.iter().enumerate() {
        if k % 3 == 2 {
            held.push(d.clone());
        } else {
            dev.push(d.clone());
        }
    }
    (dev, held)
}

/// English sentences of all documents but `skip`, as insertion fillers.
fn fillers(docs: &[Doc], skip: usize) -> Vec<String> {
    docs.iter()
        .enumerate()
        .filter(|(k, _)| *k != skip)
        .flat_map(|(_, d)| d.pairs.iter().map(|p| p.1.clone()))
        .collect()
}

/// One edited version of each document with `mix`; the seed depends on the document's
/// position and `seed`, so a suite is the same on every run.
pub fn suite(docs: &[Doc], mix: &EditMix, seed: u64) -> Vec<TestPair> {
    docs.iter()
        .enumerate()
        .map(|(k, d)| {
            let mut rng = Rng::new(seed.wrapping_mul(0x1000_0001) ^ ((k as u64 + 1) * 7919));
            edit_with(&d.pairs, &fillers(docs, k), mix, &mut rng)
        })
        .collect()
}

/// Kind of a gold bead, for the breakdown.
pub fn bead_kind(a: usize, b: usize) -> &'static str {
    match (a, b) {
        (1, 1) => "1-1",
        (_, 0) => "omission 1-0",
        (0, _) => "insertion 0-1",
        (1, _) => "split 1-2",
        (2, 1) => "merge 2-1",
        (3, 1) => "merge 3-1",
        _ => "other",
    }
}

/// Scores of one aligner over a set of documents, with the breakdown the issue asks
/// for.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Strict/lax counts (null beads left out, as Vecalign scores).
    pub counts: Counts,
    /// Per gold bead kind: (gold beads, found exactly).
    pub by_kind: std::collections::BTreeMap<&'static str, (usize, usize)>,
    /// Predicted null beads, and how many of them are gold.
    pub nulls_predicted: usize,
    /// Predicted null beads that are in the gold.
    pub nulls_right: usize,
    /// Predicted non-null beads: (confidence, wrong) — for the review-flag trade-off.
    pub scored: Vec<(f64, bool)>,
    /// Predicted non-null beads flagged `low_confidence`.
    pub flagged: usize,
    /// Wrong predicted non-null beads flagged.
    pub flagged_wrong: usize,
}

impl Report {
    /// Adds one document's alignment.
    pub fn add(&mut self, gold: &[IndexBead], beads: &[Bead]) {
        let test = to_index_beads(beads);
        self.counts.add(gold, &test);
        let gold_set: HashSet<&IndexBead> = gold.iter().collect();
        let test_set: HashSet<&IndexBead> = test.iter().collect();
        for g in gold {
            let e = self
                .by_kind
                .entry(bead_kind(g.0.len(), g.1.len()))
                .or_default();
            e.0 += 1;
            e.1 += usize::from(test_set.contains(g));
        }
        for (b, t) in beads.iter().zip(&test) {
            if b.ru.is_empty() || b.en.is_empty() {
                self.nulls_predicted += 1;
                self.nulls_right += usize::from(gold_set.contains(t));
                continue;
            }
            let wrong = !gold_set.contains(t);
            self.scored.push((b.score, wrong));
            if b.low_confidence {
                self.flagged += 1;
                self.flagged_wrong += usize::from(wrong);
            }
        }
    }

    /// Null-bead precision.
    pub fn null_precision(&self) -> f64 {
        self.nulls_right as f64 / self.nulls_predicted.max(1) as f64
    }

    /// Wrong non-null beads.
    pub fn wrong(&self) -> usize {
        self.scored.iter().filter(|s| s.1).count()
    }

    /// (share of wrong pairings flagged, share of non-null beads flagged) when beads
    /// scoring below `threshold` are flagged.
    pub fn flag_tradeoff(&self, threshold: f64) -> (f64, f64) {
        let wrong = self.wrong().max(1) as f64;
        let flagged: Vec<_> = self.scored.iter().filter(|s| s.0 < threshold).collect();
        let caught = flagged.iter().filter(|s| s.1).count() as f64;
        (
            caught / wrong,
            flagged.len() as f64 / self.scored.len().max(1) as f64,
        )
    }
}

/// Aligns every document of `docs` with `aligner` and reports.
pub fn run<F>(docs: &[TestPair], aligner: F) -> Report
where
    F: Fn(&[&str], &[&str]) -> Vec<Bead> + Sync,
{
    use rayon::prelude::*;
    let results: Vec<Vec<Bead>> = docs
        .par_iter()
        .map(|d| {
            let ru: Vec<&str> = d.ru.iter().map(String::as_str).collect();
            let en: Vec<&str> = d.en.iter().map(String::as_str).collect();
            aligner(&ru, &en)
        })
        .collect();
    let mut r = Report::default();
    for (d, b) in docs.iter().zip(&results) {
        r.add(&d.gold, b);
    }
    r
}

/// The classic Gale & Church (1993) aligner as published, as a baseline: shapes 1-1,
/// 1-0, 0-1, 2-1, 1-2, 2-2 with the paper's priors (0.89, 0.0099/2 each, 0.089/2 each,
/// 0.011), the length cost `−ln 2(1 − Φ(|δ|))` for every shape (null beads too) with
/// `s² = 6.8` and the documents' own character ratio; full dynamic program.
pub fn gale_church_classic(ru: &[&str], en: &[&str]) -> Vec<Bead> {
    const GC: [((usize, usize), f64); 6] = [
        ((1, 1), 0.89),
        ((1, 0), 0.0099 / 2.0),
        ((0, 1), 0.0099 / 2.0),
        ((2, 1), 0.089 / 2.0),
        ((1, 2), 0.089 / 2.0),
        ((2, 2), 0.011),
    ];
    let lr: Vec<f64> = ru.iter().map(|s| s.chars().count() as f64).collect();
    let le: Vec<f64> = en.iter().map(|s| s.chars().count() as f64).collect();
    let (tr, te): (f64, f64) = (lr.iter().sum(), le.iter().sum());
    let ratio = if tr > 0.0 && te > 0.0 { te / tr } else { 1.0 };
    let (n, m) = (ru.len(), en.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![0usize; m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for (k, &((a, b), p)) in GC.iter().enumerate() {
                if a > i || b > j || (a == 0 && b == 0) {
                    continue;
                }
                let prev = cost[i - a][j - b];
                if !prev.is_finite() {
                    continue;
                }
                let l1: f64 = lr[i - a..i].iter().sum();
                let l2: f64 = le[j - b..j].iter().sum();
                let c = prev - p.ln() + super::cost::gale_church(l1, l2, ratio, 6.8, 0.0);
                if c < cost[i][j] {
                    cost[i][j] = c;
                    back[i][j] = k;
                }
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let ((a, b), _) = GC[back[i][j]];
        out.push(Bead {
            ru: i - a..i,
            en: j - b..j,
            score: 1.0,
            low_confidence: false,
        });
        i -= a;
        j -= b;
    }
    out.reverse();
    out
}

/// A large pair made of whole documents: the documents in a shuffled order, repeated
/// (each copy edited afresh with `mix`) until the Russian side has at least `n`
/// sentences. `starts` holds, for each document copy, its first Russian sentence,
/// first English sentence and first gold bead (plus the end), so the pair can be cut at
/// any document boundary and also aligned document by document.
#[derive(Debug, Clone, Default)]
pub struct BigPair {
    /// The concatenated pair with its gold.
    pub pair: TestPair,
    /// (Russian, English, gold bead) start of each document copy, and the ends.
    pub starts: Vec<(usize, usize, usize)>,
}

/// Builds a [`BigPair`] (see there).
pub fn concatenate(docs: &[Doc], n: usize, mix: &EditMix, seed: u64) -> BigPair {
    let mut rng = Rng::new(seed);
    let mut big = BigPair::default();
    let all: Vec<String> = docs
        .iter()
        .flat_map(|d| d.pairs.iter().map(|p| p.1.clone()))
        .collect();
    'outer: loop {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.range(0..i + 1));
        }
        for &k in &order {
            if big.pair.ru.len() >= n || docs.is_empty() {
                break 'outer;
            }
            let t = edit_with(&docs[k].pairs, &all, mix, &mut rng);
            let (r0, e0) = (big.pair.ru.len(), big.pair.en.len());
            big.starts.push((r0, e0, big.pair.gold.len()));
            big.pair.gold.extend(t.gold.into_iter().map(|(a, b)| {
                (
                    a.into_iter().map(|x| x + r0).collect(),
                    b.into_iter().map(|y| y + e0).collect(),
                )
            }));
            big.pair.ru.extend(t.ru);
            big.pair.en.extend(t.en);
        }
    }
    big.starts
        .push((big.pair.ru.len(), big.pair.en.len(), big.pair.gold.len()));
    big
}

impl BigPair {
    /// The first `docs` document copies as a pair of their own.
    pub fn prefix(&self, docs: usize) -> TestPair {
        let (r, e, g) = self.starts[docs.min(self.starts.len() - 1)];
        TestPair {
            ru: self.pair.ru[..r].to_vec(),
            en: self.pair.en[..e].to_vec(),
            gold: self.pair.gold[..g].to_vec(),
        }
    }

    /// Each document copy as a pair of its own (indices from 0).
    pub fn documents(&self, docs: usize) -> Vec<TestPair> {
        self.starts
            .windows(2)
            .take(docs)
            .map(|w| {
                let ((r0, e0, g0), (r1, e1, g1)) = (w[0], w[1]);
                TestPair {
                    ru: self.pair.ru[r0..r1].to_vec(),
                    en: self.pair.en[e0..e1].to_vec(),
                    gold: self.pair.gold[g0..g1]
                        .iter()
                        .map(|(a, b)| {
                            (
                                a.iter().map(|x| x - r0).collect(),
                                b.iter().map(|y| y - e0).collect(),
                            )
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Number of document copies before the Russian side reaches `n` sentences.
    pub fn docs_before(&self, n: usize) -> usize {
        self.starts.iter().take_while(|s| s.0 < n).count().max(1) - 1
    }
}

/// Path of the WMT 2021 pairs: `$CONCORD_SHARED/parallel/wmt21-news-ru-en.tsv`, else
/// `shared/` beside the repository or beside one of its parents (a worktree).
pub fn wmt_path(manifest_dir: &str) -> Option<std::path::PathBuf> {
    let rel = "parallel/wmt21-news-ru-en.tsv";
    if let Some(p) = std::env::var_os("CONCORD_SHARED") {
        let p = std::path::PathBuf::from(p).join(rel);
        return p.exists().then_some(p);
    }
    std::path::Path::new(manifest_dir)
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared").join(rel))
        .find(|p| p.exists())
}
