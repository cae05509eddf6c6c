//! `concord align`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord align`.
#[derive(Debug, clap::Args)]
pub(crate) struct AlignArgs {}

pub(crate) fn run(_cli: &Cli, _args: &AlignArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord align` is not built yet")
}
