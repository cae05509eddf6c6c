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
mod store;

pub use crate::tsv::{tsv_files, Origin};
pub use cache::{cache_path, open_indexed};
pub use fuzzy::{score, Scorer};
pub use index::{scan, Index, LookupOptions, Match};

use std::path::Path;
use std::sync::Arc;

use crate::tsv;

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

/// The positions of the `ru` and `en` columns of a header, when it names both.
pub fn lang_columns(header: &[String]) -> Option<(usize, usize)> {
    let find = |lang| header.iter().position(|h| is_lang_column(h, lang));
    Some((find("ru")?, find("en")?))
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
/// Large files are read and parsed in parallel, in chunks of whole lines, straight into
/// entries (no whole-file buffer); anything unusual (a parse error, a byte-order mark,
/// UTF-16) sends the file to the serial reader, so results and errors are exactly
/// those of [`tsv::parse`].
pub fn read_entries(path: &Path) -> Result<Vec<Entry>, tsv::Error> {
    let io = |source| tsv::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let threads = rayon::current_num_threads();
    #[cfg(unix)]
    if len >= PARALLEL_BYTES && threads > 1 {
        use std::os::unix::fs::FileExt as _;
        let read_at = |at: u64, buf: &mut [u8]| file.read_exact_at(buf, at);
        if let Some(entries) = read_parallel(path, len, threads * 4, read_at) {
            return Ok(entries);
        }
    }
    let _ = (len, threads);
    drop(file);
    let table = tsv::read_file(path, &READ_OPTIONS)?;
    entries_from_table(path, table)
}

/// Files from this size on are read in parallel.
const PARALLEL_BYTES: u64 = 4 << 20;
/// The largest chunk the parallel reader reads at once.
const PARALLEL_CHUNK: u64 = 8 << 20;

/// Reads `len` bytes of a memory file through `read_at` in about `parts` chunks of whole
/// lines, in parallel; `None` when the file needs the serial reader.
fn read_parallel<R>(path: &Path, len: u64, parts: usize, read_at: R) -> Option<Vec<Entry>>
where
    R: Fn(u64, &mut [u8]) -> std::io::Result<()> + Sync,
{
    use rayon::prelude::*;
    // the first newline at or after `from`, plus one (or `len`)
    let line_end = |from: u64| -> Option<u64> {
        let mut at = from;
        let mut buf = vec![0u8; 1 << 12];
        while at < len {
            let k = buf.len().min((len - at) as usize);
            read_at(at, &mut buf[..k]).ok()?;
            if let Some(i) = memchr::memchr(b'\n', &buf[..k]) {
                return Some(at + i as u64 + 1);
            }
            at += k as u64;
        }
        Some(len)
    };
    let read = |a: u64, b: u64| -> Option<Vec<u8>> {
        let mut buf = vec![0u8; usize::try_from(b - a).ok()?];
        read_at(a, &mut buf).ok()?;
        Some(buf)
    };
    // the head: leading empty lines and the first non-empty line (header or first row)
    let mut head_end = 0;
    loop {
        let end = line_end(head_end)?;
        if end - head_end > 1 << 20 {
            return None;
        }
        let line = read(head_end, end)?;
        let line = line.strip_suffix(b"\n").unwrap_or(&line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = if head_end == 0 {
            if line.starts_with(&[0xFF, 0xFE]) || line.starts_with(&[0xFE, 0xFF]) {
                return None; // UTF-16
            }
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
        } else {
            line
        };
        head_end = end;
        if !line.is_empty() || end == len {
            break;
        }
    }
    let head_bytes = read(0, head_end)?;
    let head = tsv::parse(path, &head_bytes, &READ_OPTIONS).ok()?;
    let head_lines = memchr::memchr_iter(b'\n', &head_bytes).count();
    drop(head_bytes);
    // chunk boundaries: just after a newline near each nominal split
    let step = (len - head_end).div_ceil(parts as u64).max(1);
    let step = step.min(PARALLEL_CHUNK);
    let mut bounds = vec![head_end];
    let mut at = head_end + step;
    while at < len {
        let b = line_end(at - 1)?;
        if b > *bounds.last()? {
            bounds.push(b);
        }
        at += step;
    }
    if *bounds.last()? < len {
        bounds.push(len);
    }
    let shape = Shape::of(&head)?;
    let shared: Arc<Path> = Arc::from(path);
    // each chunk: (entries with chunk-relative lines, newlines in the chunk)
    let chunks: Vec<Option<(Vec<Entry>, usize)>> = bounds
        .par_windows(2)
        .map_init(Vec::new, |buf: &mut Vec<u8>, w| {
            // one buffer a thread: fresh pages cost more than the copy into them
            buf.clear();
            buf.resize(usize::try_from(w[1] - w[0]).ok()?, 0);
            read_at(w[0], buf).ok()?;
            // a chunk starting like a byte-order mark would be decoded differently
            if buf.starts_with(b"\xEF\xBB\xBF")
                || buf.starts_with(&[0xFF])
                || buf.starts_with(&[0xFE])
            {
                return None;
            }
            let text = simdutf8::basic::from_utf8(buf).ok()?;
            let lines = memchr::memchr_iter(b'\n', buf).count();
            let entries = shape.parse(text, lines, &shared)?;
            Some((entries, lines))
        })
        .collect();
    let mut entries = entries_from_table(path, head).ok()?;
    let mut parts = Vec::with_capacity(chunks.len());
    let mut offset = head_lines;
    for c in chunks {
        let (es, lines) = c?;
        parts.push((es, offset));
        offset += lines;
    }
    parts.par_iter_mut().for_each(|(es, off)| {
        for e in es {
            e.origin.line += *off;
        }
    });
    entries.reserve(parts.iter().map(|p| p.0.len()).sum());
    for (es, _) in parts {
        entries.extend(es);
    }
    Some(entries)
}

/// The column layout of a memory file, from its head, for the parallel reader.
struct Shape {
    header: Vec<String>,
    has_header: bool,
    ru: usize,
    en: usize,
    note: Option<usize>,
}

impl Shape {
    fn of(head: &tsv::Table) -> Option<Shape> {
        let (ru, en) = lang_columns(&head.header)?;
        Some(Shape {
            ru,
            en,
            note: head.column("note"),
            header: head.header.clone(),
            has_header: head.has_header,
        })
    }

    /// Parses whole lines as [`tsv::parse`] and [`entries_from_table`] would, with lines
    /// numbered from 1 in `text`; `None` at anything the serial reader must report.
    fn parse(&self, text: &str, lines: usize, path: &Arc<Path>) -> Option<Vec<Entry>> {
        let width = self.header.len();
        let min = if self.has_header {
            width
        } else {
            READ_OPTIONS.min_headerless_fields
        };
        let mut out = Vec::with_capacity(lines + 1);
        let mut raw: Vec<&str> = Vec::with_capacity(width);
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut k = 0;
        while start < bytes.len() {
            // '\n', '\t' and '\\' are ASCII, so every cut below is on a char boundary
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            let line = &text[start..end];
            start = end + 1;
            k += 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            raw.clear();
            let mut from = 0;
            for tab in memchr::memchr_iter(b'\t', line.as_bytes()) {
                raw.push(&line[from..tab]);
                from = tab + 1;
            }
            raw.push(&line[from..]);
            if raw.len() < min || raw.len() > width {
                return None;
            }
            let field = |i: usize| -> Option<String> {
                match raw.get(i) {
                    Some(f) if memchr::memchr(b'\\', f.as_bytes()).is_some() => {
                        tsv::unescape(f).ok()
                    }
                    Some(f) => Some((*f).to_string()),
                    None => Some(String::new()),
                }
            };
            let mut e = Entry {
                ru: field(self.ru)?,
                en: field(self.en)?,
                note: match self.note {
                    Some(i) => field(i)?,
                    None => String::new(),
                },
                extra: Vec::new(),
                origin: Origin {
                    path: path.clone(),
                    line: k,
                },
            };
            for i in 0..width {
                if i == self.ru || i == self.en || Some(i) == self.note {
                    continue;
                }
                let v = field(i)?;
                if self.has_header || !v.is_empty() {
                    e.extra.push((self.header[i].clone(), v));
                }
            }
            out.push(e);
        }
        Some(out)
    }
}

/// Builds entries from a parsed memory table (columns found by language code).
pub fn entries_from_table(path: &Path, table: tsv::Table) -> Result<Vec<Entry>, tsv::Error> {
    let Some((ru, en)) = lang_columns(&table.header) else {
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

    /// The parallel reader equals the serial one, and leaves every file it cannot read
    /// exactly (errors, byte-order marks) to it.
    #[test]
    fn parallel_reader_equals_serial() {
        let serial = |b: &[u8]| {
            tsv::parse(Path::new("m.tsv"), b, &READ_OPTIONS)
                .and_then(|t| entries_from_table(Path::new("m.tsv"), t))
                .map_err(|e| e.to_string())
        };
        let parallel = |b: &[u8], parts: usize| {
            read_parallel(Path::new("m.tsv"), b.len() as u64, parts, |at, buf| {
                let at = at as usize;
                buf.copy_from_slice(&b[at..at + buf.len()]);
                Ok(())
            })
        };
        let mut rows = String::new();
        for i in 0..200 {
            rows.push_str(&format!("Привет {i}\\t«{i}»\tHello {i}\tn{i}\r\n"));
            if i % 17 == 0 {
                rows.push_str("\n\r\n");
            }
        }
        let good: Vec<Vec<u8>> = vec![
            format!("ru\ten\tnote\n{rows}").into_bytes(),
            format!("\u{feff}\n\nen\tru\tnote\n{rows}").into_bytes(),
            rows.clone().into_bytes(),
            format!("{rows}only two\tfields\n{rows}").into_bytes(),
            format!("ru\ten\tscore\n{rows}")
                .replace("\tn1", "\t")
                .into_bytes(),
            format!("en\tru\tflag\n{rows}").into_bytes(),
        ];
        for (k, c) in good.iter().enumerate() {
            for parts in [1, 3, 7, 64, 1000] {
                let got = parallel(c, parts).map(Ok);
                assert_eq!(got, Some(serial(c)), "case {k}, {parts} parts");
            }
            assert!(serial(c).unwrap().len() >= 200, "case {k}");
        }
        let bad: Vec<Vec<u8>> = vec![
            format!("{rows}bad\\q\tx\n{rows}").into_bytes(),
            format!("ru\ten\tnote\n{rows}one\n{rows}").into_bytes(),
            format!("{rows}a\tb\tc\td\n{rows}").into_bytes(),
            [
                format!("{rows}x\tz\n").as_bytes(),
                b"\xC0x\n",
                rows.as_bytes(),
            ]
            .concat(),
            [&[0xFF, 0xFE][..], "r\0u\0".as_bytes()].concat(),
        ];
        for (k, c) in bad.iter().enumerate() {
            assert!(serial(c).is_err() || k == 4, "case {k}");
            for parts in [1, 5, 64] {
                assert_eq!(parallel(c, parts), None, "bad case {k}, {parts} parts");
            }
        }
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
