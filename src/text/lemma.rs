//! Russian lemmas from a dictionary: the key the term matcher uses for proper names.
//!
//! A Snowball stem is too short a key for a name: "суда" and "Судан" share `суд`,
//! "грузов" and "Грузия" share `груз`, "маска" and "Маск" share `маск`. The
//! OpenCorpora dictionary bundled with [`rumorph`] knows the paradigm of every
//! word it lists, so "Судана" has the lemma `судан` and "суда" the lemmas `суд` and
//! `судно`, never `судан`.
//!
//! The dictionary (about 20 MB, CC BY-SA 4.0, from the `rumorph-dict-ru` crate) is
//! compiled into the binary and checked once per process on first use (a few
//! milliseconds in a release build); [`with_lemmas`] caches the analysis of every
//! distinct word per thread, so a memory that repeats its words looks each up once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// What the dictionary says about one word form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lemmas {
    /// The form is in the dictionary (not guessed from its ending).
    pub known: bool,
    /// Folded lemmas (lower case, ё→е) of the dictionary's analyses, most probable
    /// first, without repeats.
    pub all: Vec<Box<str>>,
    /// Those of [`Lemmas::all`] whose analysis is a proper noun (`PROPN`).
    pub proper: Vec<Box<str>>,
}

static DICTIONARY: OnceLock<Option<rumorph::Dictionary>> = OnceLock::new();

/// The bundled dictionary, loaded on first use (`None` if it failed to load, in which
/// case the matcher falls back to stems).
pub fn dictionary() -> Option<&'static rumorph::Dictionary> {
    DICTIONARY
        .get_or_init(|| rumorph::Dictionary::bundled().ok())
        .as_ref()
}

type Cache = HashMap<Box<str>, Lemmas, BuildHasherDefault<super::hash::FxHasher>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Analyses one word (uncached): see [`with_lemmas`].
pub fn lemmas(word: &str) -> Lemmas {
    let mut out = Lemmas::default();
    let Some(d) = dictionary() else {
        return out;
    };
    for a in d.analyze(word) {
        if a.source != rumorph::Source::Dictionary {
            continue;
        }
        out.known = true;
        let mut lemma = String::with_capacity(a.lemma.len());
        for c in a.lemma.chars() {
            super::fold::fold_char_into(c, &mut lemma);
        }
        let proper = d.ud_tag(a.ud).is_some_and(|t| t.pos() == "PROPN");
        if proper && !out.proper.iter().any(|l| **l == *lemma) {
            out.proper.push(lemma.as_str().into());
        }
        if !out.all.iter().any(|l| **l == *lemma) {
            out.all.push(lemma.into());
        }
    }
    out
}

/// Calls `f` with the dictionary's lemmas of `word` (as written: case matters to the
/// analyser), caching per thread.
pub fn with_lemmas<R>(word: &str, f: impl FnOnce(&Lemmas) -> R) -> R {
    CACHE.with(|cache| {
        if let Some(l) = cache.borrow().get(word) {
            return f(l);
        }
        let l = lemmas(word);
        let r = f(&l);
        let mut c = cache.borrow_mut();
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(word.into(), l);
        r
    })
}

/// The folded forms of the lexeme whose dictionary form `word` is (or of its most
/// probable lexeme, for a word the termbase gives inflected), in paradigm order; empty
/// for a word the dictionary does not know. The matcher stems each, so that a general
/// term meets the forms whose stem differs from its own ("день" and "Дня").
pub fn paradigm(word: &str) -> Vec<String> {
    let Some(d) = dictionary() else {
        return Vec::new();
    };
    let fold = |w: &str| {
        let mut f = String::with_capacity(w.len());
        for c in w.chars() {
            super::fold::fold_char_into(c, &mut f);
        }
        f
    };
    let me = fold(word);
    let analyses: Vec<_> = d
        .analyze(word)
        .into_iter()
        .filter(|a| a.source == rumorph::Source::Dictionary)
        .collect();
    let Some(a) = analyses
        .iter()
        .find(|a| fold(&a.lemma) == me)
        .or(analyses.first())
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for f in d.forms(a) {
        let f = fold(&f.word);
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// True for a word written as a name: a capital first letter and at least two
/// letters ("Судана", "ГРУЗИИ"; not "суда", not the initial "Н").
pub fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    matches!(chars.next(), Some(c) if c.is_uppercase()) && chars.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_have_their_own_lemmas() {
        let l = |w: &str| lemmas(w).all;
        assert!(l("Судана").iter().any(|x| &**x == "судан"));
        assert!(!l("суда").iter().any(|x| &**x == "судан"));
        assert!(!l("грузов").iter().any(|x| &**x == "грузия"));
        assert!(l("ГРУЗИИ").iter().any(|x| &**x == "грузия"));
        assert!(!l("Германа").iter().any(|x| &**x == "германия"));
        assert!(!l("армии").iter().any(|x| &**x == "армения"));
        assert!(l("Дегтярёва").iter().any(|x| &**x == "дегтярев"));
        assert!(lemmas("Армения").proper.iter().any(|x| &**x == "армения"));
        assert!(!lemmas("Шмырдяковскому").known);
    }

    #[test]
    fn capitalised_words() {
        assert!(is_capitalised("Судан"));
        assert!(is_capitalised("ГРУЗИИ"));
        assert!(!is_capitalised("суд"));
        assert!(!is_capitalised("Н"));
    }
}
