//! Segmentation throughput on generated Russian text (≥10 MB, one paragraph a line).
//!
//! Run with `cargo bench --bench segment`. The generated text is also written to
//! `target/segment-bench-ru.txt` so `scripts/segment/compare.py` can time razdel and
//! pysbd on exactly the same input.

#[path = "data/segment_corpus.rs"]
mod corpus;
#[path = "support/rng.rs"]
mod rng;

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
    cpu_time_report(&seg, &text);
}

/// CPU seconds (user + system) of this thread, from /proc (Linux; 10 ms ticks).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Wall-clock figures suffer when the machine is shared; CPU time much less. Prints the
/// throughput per CPU second of `document` and of the UAX #29 baseline.
fn cpu_time_report(seg: &Segmenter, text: &str) {
    let mb = text.len() as f64 / 1e6;
    let measure = |f: &dyn Fn() -> usize| -> Option<f64> {
        let c0 = thread_cpu_seconds()?;
        let mut n = 0;
        let mut rounds = 0;
        while thread_cpu_seconds()? - c0 < 5.0 {
            n += f();
            rounds += 1;
        }
        black_box(n);
        Some(rounds as f64 * mb / (thread_cpu_seconds()? - c0))
    };
    let ours = measure(&|| seg.document(black_box(text)).len());
    let uax = measure(&|| {
        text.lines()
            .map(|l| l.unicode_sentences().count())
            .sum::<usize>()
    });
    if let (Some(ours), Some(uax)) = (ours, uax) {
        println!(
            "CPU-time throughput: concord document {ours:.0} MB/s, UAX #29 baseline {uax:.0} MB/s"
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
