//! Numbers in Russian and English text, compared by value.
//!
//! Russian writes `1 000` (space, no-break or thin space between groups) and `3,5`;
//! English writes `1,000` and `3.5`. Both may say `5 млн` / `5 million`. A range
//! `1999–2005` is two numbers. Values are compared, not spellings, so a correct
//! translation never trips the rule and a changed digit always does.

use std::ops::Range;

use crate::text::Lang;

/// A number found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// Its value (multipliers such as "млн"/"million" applied).
    pub value: f64,
    /// Byte range of the digits (and multiplier word) in the text.
    pub span: Range<usize>,
    /// True when the number was written in words ("three"); such numbers only satisfy
    /// a source number, they are never reported as changed.
    pub word: bool,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

const RU_MULT: &[(&str, f64)] = &[
    ("тыс", 1e3),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("трлн", 1e12),
    ("триллион", 1e12),
];
const EN_MULT: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
];
/// Number words (their initials are listed again in `extract`'s pre-filter).
const EN_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
];

/// Extracts the numbers of a text: digits (with groups, decimals and multiplier
/// words), then, in English, number words.
pub fn extract(text: &str, lang: Lang) -> Vec<Num> {
    let mut out = extract_digits(text, lang);
    if lang == Lang::En {
        number_words(text, &mut out);
    }
    out
}

/// The numbers written with digits.
fn extract_digits(text: &str, lang: Lang) -> Vec<Num> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // a digit glued to a preceding digit-or-letter sequence still starts a number
        let start = i;
        let mut int = String::new();
        let mut first_group = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            int.push(b[i] as char);
            first_group += 1;
            i += 1;
        }
        let mut frac = String::new();
        // thousands groups
        loop {
            if first_group > 3 || i >= b.len() {
                break;
            }
            let sep = text[i..].chars().next().unwrap_or('x');
            let is_sep = is_group_space(sep) || (lang == Lang::En && sep == ',');
            if !is_sep {
                break;
            }
            let after = i + sep.len_utf8();
            let digits = b[after..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 3 {
                int.push_str(&text[after..after + 3]);
                i = after + 3;
            } else {
                break;
            }
        }
        // decimal part
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            let j = i + 1;
            let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            frac.push_str(&text[j..j + digits]);
            i = j + digits;
        }
        let mut value: f64 = if frac.is_empty() {
            int.parse().unwrap_or(0.0)
        } else {
            format!("{int}.{frac}").parse().unwrap_or(0.0)
        };
        let mut end = i;
        // multiplier word
        let rest = &text[i..];
        let trimmed = rest.trim_start_matches(is_group_space);
        let mults = if lang == Lang::Ru { RU_MULT } else { EN_MULT };
        let starts = |w: &str| {
            trimmed.len() >= w.len()
                && trimmed.is_char_boundary(w.len())
                && trimmed[..w.len()].to_lowercase() == w
        };
        for (w, m) in mults {
            if trimmed.starts_with(|c: char| c.is_alphabetic()) && starts(w) {
                value *= m;
                let word_len: usize = trimmed
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .map(char::len_utf8)
                    .sum();
                end = i + (rest.len() - trimmed.len()) + word_len;
                break;
            }
        }
        out.push(Num {
            value,
            span: start..end,
            word: false,
        });
    }
    out
}

/// Appends the English number words of `text` ("three", "first").
fn number_words(text: &str, out: &mut Vec<Num>) {
    {
        for w in crate::text::words(text) {
            // every number word has 3–8 letters and starts with one of these
            if !(3..=8).contains(&w.text.len())
                || !matches!(
                    w.text.as_bytes()[0].to_ascii_lowercase(),
                    b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h'
                )
            {
                continue;
            }
            if let Some((_, v)) = EN_WORDS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(w.text))
            {
                out.push(Num {
                    value: *v,
                    span: w.start..w.end(),
                    word: true,
                });
            }
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A source number that the target lacks, with the target number that replaced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// The source number.
    pub source: Num,
    /// The target number that looks like its replacement, if any.
    pub target: Option<Num>,
}

/// Compares the numbers of a source and a target; every distinct source value must
/// occur in the target. A two-digit decade ("90-х") is satisfied by "1990s".
pub fn compare(ru: &str, en: &str) -> Vec<Mismatch> {
    let src = extract(ru, Lang::Ru);
    if src.is_empty() {
        return Vec::new();
    }
    let mut tgt = extract_digits(en, Lang::En);
    let missing_in = |tgt: &[Num]| {
        let has = |v: f64| tgt.iter().any(|t| same(t.value, v));
        let mut missing: Vec<&Num> = Vec::new();
        for s in &src {
            if missing.iter().any(|m| same(m.value, s.value)) {
                continue;
            }
            let decade = s.value.fract() == 0.0
                && (10.0..100.0).contains(&s.value)
                && (has(1900.0 + s.value) || has(2000.0 + s.value));
            if !has(s.value) && !decade {
                missing.push(s);
            }
        }
        missing
    };
    // number words only matter for what the digits leave unmatched
    let mut missing = missing_in(&tgt);
    if !missing.is_empty() {
        number_words(en, &mut tgt);
        missing = missing_in(&tgt);
    }
    let mut extra: Vec<&Num> = tgt
        .iter()
        .filter(|t| !t.word && !src.iter().any(|s| same(s.value, t.value)))
        .collect();
    missing
        .into_iter()
        .map(|s| {
            let target = if extra.is_empty() {
                None
            } else {
                Some(extra.remove(0).clone())
            };
            Mismatch {
                source: s.clone(),
                target,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(s: &str, lang: Lang) -> Vec<f64> {
        extract(s, lang).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn russian_and_english_notations() {
        assert_eq!(
            vals("1 000 и 3,5 и 1999–2005", Lang::Ru),
            [1000.0, 3.5, 1999.0, 2005.0]
        );
        assert_eq!(
            vals("1,000 and 3.5 and 1999-2005", Lang::En),
            [1000.0, 3.5, 1999.0, 2005.0]
        );
        assert_eq!(vals("5 млн и 1,5 млрд", Lang::Ru), [5e6, 1.5e9]);
        assert_eq!(vals("5 million, 1.5 billion", Lang::En), [5e6, 1.5e9]);
        assert_eq!(vals("25%", Lang::Ru), [25.0]);
        assert_eq!(vals("12\u{a0}500", Lang::Ru), [12500.0]);
    }

    #[test]
    fn comparison() {
        assert!(compare("в 1995 г. и 3,5%", "in 1995 and 3.5%").is_empty());
        assert!(compare("1 000 человек", "1,000 people").is_empty());
        assert!(compare("в 90-х годах", "in the 1990s").is_empty());
        assert!(compare("три 3 страны", "three countries").is_empty());
        let m = compare("в 1995 г.", "in 1996");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].target.as_ref().unwrap().value, 1996.0);
        let m = compare("в 1995 г.", "then");
        assert!(m[0].target.is_none());
    }

    #[test]
    fn number_words_pass_the_initial_filter() {
        for (w, _) in EN_WORDS {
            let found = extract(&format!("at {w} and {}", w.to_uppercase()), Lang::En);
            assert_eq!(found.len(), 2, "{w}");
        }
    }
}
