//! Documents as sentence lists with their positions, for aligning whole files.
//!
//! [`Document::segment`] splits a text with a [`Segmenter`] (one paragraph a line);
//! [`Document::presegmented`] takes each non-empty line as one sentence (blank lines
//! separate paragraphs). [`align_documents`] aligns two documents and uses their
//! paragraph structure as evidence.

use std::ops::Range;

use crate::segment::Segmenter;

use super::{align, AlignOptions, Bead};

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the document text.
    pub span: Range<usize>,
    /// 1-based line number.
    pub line: usize,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// A text and its sentences.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The whole text.
    pub text: &'t str,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl<'t> Document<'t> {
    /// Segments `text` (one paragraph a line) into sentences.
    pub fn segment(text: &'t str, segmenter: &Segmenter) -> Document<'t> {
        let sentences = segmenter
            .document(text)
            .into_iter()
            .flat_map(|p| {
                let (line, paragraph) = (p.line, p.index);
                p.sentences.into_iter().map(move |span| Sentence {
                    span,
                    line,
                    paragraph,
                })
            })
            .collect();
        Document { text, sentences }
    }

    /// Takes each non-empty line as one sentence; blank lines separate paragraphs.
    pub fn presegmented(text: &'t str) -> Document<'t> {
        let mut sentences = Vec::new();
        let mut offset = 0;
        let mut paragraph = 0;
        let mut blank_before = false;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let start = if i == 0 && line.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            let body = &line[start..];
            let trimmed = body.trim();
            if trimmed.is_empty() {
                blank_before = true;
            } else {
                if blank_before && !sentences.is_empty() {
                    paragraph += 1;
                }
                blank_before = false;
                let lead = body.len() - body.trim_start().len();
                let s = offset + start + lead;
                sentences.push(Sentence {
                    span: s..s + trimmed.len(),
                    line: i + 1,
                    paragraph,
                });
            }
            offset += raw.len();
        }
        Document { text, sentences }
    }

    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &'t str {
        &self.text[self.sentences[i].span.clone()]
    }

    /// The text of sentences `range`: the original text when they share a paragraph
    /// line, else the sentences joined with a space.
    pub fn text_of(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        let mut prev: Option<&Sentence> = None;
        for s in &self.sentences[range] {
            match prev {
                Some(p) if p.line == s.line => out.push_str(&self.text[p.span.end..s.span.end]),
                Some(_) => {
                    out.push(' ');
                    out.push_str(&self.text[s.span.clone()]);
                }
                None => out.push_str(&self.text[s.span.clone()]),
            }
            prev = Some(s);
        }
        out
    }

    /// The lines of sentences `range`, as `5` or `5-7`; empty for an empty range.
    pub fn lines_of(&self, range: Range<usize>) -> String {
        let (Some(first), Some(last)) = (
            self.sentences.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.sentences.get(e)),
        ) else {
            return String::new();
        };
        if range.is_empty() {
            String::new()
        } else if first.line == last.line {
            first.line.to_string()
        } else {
            format!("{}-{}", first.line, last.line)
        }
    }

    /// Paragraph number of each sentence.
    pub fn paragraphs(&self) -> Vec<usize> {
        self.sentences.iter().map(|s| s.paragraph).collect()
    }
}

/// Aligns two documents; their paragraphs are evidence when the counts agree.
pub fn align_documents(ru: &Document, en: &Document, opts: &AlignOptions) -> Vec<Bead> {
    let rs: Vec<&str> = (0..ru.sentences.len()).map(|i| ru.sentence(i)).collect();
    let es: Vec<&str> = (0..en.sentences.len()).map(|i| en.sentence(i)).collect();
    let (rp, ep) = (ru.paragraphs(), en.paragraphs());
    let opts = AlignOptions {
        ru_paragraphs: if opts.ru_paragraphs.is_empty() {
            &rp
        } else {
            opts.ru_paragraphs
        },
        en_paragraphs: if opts.en_paragraphs.is_empty() {
            &ep
        } else {
            opts.en_paragraphs
        },
        ..opts.clone()
    };
    align(&rs, &es, &opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;

    #[test]
    fn presegmented_lines_and_paragraphs() {
        let d = Document::presegmented("\u{feff}Один.\n  Два. \n\nТри.\n");
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(d.sentence(1), "Два.");
        assert_eq!(d.paragraphs(), [0, 0, 1]);
        assert_eq!(d.sentences[2].line, 4);
        assert_eq!(d.text_of(0..2), "Один. Два.");
        assert_eq!(d.lines_of(0..2), "1-2");
    }

    #[test]
    fn segmented_text_keeps_original_spacing() {
        let text = "Первое.  Второе.\nТретье.";
        let d = Document::segment(text, &Segmenter::new(Lang::Ru));
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(d.text_of(0..2), "Первое.  Второе.");
        assert_eq!(d.text_of(1..3), "Второе. Третье.");
        assert_eq!(d.lines_of(2..3), "2");
    }
}
