//! `concord check` throughput: a 1M-segment memory against a 10k-concept termbase.
//!
//! `cargo bench --bench check` first times one full run (1M segments × 10k concepts,
//! all rules) and prints it, then lets criterion measure 100k segments against termbases
//! of 100 and 10k concepts (the automaton keeps the two close) and the English-only
//! scan used by `concord lint`. `CHECK_BENCH_SEGMENTS` and `CHECK_BENCH_CONCEPTS` change the
//! full run's size.

use std::time::Instant;

use concord::check::{CheckOptions, Checker, Segment};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/check_gen.rs"]
mod gen;
#[path = "support/rng.rs"]
mod rng;

/// The allocator the `concord` binary uses, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn segments(mem: &[(String, String)]) -> Vec<Segment<'_>> {
    mem.iter()
        .enumerate()
        .map(|(i, (ru, en))| Segment {
            file: "bench.tsv",
            line: i + 1,
            ru,
            en,
            en_column_offset: ru.chars().count() + 1,
        })
        .collect()
}

/// CPU seconds (user + system) used by this process so far, from /proc (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn full_run() {
    let n: usize = std::env::var("CHECK_BENCH_SEGMENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let concepts: usize = std::env::var("CHECK_BENCH_CONCEPTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let (tb, gc) = gen::termbase(concepts, 7);
    let mem = gen::memory(n, &gc, 11);
    let segs = segments(&mem);
    let t = Instant::now();
    let checker = Checker::new(&tb, CheckOptions::default());
    let build = t.elapsed();
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let findings = checker.check_segments(&segs);
    let run = t.elapsed();
    let cpu = cpu_seconds().zip(cpu0).map_or(f64::NAN, |(b, a)| b - a);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "full run: {n} segments × {} concepts on {} threads: compile {:.2} s, check {:.2} s wall, {:.2} s CPU ({:.2} s on 2 idle cores), {} findings; load average {}",
        tb.concepts.len(),
        rayon::current_num_threads(),
        build.as_secs_f64(),
        run.as_secs_f64(),
        cpu,
        cpu / 2.0,
        findings.len(),
        load.split(' ').next().unwrap_or("?")
    );
}

fn bench(c: &mut Criterion) {
    full_run();
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    for concepts in [100, 10_000] {
        let (tb, gc) = gen::termbase(concepts, 7);
        let mem = gen::memory(100_000, &gc, 11);
        let segs = segments(&mem);
        let checker = Checker::new(&tb, CheckOptions::default());
        g.throughput(Throughput::Elements(segs.len() as u64));
        g.bench_function(format!("100k segments, {concepts} concepts"), |b| {
            b.iter(|| checker.check_segments(&segs))
        });
        let english: String = mem.iter().map(|(_, en)| format!("{en}\n")).collect();
        g.throughput(Throughput::Bytes(english.len() as u64));
        g.bench_function(
            format!("check_english 100k lines, {concepts} concepts"),
            |b| b.iter(|| checker.check_english("bench.txt", &english)),
        );
    }
    g.bench_function("compile 10k concepts", |b| {
        let (tb, _) = gen::termbase(10_000, 7);
        b.iter(|| Checker::new(&tb, CheckOptions::default()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
