//! Measures `concord::memory` lookup on a generated memory: load and index time, peak
//! memory, per-query latency (median, p95), and writes the matches for recall checks.
//!
//! ```text
//! cargo run --release --example lookup_bench -- --memory bench-data/m1m.tsv \
//!     --queries bench-data/q1m.txt --scorer word [--top 5] [--min-score 70] \
//!     [--out results.tsv] [--brute 50] [--cached]
//! ```
//!
//! `--cached` loads through `open_indexed` (the cache files in the user's cache folder,
//! as `concord lookup` does; the first run writes them); otherwise the index is built.
//!
//! Output lines are `key value` pairs (seconds and milliseconds), for scripts/lookup/.
//! `--brute N` also checks the first N queries against the brute-force [`scan`].
//!
//! [`scan`]: concord::memory::scan

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use concord::memory::{open_indexed, scan, Index, LookupOptions, Memory, Scorer};

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time of all the process's threads, in ms (from /proc; 0 elsewhere).
///
/// The wall-clock latency on a shared machine includes waiting for a core; this does not.
fn cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        / 1e6
}

fn main() {
    let mut memory = PathBuf::from("bench-data/m100k.tsv");
    let mut queries = PathBuf::from("bench-data/q100k.txt");
    let mut opts = LookupOptions::default();
    let mut out: Option<PathBuf> = None;
    let mut brute = 0usize;
    let mut cached = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().expect("missing value");
        match a.as_str() {
            "--memory" => memory = val().into(),
            "--queries" => queries = val().into(),
            "--scorer" => opts.scorer = val().parse::<Scorer>().expect("word|char"),
            "--top" => opts.top = val().parse().expect("--top N"),
            "--min-score" => opts.min_score = val().parse().expect("--min-score S"),
            "--out" => out = Some(val().into()),
            "--brute" => brute = val().parse().expect("--brute N"),
            "--cached" => cached = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let t = Instant::now();
    let cpu_start = cpu_ms();
    let (mem, index, load, build) = if cached {
        // what `concord lookup` does: the index parts come from the cache beside the memory
        let (mem, index) = open_indexed(&memory).expect("memory");
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        index.prepare(&mem, opts.scorer);
        (mem, index, load, t.elapsed().as_secs_f64())
    } else {
        let mem = Memory::open(&memory).expect("memory");
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let index = Index::build(&mem);
        index.prepare(&mem, opts.scorer);
        (mem, index, load, t.elapsed().as_secs_f64())
    };
    let load_cpu = (cpu_ms() - cpu_start) / 1000.0;
    let file_mb = std::fs::metadata(&memory).map_or(0.0, |m| m.len() as f64 / 1048576.0);
    let qs: Vec<String> = std::fs::read_to_string(&queries)
        .expect("queries")
        .lines()
        .map(str::to_string)
        .collect();
    let mut times = Vec::with_capacity(qs.len());
    let mut results = String::new();
    let mut hits = 0;
    let cpu0 = cpu_ms();
    for (qid, q) in qs.iter().enumerate() {
        let t = Instant::now();
        let found = index.lookup(&mem, q, &opts);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        hits += usize::from(!found.is_empty());
        for (r, m) in found.iter().enumerate() {
            results.push_str(&format!("{qid}\t{}\t{:.4}\t{}\n", r + 1, m.score, m.entry));
        }
        if qid < brute {
            assert_eq!(
                found,
                scan(&mem, q, &opts),
                "query {qid} differs from the scan"
            );
        }
    }
    let cpu = cpu_ms() - cpu0;
    for (qid, q) in qs.iter().enumerate().take(brute) {
        let found = index.lookup(&mem, q, &opts);
        assert_eq!(
            found,
            scan(&mem, q, &opts),
            "query {qid} differs from the scan"
        );
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!("segments {}", mem.entries.len());
    println!("file_mb {file_mb:.1}");
    println!("load_s {load:.3}");
    println!("index_s {build:.3}");
    println!("load_index_cpu_s {load_cpu:.3}");
    println!("queries {}", qs.len());
    println!("with_match {hits}");
    println!("median_ms {:.3}", pct(0.5));
    println!("p95_ms {:.3}", pct(0.95));
    println!("max_ms {:.3}", pct(1.0));
    println!(
        "mean_ms {:.3}",
        times.iter().sum::<f64>() / times.len() as f64
    );
    println!("cpu_mean_ms {:.3}", cpu / qs.len() as f64);
    println!("peak_rss_mb {:.0}", peak_rss_mb());
    // the generator's query kinds: i % 3 == 0 exact, 1 edited, 2 unrelated
    for (k, name) in ["exact", "edited", "unrelated"].iter().enumerate() {
        let mut t: Vec<f64> = times.iter().skip(k).step_by(3).copied().collect();
        t.sort_by(f64::total_cmp);
        if !t.is_empty() {
            println!("median_{name}_ms {:.3}", t[t.len() / 2]);
        }
    }
    if brute > 0 {
        println!("brute_checked {}", brute.min(qs.len()));
    }
    if let Some(p) = out {
        std::fs::File::create(p)
            .and_then(|mut f| f.write_all(results.as_bytes()))
            .expect("write results");
    }
}
