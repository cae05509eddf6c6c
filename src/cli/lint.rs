//! `concord lint`: check every file of a repository against the termbase, for CI.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use concord::check::{Finding, Rule, Severity};
use concord::config::{Level, PairPattern};
use concord::lint::baseline::Baseline;
use concord::lint::{CheckOptions, LintOptions, Linter};
use concord::termbase::Termbase;

use crate::cli::render::{self, FindingFormat};
use crate::cli::{path_or_config, render_ci, Cli, Outcome, Output};

/// Output formats of `concord lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LintFormat {
    /// rustc-style snippets with the span underlined and the suggestion.
    Text,
    /// One line a finding: `path:line:col: severity: rule: message`.
    Brief,
    /// One JSON array of finding objects (the same fields as `concord check`).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// Check every file of a repository against the termbase, for CI.
///
/// With no paths, lints the project that concord.toml describes (its folder): memory
/// TSVs get every check rule, Russian/English document pairs (`name.ru.md` with
/// `name.en.md`) are aligned and checked, and English Markdown, HTML and text get the
/// forbidden-rendering and near-miss rules in prose (not in code or URLs).
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// Files and folders to lint (default: `[lint] paths`, or the project folder).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    termbase: crate::cli::TermbaseArg,
    /// Translation memory: its TSVs are checked together (default: `memory` in concord.toml).
    #[arg(long, value_name = "PATH")]
    memory: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,
    /// Lowest level that fails the run (exit 1): info, warning, error, or off (never).
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    deny: Option<Level>,
    /// Also lint only files matching this glob (repeatable; adds to `[lint] include`).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files and folders matching this glob (repeatable; adds to `[lint] exclude`).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Set a rule's level: `term-variant=warning`, `mixed-script=off` (repeatable).
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_rule_level)]
    rule: Vec<(Rule, Level)>,
    /// Russian/English pair pattern `RU=EN`, e.g. `ru/{stem}.md=en/{stem}.md`
    /// (repeatable; replaces `[lint] pairs`).
    #[arg(long, value_name = "RU=EN", value_parser = parse_pair)]
    pair: Vec<PairPattern>,
    /// Similarity (0–1) above which a word is a near-miss of a term.
    #[arg(long, value_name = "F")]
    near_miss: Option<f64>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Do not honour .gitignore, .ignore and .concordignore files.
    #[arg(long)]
    no_ignore: bool,
    /// Lint hidden files and folders too.
    #[arg(long)]
    hidden: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    output: crate::cli::OutputArg,
    /// No summary line and no notes on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Print the effective configuration (file plus flags) as TOML and exit.
    #[arg(long)]
    print_config: bool,
}

fn parse_rule_level(s: &str) -> Result<(Rule, Level), String> {
    let (r, l) = s
        .split_once('=')
        .ok_or_else(|| format!("expected RULE=LEVEL, got `{s}`"))?;
    let rule = Rule::from_id(r.trim()).ok_or_else(|| {
        let known: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        format!("unknown rule `{r}`, expected one of {}", known.join(", "))
    })?;
    Ok((rule, parse_level(l.trim())?))
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::from_name(s)
        .ok_or_else(|| format!("unknown level `{s}`, expected off, info, warning or error"))
}

fn parse_pair(s: &str) -> Result<PairPattern, String> {
    let (ru, en) = s
        .split_once('=')
        .ok_or_else(|| format!("expected RU=EN patterns, got `{s}`"))?;
    if !ru.contains("{stem}") || !en.contains("{stem}") {
        return Err(format!("both patterns need `{{stem}}`: `{s}`"));
    }
    Ok(PairPattern {
        ru: ru.into(),
        en: en.into(),
    })
}

fn level_severity(l: Level) -> Option<Severity> {
    match l {
        Level::Off => None,
        Level::Info => Some(Severity::Info),
        Level::Warning => Some(Severity::Warning),
        Level::Error => Some(Severity::Error),
    }
}

pub(crate) fn run(cli: &Cli, args: &LintArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let project = cli.project()?;
    // the effective configuration: the file, then the flags
    let mut config = project.config.clone();
    let cwd = std::env::current_dir()?;
    let abs = |p: &PathBuf| {
        if p.is_absolute() {
            p.clone()
        } else {
            cwd.join(p)
        }
    };
    if let Some(t) = &*args.termbase {
        config.termbase = Some(abs(t));
    }
    if let Some(m) = &args.memory {
        config.memory = Some(abs(m));
    }
    if let Some(d) = args.deny {
        config.lint.deny = d;
    }
    config.lint.include.extend(args.include.iter().cloned());
    config.lint.exclude.extend(args.exclude.iter().cloned());
    if !args.pair.is_empty() {
        config.lint.pairs = args.pair.clone();
    }
    if let Some(n) = args.near_miss {
        anyhow::ensure!(
            (0.0..=1.0).contains(&n),
            "--near-miss must be between 0 and 1, got {n}"
        );
        config.check.near_miss = n;
    }
    for (r, l) in &args.rule {
        config.rules.insert(r.id().to_string(), *l);
    }
    if let Some(b) = &args.baseline {
        config.lint.baseline = Some(abs(b));
    }
    if args.no_ignore {
        config.lint.respect_ignore_files = false;
    }
    if args.hidden {
        config.lint.hidden = true;
    }
    if args.print_config {
        let mut out = Output::new(args.output.as_deref());
        match &project.path {
            Some(p) => writeln!(out, "# effective configuration: {} with command-line flags", p.display())?,
            None => writeln!(out, "# effective configuration: defaults (no concord.toml found) with command-line flags")?,
        }
        out.write_all(config.to_toml().as_bytes())?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    let resolve = |p: &PathBuf| project.resolve(p);
    let termbase_path = path_or_config(
        None,
        config.termbase.as_ref().map(resolve),
        "termbase",
        "--termbase PATH",
    )?;
    let termbase = Termbase::open(&termbase_path)
        .with_context(|| format!("cannot load termbase {}", termbase_path.display()))?;
    let levels: BTreeMap<Rule, Level> = config.rule_levels();
    let mut check = CheckOptions::default();
    check.near_miss = config.check.near_miss;
    check.min_severity = Severity::Info;
    check.levels = levels.clone();
    let mut skip = vec![];
    skip.extend(project.path.clone());
    // the project's source is translated through the memory, not as a document pair
    skip.extend(project.source());
    skip.extend(args.write_baseline.clone());
    skip.extend((*args.output).clone());
    let opts = LintOptions {
        root: project.root.clone(),
        include: config.lint.include.clone(),
        exclude: config.lint.exclude.clone(),
        pairs: config.lint.pairs.clone(),
        memory: config.memory.as_ref().map(resolve),
        termbase: Some(termbase_path),
        skip,
        ignore_files: config.lint.respect_ignore_files,
        hidden: config.lint.hidden,
        threads: args.jobs.unwrap_or(0),
        abbreviations_ru: config.segment.abbreviations_ru.clone(),
        abbreviations_en: config.segment.abbreviations_en.clone(),
    };
    let linter = Linter::new(&termbase, check, opts)?;
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        config.lint.paths.iter().map(resolve).collect()
    } else {
        args.paths.clone()
    };
    let report = linter.run(&paths);

    let mut findings = report.findings;
    let mut in_baseline = 0;
    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_findings(&findings);
        b.save(path)?;
        if !args.quiet {
            eprintln!(
                "concord lint: wrote {} finding(s) to baseline {}",
                findings.len(),
                path.display()
            );
        }
        in_baseline = findings.len();
        findings.clear();
    } else if let Some(path) = config.lint.baseline.as_ref().map(resolve) {
        let b = Baseline::load(&path)?;
        let (new, known) = b.split(findings);
        findings = new;
        in_baseline = known.len();
    }

    let mut out = Output::new(args.output.as_deref());
    let rule_level = |r: Rule| match levels.get(&r) {
        Some(l) => level_severity(*l),
        None => Some(Severity::Error),
    };
    match args.format {
        LintFormat::Github => render_ci::github(&findings, &mut out)?,
        LintFormat::Sarif => render_ci::sarif(&findings, &rule_level, &mut out)?,
        LintFormat::Text | LintFormat::Brief | LintFormat::Json => {
            render_basic(&findings, args.format, args.output.is_none(), &mut out)?
        }
    }
    out.finish()?;

    let mut stderr = std::io::stderr().lock();
    for e in &report.errors {
        writeln!(stderr, "concord: error: {e:#}")?;
    }
    if !args.quiet {
        for n in &report.notes {
            writeln!(stderr, "concord: note: {n}")?;
        }
        writeln!(
            stderr,
            "{}",
            summary(
                report.files,
                &findings,
                report.suppressed.len(),
                in_baseline,
                report.errors.len(),
                started.elapsed().as_secs_f64()
            )
        )?;
    }
    if !report.errors.is_empty() {
        return Ok(Outcome::Errors);
    }
    let fails = level_severity(config.lint.deny)
        .is_some_and(|deny| findings.iter().any(|f| f.severity >= deny));
    // The process ends here: freeing hundreds of thousands of findings and the
    // compiled termbase one by one would only delay the exit.
    std::mem::forget(findings);
    std::mem::forget(report.suppressed);
    std::mem::forget(linter);
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The stderr summary line: files, findings by rule, suppressed, baseline, errors, time.
fn summary(
    files: usize,
    findings: &[Finding],
    suppressed: usize,
    in_baseline: usize,
    errors: usize,
    secs: f64,
) -> String {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *by_rule.entry(f.rule.id()).or_default() += 1;
    }
    let mut s = format!(
        "concord lint: {} checked, {}",
        plural(files, "file", "files"),
        plural(findings.len(), "finding", "findings")
    );
    if !by_rule.is_empty() {
        let parts: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        s.push_str(&format!(" ({})", parts.join(", ")));
    }
    s.push_str(&format!(", {suppressed} suppressed"));
    if in_baseline > 0 {
        s.push_str(&format!(", {in_baseline} in baseline"));
    }
    if errors > 0 {
        s.push_str(&format!(", {}", plural(errors, "error", "errors")));
    }
    s.push_str(&format!(" in {secs:.2}s"));
    s
}

/// Renders text and json through the shared renderer; `brief` here, with the severity
/// (`path:line:col: severity: rule: message`) as linters print it.
fn render_basic(
    findings: &[Finding],
    format: LintFormat,
    to_stdout: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        LintFormat::Json => render::render(findings, FindingFormat::Json, &|_, _| None, out),
        LintFormat::Text => {
            let cache: RefCell<HashMap<String, Option<Vec<String>>>> = RefCell::default();
            let sources = |file: &str, line: usize| -> Option<String> {
                let mut cache = cache.borrow_mut();
                let lines = cache.entry(file.to_string()).or_insert_with(|| {
                    let text = std::fs::read(file).ok()?;
                    let text = String::from_utf8_lossy(&text);
                    Some(text.lines().map(str::to_string).collect())
                });
                lines.as_ref()?.get(line.checked_sub(1)?).cloned()
            };
            // colour only on a terminal, never into an `-o` file
            let color = to_stdout && render::use_color();
            render::render_with(findings, FindingFormat::Text, &sources, out, color)
        }
        _ => {
            for f in findings {
                let sev = f.severity.as_str();
                writeln!(
                    out,
                    "{}:{}:{}: {sev}: {}: {}",
                    f.file, f.line, f.column, f.rule, f.message
                )?;
            }
            Ok(())
        }
    }
}
