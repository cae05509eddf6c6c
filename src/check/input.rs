//! The inputs of a check, as segments: the rows of a bilingual TSV file, and the
//! sentence pairs of a Russian document and its English translation.

use std::ops::Range;
use std::path::Path;

use super::Segment;
use crate::align::document::{align_documents, Document};
use crate::align::AlignOptions;
use crate::segment::{Lang, Segmenter};
use crate::termbase::Matcher;
use crate::tsv;

/// A bilingual TSV file: its rows and its raw lines (for snippets).
#[derive(Debug, Clone, Default)]
pub struct TsvInput {
    /// The file name findings are reported in.
    pub name: String,
    /// The file's lines, without line ends.
    pub lines: Vec<String>,
    /// (line, ru, en, character column of the `en` field) per row.
    pub rows: Vec<(usize, String, String, usize)>,
}

impl TsvInput {
    /// Parses a TSV file's bytes; the header must name a `ru` and an `en` column.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<TsvInput, tsv::Error> {
        let text = tsv::decode(path, bytes)?.into_owned();
        let table = tsv::parse(path, bytes, &crate::memory::READ_OPTIONS)?;
        let Some((ru, en)) = crate::memory::lang_columns(&table.header) else {
            return Err(tsv::Error::parse(
                path,
                1,
                1,
                "the header must name a `ru` and an `en` column",
            ));
        };
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .collect();
        let rows = table
            .rows
            .into_iter()
            .map(|mut r| {
                let raw = lines.get(r.line - 1).map_or("", String::as_str);
                let offset = raw
                    .split('\t')
                    .take(en)
                    .map(|f| f.chars().count() + 1)
                    .sum::<usize>();
                let e = std::mem::take(&mut r.fields[en]);
                let s = std::mem::take(&mut r.fields[ru]);
                (r.line, s, e, offset)
            })
            .collect();
        Ok(TsvInput {
            name: path.display().to_string(),
            lines,
            rows,
        })
    }

    /// The rows as segments.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        self.rows.iter().map(|(line, ru, en, off)| Segment {
            file: &self.name,
            line: *line,
            ru,
            en,
            en_column_offset: *off,
        })
    }
}

/// Aligns a Russian document with its English translation sentence by sentence
/// (termbase concepts as anchors) and returns one segment per bead, reported in
/// `file`. An omission is an empty target at the end of the previous English sentence.
pub fn document_pair<'a>(
    file: &'a str,
    ru: &'a str,
    en: &'a str,
    ru_seg: &Segmenter,
    en_seg: &Segmenter,
    matcher: &Matcher,
) -> Vec<Segment<'a>> {
    let rd = Document::segment(ru, ru_seg);
    let ed = Document::segment(en, en_seg);
    let hook = |s: &str, lang: Lang| -> Vec<usize> {
        let hits = match lang {
            Lang::Ru => matcher.find_ru(s),
            Lang::En => matcher.find_en(s),
        };
        hits.into_iter().map(|h| h.concept).collect()
    };
    let opts = AlignOptions {
        terms: Some(&hook),
        ..AlignOptions::default()
    };
    let beads = align_documents(&rd, &ed, &opts);
    let span = |d: &Document<'_>, r: &Range<usize>| {
        (!r.is_empty()).then(|| d.sentences[r.start].span.start..d.sentences[r.end - 1].span.end)
    };
    let mut segs = Vec::with_capacity(beads.len());
    let mut last = (0..0, 1, 0);
    for b in &beads {
        let ru_r = span(&rd, &b.ru).unwrap_or(0..0);
        if let Some(e) = span(&ed, &b.en) {
            let line_start = en[..e.start].rfind('\n').map_or(0, |i| i + 1);
            let offset = en[line_start..e.start].chars().count();
            segs.push(Segment {
                file,
                line: ed.sentences[b.en.start].line,
                ru: &ru[ru_r],
                en: &en[e.clone()],
                en_column_offset: offset,
            });
            let end_offset = en[line_start..e.end].chars().count();
            last = (e.end..e.end, ed.sentences[b.en.start].line, end_offset);
        } else {
            segs.push(Segment {
                file,
                line: last.1,
                ru: &ru[ru_r],
                en: &en[last.0.clone()],
                en_column_offset: last.2,
            });
        }
    }
    segs
}
