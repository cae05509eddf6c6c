//! `concord edition`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord edition`.
#[derive(Debug, clap::Args)]
pub(crate) struct EditionArgs {}

pub(crate) fn run(_cli: &Cli, _args: &EditionArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord edition` is not built yet")
}
