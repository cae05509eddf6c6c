//! Gold-set tests for the sentence segmenter.
//!
//! `tests/data/segment/*_gold.txt` hold one paragraph a line with `|` at each sentence
//! boundary (see `tests/data/segment/README.md`); `sample_gold.txt` holds the sample
//! document's segmentation, one sentence a line and a blank line after each paragraph.

use std::path::Path;

use concord::segment::{Lang, Segmenter};

fn data(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/segment")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs a `|`-marked gold file; returns the error count and a description of each.
fn run_gold(name: &str, lang: Lang) -> (usize, usize, Vec<String>) {
    let seg = Segmenter::new(lang);
    let mut cases = 0;
    let mut errors = Vec::new();
    for (n, line) in data(name).lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cases += 1;
        let text: String = line.chars().filter(|&c| c != '|').collect();
        let want: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let got: Vec<&str> = seg.split(&text).into_iter().map(|r| &text[r]).collect();
        if got != want {
            errors.push(format!(
                "{name}:{}\n  want: {}\n  got:  {}",
                n + 1,
                want.join(" | "),
                got.join(" | ")
            ));
        }
    }
    (cases, errors.len(), errors)
}

fn assert_gold(name: &str, lang: Lang, min_cases: usize) {
    let (cases, n, errors) = run_gold(name, lang);
    for e in &errors {
        eprintln!("{e}");
    }
    assert!(cases >= min_cases, "{name}: only {cases} cases");
    assert_eq!(n, 0, "{name}: {n} of {cases} paragraphs segmented wrongly");
}

#[test]
fn russian_gold_set_has_no_error() {
    assert_gold("ru_gold.txt", Lang::Ru, 200);
}

#[test]
fn english_gold_set_has_no_error() {
    assert_gold("en_gold.txt", Lang::En, 50);
}

#[test]
fn sample_document_segments_exactly_as_gold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("source/kazakhstan-foreign-policy.ru.txt"))
        .expect("sample source");
    let gold = data("sample_gold.txt");
    let want: Vec<Vec<&str>> = gold
        .split("\n\n")
        .map(|p| p.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    let paras = Segmenter::new(Lang::Ru).document(&doc);
    let got: Vec<Vec<&str>> = paras
        .iter()
        .map(|p| p.sentences.iter().map(|r| &doc[r.clone()]).collect())
        .collect();
    assert_eq!(got.len(), want.len(), "paragraph count");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "paragraph {}", i + 1);
    }
    assert_eq!(got.iter().map(Vec::len).sum::<usize>(), 36);
}
