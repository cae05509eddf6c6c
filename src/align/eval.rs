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
