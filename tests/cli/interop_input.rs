//! Languages and encodings of imported files: no ru/en pair is an input error naming
//! the languages (exit 2), UTF-16 without a byte-order mark is read, an empty folder
//! named `*.tsv` is not a memory, and a header of unknown columns is refused.

use crate::util::{concord, tempdir};

fn utf16(s: &str, big: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn a_file_without_the_pair_exits_2_naming_its_languages() {
    let Some(f) = crate::util::shared(
        "interop-more/tmx/translate-toolkit-en-US-en-GB-fr-sr-4langs.tmx",
        "real-file test",
    ) else {
        return;
    };
    let dir = tempdir();
    let out = concord()
        .args(["memory", "import", "--memory"])
        .arg(dir.path().join("m.tsv"))
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("languages in the file: en-US, en-GB, fr, sr"),
        "{err}"
    );
    assert!(!dir.path().join("m.tsv").exists());
}

#[test]
fn utf16_without_bom_is_read_in_both_byte_orders() {
    let dir = tempdir();
    for big in [false, true] {
        let tsv = dir.path().join(format!("m{big}.tsv"));
        std::fs::write(&tsv, utf16("ru\ten\nДа\tYes\n", big)).unwrap();
        let m = concord::memory::Memory::open(&tsv).unwrap();
        assert_eq!(
            (m.entries[0].ru.as_str(), m.entries[0].en.as_str()),
            ("Да", "Yes")
        );
        let tmx = dir.path().join(format!("m{big}.tmx"));
        std::fs::write(
            &tmx,
            utf16("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"ru\"><seg>Да</seg></tuv><tuv xml:lang=\"en\"><seg>Yes</seg></tuv></tu></body></tmx>", big),
        )
        .unwrap();
        let m = concord::formats::import_memory(&tmx).unwrap();
        assert_eq!(m.items[0].ru, "Да");
    }
}

#[test]
fn an_empty_folder_named_tsv_is_not_a_memory() {
    let dir = tempdir();
    let m = dir.path().join("memory.tsv");
    std::fs::create_dir(&m).unwrap();
    let out = concord()
        .args(["memory", "stats", "--memory"])
        .arg(&m)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a folder with no .tsv files in it"),
        "{err}"
    );
}

#[test]
fn a_header_of_unknown_columns_is_refused_with_the_expected_ones() {
    let dir = tempdir();
    let tb = dir.path().join("vocab.tsv");
    std::fs::write(&tb, "term\tstatus\tpreferred\nfoo\tforbidden\tbar\n").unwrap();
    let e = concord::termbase::Termbase::open(&tb)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("vocab.tsv:1:1: the header names columns concord does not know (term, status, preferred); expected id, ru, en"),
        "{e}"
    );
    let e = concord::memory::Memory::open(&tb).unwrap_err().to_string();
    assert!(e.contains("expected ru, en, note"), "{e}");
}
