//! Review status is data: the `status` column read from and written to XLIFF 1.2, XLIFF
//! 2.0, SDLXLIFF and TMX; `edition` treats an unreviewed entry as fuzzy and `--strict`
//! fails on it; concord's own edition XLIFF re-imported keeps a fuzzy target unreviewed
//! and adds no row twice.

use std::path::PathBuf;

use crate::util::concord;
use concord::formats::{import_memory_with, ImportOptions};
use concord::memory::{Memory, ReviewStatus};

fn more() -> Option<PathBuf> {
    crate::util::shared("interop-more", "real-file tests")
}

fn pair(s: &str, t: &str) -> ImportOptions {
    ImportOptions {
        source_lang: s.into(),
        target_lang: t.into(),
    }
}

fn statuses(m: &[concord::memory::Entry]) -> Vec<&'static str> {
    m.iter().map(|e| e.status().as_str()).collect()
}

#[test]
fn sdlxliff_confirmation_levels_become_statuses() {
    let Some(dir) = more() else { return };
    let m = import_memory_with(
        &dir.join("sdlxliff/trados-studio-conf-levels-mt-draft-signoff.sdlxliff"),
        &pair("en-US", "fr-FR"),
    )
    .unwrap();
    // Translated (interactive), Translated (mt), Draft (tm 98%), ApprovedSignOff ×2
    assert_eq!(
        statuses(&m.items),
        ["translated", "mt", "fuzzy", "approved", "approved"]
    );
}

#[test]
fn xliff12_state_qualifiers_become_statuses() {
    let Some(dir) = more() else { return };
    let m = import_memory_with(
        &dir.join("xliff12/msdocs-ru-en-ru-leveraged-mt-bpt-bold.xlf"),
        &pair("ru", "en"),
    )
    .unwrap();
    let count = |s: ReviewStatus| m.items.iter().filter(|e| e.status() == s).count();
    assert_eq!(count(ReviewStatus::Mt), 5, "{:?}", statuses(&m.items));
    assert!(m.items.iter().all(|e| !e.status().is_reviewed()));
    let tt = import_memory_with(
        &dir.join("xliff12/translate-toolkit-xliff11-states-no-target-language.xlf"),
        &pair("en", "ru"),
    );
    // approved="yes" on every unit, but a state asking for work wins over the flag
    let tt = tt.unwrap();
    assert_eq!(
        &statuses(&tt.items)[..7],
        ["approved", "draft", "draft", "draft", "draft", "approved", "approved"]
    );
}

#[test]
fn unit_state_mappings_round_trip() {
    use concord::formats::xliff::*;
    for s in ReviewStatus::ALL {
        let (st, q, approved) = status_to_xliff12(s);
        assert_eq!(status_from_xliff12(Some(st), q, approved), s);
        let (st, sub) = status_to_xliff20(s);
        assert_eq!(status_from_xliff20(Some(st), sub), s);
    }
    assert_eq!(
        status_from_xliff12(Some("translated"), Some("leveraged-mt"), false),
        ReviewStatus::Mt
    );
    assert_eq!(
        status_from_sdl(Some("ApprovedTranslation"), Some("tm"), None),
        ReviewStatus::Reviewed
    );
}

/// A project whose source has one sentence the memory holds exactly (approved, no
/// status column) and one it holds only as a near match.
fn project() -> tempfile::TempDir {
    let dir = crate::util::tempdir();
    let p = dir.path();
    std::fs::write(
        p.join("concord.toml"),
        "source = \"doc.ru.txt\"\nmemory = \"memory\"\n",
    )
    .unwrap();
    std::fs::write(
        p.join("doc.ru.txt"),
        "Казахстан поддерживает мир в регионе. Астана принимает саммит ШОС в этом году.\n",
    )
    .unwrap();
    std::fs::create_dir(p.join("memory")).unwrap();
    std::fs::write(
        p.join("memory/main.tsv"),
        "ru\ten\tnote\nКазахстан поддерживает мир в регионе.\tKazakhstan supports peace in the region.\t\nАстана принимает саммит ШОС в следующем году.\tAstana hosts the SCO summit next year.\t\n",
    )
    .unwrap();
    dir
}

#[test]
fn edition_xliff_reimported_keeps_fuzzy_unreviewed_and_adds_nothing_twice() {
    let dir = project();
    let p = dir.path();
    // a memory without a status column is approved: the exact sentence is exact
    let out = concord()
        .current_dir(p)
        .args([
            "edition",
            "--min-score",
            "50",
            "--format",
            "xliff",
            "-o",
            "ed.xlf",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("exact      1") && err.contains("fuzzy     1"),
        "{err}"
    );
    // the fuzzy target goes back unedited
    let out = concord()
        .current_dir(p)
        .args(["memory", "import", "ed.xlf"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("added 1 of 2"), "{err}");
    let m = Memory::open(&p.join("memory")).unwrap();
    let added = m.entries.last().unwrap();
    assert_eq!(added.ru, "Астана принимает саммит ШОС в этом году.");
    assert_eq!(added.status(), ReviewStatus::Fuzzy);
    assert!(
        added.note.is_empty(),
        "concord's own notes are not kept: {:?}",
        added.note
    );
    // now the memory has the sentence, but unreviewed: still fuzzy, --strict fails
    let out = concord()
        .current_dir(p)
        .args([
            "edition",
            "--min-score",
            "50",
            "--strict",
            "--format",
            "xliff",
            "-o",
            "ed2.xlf",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("exact      1") && err.contains("fuzzy     1"),
        "{err}"
    );
    let xlf = std::fs::read_to_string(p.join("ed2.xlf")).unwrap();
    assert!(
        xlf.contains("Unreviewed memory entry (status fuzzy"),
        "{xlf}"
    );
    // and importing it again adds nothing
    let out = concord()
        .current_dir(p)
        .args(["memory", "import", "ed2.xlf"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("added 0 of 2"), "{err}");
    // approving the row in the TSV makes it exact
    let tsv = p.join("memory/memory.tsv");
    let text = std::fs::read_to_string(&tsv)
        .unwrap()
        .replace("\tfuzzy\t", "\tapproved\t");
    std::fs::write(&tsv, text).unwrap();
    concord()
        .current_dir(p)
        .args(["edition", "--min-score", "50", "--strict"])
        .assert()
        .success();
}
