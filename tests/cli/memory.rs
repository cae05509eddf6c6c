//! CLI tests for `concord memory`: add, import, export, stats, dedupe; locking and
//! crash safety; input errors.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{concord, tempdir, BIN};

fn rows(path: &Path) -> Vec<(String, String)> {
    concord::memory::Memory::open(path)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.ru, e.en))
        .collect()
}

fn write_rows(path: &Path, header: &str, n: usize, tag: &str) {
    let mut s = String::from(header);
    for i in 0..n {
        s.push_str(&format!("Строка {tag} номер {i}\tRow {tag} number {i}\n"));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn add_to_a_folder_memory_goes_to_memory_tsv_and_skips_repeats() {
    let dir = tempdir();
    let mem = dir.path().join("mem");
    for _ in 0..2 {
        concord()
            .args([
                "memory",
                "add",
                "Привет,\tмир",
                "Hello, world",
                "--note",
                "n",
                "--memory",
            ])
            .arg(&mem)
            .assert()
            .code(0);
    }
    let file = mem.join("memory.tsv");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "ru\ten\tnote\nПривет,\\tмир\tHello, world\tn\n"
    );
    concord()
        .args(["memory", "--memory"])
        .arg(&mem)
        .args(["--file", "other.tsv", "add", "Да", "Yes"])
        .assert()
        .code(0);
    assert_eq!(rows(&mem).len(), 2);
    assert!(mem.join("other.tsv").is_file());
}

#[test]
fn add_keeps_an_existing_header_and_bytes() {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "en-GB\tru-RU\tnote\r\nYes\tДа\t\r\n").unwrap();
    concord()
        .args(["memory", "add", "Нет", "No", "--memory"])
        .arg(&m)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&m).unwrap(),
        "en-GB\tru-RU\tnote\r\nYes\tДа\t\r\nNo\tНет\t\n"
    );
}

#[test]
fn import_align_output_with_extra_columns_then_export_stats_dedupe() {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "ru\ten\nДа\tYes\n").unwrap();
    let a = dir.path().join("aligned.tsv");
    std::fs::write(
        &a,
        "ru\ten\tnote\tscore\tflag\nОдин\tOne\t\t0.93\t\nДва\tTwo\t\t0.41\treview\nда\tYes\t\t1.00\t\nДа\tSure\t\t0.99\t\n",
    )
    .unwrap();
    concord()
        .args(["memory", "import", "--memory"])
        .arg(&m)
        .arg(&a)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("added 4 of 4"));
    let mem = concord::memory::Memory::open(&m).unwrap();
    assert_eq!(mem.entries.len(), 5);
    assert_eq!(mem.entries[2].get("flag"), Some("review"));
    assert_eq!(mem.entries[1].get("score"), Some("0.93"));
    concord()
        .args(["memory", "export", "--memory"])
        .arg(&m)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "ru\ten\tnote\tscore\tflag\nДа\tYes\t\t\t\n",
        ));
    let out = concord()
        .args(["memory", "stats", "--format", "json", "--memory"])
        .arg(&m)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["segments"], 5);
    assert_eq!(v["duplicates"], 2);
    assert_eq!(v["exact_duplicates"], 1);
    assert_eq!(v["conflicting_sources"], 1);
    concord()
        .args(["memory", "stats", "--memory"])
        .arg(&m)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conflicting targets   1"));
    concord()
        .args(["memory", "dedupe", "--dry-run", "--memory"])
        .arg(&m)
        .assert()
        .code(1);
    assert_eq!(rows(&m).len(), 5);
    concord()
        .args(["memory", "dedupe", "--memory"])
        .arg(&m)
        .assert()
        .code(0);
    assert_eq!(rows(&m).len(), 4);
    concord()
        .args(["memory", "dedupe", "--first-target", "--memory"])
        .arg(&m)
        .assert()
        .code(0);
    let left: Vec<_> = rows(&m).into_iter().map(|r| r.1).collect();
    assert_eq!(left, ["Yes", "One", "Two"]);
}

fn assert_import_refused(content: &[u8], position: &str) {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "ru\ten\nДа\tYes\n").unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, content).unwrap();
    let good = dir.path().join("good.tsv");
    std::fs::write(&good, "Нет\tNo\n").unwrap();
    concord()
        .args(["memory", "import", "--memory"])
        .arg(&m)
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("bad.tsv:{position}")));
    // nothing written, not even the good file's rows
    assert_eq!(std::fs::read_to_string(&m).unwrap(), "ru\ten\nДа\tYes\n");
}

#[test]
fn import_errors_name_file_line_column_and_write_nothing() {
    assert_import_refused(
        "ru\ten\nА\tB\nВ\tГ\tД\n".as_bytes(),
        "3:4: expected 2 columns",
    );
    assert_import_refused("ru\ten\nА\tB\\q\n".as_bytes(), "2:4: bad escape");
    assert_import_refused(b"ru\ten\n\xD0\x90\t\xFF\n", "2:3: invalid UTF-8");
}

#[test]
fn broken_memory_file_is_not_overwritten() {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "ru\ten\nА\tB\tC\n").unwrap();
    concord()
        .args(["memory", "add", "Да", "Yes", "--memory"])
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("m.tsv:2:4"));
    assert_eq!(std::fs::read_to_string(&m).unwrap(), "ru\ten\nА\tB\tC\n");
}

#[test]
fn concurrent_writers_all_land() {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    // a big file widens each writer's read-modify-write window, so an unlocked race
    // would lose rows (checked by disabling the lock: the count comes out short)
    write_rows(&m, "ru\ten\n", 3_000, "base");
    // two processes' worth of work, 1000 rows each, as ten imports of 98 rows plus
    // single adds, all racing on the same file
    let workers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|tag| {
            let (m, dir) = (m.clone(), dir.path().to_path_buf());
            std::thread::spawn(move || {
                for batch in 0..10 {
                    let f = dir.join(format!("{tag}{batch}.tsv"));
                    write_rows(&f, "ru\ten\n", 98, &format!("{tag}{batch}"));
                    concord()
                        .args(["memory", "import", "--memory"])
                        .arg(&m)
                        .arg(&f)
                        .assert()
                        .code(0);
                    for k in 0..2 {
                        concord()
                            .args([
                                "memory",
                                "add",
                                &format!("Одна {tag}{batch}{k}"),
                                "One",
                                "--memory",
                            ])
                            .arg(&m)
                            .assert()
                            .code(0);
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(rows(&m).len(), 5_000);
}

#[test]
fn killed_import_leaves_the_old_file_whole() {
    let dir = tempdir();
    let m = dir.path().join("m.tsv");
    write_rows(&m, "ru\ten\n", 500, "old");
    let old = std::fs::read(&m).unwrap();
    let big = dir.path().join("big.tsv");
    write_rows(&big, "ru\ten\n", 200_000, "new");
    let mut killed = 0;
    for delay_ms in [5u64, 40, 120, 300, 700] {
        std::fs::write(&m, &old).unwrap();
        let mut child = std::process::Command::new(BIN)
            .args(["memory", "import", "--memory"])
            .arg(&m)
            .arg(&big)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        killed += usize::from(!status.success());
        let now = std::fs::read(&m).unwrap();
        if now != old {
            // the rename happened before the kill: then the file is complete
            assert_eq!(
                rows(&m).len(),
                200_500,
                "a partial file after a kill at {delay_ms} ms"
            );
        }
    }
    assert!(killed > 0, "no import was interrupted; make big.tsv bigger");
}
