//! Property tests: memory → TMX → memory, termbase → TBX → termbase and document units →
//! XLIFF → memory lose nothing, for arbitrary Unicode text. Characters XML 1.0 forbids
//! (C0 controls, U+FFFE, U+FFFF) survive in segment text as
//! `<ph type="x-concord-ctrl">U+0001</ph>`; in notes, props and terms they are refused.
//!
//! And damaged files never panic an importer: every fixture, cut and spliced at random,
//! either imports or fails with an error that names the file.

use std::path::{Path, PathBuf};

use concord::check::Severity;
use concord::formats::xliff::{write_xliff12, UnitState, XliffDoc, XliffUnit};
use concord::formats::{
    export_memory, export_termbase, Error, ImportOptions, MemoryFormat, TermbaseFormat,
};
use concord::formats::{glossary, tbx, tmx, xliff};
use concord::memory::{Entry, Memory};
use concord::termbase::{CaseRule, Concept, Termbase};
use proptest::prelude::*;

use crate::util;

fn xml_ok(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        any::<String>(),
        any::<String>(),
        any::<String>(),
        proptest::collection::vec(("x[a-z]{0,5}", any::<String>()), 0..3),
    )
        .prop_map(|(ru, en, note, extra)| {
            let mut seen = std::collections::HashSet::new();
            let extra = extra
                .into_iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .collect();
            Entry {
                ru,
                en,
                note,
                extra,
                ..Entry::default()
            }
        })
}

fn form() -> impl Strategy<Value = String> {
    any::<String>()
        .prop_map(|s| s.replace('|', "/").trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn concept() -> impl Strategy<Value = Concept> {
    (
        "[a-z][a-z0-9-]{0,8}",
        proptest::collection::vec(form(), 1..3),
        form(),
        proptest::collection::vec(form(), 0..2),
        proptest::collection::vec(form(), 0..2),
        any::<String>(),
        0..3u8,
        0..3u8,
    )
        .prop_map(
            |(id, ru, en, variants, forbidden, note, case, sev)| Concept {
                id,
                ru,
                en,
                variants,
                forbidden,
                note,
                case: [CaseRule::Auto, CaseRule::Exact, CaseRule::Ignore][case as usize],
                severity: [Severity::Error, Severity::Warning, Severity::Info][sev as usize],
                ..Concept::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn memory_tmx_memory(entries in proptest::collection::vec(entry(), 0..6)) {
        let mem = Memory { entries };
        let side_ok = mem.entries.iter().all(|e| xml_ok(&e.note) && e.extra.iter().all(|(_, v)| xml_ok(v)));
        match export_memory(&mem, MemoryFormat::Tmx) {
            Err(Error::Unrepresentable(_)) => prop_assert!(!side_ok),
            Err(e) => prop_assert!(false, "{e}"),
            Ok(tmx) => {
                prop_assert!(side_ok);
                let back = concord::formats::tmx::import(Path::new("r.tmx"), tmx.as_bytes(), &ImportOptions::default()).unwrap();
                prop_assert_eq!(back.items.len(), mem.entries.len());
                // random text may contradict its tag's script: flagged, never dropped
                prop_assert!(back.warnings.iter().all(|w| w.contains("language tag")), "{:?}", back.warnings);
                for (a, b) in mem.entries.iter().zip(&back.items) {
                    prop_assert_eq!(&a.ru, &b.ru);
                    prop_assert_eq!(&a.en, &b.en);
                    prop_assert_eq!(&a.note, &b.note);
                    // empty cells are not written (every TSV row has every column)
                    let filled: Vec<_> = a.extra.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
                    prop_assert_eq!(&filled, &b.extra);
                }
            }
        }
    }

    #[test]
    fn tmx_inline_codes_are_stable(parts in proptest::collection::vec((0..4u8, "[a-zа-я <&>{}0-9/]{0,6}"), 0..8)) {
        // build a valid seg from random text, <bpt>/<ept> pairs, <ph> and <hi>
        let mut seg = String::new();
        let mut open: Vec<u32> = Vec::new();
        let mut i = 0;
        for (kind, text) in &parts {
            seg.push_str(&text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"));
            match kind {
                0 => { i += 1; open.push(i); seg.push_str(&format!("<bpt i=\"{i}\">&lt;b{i}></bpt>")); }
                1 => if let Some(j) = open.pop() { seg.push_str(&format!("<ept i=\"{j}\">&lt;/b{j}></ept>")); },
                2 => seg.push_str("<ph>&lt;br/></ph>"),
                _ => seg.push_str(&format!("<hi type=\"t\">{}</hi>", text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))),
            }
        }
        for j in open.into_iter().rev() { seg.push_str(&format!("<ept i=\"{j}\">&lt;/b{j}></ept>")); }
        let tmx = format!("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"ru\"><seg>{seg}</seg></tuv><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv></tu></body></tmx>");
        let opts = ImportOptions::default();
        let a = concord::formats::tmx::import(Path::new("a.tmx"), tmx.as_bytes(), &opts).unwrap();
        // the same Cyrillic text under `en` may draw a language-tag warning, nothing else
        prop_assert!(a.warnings.iter().all(|w| w.contains("language tag")), "{:?}", a.warnings);
        let out = export_memory(&Memory { entries: a.items.clone() }, MemoryFormat::Tmx).unwrap();
        prop_assert!(out.contains(&format!("<seg>{seg}</seg>")), "{}\n{}", seg, out);
        let b = concord::formats::tmx::import(Path::new("b.tmx"), out.as_bytes(), &opts).unwrap();
        prop_assert_eq!(&a.items[0].ru, &b.items[0].ru);
        prop_assert_eq!(&a.items[0].extra, &b.items[0].extra);
    }

    #[test]
    fn termbase_tbx_termbase(concepts in proptest::collection::vec(concept(), 0..5)) {
        let mut seen = std::collections::HashSet::new();
        let concepts: Vec<Concept> = concepts.into_iter().filter(|c| seen.insert(c.id.clone())).collect();
        let tb = Termbase { concepts };
        let ok = tb.concepts.iter().all(|c| {
            xml_ok(&c.note) && xml_ok(&c.en) && c.ru.iter().chain(&c.variants).chain(&c.forbidden).all(|f| xml_ok(f))
        });
        match export_termbase(&tb, TermbaseFormat::Tbx) {
            Err(Error::Unrepresentable(_)) => prop_assert!(!ok),
            Err(e) => prop_assert!(false, "{e}"),
            Ok(tbx) => {
                prop_assert!(ok);
                let back = concord::formats::tbx::import(Path::new("r.tbx"), tbx.as_bytes(), &ImportOptions::default()).unwrap();
                prop_assert_eq!(back.items.len(), tb.concepts.len());
                for (a, b) in tb.concepts.iter().zip(&back.items) {
                    prop_assert_eq!(&a.id, &b.id);
                    prop_assert_eq!(&a.ru, &b.ru);
                    prop_assert_eq!(&a.en, &b.en);
                    prop_assert_eq!(&a.variants, &b.variants);
                    prop_assert_eq!(&a.forbidden, &b.forbidden);
                    prop_assert_eq!(&a.note, &b.note);
                    prop_assert_eq!(a.case, b.case);
                    prop_assert_eq!(a.severity, b.severity);
                }
            }
        }
    }

    #[test]
    fn document_xliff_memory(units in proptest::collection::vec(
        (any::<String>(), proptest::option::of("[^\\x{0400}-\\x{052F}]*[^\\s\\x{0400}-\\x{052F}][^\\x{0400}-\\x{052F}]*"), 0..3u8, 0.0..100.0f64), 0..6)
    ) {
        let doc = XliffDoc {
            original: "doc.ru.txt".into(),
            source_lang: "ru".into(),
            target_lang: "en".into(),
            units: units.iter().enumerate().map(|(i, (s, t, st, score))| XliffUnit {
                id: (i + 1).to_string(),
                source: s.clone(),
                target: t.clone(),
                state: match (t, st) { (None, _) => UnitState::New, (_, 0) => UnitState::Translated, _ => UnitState::Fuzzy },
                score: Some(*score),
                note: None,
            }).collect(),
        };
        let x = write_xliff12(&doc);
        let m = concord::formats::xliff::import(Path::new("d.xlf"), x.as_bytes(), &ImportOptions::default()).unwrap();
        let translated: Vec<&XliffUnit> = doc.units.iter().filter(|u| u.target.is_some()).collect();
        prop_assert_eq!(m.items.len(), translated.len());
        prop_assert_eq!(m.skipped, doc.units.len() - translated.len());
        for (u, e) in translated.iter().zip(&m.items) {
            prop_assert_eq!(&u.source, &e.ru);
            prop_assert_eq!(u.target.as_ref().unwrap(), &e.en);
            prop_assert_eq!(e.get("id"), Some(u.id.as_str()));
            let state = if u.state == UnitState::Translated { "translated" } else { "needs-review-translation" };
            prop_assert_eq!(e.get("state"), Some(state));
        }
    }
}

fn fixtures() -> Vec<(PathBuf, Vec<u8>)> {
    let root = util::fixture("interop");
    let mut out = Vec::new();
    for dir in ["tmx", "tbx", "xliff12", "xliff20", "tsv"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            out.push((p, bytes));
        }
    }
    out.sort();
    out
}

fn import(path: &Path, bytes: &[u8]) -> Result<usize, String> {
    let o = ImportOptions::default();
    let ext = path.extension().unwrap().to_str().unwrap();
    let r = match ext {
        "tmx" => tmx::import(path, bytes, &o).map(|m| m.items.len()),
        "xlf" => xliff::import(path, bytes, &o).map(|m| m.items.len()),
        "tbx" => tbx::import(path, bytes, &o).map(|m| m.items.len()),
        "csv" => glossary::import(path, bytes, glossary::Dialect::Csv).map(|m| m.items.len()),
        _ => glossary::import(path, bytes, glossary::Dialect::Tab).map(|m| m.items.len()),
    };
    r.map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_fail_cleanly(
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        len in 0..40usize,
        splice in proptest::collection::vec(any::<u8>(), 0..12),
    ) {
        let files = fixtures();
        let (path, bytes) = &files[which.index(files.len())];
        let at = cut.index(bytes.len() + 1);
        let mut damaged = bytes[..at].to_vec();
        damaged.extend(&splice);
        damaged.extend(&bytes[(at + len).min(bytes.len())..]);
        if let Err(e) = import(path, &damaged) {
            prop_assert!(e.contains(path.file_name().unwrap().to_str().unwrap()), "{e}");
        }
    }
}

#[test]
fn deep_nesting_is_refused() {
    let doc = format!(
        "<tmx>{}{}</tmx>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let e = tmx::import(
        Path::new("deep.tmx"),
        doc.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("deep.tmx:1:") && e.to_string().contains("nested deeper"),
        "{e}"
    );
}
