//! `concord lint`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord lint`.
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {}

pub(crate) fn run(_cli: &Cli, _args: &LintArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord lint` is not built yet")
}
