//! Interchange with CAT tools: TMX, TBX, XLIFF and glossary files.
//!
//! `concord memory import` and `concord termbase import` call [`import_memory`] and
//! [`import_termbase`], which pick the reader by file extension (and content sniffing).

use std::path::Path;

use crate::memory::{Entry, Memory};
use crate::termbase::{Concept, Termbase};

pub mod xliff;
#[allow(dead_code)] // used by the importers landing next
pub(crate) mod xml;

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
    /// Text that the target format cannot represent.
    #[error("cannot export: {0}")]
    Unrepresentable(String),
    /// The format is not supported.
    #[error("{}: unsupported file type (expected .tsv)", path.display())]
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
}

/// Reads memory entries from a TSV (or, by extension, another interchange) file.
pub fn import_memory(path: &Path) -> Result<Imported<Entry>, Error> {
    match ext(path).as_str() {
        "tsv" | "tab" | "txt" => Ok(Imported {
            items: Memory::open(path)?.entries,
            ..Imported::default()
        }),
        _ => Err(Error::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

/// Reads termbase concepts from a TSV (or, by extension, another interchange) file.
pub fn import_termbase(path: &Path) -> Result<Imported<Concept>, Error> {
    match ext(path).as_str() {
        "tsv" => Ok(Imported {
            items: Termbase::open(path)?.concepts,
            ..Imported::default()
        }),
        _ => Err(Error::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

/// Memory export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryFormat {
    /// concord's TSV.
    Tsv,
    /// TMX 1.4b.
    Tmx,
}

/// Termbase export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermbaseFormat {
    /// concord's TSV.
    Tsv,
    /// TBX.
    Tbx,
}

/// Serialises a memory in an interchange format.
pub fn export_memory(memory: &Memory, format: MemoryFormat) -> Result<String, Error> {
    match format {
        MemoryFormat::Tsv => Ok(memory.to_tsv()),
        MemoryFormat::Tmx => Err(Error::Unsupported {
            path: "export.tmx".into(),
        }),
    }
}

/// Serialises a termbase in an interchange format.
pub fn export_termbase(termbase: &Termbase, format: TermbaseFormat) -> Result<String, Error> {
    match format {
        TermbaseFormat::Tsv => Ok(termbase.to_tsv()),
        TermbaseFormat::Tbx => Err(Error::Unsupported {
            path: "export.tbx".into(),
        }),
    }
}

fn ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}
