//! Another tool reads what concord writes: concord's TMX, TBX and XLIFF output is loaded
//! with translate-toolkit (scripts/interop/translate_toolkit_check.py) and the units it
//! sees are checked. Skipped with a note when translate-toolkit is not installed
//! (CI installs it: .ci/deps.d/interop.sh).

use std::path::Path;
use std::process::Command;

use concord::formats::xliff::{write_xliff12, UnitState, XliffDoc, XliffUnit};
use concord::formats::{export_memory, export_termbase, MemoryFormat, TermbaseFormat};
use concord::memory::{Entry, Memory};
use concord::termbase::{Concept, Termbase};

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
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/interop/translate_toolkit_check.py");
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
    let dir = tempfile::tempdir().unwrap();

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
