//! The rule table: one row per rule, feeding the default severities, SARIF's rule
//! metadata and `concord check --list-rules`. Adding a rule is one row here and one
//! variant of [`Rule`], in the same order.

use super::Rule;
use crate::severity::Severity;

/// What concord says about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// The kebab-case id (`term-missing`).
    pub id: &'static str,
    /// The severity of its findings unless `[rules]` or the termbase says otherwise.
    pub default_severity: Severity,
    /// A one-line description.
    pub summary: &'static str,
    /// A longer description.
    pub description: &'static str,
    /// Where the rule is documented, when it has a page.
    pub help_url: Option<&'static str>,
}

/// Every rule, in documentation order (the order of [`Rule`]'s variants).
pub const RULES: [RuleInfo; 7] = [
    RuleInfo {
        rule: Rule::TermMissing,
        id: "term-missing",
        default_severity: Severity::Error,
        summary: "A source term has no approved rendering in the translation.",
        description: "A Russian term of the termbase occurs in the source segment, and neither its approved English rendering nor an allowed variant occurs in the target.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::TermForbidden,
        id: "term-forbidden",
        default_severity: Severity::Error,
        summary: "A forbidden rendering of a term is used.",
        description: "The text uses an English rendering the termbase lists as forbidden for a concept; use the approved rendering instead.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::TermVariant,
        id: "term-variant",
        default_severity: Severity::Warning,
        summary: "A near-miss of an approved rendering is used.",
        description: "A word or phrase is close to an approved rendering but not equal to it: another transliteration, British/American spelling, wrong case or hyphenation, a dropped letter, a leaked Russian ending, or a Cyrillic letter inside a Latin word.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::NumberMismatch,
        id: "number-mismatch",
        default_severity: Severity::Error,
        summary: "A number of the source is missing or changed in the translation.",
        description: "A number in the Russian source (year, amount, decimal, percentage, range) does not occur in the English target in an equivalent form.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::Untranslated,
        id: "untranslated",
        default_severity: Severity::Error,
        summary: "The translation is empty, equals the source, or keeps Russian words.",
        description: "The English target is empty, is identical to the Russian source, or still contains Cyrillic words.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::InconsistentTranslation,
        id: "inconsistent-translation",
        default_severity: Severity::Warning,
        summary: "One source has different translations, or one translation different sources.",
        description: "The same Russian segment is translated differently in different places, or the same English target stands for different Russian segments.",
        help_url: None,
    },
    RuleInfo {
        rule: Rule::MixedScript,
        id: "mixed-script",
        default_severity: Severity::Error,
        summary: "A word mixes Latin and Cyrillic letters.",
        description: "A word contains both Latin and Cyrillic letters, usually a look-alike letter typed on the wrong keyboard layout (a Latin O in ОДКБ).",
        help_url: None,
    },
];

impl Rule {
    /// The rule's row of [`RULES`].
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_variant_order() {
        for (i, row) in RULES.iter().enumerate() {
            assert_eq!(row.rule as usize, i, "{}", row.id);
            assert_eq!(Rule::from_id(row.id), Some(row.rule));
        }
    }
}
