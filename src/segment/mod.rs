//! Sentence segmentation for Russian and English.
//!
//! The main type is [`Segmenter`]: it splits a paragraph into sentence spans (byte
//! ranges) that never lose text: only whitespace lies between consecutive spans.
//! [`Segmenter::document`] applies it to a whole document, one paragraph a line.
//!
//! The hot path is a single forward scan: `memchr` finds candidate boundaries (`.`, `!`,
//! `?`, `…`, and the rarer `;`/`)` cases), and only there does the segmenter look at
//! the few characters around the candidate: the token before the period (is it an
//! abbreviation, an initial, a number?) and the first letter after the following
//! whitespace, quotes and dashes (is it a capital?). Abbreviations are data
//! ([`abbrev_ru`], [`abbrev_en`]) that a project extends from `concord.toml`.

mod abbrev_en;
mod abbrev_ru;
mod rules;

use std::ops::Range;

pub use crate::text::Lang;

use crate::text::hash::FxHashMap;

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

/// How an abbreviation followed by a period behaves before a capital letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Qualifies the next word and never ends a sentence: "проф. Иванов", "Mr. Smith".
    Prefix,
    /// Often ends a sentence: "и др.", "млн.", "etc."; splits before a capital, never
    /// before a number.
    Postfix,
    /// Postfix after a number ("5 см. Затем"), prefix otherwise ("см. выше").
    Number,
    /// A year or century ("1992 г.", "XIX в."): postfix after a number unless the
    /// sentence so far is only a time adverbial ("В 1999–2005 гг. Казахстан…");
    /// prefix otherwise ("г. Алматы").
    Date,
}

/// Splits text into sentences.
///
/// Build it once and reuse it: construction indexes the abbreviation lists, splitting
/// allocates nothing but the output vector.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: Lang,
    abbrevs: FxHashMap<Box<str>, Kind>,
    /// Byte length of the longest key, allowing for an uppercase form and spaces.
    max_key_len: usize,
    /// Byte length of the longest period-separated piece of any key ("междунар").
    max_piece_len: usize,
}

impl Segmenter {
    /// A segmenter with the built-in rules for `lang`.
    pub fn new(lang: Lang) -> Segmenter {
        let list = match lang {
            Lang::Ru => abbrev_ru::LIST,
            Lang::En => abbrev_en::LIST,
        };
        let abbrevs = list.iter().map(|&(k, kind)| (Box::from(k), kind)).collect();
        let mut seg = Segmenter {
            lang,
            abbrevs,
            max_key_len: 0,
            max_piece_len: 0,
        };
        seg.update_max_key_len();
        seg
    }

    fn update_max_key_len(&mut self) {
        // A key's text may carry a space after each inner period and uppercase letters
        // that are longer in UTF-8 than their lowercase (rare; doubled to be safe).
        self.max_key_len = self
            .abbrevs
            .keys()
            .map(|k| 2 * (k.len() + k.matches('.').count()))
            .max()
            .unwrap_or(0);
        self.max_piece_len = self
            .abbrevs
            .keys()
            .flat_map(|k| k.split('.'))
            .map(str::len)
            .max()
            .unwrap_or(0);
    }

    /// Adds abbreviations (with or without the final period) that never end a sentence.
    ///
    /// "просп.", "т. н." and "Т.Н" are all accepted: case, the final period and spaces
    /// after inner periods do not matter.
    pub fn with_abbreviations<I, S>(mut self, abbrevs: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for a in abbrevs {
            let key = normalize_key(&a.into());
            if !key.is_empty() {
                self.abbrevs.insert(key.into_boxed_str(), Kind::Prefix);
            }
        }
        self.update_max_key_len();
        self
    }

    /// The segmenter's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The abbreviations it knows, normalised: lowercase, no final period, no spaces
    /// ("т.д", "mr"), in no particular order.
    pub fn abbreviations(&self) -> impl Iterator<Item = &str> {
        self.abbrevs.keys().map(|k| &**k)
    }

    /// Splits one paragraph into sentence byte ranges, trimmed of surrounding whitespace.
    ///
    /// The ranges are in order, non-empty, and only whitespace lies outside them.
    pub fn split(&self, para: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        rules::split_into(self, para, 0, &mut out);
        out
    }

    /// Splits a document (one paragraph a line, empty lines ignored) into paragraphs.
    ///
    /// A UTF-8 BOM at the start and CR before LF are not part of any paragraph.
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
                let mut sentences = Vec::new();
                rules::split_into(self, text, start, &mut sentences);
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

    fn kind(&self, key: &str) -> Option<Kind> {
        self.abbrevs.get(key).copied()
    }
}

/// Lowercases an abbreviation and drops the final period and all whitespace.
fn normalize_key(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
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
    fn issue_14_phenomena() {
        let cases: &[(&str, &[&str])] = &[
            // A one-letter word or a symbol is no initial.
            (
                "Дверь открыл я. Потом все ушли.",
                &["Дверь открыл я.", "Потом все ушли."],
            ),
            (
                "Возьмём точку X. Её координаты известны.",
                &["Возьмём точку X.", "Её координаты известны."],
            ),
            ("Было 40°C. Все ушли.", &["Было 40°C.", "Все ушли."]),
            (
                "Он ест в McDonald's. Там дёшево.",
                &["Он ест в McDonald's.", "Там дёшево."],
            ),
            // Postposed initials after a comma belong to the next name.
            (
                "Авторы: Петров, А. Б. Сидоров и др. писали об этом.",
                &["Авторы: Петров, А. Б. Сидоров и др. писали об этом."],
            ),
            // An era inside a time adverbial; a unit at the end.
            (
                "В III тыс. до н. э. Шумер процветал.",
                &["В III тыс. до н. э. Шумер процветал."],
            ),
            (
                "Путь составил 2 а. е. Потом он вырос.",
                &["Путь составил 2 а. е.", "Потом он вырос."],
            ),
            // Ellipses.
            ("Это был… Петров? Нет.", &["Это был… Петров?", "Нет."]),
            (
                "Денег не хватило… Хотя мы старались.",
                &["Денег не хватило…", "Хотя мы старались."],
            ),
            (
                "Он ушёл. …Потом вернулся.",
                &["Он ушёл.", "…Потом вернулся."],
            ),
            // Other opening quotes.
            (
                "Он пришёл. „Привет“, — сказал он.",
                &["Он пришёл.", "„Привет“, — сказал он."],
            ),
            (
                "Он пришёл. ``Привет'', — сказал он.",
                &["Он пришёл.", "``Привет'', — сказал он."],
            ),
            // List items after ";" stay in the sentence.
            (
                "Пункты: а) первый; б) второй.",
                &["Пункты: а) первый; б) второй."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(split(Lang::Ru, text), *want, "{text}");
        }
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

    #[test]
    fn extra_abbreviations_are_normalised() {
        let s = Segmenter::new(Lang::Ru).with_abbreviations(["Просп.", "т. наз."]);
        let t = "Дом на просп. Абая стоит. Затем т. наз. Комиссия.";
        let got: Vec<&str> = s.split(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            ["Дом на просп. Абая стоит.", "Затем т. наз. Комиссия."]
        );
    }
}
