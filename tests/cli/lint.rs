//! CLI tests of `concord lint` on the fixture tree in tests/data/lint/basic.
//!
//! The tree holds a termbase, a memory, Markdown, HTML and text documents, a Russian/
//! English pair, a Russian document without translation, a binary and a Latin-1 file,
//! an excluded `vendor/` and a git-ignored `build/`. Assertions look at term-forbidden
//! findings (exact forms listed in the termbase) and at where no finding may appear, so
//! they hold whatever near-miss tuning the checker has.
//!
//! `concord lint --format sarif` is checked against the SARIF 2.1.0 JSON schema;
//! validation uses Python's `jsonschema` and the schema installed by
//! `.ci/deps.d/lint.sh` (or named by `CONCORD_SARIF_SCHEMA`); without them the test
//! prints a note and skips.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{self, concord, concord_in, tempdir};

fn fixture() -> PathBuf {
    util::data("lint/basic")
}

/// A private copy of the fixture tree (tests that edit files or write baselines).
fn copy_fixture() -> tempfile::TempDir {
    let dir = tempdir();
    util::copy_tree(&fixture(), dir.path());
    dir
}

fn json_findings(dir: &Path, extra: &[&str]) -> (Vec<Value>, String, i32) {
    let out = concord_in(dir)
        .args(["lint", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (
        v.as_array().unwrap().clone(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn places(findings: &[Value], rule: &str) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| format!("{}:{}", f["file"].as_str().unwrap(), f["line"]))
        .collect()
}

#[test]
fn lints_every_kind_of_file_in_the_project() {
    let (findings, stderr, code) = json_findings(&fixture(), &[]);
    assert_eq!(code, 1, "{stderr}");
    let expected: BTreeSet<String> = [
        // a front matter value (the title) is prose
        "docs/guide.md:2",
        "docs/guide.md:6",
        "docs/guide.md:22",
        "docs/page.html:4",
        "memory/main.tsv:2",
        "notes.txt:5",
        "text/report.en.txt:1",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(places(&findings, "term-forbidden"), expected, "{stderr}");
    // the forbidden form's column is that of the real file, not of the masked copy
    let memory = findings
        .iter()
        .find(|f| f["file"] == "memory/main.tsv" && f["rule"] == "term-forbidden")
        .unwrap();
    assert_eq!(memory["column"], 41);
    assert_eq!(memory["found"], "Nazarbaev");
}

#[test]
fn nothing_is_reported_in_code_urls_excluded_or_ignored_files() {
    let (findings, stderr, _) = json_findings(&fixture(), &[]);
    for f in &findings {
        let file = f["file"].as_str().unwrap();
        let line = f["line"].as_u64().unwrap();
        assert!(!file.starts_with("vendor/"), "excluded: {f}");
        assert!(!file.starts_with("build/"), "git-ignored: {f}");
        assert!(!file.starts_with("source/"), "Russian only: {f}");
        assert!(
            !matches!(file, "data.txt" | "latin1.txt" | "concord.toml"),
            "{f}"
        );
        assert!(!file.starts_with("termbase/"), "{f}");
        if file == "docs/guide.md" {
            assert!(
                ![9, 12, 13, 16, 19].contains(&line),
                "code, URL or suppressed line reported: {f}"
            );
        }
        if file == "docs/page.html" {
            assert!(![2, 5, 6].contains(&line), "script/pre/href reported: {f}");
        }
    }
    assert!(
        stderr.contains("note: data.txt: skipped: binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: latin1.txt: skipped: not UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("source/draft.ru.txt: skipped: Russian document without"),
        "{stderr}"
    );
}

#[test]
fn summary_counts_files_rules_and_suppressed() {
    let out = concord_in(&fixture())
        .args(["lint", "--format", "brief", "--rule", "term-variant=off"])
        .args(["--rule", "mixed-script=off", "--rule", "untranslated=off"])
        .args([
            "--rule",
            "term-missing=off",
            "--rule",
            "number-mismatch=off",
        ])
        .args(["--rule", "inconsistent-translation=off"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let last = stderr.lines().last().unwrap();
    // guide.md ×3 (one in the front matter title), notes.txt ×2 and the memory row
    // with a note marker
    assert!(
        last.starts_with(
            "concord lint: 6 files checked, 8 findings (term-forbidden: 8), 5 suppressed in "
        ),
        "{last}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("docs/guide.md:6:25: error: term-forbidden: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("notes.txt:5:1: warning: term-forbidden: "),
        "{stdout}"
    );
}

#[test]
fn deny_and_rule_levels_decide_the_exit_code() {
    concord_in(&fixture())
        .args(["lint", "--deny", "off", "-q"])
        .assert()
        .code(0);
    let (findings, _, code) = json_findings(
        &fixture(),
        &["--rule", "term-forbidden=off", "--deny", "error", "-q"],
    );
    assert!(places(&findings, "term-forbidden").is_empty());
    assert!(
        code == 0 || findings.iter().any(|f| f["severity"] == "error"),
        "exit {code} with {findings:?}"
    );
    // only warnings left in notes.txt line 5 (Akmola City has severity warning)
    let out = concord_in(&fixture())
        .args([
            "lint",
            "notes.txt",
            "--deny",
            "error",
            "--rule",
            "term-variant=off",
        ])
        .args(["--rule", "mixed-script=off"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = concord_in(&fixture())
        .args(["lint", "notes.txt", "--deny", "warning"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn explicit_paths_and_running_from_a_subfolder() {
    let (findings, _, _) = json_findings(&fixture(), &["docs/page.html"]);
    assert!(findings.iter().all(|f| f["file"] == "docs/page.html"));
    assert!(!findings.is_empty());
    // from docs/, the project (found upward) is linted and paths are relative to docs/
    let (findings, _, code) = json_findings(&fixture().join("docs"), &[]);
    assert_eq!(code, 1);
    let files: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.contains("guide.md"), "{files:?}");
    assert!(files.contains("../notes.txt"), "{files:?}");
}

#[test]
fn github_format_is_workflow_commands() {
    let out = concord_in(&fixture())
        .args(["lint", "--format", "github", "docs/guide.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::error file=docs/guide.md,line=6,col=25,endLine=6,endColumn=34,title=concord term-forbidden::"
        )),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn sarif_format_has_rule_metadata_and_results() {
    let out = concord_in(&fixture())
        .args(["lint", "--format", "sarif"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "term-forbidden"));
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "term-forbidden"
        && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes.txt"));
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
    }
}

#[test]
fn baseline_accepts_known_findings_across_line_shifts_and_fails_on_new_ones() {
    let dir = copy_fixture();
    let d = dir.path();
    concord_in(d)
        .args(["lint", "--write-baseline", "concord-baseline.json"])
        .assert()
        .code(0);
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("concord-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["version"], 1);
    let out = concord_in(d)
        .args(["lint", "--baseline", "concord-baseline.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("in baseline"), "{stderr}");
    // shift every line of guide.md: still known
    let guide = d.join("docs/guide.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    let shifted = text.replacen("# Guide\n", "# Guide\n\nAn added paragraph.\n\n", 1);
    std::fs::write(&guide, &shifted).unwrap();
    concord_in(d)
        .args(["lint", "-q", "--baseline", "concord-baseline.json"])
        .assert()
        .code(0);
    // a new occurrence is new
    std::fs::write(&guide, format!("{shifted}\nAnd Nazarbaev again.\n")).unwrap();
    let (findings, _, code) = json_findings(d, &["--baseline", "concord-baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(places(&findings, "term-forbidden").len(), 1, "{findings:?}");
    // the baseline can come from concord.toml too
    let toml = std::fs::read_to_string(d.join("concord.toml")).unwrap();
    std::fs::write(
        d.join("concord.toml"),
        toml.replace("[lint]\n", "[lint]\nbaseline = \"concord-baseline.json\"\n"),
    )
    .unwrap();
    let (findings, _, _) = json_findings(d, &[]);
    assert_eq!(places(&findings, "term-forbidden").len(), 1);
}

#[test]
fn a_bad_memory_file_is_an_error_and_the_run_goes_on() {
    let dir = copy_fixture();
    let d = dir.path();
    std::fs::write(d.join("memory/broken.tsv"), "ru\ten\nА\tB\\q\n").unwrap();
    let (findings, stderr, code) = json_findings(d, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: memory/broken.tsv:2:"), "{stderr}");
    assert!(!places(&findings, "term-forbidden").is_empty());
    assert!(stderr.contains("1 error"), "{stderr}");
}

#[test]
fn unknown_config_keys_and_rules_are_errors_naming_them() {
    let dir = copy_fixture();
    let d = dir.path();
    std::fs::write(
        d.join("concord.toml"),
        "termbase = \"termbase\"\n[lint]\nexlude = []\n",
    )
    .unwrap();
    let out = concord_in(d).arg("lint").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("concord.toml:3:1"), "{stderr}");
    assert!(stderr.contains("unknown field `exlude`"), "{stderr}");
    std::fs::write(d.join("concord.toml"), "[rules]\nterm-varient = \"off\"\n").unwrap();
    let out = concord_in(d).arg("lint").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("unknown rule `term-varient`"), "{stderr}");
    concord_in(d)
        .args(["lint", "--rule", "nonsense=off"])
        .assert()
        .code(2);
}

#[test]
fn print_config_shows_file_values_with_flags_applied() {
    let out = concord_in(&fixture())
        .args([
            "lint",
            "--print-config",
            "--deny",
            "warning",
            "--exclude",
            "drafts/**",
        ])
        .args(["--rule", "mixed-script=off"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("# effective configuration: "), "{s}");
    let v: toml::Value = toml::from_str(&s).unwrap();
    assert_eq!(v["lint"]["deny"].as_str(), Some("warning"));
    let ex: Vec<&str> = v["lint"]["exclude"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(ex, ["vendor/**", "drafts/**"]);
    assert_eq!(v["rules"]["mixed-script"].as_str(), Some("off"));
    assert_eq!(v["termbase"].as_str(), Some("termbase"));
}

#[test]
fn config_flag_points_at_a_project_elsewhere() {
    let out = concord()
        .current_dir(std::env::temp_dir())
        .args(["--config"])
        .arg(fixture().join("concord.toml"))
        .args(["lint", "--format", "json", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["file"].as_str().unwrap().ends_with("docs/guide.md")));
}

#[test]
fn no_termbase_is_a_usage_error() {
    let dir = tempdir();
    let out = concord_in(dir.path()).arg("lint").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--termbase"));
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = concord().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("write-baseline"),
            "{shell}: no lint option in completions"
        );
    }
    let out = concord().args(["completions", "man"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains(".TH concord 1"), "{s}");
    let dir = tempdir();
    concord()
        .args(["completions", "man", "--dir"])
        .arg(dir.path())
        .assert()
        .code(0);
    let page = std::fs::read_to_string(dir.path().join("concord-lint.1")).unwrap();
    assert!(page.contains("baseline"), "{page}");
}

#[test]
fn text_format_shows_snippets_without_colour_in_a_file() {
    let dir = tempdir();
    let report = dir.path().join("report.txt");
    concord_in(&fixture())
        .args(["lint", "-q", "docs/guide.md", "-o"])
        .arg(&report)
        .assert()
        .code(1);
    let s = std::fs::read_to_string(&report).unwrap();
    assert!(s.contains("--> docs/guide.md:6:25"), "{s}");
    assert!(s.contains("The first president was Nazarbaev"), "{s}");
    assert!(s.contains("^^^^^^^^^"), "{s}");
    assert!(!s.contains('\u{1b}'), "colour codes in a file: {s}");
}

fn schema() -> Option<PathBuf> {
    let p = std::env::var_os("CONCORD_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/local/share/concord/sarif-schema-2.1.0.json"));
    p.is_file().then_some(p)
}

const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:10]:
    print("/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)
"#;

fn validate(schema: &Path, log: &Path) {
    let out = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(schema)
        .arg(log)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "SARIF log {} is not valid:\n{}{}",
        log.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let (Some(schema), true) = (schema(), util::python_has("jsonschema")) else {
        eprintln!(
            "note: skipping SARIF schema validation: run .ci/deps.d/lint.sh (needs python3 \
             with jsonschema and the schema file) or set CONCORD_SARIF_SCHEMA"
        );
        return;
    };
    let dir = tempdir();
    // with findings, and with none (an empty results array must be valid too)
    for (name, extra) in [
        ("findings.sarif", vec![]),
        (
            "clean.sarif",
            vec!["--deny", "off", "notes.txt", "--rule", "term-forbidden=off"],
        ),
    ] {
        let log = dir.path().join(name);
        let out = concord()
            .current_dir(fixture())
            .args(["lint", "-q", "--format", "sarif", "-o"])
            .arg(&log)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        validate(&schema, &log);
    }
    // the validator really rejects a broken log
    let bad = dir.path().join("bad.sarif");
    std::fs::write(&bad, r#"{"version":"2.1.0","runs":[{"tool":{}}]}"#).unwrap();
    let out = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(&schema)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a log without a driver passed validation"
    );
}
