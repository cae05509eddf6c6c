//! Index vs brute force on a generated 100k-segment memory (top-5 lists, both scorers).
//!
//! Ignored by default: the brute-force scan is slow in debug builds. Run it with
//! `cargo test --release --test lookup_100k -- --ignored` (scripts/lookup/bench.sh does).
//! It generates the memory with `examples/gen_memory.rs` into a temporary folder.

use concord::memory::{scan, Index, LookupOptions, Memory, Scorer};

#[test]
#[ignore = "slow in debug; run in release: cargo test --release --test lookup_100k -- --ignored"]
fn index_top5_equals_brute_force_on_100k() {
    let dir = tempfile::tempdir().unwrap();
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
