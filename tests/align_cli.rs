//! `concord align` on real files: formats, flags, errors.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// Writes a Russian and an English document built from the summit fixture: paragraphs
/// of five sentences; in the English, sentences 2 and 3 are merged and sentence 9 is
/// left out.
fn documents(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/align/summit.tsv"),
    )
    .unwrap();
    let pairs: Vec<(&str, &str)> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let mut ru = String::new();
    let mut en = String::new();
    for (k, chunk) in pairs.chunks(5).enumerate() {
        for (i, (r, e)) in chunk.iter().enumerate() {
            let n = k * 5 + i;
            ru.push_str(r);
            ru.push(' ');
            match n {
                2 => en.push_str(&e.replace("2018.", "2018, and")),
                3 => {
                    en.push_str(&e.replacen("Since", "since", 1));
                    en.push(' ');
                }
                9 => {}
                _ => {
                    en.push_str(e);
                    en.push(' ');
                }
            }
        }
        ru.push('\n');
        en.push('\n');
    }
    let (rp, ep) = (dir.join("summit.ru.txt"), dir.join("summit.en.txt"));
    std::fs::write(&rp, ru).unwrap();
    std::fs::write(&ep, en).unwrap();
    (rp, ep)
}

fn concord(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn beads_format_finds_the_merge_and_the_omission() {
    let dir = tempfile::tempdir().unwrap();
    let (ru, en) = documents(dir.path());
    let out = concord(dir.path())
        .args(["align", "--format", "beads", "--source"])
        .arg(&ru)
        .arg("--target")
        .arg(&en)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let beads = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = beads.lines().collect();
    assert_eq!(lines[0], "0:0");
    assert!(lines.contains(&"2,3:2"), "{beads}");
    assert!(lines.contains(&"9:"), "{beads}");
    assert_eq!(lines.last(), Some(&"24:22"));
    // the omission is flagged for review on stderr, with its line
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("summit.ru.txt:2"), "{err}");
    assert!(err.contains("not in English"), "{err}");
}

#[test]
fn tsv_output_is_a_memory_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ru, en) = documents(dir.path());
    let out = dir.path().join("aligned.tsv");
    concord(dir.path())
        .args(["align", "--quiet", "--source"])
        .arg(&ru)
        .arg("--target")
        .arg(&en)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("ru\ten\tnote\tscore\tflag\n"), "{text}");
    let memory = concord::memory::Memory::open(&out).unwrap();
    // 25 Russian sentences: one merge and one omission leave 23 rows
    assert_eq!(memory.entries.len(), 23);
    let merged = &memory.entries[2];
    assert!(merged.ru.starts_with("Открывая встречу"));
    assert!(merged.ru.ends_with("С тех пор формат стал ежегодным."));
    assert!(merged.en.contains("annual"));
    assert!(merged.get("score").is_some());
}

#[test]
fn presegmented_json_has_scores_and_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ru.txt"), "Привет, Ташкент!\nКак дела?\n").unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "Hello, Tashkent!\nHow are you?\n",
    )
    .unwrap();
    let out = concord(dir.path())
        .args([
            "align",
            "--presegmented",
            "--format",
            "json",
            "--source",
            "ru.txt",
            "--target",
            "en.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let beads = v.as_array().unwrap();
    assert_eq!(beads.len(), 2);
    assert_eq!(beads[1]["ru"], serde_json::json!([1]));
    assert_eq!(beads[1]["en_text"], "How are you?");
    assert!(beads[0]["score"].as_f64().unwrap() > 0.5);
    assert_eq!(beads[0]["low_confidence"], false);
}

#[test]
fn termbase_pairs_are_anchors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tb.tsv"),
        "id\tru\ten\tvariants\tforbidden\tnote\tcase\tseverity\n\
         csto\tОрганизация Договора о коллективной безопасности|ОДКБ\tCollective Security Treaty Organization\tCSTO\t\t\t\t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ru.txt"),
        "Заседание прошло вчера.\nОДКБ провела учения.\nВсе довольны.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "The meeting was held yesterday.\nOk.\nThe CSTO held exercises.\nEveryone is happy.\n",
    )
    .unwrap();
    let run = |tb: bool| {
        let mut c = concord(dir.path());
        c.args(["align", "--presegmented", "--quiet", "--format", "beads"])
            .args(["--source", "ru.txt", "--target", "en.txt"]);
        if tb {
            c.args(["--termbase", "tb.tsv"]);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    // with the termbase, ОДКБ ↔ CSTO pulls sentence 1 to English 2 past the insertion
    let with = run(true);
    let lines: Vec<&str> = with.lines().collect();
    assert_eq!(lines, ["0:0", ":1", "1:2", "2:3"], "{with}");
}

#[test]
fn missing_input_exits_2_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    concord(dir.path())
        .args([
            "align",
            "--source",
            "nope.ru.txt",
            "--target",
            "nope.en.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.ru.txt"));
    concord(dir.path())
        .args(["align", "--target", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--source"));
}
