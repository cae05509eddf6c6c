//! `concord memory`: add to, import into, export, inspect and deduplicate the memory.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::fsutil::{write_atomic, FileLock};
use concord::memory::stats::{dedupe, stats, DedupeMode};
use concord::memory::{self, Entry, Memory};

use crate::cli::{Cli, Outcome, Output};

/// Add to, import into, export, inspect and deduplicate the translation memory.
///
/// Writes are atomic (temporary file + rename) under a lock (`.NAME.lock` beside the
/// file), so concurrent runs all land and a crash leaves the previous file whole. When
/// the memory is a folder, new entries go to `memory.tsv` in it (or `--file NAME`).
#[derive(Debug, clap::Args)]
pub(crate) struct MemoryArgs {
    /// Memory: a TSV file or a folder of them (default: `memory` in concord.toml).
    #[arg(long, global = true, value_name = "PATH")]
    memory: Option<PathBuf>,
    /// File inside a memory folder that receives new entries.
    #[arg(long, global = true, value_name = "NAME", default_value = "memory.tsv")]
    file: PathBuf,
    #[command(subcommand)]
    command: MemoryCommand,
}

#[derive(Debug, clap::Subcommand)]
enum MemoryCommand {
    /// Add one translation unit (skipped when the same pair is already there).
    Add {
        /// The Russian source segment.
        ru: String,
        /// The English target segment.
        en: String,
        /// A note for translators.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Import TSV (ru/en columns, extra columns kept), TMX or XLIFF files.
    Import {
        /// Files to import; all are read before anything is written.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the whole memory as TSV, TMX, XLIFF 1.2 or XLIFF 2.0.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Tsv)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Count segments, words, duplicates, conflicting targets and language problems.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
    /// Remove entries that repeat an earlier entry's source and target.
    Dedupe {
        /// Keep only the first entry of each source (the target lookup shows).
        #[arg(long)]
        first_target: bool,
        /// Report what would be removed without writing (exit 1 when there is any).
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Tsv,
    Tmx,
    /// XLIFF 1.2 (each entry's status as the target's state).
    Xliff,
    /// XLIFF 2.0.
    Xliff2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

pub(crate) fn run(cli: &Cli, args: &MemoryArgs) -> anyhow::Result<Outcome> {
    let path = crate::cli::lookup::memory_path(cli, args.memory.as_deref())?;
    match &args.command {
        MemoryCommand::Add { ru, en, note } => {
            if ru.trim().is_empty() {
                anyhow::bail!("the Russian segment is empty");
            }
            let mut e = Entry::new(ru.clone(), en.clone());
            e.note = note.clone();
            let target = target_file(&path, &args.file);
            let (added, _) = append(&target, vec![e])?;
            if added == 0 {
                eprintln!("already in {}", target.display());
            }
            Ok(Outcome::Clean)
        }
        MemoryCommand::Import { files } => {
            let mut all = Vec::new();
            for f in files {
                let imported = concord::formats::import_memory(f)
                    .with_context(|| format!("cannot import {}", f.display()))?;
                for w in &imported.warnings {
                    eprintln!("warning: {w}");
                }
                if let Some(line) = imported.dropped_line(f) {
                    eprintln!("note: {line}");
                }
                eprintln!(
                    "{}: {} entries{}",
                    f.display(),
                    imported.items.len(),
                    if imported.skipped > 0 {
                        format!(", {} units skipped", imported.skipped)
                    } else {
                        String::new()
                    }
                );
                all.extend(imported.items);
            }
            let target = target_file(&path, &args.file);
            let n = all.len();
            // pairs in the memory's other files are not added again either
            let elsewhere = other_pairs(&path, &target)?;
            all.retain(|e| !elsewhere.contains(&(e.ru.clone(), e.en.clone())));
            let in_others = n - all.len();
            let (added, dupes) = append(&target, all)?;
            let dupes = dupes + in_others;
            eprintln!(
                "added {added} of {n} entries to {}{}",
                target.display(),
                if dupes > 0 {
                    format!(" ({dupes} already there)")
                } else {
                    String::new()
                }
            );
            Ok(Outcome::Clean)
        }
        MemoryCommand::Export { format, output } => {
            let memory = open(&path)?;
            let fmt = match format {
                ExportFormat::Tsv => concord::formats::MemoryFormat::Tsv,
                ExportFormat::Tmx => concord::formats::MemoryFormat::Tmx,
                ExportFormat::Xliff => concord::formats::MemoryFormat::Xliff12,
                ExportFormat::Xliff2 => concord::formats::MemoryFormat::Xliff20,
            };
            let text = concord::formats::export_memory(&memory, fmt)?;
            Output::emit(output.as_deref(), &text)?;
            Ok(Outcome::Clean)
        }
        MemoryCommand::Stats { format } => {
            let memory = open(&path)?;
            let s = stats(&memory);
            let mut out = Output::new(None);
            match format {
                StatsFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &s)?;
                    writeln!(out)?;
                }
                StatsFormat::Text => write_stats(&mut out, &path, &s)?,
            }
            out.finish()?;
            Ok(Outcome::Clean)
        }
        MemoryCommand::Dedupe {
            first_target,
            dry_run,
        } => {
            let mode = if *first_target {
                DedupeMode::FirstTarget
            } else {
                DedupeMode::Exact
            };
            run_dedupe(&path, mode, *dry_run)
        }
    }
}

fn open(path: &Path) -> anyhow::Result<Memory> {
    concord::store::open_memory(path)
        .with_context(|| format!("cannot load the memory {}", path.display()))
}

/// The file that receives new entries: the memory file itself, or `NAME` in a memory
/// folder. A path that does not exist yet is a folder unless it ends in `.tsv`.
fn target_file(memory: &Path, file: &Path) -> PathBuf {
    if concord::store::is_url(memory) {
        return memory.to_path_buf();
    }
    let is_file = if memory.exists() {
        !memory.is_dir()
    } else {
        memory.extension().is_some()
    };
    if is_file {
        memory.to_path_buf()
    } else {
        memory.join(file)
    }
}

/// The (ru, en) pairs of the memory's files other than `target`.
fn other_pairs(memory: &Path, target: &Path) -> anyhow::Result<HashSet<(String, String)>> {
    let mut out = HashSet::new();
    if !memory.is_dir() {
        return Ok(out);
    }
    for f in memory::tsv_files(memory)? {
        if f == target {
            continue;
        }
        for e in memory::read_entries(&f)? {
            out.insert((e.ru, e.en));
        }
    }
    Ok(out)
}

/// Appends entries (skipping pairs already in the file) under the lock; returns
/// (added, already there). The file keeps its bytes and header when the new rows fit its
/// columns; otherwise it is rewritten with the union of the columns.
fn append(target: &Path, entries: Vec<Entry>) -> anyhow::Result<(usize, usize)> {
    if concord::store::is_url(target) {
        return crate::cli::db::append(target, entries);
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let _lock =
        FileLock::acquire(target).with_context(|| format!("cannot lock {}", target.display()))?;
    let bytes = match std::fs::read(target) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", target.display())),
    };
    let table = match &bytes {
        Some(b) => Some(concord::tsv::parse(target, b, &memory::READ_OPTIONS)?),
        None => None,
    };
    let (header, has_header) = table
        .as_ref()
        .map(|t| (t.header.clone(), t.has_header))
        .unwrap_or_default();
    let existing = match table {
        Some(t) if !t.rows.is_empty() || t.has_header => memory::entries_from_table(target, t)?,
        _ => Vec::new(),
    };
    let mut at: std::collections::HashMap<(String, String), usize> = HashMap::new();
    for (i, e) in existing.iter().enumerate() {
        at.entry((e.ru.clone(), e.en.clone())).or_insert(i);
    }
    let mut existing = existing;
    let mut seen: HashSet<(String, String)> = at.keys().cloned().collect();
    let total = entries.len();
    // a pair already there is not added again; a higher review status it arrives with
    // (a draft approved in the CAT tool) is taken over
    let mut upgraded = 0;
    let mut new: Vec<Entry> = Vec::new();
    for e in entries {
        let key = (e.ru.clone(), e.en.clone());
        if let Some(&i) = at.get(&key) {
            let has = e.get(memory::status::COLUMN).is_some();
            if has && e.status() > existing[i].status() {
                existing[i].set_status(e.status());
                upgraded += 1;
            }
            continue;
        }
        if seen.insert(key) {
            new.push(e);
        }
    }
    let dupes = total - new.len();
    if upgraded > 0 {
        eprintln!("{upgraded} entries already there took a higher review status");
    }
    if new.is_empty() && upgraded == 0 {
        return Ok((0, dupes));
    }
    let fits = |e: &Entry| {
        e.extra
            .iter()
            .all(|(k, v)| v.is_empty() || (has_header && header.iter().any(|h| h == k)))
    };
    let plain = bytes.as_deref().is_some_and(|b| {
        !b.starts_with(&[0xFF, 0xFE]) && !b.starts_with(&[0xFE, 0xFF]) && !b.is_empty()
    });
    let out =
        if upgraded == 0 && plain && (has_header || !existing.is_empty()) && new.iter().all(fits) {
            let mut text = String::from_utf8(bytes.unwrap_or_default())?;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            for e in &new {
                let row: Vec<&str> = header
                    .iter()
                    .map(|h| {
                        if memory::is_lang_column(h, "ru") {
                            e.ru.as_str()
                        } else if memory::is_lang_column(h, "en") {
                            e.en.as_str()
                        } else if h == "note" {
                            e.note.as_str()
                        } else {
                            e.get(h).unwrap_or("")
                        }
                    })
                    .collect();
                concord::tsv::write_record(&mut text, &row);
            }
            text
        } else {
            let mut all = existing;
            all.extend(new.iter().cloned());
            Memory { entries: all }.to_tsv()
        };
    write_atomic(target, out.as_bytes())
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok((new.len(), dupes))
}

fn write_stats(
    out: &mut dyn std::io::Write,
    path: &Path,
    s: &memory::stats::Stats,
) -> std::io::Result<()> {
    writeln!(out, "memory                {}", path.display())?;
    writeln!(out, "files                 {}", s.files)?;
    writeln!(out, "segments              {}", s.segments)?;
    writeln!(
        out,
        "words                 {} ru, {} en",
        s.source_words, s.target_words
    )?;
    writeln!(out, "unique sources        {}", s.unique_sources)?;
    writeln!(
        out,
        "duplicates            {} ({} exact: same source and target)",
        s.duplicates, s.exact_duplicates
    )?;
    writeln!(
        out,
        "conflicting targets   {} sources",
        s.conflicting_sources
    )?;
    writeln!(out, "languages             ru → en")?;
    writeln!(out, "empty targets         {}", s.empty_targets)?;
    writeln!(out, "sources w/o Cyrillic  {}", s.sources_without_cyrillic)?;
    writeln!(out, "targets w/ Cyrillic   {}", s.targets_with_cyrillic)?;
    Ok(())
}

fn run_dedupe(path: &Path, mode: DedupeMode, dry_run: bool) -> anyhow::Result<Outcome> {
    if concord::store::is_url(path) {
        return crate::cli::db::dedupe(path, mode, dry_run);
    }
    let files = memory::tsv_files(path)?;
    // lock every file (in name order), then read, so no writer slips in between
    let mut locks = Vec::new();
    if !dry_run {
        for f in &files {
            locks.push(
                FileLock::acquire(f).with_context(|| format!("cannot lock {}", f.display()))?,
            );
        }
    }
    let mut memory = Memory::default();
    let mut per_file = Vec::new();
    for f in &files {
        let entries = memory::read_entries(f)?;
        per_file.push((f.clone(), memory.entries.len(), entries.len()));
        memory.entries.extend(entries);
    }
    let keep: HashSet<usize> = dedupe(&memory, mode).into_iter().collect();
    let removed = memory.entries.len() - keep.len();
    for (f, start, len) in per_file {
        let kept: Vec<Entry> = (start..start + len)
            .filter(|i| keep.contains(i))
            .map(|i| memory.entries[i].clone())
            .collect();
        if kept.len() == len {
            continue;
        }
        eprintln!(
            "{}: {} duplicate entries{}",
            f.display(),
            len - kept.len(),
            if dry_run { " (dry run)" } else { " removed" }
        );
        if !dry_run {
            write_atomic(&f, Memory { entries: kept }.to_tsv().as_bytes())
                .with_context(|| format!("cannot write {}", f.display()))?;
        }
    }
    eprintln!("{removed} duplicates");
    // a dry run that finds duplicates is a finding (exit 1), like a linter
    Ok(if dry_run && removed > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
