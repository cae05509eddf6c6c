//! `concord db`: create and upgrade the PostgreSQL schema; and the database side of
//! `memory add|import|dedupe` and `termbase import` when the store is a `postgresql://`
//! URL.

use std::path::Path;

use anyhow::Context as _;
use concord::memory::stats::DedupeMode;
use concord::memory::Entry;
use concord::store::{self, pg};
use concord::termbase::Concept;

use crate::cli::{Cli, Outcome};

/// Create or upgrade the PostgreSQL schema of a shared memory and termbase.
///
/// The database is `--db URL`, else `CONCORD_DATABASE_URL`, else the project's `memory`
/// when that is a `postgresql://` URL. A Unix socket is given as
/// `postgresql://USER@/DB?host=/run/postgresql`.
#[derive(Debug, clap::Args)]
pub(crate) struct DbArgs {
    /// The database URL (postgresql://…).
    #[arg(long, global = true, value_name = "URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: DbCommand,
}

#[derive(Debug, clap::Subcommand)]
enum DbCommand {
    /// Apply the schema migrations not yet applied (one transaction, safe to repeat).
    Migrate,
    /// Print the schema version, the revisions and the row counts.
    Status,
}

/// The database URL from a flag, the environment or the project.
pub(crate) fn db_url(cli: &Cli, flag: Option<&str>) -> anyhow::Result<String> {
    if let Some(u) = flag {
        return Ok(u.to_string());
    }
    if let Ok(u) = std::env::var("CONCORD_DATABASE_URL") {
        return Ok(u);
    }
    let project = cli.project().ok();
    let configured = project
        .as_ref()
        .and_then(|p| p.memory().or_else(|| p.termbase()))
        .filter(|p| store::is_url(p));
    configured.map(|p| store::url_of(&p)).context(
        "no database given: pass --db postgresql://…, set CONCORD_DATABASE_URL, or name a postgresql:// memory in concord.toml",
    )
}

pub(crate) fn run(cli: &Cli, args: &DbArgs) -> anyhow::Result<Outcome> {
    let url = db_url(cli, args.db.as_deref())?;
    match args.command {
        DbCommand::Migrate => {
            let applied = store::block_on(async {
                let mut c = pg::connect(&url).await?;
                pg::migrate(&mut c).await
            })??;
            if applied.is_empty() {
                eprintln!(
                    "schema is up to date (version {})",
                    store::migrations::LATEST
                );
            } else {
                let list: Vec<String> = applied.iter().map(i32::to_string).collect();
                eprintln!("applied migration(s) {}", list.join(", "));
            }
            Ok(Outcome::Clean)
        }
        DbCommand::Status => {
            let (version, meta, counts) = store::block_on(async {
                let mut c = pg::connect(&url).await?;
                let v = pg::schema_version(&c).await?;
                pg::check_schema(&mut c).await?;
                let m = pg::meta(&c).await?;
                let row = c
                    .query_one(
                        "SELECT (SELECT count(*) FROM memory_entry),
                                (SELECT count(*) FROM termbase_concept)",
                        &[],
                    )
                    .await
                    .map_err(store::Error::from)?;
                Ok::<_, store::Error>((v, m, (row.get::<_, i64>(0), row.get::<_, i64>(1))))
            })??;
            println!("schema version   {}", version.unwrap_or(0));
            println!("memory revision  {} (epoch {})", meta.0, meta.1);
            println!("termbase rev.    {}", meta.2);
            println!("memory entries   {}", counts.0);
            println!("termbase concepts {}", counts.1);
            Ok(Outcome::Clean)
        }
    }
}

async fn client(url: &str) -> Result<tokio_postgres::Client, store::Error> {
    let mut c = pg::connect(url).await?;
    pg::check_schema(&mut c).await?;
    Ok(c)
}

/// `memory add|import` into a database: one transaction; returns (added, already there).
pub(crate) fn append(location: &Path, entries: Vec<Entry>) -> anyhow::Result<(usize, usize)> {
    let url = store::url_of(location);
    let who = store::current_user();
    let w = store::block_on(async {
        let mut c = client(&url).await?;
        pg::add_entries(&mut c, &entries, &who).await
    })??;
    Ok((w.added, w.duplicates))
}

/// `memory dedupe` on a database.
pub(crate) fn dedupe(location: &Path, mode: DedupeMode, dry_run: bool) -> anyhow::Result<Outcome> {
    let url = store::url_of(location);
    let removed = store::block_on(async {
        let mut c = client(&url).await?;
        pg::dedupe(&mut c, mode, dry_run).await
    })??;
    eprintln!(
        "{removed} duplicates{}",
        if dry_run { " (dry run)" } else { " removed" }
    );
    Ok(if dry_run && removed > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// `termbase import` into a database.
pub(crate) fn import_concepts(location: &Path, concepts: Vec<Concept>) -> anyhow::Result<Outcome> {
    let url = store::url_of(location);
    let who = store::current_user();
    let w = store::block_on(async {
        let mut c = client(&url).await?;
        pg::import_concepts(&mut c, &concepts, &who).await
    })??;
    eprintln!(
        "concord: {} concept(s) added to the database, {} skipped (id already present)",
        w.added, w.duplicates
    );
    Ok(Outcome::Clean)
}
