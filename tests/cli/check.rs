//! CLI tests of `concord check` on real files: formats, exit codes, severities,
//! `[rules]` levels, the project default and a document pair; and precision and recall
//! of the checker per rule on drafts of the sample with
//! injected, annotated errors, and silence on free paraphrases of a correct translation.
//!
//! Drafts live in tests/drafts/ (regenerate with `python3 tests/drafts/make_drafts.py`):
//! a TSV with `ru`, `en` and `expect` columns; `expect` lists the findings the row
//! must produce (`rule` or `rule=found text`, separated by `; `).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concord::check::{CheckOptions, Checker, Finding, Rule, Segment};
use concord::termbase::Termbase;
use serde_json::Value;

use crate::util::{self, concord_in, repo_arg, root, stdout_bytes, tempdir};

fn json(out: &[u8]) -> Vec<Value> {
    serde_json::from_slice::<Value>(out)
        .expect("one JSON array")
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn json_has_the_fixed_field_names_and_exit_is_1() {
    let dir = tempdir();
    let out = stdout_bytes(
        concord_in(dir.path())
            .args(["check", &repo_arg("tests/drafts/draft01.tsv")])
            .args([
                "--termbase",
                &repo_arg("tests/fixtures/termbase.tsv"),
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
    let dir = tempdir();
    let tsv = dir.path().join("d.tsv");
    std::fs::write(
        &tsv,
        "В ЕврАзЭС в 1995 г.\tIn Eurasec in 1995\nВ ЕврАзЭС\tIn the EAEC\n",
    )
    .unwrap();
    let tb = repo_arg("tests/fixtures/termbase.tsv");
    let out = stdout_bytes(
        concord_in(dir.path()).args(["check", "d.tsv", "--termbase", &tb, "--format", "brief"]),
        1,
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "d.tsv:1:24: term-variant: “Eurasec” is a near-miss of “EurAsEC” (different capitalisation)\n\
         d.tsv:2:18: term-forbidden: “EAEC” is a forbidden rendering; use “Eurasian Economic Community” (EurAsEC, not EAEC (ambiguous with the later Eurasian Economic Union))\n"
    );
    // the near-miss is a warning: with --min-severity error only the forbidden form stays
    let out = stdout_bytes(
        concord_in(dir.path())
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
    let dir = tempdir();
    concord_in(dir.path())
        .args(["check", &repo_arg("tests/drafts/paraphrase1.tsv")])
        .args(["--termbase", &repo_arg("tests/fixtures/termbase.tsv")])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn text_format_underlines_and_suggests() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("d.tsv"),
        "ru\ten\nН. Назарбаев\tNazarbaev\n",
    )
    .unwrap();
    let out = stdout_bytes(
        concord_in(dir.path()).args([
            "check",
            "d.tsv",
            "--termbase",
            &repo_arg("tests/fixtures/termbase.tsv"),
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
    let dir = tempdir();
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
    let out = stdout_bytes(concord_in(d).args(["check", "--format", "json"]), 1);
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
    concord_in(d).args(["check"]).assert().code(0).stdout("");
    // a level below --min-severity is dropped too
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n[rules]\nmixed-script = \"info\"\n",
    )
    .unwrap();
    concord_in(d)
        .args(["check", "--min-severity", "warning"])
        .assert()
        .code(0);
    // an unknown rule id is a usage error naming it
    std::fs::write(
        d.join("concord.toml"),
        "memory = \"memory\"\ntermbase = \"termbase\"\n[rules]\nmixed-scrpit = \"off\"\n",
    )
    .unwrap();
    concord_in(d)
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `mixed-scrpit`"));
}

#[test]
fn document_pair_is_aligned_and_checked() {
    let dir = tempdir();
    let out = stdout_bytes(
        concord_in(dir.path())
            .args(["check", "--format", "json"])
            .args(["--source", &repo_arg("tests/fixtures/doc.ru.txt")])
            .args(["--target", &repo_arg("tests/fixtures/doc.en.txt")])
            .args(["--termbase", &repo_arg("tests/fixtures/termbase.tsv")]),
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
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.tsv"), "ru\ten\nодин\tone\textra\n").unwrap();
    concord_in(dir.path())
        .args([
            "check",
            "bad.tsv",
            "--termbase",
            &repo_arg("tests/fixtures/termbase.tsv"),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.tsv:2:"));
    concord_in(dir.path())
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
    concord_in(r)
        .args(["check", "--format", "brief"])
        .assert()
        .code(0)
        .stdout("");
}

struct Row {
    line: usize,
    ru: String,
    en: String,
    offset: usize,
    expect: Vec<(Rule, Option<String>)>,
}

fn read(path: &Path) -> (Vec<Row>, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let table = concord::tsv::parse(path, &bytes, &concord::memory::READ_OPTIONS).unwrap();
    let col = |n: &str| table.column(n).unwrap();
    let (ru, en, ex) = (col("ru"), col("en"), col("expect"));
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let raw = &lines[r.line - 1];
            let offset = raw
                .split('\t')
                .take(en)
                .map(|f| f.chars().count() + 1)
                .sum();
            let expect = r.fields[ex]
                .split("; ")
                .filter(|s| !s.is_empty())
                .map(|s| {
                    let (rule, found) = match s.split_once('=') {
                        Some((r, f)) => (r, Some(f.to_string())),
                        None => (s, None),
                    };
                    let rule = Rule::from_id(rule).unwrap_or_else(|| {
                        panic!("{}:{}: bad rule {rule}", path.display(), r.line)
                    });
                    (rule, found)
                })
                .collect();
            Row {
                line: r.line,
                ru: r.fields[ru].clone(),
                en: r.fields[en].clone(),
                offset,
                expect,
            }
        })
        .collect();
    (rows, lines)
}

fn check(checker: &Checker, path: &Path) -> (Vec<Row>, Vec<Finding>, Vec<String>) {
    let (rows, lines) = read(path);
    let name = path.display().to_string();
    let segs: Vec<Segment<'_>> = rows
        .iter()
        .map(|r| Segment {
            file: &name,
            line: r.line,
            ru: &r.ru,
            en: &r.en,
            en_column_offset: r.offset,
        })
        .collect();
    let findings = checker.check_segments(&segs);
    (rows, findings, lines)
}

fn drafts(prefix: &str) -> Vec<PathBuf> {
    let dir = util::repo("tests/drafts");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                && p.extension().is_some_and(|x| x == "tsv")
        })
        .collect();
    v.sort();
    v
}

fn checker() -> Checker {
    let tb = Termbase::open(&util::fixture("termbase.tsv")).unwrap();
    Checker::new(&tb, CheckOptions::default())
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    expected: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

#[test]
fn precision_and_recall_per_rule_on_drafts() {
    let checker = checker();
    let mut counts: BTreeMap<Rule, Counts> =
        Rule::ALL.iter().map(|r| (*r, Counts::default())).collect();
    let mut misses = Vec::new();
    let files = drafts("draft");
    assert!(files.len() >= 10, "need at least 10 drafts");
    for path in &files {
        let (rows, findings, lines) = check(&checker, path);
        for row in &rows {
            let mut expected = row.expect.clone();
            for (rule, _) in &expected {
                counts.get_mut(rule).unwrap().expected += 1;
            }
            for f in findings.iter().filter(|f| f.line == row.line) {
                // the column points at the reported text
                if let Some(found) = &f.found {
                    if f.rule != Rule::InconsistentTranslation {
                        let at: String = lines[f.line - 1].chars().skip(f.column - 1).collect();
                        assert!(
                            at.starts_with(found.as_str()),
                            "{}:{}:{}: column does not point at {found:?}",
                            f.file,
                            f.line,
                            f.column
                        );
                    }
                }
                let hit = expected.iter().position(|(rule, found)| {
                    *rule == f.rule
                        && found
                            .as_deref()
                            .is_none_or(|x| f.found.as_deref().is_some_and(|y| y.contains(x)))
                });
                match hit {
                    Some(i) => {
                        expected.remove(i);
                        counts.get_mut(&f.rule).unwrap().tp += 1;
                    }
                    None => {
                        counts.get_mut(&f.rule).unwrap().fp += 1;
                        misses.push(format!(
                            "unexpected {}:{}: {}: {}",
                            f.file, f.line, f.rule, f.message
                        ));
                    }
                }
            }
            for (rule, found) in expected {
                counts.get_mut(&rule).unwrap().fn_ += 1;
                misses.push(format!(
                    "missed {}:{}: {rule} {found:?}",
                    path.display(),
                    row.line
                ));
            }
        }
    }
    println!("| rule | injected | found | false alarms | missed | precision | recall |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut total = Counts::default();
    for (rule, c) in &counts {
        let p = c.tp as f64 / (c.tp + c.fp).max(1) as f64;
        let r = c.tp as f64 / c.expected.max(1) as f64;
        println!(
            "| {rule} | {} | {} | {} | {} | {:.1}% | {:.1}% |",
            c.expected,
            c.tp,
            c.fp,
            c.fn_,
            p * 100.0,
            r * 100.0
        );
        total.expected += c.expected;
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
    }
    println!(
        "| **all** | {} | {} | {} | {} | {:.1}% | {:.1}% |",
        total.expected,
        total.tp,
        total.fp,
        total.fn_,
        100.0 * total.tp as f64 / (total.tp + total.fp).max(1) as f64,
        100.0 * total.tp as f64 / total.expected.max(1) as f64
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(total.expected >= 50, "need 50+ injected errors");
    for (rule, c) in &counts {
        assert!(
            c.expected >= 5,
            "{rule}: only {} injected errors",
            c.expected
        );
        let recall = c.tp as f64 / c.expected as f64;
        assert!(
            recall >= 0.95,
            "{rule}: recall {recall:.2} < 0.95\n{}",
            misses.join("\n")
        );
    }
}

#[test]
fn clean_paraphrases_and_reference_have_no_findings() {
    let checker = checker();
    let mut files = drafts("paraphrase");
    assert!(files.len() >= 3);
    files.extend(drafts("reference"));
    for path in files {
        let (_, findings, _) = check(&checker, &path);
        assert!(findings.is_empty(), "{}: {:#?}", path.display(), findings);
    }
}
