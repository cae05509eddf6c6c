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

/// A term with its status and what the file says about it.
struct Term {
    text: String,
    status: Status,
    /// Term-level data (`note`, `context`, `partOfSpeech`, …), numbered when repeated.
    meta: Vec<(String, String)>,
}

/// The note concord writes on a forbidden term, so CAT tools that show term-level
/// notes show it; recognised on import and not kept twice.
fn forbidden_note(preferred: &str) -> String {
    format!("Forbidden term: do not use; use \"{preferred}\".")
}

/// Whether a `termNote` type carries a term's status.
fn is_status_type(ty: &str) -> bool {
    matches!(
        ty.to_ascii_lowercase().as_str(),
        "usagestatus" | "administrativestatus" | "normativeauthorization" | "termstatus"
    )
}

/// Element text, or for a cross-reference its target (and text, after a space).
fn value_of(doc: &Doc, e: &Element) -> String {
    let text = clean(doc, e);
    match e.attr("target") {
        Some(t) if e.name.eq_ignore_ascii_case("xref") || e.name.eq_ignore_ascii_case("ref") => {
            if text.is_empty() {
                t.to_string()
            } else {
                format!("{t} {text}")
            }
        }
        _ => text,
    }
}

/// Reads one data-category element (or group) into `meta` as `prefix` + name columns:
/// `<note>` → `note`, `<descrip type="definition">` → `definition`,
/// `<descripGrp><descrip type="definition"/><admin type="source"/></descripGrp>` →
/// `definition` and `definition.source`, `<transacGrp>` → `transac:origination` (the
/// date) and `transac:origination.responsibility`. Empty values are counted as dropped.
fn read_meta(
    doc: &Doc,
    el: &Element,
    prefix: &str,
    meta: &mut Vec<(String, String)>,
    dropped: &mut Vec<String>,
) {
    let name = el.name.to_ascii_lowercase();
    let key_of = |e: &Element| -> String {
        match e.attr("type") {
            Some(t) => super::safe_column(t.trim()),
            None => super::safe_column(&e.name),
        }
    };
    let mut push = |key: String, value: String, what: &str| -> Option<String> {
        if value.is_empty() {
            dropped.push(format!("empty <{what}>"));
            None
        } else {
            Some(super::push_numbered(meta, &format!("{prefix}{key}"), value))
        }
    };
    if name.ends_with("grp") {
        let kids: Vec<&Element> = el.elements().collect();
        let Some(head) = kids.iter().position(|k| {
            matches!(
                k.name.to_ascii_lowercase().as_str(),
                "descrip" | "admin" | "termnote" | "transac" | "ref" | "xref"
            )
        }) else {
            for k in kids {
                read_meta(doc, k, prefix, meta, dropped);
            }
            return;
        };
        let h = kids[head];
        let transac = h.name.eq_ignore_ascii_case("transac");
        let key = if transac {
            format!("transac:{}", super::safe_column(clean(doc, h).trim()))
        } else {
            key_of(h)
        };
        let date = kids.iter().find(|k| k.name.eq_ignore_ascii_case("date"));
        let value = match (transac, date) {
            (true, Some(d)) => clean(doc, d),
            (true, None) => "-".to_string(),
            _ => value_of(doc, h),
        };
        // a group's parts carry its head's number: `definition#2`, `definition.source#2`
        let used = push(key.clone(), value, &h.name).unwrap_or_default();
        let n = super::column_number(&used).to_string();
        for (i, k) in kids.iter().enumerate() {
            if i == head || (transac && k.name.eq_ignore_ascii_case("date")) {
                continue;
            }
            push(format!("{key}.{}{n}", key_of(k)), value_of(doc, k), &k.name);
        }
        return;
    }
    let key = if name == "note" {
        "note".to_string()
    } else {
        key_of(el)
    };
    push(key, value_of(doc, el), &el.name);
}

/// Appends one scope's data categories (as [`read_meta`] wrote them) to `extra` under
/// `prefix`, renumbering repeats so a group's parts keep their head's number; each
/// value gets `lead` in front (the term, for term-level columns).
fn push_scope(
    extra: &mut Vec<(String, String)>,
    prefix: &str,
    items: &[(String, String)],
    lead: &str,
) {
    let mut renamed: Vec<(&str, String)> = Vec::new();
    for (k, v) in items {
        let base = super::base_column(k);
        let value = format!("{lead}{v}");
        if let Some((head, sub)) = base.split_once('.') {
            let head_full = format!("{head}{}", super::column_number(k));
            if let Some((_, new_head)) = renamed.iter().find(|(o, _)| *o == head_full) {
                let key = format!(
                    "{}.{sub}{}",
                    super::base_column(new_head),
                    super::column_number(new_head)
                );
                super::push_numbered(extra, &key, value);
                continue;
            }
        }
        let used = super::push_numbered(extra, &format!("{prefix}{base}"), value);
        renamed.push((k.as_str(), used));
    }
}

fn terms_of(doc: &Doc, lang_set: &Element, dropped: &mut Vec<String>) -> Vec<Term> {
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
            dropped.push("term holder without <term>".into());
            continue;
        };
        let mut st = Status::Admitted;
        let mut meta = Vec::new();
        // document order: an <ntig>'s own children around its <termGrp>'s
        let mut items: Vec<&Element> = Vec::new();
        for el in holder.elements() {
            if name == "ntig" && el.name.eq_ignore_ascii_case("termGrp") {
                items.extend(el.elements());
            } else {
                items.push(el);
            }
        }
        for el in items {
            let n = el.name.to_ascii_lowercase();
            let ty = el.attr("type").unwrap_or("");
            if n == "term" {
                continue;
            }
            if n == "termnote" && is_status_type(ty) {
                match status(&el.text()) {
                    Some(s) => st = s,
                    None => read_meta(doc, el, "", &mut meta, dropped),
                }
            } else if n == "descrip" && ty.starts_with("x-concord") {
            } else {
                read_meta(doc, el, "", &mut meta, dropped);
            }
        }
        let text = clean(doc, term);
        if text.trim().is_empty() {
            dropped.push("empty term".into());
        } else {
            out.push(Term {
                text: text.trim().to_string(),
                status: st,
                meta,
            });
        }
    }
    out
}

/// Reads a TBX document.
///
/// Besides terms and statuses, everything a concept, language or term says is kept as
/// termbase columns (see [`read_meta`]): concept level as `definition`, `note` (the
/// note column, then `note#2`, …), `subjectField`; language level as `en:definition`,
/// `ru:note`; term level as `en-term:note` with the value `TERM: text`. What is still
/// not kept (other languages, the header, empty values) is counted in
/// [`Imported::dropped`].
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
    let mut dropped: Vec<String> = Vec::new();
    for h in ["martifHeader", "tbxHeader"] {
        if let Some(h) = doc.root.child(h) {
            let mut notes = Vec::new();
            h.descendants("note", &mut notes);
            for _ in notes {
                dropped.push("header note".into());
            }
        }
    }
    let mut entries = Vec::new();
    doc.root.descendants("termEntry", &mut entries);
    doc.root.descendants("conceptEntry", &mut entries);
    entries.sort_by_key(|e| e.start);
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut out = Imported::default();
    let mut ids: std::collections::HashSet<String> = Default::default();
    let mut langs_seen: Vec<String> = Vec::new();
    for (n, entry) in entries.into_iter().enumerate() {
        let mut c = Concept {
            origin: Origin {
                path: shared.clone(),
                line: doc.line(entry.start),
            },
            ..Concept::default()
        };
        let mut meta: Vec<(String, String)> = Vec::new();
        let mut do_not_translate = false;
        for el in entry.elements() {
            let name = el.name.to_ascii_lowercase();
            let ty = el.attr("type").unwrap_or("");
            match (name.as_str(), ty) {
                ("langset" | "langsec", _) => {}
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
                ("descrip", t)
                    if t.replace('_', " ")
                        .eq_ignore_ascii_case("Translation needed") =>
                {
                    do_not_translate = el.text().trim().eq_ignore_ascii_case("no");
                    read_meta(&doc, el, "", &mut meta, &mut dropped);
                }
                _ => read_meta(&doc, el, "", &mut meta, &mut dropped),
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
        let mut source_terms = Vec::new();
        let mut lang_meta: Vec<(String, String)> = Vec::new();
        for ls in &lang_sets {
            let tag = lang(ls);
            if !langs_seen.iter().any(|l| l.eq_ignore_ascii_case(&tag)) {
                langs_seen.push(tag.clone());
            }
            let side = if lang_matches(&tag, &opts.source_lang) {
                "ru"
            } else if lang_matches(&tag, &opts.target_lang) {
                "en"
            } else {
                dropped.push("<langSet> in other languages".into());
                continue;
            };
            for el in ls.elements() {
                let n = el.name.to_ascii_lowercase();
                if !matches!(n.as_str(), "tig" | "ntig" | "termsec") {
                    read_meta(&doc, el, &format!("{side}:"), &mut lang_meta, &mut dropped);
                }
            }
            let terms = terms_of(&doc, ls, &mut dropped);
            if side == "ru" {
                source_terms.extend(terms);
            } else {
                target_terms.extend(terms);
            }
        }
        for t in &target_terms {
            match t.status {
                Status::Preferred if c.en.is_empty() => c.en = t.text.clone(),
                Status::Preferred | Status::Admitted => c.variants.push(t.text.clone()),
                Status::Forbidden => c.forbidden.push(t.text.clone()),
            }
        }
        if c.en.is_empty() && !c.variants.is_empty() {
            c.en = c.variants.remove(0);
        }
        c.ru = source_terms.iter().map(|t| t.text.clone()).collect();
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
        // the note column is the concept's first note; the rest stay numbered columns
        let mut extra = Vec::new();
        let mut notes = Vec::new();
        for (k, v) in meta {
            if super::base_column(&k) == "note" {
                notes.push(v);
            } else {
                extra.push((k, v));
            }
        }
        let notes_len = notes.len().saturating_sub(1);
        let mut notes = notes.into_iter();
        c.note = notes.next().unwrap_or_default();
        for (i, v) in notes.enumerate() {
            extra.push((format!("note#{}", i + 2), v));
        }
        if do_not_translate {
            if c.note.is_empty() {
                c.note = "Do not translate.".into();
            } else {
                super::push_numbered(
                    &mut extra,
                    &format!("note#{}", notes_len + 2),
                    "Do not translate.".into(),
                );
            }
        }
        push_scope(&mut extra, "", &lang_meta, "");
        let forbidden_text = forbidden_note(&c.en);
        for (side, terms) in [("ru", &source_terms), ("en", &target_terms)] {
            for t in terms.iter() {
                // concord's own marker on a forbidden term is written again on export
                let meta: Vec<(String, String)> = t
                    .meta
                    .iter()
                    .filter(|(k, v)| {
                        !(t.status == Status::Forbidden
                            && super::base_column(k) == "note"
                            && *v == forbidden_text)
                    })
                    .cloned()
                    .collect();
                push_scope(
                    &mut extra,
                    &format!("{side}-term:"),
                    &meta,
                    &format!("{}: ", t.text),
                );
            }
        }
        c.extra = extra;
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
    for d in dropped {
        out.drop_one(&d);
    }
    if out.items.is_empty() && out.skipped > 0 {
        return Err(Error::NoPair {
            path: path.to_path_buf(),
            want: format!("{}→{}", opts.source_lang, opts.target_lang),
            found: langs_seen.join(", "),
        });
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

/// The TBX element that carries a data category (by its column name, `#N` removed).
fn element_for(key: &str, term_level: bool) -> &'static str {
    const ADMIN: [&str; 8] = [
        "source",
        "productSubset",
        "projectSubset",
        "sourceIdentifier",
        "customerSubset",
        "entrySource",
        "conceptOrigin",
        "elementWorkingStatus",
    ];
    const TERM_NOTE: [&str; 12] = [
        "partOfSpeech",
        "termType",
        "grammaticalGender",
        "grammaticalNumber",
        "transferComment",
        "abbreviatedFormFor",
        "pronunciation",
        "geographicalUsage",
        "register",
        "termLocation",
        "usageStatus",
        "administrativeStatus",
    ];
    const XREF: [&str; 4] = [
        "xGraphic",
        "corpusTrace",
        "externalCrossReference",
        "xSource",
    ];
    if key == "note" {
        "note"
    } else if ADMIN.contains(&key) {
        "admin"
    } else if term_level && TERM_NOTE.contains(&key) {
        "termNote"
    } else if XREF.contains(&key) {
        "xref"
    } else {
        "descrip"
    }
}

/// One data category and what its group holds (`definition` with `definition.source`).
struct Group<'a> {
    key: &'a str,
    value: &'a str,
    children: Vec<(&'a str, &'a str)>,
}

/// Groups `(key, value)` columns (prefix removed) as [`read_meta`] wrote them: a part
/// `definition.source#2` joins the head `definition#2`.
fn groups<'a>(items: &[(&'a str, &'a str)]) -> Vec<Group<'a>> {
    let mut out: Vec<(String, Group<'a>)> = Vec::new();
    for &(k, v) in items {
        let base = super::base_column(k);
        if let Some((head, sub)) = base.split_once('.') {
            let full = format!("{head}{}", super::column_number(k));
            if let Some((_, g)) = out.iter_mut().find(|(f, _)| *f == full) {
                g.children.push((sub, v));
                continue;
            }
        }
        out.push((
            k.to_string(),
            Group {
                key: base,
                value: v,
                children: Vec::new(),
            },
        ));
    }
    out.into_iter().map(|(_, g)| g).collect()
}

fn write_one(
    what: &str,
    name: &str,
    key: &str,
    value: &str,
    out: &mut String,
) -> Result<(), Error> {
    match name {
        "note" => out.push_str("<note>"),
        "xref" => {
            let (target, text) = value.split_once(' ').unwrap_or((value, ""));
            out.push_str(&format!(
                "<xref type=\"{}\" target=\"{}\">",
                escape_attr(key),
                escape_attr(target)
            ));
            content(what, text, out)?;
            out.push_str("</xref>");
            return Ok(());
        }
        n => out.push_str(&format!("<{n} type=\"{}\">", escape_attr(key))),
    }
    content(what, value, out)?;
    out.push_str(&format!("</{name}>"));
    Ok(())
}

/// Writes data categories back as elements (groups as `descripGrp`, `transacGrp`).
fn write_meta(
    what: &str,
    items: &[(&str, &str)],
    term_level: bool,
    indent: &str,
    out: &mut String,
) -> Result<(), Error> {
    for g in groups(items) {
        out.push_str(indent);
        if let Some(tr) = g.key.strip_prefix("transac:") {
            out.push_str("<transacGrp><transac type=\"transactionType\">");
            content(what, tr, out)?;
            out.push_str("</transac>");
            if g.value != "-" {
                out.push_str("<date>");
                content(what, g.value, out)?;
                out.push_str("</date>");
            }
            for (sub, v) in &g.children {
                let name = if *sub == "note" {
                    "note"
                } else {
                    "transacNote"
                };
                write_one(what, name, sub, v, out)?;
            }
            out.push_str("</transacGrp>\n");
            continue;
        }
        let name = element_for(g.key, term_level);
        if g.children.is_empty() || name == "note" || name == "xref" {
            write_one(what, name, g.key, g.value, out)?;
        } else {
            out.push_str(&format!("<{name}Grp>"));
            write_one(what, name, g.key, g.value, out)?;
            for (sub, v) in &g.children {
                write_one(what, element_for(sub, term_level), sub, v, out)?;
            }
            out.push_str(&format!("</{name}Grp>"));
        }
        out.push('\n');
    }
    if term_level {
        // term-level items sit inside `<tig>` on one line
        if out.ends_with('\n') {
            out.pop();
        }
    }
    Ok(())
}

/// The term a `LANG-term:` value belongs to (`TERM: text`), the longest that fits.
fn split_term<'a>(value: &'a str, terms: &[&str]) -> Option<(usize, &'a str)> {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            value.len() > t.len() + 1 && value.starts_with(*t) && value[t.len()..].starts_with(": ")
        })
        .max_by_key(|(_, t)| t.len())
        .map(|(i, t)| (i, &value[t.len() + 2..]))
}

/// Writes a termbase as TBX-Basic (TBX 2008 `martif`, `tig` layout).
///
/// Each English term carries its status as a term-level
/// `<termNote type="administrativeStatus">` (`preferredTerm-admn-sts`,
/// `admittedTerm-admn-sts`, `deprecatedTerm-admn-sts`), and a forbidden term also a
/// term-level `<note>` saying so, which is what OmegaT, Trados and memoQ show beside
/// the term. The termbase's extra columns are written back where they were read.
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
        let filled: Vec<(&str, &str)> = c
            .extra
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let level = |prefix: &str| -> Vec<(&str, &str)> {
            filled
                .iter()
                .filter_map(|&(k, v)| k.strip_prefix(prefix).map(|k| (k, v)))
                .collect()
        };
        let concept_level: Vec<(&str, &str)> = filled
            .iter()
            .filter(|(k, _)| {
                !["ru:", "en:", "ru-term:", "en-term:"]
                    .iter()
                    .any(|p| k.starts_with(p))
            })
            .copied()
            .collect();
        write_meta(&what("extra"), &concept_level, false, "        ", &mut out)?;
        let en_terms: Vec<(&str, &str)> =
            std::iter::once((c.en.as_str(), "preferredTerm-admn-sts"))
                .chain(
                    c.variants
                        .iter()
                        .map(|v| (v.as_str(), "admittedTerm-admn-sts")),
                )
                .chain(
                    c.forbidden
                        .iter()
                        .map(|v| (v.as_str(), "deprecatedTerm-admn-sts")),
                )
                .collect();
        let ru_terms: Vec<(&str, &str)> = c.ru.iter().map(|f| (f.as_str(), "")).collect();
        for (side, tag, terms) in [
            ("ru", source_lang, &ru_terms),
            ("en", target_lang, &en_terms),
        ] {
            out.push_str(&format!(
                "        <langSet xml:lang=\"{}\">\n",
                escape_attr(tag)
            ));
            write_meta(
                &what(side),
                &level(&format!("{side}:")),
                false,
                "          ",
                &mut out,
            )?;
            let texts: Vec<&str> = terms.iter().map(|t| t.0).collect();
            let mut per_term: Vec<Vec<(&str, &str)>> = vec![Vec::new(); terms.len()];
            let mut orphans = Vec::new();
            for (k, v) in level(&format!("{side}-term:")) {
                match split_term(v, &texts) {
                    Some((i, rest)) => per_term[i].push((k, rest)),
                    None => orphans.push((k, v)),
                }
            }
            // a value naming no term of the concept stays at language level
            write_meta(&what(side), &orphans, false, "          ", &mut out)?;
            for (i, (f, st)) in terms.iter().enumerate() {
                out.push_str("          <tig><term>");
                content(&what(side), f, &mut out)?;
                out.push_str("</term>");
                if !st.is_empty() {
                    out.push_str(&format!(
                        "<termNote type=\"administrativeStatus\">{st}</termNote>"
                    ));
                }
                write_meta(&what(side), &per_term[i], true, "", &mut out)?;
                if st.starts_with("deprecated") {
                    out.push_str("<note>");
                    content(&what(side), &forbidden_note(&c.en), &mut out)?;
                    out.push_str("</note>");
                }
                out.push_str("</tig>\n");
            }
            out.push_str("        </langSet>\n");
        }
        out.push_str("      </termEntry>\n");
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
