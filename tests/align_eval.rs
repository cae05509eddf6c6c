//! A small version of the alignment evaluation (`scripts/align/eval.py`): clean and
//! edited documents built from true 1-1 pairs, scored with strict F1 as Vecalign
//! defines it. Runs on the fixtures in tests/data/align, and on the WMT 2021 pairs in
//! ../shared when present (skipped with a note otherwise).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concord::align::eval::{edit_translation, to_index_beads, Counts, Rng, TestPair};
use concord::align::{align, AlignOptions};

fn read_pairs(path: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let ru = f.next().unwrap_or("").to_string();
            let en = f.next().unwrap_or("").to_string();
            let doc = f.next().unwrap_or("").to_string();
            (ru, en, doc)
        })
        .filter(|(ru, en, _)| ru != "ru" || en != "en")
        .collect()
}

fn score(docs: &[TestPair], opts: &AlignOptions) -> f64 {
    let mut counts = Counts::default();
    for d in docs {
        let ru: Vec<&str> = d.ru.iter().map(String::as_str).collect();
        let en: Vec<&str> = d.en.iter().map(String::as_str).collect();
        counts.add(&d.gold, &to_index_beads(&align(&ru, &en, opts)));
    }
    counts.scores().f1_strict
}

/// Clean and edited test pairs from documents of 1-1 pairs; `copies` edited versions each.
fn build(docs: &[Vec<(String, String)>], copies: u64) -> (Vec<TestPair>, Vec<TestPair>) {
    let mut clean = Vec::new();
    let mut mixed = Vec::new();
    for (k, doc) in docs.iter().enumerate() {
        clean.push(TestPair {
            ru: doc.iter().map(|p| p.0.clone()).collect(),
            en: doc.iter().map(|p| p.1.clone()).collect(),
            gold: (0..doc.len()).map(|i| (vec![i], vec![i])).collect(),
        });
        let fillers: Vec<String> = docs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, d)| d.iter().map(|p| p.1.clone()))
            .collect();
        for seed in 0..copies {
            let mut rng = Rng::new(seed * 1000 + k as u64);
            mixed.push(edit_translation(doc, &fillers, &mut rng));
        }
    }
    (clean, mixed)
}

#[test]
fn fixtures_align_well() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/align");
    let docs: Vec<Vec<(String, String)>> = ["summit.tsv", "garden.tsv"]
        .iter()
        .map(|f| {
            read_pairs(&dir.join(f))
                .into_iter()
                .map(|(r, e, _)| (r, e))
                .collect()
        })
        .collect();
    let (clean, mixed) = build(&docs, 12);
    let non11: usize = mixed
        .iter()
        .flat_map(|d| &d.gold)
        .filter(|(a, b)| a.len() != 1 || b.len() != 1)
        .count();
    let total: usize = mixed.iter().map(|d| d.gold.len()).sum();
    assert!(non11 * 100 / total >= 8, "too few edits: {non11}/{total}");
    let opts = AlignOptions::default();
    let clean_f1 = score(&clean, &opts);
    let mixed_f1 = score(&mixed, &opts);
    let gc_f1 = score(&mixed, &AlignOptions::length_only());
    eprintln!("fixtures: clean {clean_f1:.3}, mixed {mixed_f1:.3}, Gale–Church mixed {gc_f1:.3}");
    assert!(clean_f1 >= 0.99, "clean strict F1 {clean_f1}");
    assert!(mixed_f1 >= 0.90, "mixed strict F1 {mixed_f1}");
    assert!(
        mixed_f1 > gc_f1,
        "anchors must beat length alone: {mixed_f1} vs {gc_f1}"
    );
}

fn shared_dir() -> Option<PathBuf> {
    let p = std::env::var_os("CONCORD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    p.join("parallel/wmt21-news-ru-en.tsv")
        .exists()
        .then_some(p)
}

#[test]
fn wmt21_news_aligns_well() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: ../shared/parallel/wmt21-news-ru-en.tsv not found; skipping the WMT 2021 evaluation");
        return;
    };
    let mut by_doc: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut order = Vec::new();
    for (ru, en, doc) in read_pairs(&shared.join("parallel/wmt21-news-ru-en.tsv")) {
        if !by_doc.contains_key(&doc) {
            order.push(doc.clone());
        }
        by_doc.entry(doc).or_default().push((ru, en));
    }
    let docs: Vec<Vec<(String, String)>> =
        order.iter().map(|d| by_doc.remove(d).unwrap()).collect();
    let (clean, mixed) = build(&docs, 1);
    let opts = AlignOptions::default();
    let clean_f1 = score(&clean, &opts);
    let mixed_f1 = score(&mixed, &opts);
    eprintln!("WMT 2021: clean {clean_f1:.3}, mixed {mixed_f1:.3}");
    assert!(clean_f1 >= 0.99, "clean strict F1 {clean_f1}");
    assert!(mixed_f1 >= 0.93, "mixed strict F1 {mixed_f1}");
}
