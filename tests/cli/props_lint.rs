//! Invariants of prose masking and suppression parsing, on arbitrary text.

use concord::lint::prose::{mask, Markup};
use concord::lint::suppress::Suppressions;
use proptest::prelude::*;

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("<!-- ".to_string()),
        Just(" -->".to_string()),
        Just("<b>".to_string()),
        Just("](http://x.y/z)".to_string()),
        Just("https://a.b/c ".to_string()),
        Just("&amp;".to_string()),
        Just("\n\n    ".to_string()),
        Just("- ".to_string()),
        Just("---\n".to_string()),
        "[a-zA-Zа-яё ,.\n]{0,12}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn masking_keeps_length_lines_and_unmasked_bytes(s in markdownish(), html in any::<bool>()) {
        let markup = if html { Markup::Html } else { Markup::Markdown };
        let m = mask(&s, markup);
        prop_assert_eq!(m.text.len(), s.len());
        for (a, b) in s.bytes().zip(m.text.bytes()) {
            // every byte is kept or blanked; line ends always stay
            prop_assert!(a == b || b == b' ', "{a} became {b}");
            if a == b'\n' {
                prop_assert_eq!(b, b'\n');
            }
        }
        for r in &m.comments {
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        }
    }

    #[test]
    fn suppression_parsing_never_panics(s in markdownish()) {
        let m = mask(&s, Markup::Markdown);
        let _ = Suppressions::from_comments(&s, &m.comments);
        let _ = Suppressions::from_plain(&s);
    }
}
