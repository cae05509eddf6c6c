//! The translation memory: Russian→English segment pairs stored as TSV.
//!
//! The main type is [`Memory`]. A memory path is a `.tsv` file or a folder of them.
//! A file has a header row naming its columns with language codes (`ru`, `en`, or
//! regional forms such as `ru-RU`) plus optional columns (`note`, `score`, anything
//! else is kept as is); a headerless file is read as `ru`, `en`, `note`.
//!
//! Lookup: [`Index`] finds the exact and fuzzy matches of a query ([`score`] states the
//! formula), and equals the brute-force [`scan`].

mod cache;
mod charix;
pub mod diff;
pub mod fuzzy;
mod index;
pub mod stats;

pub use cache::{cache_path, open_indexed};
pub use fuzzy::{score, Scorer};
pub use index::{scan, Index, LookupOptions, Match};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::tsv;

/// Where an entry came from, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub path: Arc<Path>,
    /// 1-based line of the row.
    pub line: usize,
}

impl Default for Origin {
    fn default() -> Origin {
        Origin {
            path: Arc::from(Path::new("")),
            line: 0,
        }
    }
}

/// One translation unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The Russian source segment, exactly as stored.
    pub ru: String,
    /// The English target segment, exactly as stored.
    pub en: String,
    /// A free-text note (may be empty).
    pub note: String,
    /// Other columns, by name, in file order (e.g. `score`, `flag`).
    pub extra: Vec<(String, String)>,
    /// Where the entry was read from (default for entries built in memory).
    pub origin: Origin,
}

impl Entry {
    /// A new entry with no note.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Entry {
        Entry {
            ru: ru.into(),
            en: en.into(),
            ..Entry::default()
        }
    }

    /// The value of an extra column.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.as_str())
    }
}

/// A translation memory: entries in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// The entries, in the order read (files of a folder in name order).
    pub entries: Vec<Entry>,
}

/// True for `ru`, `RU`, `ru-RU`, `ru_RU` and the like.
pub fn is_lang_column(name: &str, lang: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == lang
        || (n.len() > lang.len()
            && n.starts_with(lang)
            && matches!(n.as_bytes()[lang.len()], b'-' | b'_'))
}

fn memory_header(fields: &[String]) -> bool {
    tsv::looks_like_header(fields)
        && fields.iter().any(|f| is_lang_column(f, "ru"))
        && fields.iter().any(|f| is_lang_column(f, "en"))
}

/// Reading options for memory TSV files.
pub const READ_OPTIONS: tsv::ReadOptions<'static> = tsv::ReadOptions {
    default_header: &["ru", "en", "note"],
    min_headerless_fields: 2,
    is_header: memory_header,
    comments: false,
};

/// Lists the `*.tsv` files of a memory path (the file itself, or a folder's files in
/// name order).
pub fn tsv_files(path: &Path) -> Result<Vec<PathBuf>, tsv::Error> {
    let io = |source| tsv::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if !path.is_dir() {
        // let read_file report a missing file with its path
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for e in std::fs::read_dir(path).map_err(io)? {
        let p = e.map_err(io)?.path();
        if p.extension().is_some_and(|x| x == "tsv") && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

impl Memory {
    /// Loads a memory from a TSV file or a folder of `*.tsv` files.
    pub fn open(path: &Path) -> Result<Memory, tsv::Error> {
        let mut mem = Memory::default();
        for file in tsv_files(path)? {
            mem.entries.extend(read_entries(&file)?);
        }
        Ok(mem)
    }

    /// Parses memory TSV bytes; `path` is used for origins and error messages.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Memory, tsv::Error> {
        let table = tsv::parse(path, bytes, &READ_OPTIONS)?;
        Ok(Memory {
            entries: entries_from_table(path, table)?,
        })
    }

    /// The extra column names used by any entry, in first-seen order.
    pub fn extra_columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = Vec::new();
        for e in &self.entries {
            for (k, _) in &e.extra {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
        cols
    }

    /// Serialises the memory as TSV with a `ru en note …` header.
    pub fn to_tsv(&self) -> String {
        let extra = self.extra_columns();
        let mut header = vec!["ru".to_string(), "en".to_string(), "note".to_string()];
        header.extend(extra.iter().cloned());
        let mut out = String::new();
        tsv::write_record(&mut out, &header);
        for e in &self.entries {
            let mut row = vec![e.ru.as_str(), e.en.as_str(), e.note.as_str()];
            row.extend(extra.iter().map(|c| e.get(c).unwrap_or("")));
            tsv::write_record(&mut out, &row);
        }
        out
    }

    /// Writes the memory to a TSV file atomically (temp file + rename).
    pub fn save(&self, path: &Path) -> Result<(), tsv::Error> {
        crate::fsutil::write_atomic(path, self.to_tsv().as_bytes()).map_err(|source| {
            tsv::Error::Io {
                path: path.to_path_buf(),
                source,
            }
        })
    }
}

/// Reads the entries of one memory TSV file.
pub fn read_entries(path: &Path) -> Result<Vec<Entry>, tsv::Error> {
    let table = tsv::read_file(path, &READ_OPTIONS)?;
    entries_from_table(path, table)
}

/// Builds entries from a parsed memory table (columns found by language code).
pub fn entries_from_table(path: &Path, table: tsv::Table) -> Result<Vec<Entry>, tsv::Error> {
    let find = |lang| table.header.iter().position(|h| is_lang_column(h, lang));
    let (Some(ru), Some(en)) = (find("ru"), find("en")) else {
        return Err(tsv::Error::parse(
            path,
            1,
            1,
            "the header must name a `ru` and an `en` column",
        ));
    };
    let note = table.column("note");
    let shared: Arc<Path> = Arc::from(path);
    Ok(table
        .rows
        .into_iter()
        .map(|row| {
            let mut fields = row.fields;
            let mut e = Entry {
                ru: std::mem::take(&mut fields[ru]),
                en: std::mem::take(&mut fields[en]),
                note: note
                    .map(|i| std::mem::take(&mut fields[i]))
                    .unwrap_or_default(),
                extra: Vec::new(),
                origin: Origin {
                    path: shared.clone(),
                    line: row.line,
                },
            };
            for (i, v) in fields.into_iter().enumerate() {
                if i != ru && i != en && Some(i) != note && (table.has_header || !v.is_empty()) {
                    e.extra.push((table.header[i].clone(), v));
                }
            }
            e
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_language_columns_and_extra_columns() {
        let m = Memory::parse(
            Path::new("m.tsv"),
            "en-GB\tRU\tscore\nHello\tПривет\t0.9\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(m.entries[0].ru, "Привет");
        assert_eq!(m.entries[0].en, "Hello");
        assert_eq!(m.entries[0].get("score"), Some("0.9"));
        assert_eq!(m.entries[0].origin.line, 2);
    }

    #[test]
    fn save_then_open_is_lossless() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tsv");
        let mut m = Memory::default();
        m.entries.push(Entry {
            ru: "«Да»\t\\n\r\n".into(),
            en: "\u{feff}\"Yes\"".into(),
            note: "x".into(),
            extra: vec![("score".into(), "1".into())],
            origin: Origin::default(),
        });
        m.save(&p).unwrap();
        let back = Memory::open(&p).unwrap();
        assert_eq!(
            (back.entries[0].ru.as_str(), back.entries[0].en.as_str()),
            ("«Да»\t\\n\r\n", "\u{feff}\"Yes\"")
        );
        assert_eq!(back.entries[0].extra, m.entries[0].extra);
    }

    #[test]
    fn folder_of_tsv_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.tsv"), "ru\ten\nБ\tB\n").unwrap();
        std::fs::write(dir.path().join("a.tsv"), "А\tA\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let m = Memory::open(dir.path()).unwrap();
        let ru: Vec<_> = m.entries.iter().map(|e| e.ru.as_str()).collect();
        assert_eq!(ru, ["А", "Б"]);
    }
}
