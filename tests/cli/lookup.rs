//! `concord lookup` on real files; and the index against brute force on a generated
//! 100k-segment memory (top-5 lists, both scorers).
//!
//! The 100k test is ignored by default: the brute-force scan is slow in debug builds.
//! Run it with `cargo test --release --test cli lookup::index_top5 -- --ignored`
//! (scripts/lookup/bench.sh does). It generates the memory with
//! `examples/gen_memory.rs` into a temporary folder.

use concord::memory::{scan, Index, LookupOptions, Memory, Scorer};
use predicates::prelude::*;

use crate::util::{concord, tempdir};

fn memory(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("m.tsv");
    std::fs::write(
        &p,
        "ru\ten\tnote\n\
         Казахстан и Россия подписали договор.\tKazakhstan and Russia signed a treaty.\t\n\
         Казахстан и Китай подписали договор.\tKazakhstan and China signed a treaty.\tfirst\n\
         казахстан и  КИТАЙ подписали договор.\tKazakhstan and China signed the treaty.\tdup\n\
         Совсем другое предложение.\tSomething else entirely.\t\n\
         Ёлка\tFir\\ttree\t\n",
    )
    .unwrap();
    p
}

#[test]
fn tsv_format_exact_then_fuzzy() {
    let dir = tempdir();
    let m = memory(dir.path());
    let out = concord()
        .args(["lookup", "--memory"])
        .arg(&m)
        .args(["--format", "tsv", "КАЗАХСТАН  и Россия подписали договор."])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "0\t1\t100\tКазахстан и Россия подписали договор.\tKazakhstan and Russia signed a treaty.\n\
         0\t2\t80\tКазахстан и Китай подписали договор.\tKazakhstan and China signed a treaty.\n"
    );
}

#[test]
fn queries_file_qids_escaping_and_exit_1_on_a_miss() {
    let dir = tempdir();
    let m = memory(dir.path());
    let q = dir.path().join("q.txt");
    std::fs::write(&q, "елка\n\nничего похожего нет\n").unwrap();
    concord()
        .args(["lookup", "--memory"])
        .arg(&m)
        .args(["--format", "tsv", "--queries"])
        .arg(&q)
        .assert()
        .code(1)
        .stdout("0\t1\t100\tЁлка\tFir\\ttree\n");
}

#[test]
fn char_scorer_scores_with_two_decimals() {
    let dir = tempdir();
    let m = memory(dir.path());
    concord()
        .args([
            "lookup", "--scorer", "char", "--format", "tsv", "--top", "1", "--memory",
        ])
        .arg(&m)
        .arg("Казахстан и Россия подписали договор!")
        .assert()
        .code(0)
        // one substitution over 37 code points: 100·(1 − 1/37) = 97.297…
        .stdout(predicate::str::starts_with("0\t1\t97.3\t"));
}

#[test]
fn text_format_shows_a_word_diff_and_json_has_objects() {
    let dir = tempdir();
    let m = memory(dir.path());
    concord()
        .args(["lookup", "--memory"])
        .arg(&m)
        .arg("Казахстан и США подписали договор")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[-США-] {+Россия+}"))
        .stdout(predicate::str::contains("80%"));
    let out = concord()
        .args(["lookup", "--format", "json", "--memory"])
        .arg(&m)
        .arg("казахстан и китай подписали договор.")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = &v[0]["matches"][0];
    assert_eq!(first["exact"], true);
    // duplicate sources: the first target is shown
    assert_eq!(first["target"], "Kazakhstan and China signed a treaty.");
    assert_eq!(first["line"], 3);
}

#[test]
fn memory_from_concord_toml() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("mem")).unwrap();
    memory(&dir.path().join("mem"));
    std::fs::write(dir.path().join("concord.toml"), "memory = \"mem\"\n").unwrap();
    concord()
        .current_dir(dir.path())
        .args(["lookup", "--format", "tsv", "Ёлка"])
        .assert()
        .code(0)
        .stdout("0\t1\t100\tЁлка\tFir\\ttree\n");
}

#[test]
fn bad_memory_is_exit_2_with_position() {
    let dir = tempdir();
    let m = dir.path().join("bad.tsv");
    std::fs::write(&m, "ru\ten\nДа\tYes\\x\n").unwrap();
    concord()
        .args(["lookup", "--memory"])
        .arg(&m)
        .arg("да")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tsv:2:7"));
    concord()
        .args(["lookup", "--min-score", "120", "--memory"])
        .arg(&m)
        .arg("да")
        .assert()
        .code(2);
}

#[test]
#[ignore = "slow in debug; run in release: cargo test --release --test cli lookup::index_top5 -- --ignored"]
fn index_top5_equals_brute_force_on_100k() {
    let dir = tempdir();
    let (m, q) = (dir.path().join("m.tsv"), dir.path().join("q.txt"));
    let status = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--release",
            "--quiet",
            "--example",
            "gen_memory",
            "--",
        ])
        .args(["--size", "100000", "--queries", "60", "--seed", "7"])
        .arg("--out")
        .arg(&m)
        .arg("--queries-out")
        .arg(&q)
        .status()
        .unwrap();
    assert!(status.success());
    let memory = Memory::open(&m).unwrap();
    assert_eq!(memory.entries.len(), 100_000);
    let index = Index::build(&memory);
    let queries = std::fs::read_to_string(&q).unwrap();
    let mut matched = 0;
    for (scorer, n) in [(Scorer::Word, 60), (Scorer::Char, 9)] {
        let opts = LookupOptions {
            scorer,
            ..LookupOptions::default()
        };
        for (qid, query) in queries.lines().take(n).enumerate() {
            let got = index.lookup(&memory, query, &opts);
            assert_eq!(
                got,
                scan(&memory, query, &opts),
                "{scorer:?} query {qid}: {query}"
            );
            matched += usize::from(!got.is_empty());
        }
    }
    // exact and edited queries (two thirds) must find something
    assert!(matched >= 40, "only {matched} queries matched");
}
