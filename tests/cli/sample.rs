//! The sample project's content: the termbase and the English memory of the source.
//!
//! These tests guard the data, not the code: every sentence of the sample document
//! (as the segmenter splits it) has exactly one translation in `memory/`, every
//! translation is English, and every termbase row is usable.

use concord::config::Project;
use concord::memory::Memory;
use concord::segment::{Lang, Segmenter};
use concord::termbase::Termbase;
use std::collections::HashMap;
use std::path::Path;

use crate::util::root;

/// The sample project, read through `concord.toml` as the commands read it.
fn project() -> Project {
    Project::load(&root().join("concord.toml")).expect("concord.toml loads")
}

fn source_sentences() -> Vec<String> {
    let p = project();
    let path = p.source().expect("concord.toml names the source");
    let doc = std::fs::read_to_string(&path).expect("the sample source is readable");
    Segmenter::new(Lang::Ru)
        .with_abbreviations(p.config.segment.abbreviations_ru.clone())
        .document(&doc)
        .into_iter()
        .flat_map(|p| p.sentences)
        .map(|r| doc[r].to_string())
        .collect()
}

fn memory() -> Memory {
    let path = project().memory().expect("concord.toml names the memory");
    Memory::open(&path).expect("memory/ loads")
}

fn termbase() -> Termbase {
    let path = project()
        .termbase()
        .expect("concord.toml names the termbase");
    Termbase::open(&path).expect("termbase/ loads")
}

fn has_cyrillic_letter(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_alphabetic() && ('\u{0400}'..='\u{052F}').contains(&c))
}

#[test]
fn every_source_sentence_has_exactly_one_entry() {
    let sentences = source_sentences();
    assert!(sentences.len() >= 30, "the sample has 36 sentences");
    let mem = memory();
    let mut by_ru: HashMap<&str, Vec<&Path>> = HashMap::new();
    for e in &mem.entries {
        by_ru.entry(e.ru.as_str()).or_default().push(&e.origin.path);
    }
    let missing: Vec<&String> = sentences
        .iter()
        .filter(|s| !by_ru.contains_key(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "sentences without an entry: {missing:#?}"
    );
    let duplicated: Vec<&&str> = by_ru
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(ru, _)| ru)
        .collect();
    assert!(duplicated.is_empty(), "duplicate entries: {duplicated:#?}");
    let stray: Vec<&str> = mem
        .entries
        .iter()
        .map(|e| e.ru.as_str())
        .filter(|ru| !sentences.iter().any(|s| s == ru))
        .collect();
    assert!(
        stray.is_empty(),
        "entries for no source sentence: {stray:#?}"
    );
    assert_eq!(mem.entries.len(), sentences.len());
}

#[test]
fn every_translation_is_english() {
    for e in &memory().entries {
        let at = format!("{}:{}", e.origin.path.display(), e.origin.line);
        assert!(!e.en.trim().is_empty(), "{at}: empty `en`");
        assert_ne!(e.en.trim(), e.ru.trim(), "{at}: `en` equals `ru`");
        assert!(
            !has_cyrillic_letter(&e.en),
            "{at}: Cyrillic in `en`: {}",
            e.en
        );
        assert_eq!(e.en.trim(), e.en, "{at}: `en` has surrounding whitespace");
    }
}

/// Word beginnings that are British spellings of words this kind of text uses.
const BRITISH_STEMS: &[&str] = &[
    "organis",
    "globalis",
    "realise",
    "realisa",
    "stabilis",
    "democratis",
    "recognis",
    "characteris",
    "prioritis",
    "normalis",
    "modernis",
    "legitimis",
    "centralis",
    "minimis",
    "maximis",
    "analyse",
    "programme",
    "centre",
    "metre",
];

/// Word parts that are British spellings.
const BRITISH_PARTS: &[&str] = &[
    "defence",
    "neighbour",
    "favour",
    "behaviour",
    "labour",
    "honour",
];

#[test]
fn translations_keep_the_spelling_convention() {
    // American spelling, curly quotes and apostrophes (README.md, "Spelling convention").
    for e in &memory().entries {
        let at = format!("{}:{}", e.origin.path.display(), e.origin.line);
        for bad in ['"', '\'', '«', '»'] {
            assert!(!e.en.contains(bad), "{at}: `{bad}` in `en`: {}", e.en);
        }
        for w in concord::text::words(&e.en) {
            let w = w.text.to_lowercase();
            let british = BRITISH_STEMS.iter().any(|b| w.starts_with(b))
                || BRITISH_PARTS.iter().any(|b| w.contains(b));
            assert!(!british, "{at}: British spelling `{w}` in `en`: {}", e.en);
        }
    }
}

#[test]
fn every_termbase_row_is_complete_and_unique() {
    let tb = termbase();
    assert!(tb.concepts.len() >= 50, "the sample termbase is complete");
    let mut ids = HashMap::new();
    for c in &tb.concepts {
        let at = format!("{}:{}", c.origin.path.display(), c.origin.line);
        assert!(!c.id.is_empty(), "{at}: empty id");
        assert!(
            c.id.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "{at}: id `{}` is not kebab-case",
            c.id
        );
        assert!(
            ids.insert(c.id.clone(), at.clone()).is_none(),
            "{at}: duplicate id `{}`",
            c.id
        );
        assert!(
            !c.ru.is_empty() && c.ru.iter().all(|f| !f.trim().is_empty()),
            "{at}: no ru"
        );
        assert!(!c.en.trim().is_empty(), "{at}: no en");
        assert!(!c.note.trim().is_empty(), "{at}: no note");
        for f in std::iter::once(&c.en)
            .chain(&c.variants)
            .chain(&c.forbidden)
        {
            assert!(
                !has_cyrillic_letter(f),
                "{at}: Cyrillic in English form `{f}`"
            );
            assert!(
                !f.contains('"') && !f.contains('\''),
                "{at}: straight quote in `{f}`"
            );
        }
        for f in &c.forbidden {
            assert!(
                f != &c.en && !c.variants.contains(f),
                "{at}: `{f}` is both allowed and forbidden"
            );
        }
    }
}

#[test]
fn termbase_covers_the_documents_names() {
    // The names the issue lists must each be a form of some concept.
    let tb = termbase();
    let forms: Vec<&str> = tb
        .concepts
        .iter()
        .flat_map(|c| c.ru.iter().map(String::as_str))
        .collect();
    for name in [
        "ЦАС",
        "ОЦАС",
        "ЕврАзЭС",
        "ОДКБ",
        "ЕЭП",
        "СНГ",
        "СВМДА",
        "ДНЯО",
        "РК",
        "КНР",
        "США",
        "ЕС",
        "ООН",
        "СССР",
        "Генеральная Ассамблея ООН",
        "Н. Назарбаев",
        "Астана",
        "Ташкент",
        "Алматинская декларация",
        "Беловежские соглашения",
        "Договор о коллективной безопасности",
        "Закон «О национальной безопасности»",
        "middle state",
        "структурный неореализм",
        "комплекс безопасности",
        "Россия",
        "Казахстан",
        "Узбекистан",
        "Центральная Азия",
        "постсоветское пространство",
        "ядерное оружие",
    ] {
        assert!(
            forms.contains(&name),
            "no termbase concept has the form `{name}`"
        );
    }
    // Every acronym of the source (two or more capitals) is a termbase form.
    let src = std::fs::read_to_string(root().join("source/kazakhstan-foreign-policy.ru.txt"))
        .expect("source");
    for w in concord::text::words(&src) {
        let caps = w.text.chars().filter(|c| c.is_uppercase()).count();
        if caps >= 2 && w.text.chars().all(char::is_alphabetic) {
            assert!(
                forms.contains(&w.text),
                "acronym `{}` has no concept",
                w.text
            );
        }
    }
}

#[test]
fn the_sample_memory_passes_concord_check() {
    use concord::check::{CheckOptions, Checker, Segment};
    let mem = memory();
    let opts = CheckOptions::from_config(&project().config).expect("[rules] are valid");
    let checker = Checker::new(&termbase(), opts);
    let files: Vec<String> = mem
        .entries
        .iter()
        .map(|e| e.origin.path.display().to_string())
        .collect();
    let segs: Vec<Segment<'_>> = mem
        .entries
        .iter()
        .zip(&files)
        .map(|(e, file)| Segment {
            file,
            line: e.origin.line,
            ru: &e.ru,
            en: &e.en,
            en_column_offset: e.ru.chars().count() + 1,
        })
        .collect();
    let findings = checker.check_segments(&segs);
    let report: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}: {}",
                f.file,
                f.line,
                f.column,
                f.rule.id(),
                f.message
            )
        })
        .collect();
    assert!(
        findings.is_empty(),
        "concord check findings:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_check_would_catch_errors_in_the_sample_memory() {
    // A control for the test above: the same memory with typical errors is not clean,
    // so "no findings" means the translation is right, not that nothing was checked.
    use concord::check::{CheckOptions, Checker, Rule, Segment};
    let mem = memory();
    let checker = Checker::new(&termbase(), CheckOptions::default());
    let edits: [(&str, &str, Rule); 5] = [
        (
            "President Nazarbayev",
            "President Nazarbaev",
            Rule::TermVariant,
        ),
        (
            "Commonwealth of Independent States",
            "Commonwealth of Independent Countries",
            Rule::TermForbidden,
        ),
        (
            "Almaty Declaration of 1991",
            "Almaty Declaration of 1992",
            Rule::NumberMismatch,
        ),
        ("Central Asia", "Middle Asia", Rule::TermForbidden),
        ("with Tashkent", "with the Uzbek capital", Rule::TermMissing),
    ];
    for (from, to, rule) in edits {
        let e = mem
            .entries
            .iter()
            .find(|e| e.en.contains(from))
            .unwrap_or_else(|| panic!("no entry contains `{from}`"));
        let en = e.en.replacen(from, to, 1);
        let seg = Segment {
            file: "mutated.tsv",
            line: 1,
            ru: &e.ru,
            en: &en,
            en_column_offset: 0,
        };
        let rules: Vec<Rule> = checker
            .check_segments(&[seg])
            .iter()
            .map(|f| f.rule)
            .collect();
        assert!(
            rules.contains(&rule),
            "`{to}` gave {rules:?}, expected {rule:?}"
        );
    }
}
