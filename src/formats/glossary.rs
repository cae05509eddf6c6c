//! OmegaT-style glossaries: headerless TSV (`.tab`, `.txt`) or CSV (`.csv`) with
//! source term, target term and an optional comment column.
//!
//! Accepted: UTF-8 with or without BOM, UTF-16LE/BE with BOM, CRLF line ends, `#`
//! comment lines (including a `# -*- coding: utf-8 -*-` magic comment), RFC 4180
//! quoting in CSV (`"kde, qu"`, `""` for a quote, line breaks inside quotes). Rows with
//! the same source term merge into one concept: the first target is the approved
//! rendering, later ones are variants, comments are joined.

use std::path::Path;

use super::{Error, Imported};
use crate::termbase::Concept;
use crate::tsv::Origin;

/// The glossary file flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Tab-separated (OmegaT `.tab`/`.txt`).
    Tab,
    /// Comma-separated with RFC 4180 quoting (OmegaT `.csv`).
    Csv,
}

/// Splits text into records of (line, fields).
fn records(path: &Path, text: &str, dialect: Dialect) -> Result<Vec<(usize, Vec<String>)>, Error> {
    let mut out = Vec::new();
    match dialect {
        Dialect::Tab => {
            for (i, line) in text.split('\n').enumerate() {
                let line = line.strip_suffix('\r').unwrap_or(line);
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                out.push((i + 1, line.split('\t').map(str::to_string).collect()));
            }
        }
        Dialect::Csv => {
            let mut line = 1;
            let mut chars = text.chars().peekable();
            while chars.peek().is_some() {
                let start = line;
                if chars.peek() == Some(&'#') {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            line += 1;
                            break;
                        }
                    }
                    continue;
                }
                let mut fields = vec![String::new()];
                let mut quoted = false;
                let mut at_start = true;
                loop {
                    let Some(c) = chars.next() else {
                        if quoted {
                            return Err(Error::Invalid {
                                path: path.to_path_buf(),
                                line: start,
                                column: 1,
                                message: "unterminated quoted field (a `\"` is missing)".into(),
                            });
                        }
                        break;
                    };
                    let f = fields.last_mut().expect("one field");
                    if quoted {
                        match c {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                f.push('"');
                            }
                            '"' => quoted = false,
                            c => {
                                if c == '\n' {
                                    line += 1;
                                }
                                f.push(c);
                            }
                        }
                        continue;
                    }
                    match c {
                        '"' if at_start => {
                            quoted = true;
                            at_start = false;
                        }
                        ',' => {
                            fields.push(String::new());
                            at_start = true;
                        }
                        '\n' => {
                            line += 1;
                            break;
                        }
                        '\r' if chars.peek() == Some(&'\n') => {}
                        c => {
                            f.push(c);
                            at_start = false;
                        }
                    }
                }
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                out.push((start, fields));
            }
        }
    }
    Ok(out)
}

/// Makes a kebab-case id from an English term.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    out
}

/// Reads a glossary file.
pub fn import(path: &Path, bytes: &[u8], dialect: Dialect) -> Result<Imported<Concept>, Error> {
    let text = crate::tsv::decode(path, bytes)?;
    let mut recs = records(path, &text, dialect)?;
    // an English→Russian glossary (OmegaT's en→ru projects) is read the other way round
    let cyr = |i: usize| {
        recs.iter()
            .filter(|(_, f)| f.get(i).is_some_and(|t| crate::text::has_cyrillic(t)))
            .count()
    };
    let reversed = cyr(1) > cyr(0);
    if reversed {
        for (_, f) in &mut recs {
            if f.len() >= 2 {
                f.swap(0, 1);
            }
        }
    }
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut out: Imported<Concept> = Imported::default();
    let mut by_source: std::collections::HashMap<String, usize> = Default::default();
    let mut ids: std::collections::HashSet<String> = Default::default();
    for (line, fields) in recs {
        let src = fields[0].trim();
        let tgt = fields.get(1).map(|s| s.trim()).unwrap_or("");
        if src.is_empty() || tgt.is_empty() {
            out.skipped += 1;
            out.warnings.push(format!(
                "{}:{line}: needs a source and a target term separated by {}",
                path.display(),
                if dialect == Dialect::Tab {
                    "a tab"
                } else {
                    "a comma"
                }
            ));
            continue;
        }
        let note = fields.get(2).map(|s| s.trim()).unwrap_or("");
        let key = crate::text::fold(src);
        if let Some(&i) = by_source.get(&key) {
            let c: &mut Concept = &mut out.items[i];
            if c.en != tgt && !c.variants.iter().any(|v| v == tgt) {
                c.variants.push(tgt.to_string());
            }
            if !note.is_empty() {
                if !c.note.is_empty() {
                    c.note.push('\n');
                }
                c.note.push_str(note);
            }
            continue;
        }
        let base = match slug(tgt) {
            s if s.is_empty() => format!("term-{}", out.items.len() + 1),
            s => s,
        };
        let mut id = base.clone();
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        by_source.insert(key, out.items.len());
        out.items.push(Concept {
            id,
            ru: vec![src.to_string()],
            en: tgt.to_string(),
            note: note.to_string(),
            origin: Origin {
                path: shared.clone(),
                line,
            },
            ..Concept::default()
        });
    }
    if reversed {
        out.warnings.push(format!(
            "{}: the second column holds the Russian terms: an English→Russian glossary, read as Russian→English (reversed)",
            path.display()
        ));
    }
    Ok(out)
}

/// Writes a termbase as an OmegaT tab glossary (UTF-8, `source<TAB>target<TAB>comment`,
/// with a `# -*- coding: utf-8 -*-` first line): a row for every Russian form with the
/// approved English and with each variant. Forbidden renderings are never rows (OmegaT
/// would offer them); they are named in the comment of every row of the concept, after
/// the note: `Forbidden: Tashkent Pact`. Tabs and line breaks inside a field, which the
/// format cannot carry, become spaces.
pub fn write_omegat(tb: &crate::termbase::Termbase) -> String {
    let flat = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("# -*- coding: utf-8 -*-\n");
    for c in &tb.concepts {
        let mut comment = flat(c.note.trim());
        if !c.forbidden.is_empty() {
            if !comment.is_empty() {
                comment.push_str("; ");
            }
            comment.push_str("Forbidden: ");
            comment.push_str(&flat(&c.forbidden.join(", ")));
        }
        for ru in &c.ru {
            for en in std::iter::once(&c.en).chain(&c.variants) {
                out.push_str(&format!("{}\t{}\t{}\n", flat(ru), flat(en), comment));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let t = "a,b\n\"kde, qu\",comma\n\"\"\"kde\"\",\"\"q\"\"\",cdk\n\"\"\"\"\"k\",k\n\"x\ny\",z,n\n";
        let r = import(Path::new("g.csv"), t.as_bytes(), Dialect::Csv).unwrap();
        let ru: Vec<_> = r.items.iter().map(|c| c.ru[0].as_str()).collect();
        assert_eq!(ru, ["a", "kde, qu", "\"kde\",\"q\"", "\"\"k", "x\ny"]);
        assert_eq!(r.items[4].note, "n");
        assert_eq!(r.items[4].origin.line, 5);
    }

    #[test]
    fn tab_utf16_crlf_comments_and_merging() {
        let t = "\u{feff}# -*- coding: utf-8 -*-\r\nСтрока\tRow\tтаблица\r\nстрока\tLine\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            t.trim_start_matches('\u{feff}')
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let r = import(Path::new("g.txt"), &bytes, Dialect::Tab).unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].en, "Row");
        assert_eq!(r.items[0].variants, ["Line"]);
        assert_eq!(r.items[0].note, "таблица");
        assert_eq!(r.items[0].id, "row");
    }
}
