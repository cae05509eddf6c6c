//! Scripts: Latin and Cyrillic letter classes.

/// The writing system of a character, as far as concord cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters (English).
    Latin,
    /// Cyrillic letters (Russian).
    Cyrillic,
    /// Anything else: digits, punctuation, other scripts.
    Other,
}

/// Classifies a character's script.
pub fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// True when the text contains at least one Cyrillic letter.
///
/// A byte scan without decoding (the checker asks it of every segment); a property
/// test proves it equal to asking [`script`] of every character.
pub fn has_cyrillic(s: &str) -> bool {
    let b = s.as_bytes();
    // U+0400–U+04FF have the lead bytes 0xD0–0xD3; U+0500–U+052F are 0xD4 0x80–0xAF
    b.iter().enumerate().any(|(i, &x)| {
        matches!(x, 0xD0..=0xD3) || (x == 0xD4 && b.get(i + 1).is_some_and(|&n| n < 0xB0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_detection() {
        assert_eq!(script('O'), Script::Latin);
        assert_eq!(script('О'), Script::Cyrillic);
        assert!(has_cyrillic("Nazarbayevа"));
        assert!(!has_cyrillic("Ա"));
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_equals_char_scripts(s in "[a-zA-Z0-9 ёЁа-яА-ЯЀ-ӿԀ-ԯԱ-Ֆ\u{0300}\u{00e9}\u{4e2d}]{0,20}") {
            proptest::prop_assert_eq!(has_cyrillic(&s), s.chars().any(|c| script(c) == Script::Cyrillic));
        }
    }
}
