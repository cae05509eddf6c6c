//! Shared text primitives: normalisation for matching, word tokens, positions, scripts.
//!
//! concord never normalises what it stores or prints; these functions produce *keys*
//! used only to compare text (memory lookup, termbase matching, consistency checks).

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
        match c {
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'а'..='я' => out.push(c),
            c => fold_char_into(c, &mut out),
        }
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
#[inline]
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        'ё' | 'Ё' => out.push('е'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// A word token: a maximal run of letters, digits and marks, with inner hyphens and
/// apostrophes kept ("Kazakhstan’s", "военно-политический", "1999–2005" is three tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the token in the text.
    pub start: usize,
    /// The token text, borrowed from the input.
    pub text: &'a str,
}

impl Token<'_> {
    /// Byte offset one past the token's end.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining diacritics (U+0300..U+036F) such as the stress mark in "за́мок".
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2011}')
}

/// Splits text into word tokens with byte offsets.
///
/// ```
/// let toks: Vec<&str> = concord::text::words("Kazakhstan’s ОДКБ-2, 3,5%").map(|t| t.text).collect();
/// assert_eq!(toks, ["Kazakhstan’s", "ОДКБ-2", "3", "5"]);
/// ```
pub fn words(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut it = s.char_indices().peekable();
    std::iter::from_fn(move || {
        // skip to the first word char
        let (start, _) = loop {
            let (i, c) = it.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = s.len();
        while let Some(&(i, c)) = it.peek() {
            if is_word_char(c) {
                it.next();
                continue;
            }
            if is_joiner(c) {
                // keep the joiner only when a word char follows it
                let next = s[i + c.len_utf8()..].chars().next();
                if next.is_some_and(is_word_char) {
                    it.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some(Token {
            start,
            text: &s[start..end],
        })
    })
}

/// Returns the 1-based character column of a byte offset within a line.
///
/// Output positions are in characters because editors count a Cyrillic letter as one
/// column although it is two bytes in UTF-8.
pub fn char_column(line: &str, byte: usize) -> usize {
    line[..byte.min(line.len())].chars().count() + 1
}

/// Returns the 1-based line number and 1-based character column of a byte offset in a text.
pub fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count() + 1;
    (line, char_column(&text[line_start..], byte - line_start))
}

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
        fn fast_path_equals_the_normalising_path(s in "[a-zA-Zа-яА-ЯёЁЀ-џ0-9 \t.,«»\\-'’\u{2011}\u{2014}\u{0301}\u{0308}\u{00C0}-\u{00FF}\u{2000}\u{2116}ǅ]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_chars(s.nfc(), s.len()));
        }
    }

    #[test]
    fn words_keep_inner_hyphen_and_apostrophe_but_not_trailing() {
        let t: Vec<_> = words("the CIS's - post-Soviet' «Назарбаева»")
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["the", "CIS's", "post-Soviet", "Назарбаева"]);
    }

    #[test]
    fn token_offsets_are_bytes() {
        let s = "ОДКБ и CSTO";
        let t: Vec<_> = words(s).collect();
        assert_eq!(&s[t[2].start..t[2].end()], "CSTO");
    }

    #[test]
    fn columns_are_characters() {
        assert_eq!(char_column("ОДКБ и CSTO", "ОДКБ и ".len()), 8);
        assert_eq!(line_column("аб\nвг д", "аб\nвг ".len()), (2, 4));
    }

    #[test]
    fn script_detection() {
        assert_eq!(script('O'), Script::Latin);
        assert_eq!(script('О'), Script::Cyrillic);
        assert!(has_cyrillic("Nazarbayevа"));
    }
}
