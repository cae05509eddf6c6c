//! Interchange with CAT tools: TMX, TBX, XLIFF and glossary files.
//!
//! `concord memory import` and `concord termbase import` call [`import_memory`] and
//! [`import_termbase`], which pick the reader by file extension (and content sniffing).

use std::path::Path;

use crate::memory::{Entry, Memory};
use crate::termbase::{Concept, Termbase};

pub mod glossary;
pub(crate) mod inline;
pub mod tbx;
pub mod tmx;
pub mod xliff;
pub mod xliff_out;
pub(crate) mod xml;

/// Segment text without the inline-code placeholders its codes column lists
/// (`{1}marginal value ranking{/1}` → `marginal value ranking`), and how many there were:
/// what plain-text output shows and what fuzzy matching compares.
pub fn plain_text(text: &str, codes: &str) -> (String, usize) {
    crate::memory::codes::strip_codes(text, codes)
}

/// Which languages an import reads: the memory's `ru` column gets the source language,
/// `en` the target. Tags match by primary subtag (`ru` matches `ru-RU`, `RU`, `ru_RU`)
/// unless a region is given (`en-GB` matches only `en-GB`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The source language tag (default `ru`).
    pub source_lang: String,
    /// The target language tag (default `en`).
    pub target_lang: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            source_lang: "ru".into(),
            target_lang: "en".into(),
        }
    }
}

/// True when a language tag in a file matches a wanted tag.
pub fn lang_matches(tag: &str, want: &str) -> bool {
    let norm = |s: &str| s.trim().to_ascii_lowercase().replace('_', "-");
    let (tag, want) = (norm(tag), norm(want));
    if want.is_empty() {
        return false;
    }
    if want.contains('-') {
        tag == want
    } else {
        tag.split('-').next() == Some(want.as_str())
    }
}

/// An error importing or exporting an interchange file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A TSV error (memory or termbase TSV).
    #[error(transparent)]
    Tsv(#[from] crate::tsv::Error),
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed XML (or cannot be decoded).
    #[error("{}:{line}:{column}: malformed XML: {message}", path.display())]
    Xml {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The file is well-formed but not valid for its format (TMX, TBX, XLIFF, CSV).
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The file holds no unit in the wanted language pair (nothing was imported).
    #[error("{}: no {want} pair in the file, nothing imported; languages in the file: {found}", path.display())]
    NoPair {
        /// The file.
        path: std::path::PathBuf,
        /// The wanted pair, `ru→en`.
        want: String,
        /// The languages (or pairs) the file holds, comma-separated.
        found: String,
    },
    /// Text that the target format cannot represent.
    #[error("cannot export: {0}")]
    Unrepresentable(String),
    /// The format is not supported.
    #[error("{}: unsupported file type (expected .tsv, .tmx, .xlf, .xliff, .tbx, .tab, .txt or .csv)", path.display())]
    Unsupported {
        /// The file.
        path: std::path::PathBuf,
    },
}

/// What an import produced: entries plus warnings and counts a user should see.
#[derive(Debug, Default)]
pub struct Imported<T> {
    /// The imported items, in file order.
    pub items: Vec<T>,
    /// Units skipped (other language pairs, empty targets), with the reason.
    pub skipped: usize,
    /// Warnings (file:line: message) that did not stop the import.
    pub warnings: Vec<String>,
    /// What the file held that concord does not keep, by name, with a count each
    /// (e.g. `header note`, `empty term`), in first-seen order; see [`Imported::dropped_line`].
    pub dropped: Vec<(String, usize)>,
}

impl<T> Imported<T> {
    /// Counts one more dropped item named `what`.
    pub fn drop_one(&mut self, what: &str) {
        match self.dropped.iter_mut().find(|(w, _)| w == what) {
            Some((_, n)) => *n += 1,
            None => self.dropped.push((what.to_string(), 1)),
        }
    }

    /// The one stderr line naming what was not kept, e.g.
    /// `a.tmx: not kept: 1 header note, 2 <tuv> in other languages`; `None` when nothing was dropped.
    pub fn dropped_line(&self, path: &Path) -> Option<String> {
        if self.dropped.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .dropped
            .iter()
            .map(|(w, n)| format!("{n} {w}"))
            .collect();
        Some(format!(
            "{}: not kept: {}",
            path.display(),
            parts.join(", ")
        ))
    }
}

/// Adds `(key, value)` to `extra`; a key already there gets a numbered twin
/// (`note`, `note#2`, `note#3`), so several values stay several, in order.
/// Returns the key used.
pub(crate) fn push_numbered(extra: &mut Vec<(String, String)>, key: &str, value: String) -> String {
    if !extra.iter().any(|(k, _)| k == key) {
        extra.push((key.to_string(), value));
        return key.to_string();
    }
    let mut n = 2;
    loop {
        let k = format!("{key}#{n}");
        if !extra.iter().any(|(x, _)| *x == k) {
            extra.push((k.clone(), value));
            return k;
        }
        n += 1;
    }
}

/// The `#N` of a column name (`""` for none).
pub(crate) fn column_number(name: &str) -> &str {
    &name[base_column(name).len()..]
}

/// A column name without its `#N` repeat number (`note#2` → `note`).
pub(crate) fn base_column(name: &str) -> &str {
    match name.rsplit_once('#') {
        Some((b, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => b,
        _ => name,
    }
}

/// `ty` with every character a TSV header cannot hold (anything but ASCII letters,
/// digits, `-`, `_`, `:`, `.`) replaced by `_`.
pub(crate) fn header_chars(ty: &str) -> String {
    ty.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A safe column name for a type found in a file: ASCII letters, digits, `-`, `_`,
/// `:`, `.` kept, anything else as `_`; a leading non-letter gets an `x` before it.
pub(crate) fn safe_column(ty: &str) -> String {
    let s = header_chars(ty);
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s
    } else {
        format!("x{s}")
    }
}

/// Reads memory entries from a TSV, TMX (`.tmx`) or XLIFF (`.xlf`, `.xliff`) file as
/// Russian→English.
pub fn import_memory(path: &Path) -> Result<Imported<Entry>, Error> {
    import_memory_with(path, &ImportOptions::default())
}

/// Reads memory entries for another language pair (`Entry::ru` holds the source).
pub fn import_memory_with(path: &Path, opts: &ImportOptions) -> Result<Imported<Entry>, Error> {
    match ext(path).as_str() {
        "tsv" | "tab" | "txt" => Ok(Imported {
            items: Memory::open(path)?.entries,
            ..Imported::default()
        }),
        "tmx" => tmx::import(path, &read(path)?, opts),
        "xlf" | "xliff" | "sdlxliff" | "mqxliff" => xliff::import(path, &read(path)?, opts),
        _ => Err(Error::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

/// Reads termbase concepts from concord TSV (`.tsv`), TBX (`.tbx`) or an OmegaT-style
/// glossary (`.tab`, `.txt`, `.csv`) as Russian→English.
pub fn import_termbase(path: &Path) -> Result<Imported<Concept>, Error> {
    import_termbase_with(path, &ImportOptions::default())
}

/// Reads termbase concepts for another language pair (`Concept::ru` holds the source).
pub fn import_termbase_with(path: &Path, opts: &ImportOptions) -> Result<Imported<Concept>, Error> {
    match ext(path).as_str() {
        "tsv" => Ok(Imported {
            items: Termbase::open(path)?.concepts,
            ..Imported::default()
        }),
        "tbx" => tbx::import(path, &read(path)?, opts),
        "tab" | "txt" => glossary::import(path, &read(path)?, glossary::Dialect::Tab),
        "csv" => glossary::import(path, &read(path)?, glossary::Dialect::Csv),
        _ => Err(Error::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Memory export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryFormat {
    /// concord's TSV.
    Tsv,
    /// TMX 1.4b.
    Tmx,
    /// XLIFF 1.2.
    Xliff12,
    /// XLIFF 2.0.
    Xliff20,
}

/// Termbase export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermbaseFormat {
    /// concord's TSV.
    Tsv,
    /// TBX.
    Tbx,
    /// OmegaT's tab glossary.
    Omegat,
}

/// Serialises a memory in an interchange format.
pub fn export_memory(memory: &Memory, format: MemoryFormat) -> Result<String, Error> {
    match format {
        MemoryFormat::Tsv => Ok(memory.to_tsv()),
        MemoryFormat::Tmx => tmx::write(memory, "ru", "en"),
        MemoryFormat::Xliff12 => xliff_out::write(memory, "ru", "en", false),
        MemoryFormat::Xliff20 => xliff_out::write(memory, "ru", "en", true),
    }
}

/// Serialises a termbase in an interchange format.
pub fn export_termbase(termbase: &Termbase, format: TermbaseFormat) -> Result<String, Error> {
    match format {
        TermbaseFormat::Tsv => Ok(termbase.to_tsv()),
        TermbaseFormat::Tbx => tbx::write(termbase, "ru", "en"),
        TermbaseFormat::Omegat => Ok(glossary::write_omegat(termbase)),
    }
}

fn ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_match_in_any_form() {
        assert!(lang_matches("RU", "ru"));
        assert!(lang_matches("ru_RU", "ru"));
        assert!(lang_matches("ru-ru", "ru-RU"));
        assert!(!lang_matches("ru-KZ", "ru-RU"));
        assert!(!lang_matches("rue", "ru"));
        assert!(!lang_matches("", "ru"));
    }

    #[test]
    fn unknown_extension_is_refused() {
        let e = import_memory(Path::new("a.docx")).unwrap_err().to_string();
        assert!(e.contains("a.docx: unsupported file type"), "{e}");
    }
}
