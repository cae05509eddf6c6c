//! Imports the 26 real files of `../shared/interop` (written by OmegaT, Okapi, Weblate,
//! Symfony, LTAC and the LISA TMX kit) and checks counts and exact segments.
//! Skipped with a note when the folder is absent; tests/fixtures/interop covers the
//! same edge cases with concord's own files.

use std::path::{Path, PathBuf};

use concord::formats::{
    export_memory, import_memory, import_memory_with, import_termbase, import_termbase_with, Error,
    ImportOptions, MemoryFormat,
};
use concord::memory::Memory;

fn shared() -> Option<PathBuf> {
    // CI: ../shared beside the repo; a worktree under /work/wt: two levels up
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = [
        root.join("../shared/interop"),
        root.join("../../shared/interop"),
    ]
    .into_iter()
    .find(|p| p.join("SOURCES.md").is_file());
    if found.is_none() {
        eprintln!("note: ../shared/interop is absent; real-file interop tests skipped");
    }
    found
}

fn pair(s: &str, t: &str) -> ImportOptions {
    ImportOptions {
        source_lang: s.into(),
        target_lang: t.into(),
    }
}

#[test]
fn tmx_real_files() {
    let Some(dir) = shared() else { return };
    let m = import_memory_with(
        &dir.join("tmx/lisa-ImportTest1A-utf16le-bom-whitespace.tmx"),
        &pair("en-US", "fr-CA"),
    )
    .unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.items[0].ru, "First segment with [\t\t   ]");
    assert_eq!(m.items[1].en, "Second segment avec [  \t\t]");

    let m = import_memory_with(
        &dir.join("tmx/lisa-ImportTest1G-utf16be-bom-charrefs.tmx"),
        &pair("en-us", "en-gb"),
    )
    .unwrap();
    assert_eq!(m.items.len(), 3);
    assert_eq!(m.items[0].ru, "à=agrave, é=eacute, æ=aelig");
    assert_eq!(m.items[1].en, "ÿ=U+00FF, ™=U+2122, ’=U+2019");
    assert_eq!(m.items[2].en, "“=U+201C, –=U+2013, ¤=U+00A4");

    let m = import_memory_with(
        &dir.join("tmx/lisa-ImportTest1J-per-tu-srclang.tmx"),
        &pair("en-us", "en-gb"),
    )
    .unwrap();
    assert_eq!((m.items.len(), m.skipped), (2, 1));
    assert_eq!(m.items[1].ru, "Second entry in US English");
    assert_eq!(m.items[1].en, "Second entry in UK English");

    let m = import_memory_with(
        &dir.join("tmx/lisa-ImportTest1L-utf8-bom-notes-props-ude.tmx"),
        &pair("en", "fr"),
    )
    .unwrap();
    assert_eq!(m.items.len(), 1);
    let e = &m.items[0];
    assert_eq!(
        (e.ru.as_str(), e.en.as_str()),
        ("Text of the segment.", "Texte du segment.")
    );
    // several notes stay several
    assert_eq!(e.note, "Text of tu note 1");
    assert_eq!(e.get("note#2"), Some("Text of tu note 2"));
    assert_eq!(e.get("prop:myPropeType"), Some("Data"));
    assert_eq!(e.get("tuid"), Some("tu001"));
    assert_eq!(e.get("usagecount"), Some("100"));

    let f = dir.join("tmx/lisa-ImportTest2A-utf16le-inline-bpt-ept-it-ph.tmx");
    let m = import_memory_with(&f, &pair("en", "fr")).unwrap();
    assert_eq!(m.items.len(), 7);
    assert_eq!(m.items[0].ru, "The big {1}black{/1} {2}cat{/2} sleeps.");
    assert_eq!(m.items[0].en, "Le gros {2}chat{/2} {1}noir{/1} dors.");
    assert_eq!(
        m.items[1].ru,
        "Test for special characters = {1}<{/1}=lt, {2}>{/2}=gt, {3}&{/3}=amp, {4}\"{/4}=quot."
    );
    assert_eq!(m.items[3].ru, "First {1/}sentence.");
    assert_eq!(m.items[5].ru, "Picture: {1/}");
    // the inverted <tuv> order and <hi>
    assert_eq!(m.items[6].ru, "Some text with {1}a part highlighted{/1}.");
    assert_eq!(m.items[6].en, "Du texte avec {1}une portion délimitée{/1}.");
    // export regenerates the inline elements, and reads back the same
    let mem = Memory {
        entries: m.items.clone(),
    };
    let tmx = concord::formats::tmx::write(&mem, "en", "fr").unwrap();
    assert!(tmx.contains("<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b></bpt>black<ept i=\"1\">"));
    assert!(
        tmx.contains("<hi x='1' type=\"special-part\">a part highlighted</hi>"),
        "{tmx}"
    );
    let back =
        concord::formats::tmx::import(Path::new("back.tmx"), tmx.as_bytes(), &pair("en", "fr"))
            .unwrap();
    for (a, b) in m.items.iter().zip(&back.items) {
        assert_eq!(
            (&a.ru, &a.en, a.get("src-codes")),
            (&b.ru, &b.en, b.get("src-codes"))
        );
    }

    // valid XML, invalid TMX: imported whole, with warnings, and re-exported valid
    let f = dir.join("tmx/omegat-invalid-inline-tags.tmx");
    let m = import_memory_with(&f, &pair("en", "be")).unwrap();
    assert_eq!(m.items.len(), 1);
    assert!(
        m.warnings
            .iter()
            .any(|w| w.contains(":11: <ept i=\"1\"> has no <bpt>")),
        "{:?}",
        m.warnings
    );
    assert!(m.warnings.iter().any(|w| w.contains("duplicate <bpt 1>")));
    let tmx = concord::formats::tmx::write(&Memory { entries: m.items }, "en", "be").unwrap();
    assert!(!tmx.contains("<ept") && !tmx.contains("<bpt"), "{tmx}");

    let f = dir.join("tmx/weblate-memory-uppercase-3langs.tmx");
    let m = import_memory_with(&f, &pair("de", "cs")).unwrap();
    assert_eq!(m.items[0].ru, "Wenn die Logfunktion installiert ist");
    assert_eq!(m.items[0].en, "Pokud je nainstalované logování");
    let m = import_memory_with(&f, &pair("de-de", "en-us")).unwrap();
    assert_eq!(m.items[0].en, "If the log function is installed");
    // no Russian in this file: everything skipped, and a warning says why
    let m = import_memory(&f).unwrap();
    assert_eq!((m.items.len(), m.skipped), (0, 1));
    assert!(
        m.warnings[0].contains("DE-DE, EN-US, CS-CZ"),
        "{:?}",
        m.warnings
    );
}

#[test]
fn xliff_real_files() {
    let Some(dir) = shared() else { return };
    // en→ru file read into a ru→en memory (reversed), ids with a gap
    let m = import_memory(&dir.join("xliff12/symfony-security.ru.xlf")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (19, 0));
    assert_eq!(m.items[0].ru, "Ошибка аутентификации.");
    assert_eq!(m.items[0].en, "An authentication exception occurred.");
    assert!(!m.items.iter().any(|e| e.get("id") == Some("8")));
    assert!(m
        .items
        .iter()
        .any(|e| e.ru.contains('|') && e.ru.contains("%minutes%")));

    // Russian labelled fr: warned, read as Russian; seg-source/mrk sub-segments
    let f = dir.join("xliff12/okapi-drupal-en-ru-segsource-mrk.xlf");
    let m = import_memory(&f).unwrap();
    assert_eq!((m.items.len(), m.skipped), (36, 1));
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains(
        "okapi-drupal-en-ru-segsource-mrk.xlf:3: target-language=\"fr\" but the text is Cyrillic"
    ));
    let e = m.items.iter().find(|e| e.get("id") == Some("3:1")).unwrap();
    assert_eq!(
        e.ru,
        " Также предоставляет информацию для отладки о spec-conformance."
    );
    assert_eq!(
        e.en,
        " Also gives debugging information about spec-conformance."
    );
    assert_eq!(e.get("status"), Some("approved"));

    // Cyrillic labelled en; a copy-source target: nothing is ru→en, and the tag is flagged
    let f = dir.join("xliff12/okapi-Test02.tex-cyrillic-mislabeled-ph.xlf");
    let m = import_memory(&f).unwrap();
    assert!(m
        .warnings
        .iter()
        .any(|w| w.contains(":3: source-language=\"en\" but the text is Cyrillic")));
    assert_eq!(m.items.len(), 0);
    // read for what it is (ru→ru after correction): leading spaces and codes kept
    let m = import_memory_with(&f, &pair("ru", "fr")).unwrap();
    assert!(
        m.items.is_empty(),
        "the target is Cyrillic too, so it is not fr"
    );
    let m = import_memory_with(&f, &pair("ru", "ru")).unwrap();
    assert_eq!(
        m.items[0].ru,
        "  Это вводный абзац в начале документа.{1/}{2/}{3/}"
    );
    assert!(m.items[0]
        .get("src-codes")
        .unwrap()
        .contains("\\end{abstract}"));

    let m = import_memory_with(
        &dir.join("xliff12/omegat-cdata-multifile.xlf"),
        &pair("en", "be"),
    )
    .unwrap();
    assert_eq!((m.items.len(), m.skipped), (2, 2));
    assert_eq!(m.items[0].ru, "This is <test");
    assert_eq!(m.items[0].en, "tr1=This is <test");
    assert_eq!(m.items[0].get("file"), Some("text.txt"));

    let m = import_memory_with(
        &dir.join("xliff20/omegat-xliff2-spec-ex-9.5-groups-mda.xlf"),
        &pair("en", "fr"),
    )
    .unwrap();
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].ru, "{1/}High Altitude Birds");
    assert_eq!(m.items[0].en, "{1/}Oiseaux de haute altitude");

    let m = import_memory_with(
        &dir.join("xliff20/okapi-xliff2-test01-notes-ignorable-order.xlf"),
        &pair("en", "fr"),
    )
    .unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(
        (m.items[1].ru.as_str(), m.items[1].en.as_str()),
        ("Segment's content.", "Contenu du segment.")
    );
    assert_eq!(m.items[0].get("status"), Some("translated"));

    let m = import_memory_with(
        &dir.join("xliff20/okapi-xliff2-pc-originalData.xlf"),
        &pair("en", "pl"),
    )
    .unwrap();
    assert_eq!(m.items[0].en, "{1} w innym rozmiarze bądź kolorze.{/1}");
    assert_eq!(
        m.items[0].get("tgt-codes"),
        Some("{1}<bpt i=\"1\">&lt;p&gt;</bpt>{/1}<ept i=\"1\">&lt;/p&gt;</ept>")
    );
    assert!(m.items[0].note.contains("/properties/body"));
}

#[test]
fn tbx_real_files() {
    let Some(dir) = shared() else { return };
    let m =
        import_termbase_with(&dir.join("tbx/ltac-tbx3-min_good.tbx"), &pair("en", "es")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (39, 6));
    assert_eq!(m.items[0].id, "c1");
    assert_eq!(m.items[0].ru, ["open cluster", "galactic cluster"]);
    assert_eq!(m.items[0].en, "cúmulo abierto");
    assert_eq!(m.items[1].variants, ["disco de acrecimiento"]);
    // deprecated target terms read as forbidden
    let m2 =
        import_termbase_with(&dir.join("tbx/ltac-tbx3-min_good.tbx"), &pair("es", "en")).unwrap();
    let c1 = m2.items.iter().find(|c| c.id == "c1").unwrap();
    assert_eq!(
        (c1.en.as_str(), c1.forbidden.as_slice()),
        ("open cluster", &["galactic cluster".to_string()][..])
    );
    // the note on the deprecated term stays on that term
    let term_note = c1.get("en-term:note").unwrap_or_default();
    assert!(
        term_note.starts_with("galactic cluster: Another name for an open star cluster. They are often termed Galactic Clusters"),
        "{:?}",
        c1.extra
    );

    let e = import_termbase(&dir.join("tbx/ltac-tbx3-poorly_formed_xml.tbx")).unwrap_err();
    match &e {
        Error::Xml {
            line,
            column,
            message,
            ..
        } => {
            assert_eq!(*line, 42, "{e}");
            assert!(*column > 1);
            assert!(message.contains("mismatched"), "{e}");
        }
        other => panic!("expected an XML error, got {other}"),
    }
    assert!(e.to_string().contains("poorly_formed_xml.tbx:42:"));

    let m = import_termbase_with(
        &dir.join("tbx/okapi-test01-bom-martif-tig.tbx"),
        &pair("en", "hu"),
    )
    .unwrap();
    assert_eq!(m.items[0].ru, ["alpha smoothing factor"]);
    assert_eq!(
        m.items[0].get("definition"),
        Some("A value between 0 and 1 used in ...")
    );

    let m = import_termbase_with(
        &dir.join("tbx/okapi-test02-windows1254.tbx"),
        &pair("en", "tr"),
    )
    .unwrap();
    assert_eq!(m.items[0].ru, ["term with: éá and İı"]);
    assert_eq!(m.items[0].en, "tr term with: éá and İı");

    let m = import_termbase_with(
        &dir.join("tbx/okapi-maryland-ntig-termGrp.tbx"),
        &pair("fr", "en"),
    )
    .unwrap();
    assert_eq!(m.items[0].ru, ["copiste", "scribe", "écrivain"]);
    assert!(m.items[0]
        .get("definition")
        .is_some_and(|d| d.contains("d'écriture")));

    let m = import_termbase_with(
        &dir.join("tbx/omegat-sampleTBXfile-bom-martif.tbx"),
        &pair("en", "hu"),
    )
    .unwrap();
    assert_eq!(m.items[0].en, "hu translation");

    let m = import_termbase_with(
        &dir.join("tbx/weblate-fr-extended-metadata-martif-v3ns.tbx"),
        &pair("en", "fr"),
    )
    .unwrap();
    // e001: obsolete in French → only forbidden renderings → skipped with a warning
    assert_eq!((m.items.len(), m.skipped), (1, 1));
    assert!(
        m.warnings.iter().any(|w| w.contains("e001")),
        "{:?}",
        m.warnings
    );
    assert!(m.items[0].note.contains("Do not translate."));
}

#[test]
fn glossary_real_files() {
    let Some(dir) = shared() else { return };
    let m = import_termbase(&dir.join("tsv/omegat-glossary-test.tab")).unwrap();
    assert_eq!(m.items.len(), 4);
    assert_eq!(m.items[2].ru, ["地球システム"]);
    assert_eq!(
        m.items[2].note,
        "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre"
    );
    let m = import_termbase(&dir.join("tsv/omegat-glossary-magiccomment-bom.tab")).unwrap();
    assert!(m.items.is_empty() && m.warnings.is_empty());
    let m = import_termbase(&dir.join("tsv/omegat-glossary-utf16le.txt")).unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(
        (
            m.items[1].ru[0].as_str(),
            m.items[1].en.as_str(),
            m.items[1].note.as_str()
        ),
        ("LE", "Little Endian", "Comment #2")
    );
    let m = import_termbase(&dir.join("tsv/omegat-glossary-quoting.csv")).unwrap();
    let ru: Vec<&str> = m.items.iter().map(|c| c.ru[0].as_str()).collect();
    assert_eq!(
        ru,
        [
            "kde",
            "question",
            "kde; question",
            "kde, qu",
            "\"kde\",\"q\"",
            "\"\"k",
            "zz\"zz"
        ]
    );
}

#[test]
fn srx_is_not_an_interop_format_here() {
    let Some(dir) = shared() else { return };
    // SRX rules belong to the segmenter; the importers refuse them clearly
    let e = import_memory(&dir.join("srx/okapi-defaultSegmentation.srx")).unwrap_err();
    assert!(e.to_string().contains("unsupported file type"));
    let tsv = export_memory(&Memory::default(), MemoryFormat::Tsv).unwrap();
    assert!(tsv.starts_with("ru\ten"));
}
