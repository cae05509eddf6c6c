//! The PostgreSQL store: schema checks, loading, and transactional writes.
//!
//! Every function takes a connected [`Client`] (a plain connection from [`connect`] on
//! the command line, a pooled one in `concord serve`). Queries are constant strings with
//! parameters. Rows whose review status is `rejected` are not loaded.

use std::path::Path;
use std::sync::Arc;

use futures_util::pin_mut;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::Type;
use tokio_postgres::{Client, GenericClient, NoTls};

use super::migrations::{LATEST, LOCK_KEY, MIGRATIONS};
use super::Error;
use crate::memory::stats::{dedupe as plan_dedupe, DedupeMode};
use crate::memory::{Entry, Memory, Origin};
use crate::severity::Severity;
use crate::termbase::{CaseRule, Concept, Termbase};

/// Connects (no TLS: use a Unix socket or a local tunnel; see docs/server.md) and runs
/// the connection on the current tokio runtime.
pub async fn connect(url: &str) -> Result<Client, Error> {
    let (client, conn) = tokio_postgres::connect(url, NoTls).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

/// The schema version of the database, or `None` when concord's schema is absent.
pub async fn schema_version(client: &Client) -> Result<Option<i32>, Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('concord_schema') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let row = client
        .query_one("SELECT max(version) FROM concord_schema", &[])
        .await?;
    Ok(row.get::<_, Option<i32>>(0))
}

/// Refuses a database whose schema is not this build's.
pub async fn check_schema(client: &mut Client) -> Result<(), Error> {
    match schema_version(client).await? {
        None => Err(Error::Schema(
            "the database has no concord schema: run `concord db migrate --db URL` first"
                .into(),
        )),
        Some(v) if v < LATEST => Err(Error::Schema(format!(
            "the database schema is version {v}, this concord needs {LATEST}: run `concord db migrate --db URL`"
        ))),
        Some(v) if v > LATEST => Err(Error::Schema(format!(
            "the database schema is version {v}, newer than this concord's {LATEST}: upgrade concord"
        ))),
        Some(_) => Ok(()),
    }
}

/// Applies the migrations not yet applied, in one transaction; returns their versions.
pub async fn migrate(client: &mut Client) -> Result<Vec<i32>, Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS concord_schema (
             version    integer     PRIMARY KEY,
             name       text        NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await?;
    let current: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM concord_schema", &[])
        .await?
        .get(0);
    if current > LATEST {
        return Err(Error::Schema(format!(
            "the database schema is version {current}, newer than this concord's {LATEST}: upgrade concord"
        )));
    }
    let mut applied = Vec::new();
    for (version, name, sql) in MIGRATIONS {
        if *version <= current {
            continue;
        }
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO concord_schema (version, name) VALUES ($1, $2)",
            &[version, name],
        )
        .await?;
        applied.push(*version);
    }
    tx.commit().await?;
    Ok(applied)
}

/// The store's revisions: (memory revision, epoch, termbase revision).
pub async fn meta(client: &impl GenericClient) -> Result<(i64, i64, i64), Error> {
    let row = client
        .query_one("SELECT revision, epoch, tb_revision FROM concord_meta", &[])
        .await?;
    Ok((row.get(0), row.get(1), row.get(2)))
}

/// A memory read from the database at one revision.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The entries, in id order (the order they were added).
    pub memory: Memory,
    /// The row id of each entry.
    pub ids: Vec<i64>,
    /// The revision the rows are at.
    pub revision: i64,
    /// The epoch (changes when rows are deleted).
    pub epoch: i64,
}

/// Reads rows into entries, sharing one `Arc<Path>` per source file.
fn entries_of(rows: &[tokio_postgres::Row], out: &mut Loaded) -> Result<(), Error> {
    let mut last: Option<Arc<Path>> = None;
    out.memory.entries.reserve(rows.len());
    out.ids.reserve(rows.len());
    for row in rows {
        let file: &str = row.get(5);
        let path = match &last {
            Some(p) if p.as_os_str() == file => p.clone(),
            _ => {
                let p: Arc<Path> = Arc::from(Path::new(file));
                last = Some(p.clone());
                p
            }
        };
        let extra_text: &str = row.get(4);
        let extra: Vec<(String, String)> = if extra_text == "[]" {
            Vec::new()
        } else {
            serde_json::from_str(extra_text).map_err(|e| Error::Row(e.to_string()))?
        };
        let line: i32 = row.get(6);
        out.ids.push(row.get(0));
        out.memory.entries.push(Entry {
            ru: row.get(1),
            en: row.get(2),
            note: row.get(3),
            extra,
            origin: Origin {
                path,
                line: usize::try_from(line).unwrap_or(0),
            },
        });
    }
    Ok(())
}

/// Loads the whole memory at one consistent revision.
pub async fn load_memory(client: &mut Client) -> Result<Loaded, Error> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let (revision, epoch, _) = meta(&tx).await?;
    let rows = tx
        .query(
            "SELECT id, ru, en, note, extra::text, source_file, source_line
               FROM memory_entry WHERE status <> 'rejected' ORDER BY id",
            &[],
        )
        .await?;
    tx.commit().await?;
    let mut out = Loaded {
        revision,
        epoch,
        ..Loaded::default()
    };
    entries_of(&rows, &mut out)?;
    Ok(out)
}

/// The rows added after revision `since` (and the revision and epoch they bring the
/// reader to). When the epoch differs from the reader's, reload instead.
pub async fn changes_since(client: &mut Client, since: i64) -> Result<Loaded, Error> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let (revision, epoch, _) = meta(&tx).await?;
    let rows = tx
        .query(
            "SELECT id, ru, en, note, extra::text, source_file, source_line
               FROM memory_entry WHERE rev > $1 AND status <> 'rejected' ORDER BY id",
            &[&since],
        )
        .await?;
    tx.commit().await?;
    let mut out = Loaded {
        revision,
        epoch,
        ..Loaded::default()
    };
    entries_of(&rows, &mut out)?;
    Ok(out)
}

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    /// Rows stored.
    pub added: usize,
    /// Rows skipped because the same pair (or concept id) was already there.
    pub duplicates: usize,
    /// The revision the write committed as.
    pub revision: i64,
}

const INSERT_ONE: &str = "INSERT INTO memory_entry
      (rev, pair_key, ru, en, note, extra, source_file, source_line, created_by)
    VALUES ($1, sha256(convert_to($2::text, 'UTF8') || decode('00', 'hex') || convert_to($3::text, 'UTF8')),
            $2, $3, $4, $5::text::jsonb, $6, $7, $8)
    ON CONFLICT (pair_key) DO NOTHING";

/// Batches up to this size are inserted row by row; larger ones go through COPY.
const COPY_THRESHOLD: usize = 64;

/// Adds entries in one transaction (pairs already stored are skipped), in order.
pub async fn add_entries(
    client: &mut Client,
    entries: &[Entry],
    who: &str,
) -> Result<Written, Error> {
    let tx = client.transaction().await?;
    let revision: i64 = tx
        .query_one(
            "UPDATE concord_meta SET revision = revision + 1 RETURNING revision",
            &[],
        )
        .await?
        .get(0);
    let mut added = 0usize;
    if entries.len() <= COPY_THRESHOLD {
        let stmt = tx.prepare(INSERT_ONE).await?;
        for e in entries {
            let extra = extra_json(e);
            let file = e.origin.path.to_string_lossy();
            let line = i32::try_from(e.origin.line).unwrap_or(0);
            added += tx
                .execute(
                    &stmt,
                    &[
                        &revision,
                        &e.ru,
                        &e.en,
                        &e.note,
                        &extra,
                        &file.as_ref(),
                        &line,
                        &who,
                    ],
                )
                .await? as usize;
        }
    } else {
        tx.batch_execute(
            "CREATE TEMP TABLE concord_import (
                 ord bigint, ru text, en text, note text, extra text,
                 source_file text, source_line integer) ON COMMIT DROP",
        )
        .await?;
        let sink = tx
            .copy_in(
                "COPY concord_import (ord, ru, en, note, extra, source_file, source_line)
                 FROM STDIN (FORMAT binary)",
            )
            .await?;
        let writer = BinaryCopyInWriter::new(
            sink,
            &[
                Type::INT8,
                Type::TEXT,
                Type::TEXT,
                Type::TEXT,
                Type::TEXT,
                Type::TEXT,
                Type::INT4,
            ],
        );
        pin_mut!(writer);
        for (i, e) in entries.iter().enumerate() {
            let ord = i as i64;
            let extra = extra_json(e);
            let file = e.origin.path.to_string_lossy().into_owned();
            let line = i32::try_from(e.origin.line).unwrap_or(0);
            writer
                .as_mut()
                .write(&[&ord, &e.ru, &e.en, &e.note, &extra, &file, &line])
                .await?;
        }
        writer.finish().await?;
        added = tx
            .execute(
                "INSERT INTO memory_entry
                     (rev, pair_key, ru, en, note, extra, source_file, source_line, created_by)
                 SELECT $1, sha256(convert_to(ru, 'UTF8') || decode('00', 'hex') || convert_to(en, 'UTF8')), ru, en, note,
                        extra::jsonb, source_file, source_line, $2
                   FROM concord_import ORDER BY ord
                 ON CONFLICT (pair_key) DO NOTHING",
                &[&revision, &who],
            )
            .await? as usize;
    }
    tx.execute(
        "SELECT pg_notify('concord_changes', $1::bigint::text)",
        &[&revision],
    )
    .await?;
    tx.commit().await?;
    Ok(Written {
        added,
        duplicates: entries.len() - added,
        revision,
    })
}

fn extra_json(e: &Entry) -> String {
    if e.extra.is_empty() {
        "[]".to_string()
    } else {
        serde_json::to_string(&e.extra).unwrap_or_else(|_| "[]".to_string())
    }
}

/// Removes duplicate entries as `concord memory dedupe` does for files, in one
/// transaction; returns the number removed (nothing is written when `dry_run`).
pub async fn dedupe(client: &mut Client, mode: DedupeMode, dry_run: bool) -> Result<usize, Error> {
    let tx = client.transaction().await?;
    if !dry_run {
        // lock the writers out while deciding
        tx.execute(
            "UPDATE concord_meta SET revision = revision + 1, epoch = epoch + 1",
            &[],
        )
        .await?;
    }
    let rows = tx
        .query(
            "SELECT id, ru, en, note, extra::text, source_file, source_line
               FROM memory_entry WHERE status <> 'rejected' ORDER BY id",
            &[],
        )
        .await?;
    let mut loaded = Loaded::default();
    entries_of(&rows, &mut loaded)?;
    let keep: std::collections::HashSet<usize> =
        plan_dedupe(&loaded.memory, mode).into_iter().collect();
    let drop: Vec<i64> = (0..loaded.ids.len())
        .filter(|i| !keep.contains(i))
        .map(|i| loaded.ids[i])
        .collect();
    if dry_run {
        tx.rollback().await?;
        return Ok(drop.len());
    }
    tx.execute("DELETE FROM memory_entry WHERE id = ANY($1)", &[&drop])
        .await?;
    tx.execute("SELECT pg_notify('concord_changes', 'reload')", &[])
        .await?;
    tx.commit().await?;
    Ok(drop.len())
}

fn case_str(c: CaseRule) -> &'static str {
    match c {
        CaseRule::Auto => "auto",
        CaseRule::Exact => "exact",
        CaseRule::Ignore => "ignore",
    }
}

fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// Loads every concept, in the order added.
pub async fn load_termbase(client: &mut Client) -> Result<Termbase, Error> {
    let rows = client
        .query(
            "SELECT key, ru, en, variants, forbidden, note, case_rule, severity,
                    source_file, source_line
               FROM termbase_concept WHERE status <> 'rejected' ORDER BY id",
            &[],
        )
        .await?;
    let mut tb = Termbase::default();
    let mut last: Option<Arc<Path>> = None;
    for row in &rows {
        let file: &str = row.get(8);
        let path = match &last {
            Some(p) if p.as_os_str() == file => p.clone(),
            _ => {
                let p: Arc<Path> = Arc::from(Path::new(file));
                last = Some(p.clone());
                p
            }
        };
        let case = match row.get::<_, &str>(6) {
            "exact" => CaseRule::Exact,
            "ignore" => CaseRule::Ignore,
            _ => CaseRule::Auto,
        };
        let severity = match row.get::<_, &str>(7) {
            "info" => Severity::Info,
            "warning" => Severity::Warning,
            _ => Severity::Error,
        };
        let line: i32 = row.get(9);
        tb.concepts.push(Concept {
            id: row.get(0),
            ru: row.get(1),
            en: row.get(2),
            variants: row.get(3),
            forbidden: row.get(4),
            note: row.get(5),
            case,
            severity,
            // The PostgreSQL schema does not store TBX extras yet (definitions, notes).
            extra: Vec::new(),
            origin: Origin {
                path,
                line: usize::try_from(line).unwrap_or(0),
            },
        });
    }
    Ok(tb)
}

/// Adds concepts in one transaction; a concept whose id is stored already is skipped.
pub async fn import_concepts(
    client: &mut Client,
    concepts: &[Concept],
    who: &str,
) -> Result<Written, Error> {
    let tx = client.transaction().await?;
    let revision: i64 = tx
        .query_one(
            "UPDATE concord_meta SET tb_revision = tb_revision + 1 RETURNING tb_revision",
            &[],
        )
        .await?
        .get(0);
    let stmt = tx
        .prepare(
            "INSERT INTO termbase_concept
                 (rev, key, ru, en, variants, forbidden, note, case_rule, severity,
                  source_file, source_line, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (key) DO NOTHING",
        )
        .await?;
    let mut added = 0usize;
    for c in concepts {
        let file = c.origin.path.to_string_lossy();
        let line = i32::try_from(c.origin.line).unwrap_or(0);
        added += tx
            .execute(
                &stmt,
                &[
                    &revision,
                    &c.id,
                    &c.ru,
                    &c.en,
                    &c.variants,
                    &c.forbidden,
                    &c.note,
                    &case_str(c.case),
                    &severity_str(c.severity),
                    &file.as_ref(),
                    &line,
                    &who,
                ],
            )
            .await? as usize;
    }
    tx.execute("SELECT pg_notify('concord_changes', 'termbase')", &[])
        .await?;
    tx.commit().await?;
    Ok(Written {
        added,
        duplicates: concepts.len() - added,
        revision,
    })
}
