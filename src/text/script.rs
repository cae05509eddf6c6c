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
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| script(c) == Script::Cyrillic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_detection() {
        assert_eq!(script('O'), Script::Latin);
        assert_eq!(script('О'), Script::Cyrillic);
        assert!(has_cyrillic("Nazarbayevа"));
    }
}
