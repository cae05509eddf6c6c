//! Consistency checks of a bilingual draft against the termbase.
//!
//! The main type is [`Finding`]: every rule produces findings, and every output format
//! (text, brief, json, github, sarif) renders the same value.

pub mod checker;
pub mod input;
pub mod near;
pub mod numbers;
pub mod rules;

pub use crate::severity::Severity;
pub use checker::{CheckOptions, Checker, Segment};
pub use input::{document_pair, TsvInput};
pub use rules::{RuleInfo, RULES};

use serde::{Deserialize, Serialize};

/// A check rule, named by its kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A source term is present and no approved rendering or variant is in the target.
    TermMissing,
    /// A forbidden rendering is in the target.
    TermForbidden,
    /// A near-miss of an approved rendering is in the target.
    TermVariant,
    /// A number in the source is missing or changed in the target.
    NumberMismatch,
    /// The target is empty, equals the source, or keeps Russian words.
    Untranslated,
    /// One source with different targets, or one target for different sources.
    InconsistentTranslation,
    /// A word mixes Latin and Cyrillic letters.
    MixedScript,
}

impl Rule {
    /// Every rule, in documentation order.
    pub const ALL: [Rule; 7] = {
        let mut all = [Rule::TermMissing; 7];
        let mut i = 0;
        while i < 7 {
            all[i] = RULES[i].rule;
            i += 1;
        }
        all
    };

    /// The kebab-case id (`term-missing`).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The severity of the rule's findings unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        self.info().default_severity
    }

    /// Parses a kebab-case id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One problem found in a draft. Field names are a stable interface (`--format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The file the finding is in.
    pub file: String,
    /// 1-based line (the TSV row or the document line).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The rule that fired.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// A one-line description.
    pub message: String,
    /// The source term involved, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_term: Option<String>,
    /// The approved rendering or number expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was found instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// A suggested fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}
