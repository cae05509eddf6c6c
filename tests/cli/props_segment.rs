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
            ". . .",
            ". . . .",
            "N°.",
            "``",
            "(...)",
            "а. е.",
            "до н. э.",
            "я.",
            "48°C.",
            "McDonald's.",
            "Может…",
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
        let nonempty = doc.strip_prefix('\u{feff}').unwrap_or(&doc).split('\n').filter(|l| !l.trim().is_empty()).count();
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

/// Every character with the Unicode White_Space property.
const WHITE_SPACE: &[char] = &[
    '\u{9}', '\u{a}', '\u{b}', '\u{c}', '\u{d}', '\u{20}', '\u{85}', '\u{a0}', '\u{1680}',
    '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}',
    '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

#[test]
fn white_space_list_is_complete() {
    let all: Vec<char> = (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .collect();
    assert_eq!(all, WHITE_SPACE);
}

/// Abbreviations with inner periods, as written: "т.д" becomes ["т.", "д."].
fn dotted_abbreviations(lang: Lang) -> Vec<Vec<String>> {
    let seg = Segmenter::new(lang);
    let mut out: Vec<Vec<String>> = seg
        .abbreviations()
        .filter(|k| k.contains('.'))
        .map(|k| k.split('.').map(|p| format!("{p}.")).collect())
        .collect();
    out.sort();
    out
}

/// Sentence ends as counts of non-space characters before them (the UD convention).
fn boundaries(lang: Lang, text: &str) -> Vec<usize> {
    let spans = Segmenter::new(lang).split(text);
    spans
        .iter()
        .take(spans.len().saturating_sub(1))
        .map(|r| text[..r.end].chars().filter(|c| !c.is_whitespace()).count())
        .collect()
}

/// Joins the pieces of an abbreviation with `sep` after each inner period (none before
/// a hyphen: "чл.-корр.").
fn spell(pieces: &[String], sep: &str) -> String {
    let mut s = String::new();
    for (n, p) in pieces.iter().enumerate() {
        if n > 0 && !p.starts_with('-') {
            s.push_str(sep);
        }
        s.push_str(p);
    }
    s
}

/// Contexts around an abbreviation: before a capital, before a lowercase word, before
/// a number, after a number, at a sentence start.
fn contexts(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Ru => &[
            ("Сюда входят все ", " Затем все ушли."),
            ("Сюда входят все ", " затем все ушли."),
            ("Было 5 ", " Затем все ушли."),
            ("Было ", " 5 штук."),
            ("", " Затем все ушли."),
        ],
        Lang::En => &[
            ("It was ", " Then we left."),
            ("It was ", " then we left."),
            ("It was 5 ", " Then we left."),
            ("", " Then we left."),
        ],
    }
}

fn check_whitespace_invariance(lang: Lang, pieces: &[String], sep: &str, ctx: usize) {
    let (pre, post) = contexts(lang)[ctx % contexts(lang).len()];
    let plain = format!("{pre}{}{post}", spell(pieces, " "));
    let other = format!("{pre}{}{post}", spell(pieces, sep));
    assert_eq!(
        boundaries(lang, &other),
        boundaries(lang, &plain),
        "{other:?} splits unlike {plain:?}"
    );
}

/// The split does not depend on which whitespace sits inside an abbreviation: every
/// White_Space character, once or twice, in every dotted abbreviation of both lists.
#[test]
fn every_white_space_in_every_abbreviation() {
    for lang in [Lang::Ru, Lang::En] {
        let abbrs = dotted_abbreviations(lang);
        assert!(
            abbrs.len() >= 5,
            "{lang:?}: {} dotted abbreviations",
            abbrs.len()
        );
        for pieces in &abbrs {
            for &ws in WHITE_SPACE {
                for sep in [ws.to_string(), format!("{ws}{ws}"), format!(" {ws}")] {
                    for ctx in 0..contexts(lang).len() {
                        check_whitespace_invariance(lang, pieces, &sep, ctx);
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The same over random runs of mixed whitespace and random surrounding text.
    #[test]
    fn abbreviation_split_ignores_whitespace_kind(
        ru in any::<bool>(),
        which in any::<prop::sample::Index>(),
        seps in prop::collection::vec(prop::sample::select(WHITE_SPACE), 1..4),
        ctx in 0..5usize,
        tail in prop::collection::vec(tricky_token(), 0..4),
    ) {
        let lang = if ru { Lang::Ru } else { Lang::En };
        let abbrs = dotted_abbreviations(lang);
        let pieces = &abbrs[which.index(abbrs.len())];
        let sep: String = seps.into_iter().collect();
        let (pre, post) = contexts(lang)[ctx % contexts(lang).len()];
        let tail = tail.join(" ").replace(char::is_whitespace, " ");
        let plain = format!("{pre}{}{post} {tail}", spell(pieces, " "));
        let other = format!("{pre}{}{post} {tail}", spell(pieces, &sep));
        prop_assert_eq!(boundaries(lang, &other), boundaries(lang, &plain), "{:?} vs {:?}", other, plain);
    }
}
