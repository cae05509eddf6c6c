//! The termbase: approved English renderings of Russian names and terms.
//!
//! The main type is [`Termbase`], a list of [`Concept`]s read from TSV (see the README
//! for the columns). Matching Russian terms in inflected text lives in the matcher.

use std::path::Path;
use std::sync::Arc;

/// How a term's case is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseRule {
    /// Decided per term: acronyms and capitalised names keep their case, lower-case
    /// terms may take a capital at sentence start.
    #[default]
    Auto,
    /// The term must appear exactly in this case.
    Exact,
    /// Case is ignored.
    Ignore,
}

/// One concept: a Russian term (with its abbreviation or other forms) and its English.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Concept {
    /// Stable identifier (e.g. `csto`).
    pub id: String,
    /// Russian forms, in dictionary form: full name, abbreviation, synonyms.
    pub ru: Vec<String>,
    /// The approved English rendering.
    pub en: String,
    /// Other acceptable English renderings.
    pub variants: Vec<String>,
    /// English renderings that must not be used.
    pub forbidden: Vec<String>,
    /// Why this rendering (shown to translators).
    pub note: String,
    /// Case rule for the English forms.
    pub case: CaseRule,
    /// Severity of findings about this concept.
    pub severity: crate::check::Severity,
    /// Where the concept was read from.
    pub origin: crate::memory::Origin,
}

/// A termbase: concepts in file order.
#[derive(Debug, Clone, Default)]
pub struct Termbase {
    /// The concepts.
    pub concepts: Vec<Concept>,
}

impl Termbase {
    /// Loads a termbase from a TSV file or a folder of `*.tsv` files.
    pub fn open(path: &Path) -> Result<Termbase, crate::tsv::Error> {
        let _ = Arc::<Path>::from(path);
        Err(crate::tsv::Error::parse(
            path,
            1,
            1,
            "termbase loading is not built yet",
        ))
    }
}
