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

/// Edits the English side of true 1-1 `pairs` as translators do: merges of 2–3
/// sentences, splits at clause boundaries, omissions, and insertions taken from
/// `fillers`; about 15% of the gold beads are not 1-1 (the same recipe as
/// `scripts/align/eval.py`).
pub fn edit_translation(pairs: &[(String, String)], fillers: &[String], rng: &mut Rng) -> TestPair {
    let mut t = TestPair {
        ru: pairs.iter().map(|p| p.0.clone()).collect(),
        ..TestPair::default()
    };
    let n = pairs.len();
    let mut i = 0;
    while i < n {
        let r = rng.float();
        let e = t.en.len();
        if r < 0.05 && i + 1 < n {
            t.gold.push((vec![i, i + 1], vec![e]));
            t.en.push(format!(
                "{}; {}",
                pairs[i].1.trim_end_matches('.'),
                pairs[i + 1].1
            ));
            i += 2;
            continue;
        }
        if r < 0.065 && i + 2 < n {
            t.gold.push((vec![i, i + 1, i + 2], vec![e]));
            t.en.push(format!(
                "{} {} {}",
                pairs[i].1,
                pairs[i + 1].1,
                pairs[i + 2].1
            ));
            i += 3;
            continue;
        }
        if r < 0.11 {
            if let Some((a, b)) = split_clause(&pairs[i].1) {
                t.gold.push((vec![i], vec![e, e + 1]));
                t.en.push(a);
                t.en.push(b);
                i += 1;
                continue;
            }
        }
        if r < 0.13 {
            t.gold.push((vec![i], vec![]));
            i += 1;
            continue;
        }
        if r < 0.15 && !fillers.is_empty() {
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

/// Splits an English sentence at `, and`/`, but`/`, which`/`; ` when both halves have
/// at least 25 bytes.
fn split_clause(s: &str) -> Option<(String, String)> {
    const CONJ: [&str; 6] = [", and ", ", but ", ", which ", ", while ", ", as ", "; "];
    let (at, _) = CONJ
        .iter()
        .filter_map(|c| s.find(c).map(|i| (i, *c)))
        .filter(|(i, c)| *i >= 25 && s.len() - i - c.len() >= 25)
        .min()?;
    let rest = s[at + 2..].trim_start();
    let mut cs = rest.chars();
    let first = cs.next()?;
    Some((
        format!("{}.", &s[..at]),
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
