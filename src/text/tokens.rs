//! Word tokens: [`words`] (a maximal run of letters, digits and marks) and the
//! hyphen-split [`sub_tokens`] the term matcher and the checker walk.

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

/// A sub-word token: a word split at hyphens, with a flag for "joined by a hyphen".
#[derive(Debug, Clone, Copy)]
pub struct SubToken<'a> {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset one past the end (for the last part of a possessive word, the end
    /// of the whole word).
    pub end: usize,
    /// The part's text (possessive removed for English).
    pub text: &'a str,
    /// True when a hyphen joins this part to the previous one.
    pub joined: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2011}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => {
            true
        }
        c if c.is_ascii() => false,
        c => c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c),
    }
}

/// Splits text into word tokens with byte offsets.
///
/// ASCII and basic Cyrillic are classified byte by byte without decoding (the checker
/// tokenises every segment of a large memory, and `lint` every line of a repository);
/// a property test proves it equal to the plain char-by-char tokeniser.
///
/// ```
/// let toks: Vec<&str> = concord::text::words("Kazakhstan’s ОДКБ-2, 3,5%").map(|t| t.text).collect();
/// assert_eq!(toks, ["Kazakhstan’s", "ОДКБ-2", "3", "5"]);
/// ```
pub fn words(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    words_flagged(s).map(|(t, _)| t)
}

/// [`words`], each word with a flag: true when a hyphen (`-` or U+2011) joins
/// two of its parts, so that [`sub_tokens`] splits only those words.
fn words_flagged(s: &str) -> impl Iterator<Item = (Token<'_>, bool)> + '_ {
    let b = s.as_bytes();
    let decode = move |i: usize| s[i..].chars().next().unwrap_or(' ');
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            match BYTE_CLASS[b[i] as usize] {
                WORD => break,
                OTHER => i += 1,
                _ if matches!(b[i], 0xD0 | 0xD1) => break,
                _ => {
                    let ch = decode(i);
                    if is_word_char(ch) {
                        break;
                    }
                    i += ch.len_utf8();
                }
            }
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        let mut hyphen = false;
        while i < b.len() {
            // eight bytes at a time while they are ASCII letters and digits
            if let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let other = !ascii_alnum_bytes(word) & HIGH_BITS;
                if other == 0 {
                    i += 8;
                    continue;
                }
                i += (other.trailing_zeros() / 8) as usize;
            }
            let class = BYTE_CLASS[b[i] as usize];
            if class == WORD {
                i += 1;
                continue;
            }
            if class == OTHER {
                break;
            }
            // U+0400–U+047F (lead bytes 0xD0, 0xD1) are word characters
            if matches!(b[i], 0xD0 | 0xD1) {
                i += 2;
                continue;
            }
            let ch = if b[i] < 0x80 { b[i] as char } else { decode(i) };
            let len = ch.len_utf8();
            if class == MULTIBYTE && is_word_char(ch) {
                i += len;
                continue;
            }
            // a hyphen or apostrophe joins two word characters
            if matches!(ch, '-' | '\'' | '’' | '\u{2011}')
                && i + len < b.len()
                && is_word_char(decode(i + len))
            {
                hyphen |= is_hyphen(ch);
                i += len;
                continue;
            }
            break;
        }
        let word = Token {
            start,
            text: &s[start..i],
        };
        Some((word, hyphen))
    })
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies strictly between `m` and `n` (both at
/// most 127; bytes from 0x80 up are never flagged). Exact per byte: neither the
/// subtraction nor the addition carries across bytes (after Sean Anderson's
/// "Bit Twiddling Hacks", `hasbetween`).
#[inline]
const fn bytes_between(x: u64, m: u64, n: u64) -> u64 {
    let low7 = x & (LOW_BITS * 127);
    (LOW_BITS * (127 + n)).wrapping_sub(low7)
        & !x
        & low7.wrapping_add(LOW_BITS * (127 - m))
        & HIGH_BITS
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
const fn ascii_alnum_bytes(x: u64) -> u64 {
    bytes_between(x, b'0' as u64 - 1, b'9' as u64 + 1)
        | bytes_between(x, b'A' as u64 - 1, b'Z' as u64 + 1)
        | bytes_between(x, b'a' as u64 - 1, b'z' as u64 + 1)
}

const OTHER: u8 = 0;
const WORD: u8 = 1;
const JOINER: u8 = 2;
const MULTIBYTE: u8 = 3;

/// How [`words`] treats a byte: an ASCII letter or digit, an ASCII joiner
/// (`-`, `'`), another ASCII byte, or the start or middle of a multibyte character.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b'-' || c == b'\'' {
            JOINER
        } else if c >= 0x80 {
            MULTIBYTE
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Splits text into hyphen-separated sub-tokens; English possessives are removed.
pub fn sub_tokens(text: &str, english: bool) -> Vec<SubToken<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for (w, hyphenated) in words_flagged(text) {
        let body = if english {
            strip_possessive(w.text)
        } else {
            w.text
        };
        let mut offset = 0;
        let mut first = true;
        if !hyphenated || !body.contains(is_hyphen) {
            out.push(SubToken {
                start: w.start,
                end: w.end(),
                text: body,
                joined: false,
            });
            continue;
        }
        let parts: Vec<&str> = body.split(is_hyphen).collect();
        let last = parts.len() - 1;
        for (k, p) in parts.iter().enumerate() {
            let start = w.start + offset;
            offset += p.len();
            if !p.is_empty() {
                out.push(SubToken {
                    start,
                    end: if k == last { w.end() } else { start + p.len() },
                    text: p,
                    joined: !first,
                });
                first = false;
            }
            // skip the hyphen (1 byte for '-', 3 for U+2011)
            if k < last {
                let h = body[offset..].chars().next().map_or(1, char::len_utf8);
                offset += h;
            }
        }
    }
    out
}

/// Strips an English possessive: `Kazakhstan’s`, `CIS's` → stem; `states'` → `states`.
#[inline]
pub fn strip_possessive(token: &str) -> &str {
    // every possessive ends in s, S, ' or ’ (whose last byte is 0x99)
    if !matches!(token.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return token;
    }
    strip_possessive_slow(token)
}

fn strip_possessive_slow(token: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(s) = token.strip_suffix(suf) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    for suf in ["'", "’"] {
        if let Some(s) = token.strip_suffix(suf) {
            if s.ends_with('s') {
                return s;
            }
        }
    }
    token
}

/// The plain char-by-char tokeniser that [`words`] is proven equal to.
#[cfg(test)]
mod plain {
    use super::Token;

    fn is_word_char_plain(c: char) -> bool {
        c.is_alphanumeric() || is_mark(c)
    }

    fn is_mark(c: char) -> bool {
        // Combining diacritics (U+0300..U+036F) such as the stress mark in "за́мок".
        ('\u{0300}'..='\u{036F}').contains(&c)
    }

    fn is_joiner(c: char) -> bool {
        matches!(c, '-' | '\'' | '’' | '\u{2011}')
    }

    /// The plain tokeniser [`words`] is proven equal to.
    pub(super) fn words_plain(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
        let mut it = s.char_indices().peekable();
        std::iter::from_fn(move || {
            // skip to the first word char
            let (start, _) = loop {
                let (i, c) = it.next()?;
                if is_word_char_plain(c) {
                    break (i, c);
                }
            };
            let mut end = s.len();
            while let Some(&(i, c)) = it.peek() {
                if is_word_char_plain(c) {
                    it.next();
                    continue;
                }
                if is_joiner(c) {
                    // keep the joiner only when a word char follows it
                    let next = s[i + c.len_utf8()..].chars().next();
                    if next.is_some_and(is_word_char_plain) {
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
}

#[cfg(test)]
mod tests {
    use super::plain::words_plain;
    use super::*;
    use crate::text::intern::{token_ids, token_ids_in};

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
    fn ascii_alnum_bytes_flags_exactly_the_letters_and_digits() {
        for filler in [0u8, 0xFF, b'a', b'/', b'Z', 0x80] {
            for v in 0..=255u8 {
                for lane in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[lane] = v;
                    let flags = ascii_alnum_bytes(u64::from_le_bytes(bytes));
                    for (k, &byte) in bytes.iter().enumerate() {
                        let flagged = flags >> (8 * k + 7) & 1 == 1;
                        assert_eq!(
                            flagged,
                            byte.is_ascii_alphanumeric(),
                            "{byte:#x} in lane {k}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte-level tokeniser cuts exactly the words `text::words` cuts.
        #[test]
        fn fast_words_equal_text_words(s in "[a-zA-Z0-9 \\-'’\u{2011}.,«»ёЁа-яА-Я\u{0301}\u{00e9}\u{4e2d}\t\n/:@\\[`{]{0,40}") {
            let fast: Vec<(usize, &str)> = words(&s).map(|t| (t.start, t.text)).collect();
            let slow: Vec<(usize, &str)> = words_plain(&s).map(|t| (t.start, t.text)).collect();
            proptest::prop_assert_eq!(fast, slow);
            // equal texts get equal ids, different texts different ids
            let toks = sub_tokens(&s, true);
            let ids = token_ids_in(&s, &toks).ids;
            proptest::prop_assert_eq!(&ids, &token_ids(&toks).ids);
            for (a, ta) in toks.iter().enumerate() {
                for (b, tb) in toks.iter().enumerate() {
                    proptest::prop_assert_eq!(ta.text == tb.text, ids[a] == ids[b]);
                }
            }
            for (w, hyphenated) in words_flagged(&s) {
                proptest::prop_assert_eq!(hyphenated, w.text.contains(is_hyphen), "{}", w.text);
            }
        }
    }
}
