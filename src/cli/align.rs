//! `concord align`: align a Russian document with its English translation.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::align::document::{align_documents, Document};
use concord::align::eval::format_bead;
use concord::align::{AlignOptions, Bead};
use concord::segment::Lang;
use concord::termbase::{Matcher, Termbase};

use crate::cli::{Cli, Outcome, Output};

/// Align a Russian document with its English translation, sentence by sentence.
///
/// Beads of 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 sentences are found with a length
/// model and anchors (numbers, names, termbase terms, punctuation). Low-confidence beads
/// are listed on stderr with their line numbers and flagged `review` in the output.
#[derive(Debug, clap::Args)]
pub(crate) struct AlignArgs {
    /// The Russian document (one paragraph a line); at a project root, the source.
    #[arg(long, value_name = "RU")]
    source: Option<PathBuf>,
    /// The English document (one paragraph a line).
    #[arg(long, value_name = "EN")]
    target: PathBuf,
    /// Each non-empty line is one sentence (no segmentation).
    #[arg(long)]
    presegmented: bool,
    #[command(flatten)]
    termbase: crate::cli::TermbaseArg,
    /// Do not use a termbase even when the project names one.
    #[arg(long, conflicts_with = "termbase")]
    no_termbase: bool,
    /// Length model only (Gale–Church), no anchors; for comparison.
    #[arg(long)]
    no_anchors: bool,
    /// Output format: tsv (memory rows: ru, en, note, score, flag), beads (`0,1:0`, one
    /// bead a line, 0-based sentence indices) or json (beads with scores and text).
    #[arg(long, value_enum, default_value_t = Format::Tsv)]
    format: Format,
    /// Beads scoring below this (0–1) are flagged for review.
    #[arg(long, default_value_t = 0.5, value_name = "SCORE")]
    min_confidence: f64,
    #[command(flatten)]
    output: crate::cli::OutputArg,
    /// Do not list low-confidence beads on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Tsv,
    Beads,
    Json,
}

pub(crate) fn run(cli: &Cli, args: &AlignArgs) -> anyhow::Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        anyhow::bail!(
            "--min-confidence must lie between 0 and 1, found {}",
            args.min_confidence
        );
    }
    let project = cli.project()?;
    let source = crate::cli::path_or_config(
        args.source.as_deref(),
        project.source(),
        "source",
        "--source RU",
    )?;
    let ru_text = crate::cli::read_text(&source)?;
    let en_text = crate::cli::read_text(&args.target)?;
    let (ru, en) = if args.presegmented {
        (
            Document::presegmented(&ru_text),
            Document::presegmented(&en_text),
        )
    } else {
        (
            Document::segment(&ru_text, &crate::cli::segment::segmenter(cli, Lang::Ru)?),
            Document::segment(&en_text, &crate::cli::segment::segmenter(cli, Lang::En)?),
        )
    };
    let termbase_path = if args.no_termbase || args.no_anchors {
        None
    } else {
        match (&*args.termbase, project.termbase()) {
            (Some(p), _) => Some(p.clone()),
            // the project's termbase is optional evidence: align without it if missing
            (None, Some(p)) if p.exists() => Some(p),
            (None, Some(p)) => {
                eprintln!(
                    "concord align: project termbase {} not found; aligning without it",
                    p.display()
                );
                None
            }
            (None, None) => None,
        }
    };
    let termbase = match &termbase_path {
        Some(p) => Some(
            Termbase::open(p).with_context(|| format!("cannot load termbase {}", p.display()))?,
        ),
        None => None,
    };
    let matcher = termbase.as_ref().map(Matcher::new);
    let hook_fn = matcher.as_ref().map(|m| {
        move |s: &str, lang: Lang| -> Vec<usize> {
            let hits = match lang {
                Lang::Ru => m.find_ru(s),
                Lang::En => m.find_en(s),
            };
            hits.into_iter().map(|h| h.concept).collect()
        }
    });
    let opts = AlignOptions {
        anchors: !args.no_anchors,
        terms: hook_fn
            .as_ref()
            .map(|f| f as &(dyn Fn(&str, Lang) -> Vec<usize> + Sync)),
        min_confidence: args.min_confidence,
        ..AlignOptions::default()
    };
    let beads = align_documents(&ru, &en, &opts);

    let mut out = Output::new(args.output.as_deref());
    match args.format {
        Format::Beads => {
            for b in &beads {
                writeln!(out, "{}", format_bead(b.ru.clone(), b.en.clone()))?;
            }
        }
        Format::Tsv => write_tsv(&mut out, &ru, &en, &beads)?,
        Format::Json => write_json(&mut out, &ru, &en, &beads)?,
    }
    out.finish()?;
    if !args.quiet {
        report(&source, &args.target, &ru, &en, &beads)?;
    }
    Ok(Outcome::Clean)
}

fn note(b: &Bead) -> &'static str {
    match (b.ru.len(), b.en.len()) {
        (_, 0) => "not in English",
        (0, _) => "not in Russian",
        _ => "",
    }
}

fn write_tsv(out: &mut Output, ru: &Document, en: &Document, beads: &[Bead]) -> anyhow::Result<()> {
    let mut s = String::new();
    concord::tsv::write_record(&mut s, &["ru", "en", "note", "score", "flag"]);
    for b in beads
        .iter()
        .filter(|b| !b.ru.is_empty() && !b.en.is_empty())
    {
        let score = format!("{:.2}", b.score);
        let flag = if b.low_confidence { "review" } else { "" };
        concord::tsv::write_record(
            &mut s,
            &[
                ru.text_of(b.ru.clone()).as_str(),
                en.text_of(b.en.clone()).as_str(),
                note(b),
                score.as_str(),
                flag,
            ],
        );
    }
    out.write_all(s.as_bytes())?;
    Ok(())
}

#[derive(serde::Serialize)]
struct JsonBead {
    ru: Vec<usize>,
    en: Vec<usize>,
    score: f64,
    low_confidence: bool,
    ru_lines: String,
    en_lines: String,
    ru_text: String,
    en_text: String,
}

fn write_json(
    out: &mut Output,
    ru: &Document,
    en: &Document,
    beads: &[Bead],
) -> anyhow::Result<()> {
    let rows: Vec<JsonBead> = beads
        .iter()
        .map(|b| JsonBead {
            ru: b.ru.clone().collect(),
            en: b.en.clone().collect(),
            score: (b.score * 1000.0).round() / 1000.0,
            low_confidence: b.low_confidence,
            ru_lines: ru.lines_of(b.ru.clone()),
            en_lines: en.lines_of(b.en.clone()),
            ru_text: ru.text_of(b.ru.clone()),
            en_text: en.text_of(b.en.clone()),
        })
        .collect();
    // one bead a line: readable, and greppable
    writeln!(out, "[")?;
    for (k, row) in rows.iter().enumerate() {
        let sep = if k + 1 < rows.len() { "," } else { "" };
        writeln!(out, "  {}{sep}", serde_json::to_string(row)?)?;
    }
    writeln!(out, "]")?;
    Ok(())
}

/// Lists low-confidence beads on stderr, with file and line numbers.
fn report(
    ru_path: &Path,
    en_path: &Path,
    ru: &Document,
    en: &Document,
    beads: &[Bead],
) -> anyhow::Result<()> {
    let low: Vec<&Bead> = beads.iter().filter(|b| b.low_confidence).collect();
    if low.is_empty() {
        return Ok(());
    }
    let mut err = std::io::stderr().lock();
    for b in &low {
        let side = |p: &Path, d: &Document, r: std::ops::Range<usize>| {
            if r.is_empty() {
                "-".to_string()
            } else {
                format!("{}:{}", p.display(), d.lines_of(r))
            }
        };
        writeln!(
            err,
            "review: {} ↔ {}: {}-{} bead, score {:.2}{}",
            side(ru_path, ru, b.ru.clone()),
            side(en_path, en, b.en.clone()),
            b.ru.len(),
            b.en.len(),
            b.score,
            match note(b) {
                "" => String::new(),
                n => format!(" ({n})"),
            }
        )?;
    }
    writeln!(
        err,
        "concord align: {} beads, {} to review",
        beads.len(),
        low.len()
    )?;
    Ok(())
}
