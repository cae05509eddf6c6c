//! `concord memory`.

use crate::cli::{Cli, Outcome};

/// Arguments of `concord memory`.
#[derive(Debug, clap::Args)]
pub(crate) struct MemoryArgs {}

pub(crate) fn run(_cli: &Cli, _args: &MemoryArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`concord memory` is not built yet")
}
