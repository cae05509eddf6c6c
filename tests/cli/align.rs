//! `concord align` on real files: formats, flags, errors; and the alignment evaluation
//! of issue 14 (`concord::align::eval`, also run by `examples/align_eval.rs`): clean,
//! merge/split and mixed documents built from true 1-1 pairs, scored with strict F1 as
//! Vecalign defines it, on dev and held-out documents; and long concatenations of
//! shuffled documents against aligning each document alone. Runs on the fixtures in
//! tests/data/align, and on the WMT 2021 pairs in ../shared when present (skipped with
//! a note otherwise).

use std::path::Path;

use concord::align::eval::{
    concatenate, edit_translation, gale_church_classic, read_docs, run, split_dev_heldout, suite,
    to_index_beads, BigPair, Counts, Doc, EditMix, Rng, TestPair,
};
use concord::align::{align, AlignOptions};
use predicates::prelude::*;

use crate::util::{self, concord_in, tempdir};

/// Writes a Russian and an English document built from the summit fixture: paragraphs
/// of five sentences; in the English, sentences 2 and 3 are merged and sentence 9 is
/// left out.
fn documents(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text = std::fs::read_to_string(util::data("align/summit.tsv")).unwrap();
    let pairs: Vec<(&str, &str)> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let mut ru = String::new();
    let mut en = String::new();
    for (k, chunk) in pairs.chunks(5).enumerate() {
        for (i, (r, e)) in chunk.iter().enumerate() {
            let n = k * 5 + i;
            ru.push_str(r);
            ru.push(' ');
            match n {
                2 => en.push_str(&e.replace("2018.", "2018, and")),
                3 => {
                    en.push_str(&e.replacen("Since", "since", 1));
                    en.push(' ');
                }
                9 => {}
                _ => {
                    en.push_str(e);
                    en.push(' ');
                }
            }
        }
        ru.push('\n');
        en.push('\n');
    }
    let (rp, ep) = (dir.join("summit.ru.txt"), dir.join("summit.en.txt"));
    std::fs::write(&rp, ru).unwrap();
    std::fs::write(&ep, en).unwrap();
    (rp, ep)
}

#[test]
fn beads_format_finds_the_merge_and_the_omission() {
    let dir = tempdir();
    let (ru, en) = documents(dir.path());
    let out = concord_in(dir.path())
        .args(["align", "--format", "beads", "--source"])
        .arg(&ru)
        .arg("--target")
        .arg(&en)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let beads = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = beads.lines().collect();
    assert_eq!(lines[0], "0:0");
    assert!(lines.contains(&"2,3:2"), "{beads}");
    assert!(lines.contains(&"9:"), "{beads}");
    assert_eq!(lines.last(), Some(&"24:22"));
    // the omission is flagged for review on stderr, with its line
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("summit.ru.txt:2"), "{err}");
    assert!(err.contains("not in English"), "{err}");
}

#[test]
fn tsv_output_is_a_memory_file() {
    let dir = tempdir();
    let (ru, en) = documents(dir.path());
    let out = dir.path().join("aligned.tsv");
    concord_in(dir.path())
        .args(["align", "--quiet", "--source"])
        .arg(&ru)
        .arg("--target")
        .arg(&en)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("ru\ten\tnote\tscore\tflag\n"), "{text}");
    let memory = concord::memory::Memory::open(&out).unwrap();
    // 25 Russian sentences: one merge and one omission leave 23 rows
    assert_eq!(memory.entries.len(), 23);
    let merged = &memory.entries[2];
    assert!(merged.ru.starts_with("Открывая встречу"));
    assert!(merged.ru.ends_with("С тех пор формат стал ежегодным."));
    assert!(merged.en.contains("annual"));
    assert!(merged.get("score").is_some());
}

#[test]
fn presegmented_json_has_scores_and_text() {
    let dir = tempdir();
    std::fs::write(dir.path().join("ru.txt"), "Привет, Ташкент!\nКак дела?\n").unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "Hello, Tashkent!\nHow are you?\n",
    )
    .unwrap();
    let out = concord_in(dir.path())
        .args([
            "align",
            "--presegmented",
            "--format",
            "json",
            "--source",
            "ru.txt",
            "--target",
            "en.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let beads = v.as_array().unwrap();
    assert_eq!(beads.len(), 2);
    assert_eq!(beads[1]["ru"], serde_json::json!([1]));
    assert_eq!(beads[1]["en_text"], "How are you?");
    assert!(beads[0]["score"].as_f64().unwrap() > 0.5);
    assert_eq!(beads[0]["low_confidence"], false);
}

#[test]
fn termbase_pairs_are_anchors() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("tb.tsv"),
        "id\tru\ten\tvariants\tforbidden\tnote\tcase\tseverity\n\
         csto\tОрганизация Договора о коллективной безопасности|ОДКБ\tCollective Security Treaty Organization\tCSTO\t\t\t\t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ru.txt"),
        "Заседание прошло вчера.\nОДКБ провела учения.\nВсе довольны.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "The meeting was held yesterday.\nOk.\nThe CSTO held exercises.\nEveryone is happy.\n",
    )
    .unwrap();
    let run = |tb: bool| {
        let mut c = concord_in(dir.path());
        c.args(["align", "--presegmented", "--quiet", "--format", "beads"])
            .args(["--source", "ru.txt", "--target", "en.txt"]);
        if tb {
            c.args(["--termbase", "tb.tsv"]);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    // with the termbase, ОДКБ ↔ CSTO pulls sentence 1 to English 2 past the insertion
    let with = run(true);
    let lines: Vec<&str> = with.lines().collect();
    assert_eq!(lines, ["0:0", ":1", "1:2", "2:3"], "{with}");
}

#[test]
fn missing_input_exits_2_and_names_the_file() {
    let dir = tempdir();
    concord_in(dir.path())
        .args([
            "align",
            "--source",
            "nope.ru.txt",
            "--target",
            "nope.en.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.ru.txt"));
    concord_in(dir.path())
        .args(["align", "--target", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--source"));
}

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
    let dir = util::data("align");
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

/// The WMT 2021 documents, or `None` (with a note) when ../shared is absent.
fn wmt_docs() -> Option<Vec<Doc>> {
    let wmt = util::shared("parallel/wmt21-news-ru-en.tsv", "the WMT 2021 evaluation")?;
    Some(read_docs(&std::fs::read_to_string(wmt).unwrap()))
}

/// Issue 14 §4 targets, on dev and on held-out documents (every third document id in
/// file order, never tuned on): strict F1 ≥ 0.99 clean, ≥ 0.98 merge/split, ≥ 0.97
/// mixed; null-bead precision and the review flag's catch rate are checked a little
/// below their targets (0.85 and 80%) so seed noise does not fail CI — the measured
/// figures are in docs/accuracy.md.
#[test]
fn wmt21_dev_and_held_out_meet_the_targets() {
    let Some(docs) = wmt_docs() else { return };
    let (dev, held) = split_dev_heldout(&docs);
    let opts = AlignOptions::default();
    let aligner = |ru: &[&str], en: &[&str]| align(ru, en, &opts);
    for (name, set) in [("dev", &dev), ("held-out", &held)] {
        let clean = run(&suite(set, &EditMix::CLEAN, 0), aligner);
        let ms = run(&suite(set, &EditMix::MERGE_SPLIT, 0), aligner);
        let mixed_docs: Vec<_> = (0..2)
            .flat_map(|s| suite(set, &EditMix::MIXED, s))
            .collect();
        let mixed = run(&mixed_docs, aligner);
        let gc = run(&mixed_docs, gale_church_classic);
        let f = |r: &concord::align::eval::Report| r.counts.scores().f1_strict;
        let caught = mixed.flagged_wrong as f64 / mixed.wrong().max(1) as f64;
        let flagged = mixed.flagged as f64 / mixed.scored.len().max(1) as f64;
        eprintln!(
            "WMT 2021 {name}: clean {:.3}, merge/split {:.3}, mixed {:.3} (Gale–Church {:.3}), null precision {:.3}, flags catch {:.0}% flagging {:.0}%",
            f(&clean),
            f(&ms),
            f(&mixed),
            f(&gc),
            mixed.null_precision(),
            caught * 100.0,
            flagged * 100.0
        );
        assert!(f(&clean) >= 0.99, "{name} clean strict F1 {}", f(&clean));
        assert!(f(&ms) >= 0.98, "{name} merge/split strict F1 {}", f(&ms));
        assert!(f(&mixed) >= 0.97, "{name} mixed strict F1 {}", f(&mixed));
        assert!(f(&mixed) > f(&gc) + 0.05, "{name}: must beat Gale–Church");
        assert!(
            mixed.null_precision() >= 0.78,
            "{name} null precision {}",
            mixed.null_precision()
        );
        assert!(
            caught >= 0.75 && flagged <= 0.15,
            "{name} flags: {caught} caught, {flagged} flagged"
        );
    }
}

/// Aligns the whole concatenated pair cut after `cut` Russian sentences and document by
/// document; returns both strict F1s.
fn whole_vs_by_document(big: &BigPair, cut: usize) -> (f64, f64) {
    let k = big.docs_before(cut);
    let p = big.prefix(k);
    let ru: Vec<&str> = p.ru.iter().map(String::as_str).collect();
    let en: Vec<&str> = p.en.iter().map(String::as_str).collect();
    let mut whole = Counts::default();
    whole.add(
        &p.gold,
        &to_index_beads(&align(&ru, &en, &AlignOptions::default())),
    );
    let opts = AlignOptions::default();
    let by_doc = run(&big.documents(k), |r, e| align(r, e, &opts));
    (whole.scores().f1_strict, by_doc.counts.scores().f1_strict)
}

fn check_scale(n: usize, cuts: &[usize]) {
    let Some(docs) = wmt_docs() else { return };
    // every document in a shuffled order, repeated with fresh edits, no boundaries marked
    let big = concatenate(&docs, n, &EditMix::MIXED, 14);
    for &cut in cuts {
        let (whole, by_doc) = whole_vs_by_document(&big, cut);
        eprintln!("scale {cut}: whole {whole:.3}, document by document {by_doc:.3}");
        assert!(
            whole >= by_doc - 0.01,
            "cut at {cut}: whole pair {whole:.3} vs document by document {by_doc:.3}"
        );
    }
}

/// Issue 14 §3 at a size that runs in seconds in a debug build: the coarse-to-fine
/// search (with a small full table, so it takes several levels) matches aligning
/// document by document at every cut.
#[test]
fn concatenated_documents_align_as_well_as_each_alone() {
    check_scale(3_000, &[1_000, 2_000, 3_000]);
}

/// The 100k-sentence run (release build: `scripts/align/scale.sh`).
#[test]
#[ignore = "100k sentences: run in release with scripts/align/scale.sh"]
fn hundred_thousand_sentences_align_as_well_as_each_alone() {
    check_scale(
        100_000,
        &[10_000, 25_000, 50_000, 60_000, 75_000, 90_000, 100_000],
    );
}
