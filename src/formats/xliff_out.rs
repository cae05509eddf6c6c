//! `concord memory export --format xliff` / `xliff2`: the memory as XLIFF 1.2 or 2.0,
//! one unit per entry, its review status as the target's state (see
//! [`super::xliff::status_to_xliff12`], [`super::xliff::status_to_xliff20`]), the note as
//! a `<note>`, and inline codes as native XLIFF codes (`<bpt>`/`<ept>`/`<ph>` in 1.2,
//! `<sc>`/`<ec>`/`<ph>` with `<originalData>` in 2.0), never as `{1}` placeholders.

use super::inline;
use super::xml::{self, escape_attr, escape_text, Node};
use super::Error;
use crate::memory::Memory;

/// Writes segment text as XLIFF content. `data` collects 2.0 `<originalData>` entries.
fn seg(text: &str, codes: &str, v2: bool, data: &mut Vec<(String, String)>, out: &mut String) {
    let mut tmx = String::from("<seg>");
    inline::write_tmx_seg(text, codes, &mut tmx);
    tmx.push_str("</seg>");
    let Ok(doc) = xml::parse(std::path::Path::new(""), tmx.as_bytes()) else {
        escape_text(text, out);
        return;
    };
    let mut n = 0usize;
    walk(&doc.root, v2, data, &mut n, out);
}

fn walk(
    el: &xml::Element,
    v2: bool,
    data: &mut Vec<(String, String)>,
    n: &mut usize,
    out: &mut String,
) {
    for node in &el.children {
        match node {
            Node::Text(t) => escape_text(t, out),
            Node::Element(e) => {
                let name = e.name.to_ascii_lowercase();
                let native = e.text();
                *n += 1;
                let id = match name.as_str() {
                    "bpt" | "ept" => e.attr("i").unwrap_or("").to_string(),
                    _ => e.attr("x").map_or_else(|| format!("x{n}"), str::to_string),
                };
                if name == "ph" && e.attr("type") == Some("x-concord-ctrl") {
                    out.push_str(&format!(
                        "<ph id=\"ctrl{n}\" {}=\"x-concord-ctrl\">",
                        if v2 { "type" } else { "ctype" }
                    ));
                    escape_text(&native, out);
                    out.push_str("</ph>");
                    continue;
                }
                if name == "hi" {
                    walk(e, v2, data, n, out);
                    continue;
                }
                if v2 {
                    let d = format!("d{}", data.len() + 1);
                    data.push((d.clone(), native));
                    let id = escape_attr(&id);
                    match name.as_str() {
                        "bpt" => out.push_str(&format!("<sc id=\"{id}\" dataRef=\"{d}\"/>")),
                        "ept" => out.push_str(&format!("<ec startRef=\"{id}\" dataRef=\"{d}\"/>")),
                        _ => out.push_str(&format!("<ph id=\"{id}\" dataRef=\"{d}\"/>")),
                    }
                } else {
                    let tag = match name.as_str() {
                        "bpt" | "ept" | "it" => name.as_str(),
                        _ => "ph",
                    };
                    out.push_str(&format!("<{tag} id=\"{}\"", escape_attr(&id)));
                    if let Some(p) = e.attr("pos") {
                        let pos = if p == "begin" { "open" } else { "close" };
                        out.push_str(&format!(" pos=\"{pos}\""));
                    }
                    out.push('>');
                    escape_text(&native, out);
                    out.push_str(&format!("</{tag}>"));
                }
            }
        }
    }
}

fn check(what: &str, s: &str) -> Result<(), Error> {
    match s.chars().find(|c| !xml::xml_char(*c)) {
        Some(c) => Err(Error::Unrepresentable(format!(
            "{what} contains {}, which XML 1.0 cannot carry outside segment text",
            xml::ctrl_name(c)
        ))),
        None => Ok(()),
    }
}

/// Writes a memory as XLIFF 1.2 (`v2 = false`) or 2.0.
pub fn write(
    memory: &Memory,
    source_lang: &str,
    target_lang: &str,
    v2: bool,
) -> Result<String, Error> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (sl, tl) = (escape_attr(source_lang), escape_attr(target_lang));
    if v2 {
        out.push_str(&format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"{sl}\" trgLang=\"{tl}\">\n  <file id=\"memory\" original=\"concord-memory\">\n"
        ));
    } else {
        out.push_str(&format!(
            "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"concord-memory\" source-language=\"{sl}\" target-language=\"{tl}\" datatype=\"plaintext\" tool-id=\"concord\">\n    <header>\n      <tool tool-id=\"concord\" tool-name=\"concord\"/>\n    </header>\n    <body>\n"
        ));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, e) in memory.entries.iter().enumerate() {
        let what = format!("entry {} (note)", i + 1);
        check(&what, &e.note)?;
        let base = e
            .get("id")
            .filter(|s| !s.is_empty())
            .map_or_else(|| format!("{}", i + 1), str::to_string);
        let mut id = base.clone();
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        check(&format!("entry {} (id)", i + 1), &id)?;
        let st = e.status();
        let mut data = Vec::new();
        let (mut src, mut tgt) = (String::new(), String::new());
        seg(
            &e.ru,
            e.get("src-codes").unwrap_or(""),
            v2,
            &mut data,
            &mut src,
        );
        seg(
            &e.en,
            e.get("tgt-codes").unwrap_or(""),
            v2,
            &mut data,
            &mut tgt,
        );
        let note = if e.note.is_empty() {
            String::new()
        } else {
            let mut n = String::new();
            escape_text(&e.note, &mut n);
            n
        };
        if v2 {
            let (state, sub) = super::xliff::status_to_xliff20(st);
            out.push_str(&format!("    <unit id=\"{}\">\n", escape_attr(&id)));
            if !note.is_empty() {
                out.push_str(&format!("      <notes><note>{note}</note></notes>\n"));
            }
            if !data.is_empty() {
                out.push_str("      <originalData>");
                for (d, v) in &data {
                    out.push_str(&format!("<data id=\"{d}\">"));
                    escape_text(v, &mut out);
                    out.push_str("</data>");
                }
                out.push_str("</originalData>\n");
            }
            out.push_str(&format!("      <segment state=\"{state}\""));
            if let Some(s) = sub {
                out.push_str(&format!(" subState=\"{s}\""));
            }
            out.push_str(&format!(
                ">\n        <source xml:space=\"preserve\">{src}</source>\n        <target xml:space=\"preserve\">{tgt}</target>\n      </segment>\n    </unit>\n"
            ));
        } else {
            let (state, q, approved) = super::xliff::status_to_xliff12(st);
            out.push_str(&format!(
                "      <trans-unit id=\"{}\" xml:space=\"preserve\"{}>\n        <source>{src}</source>\n        <target state=\"{state}\"",
                escape_attr(&id),
                if approved { " approved=\"yes\"" } else { "" }
            ));
            if let Some(q) = q {
                out.push_str(&format!(" state-qualifier=\"{q}\""));
            }
            out.push_str(&format!(">{tgt}</target>\n"));
            if !note.is_empty() {
                out.push_str(&format!("        <note>{note}</note>\n"));
            }
            out.push_str("      </trans-unit>\n");
        }
    }
    if v2 {
        out.push_str("  </file>\n</xliff>\n");
    } else {
        out.push_str("    </body>\n  </file>\n</xliff>\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ImportOptions;
    use crate::memory::{Entry, ReviewStatus};
    use std::path::Path;

    #[test]
    fn both_versions_carry_status_note_and_native_codes() {
        let mut a = Entry::new("Большая {1}кошка{/1}.", "A big {1}cat{/1}.");
        a.extra.push((
            "src-codes".into(),
            "{1}<bpt i=\"1\">&lt;b></bpt>{/1}<ept i=\"1\">&lt;/b></ept>".into(),
        ));
        a.extra.push((
            "tgt-codes".into(),
            "{1}<bpt i=\"1\">&lt;b></bpt>{/1}<ept i=\"1\">&lt;/b></ept>".into(),
        ));
        a.note = "Why & how".into();
        let mut b = Entry::new("Да.", "Yes.");
        b.set_status(ReviewStatus::Mt);
        let m = Memory {
            entries: vec![a, b],
        };
        for v2 in [false, true] {
            let x = write(&m, "ru", "en", v2).unwrap();
            assert!(!x.contains("{1}"), "{x}");
            let back = crate::formats::xliff::import(
                Path::new("m.xlf"),
                x.as_bytes(),
                &ImportOptions::default(),
            )
            .unwrap();
            assert_eq!(back.items.len(), 2, "{x}");
            assert_eq!(back.items[0].ru, "Большая {1}кошка{/1}.", "{x}");
            assert_eq!(back.items[0].en, "A big {1}cat{/1}.");
            assert_eq!(back.items[0].note, "Why & how");
            assert_eq!(back.items[0].status(), ReviewStatus::Approved);
            assert_eq!(back.items[1].status(), ReviewStatus::Mt, "{x}");
        }
    }
}
