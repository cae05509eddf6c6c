//! Criterion benchmarks of memory lookup: index build and per-query latency.
//!
//! Needs a generated memory (bench-data/ is gitignored):
//! ```text
//! cargo run --release --example gen_memory -- --size 100000 --out bench-data/m100k.tsv \
//!     --queries 1000 --queries-out bench-data/q100k.txt
//! CONCORD_BENCH_SIZE=100k cargo bench --bench lookup
//! ```
//! Without the files it prints how to make them and measures a small built-in memory.
//! The full comparison with rapidfuzz (latency percentiles, recall, memory) is
//! scripts/lookup/bench.sh.

use std::hint::black_box;
use std::path::PathBuf;

use concord::memory::{Entry, Index, LookupOptions, Memory, Scorer};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn data() -> (String, Memory, Vec<String>) {
    let size = std::env::var("CONCORD_BENCH_SIZE").unwrap_or_else(|_| "100k".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench-data");
    let (m, q) = (
        root.join(format!("m{size}.tsv")),
        root.join(format!("q{size}.txt")),
    );
    if let (Ok(memory), Ok(queries)) = (Memory::open(&m), std::fs::read_to_string(&q)) {
        let qs = queries.lines().map(str::to_string).collect();
        return (size, memory, qs);
    }
    eprintln!(
        "bench-data/m{size}.tsv missing: generate it with `cargo run --release --example \
         gen_memory -- --size N --out bench-data/m{size}.tsv --queries 1000 --queries-out \
         bench-data/q{size}.txt`; measuring a small built-in memory instead"
    );
    let words = [
        "казахстан",
        "россия",
        "договор",
        "мир",
        "и",
        "в",
        "политика",
        "союз",
    ];
    let entries = (0..5000)
        .map(|i| {
            let s: Vec<&str> = (0..12)
                .map(|k| words[(i * 7 + k * k * 3 + i / 13) % 8])
                .collect();
            Entry::new(s.join(" "), "x")
        })
        .collect();
    let memory = Memory { entries };
    let qs = memory
        .entries
        .iter()
        .step_by(50)
        .map(|e| e.ru.clone())
        .collect();
    ("builtin".into(), memory, qs)
}

fn bench(c: &mut Criterion) {
    let (size, memory, queries) = data();
    let index = Index::build(&memory);
    index.prepare(&memory, Scorer::Word);
    index.prepare(&memory, Scorer::Char);
    let mut g = c.benchmark_group(format!("lookup-{size}"));
    g.sample_size(10);
    for scorer in [Scorer::Word, Scorer::Char] {
        let opts = LookupOptions {
            scorer,
            ..LookupOptions::default()
        };
        let batch: Vec<&String> = queries
            .iter()
            .take(if scorer == Scorer::Word { 300 } else { 30 })
            .collect();
        g.throughput(Throughput::Elements(batch.len() as u64));
        g.bench_function(format!("{scorer:?}-queries"), |b| {
            b.iter_batched(
                || batch.clone(),
                |qs| {
                    for q in qs {
                        black_box(index.lookup(&memory, q, &opts));
                    }
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.throughput(Throughput::Elements(memory.entries.len() as u64));
    g.bench_function("index-build", |b| {
        b.iter(|| {
            let index = Index::build(&memory);
            index.prepare(&memory, Scorer::Word);
            index.prepare(&memory, Scorer::Char);
            black_box(index)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
