//! Sentence segmentation for Russian and English.
//!
//! The main type is [`Segmenter`]: it splits a paragraph into sentence spans (byte
//! ranges) that never lose text: only whitespace lies between consecutive spans.
//! [`Segmenter::document`] applies it to a whole document, one paragraph a line.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Russian.
    #[default]
    Ru,
    /// English.
    En,
}

/// A paragraph of a document and its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 0-based paragraph number (counting non-empty lines only).
    pub index: usize,
    /// 1-based line number in the document.
    pub line: usize,
    /// Byte range of the paragraph (the line without its line end) in the document.
    pub span: Range<usize>,
    /// Byte ranges of the sentences in the document.
    pub sentences: Vec<Range<usize>>,
}

/// Splits text into sentences.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: Lang,
    extra_abbreviations: Vec<String>,
}

impl Segmenter {
    /// A segmenter with the built-in rules for `lang`.
    pub fn new(lang: Lang) -> Segmenter {
        Segmenter {
            lang,
            extra_abbreviations: Vec::new(),
        }
    }

    /// Adds abbreviations (with or without the final period) that never end a sentence.
    pub fn with_abbreviations<I, S>(mut self, abbrevs: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extra_abbreviations
            .extend(abbrevs.into_iter().map(|s| {
                let s: String = s.into();
                s.trim_end_matches('.').to_lowercase()
            }));
        self
    }

    /// The segmenter's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Splits one paragraph into sentence byte ranges, trimmed of surrounding whitespace.
    pub fn split(&self, para: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for (start, piece) in para.split_sentence_bound_indices() {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let r = start + lead..start + lead + trimmed.len();
            if let Some(prev) = out.last_mut() {
                if self.no_break_after(&para[prev.clone()]) {
                    prev.end = r.end;
                    continue;
                }
            }
            out.push(r);
        }
        out
    }

    /// Splits a document (one paragraph a line, empty lines ignored) into paragraphs.
    pub fn document(&self, doc: &str) -> Vec<Paragraph> {
        let mut out = Vec::new();
        let mut offset = 0;
        for (i, raw) in doc.split_inclusive('\n').enumerate() {
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let start = if i == 0 && line.starts_with('\u{feff}') {
                offset + 3
            } else {
                offset
            };
            let text = &doc[start..offset + line.len()];
            if !text.trim().is_empty() {
                let sentences = self
                    .split(text)
                    .into_iter()
                    .map(|r| r.start + start..r.end + start)
                    .collect();
                out.push(Paragraph {
                    index: out.len(),
                    line: i + 1,
                    span: start..offset + line.len(),
                    sentences,
                });
            }
            offset += raw.len();
        }
        out
    }

    fn no_break_after(&self, sentence: &str) -> bool {
        let Some(body) = sentence.strip_suffix('.') else {
            return false;
        };
        let last = body
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«')
            .next()
            .unwrap_or("");
        if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
            return true; // an initial: "Н. Назарбаев"
        }
        let last = last.to_lowercase();
        let builtin: &[&str] = match self.lang {
            Lang::Ru => &[
                "г", "гг", "им", "т", "проф", "ст", "см", "с", "т.е", "т.ч", "т.н", "т.к",
            ],
            Lang::En => &[
                "mr", "mrs", "ms", "dr", "prof", "st", "no", "e.g", "i.e", "u.s", "vs",
            ],
        };
        builtin.contains(&last.as_str()) || self.extra_abbreviations.contains(&last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: Lang, s: &str) -> Vec<&str> {
        Segmenter::new(lang)
            .split(s)
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            split(Lang::Ru, "Президент Н. Назарбаев выступил."),
            ["Президент Н. Назарбаев выступил."]
        );
    }

    #[test]
    fn document_keeps_lines_and_offsets() {
        let doc = "Первый. Второй.\n\nТретий.\n";
        let s = Segmenter::new(Lang::Ru);
        let p = s.document(doc);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].line, 3);
        assert_eq!(&doc[p[0].sentences[1].clone()], "Второй.");
    }
}
