//! Invariants of the edition over random documents and memories: the layout is kept line
//! for line, every sentence is accounted for once, the to-translate TSV reads back as
//! the missing sentences, and the HTML page shows every sentence, escaped.

use concord::edition::{html, render, untranslated, Edition, Status};
use concord::memory::{Entry, Index, Memory};
use concord::segment::{Lang, Segmenter};
use proptest::prelude::*;

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            prop::sample::select(vec![
                "Казахстан",
                "регион",
                "СНГ",
                "1991",
                "г.",
                "«мир»",
                "<b>",
                "&",
                "*x*",
                "ёлка",
                "\"да\"",
                "policy",
            ]),
            1..8,
        ),
        prop::sample::select(vec![".", "!", "?", "…"]),
    )
        .prop_map(|(words, end)| {
            let mut s = words.join(" ");
            // sentences start with a capital letter, as the segmenter expects
            let first = s.chars().next().unwrap();
            s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
            s + end
        })
}

fn document() -> impl Strategy<Value = (Vec<Vec<String>>, Vec<bool>, bool)> {
    (
        prop::collection::vec(prop::collection::vec(sentence(), 0..4), 1..6),
        prop::collection::vec(any::<bool>(), 24),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edition_accounts_for_every_sentence((paras, in_memory, final_nl) in document()) {
        let mut source = paras.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n");
        if final_nl {
            source.push('\n');
        }
        let seg = Segmenter::new(Lang::Ru);
        let sentences: Vec<String> = seg
            .document(&source)
            .iter()
            .flat_map(|p| p.sentences.iter().map(|r| source[r.clone()].to_string()))
            .collect();
        let memory = Memory {
            entries: sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| in_memory[i % in_memory.len()])
                .map(|(i, s)| Entry::new(s.to_uppercase(), format!("English {i}.")))
                .collect(),
        };
        let index = Index::build(&memory);
        let lookup = concord::edition::MemoryLookup { memory: &memory, index: &index, min_score: 101.0 };
        let ed = Edition::build(&source, &seg, &memory, &lookup, None);

        // every sentence once, exact or missing (no fuzzy above 100)
        let c = ed.coverage;
        prop_assert_eq!(c.sentences.total(), sentences.len());
        prop_assert_eq!(c.sentences.fuzzy, 0);
        let got: Vec<&str> = ed.sentences().map(|(_, s)| s.ru.as_str()).collect();
        prop_assert_eq!(&got, &sentences.iter().map(String::as_str).collect::<Vec<_>>());

        // plain text keeps the line structure
        let text = render::text(&ed);
        prop_assert_eq!(text.split('\n').count(), source.split('\n').count());
        prop_assert_eq!(text.ends_with('\n'), source.ends_with('\n'));
        for (_, s) in ed.sentences() {
            if s.status == Status::Missing {
                let marker = format!("⟦{}⟧", s.ru);
                prop_assert!(text.contains(&marker));
            }
        }

        // the to-translate list reads back as the missing sentences
        let tsv = untranslated::tsv(&ed, "doc.txt");
        let back = Memory::parse(std::path::Path::new("todo.tsv"), tsv.as_bytes()).unwrap();
        let mut missing: Vec<String> = Vec::new();
        for (_, s) in ed.sentences() {
            if s.status == Status::Missing && !missing.iter().any(|m| concord::text::fold(m) == concord::text::fold(&s.ru)) {
                missing.push(s.ru.clone());
            }
        }
        let back_ru: Vec<String> = back.entries.iter().map(|e| e.ru.clone()).collect();
        prop_assert_eq!(back_ru, missing);
        prop_assert!(back.entries.iter().all(|e| e.en.is_empty()));

        // the page has one row per sentence and every sentence, escaped
        let page = html::render(&ed, &html::PageInfo::default());
        prop_assert_eq!(page.matches("<div class=\"row ").count(), sentences.len());
        for s in &sentences {
            prop_assert!(page.contains(&html::escape(s)));
        }
        prop_assert!(!page.contains("<b>"));
    }
}
