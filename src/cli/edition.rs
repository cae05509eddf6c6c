//! `concord edition`: assemble the English edition of the source document from the memory.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::check::{CheckOptions, Checker, Severity};
use concord::edition::{self, Edition, Status};
use concord::memory::{Index, Memory};
use concord::segment::Lang;

use crate::cli::render::{render, FindingFormat};
use crate::cli::{Cli, Outcome, Output};

/// Build the English edition of a Russian document from the translation memory.
///
/// Every sentence of the source takes its English from the memory: an exact match first,
/// then the best fuzzy match at or above the minimum score (marked for review). Sentences
/// the memory lacks stay visible as the Russian in ⟦…⟧. A coverage summary, the fuzzy
/// and missing sentences, and the termbase check go to stderr.
#[derive(Debug, clap::Args)]
pub(crate) struct EditionArgs {
    /// The Russian source document, one paragraph a line [default: `source` in concord.toml].
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// The translation memory: a TSV file or a folder of them [default: `memory` in concord.toml].
    #[arg(long, value_name = "PATH")]
    memory: Option<PathBuf>,
    #[command(flatten)]
    termbase: crate::cli::TermbaseArg,
    /// Lowest fuzzy score (0–100) accepted for a sentence [default: [edition] min-score in
    /// concord.toml, else 75].
    #[arg(long, value_name = "N")]
    min_score: Option<f64>,
    /// Output format: text (the publishable English, one paragraph a line), markdown (with
    /// footnotes on fuzzy sentences), html (a bilingual review page), xliff (XLIFF 1.2 for
    /// CAT tools).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: crate::cli::OutputArg,
    /// Write the missing sentences to this memory TSV (`ru`, empty `en`, `note`) to fill
    /// in and merge back with `concord memory import`.
    #[arg(long, value_name = "FILE")]
    untranslated: Option<PathBuf>,
    /// Exit 1 when any sentence is fuzzy or missing, or the term check finds an error (for CI).
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    #[value(alias = "md")]
    Markdown,
    Html,
    #[value(alias = "xlf")]
    Xliff,
}

/// How many fuzzy or missing sentences the summary lists before "… and N more".
const LIST_LIMIT: usize = 25;

pub(crate) fn run(cli: &Cli, args: &EditionArgs) -> anyhow::Result<Outcome> {
    let project = cli.project()?;
    let source_path = crate::cli::path_or_config(
        args.source.as_deref(),
        project.source(),
        "source",
        "--source FILE",
    )?;
    let memory_path = crate::cli::path_or_config(
        args.memory.as_deref(),
        project.memory(),
        "memory",
        "--memory PATH",
    )?;
    // relative paths when inside the working directory: they appear in origins and notes
    let (source_path, memory_path) = (relative(&source_path), relative(&memory_path));
    let termbase_path = args
        .termbase
        .termbase
        .clone()
        .or_else(|| project.termbase())
        .map(|p| relative(&p));
    let min_score = args.min_score.unwrap_or(project.config.edition.min_score);
    if !(0.0..=100.0).contains(&min_score) {
        anyhow::bail!("--min-score must be between 0 and 100, got {min_score}");
    }

    let source = crate::cli::read_text(&source_path)?;
    let memory = Memory::open(&memory_path)
        .with_context(|| format!("cannot load memory {}", memory_path.display()))?;
    let termbase = termbase_path
        .as_deref()
        .map(|p| {
            concord::termbase::Termbase::open(p)
                .with_context(|| format!("cannot load termbase {}", p.display()))
        })
        .transpose()?;
    let segmenter = crate::cli::segment::segmenter(cli, Lang::Ru)?;

    let index = Index::build(&memory);
    let lookup = edition::MemoryLookup {
        memory: &memory,
        index: &index,
        min_score,
    };
    let checker = match &termbase {
        Some(tb) => {
            let opts = CheckOptions::from_config(&project.config).map_err(anyhow::Error::msg)?;
            Some((tb, Checker::new(tb, opts)))
        }
        None => None,
    };
    let terms = checker.as_ref().map(|(tb, c)| edition::TermLookup {
        termbase: tb,
        matcher: c.matcher(),
    });
    let ed = Edition::build(
        &source,
        &segmenter,
        &memory,
        &lookup,
        terms.as_ref().map(|t| t as &dyn edition::FindTerms),
    );

    let source_name = display_path(&source_path);
    let findings = match &checker {
        Some((_, c)) => ed.term_check(c, &source_name),
        None => Vec::new(),
    };
    let mut out = Output::new(args.output.as_deref());
    match args.format {
        Format::Text => out.write_all(edition::render::text(&ed).as_bytes())?,
        Format::Markdown => out.write_all(edition::render::markdown(&ed).as_bytes())?,
        Format::Html => {
            let info = edition::html::PageInfo {
                source: source_name.clone(),
                memory: display_path(&memory_path),
                termbase: termbase_path.as_deref().map(display_path),
                min_score,
                notes: ed.row_notes(&findings),
            };
            out.write_all(edition::html::render(&ed, &info).as_bytes())?;
        }
        Format::Xliff => {
            let doc = ed.to_xliff(&source_name);
            out.write_all(concord::formats::xliff::write_xliff12(&doc).as_bytes())?;
        }
    }
    out.finish()?;

    if let Some(p) = &args.untranslated {
        let tsv = edition::untranslated::tsv(&ed, &source_name);
        concord::fsutil::write_atomic(p, tsv.as_bytes())
            .with_context(|| format!("cannot write {}", p.display()))?;
    }

    let mut err = std::io::stderr().lock();
    // the columns are in the English line, so that is the line a snippet would show
    let english_line = |_: &str, line: usize| {
        ed.paragraphs
            .iter()
            .find(|p| p.line == line)
            .map(|p| p.english())
    };
    render(&findings, FindingFormat::Brief, &english_line, &mut err)?;
    summary(&mut err, &ed, &source_name, args.untranslated.as_deref())?;
    if let Some(p) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        writeln!(err, "edition: wrote {}", p.display())?;
    }
    match &termbase_path {
        Some(tb) => writeln!(
            err,
            "term check: {} against {}",
            match findings.len() {
                0 => "no findings".to_string(),
                1 => "1 finding".to_string(),
                n => format!("{n} findings"),
            },
            tb.display()
        )?,
        None => writeln!(err, "term check: skipped (no termbase)")?,
    }
    let errors = findings.iter().any(|f| f.severity == Severity::Error);

    Ok(if args.strict && (!ed.coverage.is_complete() || errors) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Writes the coverage summary and the list of sentences to review.
fn summary(
    err: &mut dyn std::io::Write,
    ed: &Edition,
    source_name: &str,
    untranslated: Option<&Path>,
) -> std::io::Result<()> {
    let c = &ed.coverage;
    writeln!(
        err,
        "edition: {source_name}: {} paragraphs, {} sentences, {} words",
        ed.paragraphs.len(),
        c.sentences.total(),
        c.words.total()
    )?;
    write!(err, "{c}")?;
    let mut listed = 0;
    let mut rest = 0;
    for (p, s) in ed.sentences() {
        let what = match s.status {
            Status::Exact => continue,
            Status::Fuzzy(score) => format!("fuzzy {score:.0}%"),
            Status::Missing => match s.best_below {
                Some(score) if score > 0.0 => format!("missing (best match {score:.0}%)"),
                _ => "missing".to_string(),
            },
        };
        if listed == LIST_LIMIT {
            rest += 1;
            continue;
        }
        listed += 1;
        writeln!(
            err,
            "{source_name}:{}:{}: {what}: {}",
            p.line,
            s.column,
            shorten(&s.ru, 90)
        )?;
    }
    if rest > 0 {
        writeln!(err, "… and {rest} more")?;
    }
    if let Some(p) = untranslated {
        writeln!(
            err,
            "edition: wrote {} missing sentence(s) to {}: fill in `en`, then `concord memory import {}`",
            c.sentences.missing,
            p.display(),
            p.display()
        )?;
    }
    Ok(())
}

/// Cuts a sentence to `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// A path as the user would type it: relative to the working directory when inside it.
fn relative(p: &Path) -> PathBuf {
    let p = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or_else(|| p.to_path_buf());
    match p.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => p,
    }
}

fn display_path(p: &Path) -> String {
    p.display().to_string()
}
