//! Alignment speed on generated document pairs (`concord::align::eval::synthetic`):
//! 1k, 10k and 100k Russian sentences with about 15% non-1-1 beads.
//!
//! Run: `cargo bench --bench align`. The 100k case is the scale target (≤ 10 s).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use concord::align::eval::{synthetic, to_index_beads, Counts};
use concord::align::{align, AlignOptions};

fn bench_align(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let pair = synthetic(n, 42);
        let ru: Vec<&str> = pair.ru.iter().map(String::as_str).collect();
        let en: Vec<&str> = pair.en.iter().map(String::as_str).collect();
        // report quality once, so a fast but wrong aligner shows up here too
        let beads = align(&ru, &en, &AlignOptions::default());
        let mut counts = Counts::default();
        counts.add(&pair.gold, &to_index_beads(&beads));
        eprintln!(
            "align/{n}: {} English sentences, strict F1 {:.3}",
            en.len(),
            counts.scores().f1_strict
        );
        if n == 100_000 {
            group.measurement_time(std::time::Duration::from_secs(60));
        }
        group.bench_with_input(BenchmarkId::new("anchors", n), &n, |b, _| {
            b.iter(|| align(&ru, &en, &AlignOptions::default()))
        });
        if n <= 10_000 {
            group.bench_with_input(BenchmarkId::new("length-only", n), &n, |b, _| {
                b.iter(|| align(&ru, &en, &AlignOptions::length_only()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
