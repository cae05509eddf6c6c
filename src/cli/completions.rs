//! `concord completions`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {}

pub(crate) fn run(_cli: &Cli, _args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord completions` is not built yet")
}
