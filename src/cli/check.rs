//! `concord check`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {}

pub(crate) fn run(_cli: &Cli, _args: &CheckArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord check` is not built yet")
}
