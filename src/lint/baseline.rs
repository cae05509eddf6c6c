//! Baselines: today's findings recorded so that a build fails only on new ones.
//!
//! The main type is [`Baseline`], stored as JSON:
//! `{"version": 1, "findings": [{"file": "docs/a.md", "rule": "term-variant",
//! "text": "Nazarbaev", "count": 2}]}`. A finding is identified by its file, rule and
//! text (the offending words, or the message when a rule names none), never by its line,
//! so edits elsewhere in the file do not resurrect it. `count` lets a file keep the same
//! known problem twice; a third occurrence is new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Rule};

/// An error reading or writing a baseline file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("cannot access baseline {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a concord baseline.
    #[error("{}:{line}:{column}: not a concord baseline: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
}

/// One recorded finding kind in a file, with how many times it occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as reported.
    pub file: String,
    /// The rule id.
    pub rule: Rule,
    /// The offending text (the finding's `found`, or its message).
    pub text: String,
    /// Occurrences accepted.
    pub count: usize,
}

/// A set of accepted findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// Accepted findings, sorted by file, rule and text.
    pub findings: Vec<Entry>,
}

type Key = (String, Rule, String);

fn key(f: &Finding) -> Key {
    (
        f.file.clone(),
        f.rule,
        f.found.clone().unwrap_or_else(|| f.message.clone()),
    )
}

impl Baseline {
    /// Records findings.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for f in findings {
            *counts.entry(key(f)).or_default() += 1;
        }
        Baseline {
            version: 1,
            findings: counts
                .into_iter()
                .map(|((file, rule, text), count)| Entry {
                    file,
                    rule,
                    text,
                    count,
                })
                .collect(),
        }
    }

    /// Splits findings into new ones and those the baseline accepts (in input order).
    pub fn split(&self, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
        let mut left: BTreeMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| ((e.file.clone(), e.rule, e.text.clone()), e.count))
            .collect();
        let (mut new, mut known) = (Vec::new(), Vec::new());
        for f in findings {
            match left.get_mut(&key(&f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known.push(f);
                }
                _ => new.push(f),
            }
        }
        (new, known)
    }

    /// Serialises as pretty JSON with a final newline (stable for review in git).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Writes a baseline file atomically.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        crate::fsutil::write_atomic(path, self.to_json().as_bytes()).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;

    fn f(file: &str, line: usize, found: &str) -> Finding {
        Finding {
            file: file.into(),
            line,
            column: 1,
            rule: Rule::TermVariant,
            severity: Severity::Error,
            message: "m".into(),
            source_term: None,
            expected: None,
            found: Some(found.into()),
            suggestion: None,
        }
    }

    #[test]
    fn line_shifts_do_not_make_findings_new_but_extra_occurrences_do() {
        let b = Baseline::from_findings(&[f("a.md", 3, "Nazarbaev"), f("a.md", 9, "Nazarbaev")]);
        assert_eq!(b.findings[0].count, 2);
        let today = vec![
            f("a.md", 5, "Nazarbaev"),
            f("a.md", 12, "Nazarbaev"),
            f("a.md", 20, "Nazarbaev"),
            f("b.md", 1, "Nazarbaev"),
        ];
        let (new, known) = b.split(today);
        assert_eq!(known.len(), 2);
        assert_eq!(
            new.iter()
                .map(|f| (&f.file[..], f.line))
                .collect::<Vec<_>>(),
            [("a.md", 20), ("b.md", 1)]
        );
    }

    #[test]
    fn round_trip_and_bad_file_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        let b = Baseline::from_findings(&[f("a.md", 1, "x")]);
        b.save(&p).unwrap();
        assert_eq!(Baseline::load(&p).unwrap(), b);
        std::fs::write(&p, "{\"version\":1,\"findings\":[{\"file\":1}]}").unwrap();
        let e = Baseline::load(&p).unwrap_err().to_string();
        assert!(e.contains("b.json:1:"), "{e}");
    }
}
