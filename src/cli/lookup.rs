//! `concord lookup`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord lookup`.
#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {}

pub(crate) fn run(_cli: &Cli, _args: &LookupArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord lookup` is not built yet")
}
