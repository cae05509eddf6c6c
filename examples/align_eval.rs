//! The alignment evaluation on the WMT 2021 news pairs (issue 14 §4–§5).
//!
//! `cargo run --release --example align_eval [-- --held-out] [--scale N] [--cuts a,b,..]`
//!
//! Builds clean, merge/split and mixed versions of each document with
//! `concord::align::eval::edit_with` (rates in `EditMix`), on the dev documents (two of
//! every three, in file order) and, with `--held-out`, on the held-out ones too; aligns
//! them with concord, concord without anchors and the classic Gale–Church, and prints
//! markdown tables. `--scale N` concatenates shuffled, freshly edited document copies
//! to N Russian sentences and compares aligning the whole pair (and prefixes cut at
//! the given sentence counts) with aligning document by document.

use std::time::Instant;

use concord::align::eval::{
    concatenate, gale_church_classic, read_docs, run, split_dev_heldout, suite, wmt_path, Counts,
    EditMix, Report, TestPair,
};
use concord::align::{align, AlignOptions, Bead};

/// The default options; `ALIGN_<FIELD>` environment variables override some of them
/// (for tuning on the dev documents only).
fn options() -> AlignOptions<'static> {
    let mut o = AlignOptions::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("ALIGN_TEMPERATURE") {
        o.temperature = v;
    }
    if let Some(v) = env("ALIGN_NULL_LENGTH") {
        o.null_length = v;
    }
    if let Some(v) = env("ALIGN_ORPHAN") {
        o.orphan_penalty = v;
    }
    if let Some(v) = env("ALIGN_MISS") {
        o.anchor_miss = v;
    }
    if let Some(v) = env("ALIGN_GAIN") {
        o.anchor_gain = v;
    }
    if let Some(v) = env("ALIGN_VARIANCE") {
        o.variance = v;
    }
    if let Some(v) = env("ALIGN_MIN_CONFIDENCE") {
        o.min_confidence = v;
    }
    o
}

fn concord(ru: &[&str], en: &[&str]) -> Vec<Bead> {
    align(ru, en, &options())
}

fn length_only(ru: &[&str], en: &[&str]) -> Vec<Bead> {
    align(ru, en, &AlignOptions::length_only())
}

fn row(name: &str, set: &str, r: &Report) {
    let s = r.counts.scores();
    let (caught, rate) = (
        r.flagged_wrong as f64 / r.wrong().max(1) as f64,
        r.flagged as f64 / r.scored.len().max(1) as f64,
    );
    println!(
        "| {name} | {set} | {:.3} | {:.3} | {:.3} | {:.3} | {}/{} = {:.2} | {}/{} ({:.0}%, {:.0}% flagged) |",
        s.precision_strict,
        s.recall_strict,
        s.f1_strict,
        s.f1_lax,
        r.nulls_right,
        r.nulls_predicted,
        r.null_precision(),
        r.flagged_wrong,
        r.wrong(),
        caught * 100.0,
        rate * 100.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let held = args.iter().any(|a| a == "--held-out");
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(path) = wmt_path(env!("CARGO_MANIFEST_DIR")) else {
        eprintln!(
            "align_eval: shared/parallel/wmt21-news-ru-en.tsv not found (set CONCORD_SHARED)"
        );
        return;
    };
    let docs = read_docs(&std::fs::read_to_string(path).unwrap());
    let (dev, heldout) = split_dev_heldout(&docs);
    if let Some(n) = get("--scale") {
        scale(&docs, n.parse().unwrap(), get("--cuts"));
        return;
    }
    let mut sets = vec![("dev", dev)];
    if held {
        sets.push(("held-out", heldout));
    }
    println!("| aligner | documents | strict P | strict R | strict F1 | lax F1 | null precision | wrong pairings flagged |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut mixed_reports = Vec::new();
    for (set, ds) in &sets {
        for (kind, mix) in [
            ("clean", EditMix::CLEAN),
            ("merge/split", EditMix::MERGE_SPLIT),
            ("mixed", EditMix::MIXED),
        ] {
            let tp: Vec<TestPair> = (0..3).flat_map(|s| suite(ds, &mix, s)).collect();
            let label = format!("{set} {kind}");
            let r = run(&tp, concord);
            row("concord", &label, &r);
            row("concord, no anchors", &label, &run(&tp, length_only));
            row("Gale–Church 1993", &label, &run(&tp, gale_church_classic));
            if kind == "mixed" {
                mixed_reports.push((set.to_string(), r));
            }
        }
    }
    println!();
    println!("| documents | gold kind | gold beads | found exactly |");
    println!("|---|---|---|---|");
    for (set, r) in &mixed_reports {
        for (k, (g, f)) in &r.by_kind {
            println!(
                "| {set} mixed | {k} | {g} | {f} ({:.3}) |",
                *f as f64 / *g as f64
            );
        }
    }
    println!();
    println!("| documents | flag below | wrong pairings caught | beads flagged |");
    println!("|---|---|---|---|");
    for (set, r) in &mixed_reports {
        for t in [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99] {
            let (c, f) = r.flag_tradeoff(t);
            println!(
                "| {set} mixed | {t:.2} | {:.0}% | {:.1}% |",
                c * 100.0,
                f * 100.0
            );
        }
    }
}

fn scale(docs: &[concord::align::eval::Doc], n: usize, cuts: Option<String>) {
    let big = concatenate(docs, n, &EditMix::MIXED, 14);
    eprintln!(
        "{} Russian, {} English sentences, {} document copies",
        big.pair.ru.len(),
        big.pair.en.len(),
        big.starts.len() - 1
    );
    if let Some(dir) = std::env::var_os("ALIGN_WRITE") {
        // the pair as presegmented files, for timing the CLI with /usr/bin/time -v
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lines = |v: &[String]| v.iter().map(|s| format!("{s}\n")).collect::<String>();
        std::fs::write(dir.join("big.ru"), lines(&big.pair.ru)).unwrap();
        std::fs::write(dir.join("big.en"), lines(&big.pair.en)).unwrap();
        let gold: String = big
            .pair
            .gold
            .iter()
            .map(|(a, b)| {
                let side = |v: &[usize]| {
                    v.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                format!("{}:{}\n", side(a), side(b))
            })
            .collect();
        std::fs::write(dir.join("big.gold"), gold).unwrap();
        return;
    }
    let mut cuts: Vec<usize> = cuts
        .map(|c| c.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or_default();
    cuts.push(big.pair.ru.len());
    println!("| Russian sentences | whole pair strict F1 | document by document | seconds |");
    println!("|---|---|---|---|");
    for cut in cuts {
        let k = if cut >= big.pair.ru.len() {
            big.starts.len() - 1
        } else {
            big.docs_before(cut)
        };
        let p = big.prefix(k);
        let ru: Vec<&str> = p.ru.iter().map(String::as_str).collect();
        let en: Vec<&str> = p.en.iter().map(String::as_str).collect();
        let t = Instant::now();
        let beads = concord(&ru, &en);
        let secs = t.elapsed().as_secs_f64();
        let mut whole = Report::default();
        whole.add(&p.gold, &beads);
        let by_doc = run(&big.documents(k), concord);
        let _ = Counts::default();
        println!(
            "| {} | {:.3} | {:.3} | {secs:.2} |",
            p.ru.len(),
            whole.counts.scores().f1_strict,
            by_doc.counts.scores().f1_strict
        );
    }
}
