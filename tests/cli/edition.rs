//! `concord edition` on real files: the fixture project under tests/data/edition/ and,
//! when its memory is in the checkout, the sample project at the repo root; and the
//! HTML edition rendered by headless Chromium: `scripts/edition/html_check.py` checks
//! the DOM (every sentence present, in order; highlights and hover titles where expected;
//! coverage table agrees with the rows) and saves a screenshot.
//!
//! Skips with a printed note when chromium or python3 is not installed
//! (`.ci/deps.d/edition.sh` installs chromium in CI).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{self, concord, have, root, stdout_text, tempdir};

fn fixtures() -> PathBuf {
    util::data("edition")
}

/// `concord edition` run inside the fixture project (found through concord.toml).
fn in_fixture() -> Command {
    let mut c = concord();
    c.current_dir(fixtures()).arg("edition");
    c
}

#[test]
fn no_arguments_uses_concord_toml_and_keeps_the_layout() {
    let out = in_fixture().assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.split('\n').collect();
    // four source lines (one blank) and a final newline
    assert_eq!(lines.len(), 5, "{stdout}");
    assert_eq!(
        lines[0],
        "After the collapse of the USSR, Kazakhstan became an independent state. Kazakhstan responded to the Belovezha Accords with the Almaty Declaration of 1991, which announced the creation of the CIS."
    );
    assert_eq!(lines[1], "");
    assert!(lines[2].starts_with("Kazakhstan joined the CSTO"));
    // the tab indentation of line 4 is kept; the fuzzy English is used as is (the
    // summary lists it); the missing sentence is shown in Russian
    assert_eq!(
        lines[3],
        "\tThe new foreign policy concept of 2005 builds on its predecessor. ⟦Эта фраза отсутствует в памяти переводов.⟧"
    );
    assert_eq!(lines[4], "");
}

#[test]
fn summary_on_stderr_counts_sentences_and_words_and_lists_what_to_review() {
    in_fixture().assert().success().stderr(
        predicate::str::contains("edition: source.ru.txt: 3 paragraphs, 6 sentences, 54 words")
            .and(predicate::str::contains(
                "sentences       6   exact      4 ( 66.7%)",
            ))
            .and(predicate::str::contains(
                "words          54   exact     39 ( 72.2%)",
            ))
            .and(predicate::str::contains(
                "source.ru.txt:4:73: missing: Эта фраза отсутствует в памяти переводов.",
            )),
    );
}

#[test]
fn strict_fails_on_missing_and_passes_when_complete() {
    in_fixture().arg("--strict").assert().code(1);
    let dir = tempdir();
    let src = dir.path().join("done.ru.txt");
    std::fs::write(
        &src,
        "Казахстан вступил в ОДКБ и стал одним из её активных участников.\n",
    )
    .unwrap();
    in_fixture()
        .arg("--source")
        .arg(&src)
        .arg("--strict")
        .assert()
        .success()
        .stdout("Kazakhstan joined the CSTO and became one of its active members.\n")
        .stderr(predicate::str::contains("exact      1 (  100%)"));
}

#[test]
fn untranslated_tsv_filled_in_and_merged_back_completes_the_edition() {
    let dir = tempdir();
    let todo = dir.path().join("todo.tsv");
    // with --min-score 100 the fuzzy sentence is missing too
    in_fixture()
        .args(["--min-score", "100", "--untranslated"])
        .arg(&todo)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 2 missing sentence(s)"));
    let tsv = std::fs::read_to_string(&todo).unwrap();
    assert!(tsv.starts_with("ru\ten\tnote\n"), "{tsv}");
    assert!(
        tsv.contains("Эта фраза отсутствует в памяти переводов.\t\tsource.ru.txt:4:73\n"),
        "{tsv}"
    );
    // the translator fills in `en`; a memory folder with both files is the merged memory
    let filled: String = tsv
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split('\t').collect();
            if f[0] != "ru" {
                f[1] = "Translated.";
            }
            f.join("\t") + "\n"
        })
        .collect();
    let mem = dir.path().join("memory");
    std::fs::create_dir(&mem).unwrap();
    std::fs::copy(fixtures().join("memory.tsv"), mem.join("a.tsv")).unwrap();
    std::fs::write(mem.join("b.tsv"), filled).unwrap();
    let out = stdout_text(
        in_fixture()
            .arg("--memory")
            .arg(&mem)
            .arg("--min-score")
            .arg("100")
            .arg("--strict"),
    );
    assert!(!out.contains('⟦'), "{out}");
    assert!(out.contains("\tTranslated. Translated.\n"), "{out}");
}

#[test]
fn markdown_marks_missing_and_escapes_markup() {
    let out = stdout_text(in_fixture().args(["--format", "markdown"]));
    assert!(
        out.contains("The formula “security & cooperation” \\<matters\\> for the region."),
        "{out}"
    );
    // paragraphs are blocks separated by one blank line; indentation is not kept
    assert!(out.contains("members. The formula"), "{out}");
    assert!(
        out.contains(
            ".\n\nThe new foreign policy concept of 2005 builds on its predecessor.[^1] ⟦Эта фраза"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("[^1]: Fuzzy match (89%), source line 4: the memory's English is for «Новая концепция внешней политики 2005 г. имеет преемственный характер.» (memory.tsv:6); the source has «Новая концепция внешней политики 2004 г. имеет преемственный характер.».\n"),
        "{out}"
    );
}

#[test]
fn html_goes_to_the_output_file_atomically_and_escaped() {
    let dir = tempdir();
    let page = dir.path().join("edition.html");
    in_fixture()
        .args(["--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "edition: wrote {}",
            page.display()
        )));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("&lt;важна&gt;"));
    assert!(html.contains("“security &amp; cooperation” &lt;matters&gt;"));
    assert_eq!(html.matches("<div class=\"row ").count(), 6);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left behind"
    );
}

#[test]
fn bad_min_score_and_missing_memory_are_usage_errors() {
    in_fixture()
        .args(["--min-score", "150"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--min-score must be between 0 and 100",
        ));
    in_fixture()
        .args(["--memory", "no-such-memory.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-memory.tsv"));
}

#[test]
fn outside_a_project_without_source_explains_what_is_missing() {
    let dir = tempdir();
    concord()
        .current_dir(dir.path())
        .arg("edition")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no source given: pass --source FILE",
        ));
}

/// The main job: at the repo root, `concord edition` prints the whole sample in English.
#[test]
fn sample_edition_is_complete() {
    if !root().join("memory").exists() {
        eprintln!("note: the sample's memory/ is not in this checkout yet; skipping");
        return;
    }
    let out = concord()
        .current_dir(root())
        .args(["edition", "--strict"])
        .assert()
        .success()
        .stderr(predicate::str::contains("missing     0 (    0%)"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let source =
        std::fs::read_to_string(root().join("source/kazakhstan-foreign-policy.ru.txt")).unwrap();
    assert_eq!(stdout.lines().count(), source.lines().count());
    assert!(!stdout.contains('⟦'));
}

#[test]
fn term_check_findings_go_to_stderr_in_brief_form() {
    in_fixture()
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "source.ru.txt:4:36: number-mismatch: the source has 2004, the target 2005",
        ));
    // without a termbase there is no term check
    let dir = tempdir();
    let toml = dir.path().join("concord.toml");
    std::fs::write(&toml, "source = \"s.txt\"\nmemory = \"m.tsv\"\n").unwrap();
    std::fs::copy(fixtures().join("source.ru.txt"), dir.path().join("s.txt")).unwrap();
    std::fs::copy(fixtures().join("memory.tsv"), dir.path().join("m.tsv")).unwrap();
    concord()
        .current_dir(dir.path())
        .arg("edition")
        .assert()
        .success()
        .stderr(predicate::str::contains("number-mismatch").not());
}

#[test]
fn xliff_has_translated_fuzzy_and_new_units() {
    let out = stdout_text(in_fixture().args(["--format", "xliff"]));
    assert!(out.starts_with("<?xml"), "{out}");
    assert!(
        out.contains("source-language=\"ru\" target-language=\"en\""),
        "{out}"
    );
    assert_eq!(out.matches("<trans-unit ").count(), 6, "{out}");
    assert_eq!(out.matches("state=\"translated\"").count(), 4, "{out}");
    assert_eq!(
        out.matches("state=\"needs-review-translation\"").count(),
        1,
        "{out}"
    );
    assert_eq!(out.matches("state=\"new\"").count(), 1, "{out}");
    assert!(out.contains("<trans-unit id=\"p3-s2\""), "{out}");
    assert!(
        out.contains("“security &amp; cooperation” &lt;matters&gt;"),
        "{out}"
    );
    // the interop reader takes it back: translated and fuzzy units become entries
    let dir = tempdir();
    let xlf = dir.path().join("ed.xlf");
    std::fs::write(&xlf, &out).unwrap();
    let back = concord::formats::import_memory(&xlf).unwrap();
    assert!(back
        .items
        .iter()
        .any(|e| e.en == "Kazakhstan joined the CSTO and became one of its active members."));
}

#[test]
fn untranslated_round_trip_through_memory_import() {
    let dir = tempdir();
    for f in [
        "concord.toml",
        "source.ru.txt",
        "memory.tsv",
        "termbase.tsv",
    ] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let run = |args: &[&str]| {
        let mut c = concord();
        c.current_dir(dir.path()).args(args);
        c
    };
    run(&[
        "edition",
        "--min-score",
        "100",
        "--untranslated",
        "todo.tsv",
    ])
    .assert()
    .success();
    let todo = std::fs::read_to_string(dir.path().join("todo.tsv")).unwrap();
    let filled = todo
        .replace(
            "характер.\t\t",
            "характер.\tThe new foreign policy concept of 2004 builds on its predecessor.\t",
        )
        .replace(
            "переводов.\t\t",
            "переводов.\tThis phrase is missing from the memory.\t",
        );
    assert_ne!(filled, todo);
    std::fs::write(dir.path().join("todo.tsv"), filled).unwrap();
    run(&["memory", "import", "todo.tsv"]).assert().success();
    let out = run(&["edition", "--min-score", "100", "--strict"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.ends_with("\tThe new foreign policy concept of 2004 builds on its predecessor. This phrase is missing from the memory.\n"),
        "{stdout}"
    );
}

#[test]
fn long_review_lists_are_cut_and_stdin_is_a_source() {
    let doc: String = (1..=30)
        .map(|i| format!("Предложение номер {i} отсутствует.\n"))
        .collect();
    let out = in_fixture()
        .args(["--source", "-"])
        .write_stdin(doc)
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("-:25:1: missing: Предложение номер 25 отсутствует."),
        "{stderr}"
    );
    assert!(!stderr.contains("номер 26"), "{stderr}");
    assert!(stderr.contains("… and 5 more\n"), "{stderr}");
    assert!(stderr.contains("missing    30 (  100%)"), "{stderr}");
}

#[test]
fn a_missing_sentence_reports_its_best_match_below_the_minimum() {
    in_fixture()
        .args(["--min-score", "95"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "source.ru.txt:4:2: missing (best match 89%): Новая концепция",
        ))
        .stderr(predicate::str::contains(
            "source.ru.txt:4:73: missing: Эта фраза",
        ));
}

/// Runs the check script; `None` when it cannot run here (note printed).
fn html_check(name: &str, args: &[&str]) -> Option<PathBuf> {
    if !have("chromium") {
        eprintln!("note: chromium is not installed; skipping the HTML edition check ({name})");
        return None;
    }
    if !have("python3") {
        eprintln!("note: python3 is not installed; skipping the HTML edition check ({name})");
        return None;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("edition-html-check")
        .join(name);
    let result = std::process::Command::new("python3")
        .current_dir(root())
        .arg("scripts/edition/html_check.py")
        .args(["--concord", util::BIN])
        .arg("--out")
        .arg(&out)
        .args(args)
        .output()
        .expect("run html_check.py");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "html_check.py failed ({}):\n{stdout}\n{stderr}",
        result.status
    );
    assert!(stdout.contains("html_check: "), "{stdout}");
    let png = out.join("edition.png");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "not a PNG: {}",
        png.display()
    );
    eprintln!("{stdout}");
    Some(png)
}

#[test]
fn fixture_page_shows_every_sentence_with_its_highlights() {
    html_check(
        "fixture",
        &[
            "--config",
            "tests/data/edition/concord.toml",
            "--expect-fuzzy",
            "1",
            "--expect-missing",
            "1",
            "--expect-terms",
            "--expect-findings",
            "1",
            "--height",
            "1000",
        ],
    );
}

#[test]
fn sample_page_is_complete() {
    if !root().join("memory").exists() {
        eprintln!("note: the sample's memory/ is not in this checkout yet; skipping");
        return;
    }
    html_check(
        "sample",
        &[
            "--config",
            "concord.toml",
            "--expect-complete",
            "--height",
            "1600",
        ],
    );
}
