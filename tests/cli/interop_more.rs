//! The real CAT-tool files of `../shared/interop-more` (OmegaT, Trados Studio and
//! Workbench, Okapi, Microsoft, translate-toolkit, LTAC; see its SOURCES.md): nothing a
//! tool wrote is lost without a word, review status is data, languages are checked.
//! Skipped with a note when the folder is absent.

use std::path::{Path, PathBuf};

use concord::formats::{import_termbase_with, ImportOptions};
use concord::termbase::Termbase;

fn more() -> Option<PathBuf> {
    crate::util::shared("interop-more", "real-file tests")
}

fn pair(s: &str, t: &str) -> ImportOptions {
    ImportOptions {
        source_lang: s.into(),
        target_lang: t.into(),
    }
}

/// TBX → termbase → TSV → termbase → TBX → termbase gives the same concepts.
fn tbx_round_trip(tb: &Termbase, s: &str, t: &str) {
    let dir = crate::util::tempdir();
    let p = dir.path().join("t.tsv");
    std::fs::write(&p, tb.to_tsv()).unwrap();
    let from_tsv = Termbase::open(&p).unwrap();
    let tbx = concord::formats::tbx::write(&from_tsv, s, t).unwrap();
    let back =
        concord::formats::tbx::import(Path::new("r.tbx"), tbx.as_bytes(), &pair(s, t)).unwrap();
    assert_eq!(back.items.len(), tb.concepts.len());
    for (a, b) in tb.concepts.iter().zip(&back.items) {
        assert_eq!((&a.id, &a.ru, &a.en), (&b.id, &b.ru, &b.en));
        assert_eq!((&a.variants, &a.forbidden), (&b.variants, &b.forbidden));
        assert_eq!(a.note, b.note, "{}", a.id);
        // a TSV row has the termbase's column order: compare as sets
        let sorted = |x: &[(String, String)]| {
            // terms come back preferred first, so `#N` may renumber: compare base names
            let mut v: Vec<_> = x
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.split('#').next().unwrap_or("").to_string(), v.clone()))
                .collect();
            v.sort();
            v
        };
        let (x, y) = (sorted(&a.extra), sorted(&b.extra));
        let only_a: Vec<_> = x.iter().filter(|e| !y.contains(e)).collect();
        let only_b: Vec<_> = y.iter().filter(|e| !x.contains(e)).collect();
        assert_eq!(x, y, "{}: lost {only_a:?}, gained {only_b:?}", a.id);
    }
}

#[test]
fn tbx_definitions_notes_sources_and_contexts_are_kept() {
    let Some(dir) = more() else { return };
    let sdl = import_termbase_with(
        &dir.join("tbx/okapi-sdlx-termbase-descripGrp-empty-source-terms.tbx"),
        &pair("de", "en"),
    )
    .unwrap();
    let defs = |items: &[concord::termbase::Concept]| -> usize {
        items
            .iter()
            .flat_map(|c| &c.extra)
            .filter(|(k, v)| k.split('#').next().unwrap().ends_with("definition") && !v.is_empty())
            .count()
    };
    // 268 definitions: 224 on the 179 concepts with terms in both languages, 44 on
    // concepts whose German term is empty (skipped, and the empty terms named)
    assert_eq!(
        (sdl.items.len(), defs(&sdl.items), sdl.skipped),
        (179, 224, 44)
    );
    assert_eq!(sdl.dropped, [("empty term".to_string(), 44)]);
    let tb = Termbase {
        concepts: sdl.items,
    };
    tbx_round_trip(&tb, "de", "en");
    for (f, s, t, want) in [
        (
            "tbx/ltac-tbx3-basic_good-descripGrp-definitions.tbx",
            "en",
            "es",
            (39, 74, 73),
        ),
        (
            "tbx/okapi-ibm-ntig-descripGrp-definition.tbx",
            "en",
            "fr",
            (5, 1, 0),
        ),
        (
            "tbx/okapi-medtronic-definitions-on-termEntry.tbx",
            "en",
            "fr",
            (3, 3, 2),
        ),
        (
            "tbx/okapi-oracle-descripGrp-definitions-langSet-notes.tbx",
            "en",
            "pt",
            (2, 2, 2),
        ),
    ] {
        let r = import_termbase_with(&dir.join(f), &pair(s, t)).unwrap();
        let notes = r
            .items
            .iter()
            .flat_map(|c| &c.extra)
            .filter(|(k, _)| k.contains("note"))
            .count()
            + r.items.iter().filter(|c| !c.note.is_empty()).count();
        assert_eq!((r.items.len(), defs(&r.items), notes), want, "{f}");
        tbx_round_trip(&Termbase { concepts: r.items }, s, t);
    }
}

#[test]
fn omegat_tags_are_codes_and_tag_only_units_are_skipped() {
    let Some(dir) = more() else { return };
    let m = concord::formats::import_memory(
        &dir.join("tmx/omegat-l10n-ru-project_save-en-ru-tuv-attrs-a0-tags.tmx"),
    )
    .unwrap();
    assert_eq!((m.items.len(), m.skipped), (3023, 6));
    assert_eq!(
        m.dropped,
        [("unit made only of inline codes".to_string(), 6)]
    );
    let e = m
        .items
        .iter()
        .find(|e| e.en == "{1}Documentation{/1} is very important.")
        .unwrap();
    assert_eq!(e.ru, "{1}Документация{/1} — это очень важно.");
    // OmegaT's authorship on the target <tuv> is kept
    assert_eq!(e.get("src-changeid"), Some("Lev Abashkin"));
    assert_eq!(e.match_source(), "Документация — это очень важно.");
    assert_eq!(e.plain_en(), "Documentation is very important.");
    // `<it>` without ids: distinct numbers
    let x = concord::formats::import_memory_with(
        &dir.join("xliff12/omegat-xliff11-it-codes-without-ids.xlf"),
        &pair("en", "zz"),
    );
    if let Ok(x) = x {
        for e in &x.items {
            let n = e.en.matches("/}").count();
            let mut nums: Vec<&str> =
                e.en.split('{')
                    .skip(1)
                    .filter_map(|t| t.split('/').next())
                    .collect();
            nums.sort();
            nums.dedup();
            assert!(nums.len() >= n, "{}", e.en);
        }
    }
}
