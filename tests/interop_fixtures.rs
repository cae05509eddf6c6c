//! concord's own interop fixtures (tests/fixtures/interop, written by
//! scripts/interop/make_fixtures.py) cover the edge cases of the real CAT-tool files, so
//! the suite means something without ../shared.

use std::path::{Path, PathBuf};

use concord::formats::{
    export_memory, export_termbase, import_memory, import_memory_with, import_termbase, Error,
    ImportOptions, MemoryFormat, TermbaseFormat,
};
use concord::memory::Memory;
use concord::termbase::Termbase;

fn fx(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
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
    // several notes stay several, each at its level
    assert_eq!(e.note, "Unit note 1");
    assert_eq!(e.get("note#2"), Some("Unit note 2"));
    assert_eq!(e.get("src-note"), Some("Russian note"));
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
    // a definition is its own column, not folded into the note
    assert_eq!(c.get("definition"), Some("A union of five states."));
    assert_eq!(c.get("subjectField"), Some("economy"));

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
    assert_eq!(t.items[0].note, "Do not translate.");
    assert_eq!(
        t.items[0].get("en-term:note"),
        Some("SYS_ERR_406: Do not translate error codes.")
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
    assert_eq!(m.items[0].get("status"), Some("translated"));
    assert_eq!(m.items[0].get("file"), Some("b.txt"));
    assert_eq!(m.items[1].ru, "Да {1}жирный{/1}{2/}");
    assert_eq!(m.items[1].get("status"), Some("draft"));
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
    assert_eq!(m.items[0].get("status"), Some("approved"));
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
    let dir = tempfile::tempdir().unwrap();
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
    let dir = tempfile::tempdir().unwrap();
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
