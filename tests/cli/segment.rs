//! `concord segment`: real files, stdin, formats, errors, broken pipes; and the
//! segmenter's gold sets.
//!
//! `tests/data/segment/*_gold.txt` hold one paragraph a line with `|` at each sentence
//! boundary (see `tests/data/segment/README.md`); `sample_gold.txt` holds the sample
//! document's segmentation, one sentence a line and a blank line after each paragraph.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use concord::segment::{Lang, Segmenter};
use predicates::prelude::*;

use crate::util::{self, concord_in, tempdir, BIN};

const DOC: &str =
    "Договор подписан в 1992 г. Затем его ратифицировали.\n\nЗачем это нужно?Никто не знал.\r\n";

#[test]
fn text_format_puts_a_sentence_a_line_and_a_blank_line_after_paragraphs() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    concord_in(dir.path())
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
    let dir = tempdir();
    for args in [&["segment"][..], &["segment", "-"][..]] {
        concord_in(dir.path())
            .args(args)
            .write_stdin("Первое. Второе.")
            .assert()
            .success()
            .stdout("Первое.\nВторое.\n\n");
    }
}

#[test]
fn tsv_gives_paragraph_sentence_and_byte_offsets() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let out = concord_in(dir.path())
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
    let dir = tempdir();
    concord_in(dir.path())
        .args(["segment", "--format", "tsv"])
        .write_stdin("Один\tдва. Три.")
        .assert()
        .success()
        .stdout(predicate::str::contains("0\t0\t0\t16\tОдин\\tдва.\n"));
}

#[test]
fn json_is_an_array_of_sentences() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let out = concord_in(dir.path())
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
    let dir = tempdir();
    concord_in(dir.path())
        .args(["segment", "--format", "json"])
        .write_stdin("\n\n")
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn english_rules_with_lang_en() {
    let dir = tempdir();
    concord_in(dir.path())
        .args(["segment", "--lang", "en"])
        .write_stdin("Mr. Smith met Dr. Jones. They talked.")
        .assert()
        .success()
        .stdout("Mr. Smith met Dr. Jones.\nThey talked.\n\n");
}

#[test]
fn missing_file_is_a_clear_error_with_exit_2_and_no_output() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    concord_in(dir.path())
        .args(["segment", "a.txt", "missing.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn bad_flag_is_a_usage_error() {
    let dir = tempdir();
    concord_in(dir.path())
        .args(["segment", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn project_abbreviations_extend_the_builtin_list() {
    let dir = tempdir();
    let text = "Мы живем в мкрн. Самал уже давно.";
    concord_in(dir.path())
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
    concord_in(dir.path())
        .args(["segment"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(format!("{text}\n\n"));
}

#[test]
fn bom_is_not_part_of_the_first_sentence() {
    // Offsets count bytes of the decoded UTF-8 text, which has no BOM.
    let dir = tempdir();
    std::fs::write(dir.path().join("b.txt"), "\u{feff}Один. Два.\n").unwrap();
    concord_in(dir.path())
        .args(["segment", "--format", "tsv", "b.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0\t0\t0\t9\tОдин.\n"));
}

#[test]
fn sample_document_segments_from_the_repo_root() {
    let gold = std::fs::read_to_string(util::data("segment/sample_gold.txt")).unwrap();
    concord_in(util::root())
        .args(["segment", "source/kazakhstan-foreign-policy.ru.txt"])
        .assert()
        .success()
        .stdout(gold);
}

#[test]
fn broken_pipe_exits_0_quietly() {
    let dir = tempdir();
    let big = "Первое предложение. Второе предложение! Третье?\n".repeat(100_000);
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    let mut child = Command::new(BIN)
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

fn data(name: &str) -> String {
    let p = util::data("segment").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs a `|`-marked gold file; returns the error count and a description of each.
fn run_gold(name: &str, lang: Lang) -> (usize, usize, Vec<String>) {
    let seg = Segmenter::new(lang);
    let mut cases = 0;
    let mut errors = Vec::new();
    for (n, line) in data(name).lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cases += 1;
        let text: String = line.chars().filter(|&c| c != '|').collect();
        let want: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let got: Vec<&str> = seg.split(&text).into_iter().map(|r| &text[r]).collect();
        if got != want {
            errors.push(format!(
                "{name}:{}\n  want: {}\n  got:  {}",
                n + 1,
                want.join(" | "),
                got.join(" | ")
            ));
        }
    }
    (cases, errors.len(), errors)
}

fn assert_gold(name: &str, lang: Lang, min_cases: usize) {
    let (cases, n, errors) = run_gold(name, lang);
    for e in &errors {
        eprintln!("{e}");
    }
    assert!(cases >= min_cases, "{name}: only {cases} cases");
    assert_eq!(n, 0, "{name}: {n} of {cases} paragraphs segmented wrongly");
}

#[test]
fn russian_gold_set_has_no_error() {
    assert_gold("ru_gold.txt", Lang::Ru, 200);
}

#[test]
fn english_gold_set_has_no_error() {
    assert_gold("en_gold.txt", Lang::En, 50);
}

#[test]
fn sample_document_segments_exactly_as_gold() {
    let doc = std::fs::read_to_string(util::repo("source/kazakhstan-foreign-policy.ru.txt"))
        .expect("sample source");
    let gold = data("sample_gold.txt");
    let want: Vec<Vec<&str>> = gold
        .split("\n\n")
        .map(|p| p.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    let paras = Segmenter::new(Lang::Ru).document(&doc);
    let got: Vec<Vec<&str>> = paras
        .iter()
        .map(|p| p.sentences.iter().map(|r| &doc[r.clone()]).collect())
        .collect();
    assert_eq!(got.len(), want.len(), "paragraph count");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "paragraph {}", i + 1);
    }
    assert_eq!(got.iter().map(Vec::len).sum::<usize>(), 36);
}
