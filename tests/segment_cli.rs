//! CLI tests for `concord segment`: real files, stdin, formats, errors, broken pipes.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use predicates::prelude::*;

fn concord(dir: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("concord").unwrap();
    c.current_dir(dir);
    c
}

const DOC: &str =
    "Договор подписан в 1992 г. Затем его ратифицировали.\n\nЗачем это нужно?Никто не знал.\r\n";

#[test]
fn text_format_puts_a_sentence_a_line_and_a_blank_line_after_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    concord(dir.path())
        .args(["segment", "a.txt"])
        .assert()
        .success()
        .stdout(
            "Договор подписан в 1992 г.\nЗатем его ратифицировали.\n\n\
             Зачем это нужно?\nНикто не знал.\n\n",
        );
}

#[test]
fn reads_stdin_when_no_file_or_dash() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["segment"][..], &["segment", "-"][..]] {
        concord(dir.path())
            .args(args)
            .write_stdin("Первое. Второе.")
            .assert()
            .success()
            .stdout("Первое.\nВторое.\n\n");
    }
}

#[test]
fn tsv_gives_paragraph_sentence_and_byte_offsets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let out = concord(dir.path())
        .args(["segment", "--format", "tsv", "a.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["paragraph", "sentence", "start", "end", "text"]);
    assert_eq!(rows.len(), 5);
    for row in &rows[1..] {
        let (s, e): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        assert_eq!(&DOC[s..e], row[4]);
    }
    assert_eq!(rows[3][..2], ["1", "0"]);
    assert_eq!(rows[4][4], "Никто не знал.");
}

#[test]
fn tsv_escapes_tabs_in_sentences() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args(["segment", "--format", "tsv"])
        .write_stdin("Один\tдва. Три.")
        .assert()
        .success()
        .stdout(predicate::str::contains("0\t0\t0\t16\tОдин\\tдва.\n"));
}

#[test]
fn json_is_an_array_of_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let out = concord(dir.path())
        .args(["segment", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 4);
    assert_eq!(arr[1]["text"], "Затем его ратифицировали.");
    assert_eq!(arr[1]["paragraph"], 0);
    assert_eq!(arr[1]["sentence"], 1);
    assert_eq!(arr[2]["paragraph"], 1);
    let (s, e) = (
        arr[3]["start"].as_u64().unwrap() as usize,
        arr[3]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&DOC[s..e], "Никто не знал.");
    assert_eq!(arr[0]["file"], "a.txt");
}

#[test]
fn json_of_empty_input_is_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args(["segment", "--format", "json"])
        .write_stdin("\n\n")
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn english_rules_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args(["segment", "--lang", "en"])
        .write_stdin("Mr. Smith met Dr. Jones. They talked.")
        .assert()
        .success()
        .stdout("Mr. Smith met Dr. Jones.\nThey talked.\n\n");
}

#[test]
fn missing_file_is_a_clear_error_with_exit_2_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    concord(dir.path())
        .args(["segment", "a.txt", "missing.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn bad_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args(["segment", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn project_abbreviations_extend_the_builtin_list() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Мы живем в мкрн. Самал уже давно.";
    concord(dir.path())
        .args(["segment"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("Мы живем в мкрн.\nСамал уже давно.\n\n");
    std::fs::write(
        dir.path().join("concord.toml"),
        "[segment]\nabbreviations-ru = [\"мкрн.\"]\n",
    )
    .unwrap();
    concord(dir.path())
        .args(["segment"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(format!("{text}\n\n"));
}

#[test]
fn bom_is_not_part_of_the_first_sentence() {
    // Offsets count bytes of the decoded UTF-8 text, which has no BOM.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), "\u{feff}Один. Два.\n").unwrap();
    concord(dir.path())
        .args(["segment", "--format", "tsv", "b.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0\t0\t0\t9\tОдин.\n"));
}

#[test]
fn sample_document_segments_from_the_repo_root() {
    let root = env!("CARGO_MANIFEST_DIR");
    let gold =
        std::fs::read_to_string(format!("{root}/tests/data/segment/sample_gold.txt")).unwrap();
    concord(std::path::Path::new(root))
        .args(["segment", "source/kazakhstan-foreign-policy.ru.txt"])
        .assert()
        .success()
        .stdout(gold);
}

#[test]
fn broken_pipe_exits_0_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = "Первое предложение. Второе предложение! Третье?\n".repeat(100_000);
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("concord"))
        .current_dir(dir.path())
        .args(["segment", "big.txt"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::io::stderr().flush();
}
