//! `concord termbase`: list, look up, count, find candidates, import and export.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::termbase::{Concept, Matcher, Termbase};

use crate::cli::check::load_termbase;
use crate::cli::{read_text, Cli, Outcome, Output};

/// Arguments of `concord termbase`.
#[derive(Debug, clap::Args)]
pub(crate) struct TermbaseArgs {
    /// Termbase file or folder (default: concord.toml `termbase`).
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) termbase: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: TermbaseCommand,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// concord's termbase TSV.
    Tsv,
    /// TBX (TermBase eXchange).
    Tbx,
}

/// The termbase subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TermbaseCommand {
    /// List every concept: id, Russian forms, approved English and variants.
    List,
    /// Show the concepts matching a Russian or English term (any inflected form) or an id.
    Lookup {
        /// The term: "Назарбаева", "CSTO", "caco".
        term: String,
    },
    /// Count concepts, forms and acronyms; report Russian forms claimed by two concepts.
    Stats,
    /// List acronyms and capitalised names of a source text that no concept covers.
    Candidates {
        /// The Russian source (default: concord.toml `source`).
        source: Option<PathBuf>,
    },
    /// Add concepts from TSV/TBX/glossary files (concepts whose id exists are skipped).
    Import {
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Termbase TSV file to add to (default: the termbase file, or imported.tsv in
        /// the termbase folder).
        #[arg(long, value_name = "FILE")]
        into: Option<PathBuf>,
    },
    /// Print the termbase as TSV or TBX.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: ExportFormat,
        /// Write to a file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn describe(c: &Concept) -> String {
    let mut s = format!("{}\t{}\t→ {}", c.id, c.ru.join(" | "), c.en);
    if !c.variants.is_empty() {
        s.push_str(&format!(" (also: {})", c.variants.join(", ")));
    }
    if !c.forbidden.is_empty() {
        s.push_str(&format!(" [not: {}]", c.forbidden.join(", ")));
    }
    s
}

pub(crate) fn run(cli: &Cli, args: &TermbaseArgs) -> anyhow::Result<Outcome> {
    let project = cli.project()?;
    let load = || -> anyhow::Result<Termbase> {
        if args.termbase.is_none() && project.termbase().is_none() {
            anyhow::bail!(
                "no termbase given: pass --termbase PATH or run in a project whose concord.toml names `termbase`"
            );
        }
        load_termbase(args.termbase.as_deref(), &project)
    };
    match &args.command {
        TermbaseCommand::List => {
            let tb = load()?;
            let mut out = Output::new(None);
            for c in &tb.concepts {
                writeln!(out, "{}", describe(c))?;
            }
            out.finish()?;
            Ok(Outcome::Clean)
        }
        TermbaseCommand::Lookup { term } => {
            let tb = load()?;
            let found = lookup(&tb, term);
            let mut out = Output::new(None);
            for &i in &found {
                let c = &tb.concepts[i];
                writeln!(out, "{}", describe(c))?;
                if !c.note.is_empty() {
                    writeln!(out, "\tnote: {}", c.note)?;
                }
                writeln!(out, "\t{}:{}", c.origin.path.display(), c.origin.line)?;
            }
            out.finish()?;
            if found.is_empty() {
                eprintln!("concord: no concept matches “{term}”");
                return Ok(Outcome::Findings);
            }
            Ok(Outcome::Clean)
        }
        TermbaseCommand::Stats => {
            let tb = load()?;
            let mut out = Output::new(None);
            stats(&tb, &mut out)?;
            out.finish()?;
            Ok(Outcome::Clean)
        }
        TermbaseCommand::Candidates { source } => {
            let tb = load()?;
            let path = crate::cli::path_or_config(
                source.as_deref(),
                project.source(),
                "source",
                "SOURCE",
            )?;
            let text = read_text(&path)?;
            let seg = concord::segment::Segmenter::new(concord::segment::Lang::Ru);
            let sentences: Vec<_> = seg
                .document(&text)
                .into_iter()
                .flat_map(|p| p.sentences)
                .collect();
            let cands = concord::termbase::candidates::candidates(&tb, &text, &sentences);
            let mut out = Output::new(None);
            for c in &cands {
                writeln!(
                    out,
                    "{}:{}:{}: {}\t{}×",
                    path.display(),
                    c.line,
                    c.column,
                    c.text,
                    c.count
                )?;
            }
            out.finish()?;
            Ok(if cands.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            })
        }
        TermbaseCommand::Import { files, into } => import(args, &project, files, into.as_deref()),
        TermbaseCommand::Export { format, output } => {
            let tb = load()?;
            let fmt = match format {
                ExportFormat::Tsv => concord::formats::TermbaseFormat::Tsv,
                ExportFormat::Tbx => concord::formats::TermbaseFormat::Tbx,
            };
            let text = concord::formats::export_termbase(&tb, fmt)?;
            Output::emit(output.as_deref(), &text)?;
            Ok(Outcome::Clean)
        }
    }
}

/// Concept indices matching a term: by id, by matcher (inflected Russian or English),
/// or by a folded substring of any form.
fn lookup(tb: &Termbase, term: &str) -> Vec<usize> {
    let mut found: Vec<usize> = tb
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.id == term)
        .map(|(i, _)| i)
        .collect();
    let m = Matcher::new(tb);
    let hits = if concord::text::has_cyrillic(term) {
        m.find_ru(term)
    } else {
        m.find_en_all(term)
    };
    found.extend(hits.iter().map(|h| h.concept));
    if found.is_empty() {
        let q = concord::text::fold(term);
        for (i, c) in tb.concepts.iter().enumerate() {
            let forms =
                c.ru.iter()
                    .chain(std::iter::once(&c.en))
                    .chain(&c.variants)
                    .chain(&c.forbidden);
            if forms
                .into_iter()
                .any(|f| concord::text::fold(f).contains(&q))
            {
                found.push(i);
            }
        }
    }
    let mut seen = Vec::new();
    found.retain(|i| {
        let new = !seen.contains(i);
        seen.push(*i);
        new
    });
    found
}

fn stats(tb: &Termbase, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let n = tb.concepts.len();
    let ru: usize = tb.concepts.iter().map(|c| c.ru.len()).sum();
    let acr = tb
        .concepts
        .iter()
        .flat_map(|c| &c.ru)
        .filter(|f| concord::termbase::stem::is_acronym_form(f))
        .count();
    let var: usize = tb.concepts.iter().map(|c| c.variants.len()).sum();
    let forb: usize = tb.concepts.iter().map(|c| c.forbidden.len()).sum();
    writeln!(out, "concepts\t{n}")?;
    writeln!(out, "russian forms\t{ru} ({acr} acronyms)")?;
    writeln!(out, "english variants\t{var}")?;
    writeln!(out, "forbidden renderings\t{forb}")?;
    let mut files: BTreeMap<String, usize> = BTreeMap::new();
    for c in &tb.concepts {
        *files
            .entry(c.origin.path.display().to_string())
            .or_default() += 1;
    }
    for (f, k) in files {
        writeln!(out, "file\t{f}\t{k}")?;
    }
    // the same Russian form under two concepts makes term-missing ambiguous
    let mut by_form: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for c in &tb.concepts {
        for f in &c.ru {
            by_form
                .entry(concord::text::fold(f))
                .or_default()
                .push(&c.id);
        }
    }
    for (f, ids) in by_form.iter().filter(|(_, v)| v.len() > 1) {
        writeln!(out, "shared russian form\t{f}\t{}", ids.join(", "))?;
    }
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &tb.concepts {
        *ids.entry(&c.id).or_default() += 1;
    }
    for (id, k) in ids.iter().filter(|(_, k)| **k > 1) {
        writeln!(out, "duplicate id\t{id}\t{k}")?;
    }
    Ok(())
}

fn import(
    args: &TermbaseArgs,
    project: &concord::config::Project,
    files: &[PathBuf],
    into: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let configured = args.termbase.clone().or_else(|| project.termbase());
    let target = match (into, configured) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(p)) if p.is_dir() => p.join("imported.tsv"),
        (None, Some(p)) => p,
        (None, None) => anyhow::bail!(
            "no termbase to import into: pass --into FILE or --termbase PATH, or run in a project whose concord.toml names `termbase`"
        ),
    };
    let mut incoming = Vec::new();
    for f in files {
        let imp = concord::formats::import_termbase(f)
            .with_context(|| format!("cannot import {}", f.display()))?;
        for w in &imp.warnings {
            eprintln!("concord: {w}");
        }
        incoming.extend(imp.items);
    }
    let _lock = concord::fsutil::FileLock::acquire(&target)
        .with_context(|| format!("cannot lock {}", target.display()))?;
    let mut tb = if target.exists() {
        Termbase::open(&target)?
    } else {
        Termbase::default()
    };
    let existing: Vec<String> = match project.termbase() {
        Some(p) if p.exists() => Termbase::open(&p)?
            .concepts
            .into_iter()
            .map(|c| c.id)
            .collect(),
        _ => Vec::new(),
    };
    let (mut added, mut skipped) = (0, 0);
    for c in incoming {
        if existing.contains(&c.id) || tb.concepts.iter().any(|k| k.id == c.id) {
            skipped += 1;
            continue;
        }
        tb.concepts.push(c);
        added += 1;
    }
    concord::fsutil::write_atomic(&target, tb.to_tsv().as_bytes())
        .with_context(|| format!("cannot write {}", target.display()))?;
    eprintln!(
        "concord: {added} concept(s) added to {}, {skipped} skipped (id already present)",
        target.display()
    );
    Ok(Outcome::Clean)
}
