//! Token normalisation for term matching: Russian stems, English light plurals, acronyms.
//!
//! Russian words are folded (lower case, ё→е) and stemmed with Snowball Russian;
//! acronyms (ЦАС, ЕврАзЭС, CIS, EurAsEC) are kept exactly, because "ЦАС" inside
//! "ОЦАС" or "Eurasec" for "EurAsEC" must not match. English words lose a possessive
//! (`'s`, `’s`, `s'`) and a regular plural, which is all the inflection English terms have.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rust_stemmers::{Algorithm, Stemmer};

pub use super::tokens::strip_possessive;

/// True for acronym-like tokens: at least two letters, of which at least two are
/// capitals and the first letter is a capital (ЦАС, ОДКБ, ЕврАзЭС, CIS, EurAsEC, NGOs).
pub fn is_acronym(token: &str) -> bool {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    for c in token.chars() {
        if let Some(u) = letter_case(c) {
            letters += 1;
            if u {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(u);
            }
        }
    }
    letters >= 2 && upper >= 2 && first_upper == Some(true)
}

/// True when a whole termbase form is one acronym token (ЦАС, ЕврАзЭС), not a
/// multiword name that merely contains capitals (Генеральная Ассамблея ООН): what
/// `concord termbase stats` counts as an acronym.
pub fn is_acronym_form(form: &str) -> bool {
    let form = form.trim();
    match super::tokens::sub_tokens(form, false).as_slice() {
        [t] => t.text.len() == form.len() && is_acronym(t.text),
        _ => false,
    }
}

/// `Some(true)` for a capital letter, `Some(false)` for another letter, `None` for a
/// non-letter; fast for ASCII and basic Cyrillic, the common case in this domain.
#[inline]
pub fn letter_case(c: char) -> Option<bool> {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042F}' => Some(true),
        'a'..='z' | '\u{0430}'..='\u{045F}' => Some(false),
        c if c.is_ascii() => None,
        c if c.is_alphabetic() => Some(c.is_uppercase()),
        _ => None,
    }
}

type StemCache = HashMap<Box<str>, (Box<str>, Box<str>), BuildHasherDefault<super::hash::FxHasher>>;

thread_local! {
    static RU: Stemmer = Stemmer::create(Algorithm::Russian);
    static RU_CACHE: RefCell<StemCache> = RefCell::new(StemCache::default());
}

/// Calls `f` with the stem of a folded Russian word and the stem of that stem (see
/// the matcher for why both), caching per thread: a text repeats its words.
pub fn with_stems<R>(folded: &str, f: impl FnOnce(&str, &str) -> R) -> R {
    RU_CACHE.with(|cache| {
        if let Some((a, b)) = cache.borrow().get(folded) {
            return f(a, b);
        }
        let (a, b) = RU.with(|st| {
            let a = st.stem(folded).into_owned();
            let b = st.stem(&a).into_owned();
            (a, b)
        });
        let r = f(&a, &b);
        let mut c = cache.borrow_mut();
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(folded.into(), (a.into(), b.into()));
        r
    })
}

/// Stems one folded Russian word (already lower case, ё→е).
pub fn stem_ru_folded(folded: &str) -> String {
    with_stems(folded, |a, _| a.to_string())
}

/// Folds (lower case, ё→е) and stems a Russian word.
///
/// ```
/// use concord::termbase::stem::stem_ru;
/// assert_eq!(stem_ru("Россией"), stem_ru("Россия"));
/// ```
pub fn stem_ru(word: &str) -> String {
    let mut f = String::with_capacity(word.len());
    for c in word.chars() {
        super::fold::fold_char_into(c, &mut f);
    }
    stem_ru_folded(&f)
}

/// Reduces a regular English plural to the singular, keeping case: `States` → `State`,
/// `countries` → `country`, `NGOs` → `NGO`; acronyms ending in a capital S (`CIS`) and
/// words in -ss, -us, -is are left alone.
pub fn singular_en(token: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let n = token.chars().count();
    if is_acronym(token) {
        // "NGOs": a lower-case s after capitals
        if let Some(s) = token.strip_suffix('s') {
            if s.chars().last().is_some_and(char::is_uppercase) {
                return Cow::Borrowed(s);
            }
        }
        return Cow::Borrowed(token);
    }
    if n < 4 {
        return Cow::Borrowed(token);
    }
    if let Some(s) = token.strip_suffix("ies") {
        if n > 4 {
            return Cow::Owned(format!("{s}y"));
        }
    }
    for suf in ["sses", "shes", "ches", "xes"] {
        if token.ends_with(suf) {
            return Cow::Borrowed(&token[..token.len() - 2]);
        }
    }
    for keep in ["ss", "us", "is", "'s"] {
        if token.ends_with(keep) {
            return Cow::Borrowed(token);
        }
    }
    match token.strip_suffix('s') {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Borrowed(token),
    }
}

/// Normalises an English token for matching (case kept): possessive and plural removed.
pub fn norm_en(token: &str) -> std::borrow::Cow<'_, str> {
    singular_en(strip_possessive(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_inflections_share_stems() {
        for (a, b) in [
            ("Россией", "Россия"),
            ("Азии", "Азия"),
            ("Центральной", "Центральная"),
            ("сотрудничества", "сотрудничество"),
            ("ядерных", "ядерные"),
            ("Ёлки", "елка"),
        ] {
            assert_eq!(stem_ru(a), stem_ru(b), "{a} / {b}");
        }
    }

    #[test]
    fn acronyms() {
        for a in ["ЦАС", "ЕврАзЭС", "CIS", "EurAsEC", "NGOs", "ОДКБ"] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["Назарбаев", "Eurasec", "Н", "state", "eurAsEC"] {
            assert!(!is_acronym(a), "{a}");
        }
    }

    #[test]
    fn acronym_forms_are_single_tokens() {
        for f in ["ЦАС", "ЕврАзЭС", " СНГ ", "CIS"] {
            assert!(is_acronym_form(f), "{f}");
        }
        for f in [
            "Генеральная Ассамблея ООН",
            "ООН-овский",
            "Н. Назарбаев",
            "ОДКБ РФ",
            "Назарбаев",
            "",
        ] {
            assert!(!is_acronym_form(f), "{f}");
        }
    }

    #[test]
    fn english_normalisation() {
        assert_eq!(norm_en("Kazakhstan’s"), "Kazakhstan");
        assert_eq!(norm_en("CIS's"), "CIS");
        assert_eq!(norm_en("CIS"), "CIS");
        assert_eq!(norm_en("States"), "State");
        assert_eq!(norm_en("countries"), "country");
        assert_eq!(norm_en("NGOs"), "NGO");
        assert_eq!(norm_en("powers'"), "power");
        assert_eq!(norm_en("Congress"), "Congress");
        assert_eq!(norm_en("treaties"), "treaty");
    }
}
