//! Where a memory and a termbase live: TSV files (the default) or a PostgreSQL
//! database shared by a team.
//!
//! A memory or termbase "path" that starts with `postgresql://` or `postgres://` is a
//! database URL (libpq's URL form; a Unix socket is `?host=/run/postgresql`); anything
//! else is a file or folder. [`open_memory`], [`open_indexed`] and [`open_termbase`]
//! load either into concord's in-memory [`Memory`] and [`Termbase`], so `lookup`,
//! `check`, `edition` and `lint` run the same code on the same rows and print the same
//! output whichever the store is. Writes to a database go through [`pg`].
//!
//! # Design
//! - **Client crate: tokio-postgres** (with deadpool-postgres as the server's pool).
//!   The server is async (axum on tokio), and tokio-postgres is the driver the
//!   synchronous `postgres` crate wraps anyway, so one driver serves both the server
//!   and the command line (which runs it on a current-thread runtime). It gives binary
//!   `COPY … FROM STDIN` (imports) and typed parameters; sqlx would add a macro layer,
//!   compile-time database access or offline metadata, and a second pool, for queries
//!   that are few and fixed. Every query is a constant string with `$n` parameters.
//! - **Schema**: versioned migrations ([`migrations`]), applied by `concord db migrate`,
//!   checked at every start ([`pg::check_schema`]).
//! - **Rows keep provenance**: who added them (`CONCORD_USER`, else `USER`, or the
//!   server's caller), when, from which file and line, and a review status
//!   (`unreviewed`, `approved`, `rejected`).
//! - **No lost or doubled rows**: a pair is unique on `sha256(ru NUL en)`, and every
//!   insert is `ON CONFLICT DO NOTHING`, so the same pair added by two writers at once
//!   is stored once and two different pairs are both stored — the rule `memory add` has
//!   for TSV files (a pair already there is skipped).
//! - **All or nothing**: an import is one transaction — a binary COPY into a temporary
//!   table, then one `INSERT … SELECT … ORDER BY` — so a killed import leaves nothing.
//! - **Revisions**: each write transaction takes the next `concord_meta.revision` under
//!   that row's lock and stamps its rows with it. Writers are thus serialised and
//!   revisions commit in order, so a follower that has loaded revision R gets every later
//!   row with `rev > R`, in id order (which is file order for a loaded memory).

pub mod live;
pub mod migrations;
pub mod pg;

use std::path::Path;

use crate::memory::{Index, Memory};
use crate::termbase::Termbase;

/// True when a memory or termbase location is a PostgreSQL URL.
pub fn is_url(location: &Path) -> bool {
    location
        .to_str()
        .is_some_and(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// An error of the database store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be reached or a query failed.
    #[error("database: {0}")]
    Db(#[from] tokio_postgres::Error),
    /// The connection pool gave no connection.
    #[error("database unavailable: {0}")]
    Pool(String),
    /// The schema is missing, older or newer than this build.
    #[error("{0}")]
    Schema(String),
    /// A stored row could not be read back.
    #[error("bad row in the database: {0}")]
    Row(String),
    /// A TSV memory or termbase could not be read.
    #[error(transparent)]
    Tsv(#[from] crate::tsv::Error),
    /// The runtime for a command-line call could not be started.
    #[error("cannot start the database runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// Runs a future to completion on a new current-thread runtime (command-line use).
pub fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(rt.block_on(f))
}

/// Loads a memory from TSV files or a database.
pub fn open_memory(location: &Path) -> Result<Memory, Error> {
    if is_url(location) {
        let url = url_of(location);
        block_on(async move {
            let mut client = pg::connect(&url).await?;
            pg::check_schema(&mut client).await?;
            Ok(pg::load_memory(&mut client).await?.memory)
        })?
    } else {
        Ok(Memory::open(location)?)
    }
}

/// Loads a memory and its lookup index (from the index cache for TSV files).
pub fn open_indexed(location: &Path) -> Result<(Memory, Index), Error> {
    if is_url(location) {
        let memory = open_memory(location)?;
        let index = Index::build(&memory);
        Ok((memory, index))
    } else {
        Ok(crate::memory::open_indexed(location)?)
    }
}

/// Loads a termbase from TSV files or a database.
pub fn open_termbase(location: &Path) -> Result<Termbase, Error> {
    if is_url(location) {
        let url = url_of(location);
        block_on(async move {
            let mut client = pg::connect(&url).await?;
            pg::check_schema(&mut client).await?;
            pg::load_termbase(&mut client).await
        })?
    } else {
        Ok(Termbase::open(location)?)
    }
}

/// The URL text of a location that [`is_url`].
pub fn url_of(location: &Path) -> String {
    location.to_string_lossy().into_owned()
}

/// Who is writing, for provenance: `CONCORD_USER`, else `USER`, else `unknown`.
pub fn current_user() -> String {
    std::env::var("CONCORD_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_string())
}
