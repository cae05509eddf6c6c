//! TMX 1.4b import and export.
//!
//! Import pairs the `<tuv>` of the wanted source and target languages in each `<tu>`
//! (any tag form: `ru`, `ru-RU`, `RU`, TMX 1.1 `lang=`; the `<tu srclang>` and the
//! order of `<tuv>`s do not matter); units without both languages are skipped and
//! counted. Inline codes become placeholders (see the `src-codes` column in the README); `<note>`s go to
//! the note column, `<prop type="T">` to a `prop:T` column, `tuid` and dates to columns
//! of the same name. Segment text is kept exactly, whitespace included.

use std::path::Path;

use super::inline::{self, Kind, Piece};
use super::xml::{self, escape_attr, Element, Node, Src};
use super::{lang_matches, Error, ImportOptions, Imported};
use crate::memory::{Entry, Memory};
use crate::tsv::Origin;

/// `<tu>` attributes kept as columns of the same name.
const TU_ATTRS: [&str; 7] = [
    "tuid",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "usagecount",
    "lastusagedate",
];

/// Prefix of `<prop type>` carrying a concord column that has no TMX equivalent.
const COLUMN_PROP: &str = "x-concord:";

/// One `<tuv>`, reduced to what the import needs.
struct Tuv {
    tag: String,
    start: usize,
    /// The segment's pieces, or `None` when the `<tuv>` has no `<seg>`.
    seg: Option<Vec<Piece>>,
    /// Warnings about its inline codes (shown only if the variant is imported).
    warnings: Vec<String>,
    notes: Vec<String>,
    props: Vec<(String, String)>,
    /// Attributes of [`TUV_ATTRS`] (OmegaT writes authorship on the target `<tuv>`).
    attrs: Vec<(String, String)>,
}

/// `<tuv>` attributes kept as `src-NAME` / `tgt-NAME` columns.
const TUV_ATTRS: [&str; 6] = [
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "usagecount",
    "lastusagedate",
];

/// Header `<prop>` listing the memory's extra columns in order, so a TSV → TMX → TSV
/// round trip gives the columns back in the same order (empty columns included).
const COLUMNS_PROP: &str = "x-concord-columns";

/// One `<tu>`, reduced to what the import needs.
struct Tu {
    line: usize,
    attrs: Vec<(String, String)>,
    notes: Vec<String>,
    props: Vec<(String, String)>,
    tuvs: Vec<Tuv>,
}

fn tag_of(t: &Element) -> &str {
    t.attr("xml:lang").or(t.attr("lang")).unwrap_or("")
}

fn notes_of(el: &Element) -> Vec<String> {
    el.children_named("note").map(Element::text).collect()
}

fn props_of(el: &Element) -> Vec<(String, String)> {
    el.children_named("prop")
        .map(|p| {
            let ty = p.attr("type").unwrap_or("");
            let col = match ty.strip_prefix(COLUMN_PROP) {
                Some(c) => c.to_string(),
                None => prop_column(ty),
            };
            (col, p.text())
        })
        .collect()
}

/// Reads a TMX document. Units are reduced as they are read, so a large memory is
/// never held as a whole element tree.
pub fn import(path: &Path, bytes: &[u8], opts: &ImportOptions) -> Result<Imported<Entry>, Error> {
    let mut tus: Vec<Tu> = Vec::new();
    // letter counts per language tag, to check tags against the text
    let mut by_tag: Vec<(String, usize, (usize, usize))> = Vec::new();
    let mut sink = |src: &Src, tu: Element| -> Result<(), Error> {
        let mut tuvs = Vec::new();
        for tuv in tu.children_named("tuv") {
            let tag = tag_of(tuv).to_string();
            let mut warnings = Vec::new();
            let seg = tuv.child("seg").map(|seg| {
                let mut pieces = Vec::new();
                seg_pieces(src, seg, &mut pieces, &mut 0);
                check_pairs(src, seg, &mut pieces, &mut warnings);
                pieces
            });
            let i = match by_tag
                .iter()
                .position(|(t, _, _)| t.eq_ignore_ascii_case(&tag))
            {
                Some(i) => i,
                None => {
                    by_tag.push((tag.clone(), tuv.start, (0, 0)));
                    by_tag.len() - 1
                }
            };
            for p in seg.iter().flatten() {
                if let Piece::Text(t) = p {
                    super::xliff::count_letters(t, &mut by_tag[i].2);
                }
            }
            tuvs.push(Tuv {
                tag,
                start: tuv.start,
                seg,
                warnings,
                notes: notes_of(tuv),
                props: props_of(tuv),
                attrs: TUV_ATTRS
                    .iter()
                    .filter_map(|a| tuv.attr(a).map(|v| (a.to_string(), v.to_string())))
                    .collect(),
            });
        }
        tus.push(Tu {
            line: src.line(tu.start),
            attrs: TU_ATTRS
                .iter()
                .filter_map(|a| tu.attr(a).map(|v| (a.to_string(), v.to_string())))
                .collect(),
            notes: notes_of(&tu),
            props: props_of(&tu),
            tuvs,
        });
        Ok(())
    };
    let doc = xml::parse_streaming(path, bytes, "tu", &mut sink)?;
    if !doc.root.name.eq_ignore_ascii_case("tmx") {
        return Err(doc.invalid(
            doc.root.start,
            format!("expected a <tmx> root element, found <{}>", doc.root.name),
        ));
    }
    if doc.root.child("body").is_none() {
        return Err(doc.invalid(doc.root.start, "<tmx> has no <body>"));
    }
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut out = Imported::default();
    let mut dropped_tuvs = 0usize;
    let mut paired = 0usize;
    let mut order: Vec<String> = Vec::new();
    if let Some(h) = doc.root.child("header") {
        for el in h.elements() {
            let n = el.name.to_ascii_lowercase();
            if n == "prop" && el.attr("type") == Some(COLUMNS_PROP) {
                order = el.text().split_whitespace().map(str::to_string).collect();
            } else {
                out.drop_one(&format!("header <{n}>"));
            }
        }
    }
    // a tag the text contradicts (Russian labelled `fr`) is corrected, with a warning;
    // relabel only when no tag of the file is a Cyrillic-script language already
    let may_relabel = !by_tag
        .iter()
        .any(|(t, _, _)| super::xliff::tag_script(t) == Some(crate::text::Script::Cyrillic));
    let relabel: Vec<(String, String)> = by_tag
        .iter()
        .map(|(tag, at, counts)| {
            let eff = super::xliff::checked_lang_counts(
                &doc,
                *at,
                "xml:lang",
                tag,
                *counts,
                may_relabel,
                &mut out.warnings,
            );
            (tag.clone(), eff)
        })
        .collect();
    let lang_of = |t: &Tuv| -> String {
        relabel
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&t.tag))
            .map_or_else(|| t.tag.clone(), |(_, v)| v.clone())
    };
    // OmegaT writes its own tags (`<a0>`, `</a0>`, `<s1/>`) as text in its TMX
    let omegat = doc
        .root
        .child("header")
        .and_then(|h| h.attr("creationtool"))
        .is_some_and(|t| t.to_ascii_lowercase().contains("omegat"));
    for tu in tus {
        let find = |want: &str| tu.tuvs.iter().position(|t| lang_matches(&lang_of(t), want));
        let (Some(si), Some(ti)) = (find(&opts.source_lang), find(&opts.target_lang)) else {
            out.skipped += 1;
            continue;
        };
        paired += 1;
        let mut tuvs: Vec<Option<Tuv>> = tu.tuvs.into_iter().map(Some).collect();
        let (Some(mut src), Some(mut tgt)) = (tuvs[si].take(), tuvs[ti].take()) else {
            out.skipped += 1; // one <tuv> matched both languages
            continue;
        };
        let mut sides = Vec::new();
        for tuv in [&mut src, &mut tgt] {
            let seg = tuv
                .seg
                .take()
                .ok_or_else(|| doc.invalid(tuv.start, "<tuv> has no <seg>"))?;
            out.warnings.append(&mut tuv.warnings);
            sides.push(if omegat { omegat_tags(seg) } else { seg });
        }
        let only_codes = sides[0]
            .iter()
            .all(|p| !matches!(p, Piece::Text(t) if !t.trim().is_empty()));
        if only_codes && sides[0].iter().any(|p| matches!(p, Piece::Code { .. })) {
            out.drop_one("unit made only of inline codes");
            out.skipped += 1;
            continue;
        }
        let r = inline::render(&sides);
        // every note and prop is kept at its level, several as several (`note#2`)
        let mut extra = tu.attrs;
        let mut notes = tu.notes.into_iter();
        let note = notes.next().unwrap_or_default();
        for (i, n) in notes.enumerate() {
            super::push_numbered(&mut extra, &format!("note#{}", i + 2), n);
        }
        for (col, v) in tu.props {
            super::push_numbered(&mut extra, &col, v);
        }
        for (side, tuv) in [("src-", src), ("tgt-", tgt)] {
            for (a, v) in tuv.attrs {
                super::push_numbered(&mut extra, &format!("{side}{a}"), v);
            }
            for n in tuv.notes {
                super::push_numbered(&mut extra, &format!("{side}note"), n);
            }
            for (col, v) in tuv.props {
                super::push_numbered(&mut extra, &format!("{side}{col}"), v);
            }
        }
        dropped_tuvs += tuvs.iter().flatten().count();
        // Trados Studio's confirmation level, when a TMX carries it, is a review status
        if !extra
            .iter()
            .any(|(k, _)| k == crate::memory::status::COLUMN)
        {
            let level = extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("prop:x-ConfirmationLevel"))
                .map(|(_, v)| v.clone());
            if let Some(level) = level {
                let st = super::xliff::status_from_sdl(Some(&level), None, None);
                extra.push((crate::memory::status::COLUMN.into(), st.as_str().into()));
            }
        }
        let [r0, r1]: [inline::Rendered; 2] = r.try_into().expect("two sides");
        if !r0.codes.is_empty() {
            extra.push(("src-codes".into(), r0.codes));
        }
        if !r1.codes.is_empty() {
            extra.push(("tgt-codes".into(), r1.codes));
        }
        out.items.push(Entry {
            ru: r0.text,
            en: r1.text,
            note,
            extra,
            origin: Origin {
                path: shared.clone(),
                line: tu.line,
            },
        });
    }
    for _ in 0..dropped_tuvs {
        out.drop_one("<tuv> in other languages");
    }
    if !order.is_empty() {
        for e in &mut out.items {
            let mut sorted: Vec<(String, String)> = Vec::with_capacity(order.len());
            for c in &order {
                let v = e
                    .extra
                    .iter()
                    .position(|(k, _)| k == c)
                    .map(|i| e.extra.remove(i).1)
                    .unwrap_or_default();
                sorted.push((c.clone(), v));
            }
            sorted.append(&mut e.extra);
            e.extra = sorted;
        }
    }
    if paired == 0 && out.skipped > 0 {
        let langs: Vec<&str> = by_tag.iter().map(|(t, _, _)| t.as_str()).collect();
        return Err(Error::NoPair {
            path: path.to_path_buf(),
            want: format!("{}→{}", opts.source_lang, opts.target_lang),
            found: langs.join(", "),
        });
    }
    // an English→Russian memory (OmegaT's en→ru project) is read the other way round
    if let Some(src) = doc.root.child("header").and_then(|h| h.attr("srclang")) {
        if !out.items.is_empty()
            && lang_matches(src, &opts.target_lang)
            && !lang_matches(src, &opts.source_lang)
        {
            out.warnings.push(format!(
                "{}: srclang=\"{src}\": an {}→{} memory, read as {}→{} (reversed)",
                path.display(),
                opts.target_lang,
                opts.source_lang,
                opts.source_lang,
                opts.target_lang
            ));
        }
    }
    Ok(out)
}

/// Splits OmegaT's tags out of text pieces: `<a0>` opens, `</a0>` closes, `<a0/>`
/// stands alone (a letter run and a number); the pairing key is the tag, shared by both
/// sides, and each becomes a `<bpt>`/`<ept>`/`<ph>` holding the tag on export.
fn omegat_tags(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut bodies: Vec<String> = Vec::new();
    for p in pieces {
        let Piece::Text(t) = p else {
            out.push(p);
            continue;
        };
        let mut rest = t.as_str();
        while let Some(at) = rest.find('<') {
            let tail = &rest[at..];
            let Some(end) = tail.find('>') else { break };
            let inner = &tail[1..end];
            let (close, body) = match inner.strip_prefix('/') {
                Some(b) => (true, b),
                None => (false, inner),
            };
            let (solo, body) = match body.strip_suffix('/') {
                Some(b) => (true, b),
                None => (false, body),
            };
            let letters = body.trim_end_matches(|c: char| c.is_ascii_digit());
            let is_tag = !(letters.is_empty() || close && solo)
                && letters.len() < body.len()
                && letters.chars().all(|c| c.is_ascii_alphabetic());
            if !is_tag {
                out.push(Piece::Text(rest[..at + end + 1].to_string()));
                rest = &rest[at + end + 1..];
                continue;
            }
            if at > 0 {
                out.push(Piece::Text(rest[..at].to_string()));
            }
            let tag = &tail[..end + 1];
            let mut esc = String::new();
            xml::escape_text(tag, &mut esc);
            // TMX wants a number for `i`: the tag's rank in this segment
            let i = match bodies.iter().position(|b| b == body) {
                Some(k) => k + 1,
                None => {
                    bodies.push(body.to_string());
                    bodies.len()
                }
            };
            let (kind, raw) = if solo {
                (Kind::Isolated, format!("<ph>{esc}</ph>"))
            } else if close {
                (Kind::Close, format!("<ept i=\"{i}\">{esc}</ept>"))
            } else {
                (Kind::Open, format!("<bpt i=\"{i}\">{esc}</bpt>"))
            };
            out.push(Piece::Code {
                kind,
                key: format!("omegat:{body}"),
                pref: None,
                raw,
            });
            rest = &rest[at + end + 1..];
        }
        if !rest.is_empty() {
            out.push(Piece::Text(rest.to_string()));
        }
    }
    out
}

/// Converts `<seg>` (or `<hi>`) content to pieces.
fn seg_pieces(doc: &Src, el: &Element, out: &mut Vec<Piece>, counter: &mut usize) {
    for n in &el.children {
        match n {
            Node::Text(t) => out.push(Piece::Text(t.clone())),
            Node::Element(e) => {
                let raw = doc.text[e.start..e.end].to_string();
                let num = |a: &str| e.attr(a).and_then(|v| v.trim().parse::<u32>().ok());
                let name = e.name.to_ascii_lowercase();
                let pos_key = |counter: &mut usize| {
                    *counter += 1;
                    format!("{name}#{counter}")
                };
                match name.as_str() {
                    "bpt" | "ept" => {
                        let i = e.attr("i").unwrap_or("").trim().to_string();
                        out.push(Piece::Code {
                            kind: if name == "bpt" {
                                Kind::Open
                            } else {
                                Kind::Close
                            },
                            key: format!("i:{i}"),
                            pref: num("i"),
                            raw,
                        });
                    }
                    "ph" if e.attr("type") == Some("x-concord-ctrl") => {
                        match xml::parse_ctrl_name(e.text().trim()) {
                            Some(c) => out.push(Piece::Text(c.to_string())),
                            None => out.push(Piece::Code {
                                kind: Kind::Isolated,
                                key: pos_key(counter),
                                pref: None,
                                raw,
                            }),
                        }
                    }
                    "ph" | "it" | "ut" => {
                        let key = match e.attr("x") {
                            Some(x) => format!("x:{x}"),
                            None => pos_key(counter),
                        };
                        out.push(Piece::Code {
                            kind: Kind::Isolated,
                            key,
                            pref: num("x"),
                            raw,
                        });
                    }
                    "hi" => {
                        let key = match e.attr("x") {
                            Some(x) => format!("hi:{x}"),
                            None => pos_key(counter),
                        };
                        let start_tag = doc.text[e.start..e.start_tag_end].trim_end_matches('>');
                        let start_tag = start_tag.trim_end_matches('/').trim_end();
                        out.push(Piece::Code {
                            kind: Kind::Open,
                            key: key.clone(),
                            pref: num("x"),
                            raw: format!("{start_tag}/>"),
                        });
                        seg_pieces(doc, e, out, counter);
                        out.push(Piece::Code {
                            kind: Kind::Close,
                            key,
                            pref: None,
                            raw: "<hi/>".into(),
                        });
                    }
                    // anything else (e.g. <sub> out of place): keep its text
                    _ => out.push(Piece::Text(e.text())),
                }
            }
        }
    }
}

/// Finds `<ept>` before its `<bpt>`, duplicate `i`, unclosed `<bpt>`: such codes become
/// isolated `<it>` placeholders, with a warning.
fn check_pairs(doc: &Src, seg: &Element, pieces: &mut [Piece], warnings: &mut Vec<String>) {
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut bad: Vec<(usize, &'static str)> = Vec::new();
    for (k, p) in pieces.iter().enumerate() {
        let Piece::Code { kind, key, .. } = p else {
            continue;
        };
        if !key.starts_with("i:") {
            continue;
        }
        match kind {
            Kind::Open if open.iter().any(|(o, _)| o == key) => {
                bad.push((k, "begin"));
                warnings.push(doc.warning(
                    seg.start,
                    format!("duplicate <bpt {}>; kept as an isolated code", &key[2..]),
                ));
            }
            Kind::Open => open.push((key.clone(), k)),
            Kind::Close => match open.iter().position(|(o, _)| o == key) {
                Some(i) => {
                    open.remove(i);
                }
                None => {
                    bad.push((k, "end"));
                    warnings.push(doc.warning(
                        seg.start,
                        format!(
                            "<ept i=\"{}\"> has no <bpt> before it; kept as an isolated code",
                            &key[2..]
                        ),
                    ));
                }
            },
            Kind::Isolated => {}
        }
    }
    for (key, k) in open {
        bad.push((k, "begin"));
        warnings.push(doc.warning(
            seg.start,
            format!(
                "<bpt i=\"{}\"> is never closed; kept as an isolated code",
                &key[2..]
            ),
        ));
    }
    for (k, pos) in bad {
        if let Piece::Code { kind, key, raw, .. } = &mut pieces[k] {
            *kind = Kind::Isolated;
            *key = format!("{key}@{k}");
            *raw = inline::to_it(raw, pos);
        }
    }
}

/// The memory column for a `<prop type>`: `prop:TYPE`, with characters a TSV header
/// cannot hold (anything but ASCII letters, digits, `-`, `_`, `:`, `.`) as `_`.
fn prop_column(ty: &str) -> String {
    format!("prop:{}", super::header_chars(ty))
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

fn check_chars(what: &str, s: &str) -> Result<(), Error> {
    match s.chars().find(|c| !xml::xml_char(*c)) {
        Some(c) => Err(Error::Unrepresentable(format!(
            "{what} contains {}, which XML 1.0 cannot carry outside segment text",
            xml::ctrl_name(c)
        ))),
        None => Ok(()),
    }
}

/// Where an extra column goes in TMX.
enum Place<'a> {
    /// A `<tu>` attribute.
    TuAttr(&'a str),
    /// A `<tu>` `<note>`.
    TuNote,
    /// A `<tu>` `<prop>` of this type.
    TuProp(String),
    /// On the source (0) or target (1) `<tuv>`.
    Tuv(usize, TuvPlace<'a>),
    /// Not written (inline codes).
    Skip,
}

enum TuvPlace<'a> {
    Attr(&'a str),
    Note,
    Prop(String),
}

fn prop_type(col: &str) -> String {
    match col.strip_prefix("prop:") {
        Some(t) => t.to_string(),
        None => format!("{COLUMN_PROP}{col}"),
    }
}

fn place<'a>(column: &'a str, value: &str, taken: &[&str]) -> Place<'a> {
    let base = super::base_column(column);
    if base == "src-codes" || base == "tgt-codes" {
        return Place::Skip;
    }
    let date_ok = |k: &str, v: &str| match k {
        "creationdate" | "changedate" | "lastusagedate" => valid_date(v),
        "usagecount" => v.bytes().all(|b| b.is_ascii_digit()),
        _ => true,
    };
    if base == column && TU_ATTRS.contains(&base) && !taken.contains(&base) && date_ok(base, value)
    {
        return Place::TuAttr(base);
    }
    if base == "note" {
        return Place::TuNote;
    }
    for (side, prefix) in [(0, "src-"), (1, "tgt-")] {
        if let Some(rest) = base.strip_prefix(prefix) {
            if rest == "note" {
                return Place::Tuv(side, TuvPlace::Note);
            }
            if base == column && TUV_ATTRS.contains(&rest) && date_ok(rest, value) {
                let attr = &column[prefix.len()..];
                return Place::Tuv(side, TuvPlace::Attr(attr));
            }
            return Place::Tuv(side, TuvPlace::Prop(prop_type(rest)));
        }
    }
    Place::TuProp(prop_type(base))
}

/// Writes a memory as TMX 1.4b with the given language tags.
///
/// Every extra column comes back on import: `tuid`, dates and ids as `<tu>`
/// attributes, `src-`/`tgt-` columns on their `<tuv>` (attributes, `<note>`, `<prop>`),
/// `note#2` as a further `<note>`, `prop:T` as `<prop type="T">`, any other column as
/// `<prop type="x-concord:NAME">`; the header lists the columns in order.
pub fn write(memory: &Memory, source_lang: &str, target_lang: &str) -> Result<String, Error> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"concord\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"concord\"",
        env!("CARGO_PKG_VERSION"),
        escape_attr(source_lang)
    ));
    let columns = memory.extra_columns();
    if columns.is_empty() {
        out.push_str("/>\n");
    } else {
        out.push_str(&format!(
            ">\n    <prop type=\"{COLUMNS_PROP}\">{}</prop>\n  </header>\n",
            escape_attr(&columns.join(" "))
        ));
    }
    out.push_str("  <body>\n");
    for (n, e) in memory.entries.iter().enumerate() {
        let what = |f: &str| format!("entry {} ({f})", n + 1);
        let mut taken: Vec<&str> = Vec::new();
        let mut tu_attrs = String::new();
        let mut tu_body = String::new();
        let mut tuv_attrs = [String::new(), String::new()];
        let mut tuv_body = [String::new(), String::new()];
        if !e.note.is_empty() {
            check_chars(&what("note"), &e.note)?;
            tu_body.push_str("      <note>");
            xml::escape_text(&e.note, &mut tu_body);
            tu_body.push_str("</note>\n");
        }
        let mut props = String::new();
        for (k, v) in &e.extra {
            // an empty cell is a column other entries use, not data
            if v.is_empty() {
                continue;
            }
            check_chars(&what(k), v)?;
            let elem = |name: &str, ty: Option<&str>, indent: &str, out: &mut String| {
                out.push_str(indent);
                match ty {
                    Some(t) => out.push_str(&format!("<{name} type=\"{}\">", escape_attr(t))),
                    None => out.push_str(&format!("<{name}>")),
                }
                xml::escape_text(v, out);
                out.push_str(&format!("</{name}>"));
            };
            match place(k, v, &taken) {
                Place::Skip => {}
                Place::TuAttr(a) => {
                    taken.push(a);
                    tu_attrs.push_str(&format!(" {a}=\"{}\"", escape_attr(v)));
                }
                Place::TuNote => {
                    elem("note", None, "      ", &mut tu_body);
                    tu_body.push('\n');
                }
                Place::TuProp(t) => {
                    check_chars(&what(k), &t)?;
                    elem("prop", Some(&t), "      ", &mut props);
                    props.push('\n');
                }
                Place::Tuv(i, TuvPlace::Attr(a)) => {
                    tuv_attrs[i].push_str(&format!(" {a}=\"{}\"", escape_attr(v)))
                }
                Place::Tuv(i, TuvPlace::Note) => elem("note", None, "", &mut tuv_body[i]),
                Place::Tuv(i, TuvPlace::Prop(t)) => {
                    check_chars(&what(k), &t)?;
                    elem("prop", Some(&t), "", &mut tuv_body[i])
                }
            }
        }
        out.push_str(&format!("    <tu{tu_attrs}>\n{tu_body}{props}"));
        for (i, (lang, text, codes)) in [
            (source_lang, &e.ru, e.get("src-codes").unwrap_or("")),
            (target_lang, &e.en, e.get("tgt-codes").unwrap_or("")),
        ]
        .into_iter()
        .enumerate()
        {
            out.push_str(&format!(
                "      <tuv xml:lang=\"{}\"{}>{}<seg>",
                escape_attr(lang),
                tuv_attrs[i],
                tuv_body[i]
            ));
            inline::write_tmx_seg(text, codes, &mut out);
            out.push_str("</seg></tuv>\n");
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(s: &str, src: &str, tgt: &str) -> Imported<Entry> {
        let opts = ImportOptions {
            source_lang: src.into(),
            target_lang: tgt.into(),
        };
        import(Path::new("t.tmx"), s.as_bytes(), &opts).unwrap()
    }

    #[test]
    fn pairs_any_tag_form_and_skips_other_pairs() {
        let t = r#"<tmx version="1.1"><header srclang="EN-US"/><body>
<tu><tuv lang="EN-US"><seg>Hi</seg></tuv><tuv lang="RU"><seg>Привет</seg></tuv></tu>
<tu srclang="ru"><tuv xml:lang="ru_RU"><seg> Да  </seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Ja</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu>
</body></tmx>"#;
        let m = imp(t, "ru", "en");
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.skipped, 1);
        assert_eq!(
            (m.items[0].ru.as_str(), m.items[0].en.as_str()),
            ("Привет", "Hi")
        );
        assert_eq!(m.items[1].ru, " Да  ");
        assert_eq!(m.items[1].origin.line, 3);
    }

    #[test]
    fn invalid_pairs_warn_and_reexport_valid() {
        let t = r#"<tmx version="1.4"><header/><body><tu>
<tuv xml:lang="ru"><seg><ept i="1">&lt;/b></ept>а<bpt i="1">&lt;b></bpt></seg></tuv>
<tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>"#;
        let m = imp(t, "ru", "en");
        assert_eq!(m.items[0].ru, "{1/}а{2/}");
        assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
        assert!(
            m.warnings[0].starts_with("t.tmx:2: <ept"),
            "{:?}",
            m.warnings
        );
        let x = write(&Memory { entries: m.items }, "ru", "en").unwrap();
        assert!(x.contains("<it pos=\"end\">&lt;/b></it>а<it pos=\"begin\">&lt;b></it>"));
    }
}
