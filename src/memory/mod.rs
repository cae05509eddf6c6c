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
///
/// Large files are parsed in parallel, in chunks of whole lines, with exactly the result
/// (entries, origins and the first error) of [`tsv::parse`] on the whole file.
pub fn read_entries(path: &Path) -> Result<Vec<Entry>, tsv::Error> {
    let bytes = std::fs::read(path).map_err(|source| tsv::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if bytes.len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1 {
        if let Some(entries) = read_parallel(path, &bytes) {
            return entries;
        }
    }
    entries_from_table(path, tsv::parse(path, &bytes, &READ_OPTIONS)?)
}

/// Files from this size on are parsed in parallel.
const PARALLEL_BYTES: usize = 4 << 20;

/// Moves a chunk-relative parse error to its line in the file.
fn shift_error(e: tsv::Error, lines: usize) -> tsv::Error {
    match e {
        tsv::Error::Parse {
            path,
            line,
            column,
            message,
        } => tsv::Error::parse(&path, line + lines, column, message),
        other => other,
    }
}

/// The parallel reader behind [`read_entries`]; `None` when the file needs the serial
/// reader (UTF-16, or a chunk that starts like a byte-order mark).
fn read_parallel(path: &Path, bytes: &[u8]) -> Option<Result<Vec<Entry>, tsv::Error>> {
    use rayon::prelude::*;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    // the head: leading empty lines and the first non-empty line (header or first row)
    let mut head_end = 0;
    loop {
        let end =
            memchr::memchr(b'\n', &bytes[head_end..]).map_or(bytes.len(), |i| head_end + i + 1);
        let line = &bytes[head_end..end];
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = if head_end == 0 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
        } else {
            line
        };
        head_end = end;
        if !line.is_empty() || end == bytes.len() {
            break;
        }
    }
    // chunks of whole lines after the head
    let parts = rayon::current_num_threads() * 4;
    let want = (bytes.len() - head_end).div_ceil(parts).max(1);
    let mut bounds = vec![head_end];
    while let Some(&last) = bounds.last() {
        if last >= bytes.len() {
            break;
        }
        let at = (last + want).min(bytes.len());
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        bounds.push(end);
    }
    let chunks: Vec<&[u8]> = bounds.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
    // a chunk that starts like a BOM would be decoded differently: read serially
    if chunks
        .iter()
        .any(|c| c.starts_with(b"\xEF\xBB\xBF") || c.starts_with(&[0xFF]) || c.starts_with(&[0xFE]))
    {
        return None;
    }
    let newlines: Vec<usize> = chunks
        .par_iter()
        .map(|c| memchr::memchr_iter(b'\n', c).count())
        .collect();
    let head_lines = memchr::memchr_iter(b'\n', &bytes[..head_end]).count();
    let mut offsets = Vec::with_capacity(chunks.len());
    let mut at = head_lines;
    for n in &newlines {
        offsets.push(at);
        at += n;
    }
    // the whole file is decoded before any row is parsed: invalid UTF-8 anywhere wins
    if let Err(e) = tsv::decode(path, &bytes[..head_end]) {
        return Some(Err(e));
    }
    let decoded: Vec<Result<(), tsv::Error>> = chunks
        .par_iter()
        .map(|c| tsv::decode(path, c).map(|_| ()))
        .collect();
    for (r, &off) in decoded.into_iter().zip(&offsets) {
        if let Err(e) = r {
            return Some(Err(shift_error(e, off)));
        }
    }
    let head = match tsv::parse(path, &bytes[..head_end], &READ_OPTIONS) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    let header: Vec<&str> = head.header.iter().map(String::as_str).collect();
    let opts = tsv::ReadOptions {
        default_header: &header,
        min_headerless_fields: if head.has_header {
            header.len()
        } else {
            READ_OPTIONS.min_headerless_fields
        },
        is_header: |_| false,
        comments: READ_OPTIONS.comments,
    };
    let has_header = head.has_header;
    let tables: Vec<Result<tsv::Table, tsv::Error>> = chunks
        .par_iter()
        .zip(&offsets)
        .map(|(c, &off)| {
            let mut t = tsv::parse(path, c, &opts).map_err(|e| shift_error(e, off))?;
            t.has_header = has_header;
            for row in &mut t.rows {
                row.line += off;
            }
            Ok(t)
        })
        .collect();
    let mut tables = match tables.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    let mut entries = match entries_from_table(path, head) {
        Ok(e) => e,
        Err(e) => return Some(Err(e)),
    };
    let parts: Vec<Result<Vec<Entry>, tsv::Error>> = tables
        .par_drain(..)
        .map(|t| entries_from_table(path, t))
        .collect();
    for part in parts {
        match part {
            Ok(p) => entries.extend(p),
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(entries))
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

    /// The parallel reader equals the serial one: entries, origins, and the first error.
    #[test]
    fn parallel_reader_equals_serial() {
        let serial = |b: &[u8]| {
            tsv::parse(Path::new("m.tsv"), b, &READ_OPTIONS)
                .and_then(|t| entries_from_table(Path::new("m.tsv"), t))
                .map_err(|e| e.to_string())
        };
        let parallel =
            |b: &[u8]| read_parallel(Path::new("m.tsv"), b).map(|r| r.map_err(|e| e.to_string()));
        let mut rows = String::new();
        for i in 0..200 {
            rows.push_str(&format!("Привет {i}\\t«{i}»\tHello {i}\tn{i}\r\n"));
            if i % 17 == 0 {
                rows.push_str("\n\r\n");
            }
        }
        let cases: Vec<Vec<u8>> = vec![
            format!("ru\ten\tnote\n{rows}").into_bytes(),
            format!("\u{feff}\n\nen\tru\tnote\n{rows}").into_bytes(),
            rows.clone().into_bytes(),
            format!("{rows}bad\\q\tx\n{rows}").into_bytes(),
            format!("ru\ten\tnote\n{rows}one\ttwo\n{rows}").into_bytes(),
            format!("{rows}only\n{rows}").into_bytes(),
            [format!("{rows}bad\\q\tx\n{rows}").as_bytes(), b"\xFF\n"].concat(),
            format!("ru\ten\tscore\n{rows}")
                .replace("\tn1", "\t")
                .into_bytes(),
        ];
        for (k, c) in cases.iter().enumerate() {
            let want = serial(c);
            let got = parallel(c).expect("parallel path taken");
            assert_eq!(got, want, "case {k}");
            if let Ok(e) = &got {
                assert!(e.len() >= 200, "case {k}");
            }
        }
        // a chunk that starts like a BOM falls back to the serial reader
        assert!(parallel(b"\xFF\xFEx").is_none());
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
