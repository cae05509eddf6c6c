//! The HTTP routes of `concord serve`, their JSON shapes, errors and metrics.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use concord::check::Segment;
use concord::memory::{Entry, LookupOptions, Match, Scorer};
use concord::store::pg;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{App, Snapshot};

type AppState = Arc<App>;

/// The OpenAPI 3.0 document served at `/openapi.json`.
const OPENAPI: &str = include_str!("openapi.json");

pub(crate) fn router(app: AppState) -> Router {
    let limit = app.limits.max_body;
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .route("/v1/lookup", post(lookup))
        .route("/v1/lookup/batch", post(lookup_batch))
        .route("/v1/memory", post(add))
        .route("/v1/memory/import", post(import))
        .route("/v1/check", post(check))
        .route("/v1/check/batch", post(check_batch))
        .route("/v1/termbase/lookup", get(termbase_lookup))
        .route("/tmserver/{slang}/{tlang}/unit/{*text}", get(tmserver))
        .route("/api/v1/{slang}/{tlang}/unit/{*text}", get(tmserver))
        .route("/api/v1/languages/", get(tm_languages))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(app.clone(), observe))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(app)
}

// ---------------------------------------------------------------- errors

/// A JSON error: `{"error": "...", "field": "..."}` (field when one is to blame).
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    error: String,
    field: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: error.into(),
            field: None,
        }
    }

    fn field(field: &str, error: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: error.into(),
            field: Some(field.to_string()),
        }
    }

    fn unavailable(reason: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("database unavailable: {reason}"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.error });
        if let Some(f) = self.field {
            body["field"] = Value::String(f);
        }
        let mut r = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        r
    }
}

type ApiResult<T> = Result<T, ApiError>;

fn body_error(e: BytesRejection) -> ApiError {
    ApiError::new(
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        },
        e.body_text(),
    )
}

/// Parses a JSON body, naming the field at fault.
fn parse<T: serde::de::DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> ApiResult<T> {
    let body = body.map_err(body_error)?;
    let de = &mut serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::new(StatusCode::BAD_REQUEST, format!("invalid JSON: {msg}"));
        }
        // a missing field is reported at its parent; name the field itself
        let field = match msg
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            Some(f) if path == "." => f.to_string(),
            Some(f) => format!("{path}.{f}"),
            None => path,
        };
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: msg,
            field: Some(field),
        }
    })
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such endpoint (see /openapi.json)",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this endpoint (see /openapi.json)",
    )
}

// ---------------------------------------------------------------- auth

/// Constant-time equality (the length is not secret).
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn need_write(app: &App, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = &app.write_token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start the server with CONCORD_WRITE_TOKEN set",
        ));
    };
    match bearer(headers) {
        Some(t) if same(t.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong bearer token",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need an Authorization: Bearer token",
        )),
    }
}

fn need_read(app: &App, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = &app.read_token else {
        return Ok(());
    };
    match bearer(headers) {
        Some(t)
            if same(t.as_bytes(), token.as_bytes())
                || app
                    .write_token
                    .as_ref()
                    .is_some_and(|w| same(t.as_bytes(), w.as_bytes())) =>
        {
            Ok(())
        }
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "reads need an Authorization: Bearer token",
        )),
    }
}

// ---------------------------------------------------------------- metrics

const BUCKETS: [f64; 10] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

/// Bucket counts, sum in seconds, count.
type Histogram = ([u64; BUCKETS.len()], f64, u64);

/// Request counters and latency histograms, rendered in Prometheus text format.
#[derive(Default)]
pub(crate) struct Metrics {
    /// (route, status) → count.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// route → (bucket counts, sum in seconds, count).
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Rows added through this server.
    added: AtomicU64,
}

async fn observe(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |m| m.as_str().to_string());
    let start = Instant::now();
    let timeout = app.limits.timeout;
    let resp = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} ms", timeout.as_millis()),
        )
        .into_response(),
    };
    let secs = start.elapsed().as_secs_f64();
    let status = resp.status().as_u16();
    if let Ok(mut m) = app.metrics.requests.lock() {
        *m.entry((route.clone(), status)).or_default() += 1;
    }
    if let Ok(mut m) = app.metrics.latency.lock() {
        let e = m.entry(route).or_insert(([0; BUCKETS.len()], 0.0, 0));
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                e.0[i] += 1;
            }
        }
        e.1 += secs;
        e.2 += 1;
    }
    resp
}

async fn metrics(State(app): State<AppState>) -> Response {
    use std::fmt::Write as _;
    let snap = app.snapshot();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP concord_http_requests_total HTTP requests by route and status."
    );
    let _ = writeln!(out, "# TYPE concord_http_requests_total counter");
    if let Ok(m) = app.metrics.requests.lock() {
        for ((route, status), n) in m.iter() {
            let _ = writeln!(
                out,
                "concord_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
    }
    let _ = writeln!(
        out,
        "# HELP concord_http_request_duration_seconds Request latency by route."
    );
    let _ = writeln!(
        out,
        "# TYPE concord_http_request_duration_seconds histogram"
    );
    if let Ok(m) = app.metrics.latency.lock() {
        for (route, (buckets, sum, count)) in m.iter() {
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "concord_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {}",
                    buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "concord_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(
                out,
                "concord_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}"
            );
            let _ = writeln!(
                out,
                "concord_http_request_duration_seconds_count{{route=\"{route}\"}} {count}"
            );
        }
    }
    let db_up = app
        .follower_error
        .lock()
        .map(|e| e.is_none())
        .unwrap_or(false);
    for (name, help, kind, value) in [
        (
            "concord_memory_entries",
            "Entries served.",
            "gauge",
            snap.live.len() as f64,
        ),
        (
            "concord_memory_unindexed_entries",
            "Entries added since the last index build (scanned).",
            "gauge",
            snap.live.fresh_len() as f64,
        ),
        (
            "concord_memory_revision",
            "Store revision served.",
            "gauge",
            snap.revision as f64,
        ),
        (
            "concord_termbase_concepts",
            "Termbase concepts served.",
            "gauge",
            snap.checker.termbase().concepts.len() as f64,
        ),
        (
            "concord_database_up",
            "1 when the last poll of the database succeeded.",
            "gauge",
            if app.pool.is_some() && db_up {
                1.0
            } else {
                0.0
            },
        ),
        (
            "concord_memory_added_total",
            "Entries added through this server.",
            "counter",
            app.metrics.added.load(Ordering::Relaxed) as f64,
        ),
    ] {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
        );
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response()
}

// ---------------------------------------------------------------- health

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn ready(State(app): State<AppState>) -> Response {
    let snap = app.snapshot();
    if let Some(pool) = &app.pool {
        let probe = async {
            let c = pool.get().await.map_err(|e| e.to_string())?;
            c.simple_query("SELECT 1")
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(())
        };
        let r = tokio::time::timeout(std::time::Duration::from_secs(2), probe)
            .await
            .unwrap_or_else(|_| Err("no answer within 2 s".to_string()));
        if let Err(reason) = r {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "reason": format!("database unavailable: {reason}") })),
            )
                .into_response();
        }
    }
    Json(json!({
        "status": "ready",
        "revision": snap.revision,
        "entries": snap.live.len(),
        "concepts": snap.checker.termbase().concepts.len(),
    }))
    .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

// ---------------------------------------------------------------- lookup

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ScorerName {
    Word,
    Char,
}

#[derive(Debug, Deserialize)]
struct LookupReq {
    query: String,
    #[serde(flatten)]
    opts: LookupOptsLoose,
}

#[derive(Debug, Deserialize)]
struct LookupBatchReq {
    queries: Vec<String>,
    #[serde(flatten)]
    opts: LookupOptsLoose,
}

/// Options accepted beside `query`/`queries` (flatten cannot deny unknown fields).
#[derive(Debug, Deserialize, Default)]
struct LookupOptsLoose {
    #[serde(default)]
    top: Option<i64>,
    #[serde(default)]
    min_score: Option<f64>,
    #[serde(default)]
    scorer: Option<ScorerName>,
}

fn options(o: &LookupOptsLoose) -> ApiResult<LookupOptions> {
    let top = o.top.unwrap_or(5);
    if !(1..=100).contains(&top) {
        return Err(ApiError::field("top", "top must be between 1 and 100"));
    }
    let min_score = o.min_score.unwrap_or(70.0);
    if !(0.0..=100.0).contains(&min_score) {
        return Err(ApiError::field(
            "min_score",
            "min_score must be between 0 and 100",
        ));
    }
    Ok(LookupOptions {
        top: top as usize,
        min_score,
        scorer: match o.scorer {
            Some(ScorerName::Char) => Scorer::Char,
            _ => Scorer::Word,
        },
    })
}

fn check_text(app: &App, field: &str, s: &str) -> ApiResult<()> {
    if s.chars().count() > app.limits.max_chars {
        return Err(ApiError::field(
            field,
            format!("longer than {} characters", app.limits.max_chars),
        ));
    }
    if s.contains('\0') {
        return Err(ApiError::field(field, "contains a NUL character"));
    }
    Ok(())
}

fn match_json(snap: &Snapshot, rank: usize, m: &Match) -> Value {
    crate::cli::lookup::match_json(rank, m, snap.live.entry(m.entry))
}

fn lookup_json(snap: &Snapshot, query: &str, found: &[Match]) -> Value {
    let matches: Vec<Value> = found
        .iter()
        .enumerate()
        .map(|(i, m)| match_json(snap, i, m))
        .collect();
    json!({ "query": query, "matches": matches })
}

async fn lookup(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let req: LookupReq = parse(body)?;
    let opts = options(&req.opts)?;
    check_text(&app, "query", &req.query)?;
    let snap = app.snapshot();
    let found = snap.live.lookup(&req.query, &opts);
    let mut v = lookup_json(&snap, &req.query, &found);
    v["revision"] = json!(snap.revision);
    Ok(Json(v))
}

async fn lookup_batch(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let req: LookupBatchReq = parse(body)?;
    let opts = options(&req.opts)?;
    if req.queries.len() > app.limits.max_batch {
        return Err(ApiError::field(
            "queries",
            format!("at most {} queries in one batch", app.limits.max_batch),
        ));
    }
    for (i, q) in req.queries.iter().enumerate() {
        check_text(&app, &format!("queries[{i}]"), q)?;
    }
    let snap = app.snapshot();
    let results = tokio::task::spawn_blocking(move || {
        let results: Vec<Value> = req
            .queries
            .iter()
            .enumerate()
            .map(|(qid, q)| {
                let found = snap.live.lookup(q, &opts);
                let mut v = lookup_json(&snap, q, &found);
                v["qid"] = json!(qid);
                v
            })
            .collect();
        json!({ "revision": snap.revision, "results": results })
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    Ok(Json(results))
}

// ---------------------------------------------------------------- writes

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryReq {
    ru: String,
    en: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportReq {
    entries: Vec<EntryReq>,
    #[serde(default)]
    file: String,
}

fn entry_of(
    app: &App,
    at: &str,
    e: EntryReq,
    file: &std::sync::Arc<std::path::Path>,
    line: usize,
) -> ApiResult<Entry> {
    let name = |f: &str| {
        if at.is_empty() {
            f.to_string()
        } else {
            format!("{at}.{f}")
        }
    };
    if e.ru.trim().is_empty() {
        return Err(ApiError::field(&name("ru"), "the Russian segment is empty"));
    }
    check_text(app, &name("ru"), &e.ru)?;
    check_text(app, &name("en"), &e.en)?;
    check_text(app, &name("note"), &e.note)?;
    let mut entry = Entry::new(e.ru, e.en);
    entry.note = e.note;
    entry.origin = concord::memory::Origin {
        path: file.clone(),
        line,
    };
    Ok(entry)
}

fn who(headers: &HeaderMap) -> String {
    let user = headers
        .get("x-concord-user")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(100).collect::<String>())
        .filter(|s| !s.is_empty());
    format!("api:{}", user.as_deref().unwrap_or("anonymous"))
}

fn db_error(e: concord::store::Error) -> ApiError {
    if let concord::store::Error::Db(db) = &e {
        if let Some(code) = db.code() {
            let c = code.code();
            // data exceptions and integrity violations are the request's fault
            if c.starts_with("22") || c.starts_with("23") {
                return ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string());
            }
        }
    }
    ApiError::unavailable(e)
}

async fn write(app: &App, entries: Vec<Entry>, who: &str) -> ApiResult<pg::Written> {
    let Some(pool) = &app.pool else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "this server's memory is a file: writes need a postgresql:// memory",
        ));
    };
    let mut c = pool.get().await.map_err(ApiError::unavailable)?;
    let w = pg::add_entries(&mut c, &entries, who)
        .await
        .map_err(db_error)?;
    app.metrics
        .added
        .fetch_add(w.added as u64, Ordering::Relaxed);
    app.poke.notify_one();
    Ok(w)
}

async fn add(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    need_write(&app, &headers)?;
    let req: EntryReq = parse(body)?;
    let file: std::sync::Arc<std::path::Path> = std::sync::Arc::from(std::path::Path::new(""));
    let e = entry_of(&app, "", req, &file, 0)?;
    let w = write(&app, vec![e], &who(&headers)).await?;
    let status = if w.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!(w))).into_response())
}

#[derive(Debug, Deserialize)]
struct ImportQuery {
    #[serde(default)]
    file: Option<String>,
}

async fn import(
    State(app): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ImportQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    need_write(&app, &headers)?;
    let tsv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("text/tab-separated-values"));
    let entries = if tsv {
        let Query(q) = query.map_err(|e| ApiError::field("file", e.body_text()))?;
        let name = q.file.unwrap_or_default();
        let bytes = body.map_err(body_error)?;
        let memory = concord::memory::Memory::parse(std::path::Path::new(&name), &bytes)
            .map_err(|e| ApiError::field("body", e.to_string()))?;
        for (i, e) in memory.entries.iter().enumerate() {
            for (f, s) in [("ru", &e.ru), ("en", &e.en), ("note", &e.note)] {
                check_text(&app, &format!("body[{i}].{f}"), s)?;
            }
        }
        memory.entries
    } else {
        let req: ImportReq = parse(body)?;
        if req.entries.len() > app.limits.max_batch {
            return Err(ApiError::field(
                "entries",
                format!(
                    "at most {} entries in one JSON import (send TSV for more)",
                    app.limits.max_batch
                ),
            ));
        }
        check_text(&app, "file", &req.file)?;
        let file: std::sync::Arc<std::path::Path> =
            std::sync::Arc::from(std::path::Path::new(&req.file));
        req.entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| entry_of(&app, &format!("entries[{i}]"), e, &file, i + 1))
            .collect::<ApiResult<Vec<_>>>()?
    };
    let w = write(&app, entries, &who(&headers)).await?;
    Ok(Json(json!(w)))
}

// ---------------------------------------------------------------- check

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentReq {
    ru: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBatchReq {
    segments: Vec<SegmentReq>,
}

fn run_check(snap: &Snapshot, segs: &[SegmentReq]) -> Value {
    let segments: Vec<Segment<'_>> = segs
        .iter()
        .enumerate()
        .map(|(i, s)| Segment {
            file: "request",
            line: i + 1,
            ru: &s.ru,
            en: &s.en,
            en_column_offset: 0,
        })
        .collect();
    let findings = snap.checker.check_segments(&segments);
    json!({ "findings": findings })
}

async fn check(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let req: SegmentReq = parse(body)?;
    check_text(&app, "ru", &req.ru)?;
    check_text(&app, "en", &req.en)?;
    let snap = app.snapshot();
    Ok(Json(run_check(&snap, &[req])))
}

async fn check_batch(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let req: CheckBatchReq = parse(body)?;
    if req.segments.len() > app.limits.max_batch {
        return Err(ApiError::field(
            "segments",
            format!("at most {} segments in one batch", app.limits.max_batch),
        ));
    }
    for (i, s) in req.segments.iter().enumerate() {
        check_text(&app, &format!("segments[{i}].ru"), &s.ru)?;
        check_text(&app, &format!("segments[{i}].en"), &s.en)?;
    }
    let snap = app.snapshot();
    let v = tokio::task::spawn_blocking(move || run_check(&snap, &req.segments))
        .await
        .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    Ok(Json(v))
}

// ---------------------------------------------------------------- termbase

#[derive(Debug, Deserialize)]
struct TermQuery {
    term: Option<String>,
}

async fn termbase_lookup(
    State(app): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<TermQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let Query(q) = query.map_err(|e| ApiError::field("term", e.body_text()))?;
    let term = q
        .term
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| ApiError::field("term", "give a term: ?term=ОДКБ"))?;
    check_text(&app, "term", &term)?;
    let snap = app.snapshot();
    let tb = snap.checker.termbase();
    let found = crate::cli::termbase::lookup(tb, &term);
    let concepts: Vec<Value> = found
        .iter()
        .map(|&i| {
            let c = &tb.concepts[i];
            json!({
                "id": c.id,
                "ru": c.ru,
                "en": c.en,
                "variants": c.variants,
                "forbidden": c.forbidden,
                "note": c.note,
                "file": c.origin.path.display().to_string(),
                "line": c.origin.line,
            })
        })
        .collect();
    Ok(Json(json!({ "term": term, "concepts": concepts })))
}

// ---------------------------------------------------------------- tmserver

#[derive(Debug, Deserialize)]
struct TmQuery {
    max_candidates: Option<String>,
    min_similarity: Option<String>,
}

fn lang_is(code: &str, lang: &str) -> bool {
    let c = code.to_ascii_lowercase();
    c == lang
        || c.strip_prefix(lang)
            .is_some_and(|r| r.starts_with(['_', '-']))
}

/// amaGama / translate-toolkit tmserver: `GET /tmserver/ru/en/unit/TEXT` →
/// `[{"source", "target", "quality", "rank"}]`, best first. Another language pair
/// gets an empty list, as amaGama answers for a pair it does not hold.
async fn tmserver(
    State(app): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    query: Result<Query<TmQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    need_read(&app, &headers)?;
    let Path((slang, tlang, text)) = path.map_err(|e| ApiError::field("text", e.body_text()))?;
    let Query(q) = query.map_err(|e| ApiError::field("max_candidates", e.body_text()))?;
    let top = match q.max_candidates.as_deref() {
        None => 5,
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| ApiError::field("max_candidates", "an integer from 1 to 100"))?,
    };
    let min_score = match q.min_similarity.as_deref() {
        None => 70.0,
        Some(s) => s
            .parse::<f64>()
            .ok()
            .filter(|n| (0.0..=100.0).contains(n))
            .ok_or_else(|| ApiError::field("min_similarity", "a number from 0 to 100"))?,
    };
    check_text(&app, "text", &text)?;
    if !lang_is(&slang, "ru") || !lang_is(&tlang, "en") {
        return Ok(Json(json!([])));
    }
    let snap = app.snapshot();
    let opts = LookupOptions {
        top,
        min_score,
        scorer: Scorer::Char,
    };
    let found = snap.live.lookup(&text, &opts);
    let list: Vec<Value> = found
        .iter()
        .map(|m| {
            let e = snap.live.entry(m.entry);
            let q = (m.score * 100.0).round() / 100.0;
            json!({ "source": e.ru, "target": e.en, "quality": q, "rank": q })
        })
        .collect();
    Ok(Json(Value::Array(list)))
}

async fn tm_languages() -> Json<Value> {
    Json(json!({ "sourceLanguages": ["ru"], "targetLanguages": ["en"] }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_compare() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
    }

    #[test]
    fn a_missing_field_is_named() {
        let e = parse::<LookupReq>(Ok(Bytes::from_static(b"{\"top\": 3}"))).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("query"));
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        let e = parse::<LookupReq>(Ok(Bytes::from_static(b"{\"query\": 3}"))).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("query"));
        let e = parse::<LookupReq>(Ok(Bytes::from_static(b"{"))).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        let e = parse::<ImportReq>(Ok(Bytes::from_static(
            b"{\"entries\": [{\"ru\": \"a\", \"en\": 1}]}",
        )))
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("entries[0].en"));
    }
}
