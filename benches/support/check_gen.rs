//! Synthetic termbases and memories for the `check` benchmark.
//!
//! Deterministic (a fixed-seed xorshift), so runs are comparable. Russian terms are
//! made of pseudo-words with real inflection endings, so the stemmer and the trie do
//! real work; English renderings are pseudo-words in title or lower case plus
//! acronyms. Every segment carries a few terms (some inflected, some mistranslated or
//! misspelt), a number and twenty filler words.

use concord::termbase::{Concept, Termbase};

pub(crate) use crate::rng::Rng;

const RU_SYL: &[&str] = &[
    "ка", "ро", "ми", "ста", "ну", "зе", "ли", "да", "вер", "тон", "гра", "пол", "сен", "дор",
    "кли", "мар", "тус", "бей", "жо", "рах",
];
const EN_SYL: &[&str] = &[
    "ka", "ro", "mi", "sta", "nu", "ze", "li", "da", "ver", "ton", "gra", "pol", "sen", "dor",
    "kli", "mar", "tus", "bey", "zho", "rakh",
];
const RU_FILLER: &[&str] = &[
    "политика",
    "развитие",
    "государства",
    "сотрудничество",
    "регион",
    "в",
    "и",
    "на",
    "с",
    "который",
    "отношения",
    "экономический",
    "безопасность",
    "стратегии",
    "рамках",
    "процесс",
    "внешней",
    "международный",
    "уровне",
    "интересы",
    "по",
    "для",
    "что",
    "не",
    "также",
    "стороны",
    "решение",
    "вопросы",
    "году",
    "договора",
    "роль",
    "страны",
    "партнерами",
    "ряд",
    "документов",
    "подписание",
    "позиции",
    "мира",
    "стабильности",
    "соседями",
];
const EN_FILLER: &[&str] = &[
    "policy",
    "development",
    "states",
    "cooperation",
    "region",
    "in",
    "and",
    "on",
    "with",
    "which",
    "relations",
    "economic",
    "security",
    "strategy",
    "within",
    "process",
    "foreign",
    "international",
    "level",
    "interests",
    "for",
    "that",
    "not",
    "also",
    "parties",
    "decision",
    "issues",
    "year",
    "treaty",
    "role",
    "countries",
    "partners",
    "number",
    "documents",
    "signing",
    "position",
    "peace",
    "stability",
    "neighbours",
    "the",
];
const RU_ENDINGS: &[&str] = &["а", "ы", "е", "ой", "у"];

fn word(rng: &mut Rng, syl: &[&str], n: usize) -> (String, Vec<usize>) {
    let idx: Vec<usize> = (0..n).map(|_| rng.below(syl.len())).collect();
    (idx.iter().map(|&i| syl[i]).collect(), idx)
}

fn en_of(idx: &[usize]) -> String {
    idx.iter().map(|&i| EN_SYL[i]).collect()
}

fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One generated concept with the pieces needed to write segments.
pub(crate) struct GenConcept {
    /// Russian stems of each word (inflect by appending an ending).
    pub ru_stems: Vec<String>,
    /// Russian acronym.
    pub acronym: String,
    /// The approved English.
    pub en: String,
}

/// A termbase of `n` concepts (1–3 words, an acronym, a variant, a forbidden form).
pub(crate) fn termbase(n: usize, seed: u64) -> (Termbase, Vec<GenConcept>) {
    let mut rng = Rng::new(seed);
    let mut concepts = Vec::with_capacity(n);
    let mut gen = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    while concepts.len() < n {
        let words = 1 + rng.below(3);
        let mut ru_stems = Vec::new();
        let mut en_words = Vec::new();
        for _ in 0..words {
            let len = 3 + rng.below(2);
            let (ru, idx) = word(&mut rng, RU_SYL, len);
            ru_stems.push(format!("{ru}н"));
            en_words.push(title(&format!("{}n", en_of(&idx))));
        }
        let ru_full: Vec<String> = ru_stems.iter().map(|s| format!("{s}а")).collect();
        let ru_full = ru_full.join(" ");
        if !seen.insert(ru_full.clone()) {
            continue;
        }
        let acronym: String = ru_stems
            .iter()
            .flat_map(|s| s.chars().take(2))
            .collect::<String>()
            .to_uppercase();
        let en = en_words.join(" ");
        let en_acr: String = en_words
            .iter()
            .flat_map(|w| w.chars().take(2))
            .collect::<String>()
            .to_uppercase();
        concepts.push(Concept {
            id: format!("c{}", concepts.len()),
            ru: vec![ru_full, acronym.clone()],
            en: en.clone(),
            variants: vec![en_acr],
            forbidden: vec![format!("{en} Organisation")],
            ..Concept::default()
        });
        gen.push(GenConcept {
            ru_stems,
            acronym,
            en,
        });
    }
    (Termbase { concepts }, gen)
}

/// `n` segments (ru, en): 20 filler words, up to three terms (inflected), a year; about
/// one segment in ten has an error (a missing term, a misspelt term or a changed year).
pub(crate) fn memory(n: usize, concepts: &[GenConcept], seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut ru = String::new();
        let mut en = String::new();
        let terms = rng.below(4);
        let year = 1990 + rng.below(30);
        let error = rng.below(10) == 0;
        for k in 0..20 {
            let w = rng.below(RU_FILLER.len());
            if k > 0 {
                ru.push(' ');
                en.push(' ');
            }
            ru.push_str(RU_FILLER[w]);
            en.push_str(EN_FILLER[w.min(EN_FILLER.len() - 1)]);
            if k % 7 == 3 && terms > k / 7 {
                let c = &concepts[rng.below(concepts.len())];
                if rng.below(4) == 0 {
                    ru.push_str(&format!(" ({})", c.acronym));
                } else {
                    let ending = RU_ENDINGS[rng.below(RU_ENDINGS.len())];
                    for s in &c.ru_stems {
                        ru.push(' ');
                        ru.push_str(s);
                        ru.push_str(ending);
                    }
                }
                if !(error && rng.below(2) == 0) {
                    en.push(' ');
                    if error {
                        // drop the last letter: a near-miss
                        let mut e = c.en.clone();
                        e.pop();
                        en.push_str(&e);
                    } else {
                        en.push_str(&c.en);
                        if rng.below(3) == 0 {
                            en.push_str("’s");
                        }
                    }
                }
            }
        }
        ru.push_str(&format!(" в {year} г."));
        let y = if error && rng.below(3) == 0 {
            year + 1
        } else {
            year
        };
        en.push_str(&format!(" in {y}."));
        out.push((ru, en));
    }
    out
}
