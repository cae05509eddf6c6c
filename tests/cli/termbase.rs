//! CLI tests of `concord termbase`: list, lookup, stats, candidates, import, export.

use std::path::PathBuf;

use crate::util::{concord_in, fixture_arg, stdout_of, tempdir};

fn tb() -> String {
    fixture_arg("termbase.tsv")
}

#[test]
fn list_and_lookup_inflected_forms() {
    let dir = tempdir();
    let list = stdout_of(
        concord_in(dir.path()).args(["termbase", "--termbase", &tb(), "list"]),
        0,
    );
    assert_eq!(list.lines().count(), 42);
    assert!(list.contains("csto\tОрганизация Договора о коллективной безопасности | ОДКБ\t→ Collective Security Treaty Organization (also: CSTO)"), "{list}");
    let s = stdout_of(
        concord_in(dir.path()).args(["termbase", "--termbase", &tb(), "lookup", "Назарбаевым"]),
        0,
    );
    assert!(s.starts_with("nazarbayev\t"), "{s}");
    assert!(
        s.contains("note: Spelling used by the Kazakh government"),
        "{s}"
    );
    let s = stdout_of(
        concord_in(dir.path()).args(["termbase", "--termbase", &tb(), "lookup", "CACO"]),
        0,
    );
    assert!(s.starts_with("caco\t"), "{s}");
    // case matters for acronyms; an unknown term exits 1
    concord_in(dir.path())
        .args(["termbase", "--termbase", &tb(), "lookup", "Зимбабве"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no concept matches"));
}

#[test]
fn stats_reports_counts_and_shared_forms() {
    let dir = tempdir();
    let p = dir.path().join("t.tsv");
    std::fs::write(
        &p,
        "id\tru\ten\nun\tООН\tUN\nun2\tООН\tUnited Nations\nx\tЕврАзЭС|Евразийское экономическое сообщество\tEurAsEC\n",
    )
    .unwrap();
    let s = stdout_of(
        concord_in(dir.path()).args(["termbase", "--termbase", "t.tsv", "stats"]),
        0,
    );
    assert!(s.contains("concepts\t3\n"), "{s}");
    assert!(s.contains("russian forms\t4 (3 acronyms)\n"), "{s}");
    assert!(s.contains("shared russian form\tоон\tun, un2\n"), "{s}");
}

#[test]
fn candidates_lists_uncovered_names() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("s.ru.txt"),
        "Казахстан вступил в ОДКБ и ШОС. Затем Шанхайская организация сотрудничества приняла Туркменистан.\nВ ШОС тоже.\n",
    )
    .unwrap();
    let s = stdout_of(
        concord_in(dir.path()).args(["termbase", "--termbase", &tb(), "candidates", "s.ru.txt"]),
        1,
    );
    assert_eq!(
        s,
        "s.ru.txt:1:28: ШОС\t2×\ns.ru.txt:1:39: Шанхайская организация сотрудничества\t1×\n"
    );
}

#[test]
fn export_tsv_round_trips_and_import_skips_known_ids() {
    let dir = tempdir();
    let d = dir.path();
    let out = stdout_of(
        concord_in(d).args(["termbase", "--termbase", &tb(), "export", "--format", "tsv"]),
        0,
    );
    assert!(out.starts_with("id\tru\ten\tvariants\tforbidden\tnote\tcase\tseverity\n"));
    std::fs::write(d.join("exported.tsv"), &out).unwrap();
    std::fs::write(
        d.join("new.tsv"),
        "id\tru\ten\nsco\tШОС\tSCO\nnazarbayev\tНазарбаев\tNazarbayev\n",
    )
    .unwrap();
    concord_in(d)
        .args([
            "termbase",
            "--termbase",
            "exported.tsv",
            "import",
            "new.tsv",
        ])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("1 concept(s) added"))
        .stderr(predicates::str::contains("1 skipped"));
    let list = stdout_of(
        concord_in(d).args(["termbase", "--termbase", "exported.tsv", "list"]),
        0,
    );
    assert_eq!(list.lines().count(), 43);
    assert!(list.ends_with("sco\tШОС\t→ SCO\n"), "{list}");
    // the file was written whole: no temp files left
    let names: Vec<PathBuf> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(names.is_empty());
}

#[test]
fn missing_termbase_is_a_usage_error() {
    let dir = tempdir();
    concord_in(dir.path())
        .args(["termbase", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no termbase given"));
}
