//! TMX, TBX, XLIFF and glossary interop.
//!
//! - concord's own fixtures (tests/fixtures/interop, written by
//!   scripts/interop/make_fixtures.py) cover the edge cases of the real CAT-tool files,
//!   so the suite means something without ../shared.
//! - The 26 real files of `../shared/interop` (written by OmegaT, Okapi, Weblate,
//!   Symfony, LTAC and the LISA TMX kit) are imported and their counts and exact
//!   segments checked; skipped with a note when the folder is absent.
//! - Another tool reads what concord writes: concord's TMX, TBX and XLIFF output is
//!   loaded with translate-toolkit (scripts/interop/translate_toolkit_check.py) and the
//!   units it sees are checked. Skipped with a note when translate-toolkit is not
//!   installed (CI installs it: .ci/deps.d/interop.sh).
//! - Import/export throughput on generated files, ignored by default (timings are not
//!   assertions); run in release for the README figures:
//!
//! ```text
//! cargo test --release --test cli interop::throughput -- --ignored --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use concord::formats::xliff::{write_xliff12, UnitState, XliffDoc, XliffUnit};
use concord::formats::{
    export_memory, export_termbase, import_memory, import_memory_with, import_termbase,
    import_termbase_with, tbx, tmx, Error, ImportOptions, MemoryFormat, TermbaseFormat,
};
use concord::memory::{Entry, Memory};
use concord::termbase::{Concept, Termbase};

use crate::util::{self, tempdir};

fn fx(name: &str) -> PathBuf {
    util::fixture("interop").join(name)
}

#[test]
fn tmx_encodings_and_whitespace() {
    let m = import_memory(&fx("tmx/utf16le-bom-whitespace.tmx")).unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.items[0].ru, "Первый сегмент [\t\t   ]");
    assert_eq!(m.items[1].ru, "  Второй  сегмент ");
    assert_eq!(m.items[1].en, "  Second  segment ");
    assert_eq!(m.items[1].origin.line, 11);

    let m = import_memory(&fx("tmx/utf16be-bom-charrefs.tmx")).unwrap();
    assert_eq!(m.items[0].ru, "Ёлка ёжик — «ёлка»");
    assert_eq!(m.items[0].en, "Fir ™ “tree” ’s");

    let m = import_memory(&fx("tmx/windows-1251.tmx")).unwrap();
    assert_eq!(m.items[0].ru, "Астана — столица");
}

#[test]
fn tmx_language_pairs() {
    let m = import_memory(&fx("tmx/per-tu-srclang.tmx")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (2, 1));
    assert_eq!(
        (m.items[0].ru.as_str(), m.items[0].en.as_str()),
        ("Первая запись", "First entry")
    );
    assert_eq!(
        (m.items[1].ru.as_str(), m.items[1].en.as_str()),
        ("Вторая запись", "Second entry")
    );

    let m = import_memory(&fx("tmx/uppercase-3langs.tmx")).unwrap();
    assert_eq!(m.items[0].ru, "Если функция установлена");
    assert_eq!(m.items[0].en, "If the function is installed");
    let opts = ImportOptions {
        source_lang: "de".into(),
        target_lang: "en-us".into(),
    };
    let m = import_memory_with(&fx("tmx/uppercase-3langs.tmx"), &opts).unwrap();
    assert_eq!(m.items[0].ru, "Wenn die Funktion installiert ist");
}

#[test]
fn tmx_notes_props_and_columns() {
    let m = import_memory(&fx("tmx/utf8-bom-notes-props.tmx")).unwrap();
    let e = &m.items[0];
    assert_eq!(e.ru, "Текст сегмента.");
    assert_eq!(e.note, "Unit note 1\nUnit note 2\nRussian note");
    assert_eq!(e.get("tuid"), Some("tu-7"));
    assert_eq!(e.get("creationid"), Some("anna"));
    assert_eq!(e.get("prop:x-domain"), Some("politics"));
    // and back: attributes, notes and props survive an export
    let tmx = export_memory(
        &Memory {
            entries: m.items.clone(),
        },
        MemoryFormat::Tmx,
    )
    .unwrap();
    assert!(tmx.contains("tuid=\"tu-7\""), "{tmx}");
    assert!(tmx.contains("creationdate=\"20240102T101500Z\""));
    assert!(tmx.contains("<prop type=\"x-domain\">politics</prop>"));
    let back = concord::formats::tmx::import(
        Path::new("b.tmx"),
        tmx.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(back.items[0].note, e.note);
    assert_eq!(back.items[0].extra, e.extra);
}

#[test]
fn tmx_inline_codes() {
    let m = import_memory(&fx("tmx/inline-codes.tmx")).unwrap();
    assert_eq!(m.items.len(), 4);
    assert_eq!(m.items[0].ru, "Большая {1}чёрная{/1} {2}кошка{/2} спит.");
    assert_eq!(m.items[0].en, "The big {2}black{/2} {1}cat{/1} sleeps.");
    assert_eq!(m.items[1].ru, "Первое {1/}предложение.");
    // a literal {0} keeps its text; the <ph> takes the next free number
    assert_eq!(m.items[2].ru, "Рисунок: {1/} и {0} <b>");
    assert_eq!(m.items[3].ru, "Текст с {1}выделенной частью{/1}.");
    assert_eq!(m.items[3].en, "Some text with {1}a highlighted part{/1}.");
    let tmx = export_memory(
        &Memory {
            entries: m.items.clone(),
        },
        MemoryFormat::Tmx,
    )
    .unwrap();
    assert!(
        tmx.contains(
            "<bpt i = '2' type\t=\t'ulined' x=\"2\">&lt;u></bpt>кошка<ept i=\"2\">&lt;/u></ept>"
        ),
        "{tmx}"
    );
    assert!(
        tmx.contains(
            "<ph x='1' type='image' assoc=\"p\">&lt;img src=\"a.png\"/></ph> и {0} &lt;b&gt;"
        ),
        "{tmx}"
    );
    assert!(
        tmx.contains("<hi x='1' type=\"term\">выделенной частью</hi>"),
        "{tmx}"
    );
    let back = concord::formats::tmx::import(
        Path::new("b.tmx"),
        tmx.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    for (a, b) in m.items.iter().zip(&back.items) {
        assert_eq!((&a.ru, &a.en), (&b.ru, &b.en));
        assert_eq!(a.get("src-codes"), b.get("src-codes"));
        assert_eq!(a.get("tgt-codes"), b.get("tgt-codes"));
    }
}

#[test]
fn tmx_invalid_inline_is_imported_whole_with_warnings() {
    let m = import_memory(&fx("tmx/invalid-inline.tmx")).unwrap();
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].ru, "{1/}Текст{2/}{3/}");
    let w = m.warnings.join("\n");
    assert!(
        w.contains("invalid-inline.tmx:7: <ept i=\"1\"> has no <bpt> before it"),
        "{w}"
    );
    assert!(w.contains("invalid-inline.tmx:7: duplicate <bpt 1>"), "{w}");
    assert!(
        w.contains("invalid-inline.tmx:7: <bpt i=\"1\"> is never closed"),
        "{w}"
    );
    let tmx = export_memory(&Memory { entries: m.items }, MemoryFormat::Tmx).unwrap();
    assert!(tmx.contains("<seg><it pos=\"end\">&lt;/b&gt;</it>Текст<it pos=\"begin\">&lt;LI&gt;</it><it pos=\"begin\" x=\"1\">&lt;b&gt;</it></seg>"), "{tmx}");
}

#[test]
fn xml_safety_and_errors() {
    let e = import_memory(&fx("tmx/entity-bomb.tmx"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("entity-bomb.tmx:8:") && e.contains("never expands DTD entities"),
        "{e}"
    );
    let e = import_memory(&fx("tmx/malformed.tmx")).unwrap_err();
    assert!(matches!(e, Error::Xml { line: 5, .. }), "{e}");
    assert!(
        e.to_string().contains("expected </seg>, found </tuv>"),
        "{e}"
    );
    let e = import_termbase(&fx("tbx/broken.tbx")).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Xml {
                line: 9,
                column: 6,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn tbx_layouts() {
    let t = import_termbase(&fx("tbx/v3-min.tbx")).unwrap();
    assert_eq!((t.items.len(), t.skipped), (1, 1));
    let c = &t.items[0];
    assert_eq!(c.id, "csto");
    assert_eq!(
        c.ru,
        ["Организация Договора о коллективной безопасности", "ОДКБ"]
    );
    assert_eq!(c.en, "Collective Security Treaty Organization");
    assert_eq!(c.variants, ["CSTO"]);
    assert_eq!(c.forbidden, ["Tashkent Pact"]);
    assert_eq!(c.note, "Treaty organisation, founded 2002.");

    let t = import_termbase(&fx("tbx/martif-tig-doctype.tbx")).unwrap();
    let c = &t.items[0];
    assert_eq!(c.ru, ["Евразийский экономический союз", "ЕАЭС"]);
    assert_eq!(
        (c.en.as_str(), c.variants.as_slice()),
        ("Eurasian Economic Union", &["EAEU".to_string()][..])
    );
    assert_eq!(c.forbidden, ["Eurasian Union"]);
    assert_eq!(c.note, "A union of five states.");

    let t = import_termbase(&fx("tbx/ntig-termgrp-1251.tbx")).unwrap();
    let c = &t.items[0];
    assert_eq!(c.ru, ["Акорда", "резиденция президента"]);
    assert_eq!(
        (c.en.as_str(), c.forbidden.as_slice()),
        ("Akorda", &["Ak Orda".to_string()][..])
    );

    let t = import_termbase(&fx("tbx/martif-v3ns-obsolete.tbx")).unwrap();
    assert_eq!((t.items.len(), t.skipped), (1, 1));
    assert!(
        t.warnings[0].contains("e1 has only forbidden en terms (Tselinograd)"),
        "{:?}",
        t.warnings
    );
    assert_eq!(
        t.items[0].note,
        "Do not translate error codes.\nDo not translate."
    );
}

#[test]
fn tbx_export_reads_back() {
    let t = import_termbase(&fx("tbx/v3-min.tbx")).unwrap();
    let tb = Termbase {
        concepts: t.items.clone(),
    };
    let tbx = export_termbase(&tb, TermbaseFormat::Tbx).unwrap();
    assert!(tbx.contains("<term>Tashkent Pact</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    let back = concord::formats::tbx::import(
        Path::new("b.tbx"),
        tbx.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    let (a, b) = (&t.items[0], &back.items[0]);
    assert_eq!(
        (&a.id, &a.ru, &a.en, &a.variants, &a.forbidden, &a.note),
        (&b.id, &b.ru, &b.en, &b.variants, &b.forbidden, &b.note)
    );
}

#[test]
fn xliff12_files() {
    let m = import_memory(&fx("xliff12/en-ru.xlf")).unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.items[0].ru, "Недействительные учётные данные.");
    assert_eq!(m.items[0].en, "Invalid credentials.");
    assert_eq!(m.items[1].get("id"), Some("3"));
    assert_eq!(m.items[1].ru.matches('|').count(), 2);

    let m = import_memory(&fx("xliff12/mislabeled-segsource.xlf")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (3, 1));
    assert_eq!(
        m.warnings,
        [format!(
            "{}:3: target-language=\"fr\" but the text is Cyrillic; read as Russian (ru)",
            fx("xliff12/mislabeled-segsource.xlf").display()
        )]
    );
    assert_eq!(m.items[1].ru, " Также выдаёт отладочную информацию.");
    assert_eq!(m.items[1].en, " Also gives debugging information.");
    assert_eq!(m.items[1].get("id"), Some("1:1"));
    assert_eq!(m.items[2].ru, "<p>Загрузите изображения.</p>");

    let m = import_memory(&fx("xliff12/cyrillic-source-en-ph.xlf")).unwrap();
    assert!(
        m.warnings[0].contains(":3: source-language=\"en\" but the text is Cyrillic"),
        "{:?}",
        m.warnings
    );
    assert_eq!(m.items[0].ru, "  Это вводный  абзац.{1/}{2/}");
    assert_eq!(
        m.items[0].en,
        "  This is the introductory  paragraph.{1/}{2/}"
    );
    assert_eq!(
        m.items[0].get("src-codes"),
        Some("{1/}<ph x=\"1\">\n</ph>{2/}<ph x=\"2\">\\end{abstract}</ph>")
    );

    let m = import_memory(&fx("xliff12/cdata-multifile.xlf")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (2, 1));
    assert_eq!(m.items[0].ru, "Это <тест> & всё");
    assert_eq!(m.items[0].en, "This is a <test> & all");
    assert_eq!(m.items[0].note, "CDATA unit");
    assert_eq!(m.items[0].get("state"), Some("translated"));
    assert_eq!(m.items[0].get("file"), Some("b.txt"));
    assert_eq!(m.items[1].ru, "Да {1}жирный{/1}{2/}");
    assert_eq!(m.items[1].get("state"), Some("needs-review-translation"));
}

#[test]
fn xliff20_files() {
    let m = import_memory(&fx("xliff20/groups-mda.xlf")).unwrap();
    assert_eq!((m.items.len(), m.skipped), (1, 1));
    assert_eq!(m.items[0].ru, "{1/}Птицы высокогорья");

    let m = import_memory(&fx("xliff20/notes-ignorable-order.xlf")).unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!(
        (m.items[0].ru.as_str(), m.items[0].en.as_str()),
        ("Пример сегмента.", "Sample segment.")
    );
    assert_eq!(m.items[0].get("state"), Some("final"));
    assert_eq!(m.items[1].get("id"), Some("tu1:2"));
    assert_eq!(m.items[0].note, "Unit note");

    let m = import_memory(&fx("xliff20/pc-originaldata.xlf")).unwrap();
    assert_eq!(m.items[0].ru, "{1} другого размера или цвета.{/1}{2/}");
    assert_eq!(
        m.items[0].get("src-codes"),
        Some("{1}<bpt i=\"1\">&lt;p&gt;</bpt>{/1}<ept i=\"1\">&lt;/p&gt;</ept>{2/}<ph x=\"2\">&lt;br/&gt;</ph>")
    );
    // the codes become real TMX inline elements on export
    let tmx = export_memory(&Memory { entries: m.items }, MemoryFormat::Tmx).unwrap();
    assert!(tmx.contains("<seg><bpt i=\"1\">&lt;p&gt;</bpt> другого размера или цвета.<ept i=\"1\">&lt;/p&gt;</ept><ph x=\"2\">&lt;br/&gt;</ph></seg>"), "{tmx}");
}

#[test]
fn glossaries() {
    let t = import_termbase(&fx("tsv/glossary.tab")).unwrap();
    assert_eq!(t.items.len(), 3);
    assert_eq!(t.items[1].ru, ["Строка"]);
    assert_eq!(
        (t.items[1].en.as_str(), t.items[1].variants.as_slice()),
        ("Row", &["Line".to_string()][..])
    );
    assert_eq!(
        t.items[1].note,
        "в таблице\nhttps://example.org/glossary#line"
    );
    assert_eq!(t.items[0].id, "csto");

    let t = import_termbase(&fx("tsv/magic-bom.tab")).unwrap();
    assert!(t.items.is_empty());

    let t = import_termbase(&fx("tsv/utf16le-crlf.txt")).unwrap();
    assert_eq!(t.items.len(), 2);
    assert_eq!(
        (
            t.items[1].ru[0].as_str(),
            t.items[1].en.as_str(),
            t.items[1].note.as_str()
        ),
        ("СНГ", "CIS", "Comment #2")
    );

    let t = import_termbase(&fx("tsv/quoting.csv")).unwrap();
    let ru: Vec<&str> = t.items.iter().map(|c| c.ru[0].as_str()).collect();
    assert_eq!(
        ru,
        ["ОДКБ", "Астана, столица", "\"Нур Отан\"", "\"\"к", "а\"б"]
    );
    assert_eq!(t.items[2].note, "note, with comma");
}

#[test]
fn imported_columns_survive_the_memory_tsv() {
    let m = import_memory(&fx("tmx/utf8-bom-notes-props.tmx")).unwrap();
    let inline = import_memory(&fx("tmx/inline-codes.tmx")).unwrap();
    let mut entries = m.items;
    entries.extend(inline.items);
    let mem = Memory { entries };
    let dir = tempdir();
    let p = dir.path().join("m.tsv");
    mem.save(&p).unwrap();
    let back = Memory::open(&p).unwrap();
    assert_eq!(back.entries.len(), mem.entries.len());
    for (a, b) in mem.entries.iter().zip(&back.entries) {
        assert_eq!((&a.ru, &a.en, &a.note), (&b.ru, &b.en, &b.note));
        for (k, v) in &a.extra {
            assert_eq!(b.get(k), Some(v.as_str()), "{k}");
        }
    }
    // and the TSV memory exports to the same TMX inline elements
    let t1 = export_memory(&mem, MemoryFormat::Tmx).unwrap();
    let t2 = export_memory(&back, MemoryFormat::Tmx).unwrap();
    assert!(t2.contains("<hi x='1' type=\"term\">выделенной частью</hi>"));
    assert_eq!(t1.matches("<bpt").count(), t2.matches("<bpt").count());
}

#[test]
fn tmx_language_tag_contradicted_by_text() {
    let dir = tempdir();
    let p = dir.path().join("fr.tmx");
    std::fs::write(
        &p,
        "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>The capital is Astana.</seg></tuv>\n<tuv xml:lang=\"fr\"><seg>Столица страны — город Астана.</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    let m = import_memory(&p).unwrap();
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].ru, "Столица страны — город Астана.");
    assert_eq!(
        m.warnings,
        [format!(
            "{}:3: xml:lang=\"fr\" but the text is Cyrillic; read as Russian (ru)",
            p.display()
        )]
    );
    // with a real `ru` side present, an English side full of Russian is only flagged
    let mut e =
        concord::memory::Entry::new("Столица — Астана.", "Столица — Астана (не переведено).");
    e.note = "copy".into();
    let tmx = export_memory(&Memory { entries: vec![e] }, MemoryFormat::Tmx).unwrap();
    let back = concord::formats::tmx::import(
        Path::new("b.tmx"),
        tmx.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(back.items.len(), 1);
    assert!(
        back.warnings[0]
            .contains("xml:lang=\"en\" but the text is Cyrillic; check the language tag"),
        "{:?}",
        back.warnings
    );
}

fn shared() -> Option<PathBuf> {
    let sources = util::shared("interop/SOURCES.md", "real-file interop tests")?;
    Some(sources.parent().unwrap().to_path_buf())
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
    assert!(
        e.note.starts_with("Text of tu note 1\nText of tu note 2"),
        "{}",
        e.note
    );
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
    assert_eq!(e.get("approved"), Some("yes"));

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
    assert_eq!(m.items[0].get("state"), Some("translated"));

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
    assert!(
        c1.note.contains(
            "Another name for an open star cluster. They are often termed Galactic Clusters"
        ),
        "{}",
        c1.note
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
    assert_eq!(m.items[0].note, "A value between 0 and 1 used in ...");

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
    assert!(m.items[0].note.contains("d'écriture"));

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

fn toolkit() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import translate.storage.factory"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: translate-toolkit is not installed (pip install translate-toolkit); test skipped");
    }
    ok
}

fn load(dir: &Path, name: &str, content: &str) -> serde_json::Value {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    let script = util::repo("scripts/interop/translate_toolkit_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "translate-toolkit refused {name}: {}\n{content}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn units(v: &serde_json::Value) -> Vec<(String, String)> {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["source"].as_str().unwrap_or("").to_string(),
                u["target"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn translate_toolkit_reads_concord_output() {
    if !toolkit() {
        return;
    }
    let dir = tempdir();

    let mut e1 = Entry::new(
        "Президент  Казахстана «Н. Назарбаев»",
        "President of Kazakhstan \"N. Nazarbayev\" & <co>",
    );
    e1.note = "checked".into();
    let mut e2 = Entry::new("Большая {1}чёрная{/1} кошка", "The big {1}black{/1} cat");
    e2.extra = vec![
        (
            "src-codes".into(),
            "{1}<bpt i=\"1\">&lt;b></bpt>{/1}<ept i=\"1\">&lt;/b></ept>".into(),
        ),
        (
            "tgt-codes".into(),
            "{1}<bpt i=\"1\">&lt;b></bpt>{/1}<ept i=\"1\">&lt;/b></ept>".into(),
        ),
    ];
    let tmx = export_memory(
        &Memory {
            entries: vec![e1, e2],
        },
        MemoryFormat::Tmx,
    )
    .unwrap();
    let v = load(dir.path(), "m.tmx", &tmx);
    let u = units(&v);
    assert_eq!(u.len(), 2, "{v}");
    assert_eq!(u[0].0, "Президент  Казахстана «Н. Назарбаев»");
    assert_eq!(u[0].1, "President of Kazakhstan \"N. Nazarbayev\" & <co>");
    assert!(u[1].0.starts_with("Большая"), "{v}");
    assert!(
        u[1].0.contains("чёрная") && u[1].0.ends_with("кошка"),
        "{v}"
    );

    let tb = Termbase {
        concepts: vec![Concept {
            id: "csto".into(),
            ru: vec![
                "Организация Договора о коллективной безопасности".into(),
                "ОДКБ".into(),
            ],
            en: "Collective Security Treaty Organization".into(),
            variants: vec!["CSTO".into()],
            forbidden: vec!["Tashkent Pact".into()],
            note: "Why & how".into(),
            ..Concept::default()
        }],
    };
    let tbx = export_termbase(&tb, TermbaseFormat::Tbx).unwrap();
    let v = load(dir.path(), "t.tbx", &tbx);
    let u = units(&v);
    assert_eq!(u.len(), 1, "{v}");
    assert_eq!(
        u[0].0, "Организация Договора о коллективной безопасности",
        "{v}"
    );

    let doc = XliffDoc {
        original: "kazakhstan.ru.txt".into(),
        source_lang: "ru".into(),
        target_lang: "en".into(),
        units: vec![
            XliffUnit {
                id: "1".into(),
                source: "Астана — столица.".into(),
                target: Some("Astana is the capital.".into()),
                state: UnitState::Translated,
                score: Some(100.0),
                note: None,
            },
            XliffUnit {
                id: "2".into(),
                source: "Алматы <бывшая> столица.".into(),
                target: Some("Almaty is the former capital.".into()),
                state: UnitState::Fuzzy,
                score: Some(82.5),
                note: Some("from memory".into()),
            },
            XliffUnit {
                id: "3".into(),
                source: "Новый текст.".into(),
                target: None,
                state: UnitState::New,
                score: None,
                note: None,
            },
        ],
    };
    let v = load(dir.path(), "d.xlf", &write_xliff12(&doc));
    let list = v["units"].as_array().unwrap();
    assert_eq!(list.len(), 3, "{v}");
    assert_eq!(list[0]["source"], "Астана — столица.");
    assert_eq!(list[0]["target"], "Astana is the capital.");
    assert_eq!(list[1]["source"], "Алматы <бывшая> столица.");
    assert_eq!(list[1]["fuzzy"], true, "{v}");
    assert!(
        list[1]["notes"].as_str().unwrap().contains("from memory"),
        "{v}"
    );
    assert_eq!(list[2]["target"], "");
    assert_eq!(list[0]["fuzzy"], false);
}

/// A TMX with `n` Russian–English units, every fifth with inline codes.
fn generate_tmx(n: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"ru\"/><body>\n");
    for i in 0..n {
        let (ru, en) = if i % 5 == 0 {
            (
                format!("Президент <bpt i=\"1\">&lt;b></bpt>Казахстана<ept i=\"1\">&lt;/b></ept> провёл встречу №{i}."),
                format!("The President of <bpt i=\"1\">&lt;b></bpt>Kazakhstan<ept i=\"1\">&lt;/b></ept> held meeting No. {i}."),
            )
        } else {
            (
                format!("Министр иностранных дел обсудил вопросы сотрудничества в рамках ОДКБ, пункт {i}."),
                format!("The Foreign Minister discussed cooperation within the CSTO, item {i}."),
            )
        };
        s.push_str(&format!(
            "<tu tuid=\"{i}\"><note>n{i}</note><tuv xml:lang=\"ru-RU\"><seg>{ru}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

#[test]
#[ignore = "throughput figures; run in release with --ignored --nocapture"]
fn throughput() {
    let n = 100_000;
    let text = generate_tmx(n);
    let opts = ImportOptions::default();
    let t = Instant::now();
    let m = tmx::import(Path::new("gen.tmx"), text.as_bytes(), &opts).unwrap();
    let import = t.elapsed();
    assert_eq!(m.items.len(), n);
    let mem = concord::memory::Memory { entries: m.items };
    let t = Instant::now();
    let out = export_memory(&mem, MemoryFormat::Tmx).unwrap();
    let export = t.elapsed();
    println!(
        "TMX {n} units ({:.1} MB): import {:.2} s ({:.0} units/s), export {:.2} s",
        text.len() as f64 / 1e6,
        import.as_secs_f64(),
        n as f64 / import.as_secs_f64(),
        export.as_secs_f64()
    );
    assert!(out.len() > text.len() / 2);

    let tb = concord::termbase::Termbase {
        concepts: (0..20_000)
            .map(|i| concord::termbase::Concept {
                id: format!("c{i}"),
                ru: vec![format!("Организация номер {i}"), format!("ОН{i}")],
                en: format!("Organisation number {i}"),
                variants: vec![format!("ON{i}")],
                ..Default::default()
            })
            .collect(),
    };
    let t = Instant::now();
    let x = export_termbase(&tb, TermbaseFormat::Tbx).unwrap();
    let export = t.elapsed();
    let t = Instant::now();
    let back = tbx::import(Path::new("gen.tbx"), x.as_bytes(), &opts).unwrap();
    let import = t.elapsed();
    assert_eq!(back.items.len(), 20_000);
    println!(
        "TBX 20000 concepts ({:.1} MB): import {:.2} s, export {:.2} s",
        x.len() as f64 / 1e6,
        import.as_secs_f64(),
        export.as_secs_f64()
    );
}
