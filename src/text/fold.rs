//! Folding text into matching keys: NFC, lower case, ё→е, whitespace runs as one space.

use unicode_normalization::UnicodeNormalization;

/// Folds text into a matching key: NFC, lower case, ё→е, whitespace runs to one space, trimmed.
///
/// Why: a translator expects "Ёлка", "елка" and "ЕЛКА " to be the same segment in a
/// memory lookup, while the stored text keeps its original spelling.
///
/// ```
/// assert_eq!(concord::text::fold("  Ёлка\tи  ЁЖ "), "елка и еж");
/// ```
pub fn fold(s: &str) -> String {
    // Most segments are Latin, Cyrillic and punctuation, which NFC leaves alone: skip
    // the normaliser for them (it dominates the cost of indexing a large memory).
    if s.chars().all(nfc_inert) {
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfc(), s.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        fold_char_into(c, &mut out);
    }
    out
}

/// True for characters that are unchanged by NFC in any context (no combining marks,
/// no singleton decompositions, not the second half of a composition).
#[inline]
fn nfc_inert(c: char) -> bool {
    let u = c as u32;
    u < 0x300
        || (0x400..=0x45F).contains(&u)
        || (0x2010..=0x2027).contains(&u)
        || (0x2030..=0x205E).contains(&u)
        || u == 0x2116
}

/// Appends the folded (lower-cased, ё→е) form of one character.
///
/// ASCII and basic Cyrillic take a fast path; a property test proves it equal to the
/// plain `char::to_lowercase` form.
#[inline]
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        'ё' | 'Ё' => out.push('е'),
        'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'а'..='я' => out.push(c),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_handles_nfd_yo_and_case() {
        // "Ё" written as Е + combining diaeresis (NFD) folds like the precomposed letter.
        assert_eq!(fold("Е\u{0308}лка"), "елка");
        assert_eq!(fold("ЁЛКА"), "елка");
        assert_eq!(fold("\u{feff}"), "\u{feff}");
    }

    #[test]
    fn inert_characters_are_nfc_alone() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u).filter(|&c| nfc_inert(c)) {
                let s = c.to_string();
                assert_eq!(s.nfc().collect::<String>(), s, "U+{u:04X}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_char_fast_path_equals_to_lowercase(c in proptest::char::any()) {
            let mut fast = String::new();
            fold_char_into(c, &mut fast);
            let plain: String = match c {
                'ё' | 'Ё' => "е".into(),
                c => c.to_lowercase().collect(),
            };
            proptest::prop_assert_eq!(fast, plain);
        }

        #[test]
        fn fast_path_equals_the_normalising_path(s in "[a-zA-Zа-яА-ЯёЁЀ-џ0-9 \t.,«»\\-'’\u{2011}\u{2014}\u{0301}\u{0308}\u{00C0}-\u{00FF}\u{2000}\u{2116}ǅ]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_chars(s.nfc(), s.len()));
        }
    }
}
