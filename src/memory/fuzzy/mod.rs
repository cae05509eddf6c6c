//! Fuzzy-match scoring: the documented formula, its tokenisation, and distance bounds.
//!
//! concord scores a memory source `s` against a query `q` as
//! `score = 100 · (1 − lev(q, s) / max(|q|, |s|))`, where both texts are first folded
//! with [`crate::text::fold`] (NFC, lower case, ё→е, whitespace runs to one space,
//! trimmed) and then cut into symbols:
//!
//! - [`Scorer::Word`]: the word tokens of [`crate::text::words`] (maximal runs of
//!   letters, digits and combining marks, with inner `-`, `'`, `’` and U+2011 kept);
//!   punctuation and spaces are not symbols, so `Привет!` and `привет` score 100;
//! - [`Scorer::Char`]: the Unicode code points of the folded text (spaces and punctuation
//!   included).
//!
//! `lev` is the Levenshtein distance (insert, delete, substitute a symbol, each cost 1).
//! Two empty symbol sequences score 100; a query without symbols gets exact matches only.

pub mod levenshtein;

use crate::text;

/// Which symbols the Levenshtein distance runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Scorer {
    /// Word tokens (the default, as OmegaT scores fuzzy matches).
    #[default]
    Word,
    /// Unicode code points.
    Char,
}

impl std::str::FromStr for Scorer {
    type Err = String;
    fn from_str(s: &str) -> Result<Scorer, String> {
        match s {
            "word" => Ok(Scorer::Word),
            "char" => Ok(Scorer::Char),
            _ => Err(format!("unknown scorer `{s}`: expected word or char")),
        }
    }
}

/// The folded word tokens of a text (the symbols of [`Scorer::Word`]).
pub fn word_tokens(folded: &str) -> Vec<&str> {
    fast_words(folded)
}

/// Scores `s` against `q` with the documented formula (0..=100).
///
/// ```
/// use concord::memory::{score, Scorer};
/// assert_eq!(score("Казахстан и Россия", "казахстан и китай", Scorer::Word), 100.0 * (1.0 - 1.0 / 3.0));
/// assert_eq!(score("Ёж", "еж.", Scorer::Word), 100.0);
/// ```
pub fn score(q: &str, s: &str, scorer: Scorer) -> f64 {
    let (q, s) = (text::fold(q), text::fold(s));
    let (a, b): (Vec<u32>, Vec<u32>) = match scorer {
        Scorer::Char => (
            q.chars().map(u32::from).collect(),
            s.chars().map(u32::from).collect(),
        ),
        Scorer::Word => {
            let mut ids = std::collections::HashMap::new();
            let mut id = |t: &str| {
                let n = ids.len() as u32;
                *ids.entry(t.to_string()).or_insert(n)
            };
            let a = word_tokens(&q).into_iter().map(&mut id).collect();
            let b = word_tokens(&s).into_iter().map(&mut id).collect();
            (a, b)
        }
    };
    let d = levenshtein::distance(&a, &b);
    score_from_distance(d, a.len().max(b.len()))
}

/// The score for distance `d` between sequences whose longer one has `longest` symbols.
///
/// Every code path computes scores through this one function, so the index and a
/// brute-force scan produce bit-identical `f64`s.
#[inline]
pub fn score_from_distance(d: usize, longest: usize) -> f64 {
    if longest == 0 {
        return 100.0;
    }
    100.0 * (1.0 - d as f64 / longest as f64)
}

/// The largest distance that still scores at least `min_score` when the longer sequence
/// has `longest` symbols, or `None` when no distance does (min_score above 100).
pub fn max_distance(longest: usize, min_score: f64) -> Option<usize> {
    if score_from_distance(0, longest) < min_score {
        return None;
    }
    // estimate, then fix up against the exact f64 formula
    let t = ((100.0 - min_score) / 100.0).clamp(0.0, 1.0);
    let mut d = ((longest as f64) * t).floor() as usize;
    d = d.min(longest);
    while d > 0 && score_from_distance(d, longest) < min_score {
        d -= 1;
    }
    while d < longest && score_from_distance(d + 1, longest) >= min_score {
        d += 1;
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_distance_matches_formula() {
        for longest in 0..200 {
            for s in [0.0, 1.0, 33.3, 50.0, 69.99, 70.0, 75.0, 99.5, 100.0, 100.1] {
                let got = max_distance(longest, s);
                let want = (0..=longest)
                    .rev()
                    .find(|&d| score_from_distance(d, longest) >= s);
                assert_eq!(got, want, "longest {longest} min {s}");
            }
        }
    }

    #[test]
    fn char_scorer_counts_code_points_after_folding() {
        assert_eq!(score("ЁЖ", "еж", Scorer::Char), 100.0);
        assert_eq!(score("абвг", "абвд", Scorer::Char), 75.0);
        assert_eq!(score("", "", Scorer::Char), 100.0);
        assert_eq!(score("а", "", Scorer::Char), 0.0);
    }

    #[test]
    fn word_scorer_ignores_punctuation_and_spacing() {
        assert_eq!(score("В  2020 г.", "в 2020 г", Scorer::Word), 100.0);
        assert_eq!(score("a b c d", "a x c d", Scorer::Word), 75.0);
    }
}

/// [`text::words`] as plain strings, through the byte-level tokeniser the checker uses;
/// always equal to it.
pub fn fast_words(s: &str) -> Vec<&str> {
    crate::text::words(s).map(|t| t.text).collect()
}

#[cfg(test)]
mod fast_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_paths_equal_the_reference(s in "[a-zA-Zа-яА-ЯёЁЀ-џ0-9 \t.,«»\\-'’\u{2011}\u{2014}\u{0301}\u{0308}\u{00C0}-\u{00FF}\u{2000}\u{2116}ǅ]{0,40}") {
            let f = text::fold(&s);
            prop_assert_eq!(fast_words(&f), text::words(&f).map(|t| t.text).collect::<Vec<_>>());
            prop_assert_eq!(fast_words(&s), text::words(&s).map(|t| t.text).collect::<Vec<_>>());
        }
    }
}
