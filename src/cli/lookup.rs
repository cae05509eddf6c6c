//! `concord lookup`: exact and fuzzy matches for Russian segments from the memory.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::memory::diff::{word_diff, Change};
use concord::memory::{LookupOptions, Match, Memory, Scorer};

use crate::cli::{Cli, Outcome, Output};

/// Look up Russian segments in the translation memory: the exact match first, then fuzzy
/// matches scored 100·(1 − lev/max(|q|,|s|)). Exits 1 when a query has no match.
#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {
    /// Memory: a TSV file or a folder of them (default: `memory` in concord.toml).
    #[arg(long, value_name = "PATH")]
    memory: Option<PathBuf>,
    /// At most this many matches per query (the exact match included).
    #[arg(long, default_value_t = 5, value_name = "N")]
    top: usize,
    /// Lowest fuzzy score shown, 0 to 100.
    #[arg(long, default_value_t = 70.0, value_name = "S")]
    min_score: f64,
    /// Levenshtein over word tokens (word) or Unicode code points (char).
    #[arg(long, value_enum, default_value_t = ScorerArg::Word)]
    scorer: ScorerArg,
    /// text (matches with a word diff), tsv (`qid rank score source target`) or json.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The segment to look up; several words are joined with spaces into one query.
    query: Vec<String>,
    /// A file of queries, one a line (`-` for stdin); qid is the 0-based line number.
    #[arg(long, value_name = "FILE")]
    queries: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ScorerArg {
    Word,
    Char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Tsv,
    Json,
}

/// Resolves `--memory`, falling back to the project's `memory`.
pub(crate) fn memory_path(cli: &Cli, flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    crate::cli::path_or_config(None, cli.project()?.memory(), "memory", "--memory PATH")
}

/// Formats a score with at most two decimals (`100`, `85.71`, `80.5`).
pub(crate) fn format_score(score: f64) -> String {
    let s = format!("{score:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

pub(crate) fn run(cli: &Cli, args: &LookupArgs) -> anyhow::Result<Outcome> {
    if !(0.0..=100.0).contains(&args.min_score) {
        anyhow::bail!(
            "--min-score must be between 0 and 100, got {}",
            args.min_score
        );
    }
    // (qid, query) pairs: the positional query is qid 0, then the file's lines
    let mut queries: Vec<(usize, String)> = Vec::new();
    if !args.query.is_empty() {
        queries.push((0, args.query.join(" ")));
    }
    if let Some(file) = &args.queries {
        let text = crate::cli::read_text(file)?;
        let base = queries.len();
        for (i, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                queries.push((base + i, line.to_string()));
            }
        }
    }
    if args.query.is_empty() && args.queries.is_none() {
        anyhow::bail!("no query: give a segment to look up, or --queries FILE");
    }
    let path = memory_path(cli, args.memory.as_deref())?;
    let (memory, index) = concord::store::open_indexed(&path)
        .with_context(|| format!("cannot load the memory {}", path.display()))?;
    let opts = LookupOptions {
        top: args.top,
        min_score: args.min_score,
        scorer: match args.scorer {
            ScorerArg::Word => Scorer::Word,
            ScorerArg::Char => Scorer::Char,
        },
    };
    let color = args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut out = Output::new(None);
    let mut missed = false;
    let mut json = Vec::new();
    for (qid, q) in &queries {
        let found = index.lookup(&memory, q, &opts);
        missed |= found.is_empty();
        match args.format {
            Format::Tsv => write_tsv(&mut out, *qid, &memory, &found)?,
            Format::Text => write_text(&mut out, *qid, q, &memory, &found, color)?,
            Format::Json => json.push(to_json(*qid, q, &memory, &found)),
        }
    }
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    }
    out.finish()?;
    Ok(if missed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn write_tsv(
    out: &mut dyn Write,
    qid: usize,
    memory: &Memory,
    found: &[Match],
) -> std::io::Result<()> {
    use concord::tsv::escape;
    for (rank, m) in found.iter().enumerate() {
        let e = &memory.entries[m.entry];
        writeln!(
            out,
            "{qid}\t{}\t{}\t{}\t{}",
            rank + 1,
            format_score(m.score),
            escape(&e.ru),
            escape(&e.en)
        )?;
    }
    Ok(())
}

fn write_text(
    out: &mut dyn Write,
    qid: usize,
    query: &str,
    memory: &Memory,
    found: &[Match],
    color: bool,
) -> std::io::Result<()> {
    writeln!(out, "#{qid} {query}")?;
    if found.is_empty() {
        writeln!(out, "  no match")?;
    }
    for m in found {
        let e = &memory.entries[m.entry];
        let label = if m.exact {
            "exact".to_string()
        } else {
            format!("{}%", format_score(m.score))
        };
        let mut src = String::new();
        let mut space_after = false;
        for p in word_diff(query, &e.ru) {
            if std::mem::take(&mut space_after) && !p.text.starts_with(char::is_whitespace) {
                src.push(' ');
            }
            match (p.change, color) {
                (Change::Same, _) => src.push_str(&p.text),
                (Change::Added, true) => src.push_str(&format!("\x1b[1;33m{}\x1b[0m", p.text)),
                (Change::Added, false) => src.push_str(&format!("{{+{}+}}", p.text)),
                (Change::Removed, c) => {
                    if !src.is_empty() && !src.ends_with(char::is_whitespace) {
                        src.push(' ');
                    }
                    if c {
                        src.push_str(&format!("\x1b[9;31m{}\x1b[0m", p.text));
                    } else {
                        src.push_str(&format!("[-{}-]", p.text));
                    }
                    space_after = true;
                }
            }
        }
        let src = src.replace('\n', "\\n");
        writeln!(out, "  {label:>6}  {src}")?;
        writeln!(out, "          {}", e.en.replace('\n', "\\n"))?;
        if !e.note.is_empty() {
            writeln!(out, "          note: {}", e.note.replace('\n', "\\n"))?;
        }
    }
    Ok(())
}

fn to_json(qid: usize, query: &str, memory: &Memory, found: &[Match]) -> serde_json::Value {
    let matches: Vec<_> = found
        .iter()
        .enumerate()
        .map(|(rank, m)| match_json(rank, m, &memory.entries[m.entry]))
        .collect();
    serde_json::json!({ "qid": qid, "query": query, "matches": matches })
}

/// One match as JSON, the same object in `lookup --format json` and `concord serve`.
pub(crate) fn match_json(rank: usize, m: &Match, e: &concord::memory::Entry) -> serde_json::Value {
    serde_json::json!({
        "rank": rank + 1,
        "score": (m.score * 100.0).round() / 100.0,
        "exact": m.exact,
        "source": e.ru,
        "target": e.en,
        "note": e.note,
        "file": e.origin.path.display().to_string(),
        "line": e.origin.line,
    })
}
