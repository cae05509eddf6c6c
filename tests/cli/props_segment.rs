//! Property tests: segmentation is lossless on any input.

use concord::segment::{Lang, Segmenter};
use proptest::prelude::*;

/// Characters that exercise every rule: letters of both scripts and cases, digits,
/// terminators, quotes, brackets, dashes and several kinds of whitespace.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'а', 'т', 'е', 'г', 'в', 'р', 'Н', 'А', 'В', 'С', 'Д', 'ж', 'I', 'V', 'X', 'a', 'S',
            'U', 'e', 'i', '0', '1', '9',
        ]),
        4 => prop::sample::select(vec![
            '.', '.', '.', '!', '?', '…', ';', ':', ')', '(', '«', '»', '„', '“', '”', '"', '\'',
            '—', '–', '-', ',', '/', '@', '№', '§',
        ]),
        3 => prop::sample::select(vec![' ', ' ', ' ', '\t', '\u{a0}', '\u{2009}', '\r', '\u{3000}']),
        1 => any::<char>(),
    ]
}

/// Tokens that look like the hard cases, glued with random separators.
fn tricky_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "г.",
            "гг.",
            "т. е.",
            "т.ч.",
            "и др.",
            "млн",
            "долл. США",
            "XIX в.",
            "Н.",
            "А.С.",
            "Токаев",
            "К.К.",
            "проф.",
            "Иванов",
            "интеграции.Для",
            "нужно?Никто",
            "«Что?»",
            "— спросил",
            "1992",
            "3,5",
            "3.5",
            "12.06.1992",
            "14.00",
            "https://a.kz/x.",
            "a@b.ru",
            "1.",
            "2)",
            ":)",
            "...",
            "?!",
            "!!!",
            "(Это так.)",
            "Mr.",
            "U.S.",
            "e.g.",
            "Затем",
            "он",
            "В",
            "в",
            " ",
            "  ",
            "\u{a0}",
        ])
        .prop_map(str::to_string),
        prop::collection::vec(tricky_char(), 0..6).prop_map(|v| v.into_iter().collect()),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(tricky_char(), 0..80).prop_map(|v| v.into_iter().collect()),
        prop::collection::vec(tricky_token(), 0..25).prop_map(|v| v.join(" ")),
        prop::collection::vec(tricky_token(), 0..25).prop_map(|v| v.concat()),
    ]
}

fn check_lossless(lang: Lang, para: &str) -> Result<(), TestCaseError> {
    let spans = Segmenter::new(lang).split(para);
    let mut prev = 0;
    for r in &spans {
        prop_assert!(r.start < r.end, "empty span {r:?}");
        prop_assert!(r.start >= prev, "overlap at {r:?}");
        prop_assert!(para.is_char_boundary(r.start) && para.is_char_boundary(r.end));
        let gap = &para[prev..r.start];
        prop_assert!(
            gap.trim().is_empty(),
            "non-whitespace {gap:?} outside spans"
        );
        let s = &para[r.clone()];
        prop_assert_eq!(s.trim(), s, "span not trimmed");
        prev = r.end;
    }
    prop_assert!(
        para[prev..].trim().is_empty(),
        "lost tail {:?}",
        &para[prev..]
    );
    prop_assert_eq!(spans.is_empty(), para.trim().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn russian_spans_cover_the_paragraph(para in paragraph()) {
        check_lossless(Lang::Ru, &para)?;
    }

    #[test]
    fn english_spans_cover_the_paragraph(para in paragraph()) {
        check_lossless(Lang::En, &para)?;
    }

    #[test]
    fn any_string_is_lossless(para in any::<String>()) {
        check_lossless(Lang::Ru, &para)?;
    }

    #[test]
    fn document_sentences_lie_in_their_paragraphs(
        paras in prop::collection::vec(paragraph(), 0..6),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let body = paras.iter().map(|p| p.replace(['\n', '\r'], " ")).collect::<Vec<_>>().join(nl);
        let doc = if bom { format!("\u{feff}{body}") } else { body };
        let seg = Segmenter::new(Lang::Ru);
        let out = seg.document(&doc);
        let nonempty = doc.trim_start_matches('\u{feff}').split('\n').filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(out.len(), nonempty);
        for (i, p) in out.iter().enumerate() {
            prop_assert_eq!(p.index, i);
            let text = &doc[p.span.clone()];
            prop_assert!(!text.contains('\n') && !text.ends_with('\r'), "line end in {:?}", text);
            let local: Vec<_> = seg.split(text).into_iter().map(|r| r.start + p.span.start..r.end + p.span.start).collect();
            prop_assert_eq!(&p.sentences, &local);
        }
    }
}
