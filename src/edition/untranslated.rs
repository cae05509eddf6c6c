//! The to-translate list: missing sentences as a memory TSV with an empty `en` column.
//!
//! The translator fills in `en` and merges the file back with `concord memory import`;
//! the next `concord edition` then finds the sentences as exact matches. The `note`
//! column says where each sentence is in the source (`file:line:column`).

use super::{Edition, Status};

/// Renders the missing sentences as memory TSV (columns `ru`, `en`, `note`), one row per distinct
/// sentence (compared after normalisation), in document order.
///
/// ```
/// # let ed = concord::edition::Edition { paragraphs: vec![], terms: vec![], lines: 0, final_newline: false, coverage: Default::default() };
/// assert_eq!(concord::edition::untranslated::tsv(&ed, "doc.ru.txt"), "ru\ten\tnote\n");
/// ```
pub fn tsv(edition: &Edition, source_name: &str) -> String {
    let mut out = String::new();
    crate::tsv::write_record(&mut out, &["ru", "en", "note"]);
    let mut seen = std::collections::HashSet::new();
    for (p, s) in edition.sentences() {
        if s.status != Status::Missing || !seen.insert(crate::text::fold(&s.ru)) {
            continue;
        }
        let note = format!("{source_name}:{}:{}", p.line, s.column);
        crate::tsv::write_record(&mut out, &[s.ru.as_str(), "", note.as_str()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::tests::sample_edition;
    use crate::memory::Memory;

    #[test]
    fn lists_missing_sentences_once_and_reads_back_as_memory() {
        let mut ed = sample_edition();
        // the same sentence twice (differing in case) is listed once
        let mut dup = ed.paragraphs[1].clone();
        dup.line = 5;
        dup.sentences[1].ru = dup.sentences[1].ru.to_uppercase();
        ed.paragraphs.push(dup);
        let tsv = tsv(&ed, "doc.ru.txt");
        assert_eq!(
            tsv,
            "ru\ten\tnote\nТретье без пробела.\t\tdoc.ru.txt:3:34\n"
        );
        let m = Memory::parse(std::path::Path::new("u.tsv"), tsv.as_bytes()).unwrap();
        assert_eq!(m.entries.len(), 1);
        assert_eq!(
            (m.entries[0].en.as_str(), m.entries[0].note.as_str()),
            ("", "doc.ru.txt:3:34")
        );
    }
}
