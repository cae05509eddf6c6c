//! TBX import (TBX 2008 `martif` with `tig` or `ntig/termGrp`, and TBX v3
//! `conceptEntry/langSec/termSec`) and export (TBX-Basic 2008 `martif`, the layout CAT
//! tools read most widely).
//!
//! Status (`usageStatus`, `administrativeStatus`, `normativeAuthorization`) maps to the
//! termbase: preferred → approved `en`; admitted or none → variant (the first becomes
//! `en` when nothing is preferred); deprecated, obsolete, superseded, forbidden →
//! forbidden. All source-language terms become `ru` forms.
//!
//! Whitespace: text laid out over several lines in the file (pretty-printing) is
//! collapsed to single spaces; whitespace written as character references
//! (`&#10;`, as concord writes it) is kept, so export → import is lossless.

use std::path::Path;

use super::xml::{self, escape_attr, Doc, Element};
use super::{lang_matches, Error, ImportOptions, Imported};
use crate::severity::Severity;
use crate::termbase::{CaseRule, Concept, Termbase};
use crate::tsv::Origin;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Preferred,
    Admitted,
    Forbidden,
}

fn status(v: &str) -> Option<Status> {
    let v = v.trim().to_ascii_lowercase();
    let v = v
        .trim_end_matches("-admn-sts")
        .trim_end_matches("term")
        .trim_end_matches("-");
    Some(match v {
        "preferred" | "preferredterm" => Status::Preferred,
        "admitted" | "admittedterm" | "" => Status::Admitted,
        "deprecated" | "obsolete" | "superseded" | "forbidden" | "notrecommended" | "rejected"
        | "deprecatedterm" | "supersededterm" => Status::Forbidden,
        _ => return None,
    })
}

/// Element text with layout whitespace collapsed (see the module docs).
fn clean(doc: &Doc, e: &Element) -> String {
    let t = e.text();
    let inner_end = doc.text[..e.end].rfind('<').unwrap_or(e.end);
    let raw = doc.text.get(e.start_tag_end..inner_end).unwrap_or("");
    if raw.contains('\n') {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        t
    }
}

/// A term with its status and notes.
struct Term {
    text: String,
    status: Status,
    notes: Vec<String>,
}

fn terms_of(doc: &Doc, lang_set: &Element) -> Vec<Term> {
    let mut out = Vec::new();
    for holder in lang_set.elements() {
        let name = holder.name.to_ascii_lowercase();
        let group = match name.as_str() {
            "tig" | "termsec" => holder,
            "ntig" => match holder.child("termGrp") {
                Some(g) => g,
                None => continue,
            },
            _ => continue,
        };
        let Some(term) = group.child("term") else {
            continue;
        };
        let mut st = Status::Admitted;
        let mut notes = Vec::new();
        for el in group.elements().chain(if name == "ntig" {
            holder.elements().collect::<Vec<_>>()
        } else {
            Vec::new()
        }) {
            let n = el.name.to_ascii_lowercase();
            let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
            if n == "termnote"
                && matches!(
                    ty.as_str(),
                    "usagestatus" | "administrativestatus" | "normativeauthorization"
                )
            {
                if let Some(s) = status(&el.text()) {
                    st = s;
                }
            } else if n == "note" || (n == "descrip" && !ty.starts_with("x-concord")) {
                notes.push(clean(doc, el));
            }
        }
        let text = clean(doc, term);
        if !text.trim().is_empty() {
            out.push(Term {
                text: text.trim().to_string(),
                status: st,
                notes,
            });
        }
    }
    out
}

/// Reads a TBX document.
pub fn import(path: &Path, bytes: &[u8], opts: &ImportOptions) -> Result<Imported<Concept>, Error> {
    let doc = xml::parse(path, bytes)?;
    let root = doc.root.name.to_ascii_lowercase();
    if root != "martif" && root != "tbx" {
        return Err(doc.invalid(
            doc.root.start,
            format!(
                "expected a <martif> (TBX 2008) or <tbx> (TBX v3) root element, found <{}>",
                doc.root.name
            ),
        ));
    }
    let mut entries = Vec::new();
    doc.root.descendants("termEntry", &mut entries);
    doc.root.descendants("conceptEntry", &mut entries);
    entries.sort_by_key(|e| e.start);
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut out = Imported::default();
    let mut ids: std::collections::HashSet<String> = Default::default();
    for (n, entry) in entries.into_iter().enumerate() {
        let mut c = Concept {
            origin: Origin {
                path: shared.clone(),
                line: doc.line(entry.start),
            },
            ..Concept::default()
        };
        let mut notes = Vec::new();
        let mut do_not_translate = false;
        for el in entry.elements() {
            let name = el.name.to_ascii_lowercase();
            let ty = el.attr("type").unwrap_or("");
            match (name.as_str(), ty) {
                ("descrip" | "admin", "x-concord-case") => {
                    c.case = match el.text().trim() {
                        "exact" => CaseRule::Exact,
                        "ignore" => CaseRule::Ignore,
                        _ => CaseRule::Auto,
                    }
                }
                ("descrip" | "admin", "x-concord-severity") => {
                    c.severity = Severity::from_name(el.text().trim()).unwrap_or(Severity::Error)
                }
                ("descrip", t) if t.eq_ignore_ascii_case("Translation needed") => {
                    do_not_translate = el.text().trim().eq_ignore_ascii_case("no");
                }
                ("note", _) => notes.push(clean(&doc, el)),
                ("descrip", t) if t.eq_ignore_ascii_case("definition") => {
                    notes.push(clean(&doc, el))
                }
                ("descripgrp", _) => {
                    if let Some(d) = el.child("descrip") {
                        if d.attr("type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("definition"))
                        {
                            notes.push(clean(&doc, d));
                        }
                    }
                }
                _ => {}
            }
        }
        let lang_sets: Vec<&Element> = entry
            .elements()
            .filter(|e| {
                e.name.eq_ignore_ascii_case("langSet") || e.name.eq_ignore_ascii_case("langSec")
            })
            .collect();
        let lang = |e: &Element| e.attr("xml:lang").unwrap_or("").to_string();
        let mut target_terms = Vec::new();
        for ls in &lang_sets {
            if lang_matches(&lang(ls), &opts.source_lang) {
                c.ru.extend(terms_of(&doc, ls).into_iter().map(|t| t.text));
            } else if lang_matches(&lang(ls), &opts.target_lang) {
                for el in ls.elements() {
                    let n = el.name.to_ascii_lowercase();
                    if n == "note" || n == "descrip" {
                        notes.push(clean(&doc, el));
                    }
                }
                target_terms.extend(terms_of(&doc, ls));
            }
        }
        for t in &target_terms {
            match t.status {
                Status::Preferred if c.en.is_empty() => c.en = t.text.clone(),
                Status::Preferred | Status::Admitted => c.variants.push(t.text.clone()),
                Status::Forbidden => c.forbidden.push(t.text.clone()),
            }
            notes.extend(t.notes.iter().cloned());
        }
        if c.en.is_empty() && !c.variants.is_empty() {
            c.en = c.variants.remove(0);
        }
        if do_not_translate {
            notes.push("Do not translate.".into());
        }
        if c.ru.is_empty() || c.en.is_empty() {
            out.skipped += 1;
            if !c.ru.is_empty() && !c.forbidden.is_empty() {
                out.warnings.push(doc.warning(
                    entry.start,
                    format!(
                        "concept {} has only forbidden {} terms ({}); skipped",
                        entry.attr("id").unwrap_or("?"),
                        opts.target_lang,
                        c.forbidden.join(", ")
                    ),
                ));
            }
            continue;
        }
        notes.retain(|n| !n.is_empty());
        c.note = notes.join("\n");
        let base = entry
            .attr("id")
            .map(str::to_string)
            .unwrap_or_else(|| format!("c{}", n + 1));
        let mut id = base.clone();
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        c.id = id;
        out.items.push(c);
    }
    if out.items.is_empty() && out.skipped > 0 {
        out.warnings.push(format!(
            "{}: no concept has both {} and {} terms",
            path.display(),
            opts.source_lang,
            opts.target_lang
        ));
    }
    Ok(out)
}

/// Escapes text content, also writing tabs and line breaks as character references so
/// they read back as content, not layout; refuses characters XML cannot carry.
fn content(what: &str, s: &str, out: &mut String) -> Result<(), Error> {
    if let Some(c) = s.chars().find(|c| !xml::xml_char(*c)) {
        return Err(Error::Unrepresentable(format!(
            "{what} contains {}, which XML 1.0 (and so TBX) cannot carry",
            xml::ctrl_name(c)
        )));
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    Ok(())
}

/// Writes a termbase as TBX-Basic (TBX 2008 `martif`, `tig` layout).
pub fn write(tb: &Termbase, source_lang: &str, target_lang: &str) -> Result<String, Error> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<martif type=\"TBX-Basic\" xml:lang=\"{}\">\n  <martifHeader>\n    <fileDesc><sourceDesc><p>concord termbase</p></sourceDesc></fileDesc>\n    <encodingDesc><p type=\"XCSURI\">TBXBasicXCSV02.xcs</p></encodingDesc>\n  </martifHeader>\n  <text>\n    <body>\n",
        escape_attr(target_lang)
    ));
    for c in &tb.concepts {
        let what = |f: &str| format!("concept {:?} ({f})", c.id);
        content(&what("id"), &c.id, &mut String::new())?;
        out.push_str(&format!(
            "      <termEntry id=\"{}\">\n",
            escape_attr(&c.id)
        ));
        match c.case {
            CaseRule::Auto => {}
            CaseRule::Exact => {
                out.push_str("        <descrip type=\"x-concord-case\">exact</descrip>\n")
            }
            CaseRule::Ignore => {
                out.push_str("        <descrip type=\"x-concord-case\">ignore</descrip>\n")
            }
        }
        match c.severity {
            Severity::Error => {}
            Severity::Warning => {
                out.push_str("        <descrip type=\"x-concord-severity\">warning</descrip>\n")
            }
            Severity::Info => {
                out.push_str("        <descrip type=\"x-concord-severity\">info</descrip>\n")
            }
        }
        if !c.note.is_empty() {
            out.push_str("        <note>");
            content(&what("note"), &c.note, &mut out)?;
            out.push_str("</note>\n");
        }
        out.push_str(&format!(
            "        <langSet xml:lang=\"{}\">\n",
            escape_attr(source_lang)
        ));
        for f in &c.ru {
            out.push_str("          <tig><term>");
            content(&what("ru"), f, &mut out)?;
            out.push_str("</term></tig>\n");
        }
        out.push_str(&format!(
            "        </langSet>\n        <langSet xml:lang=\"{}\">\n",
            escape_attr(target_lang)
        ));
        let forms = std::iter::once((&c.en, "preferredTerm-admn-sts"))
            .chain(c.variants.iter().map(|v| (v, "admittedTerm-admn-sts")))
            .chain(c.forbidden.iter().map(|v| (v, "deprecatedTerm-admn-sts")));
        for (f, st) in forms {
            out.push_str("          <tig><term>");
            content(&what("en"), f, &mut out)?;
            out.push_str(&format!(
                "</term><termNote type=\"administrativeStatus\">{st}</termNote></tig>\n"
            ));
        }
        out.push_str("        </langSet>\n      </termEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</martif>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_and_2008_layouts_and_statuses() {
        let t = r#"<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><note>Why</note>
<langSec xml:lang="ru-RU"><termSec><term>ОДКБ</term></termSec></langSec>
<langSec xml:lang="EN"><termSec><term>CSTO</term><termNote type="usageStatus">admitted</termNote></termSec>
<termSec><term>Collective Security Treaty Organization</term><termNote type="usageStatus">preferred</termNote></termSec>
<termSec><term>
   Tashkent   Pact</term><termNote type="usageStatus">deprecated</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="de"><termSec><term>x</term></termSec></langSec></conceptEntry>
</body></text></tbx>"#;
        let r = import(Path::new("t.tbx"), t.as_bytes(), &ImportOptions::default()).unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.skipped, 1);
        let c = &r.items[0];
        assert_eq!(c.ru, ["ОДКБ"]);
        assert_eq!(c.en, "Collective Security Treaty Organization");
        assert_eq!(c.variants, ["CSTO"]);
        assert_eq!(c.forbidden, ["Tashkent Pact"]);
        assert_eq!(c.note, "Why");
        assert_eq!(c.origin.line, 2);
    }
}
