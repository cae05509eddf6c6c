//! Shared text primitives: normalisation for matching, word tokens, positions, scripts.
//!
//! concord never normalises what it stores or prints; these functions produce *keys*
//! used only to compare text (memory lookup, termbase matching, consistency checks).

pub mod fold;
pub mod hash;
pub mod intern;
pub mod lang;
pub mod lemma;
pub mod script;
pub mod stem;
pub mod tokens;

pub use fold::{fold, fold_char_into};
pub use lang::Lang;
pub use script::{has_cyrillic, script, Script};
pub use tokens::{words, Token};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_characters() {
        assert_eq!(char_column("ОДКБ и CSTO", "ОДКБ и ".len()), 8);
        assert_eq!(line_column("аб\nвг д", "аб\nвг ".len()), (2, 4));
    }
}
