//! The English edition: the Russian source document rebuilt in English from the memory.
//!
//! The main type is [`Edition`]: the source's paragraphs, in order and on the same lines,
//! each sentence with its English (an exact or fuzzy memory match, or none), where the
//! English came from, the termbase terms found in both languages, and a [`Coverage`]
//! summary in sentences and words. [`Edition::build`] assembles it; the renderers in
//! [`render`] and [`html`] turn it into plain text, Markdown or a bilingual HTML page,
//! [`untranslated`] into a TSV the translator fills in.
//!
//! The edition asks two questions of the outside world, through the [`Translate`] and
//! [`FindTerms`] traits: "which memory entry translates this sentence?" and "which
//! termbase terms are in this text?". [`MemoryLookup`] answers the first from a
//! [`crate::memory::Index`]; [`TermLookup`] the second from a
//! [`crate::termbase::Matcher`].

use std::ops::Range;

use crate::memory::{Memory, Origin};
use crate::segment::Segmenter;

mod check;
pub mod html;
pub mod render;
pub mod untranslated;

/// How a sentence's English was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// The memory has the sentence (after normalisation): publishable as is.
    Exact,
    /// The memory has a similar sentence, with this score (0–100): needs review.
    Fuzzy(f64),
    /// Nothing in the memory reaches the minimum score: needs translating.
    Missing,
}

impl Status {
    /// The lower-case name used in CSS classes and reports (`exact`, `fuzzy`, `missing`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Fuzzy(_) => "fuzzy",
            Status::Missing => "missing",
        }
    }
}

/// A memory entry chosen for a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// Index into [`Memory::entries`].
    pub entry: usize,
    /// Similarity, 0–100 (100 for an exact match).
    pub score: f64,
    /// True when the normalised sources are equal.
    pub exact: bool,
}

/// Finds the memory entry that translates a Russian sentence.
///
/// Why a trait: the edition does not care how the memory is searched, and tests can
/// answer from a small table.
pub trait Translate {
    /// The best entry for `ru`: an exact match if there is one, else the best fuzzy match
    /// at or above the caller's minimum score, else `None`.
    fn translate(&self, ru: &str) -> Option<Found>;

    /// The best match below the minimum score, for a sentence `translate` found nothing
    /// for: tells the editor whether a near miss exists (the default knows of none).
    fn nearest(&self, _ru: &str) -> Option<Found> {
        None
    }
}

/// A termbase term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermSpan {
    /// Byte range in the text searched.
    pub span: Range<usize>,
    /// Index into the termbase's concepts.
    pub concept: usize,
}

/// Finds termbase terms in Russian and English text.
pub trait FindTerms {
    /// Terms in a Russian text (inflected forms included).
    fn find_ru(&self, text: &str) -> Vec<TermSpan>;
    /// Approved and variant English renderings in an English text.
    fn find_en(&self, text: &str) -> Vec<TermSpan>;
    /// What the edition shows about a concept (on hover in HTML).
    fn describe(&self, concept: usize) -> TermInfo;
}

/// What a reader of the edition is told about a termbase concept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TermInfo {
    /// The concept id (`csto`).
    pub id: String,
    /// The Russian forms, `|`-joined.
    pub ru: String,
    /// The approved English rendering.
    pub en: String,
    /// The termbase note (may be empty).
    pub note: String,
}

/// A term occurrence in one sentence, ready to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMark {
    /// Byte range in the sentence text (Russian or English).
    pub span: Range<usize>,
    /// Index into [`Edition::terms`].
    pub term: usize,
}

/// One sentence of the edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte range of the Russian sentence in the source document.
    pub span: Range<usize>,
    /// 1-based character column of the sentence in its source line.
    pub column: usize,
    /// The Russian sentence, exactly as in the source.
    pub ru: String,
    /// How the English was found.
    pub status: Status,
    /// The English (the memory entry's target, trimmed); `None` when missing.
    pub en: Option<String>,
    /// The memory entry used, as an index into [`Memory::entries`].
    pub entry: Option<usize>,
    /// Where the entry was read from.
    pub origin: Option<Origin>,
    /// The entry's Russian when the match is fuzzy: what differs is what to review.
    pub matched_ru: Option<String>,
    /// For a missing sentence, the score of the best memory match below the minimum.
    pub best_below: Option<f64>,
    /// Russian word count (`text::words`), the unit of the word coverage.
    pub words: usize,
    /// Terms in the Russian sentence.
    pub ru_terms: Vec<TermMark>,
    /// Terms in the English sentence.
    pub en_terms: Vec<TermMark>,
}

impl Sentence {
    /// The sentence as it appears in the assembled English: the English, or for a missing
    /// sentence the Russian in `⟦…⟧` so that nothing silently disappears.
    pub fn english_or_marker(&self) -> String {
        match &self.en {
            Some(en) => en.clone(),
            None => format!("⟦{}⟧", self.ru),
        }
    }
}

/// One paragraph (one line of the source).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// 0-based paragraph number.
    pub index: usize,
    /// 1-based line of the paragraph in the source.
    pub line: usize,
    /// The line's leading whitespace (indentation), kept in the English.
    pub indent: String,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl Paragraph {
    /// The assembled English line: the indentation, then the sentences joined by one space.
    ///
    /// Why one space: the source's inter-sentence whitespace is sometimes a typo (none,
    /// or a run of spaces) that a publication should not inherit.
    pub fn english(&self) -> String {
        let mut out = self.indent.clone();
        for (i, s) in self.sentences.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&s.english_or_marker());
        }
        out
    }

    /// Byte offsets of each sentence in [`Paragraph::english`].
    pub fn english_offsets(&self) -> Vec<usize> {
        let mut at = self.indent.len();
        self.sentences
            .iter()
            .map(|s| {
                let start = at;
                at += s.english_or_marker().len() + 1;
                start
            })
            .collect()
    }
}

/// Counts of exact, fuzzy and missing units (sentences or words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Units translated by exact matches.
    pub exact: usize,
    /// Units translated by fuzzy matches.
    pub fuzzy: usize,
    /// Units without a translation.
    pub missing: usize,
}

impl Tally {
    /// All units.
    pub fn total(&self) -> usize {
        self.exact + self.fuzzy + self.missing
    }

    /// `n` as a percentage of the total (100 for an empty document: nothing is missing).
    pub fn percent(&self, n: usize) -> f64 {
        match self.total() {
            0 => 100.0,
            t => n as f64 * 100.0 / t as f64,
        }
    }

    fn add(&mut self, status: Status, n: usize) {
        match status {
            Status::Exact => self.exact += n,
            Status::Fuzzy(_) => self.fuzzy += n,
            Status::Missing => self.missing += n,
        }
    }
}

/// How much of the document the memory covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// In sentences.
    pub sentences: Tally,
    /// In Russian words.
    pub words: Tally,
}

impl Coverage {
    /// True when every sentence has an exact match.
    pub fn is_complete(&self) -> bool {
        self.sentences.fuzzy == 0 && self.sentences.missing == 0
    }
}

/// Formats a percentage with one decimal, but never rounds a partial 100 up or a
/// non-zero 0 down, so "100.0%" always means all and "0.0%" none.
pub fn percent_label(n: usize, total: usize) -> String {
    if total == 0 || n == total {
        return "100%".to_string();
    }
    if n == 0 {
        return "0%".to_string();
    }
    let p = n as f64 * 100.0 / total as f64;
    let p = p.clamp(0.1, 99.9);
    let rounded = (p * 10.0).round() / 10.0;
    let rounded = rounded.clamp(0.1, 99.9);
    format!("{rounded:.1}%")
}

impl std::fmt::Display for Coverage {
    /// Two lines: sentences and words, each exact / fuzzy / missing with percentages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, t) in [("sentences", &self.sentences), ("words", &self.words)] {
            let total = t.total();
            writeln!(
                f,
                "{name:<10} {total:>6}   exact {:>6} ({:>6})   fuzzy {:>5} ({:>6})   missing {:>5} ({:>6})",
                t.exact,
                percent_label(t.exact, total),
                t.fuzzy,
                percent_label(t.fuzzy, total),
                t.missing,
                percent_label(t.missing, total),
            )?;
        }
        Ok(())
    }
}

/// The English edition of a source document.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// The paragraphs, in source order.
    pub paragraphs: Vec<Paragraph>,
    /// The termbase concepts that occur, referenced by [`TermMark::term`].
    pub terms: Vec<TermInfo>,
    /// Number of lines in the source (blank lines included), so that the English keeps
    /// every paragraph on the line it has in the source.
    pub lines: usize,
    /// Whether the source ends with a line break.
    pub final_newline: bool,
    /// The coverage summary.
    pub coverage: Coverage,
}

impl Edition {
    /// Assembles the edition of `source` (one paragraph a line).
    ///
    /// Each sentence takes the English of the entry `translate` picks; term occurrences
    /// are looked up with `terms` when given. Blank lines and the paragraphs' indentation
    /// are kept, so the English has the source's layout.
    ///
    /// ```
    /// use concord::edition::{Edition, Found, Status, Translate};
    /// use concord::memory::{Entry, Memory};
    /// use concord::segment::{Lang, Segmenter};
    ///
    /// struct Exact<'a>(&'a Memory);
    /// impl Translate for Exact<'_> {
    ///     fn translate(&self, ru: &str) -> Option<Found> {
    ///         let entry = self.0.entries.iter().position(|e| e.ru == ru)?;
    ///         Some(Found { entry, score: 100.0, exact: true })
    ///     }
    /// }
    /// let memory = Memory { entries: vec![Entry::new("Казахстан — молодое государство.", "Kazakhstan is a young state.")] };
    /// let source = "Казахстан — молодое государство. Он растёт.\n";
    /// let ed = Edition::build(source, &Segmenter::new(Lang::Ru), &memory, &Exact(&memory), None);
    /// assert_eq!(ed.paragraphs[0].english(), "Kazakhstan is a young state. ⟦Он растёт.⟧");
    /// assert_eq!(ed.paragraphs[0].sentences[1].status, Status::Missing);
    /// assert_eq!((ed.coverage.sentences.exact, ed.coverage.sentences.missing), (1, 1));
    /// ```
    pub fn build(
        source: &str,
        segmenter: &Segmenter,
        memory: &Memory,
        translate: &dyn Translate,
        terms: Option<&dyn FindTerms>,
    ) -> Edition {
        let mut coverage = Coverage::default();
        let mut term_table = TermTable::default();
        let mut paragraphs = Vec::new();
        for para in segmenter.document(source) {
            let line_text = &source[para.span.clone()];
            let indent_len = line_text.len() - line_text.trim_start().len();
            let mut sentences = Vec::with_capacity(para.sentences.len());
            for span in para.sentences {
                let ru = &source[span.clone()];
                let words = crate::text::words(ru).count();
                let found = translate
                    .translate(ru)
                    .filter(|f| memory.entries.get(f.entry).is_some());
                let (status, en, entry, origin, matched_ru) = match found {
                    Some(f) => {
                        let e = &memory.entries[f.entry];
                        let status = if f.exact {
                            Status::Exact
                        } else {
                            Status::Fuzzy(f.score)
                        };
                        let matched = (!f.exact).then(|| e.ru.clone());
                        (
                            status,
                            Some(e.en.trim().to_string()),
                            Some(f.entry),
                            Some(e.origin.clone()),
                            matched,
                        )
                    }
                    None => (Status::Missing, None, None, None, None),
                };
                let best_below = match status {
                    Status::Missing => translate.nearest(ru).map(|f| f.score),
                    _ => None,
                };
                coverage.sentences.add(status, 1);
                coverage.words.add(status, words);
                let (ru_terms, en_terms) = match terms {
                    Some(t) => (
                        term_table.marks(t, t.find_ru(ru)),
                        en.as_deref()
                            .map(|en| term_table.marks(t, t.find_en(en)))
                            .unwrap_or_default(),
                    ),
                    None => (Vec::new(), Vec::new()),
                };
                sentences.push(Sentence {
                    column: crate::text::char_column(line_text, span.start - para.span.start),
                    span,
                    ru: ru.to_string(),
                    status,
                    en,
                    entry,
                    origin,
                    matched_ru,
                    best_below,
                    words,
                    ru_terms,
                    en_terms,
                });
            }
            paragraphs.push(Paragraph {
                index: para.index,
                line: para.line,
                indent: line_text[..indent_len].to_string(),
                sentences,
            });
        }
        Edition {
            paragraphs,
            terms: term_table.infos,
            lines: source.split_inclusive('\n').count(),
            final_newline: source.ends_with('\n'),
            coverage,
        }
    }

    /// Every sentence with its paragraph, in document order.
    pub fn sentences(&self) -> impl Iterator<Item = (&Paragraph, &Sentence)> + '_ {
        self.paragraphs
            .iter()
            .flat_map(|p| p.sentences.iter().map(move |s| (p, s)))
    }
}

impl Edition {
    /// The edition as an XLIFF 1.2 document for CAT tools (OmegaT, Trados, memoQ).
    ///
    /// One unit per sentence, id `p{paragraph}-s{sentence}` (1-based): exact matches are
    /// translated, fuzzy ones need review (with their score and the memory's Russian in
    /// the note), missing ones are new with an empty target.
    pub fn to_xliff(&self, original: &str) -> crate::formats::xliff::XliffDoc {
        use crate::formats::xliff::{UnitState, XliffDoc, XliffUnit};
        let units = self
            .paragraphs
            .iter()
            .flat_map(|p| {
                p.sentences.iter().enumerate().map(move |(j, s)| {
                    let (state, score, note) = match s.status {
                        Status::Exact => (UnitState::Translated, None, None),
                        Status::Fuzzy(score) => (
                            UnitState::Fuzzy,
                            Some(score),
                            Some(format!(
                                "Fuzzy match {score:.0}% (line {}); the memory's English translates: {}",
                                p.line,
                                s.matched_ru.as_deref().unwrap_or("")
                            )),
                        ),
                        Status::Missing => (
                            UnitState::New,
                            None,
                            Some(format!("Not in the memory (line {}, column {})", p.line, s.column)),
                        ),
                    };
                    XliffUnit {
                        id: format!("p{}-s{}", p.index + 1, j + 1),
                        source: s.ru.clone(),
                        target: s.en.clone(),
                        state,
                        score,
                        note,
                    }
                })
            })
            .collect();
        XliffDoc {
            original: original.to_string(),
            source_lang: "ru".to_string(),
            target_lang: "en".to_string(),
            units,
        }
    }
}

/// Collects the concepts that occur, so that each sentence refers to them by number.
#[derive(Default)]
struct TermTable {
    by_concept: std::collections::HashMap<usize, usize>,
    infos: Vec<TermInfo>,
}

impl TermTable {
    fn marks(&mut self, terms: &dyn FindTerms, mut hits: Vec<TermSpan>) -> Vec<TermMark> {
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        let mut out: Vec<TermMark> = Vec::with_capacity(hits.len());
        for h in hits {
            // overlapping hits cannot both be highlighted: the earlier, longer one wins
            if out.last().is_some_and(|m| m.span.end > h.span.start) {
                continue;
            }
            let next = self.infos.len();
            let term = *self.by_concept.entry(h.concept).or_insert(next);
            if term == next {
                self.infos.push(terms.describe(h.concept));
            }
            out.push(TermMark { span: h.span, term });
        }
        out
    }
}

/// Answers [`Translate`] from a memory index: exact first, then the best fuzzy match at
/// or above `min_score`; entries with an empty English are skipped (a row added by
/// `--untranslated` and merged back before it was filled in is not a translation).
pub struct MemoryLookup<'a> {
    /// The memory the index was built from.
    pub memory: &'a Memory,
    /// The lookup index.
    pub index: &'a crate::memory::Index,
    /// Lowest fuzzy score accepted (0–100).
    pub min_score: f64,
}

impl Translate for MemoryLookup<'_> {
    fn translate(&self, ru: &str) -> Option<Found> {
        let usable = |i: usize| {
            self.memory
                .entries
                .get(i)
                .is_some_and(|e| !e.en.trim().is_empty())
        };
        if let Some(i) = self.index.exact(self.memory, ru).filter(|&i| usable(i)) {
            return Some(Found {
                entry: i,
                score: 100.0,
                exact: true,
            });
        }
        let opts = crate::memory::LookupOptions {
            top: 8,
            min_score: self.min_score,
            ..crate::memory::LookupOptions::default()
        };
        self.index
            .lookup(self.memory, ru, &opts)
            .into_iter()
            .find(|m| usable(m.entry) && m.score >= self.min_score)
            .map(|m| Found {
                entry: m.entry,
                score: m.score,
                exact: m.exact,
            })
    }

    fn nearest(&self, ru: &str) -> Option<Found> {
        let opts = crate::memory::LookupOptions {
            top: 8,
            min_score: 0.0,
            ..crate::memory::LookupOptions::default()
        };
        self.index
            .lookup(self.memory, ru, &opts)
            .into_iter()
            .find(|m| {
                self.memory
                    .entries
                    .get(m.entry)
                    .is_some_and(|e| !e.en.trim().is_empty())
            })
            .map(|m| Found {
                entry: m.entry,
                score: m.score,
                exact: m.exact,
            })
    }
}

/// Answers [`FindTerms`] from a termbase and its compiled matcher.
pub struct TermLookup<'a> {
    /// The termbase.
    pub termbase: &'a crate::termbase::Termbase,
    /// Its matcher.
    pub matcher: &'a crate::termbase::Matcher,
}

impl FindTerms for TermLookup<'_> {
    fn find_ru(&self, text: &str) -> Vec<TermSpan> {
        self.matcher
            .find_ru(text)
            .into_iter()
            .map(|h| TermSpan {
                span: h.span,
                concept: h.concept,
            })
            .collect()
    }

    fn find_en(&self, text: &str) -> Vec<TermSpan> {
        self.matcher
            .find_en(text)
            .into_iter()
            .map(|h| TermSpan {
                span: h.span,
                concept: h.concept,
            })
            .collect()
    }

    fn describe(&self, concept: usize) -> TermInfo {
        self.termbase
            .concepts
            .get(concept)
            .map(|c| TermInfo {
                id: c.id.clone(),
                ru: c.ru.join(" | "),
                en: c.en.clone(),
                note: c.note.clone(),
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::memory::Entry;
    use crate::segment::Lang;

    /// Exact-by-fold lookup plus canned fuzzy answers, for tests.
    pub(crate) struct Table<'a> {
        pub(crate) memory: &'a Memory,
        pub(crate) fuzzy: Vec<(&'a str, usize, f64)>,
    }

    impl Translate for Table<'_> {
        fn translate(&self, ru: &str) -> Option<Found> {
            let key = crate::text::fold(ru);
            if let Some(entry) = self
                .memory
                .entries
                .iter()
                .position(|e| crate::text::fold(&e.ru) == key)
            {
                return Some(Found {
                    entry,
                    score: 100.0,
                    exact: true,
                });
            }
            self.fuzzy
                .iter()
                .find(|(q, _, _)| *q == ru)
                .map(|&(_, entry, score)| Found {
                    entry,
                    score,
                    exact: false,
                })
        }
    }

    /// Terms by literal substring, for tests.
    pub(crate) struct Terms(pub(crate) Vec<(&'static str, &'static str, &'static str)>);

    impl FindTerms for Terms {
        fn find_ru(&self, text: &str) -> Vec<TermSpan> {
            self.find(text, |t| t.0)
        }
        fn find_en(&self, text: &str) -> Vec<TermSpan> {
            self.find(text, |t| t.1)
        }
        fn describe(&self, concept: usize) -> TermInfo {
            let (ru, en, id) = self.0[concept];
            TermInfo {
                id: id.into(),
                ru: ru.into(),
                en: en.into(),
                note: String::new(),
            }
        }
    }

    impl Terms {
        fn find(
            &self,
            text: &str,
            form: impl Fn(&(&'static str, &'static str, &'static str)) -> &'static str,
        ) -> Vec<TermSpan> {
            let mut out = Vec::new();
            for (concept, t) in self.0.iter().enumerate() {
                for (at, m) in text.match_indices(form(t)) {
                    out.push(TermSpan {
                        span: at..at + m.len(),
                        concept,
                    });
                }
            }
            out
        }
    }

    pub(crate) fn sample() -> (String, Memory) {
        let source = "  Первое предложение. Второе предложение.\n\nСНГ создано в 1991 г. в Алматы.  Третье без пробела.\n".to_string();
        let memory = Memory {
            entries: vec![
                Entry::new("Первое предложение.", "The first sentence."),
                Entry::new("второе  предложение.", "The second sentence. "),
                Entry::new(
                    "СНГ создано в 1991 г. в Минске.",
                    "The CIS was created in 1991 in Minsk.",
                ),
            ],
        };
        (source, memory)
    }

    pub(crate) fn sample_edition() -> Edition {
        let (source, memory) = sample();
        let table = Table {
            memory: &memory,
            fuzzy: vec![("СНГ создано в 1991 г. в Алматы.", 2, 87.5)],
        };
        let terms = Terms(vec![("СНГ", "CIS", "cis")]);
        Edition::build(
            &source,
            &Segmenter::new(Lang::Ru),
            &memory,
            &table,
            Some(&terms),
        )
    }

    #[test]
    fn keeps_layout_and_marks_statuses() {
        let ed = sample_edition();
        assert_eq!((ed.lines, ed.final_newline), (3, true));
        assert_eq!(ed.paragraphs.len(), 2);
        let p0 = &ed.paragraphs[0];
        assert_eq!((p0.line, p0.indent.as_str()), (1, "  "));
        assert_eq!(p0.english(), "  The first sentence. The second sentence.");
        let p1 = &ed.paragraphs[1];
        assert_eq!(p1.line, 3);
        assert_eq!(p1.sentences[0].status, Status::Fuzzy(87.5));
        assert_eq!(
            p1.sentences[0].matched_ru.as_deref(),
            Some("СНГ создано в 1991 г. в Минске.")
        );
        assert_eq!(p1.sentences[1].status, Status::Missing);
        assert_eq!(
            p1.english(),
            "The CIS was created in 1991 in Minsk. ⟦Третье без пробела.⟧"
        );
        assert_eq!(p1.sentences[1].column, 34);
    }

    #[test]
    fn english_offsets_point_at_each_sentence() {
        let ed = sample_edition();
        for p in &ed.paragraphs {
            let line = p.english();
            for (s, at) in p.sentences.iter().zip(p.english_offsets()) {
                assert!(line[at..].starts_with(&s.english_or_marker()));
            }
        }
    }

    #[test]
    fn coverage_counts_sentences_and_words() {
        let ed = sample_edition();
        let c = ed.coverage;
        assert_eq!(
            (c.sentences.exact, c.sentences.fuzzy, c.sentences.missing),
            (2, 1, 1)
        );
        // words: 2 + 2 exact, "СНГ создано в 1991 г в Алматы" = 7 fuzzy, 3 missing
        assert_eq!((c.words.exact, c.words.fuzzy, c.words.missing), (4, 7, 3));
        assert!(!c.is_complete());
        let shown = c.to_string();
        assert!(shown.starts_with("sentences       4   exact      2 ( 50.0%)   fuzzy     1 ( 25.0%)   missing     1 ( 25.0%)\nwords          14   exact      4 ( 28.6%)"), "{shown}");
    }

    #[test]
    fn terms_are_marked_in_both_languages() {
        let ed = sample_edition();
        let s = &ed.paragraphs[1].sentences[0];
        assert_eq!(
            s.ru_terms,
            [TermMark {
                span: 0..6,
                term: 0
            }]
        );
        assert_eq!(
            s.en_terms,
            [TermMark {
                span: 4..7,
                term: 0
            }]
        );
        assert_eq!(ed.terms[0].en, "CIS");
    }

    #[test]
    fn percent_labels_never_round_to_all_or_nothing() {
        assert_eq!(percent_label(999, 1000), "99.9%");
        assert_eq!(percent_label(9999, 10000), "99.9%");
        assert_eq!(percent_label(1, 10000), "0.1%");
        assert_eq!(percent_label(0, 3), "0%");
        assert_eq!(percent_label(3, 3), "100%");
        assert_eq!(percent_label(1, 3), "33.3%");
    }
}
