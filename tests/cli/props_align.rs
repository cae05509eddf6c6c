//! Property tests of the aligner: every alignment covers each sentence of both sides
//! exactly once, in order, with shapes the dynamic program allows, whether the table is
//! searched in full or coarse to fine in a band.

use concord::align::cost::SHAPES;
use concord::align::eval::synthetic;
use concord::align::{align, AlignOptions, Bead};
use proptest::prelude::*;

fn check_cover(beads: &[Bead], n: usize, m: usize) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        prop_assert_eq!(b.ru.start, i, "Russian gap or overlap at bead {:?}", b);
        prop_assert_eq!(b.en.start, j, "English gap or overlap at bead {:?}", b);
        prop_assert!(
            SHAPES.contains(&(b.ru.len(), b.en.len())),
            "shape {}-{} not allowed",
            b.ru.len(),
            b.en.len()
        );
        prop_assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
        i = b.ru.end;
        j = b.en.end;
    }
    prop_assert_eq!((i, j), (n, m));
    Ok(())
}

fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        "[а-я ]{0,80}[.?]",
        "[A-Za-z ]{0,80}[.!]",
        "(Ташкент|Tashkent|2021|«да»|\"yes\"|\\(1\\)|) [а-яa-z]{1,30}",
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn covers_every_sentence_once(
        ru in prop::collection::vec(sentence(), 0..30),
        en in prop::collection::vec(sentence(), 0..30),
        anchors in any::<bool>(),
        banded in any::<bool>(),
    ) {
        let r: Vec<&str> = ru.iter().map(String::as_str).collect();
        let e: Vec<&str> = en.iter().map(String::as_str).collect();
        let opts = AlignOptions {
            anchors,
            // a tiny full table forces the coarse-to-fine banded search
            full_cells: if banded { 16 } else { 1_000_000 },
            band: if banded { 2 } else { 12 },
            ..AlignOptions::default()
        };
        let beads = align(&r, &e, &opts);
        check_cover(&beads, r.len(), e.len())?;
    }

    #[test]
    fn paragraphs_never_break_coverage(
        ru in prop::collection::vec((sentence(), 0..3usize), 1..20),
        en in prop::collection::vec((sentence(), 0..3usize), 1..20),
    ) {
        let r: Vec<&str> = ru.iter().map(|s| s.0.as_str()).collect();
        let e: Vec<&str> = en.iter().map(|s| s.0.as_str()).collect();
        let para = |v: &[(String, usize)]| -> Vec<usize> {
            v.iter().scan(0, |p, s| { *p += usize::from(s.1 == 0); Some(*p) }).collect()
        };
        let (rp, ep) = (para(&ru), para(&en));
        let opts = AlignOptions { ru_paragraphs: &rp, en_paragraphs: &ep, ..AlignOptions::default() };
        check_cover(&align(&r, &e, &opts), r.len(), e.len())?;
    }
}

#[test]
fn banded_search_matches_full_search_on_a_generated_document() {
    let pair = synthetic(600, 7);
    let r: Vec<&str> = pair.ru.iter().map(String::as_str).collect();
    let e: Vec<&str> = pair.en.iter().map(String::as_str).collect();
    let full = align(&r, &e, &AlignOptions::default());
    let banded = align(
        &r,
        &e,
        &AlignOptions {
            full_cells: 1_000,
            ..AlignOptions::default()
        },
    );
    check_cover(&banded, r.len(), e.len()).unwrap();
    let key = |b: &Bead| (b.ru.clone(), b.en.clone());
    let full_set: std::collections::HashSet<_> = full.iter().map(key).collect();
    let same = banded.iter().filter(|b| full_set.contains(&key(b))).count();
    assert!(
        same * 100 >= full.len() * 98,
        "banded search diverged: {same} of {} beads agree",
        full.len()
    );
}
