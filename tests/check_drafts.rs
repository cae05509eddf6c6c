//! Precision and recall of `concord check` per rule on drafts of the sample with
//! injected, annotated errors, and silence on free paraphrases of a correct translation.
//!
//! Drafts live in tests/drafts/ (regenerate with `python3 tests/drafts/make_drafts.py`):
//! a TSV with `ru`, `en` and `expect` columns; `expect` lists the findings the row
//! must produce (`rule` or `rule=found text`, separated by `; `).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concord::check::{CheckOptions, Checker, Finding, Rule, Segment};
use concord::termbase::Termbase;

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts");
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
    let tb =
        Termbase::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/termbase.tsv"))
            .unwrap();
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
                            .map_or(true, |x| f.found.as_deref().is_some_and(|y| y.contains(x)))
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
