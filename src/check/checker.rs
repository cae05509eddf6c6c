//! The checker: runs every rule over bilingual segments or English-only text.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::near::{cyrillic_to_latin, latin_to_cyrillic, NearIndex, Reason};
use super::numbers;
use super::{Finding, Rule, Severity};
use crate::severity::Level;
use crate::termbase::{FormKind, Matcher, Termbase};
use crate::text::hash::FxHashMap;
use crate::text::intern::{token_ids_in, TokenIds};
use crate::text::tokens::{sub_tokens, SubToken};
use crate::text::{script, Script};

/// Options of a check run.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Similarity (0–1) above which a word is a near-miss of a term.
    pub near_miss: f64,
    /// Findings below this severity are dropped.
    pub min_severity: Severity,
    /// Per-rule levels from `[rules]`: `Off` disables a rule, another level replaces
    /// the rule's severity.
    pub levels: BTreeMap<Rule, Level>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            near_miss: 0.85,
            min_severity: Severity::Info,
            levels: BTreeMap::new(),
        }
    }
}

/// One bilingual segment to check.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    /// The file findings are reported in.
    pub file: &'a str,
    /// 1-based line of the segment (TSV row or document line).
    pub line: usize,
    /// The Russian source.
    pub ru: &'a str,
    /// The English target.
    pub en: &'a str,
    /// Characters before the English text on its line, for columns.
    pub en_column_offset: usize,
}

/// Runs the rules; compiled once per termbase.
#[derive(Debug, Clone)]
pub struct Checker {
    termbase: Termbase,
    matcher: Matcher,
    near: NearIndex,
    opts: CheckOptions,
}

const EMPTY_KEY: u64 = 0xcbf2_9ce4_8422_2325;

/// A 64-bit key of a segment for consistency checks: lower case, ё→е, whitespace runs
/// as one space, trimmed (like `text::fold`, without the costly NFC step: texts that
/// differ only in composition are rare in one memory). The folded bytes are built in
/// a per-thread buffer and hashed eight bytes at a time.
fn quick_key(s: &str) -> u64 {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with(|cell| {
        let mut buf = cell.borrow_mut();
        quick_fold(s, &mut buf);
        if buf.is_empty() {
            return EMPTY_KEY;
        }
        use std::hash::Hasher;
        let mut h = crate::text::hash::FxHasher::default();
        h.write(&buf);
        h.write_usize(buf.len());
        // a final avalanche, so that keys spread over all 64 bits
        let mut k = crate::text::hash::avalanche(h.finish());
        if k == EMPTY_KEY {
            k ^= 1;
        }
        k
    })
}

/// The text [`quick_key`] hashes, as UTF-8 in `out`: ASCII bytes are folded without
/// decoding.
fn quick_fold(s: &str, out: &mut Vec<u8>) {
    out.clear();
    let b = s.as_bytes();
    let mut pending = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            if matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
                pending = !out.is_empty();
                continue;
            }
            if pending {
                out.push(b' ');
                pending = false;
            }
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // two-byte Cyrillic (lead bytes 0xD0, 0xD1: U+0400–U+047F), decoded by hand
        let ch = if matches!(c, 0xD0 | 0xD1) && i + 1 < b.len() {
            let cp = ((c as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
            char::from_u32(cp).unwrap_or(' ')
        } else {
            s[i..].chars().next().unwrap_or(' ')
        };
        i += ch.len_utf8();
        if !('\u{0400}'..='\u{04FF}').contains(&ch) && ch.is_whitespace() {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            out.push(b' ');
            pending = false;
        }
        let mut push = |c: char| {
            let mut tmp = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        };
        match ch {
            'ё' | 'Ё' => push('е'),
            'А'..='Я' => push(char::from_u32(ch as u32 + 0x20).unwrap_or(ch)),
            'а'..='я' => push(ch),
            c => c.to_lowercase().for_each(push),
        }
    }
}

/// Characters before `byte` in `s` as written on its line: with `escaped`, `s` was
/// unescaped from a TSV field, where a tab, line break, carriage return or backslash
/// takes two characters (`\t`, `\n`, `\r`, `\\`).
fn chars_before(s: &str, byte: usize, escaped: bool) -> usize {
    let p = &s[..byte.min(s.len())];
    let extra = if escaped {
        p.bytes()
            .filter(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'\\'))
            .count()
    } else {
        0
    };
    p.chars().count() + extra
}

fn has_latin(s: &str) -> bool {
    s.chars().any(|c| script(c) == Script::Latin)
}

fn is_mixed(s: &str) -> bool {
    let mut lat = false;
    let mut cyr = false;
    for c in s.chars() {
        match script(c) {
            Script::Latin => lat = true,
            Script::Cyrillic => cyr = true,
            Script::Other => {}
        }
    }
    lat && cyr
}

/// Where findings about one text go: file, line and the column of the text's start.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    line: usize,
    column_offset: usize,
    /// The text was unescaped from a TSV field (columns count the escaped spelling).
    escaped: bool,
}

impl Checker {
    /// Compiles the termbase for checking.
    pub fn new(termbase: &Termbase, opts: CheckOptions) -> Checker {
        Checker {
            termbase: termbase.clone(),
            matcher: Matcher::new(termbase),
            near: NearIndex::new(termbase, opts.near_miss),
            opts,
        }
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The termbase checked against.
    pub fn termbase(&self) -> &Termbase {
        &self.termbase
    }

    /// The severity a rule's finding gets, or None when the rule is off or the
    /// finding falls below the minimum severity.
    fn severity(&self, rule: Rule, concept: Option<usize>) -> Option<Severity> {
        let sev = match self.opts.levels.get(&rule) {
            Some(level) => level.severity()?,
            None => match concept {
                Some(c) if rule == Rule::TermVariant => {
                    self.termbase.concepts[c].severity.min(Severity::Warning)
                }
                Some(c) => self.termbase.concepts[c].severity,
                None => rule.default_severity(),
            },
        };
        (sev >= self.opts.min_severity).then_some(sev)
    }

    fn enabled(&self, rule: Rule) -> bool {
        !matches!(self.opts.levels.get(&rule), Some(Level::Off))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Finding>,
        place: Place<'_>,
        text: &str,
        byte: usize,
        rule: Rule,
        concept: Option<usize>,
        message: String,
        source_term: Option<String>,
        expected: Option<String>,
        found: Option<String>,
        suggestion: Option<String>,
    ) {
        let Some(severity) = self.severity(rule, concept) else {
            return;
        };
        out.push(Finding {
            file: place.file.to_string(),
            line: place.line,
            column: place.column_offset + chars_before(text, byte, place.escaped) + 1,
            rule,
            severity,
            message,
            source_term,
            expected,
            found,
            suggestion,
        });
    }

    /// Runs all rules over bilingual segments (inconsistent-translation across them).
    /// Russian-side `mixed-script` findings assume the Russian text starts its line.
    pub fn check_segments(&self, segs: &[Segment<'_>]) -> Vec<Finding> {
        self.run_segments(segs, true, false)
    }

    /// Like [`Checker::check_segments`] for segments whose texts were unescaped from
    /// TSV fields: columns count `\t`, `\n`, `\r` and `\\` as written in the file (two
    /// characters each), so they point at the right place of the raw line.
    pub fn check_tsv_segments(&self, segs: &[Segment<'_>]) -> Vec<Finding> {
        self.run_segments(segs, true, true)
    }

    /// Like [`Checker::check_segments`] without Russian-side findings, for document
    /// pairs whose Russian lives in another file (see [`Checker::check_source_text`]).
    pub fn check_target_segments(&self, segs: &[Segment<'_>]) -> Vec<Finding> {
        self.run_segments(segs, false, false)
    }

    fn run_segments(&self, segs: &[Segment<'_>], ru_side: bool, escaped: bool) -> Vec<Finding> {
        let per: Vec<Vec<Finding>> = segs
            .par_iter()
            .with_min_len(256)
            .map(|s| self.check_one(s, ru_side, escaped))
            .collect();
        let mut out: Vec<Finding> = per.into_iter().flatten().collect();
        if self.enabled(Rule::InconsistentTranslation) {
            out.extend(self.inconsistent(segs, escaped));
            out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        }
        out
    }

    fn check_one(&self, s: &Segment<'_>, ru_side: bool, escaped: bool) -> Vec<Finding> {
        let mut out = Vec::new();
        let place = Place {
            file: s.file,
            line: s.line,
            column_offset: s.en_column_offset,

            escaped,
        };
        let en = s.en;
        // untranslated: empty, or the source copied
        if en.trim().is_empty() {
            if !s.ru.trim().is_empty() {
                self.push(
                    &mut out,
                    place,
                    en,
                    0,
                    Rule::Untranslated,
                    None,
                    "the target is empty".into(),
                    None,
                    None,
                    None,
                    None,
                );
            }
            return out;
        }
        let en_cyr = crate::text::has_cyrillic(en);
        if en_cyr
            && crate::text::has_cyrillic(s.ru)
            && crate::text::fold(en) == crate::text::fold(s.ru)
        {
            self.push(
                &mut out,
                place,
                en,
                0,
                Rule::Untranslated,
                None,
                "the target is a copy of the source".into(),
                None,
                None,
                None,
                None,
            );
            return out;
        }
        let en_toks = sub_tokens(en, true);
        let en_ids = token_ids_in(en, &en_toks);
        let en_hits = self.matcher.find_en_ids_raw(&en_toks, &en_ids);
        let flagged = self.english_rules(&mut out, place, en, &en_toks, &en_ids, &en_hits);
        // term-missing
        if self.enabled(Rule::TermMissing) {
            let ru_hits = self.matcher.find_ru_raw(s.ru);
            let mut reported: Vec<usize> = Vec::new();
            let mut i = 0;
            while i < ru_hits.len() {
                let mut j = i;
                while j < ru_hits.len() && ru_hits[j].span == ru_hits[i].span {
                    j += 1;
                }
                let group = &ru_hits[i..j];
                i = j;
                // a forbidden or near-miss rendering of the concept is reported as such
                let satisfied = group.iter().any(|h| {
                    flagged.contains(&h.concept)
                        || en_hits
                            .iter()
                            .any(|e| e.concept == h.concept && e.kind != FormKind::Forbidden)
                });
                if satisfied || reported.contains(&group[0].concept) {
                    continue;
                }
                let h = &group[0];
                reported.push(h.concept);
                let c = &self.termbase.concepts[h.concept];
                let term = &s.ru[h.span.clone()];
                let mut accepted = format!("“{}”", c.en);
                for v in &c.variants {
                    accepted.push_str(&format!(" or “{v}”"));
                }
                self.push(
                    &mut out,
                    place,
                    en,
                    0,
                    Rule::TermMissing,
                    Some(h.concept),
                    format!("«{term}» is not rendered as {accepted}"),
                    Some(term.to_string()),
                    Some(c.en.clone()),
                    None,
                    Some(c.en.clone()),
                );
            }
        }
        // numbers
        if self.enabled(Rule::NumberMismatch) {
            for m in numbers::compare(s.ru, en) {
                let src = s.ru[m.source.span.clone()].to_string();
                match m.target {
                    Some(t) => {
                        let found = en[t.span.clone()].to_string();
                        self.push(
                            &mut out,
                            place,
                            en,
                            t.span.start,
                            Rule::NumberMismatch,
                            None,
                            format!("the source has {src}, the target {found}"),
                            None,
                            Some(src.clone()),
                            Some(found),
                            Some(src),
                        );
                    }
                    None => self.push(
                        &mut out,
                        place,
                        en,
                        0,
                        Rule::NumberMismatch,
                        None,
                        format!("the number {src} of the source is missing in the target"),
                        None,
                        Some(src),
                        None,
                        None,
                    ),
                }
            }
        }
        // untranslated Russian words in the English
        if en_cyr && self.enabled(Rule::Untranslated) {
            let words: Vec<_> = crate::text::words(en)
                .filter(|w| crate::text::has_cyrillic(w.text) && !has_latin(w.text))
                .collect();
            let mut k = 0;
            while k < words.len() {
                let start = words[k].start;
                let mut end = words[k].end();
                let mut n = k + 1;
                while n < words.len()
                    && en[end..words[n].start]
                        .chars()
                        .all(|c| !c.is_alphanumeric())
                {
                    end = words[n].end();
                    n += 1;
                }
                k = n;
                let found = en[start..end].to_string();
                self.push(
                    &mut out,
                    place,
                    en,
                    start,
                    Rule::Untranslated,
                    None,
                    format!("Russian text left in the English: «{found}»"),
                    None,
                    None,
                    Some(found),
                    None,
                );
            }
        }
        if ru_side
            && self.enabled(Rule::MixedScript)
            && s.ru.bytes().any(|b| b.is_ascii_alphabetic())
        {
            let p = Place {
                file: s.file,
                line: s.line,
                column_offset: 0,

                escaped,
            };
            self.mixed_ru(&mut out, p, s.ru);
        }
        out.sort_by_key(|f| f.column);
        out
    }

    /// term-forbidden, term-variant and mixed-script over one English text.
    fn english_rules(
        &self,
        out: &mut Vec<Finding>,
        place: Place<'_>,
        en: &str,
        toks: &[SubToken<'_>],
        ids: &TokenIds,
        hits: &[crate::termbase::matcher::RawHit],
    ) -> Vec<usize> {
        let mut flagged = Vec::new();
        let mut covered = vec![0usize; toks.len()];
        let mut ti = 0;
        for h in hits {
            while ti < toks.len() && toks[ti].start < h.span.start {
                ti += 1;
            }
            let mut k = ti;
            while k < toks.len() && toks[k].start < h.span.end {
                k += 1;
            }
            // a forbidden hit is reported itself; a near-miss must not swallow it
            let len = if h.kind == FormKind::Forbidden {
                usize::MAX
            } else {
                k - ti
            };
            for c in &mut covered[ti..k] {
                *c = (*c).max(len);
            }
            if h.kind == FormKind::Forbidden && self.enabled(Rule::TermForbidden) {
                flagged.push(h.concept);
                let c = &self.termbase.concepts[h.concept];
                let found = en[h.span.clone()].to_string();
                let note = if c.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.note)
                };
                self.push(
                    out,
                    place,
                    en,
                    h.span.start,
                    Rule::TermForbidden,
                    Some(h.concept),
                    format!("“{found}” is a forbidden rendering; use “{}”{note}", c.en),
                    c.ru.first().cloned(),
                    Some(c.en.clone()),
                    Some(found),
                    Some(c.en.clone()),
                );
            }
        }
        let mut variant_spans: Vec<std::ops::Range<usize>> = Vec::new();
        if self.enabled(Rule::TermVariant) && !self.near.is_empty() {
            for n in self.near.find_ids(en, toks, ids, &covered) {
                let c = &self.termbase.concepts[n.concept];
                let found = en[n.span.clone()].to_string();
                let why = match n.reason {
                    Reason::Cyrillic => {
                        let letters: String = found
                            .chars()
                            .filter(|ch| script(*ch) == Script::Cyrillic)
                            .collect();
                        format!("Cyrillic {letters} inside a Latin word")
                    }
                    r => r.describe().to_string(),
                };
                variant_spans.push(n.span.clone());
                flagged.push(n.concept);
                self.push(
                    out,
                    place,
                    en,
                    n.span.start,
                    Rule::TermVariant,
                    Some(n.concept),
                    format!("“{found}” is a near-miss of “{}” ({why})", n.form),
                    c.ru.first().cloned(),
                    Some(n.form.clone()),
                    Some(found),
                    Some(n.form.clone()),
                );
            }
        }
        if self.enabled(Rule::MixedScript) && crate::text::has_cyrillic(en) {
            for t in toks {
                if !is_mixed(t.text) || variant_spans.iter().any(|r| r.contains(&t.start)) {
                    continue;
                }
                let fixed = cyrillic_to_latin(t.text).unwrap_or_else(|| t.text.to_string());
                let cyr: String = t
                    .text
                    .chars()
                    .filter(|c| script(*c) == Script::Cyrillic)
                    .collect();
                self.push(
                    out,
                    place,
                    en,
                    t.start,
                    Rule::MixedScript,
                    None,
                    format!(
                        "“{}” mixes Latin and Cyrillic letters (Cyrillic: {cyr})",
                        t.text
                    ),
                    None,
                    None,
                    Some(t.text.to_string()),
                    (!is_mixed(&fixed)).then_some(fixed),
                );
            }
        }
        flagged
    }

    fn mixed_ru(&self, out: &mut Vec<Finding>, place: Place<'_>, ru: &str) {
        for t in sub_tokens(ru, false) {
            if !is_mixed(t.text) {
                continue;
            }
            let fixed = latin_to_cyrillic(t.text);
            let lat: String = t
                .text
                .chars()
                .filter(|c| script(*c) == Script::Latin)
                .collect();
            self.push(
                out,
                place,
                ru,
                t.start,
                Rule::MixedScript,
                None,
                format!(
                    "“{}” mixes Cyrillic and Latin letters (Latin: {lat})",
                    t.text
                ),
                None,
                None,
                Some(t.text.to_string()),
                (!is_mixed(&fixed)).then_some(fixed),
            );
        }
    }

    fn inconsistent(&self, segs: &[Segment<'_>], escaped: bool) -> Vec<Finding> {
        let keys: Vec<(u64, u64)> = segs
            .par_iter()
            .with_min_len(1024)
            .map(|s| (quick_key(s.ru), quick_key(s.en)))
            .collect();
        let mut out = Vec::new();
        let mut by_ru: FxHashMap<u64, usize> = FxHashMap::default();
        let mut by_en: FxHashMap<u64, usize> = FxHashMap::default();
        for (i, &(r, e)) in keys.iter().enumerate() {
            if r == EMPTY_KEY || e == EMPTY_KEY {
                continue;
            }
            let s = &segs[i];
            let place = Place {
                file: s.file,
                line: s.line,
                column_offset: s.en_column_offset,

                escaped,
            };
            // The same source with another target, then the same target for another
            // source: both report against the later row and point at the first one.
            let first_ru = by_ru.get(&r).copied().filter(|&f| keys[f].1 != e);
            let first_en = by_en.get(&e).copied().filter(|&f| keys[f].0 != r);
            by_ru.entry(r).or_insert(i);
            by_en.entry(e).or_insert(i);
            for (first, same_source) in [(first_ru, true), (first_en, false)] {
                let Some(first) = first else { continue };
                let f = &segs[first];
                let (what, expected) = if same_source {
                    (
                        "the same source is translated differently",
                        Some(f.en.to_string()),
                    )
                } else {
                    ("the same translation is used for a different source", None)
                };
                self.push(
                    &mut out,
                    place,
                    s.en,
                    0,
                    Rule::InconsistentTranslation,
                    None,
                    format!("{what} at {}:{}", f.file, f.line),
                    None,
                    expected.clone(),
                    Some(s.en.to_string()),
                    expected,
                );
            }
        }
        out
    }

    /// Checks English-only text (lint): term-forbidden, term-variant and mixed-script,
    /// with lines and columns counted in `text`.
    pub fn check_english(&self, file: &str, text: &str) -> Vec<Finding> {
        let mut lines: Vec<(usize, &str)> = Vec::new();
        for (i, l) in text.split('\n').enumerate() {
            if !l.trim().is_empty() {
                lines.push((i + 1, l.strip_suffix('\r').unwrap_or(l)));
            }
        }
        let per: Vec<Vec<Finding>> = lines
            .par_iter()
            .with_min_len(512)
            .map(|&(line, l)| {
                let mut out = Vec::new();
                let toks = sub_tokens(l, true);
                let ids = token_ids_in(l, &toks);
                let hits = self.matcher.find_en_ids_raw(&toks, &ids);
                let place = Place {
                    file,
                    line,
                    column_offset: 0,
                    escaped: false,
                };
                self.english_rules(&mut out, place, l, &toks, &ids, &hits);
                out.sort_by_key(|f| f.column);
                out
            })
            .collect();
        let mut out = Vec::with_capacity(per.iter().map(Vec::len).sum());
        out.extend(per.into_iter().flatten());
        out
    }

    /// `mixed-script` over Russian text (a source document), lines counted in `text`.
    pub fn check_source_text(&self, file: &str, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if !self.enabled(Rule::MixedScript) {
            return out;
        }
        for (i, l) in text.split('\n').enumerate() {
            let place = Place {
                file,
                line: i + 1,
                column_offset: 0,
                escaped: false,
            };
            self.mixed_ru(&mut out, place, l);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ru: &str, en: &str) -> Vec<String> {
        let c = Checker::new(
            &crate::termbase::matcher::tests::tb(),
            CheckOptions::default(),
        );
        let seg = Segment {
            file: "t.tsv",
            line: 3,
            ru,
            en,
            en_column_offset: ru.chars().count() + 1,
        };
        c.check_segments(&[seg])
            .into_iter()
            .map(|f| format!("{}@{}:{}", f.rule, f.column, f.found.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn clean_segment_has_no_findings() {
        assert!(run(
            "Инициативы Н. Назарбаева в ЦАС и СНГ в 1995 г.",
            "Nazarbayev’s initiatives in the CAU and the CIS's work in 1995"
        )
        .is_empty());
    }

    #[test]
    fn each_rule_fires() {
        assert_eq!(
            run("Назарбаев", "Nazarbaev"),
            ["term-forbidden@11:Nazarbaev"]
        );
        assert_eq!(
            run("Назарбаев", "Nazarbayeva"),
            ["term-variant@11:Nazarbayeva"]
        );
        assert_eq!(run("Назарбаев", "The president"), ["term-missing@11:"]);
        assert_eq!(run("в ЕврАзЭС", "in Eurasec"), ["term-variant@14:Eurasec"]);
        assert_eq!(
            run(
                "Организация центральноазиатского сотрудничества",
                "Central Asian Cooperation Organisation"
            ),
            ["term-variant@49:Central Asian Cooperation Organisation"]
        );
        assert_eq!(run("в 1995 г.", "in 1996"), ["number-mismatch@14:1996"]);
        assert_eq!(run("Россия", ""), ["untranslated@8:"]);
        assert_eq!(run("Россия", "Россия"), ["untranslated@8:"]);
        assert_eq!(
            run("Россия и мир", "Russia и мир"),
            ["untranslated@21:и мир"]
        );
        assert_eq!(run("в ОДКБ", "in the OДКБ"), ["mixed-script@15:OДКБ"]);
        assert_eq!(run("в OДКБ", "in the CSTO"), ["mixed-script@3:OДКБ"]);
    }

    proptest::proptest! {
        #[test]
        /// On text that NFC leaves alone, the quick fold is `text::fold`.
        fn quick_fold_is_text_fold(s in "[a-zA-Z ёЁа-яА-ЯЂђ\t\r\n\u{0085}\u{2003}\u{00c9}\u{0130}ß]{0,30}") {
            let mut buf = Vec::new();
            quick_fold(&s, &mut buf);
            proptest::prop_assert_eq!(String::from_utf8(buf).unwrap(), crate::text::fold(&s));
        }
    }

    #[test]
    fn quick_key_folds_like_fold() {
        let k = quick_key;
        assert_eq!(k("  Россия\tи  Ёлка\u{2003}ok "), k("россия и елка OK"));
        assert_ne!(k("Россия и"), k("Россияи"));
        assert_eq!(k(" \t\u{0085}"), EMPTY_KEY);
    }

    #[test]
    fn tsv_columns_count_escapes_as_written() {
        let c = Checker::new(
            &crate::termbase::matcher::tests::tb(),
            CheckOptions::default(),
        );
        // raw line: `Назарбаев<TAB>x\ty\\z Nazarbaev` (9 + 1 + 8 characters before the name)
        let seg = Segment {
            file: "t.tsv",
            line: 1,
            ru: "Назарбаев",
            en: "x\ty\\z Nazarbaev",
            en_column_offset: 10,
        };
        let col = |f: Vec<Finding>| {
            f.iter()
                .find(|f| f.rule == Rule::TermForbidden)
                .map(|f| f.column)
        };
        assert_eq!(col(c.check_tsv_segments(&[seg])), Some(19));
        // text from a document is not escaped: one character per tab
        assert_eq!(col(c.check_segments(&[seg])), Some(17));
        assert_eq!(chars_before("a\n«b»\\c", 8, true), 8);
        assert_eq!(chars_before("a\n«b»\\c", 8, false), 6);
    }
}
