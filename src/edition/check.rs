//! The term check of an edition: every translated sentence's English against its
//! Russian, and each finding attached to its sentence for the HTML view.

use super::Edition;
use crate::check::{Checker, Finding, Segment};

impl Edition {
    /// Term-checks the English of every translated sentence against its Russian.
    ///
    /// Findings point at the source file and the paragraph's line; the column is the
    /// English sentence's position in the assembled English line.
    pub fn term_check(&self, checker: &Checker, source_name: &str) -> Vec<Finding> {
        let ed = self;
        let mut segs = Vec::new();
        for p in &ed.paragraphs {
            let line = p.english();
            for (s, at) in p.sentences.iter().zip(p.english_offsets()) {
                if let Some(en) = &s.en {
                    segs.push(Segment {
                        file: source_name,
                        line: p.line,
                        ru: &s.ru,
                        en,
                        en_column_offset: line[..at].chars().count(),
                    });
                }
            }
        }
        let mut findings = checker.check_target_segments(&segs);
        findings.sort_by_key(|f| (f.line, f.column));
        findings
    }

    /// Attaches each finding to the sentence whose English its column falls in.
    pub fn row_notes(&self, findings: &[Finding]) -> Vec<super::html::RowNote> {
        let ed = self;
        let mut notes = Vec::new();
        for f in findings {
            let Some(p) = ed.paragraphs.iter().find(|p| p.line == f.line) else {
                continue;
            };
            let line = p.english();
            let sentence = p
                .english_offsets()
                .iter()
                .rposition(|&at| line[..at].chars().count() < f.column)
                .unwrap_or(0);
            let severity = f.severity.as_str();
            notes.push(super::html::RowNote {
                paragraph: p.index,
                sentence,
                severity: severity.to_string(),
                rule: f.rule.id().to_string(),
                message: f.message.clone(),
            });
        }
        notes
    }
}
