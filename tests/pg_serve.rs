//! PostgreSQL store and `concord serve`, against a throwaway cluster.
//!
//! Each test starts its own cluster (`initdb` into a temporary folder, a Unix socket
//! there, no TCP), as the `postgres` user when the tests run as root. Without
//! PostgreSQL's binaries (`/usr/lib/postgresql/*/bin`, installed by
//! `.ci/deps.d/postgres.sh`) the tests print a note and pass.
//!
//! `CONCORD_PG_ROWS` sets the equivalence test's memory size (default 5,000; the issue's
//! 100,000 takes about a minute in a debug build).

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_concord");

fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

struct Cluster {
    bin: PathBuf,
    dir: tempfile::TempDir,
    root: bool,
}

impl Cluster {
    /// A new running cluster, or `None` (with a note) when PostgreSQL is absent.
    fn start(test: &str) -> Option<Cluster> {
        let Some(bin) = pg_bin() else {
            eprintln!("note: {test} skipped: PostgreSQL is not installed (.ci/deps.d/postgres.sh installs it)");
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("concord-pg")
            .tempdir()
            .ok()?;
        let root = is_root();
        if root {
            let ok = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            assert!(ok, "cannot chown the cluster folder to postgres");
        }
        let c = Cluster { bin, dir, root };
        let data = c.dir.path().join("data");
        let out = c
            .pg(&c.bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-A",
                "trust",
                "-U",
                "concord",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .output()
            .expect("initdb runs");
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        c.ctl("start");
        Some(c)
    }

    fn pg(&self, program: &Path) -> Command {
        if self.root {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn ctl(&self, what: &str) {
        let data = self.dir.path().join("data");
        let mut cmd = self.pg(&self.bin.join("pg_ctl"));
        cmd.arg("-D").arg(&data).args(["-w", "-m", "fast"]);
        if what == "start" {
            cmd.arg("-l")
                .arg(self.dir.path().join("log"))
                .arg("-o")
                .arg(format!(
                    "-k {} -c listen_addresses='' -c fsync=off -c max_connections=60",
                    self.dir.path().display()
                ));
        }
        let out = cmd
            .arg(what)
            .stdin(Stdio::null())
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl {what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn url(&self) -> String {
        format!(
            "postgresql://concord@/postgres?host={}",
            self.dir.path().display()
        )
    }

    fn sql(&self, query: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-t", "-A", "-h"])
            .arg(self.dir.path())
            .args(["-U", "concord", "-d", "postgres", "-c", query])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self
            .pg(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

fn concord(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .current_dir(dir)
        .env("CONCORD_USER", "test")
        .args(args)
        .output()
        .expect("concord runs")
}

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "concord failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A synthetic memory of `n` distinct pairs after the sample project's memory.
fn write_memory(path: &Path, n: usize) {
    let words = [
        "договор",
        "о",
        "коллективной",
        "безопасности",
        "Совет",
        "министров",
        "иностранных",
        "дел",
        "ОДКБ",
        "заседание",
        "в",
        "Москве",
        "Астане",
        "Казахстан",
        "сотрудничество",
        "развитие",
        "экономического",
        "региона",
        "стран",
        "СНГ",
    ];
    let mut text = std::fs::read_to_string(repo().join("memory/kazakhstan-foreign-policy.tsv"))
        .expect("sample memory");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 3 + (x % 9) as usize;
        let s: Vec<&str> = (0..len)
            .map(|k| words[((x >> (k * 5)) % words.len() as u64) as usize])
            .collect();
        text.push_str(&format!("{}\tsegment {i}\t\n", s.join(" ")));
    }
    std::fs::write(path, text).expect("write memory");
}

#[test]
fn file_and_database_give_identical_lookup_check_and_edition() {
    let Some(pg) = Cluster::start("file_and_database") else {
        return;
    };
    let url = pg.url();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::write(dir.join("concord.toml"), "").unwrap();
    let rows = std::env::var("CONCORD_PG_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    write_memory(&dir.join("memory.tsv"), rows);
    std::fs::copy(
        repo().join("termbase/kazakhstan.tsv"),
        dir.join("termbase.tsv"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("source/kazakhstan-foreign-policy.ru.txt"),
        dir.join("source.txt"),
    )
    .unwrap();
    // an old (absent) schema is refused with the fix in the message
    let out = concord(dir, &["lookup", "--memory", &url, "договор"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("concord db migrate"));
    ok(concord(dir, &["db", "migrate", "--db", &url]));
    ok(concord(
        dir,
        &["memory", "--memory", &url, "import", "memory.tsv"],
    ));
    ok(concord(
        dir,
        &["termbase", "--termbase", &url, "import", "termbase.tsv"],
    ));
    // a second import adds nothing
    let again = concord(dir, &["memory", "--memory", &url, "import", "memory.tsv"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("added 0 of"));

    // queries: the sample sources, some edited, and synthetic ones
    let memory = std::fs::read_to_string(dir.join("memory.tsv")).unwrap();
    let mut queries = String::new();
    for (i, line) in memory.lines().skip(1).step_by(rows / 150 + 1).enumerate() {
        let ru = line.split('\t').next().unwrap();
        if i % 2 == 0 {
            queries.push_str(ru);
        } else {
            queries.push_str(&ru.replacen(' ', " и ", 1));
        }
        queries.push('\n');
    }
    std::fs::write(dir.join("queries.txt"), &queries).unwrap();
    for scorer in ["word", "char"] {
        for format in ["json", "text"] {
            let args = |m: &str| {
                vec![
                    "lookup".to_string(),
                    "--memory".into(),
                    m.into(),
                    "--queries".into(),
                    "queries.txt".into(),
                    "--format".into(),
                    format.into(),
                    "--scorer".into(),
                    scorer.into(),
                    "--min-score".into(),
                    "50".into(),
                ]
            };
            let run = |m: &str| {
                let a = args(m);
                ok(concord(
                    dir,
                    &a.iter().map(String::as_str).collect::<Vec<_>>(),
                ))
            };
            let (file, db) = (run("memory.tsv"), run(&url));
            assert!(file.len() > 1000, "lookup printed little:\n{file}");
            assert_eq!(file, db, "lookup --scorer {scorer} --format {format}");
        }
    }
    for format in ["json", "text"] {
        let file = ok(concord(
            dir,
            &[
                "check",
                "memory.tsv",
                "--termbase",
                "termbase.tsv",
                "--format",
                format,
            ],
        ));
        let db = ok(concord(
            dir,
            &[
                "check",
                "memory.tsv",
                "--termbase",
                &url,
                "--format",
                format,
            ],
        ));
        assert_eq!(file, db, "check --format {format}");
    }
    let file = ok(concord(
        dir,
        &[
            "edition",
            "--source",
            "source.txt",
            "--memory",
            "memory.tsv",
            "--termbase",
            "termbase.tsv",
        ],
    ));
    let db = ok(concord(
        dir,
        &[
            "edition",
            "--source",
            "source.txt",
            "--memory",
            &url,
            "--termbase",
            &url,
        ],
    ));
    assert!(!file.is_empty());
    assert_eq!(file, db, "edition");
    let file = ok(concord(
        dir,
        &[
            "memory",
            "--memory",
            "memory.tsv",
            "stats",
            "--format",
            "json",
        ],
    ));
    let db = ok(concord(
        dir,
        &["memory", "--memory", &url, "stats", "--format", "json"],
    ));
    assert_eq!(file, db, "memory stats");
    // provenance is kept
    assert_eq!(
        pg.sql(
            "SELECT DISTINCT created_by || ' ' || source_file || ' ' || status FROM memory_entry"
        ),
        "test memory.tsv unreviewed"
    );
}

// ------------------------------------------------------------- the server

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(url: &str) -> Server {
        Server::start_with(url, &[])
    }

    fn start_with(url: &str, extra: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(BIN)
            .args([
                "--config",
                "/dev/null",
                "serve",
                "--memory",
                url,
                "--termbase",
                url,
            ])
            .args(["--bind", &format!("127.0.0.1:{port}"), "--poll-ms", "100"])
            .args(extra)
            .env("CONCORD_WRITE_TOKEN", "t0ken")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let s = Server { child, port };
        let until = Instant::now() + Duration::from_secs(30);
        while Instant::now() < until {
            if let Ok((200, _)) = s.request("GET", "/health", None, "") {
                return s;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start");
    }

    /// One HTTP/1.1 request (its own connection): (status, body).
    fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &str,
    ) -> std::io::Result<(u16, String)> {
        http(
            self.port,
            method,
            path,
            token,
            "application/json",
            body.as_bytes(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{auth}Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )?;
    s.write_all(body)?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad response: {text}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

#[test]
fn eight_clients_through_two_servers_store_every_row_once() {
    let Some(pg) = Cluster::start("eight_clients") else {
        return;
    };
    let url = pg.url();
    ok(concord(Path::new("."), &["db", "migrate", "--db", &url]));
    let a = Server::start(&url);
    let b = Server::start(&url);
    let (pa, pb) = (a.port, b.port);
    // writes need the token
    assert_eq!(
        a.request("POST", "/v1/memory", None, r#"{"ru":"а","en":"a"}"#)
            .unwrap()
            .0,
        401
    );
    assert_eq!(
        a.request(
            "POST",
            "/v1/memory",
            Some("wrong"),
            r#"{"ru":"а","en":"a"}"#
        )
        .unwrap()
        .0,
        401
    );
    let bad = a
        .request("POST", "/v1/memory", Some("t0ken"), r#"{"ru":"а"}"#)
        .unwrap();
    assert_eq!(bad.0, 422);
    assert!(bad.1.contains(r#""field":"en""#), "{}", bad.1);
    let threads: Vec<_> = (0..8)
        .map(|c| {
            std::thread::spawn(move || {
                for i in 0..1000 {
                    let port = if (c + i) % 2 == 0 { pa } else { pb };
                    // every pair twice from two clients: clients c and c^1 share pairs
                    let body = format!(
                        r#"{{"ru":"сегмент {} номер {i}","en":"segment {c} {i}"}}"#,
                        c / 2
                    );
                    let (status, text) = http(
                        port,
                        "POST",
                        "/v1/memory",
                        Some("t0ken"),
                        "application/json",
                        body.as_bytes(),
                    )
                    .expect("request");
                    assert!(status == 201 || status == 200, "{status} {text}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("client");
    }
    assert_eq!(pg.sql("SELECT count(*) FROM memory_entry"), "8000");
    assert_eq!(
        pg.sql("SELECT count(DISTINCT (ru, en)) FROM memory_entry"),
        "8000"
    );
    // a row added through one server is found by the other within a second
    let (s, _) = a
        .request(
            "POST",
            "/v1/memory",
            Some("t0ken"),
            r#"{"ru":"совершенно новая строка","en":"brand new"}"#,
        )
        .unwrap();
    assert_eq!(s, 201);
    let start = Instant::now();
    loop {
        let (_, body) = b
            .request(
                "POST",
                "/v1/lookup",
                None,
                r#"{"query":"совершенно новая строка"}"#,
            )
            .unwrap();
        if body.contains("brand new") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "not found within 1 s: {body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // both servers serve every row
    let start = Instant::now();
    while !b
        .request("GET", "/ready", None, "")
        .unwrap()
        .1
        .contains(r#""entries":8001"#)
    {
        assert!(start.elapsed() < Duration::from_secs(5));
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_killed_import_leaves_nothing_and_a_restarted_database_recovers() {
    let Some(pg) = Cluster::start("killed_import") else {
        return;
    };
    let url = pg.url();
    ok(concord(Path::new("."), &["db", "migrate", "--db", &url]));
    let mut server = Server::start_with(&url, &["--max-body", "100000000"]);
    let port = server.port;
    let mut tsv = String::from("ru\ten\n");
    for i in 0..300_000 {
        tsv.push_str(&format!("строка номер {i} для импорта\trow {i}\n"));
    }
    let sender = std::thread::spawn(move || {
        http(
            port,
            "POST",
            "/v1/memory/import?file=big.tsv",
            Some("t0ken"),
            "text/tab-separated-values",
            tsv.as_bytes(),
        )
    });
    // kill -9 once the import is running in the database
    let start = Instant::now();
    while pg.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY concord_import%' OR query LIKE 'INSERT INTO memory_entry%SELECT%'") == "0" {
        assert!(start.elapsed() < Duration::from_secs(60), "the import never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    let _ = sender.join();
    // the backend notices the lost client and rolls back
    let start = Instant::now();
    while pg.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY concord_import%' OR query LIKE 'INSERT INTO memory_entry%SELECT%'") != "0" {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        pg.sql("SELECT count(*) FROM memory_entry"),
        "0",
        "a partial import"
    );
    drop(server);

    // PostgreSQL restarted while serving: 503 with a reason, then recovery
    let server = Server::start(&url);
    let add = |ru: &str| {
        server
            .request(
                "POST",
                "/v1/memory",
                Some("t0ken"),
                &format!(r#"{{"ru":"{ru}","en":"x"}}"#),
            )
            .unwrap()
    };
    assert_eq!(add("до перезапуска").0, 201);
    pg.ctl("stop");
    let (status, body) = add("во время остановки");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("database unavailable"), "{body}");
    let (status, body) = server.request("GET", "/ready", None, "").unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("reason"), "{body}");
    // lookups keep being answered from the loaded index
    let (status, body) = server
        .request("POST", "/v1/lookup", None, r#"{"query":"до перезапуска"}"#)
        .unwrap();
    assert_eq!(status, 200, "{body}");
    pg.ctl("start");
    let start = Instant::now();
    loop {
        let (status, _) = add("после перезапуска");
        if status == 201 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no recovery: {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.request("GET", "/ready", None, "").unwrap().0, 200);
    assert_eq!(pg.sql("SELECT count(*) FROM memory_entry"), "2");
}
