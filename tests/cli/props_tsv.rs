//! Property tests: any Unicode string survives the TSV codec and a memory save → load.

use concord::memory::{Entry, Memory};
use concord::tsv;
use proptest::prelude::*;
use std::path::Path;

/// Any Unicode, weighted towards what breaks TSV codecs: tabs, newlines, CR,
/// backslashes, escape look-alikes, a BOM, quotes and `#`.
fn nasty_string() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        3 => any::<char>(),
        3 => prop::sample::select(vec![
            '\t', '\n', '\r', '\\', 't', 'n', 'r', '\u{feff}', '"', '\'', '«', '»', '„', '“', '#',
            ' ', '\u{a0}', '\0', 'ё', 'Ж',
        ]),
    ];
    prop::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
}

fn entry() -> impl Strategy<Value = (String, String, String)> {
    (nasty_string(), nasty_string(), nasty_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn escape_then_unescape_is_identity(s in nasty_string()) {
        let e = tsv::escape(&s);
        prop_assert!(!e.contains(['\t', '\n', '\r']));
        prop_assert_eq!(tsv::unescape(&e).map_err(|(c, m)| format!("{c}: {m}")), Ok(s));
    }

    #[test]
    fn escape_then_parse_gives_the_fields_back(rows in prop::collection::vec((nasty_string(), nasty_string()), 1..8)) {
        let text = tsv::to_string(&["a", "b"], rows.iter().map(|(a, b)| vec![a.clone(), b.clone()]));
        let opts = tsv::ReadOptions {
            default_header: &["a", "b"],
            min_headerless_fields: 2,
            is_header: |_| true,
            comments: false,
        };
        let table = tsv::parse(Path::new("p.tsv"), text.as_bytes(), &opts).unwrap();
        prop_assert_eq!(table.header, vec!["a".to_string(), "b".to_string()]);
        let got: Vec<(String, String)> = table.rows.into_iter().map(|r| (r.fields[0].clone(), r.fields[1].clone())).collect();
        prop_assert_eq!(got, rows);
    }

    #[test]
    fn memory_save_then_open_is_lossless(entries in prop::collection::vec(entry(), 1..8)) {
        let dir = crate::util::tempdir();
        let path = dir.path().join("m.tsv");
        let mut m = Memory::default();
        for (ru, en, note) in &entries {
            let mut e = Entry::new(ru.clone(), en.clone());
            e.note = note.clone();
            m.entries.push(e);
        }
        m.save(&path).unwrap();
        let back = Memory::open(&path).unwrap();
        let got: Vec<(String, String, String)> = back.entries.into_iter().map(|e| (e.ru, e.en, e.note)).collect();
        prop_assert_eq!(got, entries);
    }
}
