//! The lossless TSV codec shared by the memory and the termbase.
//!
//! One record a line, fields separated by a tab. Inside a field a backslash escapes
//! tab (`\t`), newline (`\n`), carriage return (`\r`) and itself (`\\`); quotes are
//! plain text, never syntax, because real segments are full of `«»` and `"`.
//!
//! Record splitting is `str::split` on `\n` and `\t`, not the `csv` crate, which was
//! measured for it and is slower. The escape layer has to sit on top either way: csv's
//! escape character works only inside quoted fields, and with quoting off it cannot
//! carry a tab or newline inside a field. On 200,000 memory-like rows (34 MB, three
//! fields, Cyrillic and Latin; best of 7 runs, release build, one core of a shared
//! 2-core machine), splitting into field slices took 14 ms with `split` and 34 ms
//! with `csv::ReaderBuilder::new().delimiter(b'\t').quoting(false).flexible(true)`
//! and a reused `ByteRecord` (52 ms once its fields are checked as UTF-8, which the
//! decoder here does once for the whole file). The format is the one PostgreSQL
//! `COPY` and many TM tools use, and a hand-written reader gives better errors (file,
//! line, column, what was expected) than a general CSV reader would.
//!
//! Reading accepts a UTF-8 BOM, CRLF line ends, and UTF-16 (LE or BE) with a BOM.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An error reading or writing a TSV file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("cannot access {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file's content is not valid TSV of the expected shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
}

impl Error {
    /// Builds a parse error.
    pub fn parse(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// How to read a TSV file.
#[derive(Debug, Clone)]
pub struct ReadOptions<'a> {
    /// Column names assumed when the file has no header row.
    pub default_header: &'a [&'a str],
    /// Fewest fields a headerless row may have (trailing optional columns may be absent).
    pub min_headerless_fields: usize,
    /// Decides whether the first row is a header (given its raw fields).
    pub is_header: fn(&[String]) -> bool,
    /// Skip lines that start with `#` (glossary comments). Off for memories, where a
    /// segment may legitimately start with `#`.
    pub comments: bool,
}

/// One data row, with the 1-based line it started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number in the file.
    pub line: usize,
    /// The unescaped fields, one per header column (missing optional ones are empty).
    pub fields: Vec<String>,
}

/// A parsed TSV table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names: the header row, or the default header for headerless files.
    pub header: Vec<String>,
    /// Whether the file had a header row.
    pub has_header: bool,
    /// Data rows in file order.
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of a column by name (exact match).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// Reads and parses a TSV file.
pub fn read_file(path: &Path, opts: &ReadOptions<'_>) -> Result<Table, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &bytes, opts)
}

/// Decodes raw bytes to text: strips a UTF-8 BOM, decodes UTF-16 with a BOM, and reports
/// invalid UTF-8 with its line and column.
pub fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<std::borrow::Cow<'b, str>, Error> {
    use std::borrow::Cow;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(Error::parse(
                path,
                1,
                1,
                format!("invalid {} data after the byte-order mark", enc.name()),
            ));
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let good = &body[..e.valid_up_to()];
            // valid_up_to is a char boundary, so this prefix is valid UTF-8
            let good = std::str::from_utf8(good).unwrap_or_default();
            let (line, column) = crate::text::line_column(good, good.len());
            Err(Error::parse(
                path,
                line,
                column,
                format!(
                    "invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                    body[e.valid_up_to()]
                ),
            ))
        }
    }
}

/// Parses TSV bytes; `path` is used only in error messages.
pub fn parse(path: &Path, bytes: &[u8], opts: &ReadOptions<'_>) -> Result<Table, Error> {
    let text = decode(path, bytes)?;
    let mut header: Option<Vec<String>> = None;
    let mut has_header = false;
    let mut rows = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let lineno = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.is_empty() || (opts.comments && line.starts_with('#')) {
            continue;
        }
        let fields = split_line(path, lineno, line)?;
        let hdr = match &header {
            Some(h) => h,
            None => {
                if (opts.is_header)(&fields) {
                    header = Some(fields);
                    has_header = true;
                    continue;
                }
                header.insert(opts.default_header.iter().map(|s| s.to_string()).collect())
            }
        };
        let n = fields.len();
        let ok = if has_header {
            n == hdr.len()
        } else {
            (opts.min_headerless_fields..=hdr.len()).contains(&n)
        };
        if !ok {
            let expected = if has_header || opts.min_headerless_fields == hdr.len() {
                format!("{} columns ({})", hdr.len(), hdr.join(", "))
            } else {
                format!(
                    "{} to {} columns ({})",
                    opts.min_headerless_fields,
                    hdr.len(),
                    hdr.join(", ")
                )
            };
            // point at the first surplus tab, or the end of the line when short
            let column = if n > hdr.len() {
                let cut = line
                    .match_indices('\t')
                    .nth(hdr.len() - 1)
                    .map_or(line.len(), |(b, _)| b);
                crate::text::char_column(line, cut)
            } else {
                line.chars().count() + 1
            };
            return Err(Error::parse(
                path,
                lineno,
                column,
                format!("expected {expected}, found {n}; a tab inside a field must be written \\t"),
            ));
        }
        let mut fields = fields;
        fields.resize(hdr.len(), String::new());
        rows.push(Row {
            line: lineno,
            fields,
        });
    }
    let header =
        header.unwrap_or_else(|| opts.default_header.iter().map(|s| s.to_string()).collect());
    Ok(Table {
        header,
        has_header,
        rows,
    })
}

fn split_line(path: &Path, lineno: usize, line: &str) -> Result<Vec<String>, Error> {
    let mut fields = Vec::new();
    let mut offset = 0;
    for raw in line.split('\t') {
        fields.push(unescape(raw).map_err(|(b, msg)| {
            Error::parse(
                path,
                lineno,
                crate::text::char_column(line, offset + b),
                msg,
            )
        })?);
        offset += raw.len() + 1;
    }
    Ok(fields)
}

/// Unescapes one field; on error returns the byte offset of the bad escape and a message.
pub fn unescape(raw: &str) -> Result<String, (usize, String)> {
    if !raw.contains('\\') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 't')) => out.push('\t'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 'r')) => out.push('\r'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, other)) => {
                return Err((
                    i,
                    format!("bad escape `\\{other}`: expected \\t, \\n, \\r or \\\\ (write a backslash as \\\\)"),
                ))
            }
            None => {
                return Err((
                    i,
                    "backslash at the end of a field: expected \\t, \\n, \\r or \\\\".to_string(),
                ))
            }
        }
    }
    Ok(out)
}

/// Escapes one field into `out`.
pub fn escape_into(field: &str, out: &mut String) {
    for c in field.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
}

/// Escapes one field.
///
/// ```
/// assert_eq!(concord::tsv::escape("a\tb\\«c»\n"), "a\\tb\\\\«c»\\n");
/// ```
pub fn escape(field: &str) -> String {
    let mut s = String::with_capacity(field.len());
    escape_into(field, &mut s);
    s
}

/// Appends one record (escaped fields, tab-separated, `\n`-terminated) to `out`.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        escape_into(f.as_ref(), out);
    }
    out.push('\n');
}

/// Serialises a header and rows to TSV text.
pub fn to_string<S: AsRef<str>>(
    header: &[S],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let mut out = String::new();
    write_record(&mut out, header);
    for r in rows {
        write_record(&mut out, &r);
    }
    out
}

/// True when every field looks like a column name: an ASCII identifier such as `ru`,
/// `en-GB`, `note` or `source_term`. No real segment row looks like that in both columns.
pub fn looks_like_header(fields: &[String]) -> bool {
    !fields.is_empty()
        && fields.iter().all(|f| {
            let mut cs = f.chars();
            cs.next().is_some_and(|c| c.is_ascii_alphabetic())
                // `:` and `.` for imported columns such as `prop:x-Client:SingleString`
                && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        })
}

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

/// Lists the `*.tsv` files of a memory path (the file itself, or a folder's files in
/// name order).
pub fn tsv_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
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

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: ReadOptions<'static> = ReadOptions {
        default_header: &["ru", "en", "note"],
        min_headerless_fields: 2,
        is_header: |f| looks_like_header(f) && f.iter().any(|h| h == "ru"),
        comments: false,
    };

    fn p(s: &[u8]) -> Result<Table, Error> {
        parse(Path::new("m.tsv"), s, &OPTS)
    }

    #[test]
    fn header_and_escapes() {
        let t = p("ru\ten\nа\\tб\t\"x\" «y»\\\\\n".as_bytes()).unwrap();
        assert!(t.has_header);
        assert_eq!(t.header, ["ru", "en"]);
        assert_eq!(t.rows[0].fields, ["а\tб", "\"x\" «y»\\"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn headerless_bom_crlf_and_optional_note() {
        let t = p(b"\xEF\xBB\xBF\xD0\xB0\tb\r\nc\td\te\r\n").unwrap();
        assert!(!t.has_header);
        assert_eq!(t.rows[0].fields, ["а", "b", ""]);
        assert_eq!(t.rows[1].fields, ["c", "d", "e"]);
    }

    #[test]
    fn utf16le_with_bom_is_read() {
        let mut b = vec![0xFF, 0xFE];
        for u in "ру\tru\n".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(p(&b).unwrap().rows[0].fields, ["ру", "ru", ""]);
    }

    #[test]
    fn wrong_column_count_names_line_and_column() {
        let e = p("ru\ten\nа\tb\tc\n".as_bytes()).unwrap_err().to_string();
        assert_eq!(e, "m.tsv:2:4: expected 2 columns (ru, en), found 3; a tab inside a field must be written \\t");
        let e = p(b"only-one-field\n").unwrap_err().to_string();
        assert!(e.starts_with("m.tsv:1:15: expected 2 to 3 columns"), "{e}");
    }

    #[test]
    fn bad_escape_names_column_in_characters() {
        let e = p("ru\ten\nаб\tx\\q\n".as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("m.tsv:2:5: bad escape `\\q`"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = p(b"ru\ten\nab\tc\xFFd\n").unwrap_err().to_string();
        assert!(e.starts_with("m.tsv:2:5: invalid UTF-8 (byte 0xFF)"), "{e}");
    }

    #[test]
    fn round_trip_awkward_strings() {
        let fields = vec![
            "\t\n\r\\n\\".to_string(),
            "\u{feff}«»\"'".to_string(),
            String::new(),
        ];
        let text = to_string(&["ru", "en", "note"], vec![fields.clone()]);
        assert_eq!(p(text.as_bytes()).unwrap().rows[0].fields, fields);
    }
}
