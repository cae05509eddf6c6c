//! `concord check`: a bilingual draft against the termbase and for consistency.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::check::{document_pair, CheckOptions, Checker, Finding, Segment, Severity, TsvInput};
use concord::segment::{Lang, Segmenter};
use concord::termbase::Termbase;

use crate::cli::render::{render_with, use_color, FindingFormat};
use crate::cli::{read_text, Cli, Outcome, Output};

/// Minimum severity on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum MinSeverity {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl From<MinSeverity> for Severity {
    fn from(m: MinSeverity) -> Severity {
        match m {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

/// Arguments of `concord check`.
///
/// With no files, checks the project's memory (concord.toml `memory`). Exits 1 when a
/// finding at or above --min-severity is reported.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Bilingual TSV files in the memory format (`ru<TAB>en`, header optional).
    #[arg(value_name = "FILE.tsv")]
    pub(crate) files: Vec<PathBuf>,
    /// A Russian document (one paragraph a line) to check with --target.
    #[arg(long, value_name = "RU", requires = "target")]
    pub(crate) source: Option<PathBuf>,
    /// Its English translation (one paragraph a line), aligned sentence by sentence.
    #[arg(long, value_name = "EN", requires = "source")]
    pub(crate) target: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) termbase: crate::cli::TermbaseArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: FindingFormat,
    /// Lowest severity reported (and failing the run).
    #[arg(long, value_enum, default_value = "info")]
    pub(crate) min_severity: MinSeverity,
    #[command(flatten)]
    pub(crate) output: crate::cli::OutputArg,
    /// List the rules (id, default severity, summary; JSON with --format json) and exit.
    #[arg(long)]
    pub(crate) list_rules: bool,
}

/// Writes the rule table: aligned columns, or a JSON array with `--format json`.
fn list_rules(format: FindingFormat, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let rules = &concord::check::RULES;
    if matches!(format, FindingFormat::Json) {
        let rows: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "default_severity": r.default_severity.as_str(),
                    "summary": r.summary,
                    "description": r.description,
                    "help_url": r.help_url,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in rules {
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            r.id,
            r.default_severity.as_str(),
            r.summary
        )?;
    }
    Ok(())
}

/// Loads the termbase from a flag or the project, or an empty one when none is set.
pub(crate) fn load_termbase(
    flag: Option<&Path>,
    project: &concord::config::Project,
) -> anyhow::Result<Termbase> {
    match flag.map(Path::to_path_buf).or_else(|| project.termbase()) {
        Some(p) => {
            Termbase::open(&p).with_context(|| format!("cannot load termbase {}", p.display()))
        }
        None => Ok(Termbase::default()),
    }
}

fn read_tsv(path: &Path) -> anyhow::Result<TsvInput> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(TsvInput::parse(path, &bytes)?)
}

pub(crate) fn run(cli: &Cli, args: &CheckArgs) -> anyhow::Result<Outcome> {
    if args.list_rules {
        let mut out = Output::new(args.output.as_deref());
        list_rules(args.format, &mut out)?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    let project = cli.project()?;
    let termbase = load_termbase(args.termbase.as_deref(), &project)?;
    let mut opts = CheckOptions::from_config(&project.config).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}",
            project
                .path
                .as_deref()
                .map_or_else(|| "concord.toml".into(), |p| p.display().to_string())
        )
    })?;
    opts.min_severity = args.min_severity.into();
    let checker = Checker::new(&termbase, opts);

    let mut findings: Vec<Finding> = Vec::new();
    let mut lines: HashMap<String, Vec<String>> = HashMap::new();

    if let (Some(src), Some(tgt)) = (&args.source, &args.target) {
        let ru_text = read_text(src)?;
        let en_text = read_text(tgt)?;
        let seg = &project.config.segment;
        let ru_seg = Segmenter::new(Lang::Ru).with_abbreviations(seg.abbreviations_ru.clone());
        let en_seg = Segmenter::new(Lang::En).with_abbreviations(seg.abbreviations_en.clone());
        let en_name = tgt.display().to_string();
        let ru_name = src.display().to_string();
        let segs = document_pair(
            &en_name,
            &ru_text,
            &en_text,
            &ru_seg,
            &en_seg,
            checker.matcher(),
        );
        findings.extend(checker.check_source_text(&ru_name, &ru_text));
        findings.extend(checker.check_target_segments(&segs));
        lines.insert(en_name, en_text.lines().map(str::to_string).collect());
        lines.insert(ru_name, ru_text.lines().map(str::to_string).collect());
    }

    let mut files = args.files.clone();
    if files.is_empty() && args.source.is_none() {
        let mem = project.memory().context(
            "nothing to check: pass FILE.tsv, or --source RU --target EN, or run in a project whose concord.toml names `memory`",
        )?;
        files = concord::memory::tsv_files(&mem)?;
    }
    let tsvs: Vec<TsvInput> = files
        .iter()
        .map(|p| read_tsv(p))
        .collect::<anyhow::Result<_>>()?;
    let segs: Vec<Segment<'_>> = tsvs.iter().flat_map(TsvInput::segments).collect();
    if !segs.is_empty() {
        findings.extend(checker.check_tsv_segments(&segs));
    }
    for f in tsvs {
        lines.insert(f.name, f.lines);
    }

    let mut out = Output::new(args.output.as_deref());
    let sources = |file: &str, line: usize| -> Option<String> {
        lines.get(file)?.get(line.checked_sub(1)?).cloned()
    };
    let color = args.output.is_none() && use_color();
    render_with(&findings, args.format, &sources, &mut out, color)?;
    out.finish()?;
    Ok(if findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
