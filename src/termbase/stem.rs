//! Token normalisation for term matching: Russian stems, English light plurals, acronyms.
//!
//! Russian words are folded (lower case, ё→е) and stemmed with Snowball Russian;
//! acronyms (ЦАС, ЕврАзЭС, CIS, EurAsEC) are kept exactly, because "ЦАС" inside
//! "ОЦАС" or "Eurasec" for "EurAsEC" must not match. English words lose a possessive
//! (`'s`, `’s`, `s'`) and a regular plural, which is all the inflection English terms have.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// True for acronym-like tokens: at least two letters, of which at least two are
/// capitals and the first letter is a capital (ЦАС, ОДКБ, ЕврАзЭС, CIS, EurAsEC, NGOs).
pub fn is_acronym(token: &str) -> bool {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    for c in token.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(c.is_uppercase());
            }
        }
    }
    letters >= 2 && upper >= 2 && first_upper == Some(true)
}

thread_local! {
    static RU: Stemmer = Stemmer::create(Algorithm::Russian);
    static RU_CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Stems one folded Russian word (already lower case, ё→е).
pub fn stem_ru_folded(folded: &str) -> String {
    RU_CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(folded) {
            return s.clone();
        }
        let s = RU.with(|st| st.stem(folded).into_owned());
        let mut c = cache.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(folded.to_string(), s.clone());
        s
    })
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
        crate::text::fold_char_into(c, &mut f);
    }
    stem_ru_folded(&f)
}

/// Strips an English possessive: `Kazakhstan’s`, `CIS's` → stem; `states'` → `states`.
pub fn strip_possessive(token: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(s) = token.strip_suffix(suf) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    for suf in ["'", "’"] {
        if let Some(s) = token.strip_suffix(suf) {
            if s.ends_with('s') {
                return s;
            }
        }
    }
    token
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
