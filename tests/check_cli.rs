//! CLI tests of `concord check` on real files: formats, exit codes, severities,
//! `[rules]` levels, the project default and a document pair.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(p: &str) -> String {
    root().join(p).display().to_string()
}

fn concord(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// Runs `cmd`, expects exit `code`, and returns its stdout.
fn stdout_of(cmd: &mut Command, code: i32) -> Vec<u8> {
    cmd.assert().code(code).get_output().stdout.clone()
}

fn json(out: &[u8]) -> Vec<Value> {
    serde_json::from_slice::<Value>(out)
        .expect("one JSON array")
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn json_has_the_fixed_field_names_and_exit_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        concord(dir.path())
            .args(["check", &fixture("tests/drafts/draft01.tsv")])
            .args([
                "--termbase",
                &fixture("tests/fixtures/termbase.tsv"),
                "--format",
                "json",
            ]),
        1,
    );
    let v = json(&out);
    assert_eq!(v.len(), 6);
    let f = v
        .iter()
        .find(|f| f["rule"] == "term-forbidden")
        .expect("term-forbidden finding");
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "file",
        "line",
        "column",
        "rule",
        "severity",
        "message",
        "source_term",
        "expected",
        "found",
        "suggestion",
    ] {
        assert!(keys.contains(&k), "missing {k} in {f}");
    }
    assert_eq!(f["line"], 7);
    assert_eq!(f["severity"], "error");
    assert_eq!(f["found"], "Nazarbaev's");
    assert_eq!(f["suggestion"], "Nazarbayev");
}

#[test]
fn brief_format_and_min_severity() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("d.tsv");
    std::fs::write(
        &tsv,
        "В ЕврАзЭС в 1995 г.\tIn Eurasec in 1995\nВ ЕврАзЭС\tIn the EAEC\n",
    )
    .unwrap();
    let tb = fixture("tests/fixtures/termbase.tsv");
    let out = stdout_of(
        concord(dir.path()).args(["check", "d.tsv", "--termbase", &tb, "--format", "brief"]),
        1,
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "d.tsv:1:24: term-variant: “Eurasec” is a near-miss of “EurAsEC” (different capitalisation)\n\
         d.tsv:2:18: term-forbidden: “EAEC” is a forbidden rendering; use “Eurasian Economic Community” (EurAsEC, not EAEC (ambiguous with the later Eurasian Economic Union))\n"
    );
    // the near-miss is a warning: with --min-severity error only the forbidden form stays
    let out = stdout_of(
        concord(dir.path())
            .args(["check", "d.tsv", "--termbase", &tb, "--format", "json"])
            .args(["--min-severity", "error"]),
        1,
    );
    let v = json(&out);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["rule"], "term-forbidden");
}

#[test]
fn clean_file_exits_0_with_no_output() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args(["check", &fixture("tests/drafts/paraphrase1.tsv")])
        .args(["--termbase", &fixture("tests/fixtures/termbase.tsv")])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn text_format_underlines_and_suggests() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.tsv"),
        "ru\ten\nН. Назарбаев\tNazarbaev\n",
    )
    .unwrap();
    let out = stdout_of(
        concord(dir.path()).args([
            "check",
            "d.tsv",
            "--termbase",
            &fixture("tests/fixtures/termbase.tsv"),
        ]),
        1,
    );
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("error[term-forbidden]"), "{s}");
    assert!(s.contains("--> d.tsv:2:14"), "{s}");
    assert!(s.contains("^^^^^^^^^"), "{s}");
    assert!(s.contains("help: use “Nazarbayev”"), "{s}");
    assert!(!s.contains('\u{1b}'), "no colour when not a terminal: {s}");
}

#[test]
fn project_default_rules_levels_and_headerless_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("memory")).unwrap();
    std::fs::create_dir_all(d.join("termbase")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/termbase.tsv"),
        d.join("termbase/t.tsv"),
    )
    .unwrap();
    // headerless ru<TAB>en
    std::fs::write(
        d.join("memory/m.tsv"),
        "Казахстан и OДКБ\tKazakhstan and the CSTO\nРоссия\tRussia\n",
    )
    .unwrap();
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n",
    )
    .unwrap();
    let out = stdout_of(concord(d).args(["check", "--format", "json"]), 1);
    let v = json(&out);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["rule"], "mixed-script");
    assert_eq!(v[0]["column"], 13);
    assert_eq!(v[0]["suggestion"], "ОДКБ");
    // [rules] mixed-script = "off" silences it
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n[rules]\nmixed-script = \"off\"\n",
    )
    .unwrap();
    concord(d).args(["check"]).assert().code(0).stdout("");
    // a level below --min-severity is dropped too
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n[rules]\nmixed-script = \"info\"\n",
    )
    .unwrap();
    concord(d)
        .args(["check", "--min-severity", "warning"])
        .assert()
        .code(0);
    // an unknown rule id is a usage error naming it
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n[rules]\nmixed-scrpit = \"off\"\n",
    )
    .unwrap();
    concord(d)
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `mixed-scrpit`"));
}

#[test]
fn document_pair_is_aligned_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        concord(dir.path())
            .args(["check", "--format", "json"])
            .args(["--source", &fixture("tests/fixtures/doc.ru.txt")])
            .args(["--target", &fixture("tests/fixtures/doc.en.txt")])
            .args(["--termbase", &fixture("tests/fixtures/termbase.tsv")]),
        1,
    );
    let v = json(&out);
    let got: Vec<(String, u64, u64)> = v
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("number-mismatch".to_string(), 1, 192),
            ("term-forbidden".to_string(), 2, 243)
        ]
    );
}

#[test]
fn bad_input_is_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.tsv"), "ru\ten\nодин\tone\textra\n").unwrap();
    concord(dir.path())
        .args([
            "check",
            "bad.tsv",
            "--termbase",
            &fixture("tests/fixtures/termbase.tsv"),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.tsv:2:"));
    concord(dir.path())
        .args(["check", "missing.tsv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.tsv"));
}

#[test]
fn sample_memory_is_clean_against_the_sample_termbase() {
    let r = root();
    if !r.join("memory").is_dir() || !r.join("termbase").is_dir() {
        println!("note: sample memory/termbase absent; skipped");
        return;
    }
    concord(&r)
        .args(["check", "--format", "brief"])
        .assert()
        .code(0)
        .stdout("");
}
