//! Anchor evidence: what a human aligner looks at besides length.
//!
//! Each sentence is reduced to [`Features`]: its numbers (digits with thousands and
//! decimal separators removed, so `10 000` = `10,000` and `1,5` = `1.5`), termbase
//! concept ids, capitalised words as transliteration skeletons (names and cognates),
//! and punctuation marks (question and exclamation marks, quotes, parentheses, list
//! markers). [`pair_match`] gives the weight of evidence two sentences share.

use crate::segment::Lang;

use super::translit::{name_similarity, skeleton, translit};

/// Weight of a shared number.
pub const W_NUMBER: f32 = 1.0;
/// Weight of a shared single-digit number (weaker: often a list index or spelled out).
pub const W_DIGIT: f32 = 0.5;
/// Weight of a shared termbase concept.
pub const W_TERM: f32 = 1.0;
/// Weight of a shared name or cognate.
pub const W_NAME: f32 = 0.7;
/// Weight of a shared cognate key.
pub const W_COGNATE: f32 = 0.8;
/// Weight of a shared punctuation mark.
pub const W_MARK: f32 = 0.35;
/// Lowest [`name_similarity`] at which two capitalised words count as the same name.
pub const NAME_THRESHOLD: f64 = 0.8;

const MARK_QUESTION: u8 = 1;
const MARK_EXCLAIM: u8 = 2;
const MARK_QUOTE: u8 = 4;
const MARK_PAREN: u8 = 8;
const MARK_LIST: u8 = 16;

/// The evidence of one sentence (or of a run of sentences, at coarse resolution).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Length in characters.
    pub len: f32,
    /// Numbers, sorted (value digits as a number, or a hash for very long ones).
    pub numbers: Vec<u64>,
    /// Termbase concept ids, sorted.
    pub terms: Vec<usize>,
    /// Skeletons of capitalised words (empty at coarse resolution, see `name_keys`).
    pub names: Vec<Box<str>>,
    /// The first four letters of each name skeleton, packed and sorted: the cheaper
    /// exact comparison used once sentences are merged for the coarse search.
    pub name_keys: Vec<u64>,
    /// Cognate keys: the first five letters of the skeletons of other long words
    /// (`информация` and `information` share `infor`), sorted.
    pub cognates: Vec<u64>,
    /// Punctuation marks: one bit each, counted once per sentence.
    pub marks: u8,
    /// Total weight of this sentence's evidence.
    pub weight: f32,
    /// Weight of its strong evidence only: numbers, terms and names (what a translation
    /// keeps; cognates and marks often vanish).
    pub strong: f32,
}

impl Features {
    /// Only the length (Gale–Church alone).
    pub fn length_only(text: &str) -> Features {
        Features {
            len: text.chars().count() as f32,
            ..Features::default()
        }
    }

    /// Extracts all evidence from `text` in language `lang`; `terms` are the termbase
    /// concept ids found in it.
    pub fn extract(text: &str, lang: Lang, mut terms: Vec<usize>) -> Features {
        terms.sort_unstable();
        terms.dedup();
        let names = names(text, lang);
        let mut name_keys: Vec<u64> = names.iter().map(|n| pack(n, 4)).collect();
        name_keys.sort_unstable();
        let mut f = Features {
            len: text.chars().count() as f32,
            numbers: numbers(text),
            terms,
            names,
            name_keys,
            cognates: cognates(text, lang),
            marks: marks(text),
            weight: 0.0,
            strong: 0.0,
        };
        f.weight = f.self_weight();
        f.strong = f.strong_weight();
        f
    }

    /// Merges `other` into `self` (a bead of several sentences).
    pub fn merge(&mut self, other: &Features) {
        self.len += other.len;
        self.numbers.extend_from_slice(&other.numbers);
        self.numbers.sort_unstable();
        self.terms.extend_from_slice(&other.terms);
        self.terms.sort_unstable();
        self.names.clear();
        self.name_keys.extend_from_slice(&other.name_keys);
        self.name_keys.sort_unstable();
        self.cognates.extend_from_slice(&other.cognates);
        self.cognates.sort_unstable();
        self.marks |= other.marks;
        self.weight = self.self_weight();
        self.strong = self.strong_weight();
    }

    fn strong_weight(&self) -> f32 {
        self.numbers.iter().map(|&n| number_weight(n)).sum::<f32>()
            + self.terms.len() as f32 * W_TERM
            + self.name_keys.len() as f32 * W_NAME
    }

    fn self_weight(&self) -> f32 {
        self.numbers.iter().map(|&n| number_weight(n)).sum::<f32>()
            + self.terms.len() as f32 * W_TERM
            + self.name_keys.len() as f32 * W_NAME
            + self.cognates.len() as f32 * W_COGNATE
            + self.marks.count_ones() as f32 * W_MARK
    }
}

fn number_weight(n: u64) -> f32 {
    if n < 10 {
        W_DIGIT
    } else {
        W_NUMBER
    }
}

/// Weight of the evidence `a` and `b` share (each item matched at most once).
pub fn pair_match(a: &Features, b: &Features) -> f32 {
    let mut w = 0.0;
    // numbers: sorted multiset intersection
    let (mut i, mut j) = (0, 0);
    while i < a.numbers.len() && j < b.numbers.len() {
        match a.numbers[i].cmp(&b.numbers[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                w += number_weight(a.numbers[i]);
                i += 1;
                j += 1;
            }
        }
    }
    w += intersection(&a.terms, &b.terms) as f32 * W_TERM;
    w += intersection(&a.cognates, &b.cognates) as f32 * W_COGNATE;
    if !a.names.is_empty() && !b.names.is_empty() {
        let mut used = 0u64;
        for x in &a.names {
            for (k, y) in b.names.iter().enumerate().take(64) {
                if used & (1 << k) == 0
                    && could_match(x, y)
                    && name_similarity(x, y) >= NAME_THRESHOLD
                {
                    used |= 1 << k;
                    w += W_NAME;
                    break;
                }
            }
        }
    } else if !a.name_keys.is_empty() && !b.name_keys.is_empty() {
        w += intersection(&a.name_keys, &b.name_keys) as f32 * W_NAME;
    }
    w + (a.marks & b.marks).count_ones() as f32 * W_MARK
}

/// Cheap pre-test for [`name_similarity`]: names agree on their first letter, or one
/// has an extra leading `i` (`ievgeni`/`evgeni`).
fn could_match(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match (a.first(), b.first()) {
        (Some(x), Some(y)) if x == y => true,
        (Some(b'i'), Some(y)) => a.get(1) == Some(y),
        (Some(x), Some(b'i')) => b.get(1) == Some(x),
        _ => false,
    }
}

/// The first `n` bytes of `s` packed into an integer (a sortable key).
fn pack(s: &str, n: usize) -> u64 {
    s.bytes().take(n).fold(0u64, |k, b| k << 8 | u64::from(b))
}

/// Size of the multiset intersection of two sorted slices.
fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Cognate keys of lower-case words of at least six letters: the first five letters of
/// their skeleton, packed into an integer.
fn cognates(text: &str, lang: Lang) -> Vec<u64> {
    let mut out = Vec::new();
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 6 || w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let latin = match lang {
            Lang::Ru => translit(w),
            Lang::En => w.to_lowercase(),
        };
        let sk = skeleton(&latin);
        if sk.len() < 5 || !sk.is_ascii() {
            continue;
        }
        out.push(pack(&sk, 5));
    }
    out.sort_unstable();
    out
}

/// Numbers in `text`: runs of digits, where a single space, no-break space, comma or
/// period between digits joins them (`10 000`, `10,000`, `3.5`).
fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut value: u64 = 0;
        let mut digits = 0;
        while i < chars.len() {
            let c = chars[i];
            if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
                value = value.wrapping_mul(10).wrapping_add(u64::from(d));
                digits += 1;
                i += 1;
            } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',' | '.')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && (c == ',' || c == '.' || trailing_group(&chars, i + 1))
            {
                i += 1;
            } else {
                break;
            }
        }
        if digits > 0 {
            out.push(value);
        }
    }
    out.sort_unstable();
    out
}

/// True when exactly three digits start at `i` (a thousands group after a space).
fn trailing_group(chars: &[char], i: usize) -> bool {
    chars[i..].iter().take_while(|c| c.is_ascii_digit()).count() == 3
}

/// Skeletons of capitalised words (and of Latin words with a capital inside, like
/// `iPhone`), at least three letters long.
fn names(text: &str, lang: Lang) -> Vec<Box<str>> {
    let mut out = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        let mut cs = w.chars();
        let Some(first) = cs.next() else { continue };
        if !first.is_uppercase() && !w.chars().any(char::is_uppercase) {
            continue;
        }
        if w.chars().count() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let latin = match lang {
            Lang::Ru => translit(w),
            Lang::En => w.to_lowercase(),
        };
        if lang == Lang::En && is_function_word(&latin) {
            continue;
        }
        out.push(skeleton(&latin).into_boxed_str());
    }
    out
}

/// English words capitalised only because they start a sentence, which no Russian name
/// transliterates to; skipping them keeps spurious name matches out.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "but"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "for"
            | "with"
            | "from"
            | "what"
            | "when"
            | "where"
            | "which"
            | "who"
            | "how"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "they"
            | "she"
            | "was"
            | "were"
            | "has"
            | "have"
            | "not"
            | "all"
            | "some"
            | "according"
            | "however"
            | "also"
            | "after"
            | "before"
            | "during"
            | "since"
            | "while"
            | "although"
    )
}

fn marks(text: &str) -> u8 {
    let mut m = 0;
    for c in text.chars() {
        m |= match c {
            '?' => MARK_QUESTION,
            '!' => MARK_EXCLAIM,
            '«' | '»' | '„' | '“' | '”' | '"' => MARK_QUOTE,
            '(' => MARK_PAREN,
            _ => 0,
        };
    }
    if is_list_item(text) {
        m |= MARK_LIST;
    }
    m
}

/// A list item starts with `1.`, `1)`, `а)`, `a)`, or a dash or bullet and a space.
fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    let mut cs = t.chars();
    match cs.next() {
        Some('-' | '–' | '—' | '•' | '*' | '·') => {
            cs.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(") ") || rest.starts_with(". ")
        }
        Some(c) if c.is_alphabetic() => {
            let rest = &t[c.len_utf8()..];
            rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ignore_separators() {
        assert_eq!(numbers("10 000 человек, 1,5 млн"), vec![15, 10000]);
        assert_eq!(numbers("10,000 people, 1.5 million"), vec![15, 10000]);
        assert_eq!(numbers("в 2020-м и 2021 годах"), vec![2020, 2021]);
        assert_eq!(numbers("2020 2021"), vec![2020, 2021]);
    }

    #[test]
    fn names_are_matched_through_transliteration() {
        let ru = Features::extract("Встреча прошла в Ташкенте.", Lang::Ru, vec![]);
        let en = Features::extract("The meeting took place in Tashkent.", Lang::En, vec![]);
        assert!(pair_match(&ru, &en) >= W_NAME);
        let other = Features::extract("Nothing in common here.", Lang::En, vec![]);
        assert_eq!(pair_match(&ru, &other), W_MARK * 0.0);
    }

    #[test]
    fn marks_and_terms_count() {
        let ru = Features::extract("Что такое ОДКБ?", Lang::Ru, vec![3]);
        let en = Features::extract("What is the CSTO?", Lang::En, vec![3]);
        assert!((pair_match(&ru, &en) - (W_TERM + W_MARK)).abs() < 1e-6);
        assert!(is_list_item("1. Первое"));
        assert!(is_list_item("— второе"));
        assert!(!is_list_item("2020 год"));
    }
}
