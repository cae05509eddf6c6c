//! Segmentation throughput on generated Russian text (≥10 MB, one paragraph a line).
//!
//! Run with `cargo bench --bench segment`. The generated text is also written to
//! `target/segment-bench-ru.txt` so `scripts/segment/compare.py` can time razdel and
//! pysbd on exactly the same input.

#[path = "data/segment_corpus.rs"]
mod corpus;

use concord::segment::{Lang, Segmenter};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use unicode_segmentation::UnicodeSegmentation;

const SIZE: usize = 10 * 1024 * 1024;

fn bench(c: &mut Criterion) {
    let text = corpus::russian(SIZE, 0x5eed);
    let dump = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/segment-bench-ru.txt");
    let _ = std::fs::write(&dump, &text);
    let seg = Segmenter::new(Lang::Ru);
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("document_ru_10MB", |b| {
        b.iter(|| black_box(seg.document(black_box(&text))).len())
    });
    g.bench_function("split_lines_ru_10MB", |b| {
        b.iter(|| {
            let mut n = 0;
            for line in black_box(&text).lines() {
                n += seg.split(line).len();
            }
            n
        })
    });
    // Baseline: a plain UAX #29 sentence splitter over the same text.
    g.bench_function("uax29_baseline_10MB", |b| {
        b.iter(|| {
            black_box(&text)
                .lines()
                .map(|l| l.unicode_sentences().count())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
