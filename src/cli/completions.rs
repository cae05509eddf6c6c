//! `concord completions`: shell completions and man pages generated from the clap
//! definition, so they never drift from the real options.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::cli::{Cli, Outcome, Output};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Target {
    /// Bash completion script (`source <(concord completions bash)`).
    Bash,
    /// Zsh completion script (save as `_concord` in a folder of `$fpath`).
    Zsh,
    /// Fish completion script (save in `~/.config/fish/completions/concord.fish`).
    Fish,
    /// Elvish completion script.
    Elvish,
    /// PowerShell completion script.
    Powershell,
    /// The man page, in roff (`concord completions man | man -l -`).
    Man,
}

/// Arguments of `concord completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for, or `man` for the manual page.
    #[arg(value_enum, value_name = "SHELL")]
    target: Target,
    /// With `man`: write `concord.1` and one page per subcommand (`concord-lint.1`…)
    /// into this folder instead of printing `concord.1`.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(_cli: &Cli, args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    let shell = match args.target {
        Target::Bash => clap_complete::Shell::Bash,
        Target::Zsh => clap_complete::Shell::Zsh,
        Target::Fish => clap_complete::Shell::Fish,
        Target::Elvish => clap_complete::Shell::Elvish,
        Target::Powershell => clap_complete::Shell::PowerShell,
        Target::Man => {
            if let Some(dir) = &args.dir {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                clap_mangen::generate_to(cmd, dir)
                    .with_context(|| format!("cannot write man pages to {}", dir.display()))?;
                return Ok(Outcome::Clean);
            }
            let mut out = Output::new(args.output.as_deref());
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.finish()?;
            return Ok(Outcome::Clean);
        }
    };
    anyhow::ensure!(
        args.dir.is_none(),
        "--dir only applies to `concord completions man`"
    );
    let mut out = Output::new(args.output.as_deref());
    clap_complete::generate(shell, &mut cmd, "concord", &mut out);
    out.finish()?;
    Ok(Outcome::Clean)
}
