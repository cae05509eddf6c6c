//! Damaged files never panic an importer: every fixture, cut and spliced at random,
//! either imports or fails with an error that names the file.

use std::path::{Path, PathBuf};

use concord::formats::{glossary, tbx, tmx, xliff, ImportOptions};
use proptest::prelude::*;

fn fixtures() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop");
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
