//! Plain-text and Markdown renderings of an [`Edition`].
//!
//! Plain text is the publishable document: one paragraph a line, on the source's line,
//! fuzzy English as is (the coverage summary lists each fuzzy sentence for review) and a
//! missing sentence as its Russian in `⟦…⟧`. Markdown is the editor's copy: paragraphs
//! separated by blank lines, every fuzzy sentence carries a footnote giving its score, the
//! memory entry it came from and the Russian that entry translates, so the reviewer sees
//! what differs.

use std::fmt::Write as _;

use super::{Edition, Status};

/// Renders the edition as plain text with the source's layout (lines, indentation).
///
/// ```
/// # let ed = concord::edition::Edition { paragraphs: vec![], terms: vec![], lines: 0, final_newline: false, coverage: Default::default() };
/// assert_eq!(concord::edition::render::text(&ed), "");
/// ```
pub fn text(edition: &Edition) -> String {
    let mut out = String::new();
    let mut paras = edition.paragraphs.iter().peekable();
    for line in 1..=edition.lines {
        if let Some(p) = paras.next_if(|p| p.line == line) {
            out.push_str(&p.english());
        }
        if line < edition.lines || edition.final_newline {
            out.push('\n');
        }
    }
    out
}

/// Renders the edition as Markdown: one paragraph per block, fuzzy sentences footnoted.
pub fn markdown(edition: &Edition) -> String {
    let mut out = String::new();
    let mut notes = String::new();
    let mut n = 0;
    for (i, p) in edition.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, s) in p.sentences.iter().enumerate() {
            let text = match &s.en {
                Some(en) => escape(en),
                None => format!("⟦{}⟧", escape(&s.ru)),
            };
            if j == 0 {
                out.push_str(&escape_start(&text));
            } else {
                out.push(' ');
                out.push_str(&text);
            }
            if let Status::Fuzzy(score) = s.status {
                n += 1;
                let _ = write!(out, "[^{n}]");
                let _ = write!(
                    notes,
                    "[^{n}]: Fuzzy match ({score:.0}%), source line {}: the memory's English is for «{}»",
                    p.line,
                    escape(s.matched_ru.as_deref().unwrap_or("")),
                );
                if let Some(o) = s.origin.as_ref().filter(|o| o.line > 0) {
                    let _ = write!(notes, " ({}:{})", o.path.display(), o.line);
                }
                let _ = writeln!(notes, "; the source has «{}».", escape(&s.ru));
            }
        }
        out.push('\n');
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

/// Escapes the characters Markdown reads as inline syntax.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what Markdown reads as block syntax at the start of a paragraph: headings,
/// quotes, list markers, numbered lists.
fn escape_start(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    match s.chars().next() {
        Some('#' | '+' | '-' | '=' | '~') => format!("\\{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::tests::sample_edition;

    #[test]
    fn text_keeps_lines_and_marks_missing() {
        let ed = sample_edition();
        assert_eq!(
            text(&ed),
            "  The first sentence. The second sentence.\n\nThe CIS was created in 1991 in Minsk. ⟦Третье без пробела.⟧\n"
        );
    }

    #[test]
    fn text_without_final_newline_stays_without() {
        let mut ed = sample_edition();
        ed.final_newline = false;
        assert!(text(&ed).ends_with("⟧"));
    }

    #[test]
    fn markdown_footnotes_fuzzy_sentences() {
        let md = markdown(&sample_edition());
        assert_eq!(
            md,
            "The first sentence. The second sentence.\n\nThe CIS was created in 1991 in Minsk.[^1] ⟦Третье без пробела.⟧\n\n[^1]: Fuzzy match (88%), source line 3: the memory's English is for «СНГ создано в 1991 г. в Минске.»; the source has «СНГ создано в 1991 г. в Алматы.».\n"
        );
    }

    #[test]
    fn markdown_escapes_syntax() {
        assert_eq!(escape("a*b_[c]<d>"), "a\\*b\\_\\[c\\]\\<d\\>");
        assert_eq!(escape_start("1991. Year"), "1991\\. Year");
        assert_eq!(escape_start("# x"), "\\# x");
        assert_eq!(escape_start("1991 year"), "1991 year");
    }
}
