//! TEMP(lint): stand-ins for `concord::check::{Checker, Segment, CheckOptions}` and
//! `concord::align::align`, with the signatures of /work/notes/CONTRACTS.md, until the
//! termcheck and align work lands on main. Deleted at that merge.
#![allow(dead_code)]

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::check::{Finding, Rule, Severity};
use crate::config::Level;
use crate::termbase::Termbase;

/// Check options (contract shape).
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Near-miss similarity threshold.
    pub near_miss: f64,
    /// Lowest severity reported.
    pub min_severity: Severity,
    /// Per-rule level overrides; `Off` disables.
    pub levels: BTreeMap<Rule, Level>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            near_miss: 0.85,
            min_severity: Severity::Info,
            levels: BTreeMap::new(),
        }
    }
}

/// One bilingual segment (contract shape).
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    /// File.
    pub file: &'a str,
    /// 1-based line.
    pub line: usize,
    /// Russian.
    pub ru: &'a str,
    /// English.
    pub en: &'a str,
    /// Characters before the English text on its line.
    pub en_column_offset: usize,
}

/// A minimal checker: forbidden forms only, whole words, case-insensitive.
pub struct Checker {
    ac: Option<AhoCorasick>,
    /// (concept, form) per pattern.
    pats: Vec<(usize, String)>,
    tb: Termbase,
    levels: BTreeMap<Rule, Level>,
}

impl Checker {
    /// Compiles the termbase.
    pub fn new(termbase: &Termbase, opts: CheckOptions) -> Checker {
        let mut pats = Vec::new();
        for (i, c) in termbase.concepts.iter().enumerate() {
            for f in &c.forbidden {
                pats.push((i, f.clone()));
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats.iter().map(|p| p.1.as_str()))
            .ok();
        Checker {
            ac,
            pats,
            tb: termbase.clone(),
            levels: opts.levels,
        }
    }

    fn on(&self, r: Rule) -> bool {
        self.levels.get(&r) != Some(&Level::Off)
    }

    /// All rules over segments (stand-in: forbidden forms and empty targets).
    pub fn check_segments(&self, segs: &[Segment<'_>]) -> Vec<Finding> {
        let mut out = Vec::new();
        for s in segs {
            if s.en.trim().is_empty() && self.on(Rule::Untranslated) {
                out.push(Finding {
                    file: s.file.to_string(),
                    line: s.line,
                    column: s.en_column_offset + 1,
                    rule: Rule::Untranslated,
                    severity: Severity::Error,
                    message: "the English target is empty".into(),
                    source_term: None,
                    expected: None,
                    found: None,
                    suggestion: None,
                });
            }
            for mut f in self.check_english(s.file, s.en) {
                f.line = s.line + f.line - 1;
                if f.line == s.line {
                    f.column += s.en_column_offset;
                }
                out.push(f);
            }
        }
        out
    }

    /// English-only text (stand-in: term-forbidden only).
    pub fn check_english(&self, file: &str, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        if !self.on(Rule::TermForbidden) {
            return out;
        }
        let b = text.as_bytes();
        for m in ac.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let _ = b;
            let (ci, form) = &self.pats[m.pattern().as_usize()];
            let c = &self.tb.concepts[*ci];
            let (line, column) = crate::text::line_column(text, m.start());
            out.push(Finding {
                file: file.to_string(),
                line,
                column,
                rule: Rule::TermForbidden,
                severity: c.severity,
                message: format!("forbidden rendering `{form}`; use `{}`", c.en),
                source_term: c.ru.first().cloned(),
                expected: Some(c.en.clone()),
                found: Some(text[m.range()].to_string()),
                suggestion: Some(c.en.clone()),
            });
        }
        out
    }
}

/// Alignment bead (contract shape).
#[derive(Debug, Clone)]
pub struct Bead {
    /// Russian sentence indices.
    pub ru: std::ops::Range<usize>,
    /// English sentence indices.
    pub en: std::ops::Range<usize>,
    /// Confidence.
    pub score: f64,
    /// Needs review.
    pub low_confidence: bool,
}

/// Stand-in aligner: one to one, leftovers unpaired.
pub fn align(ru: &[&str], en: &[&str]) -> Vec<Bead> {
    let n = ru.len().max(en.len());
    (0..n)
        .map(|i| Bead {
            ru: if i < ru.len() {
                i..i + 1
            } else {
                ru.len()..ru.len()
            },
            en: if i < en.len() {
                i..i + 1
            } else {
                en.len()..en.len()
            },
            score: 1.0,
            low_confidence: false,
        })
        .collect()
}
