//! Command-line definitions shared by every subcommand, and exit-code mapping.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use concord::config::Project;

pub(crate) mod align;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod edition;
pub(crate) mod lint;
pub(crate) mod lookup;
pub(crate) mod memory;
pub(crate) mod render;
pub(crate) mod render_ci;
pub(crate) mod segment;
pub(crate) mod termbase;

/// Russian→English translation memory, termbase and consistency checker.
///
/// Run at the root of a project (a folder with concord.toml), commands need no
/// arguments: `concord edition` prints the English edition of the source document.
#[derive(Debug, clap::Parser)]
#[command(name = "concord", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// Project file to use instead of the concord.toml found upward from here.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Split Russian or English text into sentences.
    Segment(segment::SegmentArgs),
    /// Find exact and fuzzy matches for Russian segments in the memory.
    Lookup(lookup::LookupArgs),
    /// Add to, import, export, inspect and deduplicate the translation memory.
    Memory(memory::MemoryArgs),
    /// List, look up, import and export termbase entries.
    Termbase(termbase::TermbaseArgs),
    /// Check a bilingual draft against the termbase and for consistency.
    Check(check::CheckArgs),
    /// Align a Russian document with its English translation, sentence by sentence.
    Align(align::AlignArgs),
    /// Assemble the English edition of the source document from the memory.
    Edition(edition::EditionArgs),
    /// Check every file of a repository against the termbase, for CI.
    Lint(Box<lint::LintArgs>),
    /// Print shell completions or the man page.
    Completions(completions::CompletionsArgs),
}

/// What a command found, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Findings (or no match): exit 1.
    Findings,
    /// Some inputs failed but the run went on: exit 2.
    Errors,
}

/// Maps a command's result to the process exit code; a broken pipe is a quiet success.
pub(crate) fn exit(result: anyhow::Result<Outcome>) -> std::process::ExitCode {
    match result {
        Ok(Outcome::Clean) => std::process::ExitCode::from(0),
        Ok(Outcome::Findings) => std::process::ExitCode::from(1),
        Ok(Outcome::Errors) => std::process::ExitCode::from(2),
        Err(err) => {
            if is_broken_pipe(&err) {
                return std::process::ExitCode::from(0);
            }
            let _ = writeln!(std::io::stderr(), "concord: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl Cli {
    /// Loads the project: `--config FILE`, or concord.toml discovered upward.
    pub(crate) fn project(&self) -> anyhow::Result<Project> {
        Ok(match &self.config {
            Some(p) => Project::load(p)?,
            None => Project::discover(&std::env::current_dir()?)?,
        })
    }
}

/// Picks a path from a flag or the project file, or explains what is missing.
pub(crate) fn path_or_config(
    flag: Option<&Path>,
    configured: Option<PathBuf>,
    what: &str,
    hint: &str,
) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    configured.with_context(|| {
        format!(
            "no {what} given: pass {hint} or run in a project with concord.toml naming `{what}`"
        )
    })
}

/// Reads a text file, or stdin for `-`; decodes like the TSV reader (BOM, UTF-16).
pub(crate) fn read_text(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(concord::tsv::decode(path, &bytes)?.into_owned())
}

/// Where a command's main output goes: stdout (buffered) or a file written atomically.
pub(crate) struct Output {
    path: Option<PathBuf>,
    buf: Vec<u8>,
    stdout: Option<std::io::BufWriter<std::io::StdoutLock<'static>>>,
}

impl Output {
    /// Output to `path`, or stdout when `None` or `-`.
    pub(crate) fn new(path: Option<&Path>) -> Output {
        match path.filter(|p| *p != Path::new("-")) {
            Some(p) => Output {
                path: Some(p.to_path_buf()),
                buf: Vec::new(),
                stdout: None,
            },
            None => Output {
                path: None,
                buf: Vec::new(),
                stdout: Some(std::io::BufWriter::new(std::io::stdout().lock())),
            },
        }
    }

    /// Writes a whole text to `path` (atomically) or stdout.
    pub(crate) fn emit(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
        let mut out = Output::new(path);
        out.write_all(text.as_bytes())?;
        out.finish()
    }

    /// Flushes stdout, or writes the file atomically.
    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        if let Some(out) = self.stdout.as_mut() {
            out.flush()?;
        }
        if let Some(p) = &self.path {
            concord::fsutil::write_atomic(p, &self.buf)
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self.stdout.as_mut() {
            Some(out) => out.write(b),
            None => self.buf.write(b),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.stdout.as_mut() {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}

/// `--termbase`, declared once for every subcommand that reads a termbase.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct TermbaseArg {
    /// Termbase: a TSV file or a folder of them [default: `termbase` in concord.toml].
    #[arg(long, value_name = "PATH")]
    pub(crate) termbase: Option<PathBuf>,
}

impl std::ops::Deref for TermbaseArg {
    type Target = Option<PathBuf>;
    fn deref(&self) -> &Option<PathBuf> {
        &self.termbase
    }
}

/// `--output`, declared once for every subcommand that writes a report or a file.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct OutputArg {
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

impl std::ops::Deref for OutputArg {
    type Target = Option<PathBuf>;
    fn deref(&self) -> &Option<PathBuf> {
        &self.output
    }
}
