//! Exact and fuzzy lookup over a memory: [`Index`], and the brute-force [`scan`] it must equal.

use std::collections::HashMap;

use super::fuzzy::{self, levenshtein::Pattern, Scorer};
use super::Memory;
use crate::text;

/// What a lookup asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LookupOptions {
    /// At most this many matches (exact included).
    pub top: usize,
    /// Lowest fuzzy score reported, 0..=100.
    pub min_score: f64,
    /// Word or character Levenshtein.
    pub scorer: Scorer,
}

impl Default for LookupOptions {
    /// Top 5, min-score 70, word scorer.
    fn default() -> LookupOptions {
        LookupOptions {
            top: 5,
            min_score: 70.0,
            scorer: Scorer::Word,
        }
    }
}

/// One match: an entry of the memory and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index into [`Memory::entries`].
    pub entry: usize,
    /// Similarity 0..=100 (100 for an exact match).
    pub score: f64,
    /// True when the folded source equals the folded query.
    pub exact: bool,
}

/// Symbols of a folded text for a scorer, with word tokens mapped through `ids`.
fn symbols(folded: &str, scorer: Scorer, ids: &mut HashMap<String, u32>) -> Vec<u32> {
    match scorer {
        Scorer::Char => folded.chars().map(u32::from).collect(),
        Scorer::Word => text::words(folded)
            .map(|t| {
                let n = ids.len() as u32;
                *ids.entry(t.text.to_string()).or_insert(n)
            })
            .collect(),
    }
}

/// Sorts matches by score (descending), then entry order, and keeps the first `top`.
fn rank(mut found: Vec<Match>, top: usize) -> Vec<Match> {
    found.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(b.score.total_cmp(&a.score))
            .then(a.entry.cmp(&b.entry))
    });
    found.truncate(top);
    found
}

/// The reference lookup: scores every entry with [`fuzzy::score`]'s formula.
///
/// Semantics shared with [`Index::lookup`]: among entries whose folded sources are equal
/// only the first counts (the first target is shown); an entry whose folded source equals
/// the folded query is the exact match (score 100, first); others are fuzzy matches with
/// score ≥ `min_score`, by score descending, ties in entry order; a query without symbols
/// gets no fuzzy matches; at most `top` matches in all.
pub fn scan(memory: &Memory, query: &str, opts: &LookupOptions) -> Vec<Match> {
    let fq = text::fold(query);
    let mut ids = HashMap::new();
    let q = symbols(&fq, opts.scorer, &mut ids);
    let pattern = Pattern::new(&q);
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    for (i, e) in memory.entries.iter().enumerate() {
        let fs = text::fold(&e.ru);
        if !seen.insert(fs.clone()) {
            continue;
        }
        if fs == fq {
            found.push(Match {
                entry: i,
                score: 100.0,
                exact: true,
            });
            continue;
        }
        if q.is_empty() {
            continue;
        }
        let s = symbols(&fs, opts.scorer, &mut ids);
        let d = pattern.distance(&s);
        let score = fuzzy::score_from_distance(d, q.len().max(s.len()));
        if score >= opts.min_score {
            found.push(Match {
                entry: i,
                score,
                exact: false,
            });
        }
    }
    rank(found, opts.top)
}

/// A lookup index over a memory's sources.
///
/// Built once per memory; [`Index::lookup`] returns exactly what [`scan`] returns.
#[derive(Debug, Clone)]
pub struct Index {
    /// Folded source per unique source, in first-appearance order.
    keys: Vec<String>,
    /// The first entry of each unique source.
    first_entry: Vec<usize>,
    /// Folded source → unique id.
    by_key: HashMap<String, u32>,
}

impl Index {
    /// Indexes the sources of a memory.
    pub fn build(memory: &Memory) -> Index {
        let mut keys = Vec::new();
        let mut first_entry = Vec::new();
        let mut by_key = HashMap::new();
        for (i, e) in memory.entries.iter().enumerate() {
            let k = text::fold(&e.ru);
            if !by_key.contains_key(&k) {
                by_key.insert(k.clone(), keys.len() as u32);
                keys.push(k);
                first_entry.push(i);
            }
        }
        Index {
            keys,
            first_entry,
            by_key,
        }
    }

    /// The exact (normalised) match: the first entry whose folded source equals the
    /// folded query.
    pub fn exact(&self, query: &str) -> Option<usize> {
        self.by_key
            .get(&text::fold(query))
            .map(|&u| self.first_entry[u as usize])
    }

    /// Exact match first (score 100, `exact`), then fuzzy matches by score descending,
    /// ties in entry order; see [`scan`] for the full semantics.
    pub fn lookup(&self, memory: &Memory, query: &str, opts: &LookupOptions) -> Vec<Match> {
        let _ = memory;
        let fq = text::fold(query);
        let mut ids = HashMap::new();
        let q = symbols(&fq, opts.scorer, &mut ids);
        let pattern = Pattern::new(&q);
        let mut found = Vec::new();
        for (u, k) in self.keys.iter().enumerate() {
            let entry = self.first_entry[u];
            if *k == fq {
                found.push(Match {
                    entry,
                    score: 100.0,
                    exact: true,
                });
                continue;
            }
            if q.is_empty() {
                continue;
            }
            let s = symbols(k, opts.scorer, &mut ids);
            let d = pattern.distance(&s);
            let score = fuzzy::score_from_distance(d, q.len().max(s.len()));
            if score >= opts.min_score {
                found.push(Match {
                    entry,
                    score,
                    exact: false,
                });
            }
        }
        rank(found, opts.top)
    }
}
