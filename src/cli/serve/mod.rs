//! `concord serve`: the memory and termbase over HTTP.
//!
//! axum on a two-thread tokio runtime. Lookups are answered from the process's own
//! index ([`concord::store::live::LiveMemory`]), exact like `concord lookup`; writes go
//! to PostgreSQL in one transaction each. A follower task polls the store's revision
//! every `--poll-ms` (200 ms) and right after this server's own writes, and appends the
//! new rows, so a row added through any server is found by every server within a
//! second. When the tail of unindexed rows passes `--rebuild-at`, the index is rebuilt
//! in the background and swapped in.
//!
//! While the database is down, lookups keep being served from the last revision loaded;
//! writes and `/ready` answer 503 with the reason, and everything resumes when the
//! database is back, without a restart (the pool drops dead connections).
//!
//! Security: binds 127.0.0.1 unless `--bind` says otherwise; writes need
//! `Authorization: Bearer TOKEN` where TOKEN is `CONCORD_WRITE_TOKEN` (or the file given
//! by `--write-token-file`), compared in constant time; with no write token configured
//! writes are refused. `CONCORD_READ_TOKEN` (or `--read-token-file`), when set, is needed
//! for reads too (the write token also works). Request bodies, batches, query lengths
//! and request time are limited. TLS is left to a reverse proxy (docs/server.md).

mod api;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use anyhow::Context as _;
use concord::check::{CheckOptions, Checker};
use concord::store::live::LiveMemory;
use concord::store::{self, pg};
use concord::termbase::Termbase;

use crate::cli::{Cli, Outcome};

/// Serve the memory and termbase over HTTP: JSON API, tmserver protocol, metrics.
///
/// The memory is `--memory` or the project's (a postgresql:// URL for a shared, writable
/// store; a TSV file or folder is served read-only). Endpoints are listed at
/// `/openapi.json`; see docs/server.md.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8808", value_name = "ADDR")]
    bind: SocketAddr,
    /// Memory: a postgresql:// URL, or a TSV file or folder (read-only).
    #[arg(long, value_name = "URL|PATH")]
    memory: Option<PathBuf>,
    /// Termbase: a postgresql:// URL, or a TSV file or folder (default: the project's,
    /// else the memory's database).
    #[arg(long, value_name = "URL|PATH")]
    termbase: Option<PathBuf>,
    /// File holding the bearer token for writes (default: $CONCORD_WRITE_TOKEN).
    #[arg(long, value_name = "FILE")]
    write_token_file: Option<PathBuf>,
    /// File holding a bearer token needed for reads (default: $CONCORD_READ_TOKEN).
    #[arg(long, value_name = "FILE")]
    read_token_file: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 8 << 20, value_name = "BYTES")]
    max_body: usize,
    /// Most queries, segments or entries in one batch request.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    max_batch: usize,
    /// Longest query or segment, in characters.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    max_chars: usize,
    /// Longest time a request may take, in milliseconds (then 503).
    #[arg(long, default_value_t = 30_000, value_name = "MS")]
    timeout_ms: u64,
    /// How often the database's revision is polled, in milliseconds.
    #[arg(long, default_value_t = 200, value_name = "MS")]
    poll_ms: u64,
    /// Rebuild the index when this many rows wait unindexed.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    rebuild_at: usize,
    /// Database connections in the pool.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pool_size: usize,
}

/// Limits applied to requests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_body: usize,
    pub(crate) max_batch: usize,
    pub(crate) max_chars: usize,
    pub(crate) timeout: Duration,
}

/// What the server answers from: one consistent revision of memory and termbase.
pub(crate) struct Snapshot {
    pub(crate) live: LiveMemory,
    pub(crate) revision: i64,
    pub(crate) epoch: i64,
    pub(crate) tb_revision: i64,
    pub(crate) checker: Arc<Checker>,
}

/// Shared server state.
pub(crate) struct App {
    pub(crate) pool: Option<deadpool_postgres::Pool>,
    pub(crate) snap: RwLock<Arc<Snapshot>>,
    pub(crate) write_token: Option<String>,
    pub(crate) read_token: Option<String>,
    pub(crate) limits: Limits,
    pub(crate) metrics: api::Metrics,
    pub(crate) follower_error: Mutex<Option<String>>,
    pub(crate) poke: tokio::sync::Notify,
    pub(crate) check_opts: CheckOptions,
}

impl App {
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.snap.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set_snapshot(&self, s: Snapshot) {
        *self.snap.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s);
    }
}

fn token(file: Option<&PathBuf>, var: &str) -> anyhow::Result<Option<String>> {
    let t = match file {
        Some(f) => Some(
            std::fs::read_to_string(f)
                .with_context(|| format!("cannot read the token file {}", f.display()))?,
        ),
        None => std::env::var(var).ok(),
    };
    Ok(t.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
}

pub(crate) fn run(cli: &Cli, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let project = cli.project().ok();
    let memory = crate::cli::path_or_config(
        args.memory.as_deref(),
        project.as_ref().and_then(|p| p.memory()),
        "memory",
        "--memory URL",
    )?;
    let termbase = args
        .termbase
        .clone()
        .or_else(|| project.as_ref().and_then(|p| p.termbase()))
        .or_else(|| store::is_url(&memory).then(|| memory.clone()));
    let check_opts = match &project {
        Some(p) => CheckOptions::from_config(&p.config).map_err(anyhow::Error::msg)?,
        None => CheckOptions::default(),
    };
    let limits = Limits {
        max_body: args.max_body,
        max_batch: args.max_batch,
        max_chars: args.max_chars,
        timeout: Duration::from_millis(args.timeout_ms),
    };
    let write_token = token(args.write_token_file.as_ref(), "CONCORD_WRITE_TOKEN")?;
    let read_token = token(args.read_token_file.as_ref(), "CONCORD_READ_TOKEN")?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let started = std::time::Instant::now();
        let pool = if store::is_url(&memory) {
            let mut cfg = deadpool_postgres::Config::new();
            cfg.url = Some(store::url_of(&memory));
            let mut pc = deadpool_postgres::PoolConfig::new(args.pool_size.max(1));
            pc.timeouts.wait = Some(Duration::from_secs(2));
            pc.timeouts.create = Some(Duration::from_secs(2));
            pc.timeouts.recycle = Some(Duration::from_secs(2));
            cfg.pool = Some(pc);
            Some(cfg.create_pool(
                Some(deadpool_postgres::Runtime::Tokio1),
                tokio_postgres::NoTls,
            )?)
        } else {
            None
        };
        // load: memory (and its revision), termbase
        let (mem, revision, epoch) = match &pool {
            Some(p) => {
                let mut c = p.get().await.context("cannot connect to the database")?;
                pg::check_schema(&mut c).await?;
                let l = pg::load_memory(&mut c).await?;
                (l.memory, l.revision, l.epoch)
            }
            None => (
                store::open_memory(&memory)
                    .with_context(|| format!("cannot load the memory {}", memory.display()))?,
                0,
                0,
            ),
        };
        let (tb, tb_revision) = load_termbase(pool.as_ref(), termbase.as_deref(), &memory).await?;
        let live = tokio::task::spawn_blocking(move || {
            let l = LiveMemory::new(mem);
            l.prepare();
            l
        })
        .await?;
        let checker = Arc::new(Checker::new(&tb, check_opts.clone()));
        let entries = live.len();
        let app = Arc::new(App {
            pool,
            snap: RwLock::new(Arc::new(Snapshot {
                live,
                revision,
                epoch,
                tb_revision,
                checker,
            })),
            write_token,
            read_token,
            limits,
            metrics: api::Metrics::default(),
            follower_error: Mutex::new(None),
            poke: tokio::sync::Notify::new(),
            check_opts,
        });
        if app.pool.is_some() {
            let follower_termbase_in_db = termbase.as_deref().is_some_and(store::is_url);
            tokio::spawn(follow(
                app.clone(),
                Duration::from_millis(args.poll_ms.max(10)),
                args.rebuild_at,
                follower_termbase_in_db,
            ));
        }
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        eprintln!(
            "concord serve: {} entries at revision {revision}, ready in {:.2} s, listening on http://{}",
            entries,
            started.elapsed().as_secs_f64(),
            listener.local_addr()?
        );
        axum::serve(listener, api::router(app))
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(Outcome::Clean)
}

async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending::<()>().await } } => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

async fn load_termbase(
    pool: Option<&deadpool_postgres::Pool>,
    termbase: Option<&std::path::Path>,
    _memory: &std::path::Path,
) -> anyhow::Result<(Termbase, i64)> {
    match termbase {
        None => Ok((Termbase::default(), 0)),
        Some(t) if store::is_url(t) => {
            let pool = pool.context("a postgresql:// termbase needs a postgresql:// memory")?;
            let mut c = pool.get().await.context("cannot connect to the database")?;
            let (_, _, tb_rev) = pg::meta(&**c).await?;
            Ok((pg::load_termbase(&mut c).await?, tb_rev))
        }
        Some(t) => {
            let t = t.to_path_buf();
            let tb = tokio::task::spawn_blocking(move || store::open_termbase(&t)).await??;
            Ok((tb, 0))
        }
    }
}

/// Follows the database: polls its revision and applies what changed.
async fn follow(app: Arc<App>, every: Duration, rebuild_at: usize, termbase_in_db: bool) {
    let Some(pool) = app.pool.clone() else {
        return;
    };
    // a background rebuild: (its epoch, the tail length it covers, the task)
    let mut rebuild: Option<(i64, usize, tokio::task::JoinHandle<LiveMemory>)> = None;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = app.poke.notified() => {}
        }
        let result: Result<(), String> = async {
            let mut c = pool.get().await.map_err(|e| e.to_string())?;
            let (revision, epoch, tb_revision) = pg::meta(&**c).await.map_err(|e| e.to_string())?;
            let snap = app.snapshot();
            let mut live = snap.live.clone();
            let (mut rev, mut ep) = (snap.revision, snap.epoch);
            if epoch != snap.epoch {
                let l = pg::load_memory(&mut c).await.map_err(|e| e.to_string())?;
                live = tokio::task::spawn_blocking(move || {
                    let live = LiveMemory::new(l.memory);
                    live.prepare();
                    live
                })
                .await
                .map_err(|e| e.to_string())?;
                rev = l.revision;
                ep = l.epoch;
                rebuild = None;
            } else if revision > snap.revision {
                let l = pg::changes_since(&mut c, snap.revision)
                    .await
                    .map_err(|e| e.to_string())?;
                if l.epoch == snap.epoch {
                    live = live.appended(l.memory.entries);
                    rev = l.revision;
                }
            }
            if let Some((e, k, h)) = rebuild.take() {
                if h.is_finished() {
                    let built = h.await.map_err(|e| e.to_string())?;
                    if e == ep {
                        live = live.rebased(built, k);
                    }
                } else {
                    rebuild = Some((e, k, h));
                }
            }
            if rebuild.is_none() && live.fresh_len() >= rebuild_at {
                let l = live.clone();
                let k = l.tail.entries.len();
                rebuild = Some((ep, k, tokio::task::spawn_blocking(move || l.merged())));
            }
            let mut checker = snap.checker.clone();
            let mut tb_rev = snap.tb_revision;
            if termbase_in_db && tb_revision != snap.tb_revision {
                let tb = pg::load_termbase(&mut c).await.map_err(|e| e.to_string())?;
                let opts = app.check_opts.clone();
                checker = Arc::new(
                    tokio::task::spawn_blocking(move || Checker::new(&tb, opts))
                        .await
                        .map_err(|e| e.to_string())?,
                );
                tb_rev = tb_revision;
            }
            let changed = rev != snap.revision
                || ep != snap.epoch
                || tb_rev != snap.tb_revision
                || live.len() != snap.live.len()
                || live.fresh_len() != snap.live.fresh_len();
            if changed {
                app.set_snapshot(Snapshot {
                    live,
                    revision: rev,
                    epoch: ep,
                    tb_revision: tb_rev,
                    checker,
                });
            }
            Ok(())
        }
        .await;
        *app.follower_error.lock().unwrap_or_else(|e| e.into_inner()) = result.err();
    }
}
