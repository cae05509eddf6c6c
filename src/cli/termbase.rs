//! `concord termbase`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord termbase`.
#[derive(Debug, clap::Args)]
pub(crate) struct TermbaseArgs {}

pub(crate) fn run(_cli: &Cli, _args: &TermbaseArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord termbase` is not built yet")
}
