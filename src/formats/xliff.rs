//! XLIFF 1.2 export (for CAT tools) and XLIFF 1.2 / 2.0 import (into the memory).
//!
//! [`write_xliff12`] writes a document's segments with their memory matches for
//! OmegaT, Trados or memoQ: exact matches as `state="translated"`, fuzzy matches as
//! `state="needs-review-translation"` with the score in an `<alt-trans
//! match-quality>` and a note, unmatched segments as `state="new"`.

use super::xml::{ctrl_name, escape_attr, escape_text, xml_char};
use super::{Error, ImportOptions, Imported};
use crate::memory::Entry;

/// Reads an XLIFF 1.2 or 2.0 file (stub until the reader lands).
pub(crate) fn import(
    path: &std::path::Path,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported<Entry>, Error> {
    let _ = (path, bytes, opts);
    Ok(Imported::default())
}

/// The translation state of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// Translated (an exact memory match or a finished translation).
    Translated,
    /// A fuzzy memory match that needs review.
    Fuzzy,
    /// Not translated.
    New,
}

/// One unit (segment) of an XLIFF document.
#[derive(Debug, Clone, PartialEq)]
pub struct XliffUnit {
    /// The unit id, unique in the document.
    pub id: String,
    /// The source text.
    pub source: String,
    /// The target text, if any.
    pub target: Option<String>,
    /// The state of the target.
    pub state: UnitState,
    /// The match score (0..=100) of a memory match.
    pub score: Option<f64>,
    /// A note for the translator.
    pub note: Option<String>,
}

/// An XLIFF document: one source file's units.
#[derive(Debug, Clone, PartialEq)]
pub struct XliffDoc {
    /// The original file name (`original` attribute).
    pub original: String,
    /// The source language tag (`ru`).
    pub source_lang: String,
    /// The target language tag (`en`).
    pub target_lang: String,
    /// The units, in document order.
    pub units: Vec<XliffUnit>,
}

/// Writes text content; characters XML 1.0 cannot carry become
/// `<ph id="ctrlN" ctype="x-concord-ctrl">U+0001</ph>` so nothing is lost.
fn content(s: &str, out: &mut String) {
    let mut n = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if !xml_char(c) {
            escape_text(&s[start..i], out);
            n += 1;
            out.push_str(&format!(
                "<ph id=\"ctrl{n}\" ctype=\"x-concord-ctrl\">{}</ph>",
                ctrl_name(c)
            ));
            start = i + c.len_utf8();
        }
    }
    escape_text(&s[start..], out);
}

fn format_score(s: f64) -> String {
    let r = (s * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// Serialises a document as XLIFF 1.2 (UTF-8, `xml:space="preserve"` on every unit).
pub fn write_xliff12(doc: &XliffDoc) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\" tool-id=\"concord\">\n",
        escape_attr(&doc.original),
        escape_attr(&doc.source_lang),
        escape_attr(&doc.target_lang)
    ));
    out.push_str(
        "    <header>\n      <tool tool-id=\"concord\" tool-name=\"concord\"/>\n    </header>\n",
    );
    out.push_str("    <body>\n");
    for u in &doc.units {
        out.push_str(&format!(
            "      <trans-unit id=\"{}\" xml:space=\"preserve\"",
            escape_attr(&u.id)
        ));
        if u.state == UnitState::Translated {
            out.push_str(" approved=\"yes\"");
        }
        out.push_str(">\n        <source>");
        content(&u.source, &mut out);
        out.push_str("</source>\n");
        let (state, qualifier) = match u.state {
            UnitState::Translated => ("translated", None),
            UnitState::Fuzzy => ("needs-review-translation", Some("fuzzy-match")),
            UnitState::New => ("new", None),
        };
        out.push_str(&format!("        <target state=\"{state}\""));
        if let Some(q) = qualifier {
            out.push_str(&format!(" state-qualifier=\"{q}\""));
        }
        out.push('>');
        if let Some(t) = &u.target {
            content(t, &mut out);
        }
        out.push_str("</target>\n");
        if let (Some(score), Some(t)) = (u.score, &u.target) {
            out.push_str(&format!(
                "        <alt-trans match-quality=\"{}\" origin=\"concord-memory\">\n          <target>",
                format_score(score)
            ));
            content(t, &mut out);
            out.push_str("</target>\n        </alt-trans>\n");
        }
        if let Some(n) = &u.note {
            out.push_str("        <note>");
            content(n, &mut out);
            out.push_str("</note>\n");
        }
        if u.state == UnitState::Fuzzy {
            if let Some(score) = u.score {
                out.push_str(&format!(
                    "        <note from=\"concord\">fuzzy match {}%</note>\n",
                    format_score(score)
                ));
            }
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_states_scores_and_escapes() {
        let doc = XliffDoc {
            original: "a&b.txt".into(),
            source_lang: "ru".into(),
            target_lang: "en".into(),
            units: vec![
                XliffUnit {
                    id: "1".into(),
                    source: "Да <b>".into(),
                    target: Some("Yes".into()),
                    state: UnitState::Translated,
                    score: Some(100.0),
                    note: None,
                },
                XliffUnit {
                    id: "2".into(),
                    source: "Нет\u{1}".into(),
                    target: Some("No".into()),
                    state: UnitState::Fuzzy,
                    score: Some(87.5),
                    note: Some("n".into()),
                },
                XliffUnit {
                    id: "3".into(),
                    source: "Три".into(),
                    target: None,
                    state: UnitState::New,
                    score: None,
                    note: None,
                },
            ],
        };
        let x = write_xliff12(&doc);
        assert!(x.contains("original=\"a&amp;b.txt\""));
        assert!(x.contains("<source>Да &lt;b&gt;</source>"));
        assert!(x.contains("state=\"needs-review-translation\""));
        assert!(x.contains("match-quality=\"87.5\""));
        assert!(x.contains("<target state=\"new\"></target>"));
        assert!(x.contains("ctype=\"x-concord-ctrl\">U+0001</ph>"));
        assert!(x.contains("fuzzy match 87.5%"));
    }
}
