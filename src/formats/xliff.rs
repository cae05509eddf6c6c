//! XLIFF 1.2 export (for CAT tools) and XLIFF 1.2 / 2.0 import (into the memory).
//!
//! [`write_xliff12`] writes a document's segments with their memory matches for
//! OmegaT, Trados or memoQ: exact matches as `state="translated"`, fuzzy matches as
//! `state="needs-review-translation"` with the score in an `<alt-trans
//! match-quality>` and a note, unmatched segments as `state="new"`.

use super::xml::{ctrl_name, escape_attr, escape_text, xml_char};
use std::collections::HashMap;

use super::inline::{render, Kind, Piece};
use super::xml::{Doc, Element, Node};
use super::{lang_matches, Error, ImportOptions, Imported};
use crate::memory::{Entry, ReviewStatus};
use crate::text::{script, Script};
use crate::tsv::Origin;

/// A segment's id, source, target and the element carrying its `state`.
type SegPair<'a> = (
    String,
    Option<&'a Element>,
    Option<&'a Element>,
    Option<&'a Element>,
);

/// The review status an XLIFF 1.2 target states: `state="final"`, or `approved="yes"`
/// with no state or `translated`/`signed-off` (a state asking for work wins over the flag)
/// → approved, `signed-off` → reviewed, `translated` → translated, `needs-review-*`,
/// `needs-adaptation`, `needs-l10n` and unknown states → draft; a `state-qualifier` of
/// `leveraged-mt`/`mt-suggestion` makes an unreviewed target `mt`, `fuzzy-match`/
/// `leveraged-tm`/`tm-suggestion` a needs-review one `fuzzy`. No state → translated.
pub fn status_from_xliff12(
    state: Option<&str>,
    qualifier: Option<&str>,
    approved: bool,
) -> ReviewStatus {
    let base = match state.map(str::trim) {
        Some("final") => return ReviewStatus::Approved,
        None | Some("translated" | "signed-off") if approved => return ReviewStatus::Approved,
        Some("signed-off") => return ReviewStatus::Reviewed,
        Some("translated") | None => ReviewStatus::Translated,
        Some(s) if s.starts_with("x-concord-") => {
            ReviewStatus::from_name(&s["x-concord-".len()..]).unwrap_or(ReviewStatus::Draft)
        }
        Some(_) => ReviewStatus::Draft,
    };
    match qualifier.map(str::trim) {
        Some("leveraged-mt" | "mt-suggestion") => ReviewStatus::Mt,
        Some("fuzzy-match" | "leveraged-tm" | "tm-suggestion") if base == ReviewStatus::Draft => {
            ReviewStatus::Fuzzy
        }
        _ => base,
    }
}

/// The XLIFF 1.2 `state`, `state-qualifier` and `approved` concord writes for a status.
pub fn status_to_xliff12(s: ReviewStatus) -> (&'static str, Option<&'static str>, bool) {
    match s {
        ReviewStatus::Draft => ("needs-review-translation", None, false),
        ReviewStatus::Fuzzy => ("needs-review-translation", Some("fuzzy-match"), false),
        ReviewStatus::Mt => ("needs-review-translation", Some("leveraged-mt"), false),
        ReviewStatus::Translated => ("translated", None, false),
        ReviewStatus::Reviewed => ("signed-off", None, false),
        ReviewStatus::Approved => ("final", None, true),
    }
}

/// The review status of an XLIFF 2.0 segment: `state` `initial` → draft, `translated`,
/// `reviewed`, `final` → approved; a `subState` `concord:fuzzy` / `concord:mt` (as
/// concord writes them) refines an unreviewed one. No state → translated.
pub fn status_from_xliff20(state: Option<&str>, sub_state: Option<&str>) -> ReviewStatus {
    let base = match state.map(str::trim) {
        Some("initial") => ReviewStatus::Draft,
        Some("reviewed") => ReviewStatus::Reviewed,
        Some("final") => ReviewStatus::Approved,
        _ => ReviewStatus::Translated,
    };
    match sub_state.and_then(|s| s.strip_prefix("concord:")) {
        Some(v) if !base.is_reviewed() => ReviewStatus::from_name(v).unwrap_or(base),
        _ => base,
    }
}

/// The XLIFF 2.0 `state` and `subState` concord writes for a status.
pub fn status_to_xliff20(s: ReviewStatus) -> (&'static str, Option<&'static str>) {
    match s {
        ReviewStatus::Draft => ("initial", None),
        ReviewStatus::Fuzzy => ("initial", Some("concord:fuzzy")),
        ReviewStatus::Mt => ("translated", Some("concord:mt")),
        ReviewStatus::Translated => ("translated", None),
        ReviewStatus::Reviewed => ("reviewed", None),
        ReviewStatus::Approved => ("final", None),
    }
}

/// The review status of a Trados Studio segment (`<sdl:seg conf origin>`):
/// `ApprovedSignOff` → approved, `ApprovedTranslation` → reviewed, `Translated` →
/// translated, `Draft` and the rejected levels → draft, refined to `mt` or `fuzzy`
/// by an `origin` of `mt` / `tm` (below 100%) when unreviewed; no level → draft.
pub fn status_from_sdl(
    conf: Option<&str>,
    origin: Option<&str>,
    percent: Option<&str>,
) -> ReviewStatus {
    let base = match conf.map(str::trim) {
        Some("ApprovedSignOff") => return ReviewStatus::Approved,
        Some("ApprovedTranslation") => return ReviewStatus::Reviewed,
        Some("Translated") => ReviewStatus::Translated,
        _ => ReviewStatus::Draft,
    };
    let full = percent
        .and_then(|p| p.trim().parse::<f64>().ok())
        .is_some_and(|p| p >= 100.0);
    match origin.map(str::trim) {
        Some("mt" | "nmt" | "machine-translation") => ReviewStatus::Mt,
        Some("tm") if !full && base == ReviewStatus::Draft => ReviewStatus::Fuzzy,
        _ => base,
    }
}

/// What a unit or segment contributes before the language check.
struct Pending {
    line: usize,
    source: Vec<Piece>,
    target: Vec<Piece>,
    extra: Vec<(String, String)>,
    note: String,
}

/// The script a language is written in, when concord can tell.
pub(crate) fn tag_script(tag: &str) -> Option<Script> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    const CYRILLIC: [&str; 10] = ["ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"];
    const LATIN: [&str; 36] = [
        "en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "ro", "hu", "fi",
        "sv", "da", "no", "nb", "nn", "is", "et", "lv", "lt", "tr", "id", "ms", "vi", "ca", "eu",
        "gl", "ga", "cy", "sq", "af", "sw",
    ];
    if CYRILLIC.contains(&primary.as_str()) {
        Some(Script::Cyrillic)
    } else if LATIN.contains(&primary.as_str()) {
        Some(Script::Latin)
    } else {
        None
    }
}

/// Adds a text's Cyrillic and Latin letter counts.
pub(crate) fn count_letters(text: &str, counts: &mut (usize, usize)) {
    for c in text.chars() {
        match script(c) {
            Script::Cyrillic => counts.0 += 1,
            Script::Latin => counts.1 += 1,
            Script::Other => {}
        }
    }
}

/// The script some texts are written in, as far as a language tag is concerned:
/// Cyrillic when at least 10 letters and a fifth of all letters are Cyrillic (markup
/// and URLs add Latin letters to any text), Latin when under 5% are.
fn verdict((cyr, lat): (usize, usize)) -> Option<Script> {
    let total = cyr + lat;
    if cyr >= 10 && cyr * 5 >= total {
        Some(Script::Cyrillic)
    } else if lat >= 10 && cyr * 20 < total {
        Some(Script::Latin)
    } else {
        None
    }
}

fn dominant(texts: &[String]) -> Option<Script> {
    let mut counts = (0, 0);
    for t in texts {
        count_letters(t, &mut counts);
    }
    verdict(counts)
}

/// Checks a language tag against its text: returns the tag to use.
fn checked_lang(
    doc: &Doc,
    at: usize,
    attr: &str,
    tag: &str,
    texts: &[String],
    warnings: &mut Vec<String>,
) -> String {
    let mut counts = (0, 0);
    for t in texts {
        count_letters(t, &mut counts);
    }
    checked_lang_counts(doc, at, attr, tag, counts, true, warnings)
}

/// `checked_lang` from letter counts.
pub(crate) fn checked_lang_counts(
    doc: &Doc,
    at: usize,
    attr: &str,
    tag: &str,
    counts: (usize, usize),
    relabel: bool,
    warnings: &mut Vec<String>,
) -> String {
    let Some(seen) = verdict(counts) else {
        return tag.to_string();
    };
    let expected = tag_script(tag);
    if seen == Script::Cyrillic && expected != Some(Script::Cyrillic) && !relabel {
        warnings.push(doc.warning(
            at,
            format!("{attr}=\"{tag}\" but the text is Cyrillic; check the language tag"),
        ));
        return tag.to_string();
    }
    if seen == Script::Cyrillic && expected != Some(Script::Cyrillic) {
        warnings.push(doc.warning(
            at,
            format!("{attr}=\"{tag}\" but the text is Cyrillic; read as Russian (ru)"),
        ));
        return "ru".into();
    }
    if seen == Script::Latin && expected == Some(Script::Cyrillic) {
        warnings.push(doc.warning(
            at,
            format!("{attr}=\"{tag}\" but the text is in Latin script; check the language tag"),
        ));
    }
    tag.to_string()
}

fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t.as_str()),
            Piece::Code { .. } => None,
        })
        .collect()
}

/// Native code data as TMX element content.
fn native(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&ctrl_name(c));
        }
    }
    let mut esc = String::new();
    escape_text(&out, &mut esc);
    esc
}

/// Converts XLIFF inline content to pieces (TMX-element codes).
struct Codes<'d> {
    doc: &'d Doc,
    data: HashMap<String, String>,
    ids: HashMap<String, u32>,
}

impl Codes<'_> {
    fn num(&mut self, key: &str) -> u32 {
        let n = self.ids.len() as u32 + 1;
        *self.ids.entry(key.to_string()).or_insert(n)
    }

    fn code(&mut self, kind: Kind, key: String, data: &str) -> Piece {
        let i = self.num(&key);
        let raw = match kind {
            Kind::Open => format!("<bpt i=\"{i}\">{}</bpt>", native(data)),
            Kind::Close => format!("<ept i=\"{i}\">{}</ept>", native(data)),
            Kind::Isolated => format!("<ph x=\"{i}\">{}</ph>", native(data)),
        };
        Piece::Code {
            kind,
            key,
            pref: Some(i),
            raw,
        }
    }

    fn pieces(&mut self, el: &Element, out: &mut Vec<Piece>) {
        for n in &el.children {
            let e = match n {
                Node::Text(t) => {
                    out.push(Piece::Text(t.clone()));
                    continue;
                }
                Node::Element(e) => e,
            };
            let raw = &self.doc.text[e.start..e.end];
            let start_tag = &self.doc.text[e.start..e.start_tag_end];
            let id = e.attr("id").unwrap_or("").to_string();
            let data = |k: &str, this: &Self| {
                e.attr(k)
                    .and_then(|r| this.data.get(r).cloned())
                    .unwrap_or_else(|| raw.to_string())
            };
            match e.name.as_str() {
                // XLIFF 1.2
                "g" => {
                    let p = self.code(Kind::Open, format!("g:{id}"), start_tag);
                    out.push(p);
                    self.pieces(e, out);
                    let p = self.code(Kind::Close, format!("g:{id}"), "</g>");
                    out.push(p);
                }
                "x" => {
                    let p = self.code(Kind::Isolated, format!("x:{id}"), raw);
                    out.push(p);
                }
                "bx" | "ex" => {
                    let r = e.attr("rid").unwrap_or(&id).to_string();
                    let kind = if e.name == "bx" {
                        Kind::Open
                    } else {
                        Kind::Close
                    };
                    let p = self.code(kind, format!("b:{r}"), raw);
                    out.push(p);
                }
                "ph" if e.attr("ctype") == Some("x-concord-ctrl") => {
                    match super::xml::parse_ctrl_name(e.text().trim()) {
                        Some(c) => out.push(Piece::Text(c.to_string())),
                        None => {
                            let p = self.code(Kind::Isolated, format!("ph:{id}"), &e.text());
                            out.push(p);
                        }
                    }
                }
                "ph" if e.attr("dataRef").is_some() || e.children.is_empty() => {
                    // XLIFF 2.0 <ph/> (or an empty 1.2 <ph>)
                    let d = data("dataRef", self);
                    let p = self.code(Kind::Isolated, format!("ph:{id}"), &d);
                    out.push(p);
                }
                "ph" | "it" => {
                    // codes without ids (`<it>` in XLIFF 1.1) are each their own code
                    let key = if id.is_empty() {
                        format!("{}@{}", e.name, e.start)
                    } else {
                        format!("ph:{id}")
                    };
                    let p = self.code(Kind::Isolated, key, &e.text());
                    out.push(p);
                }
                "bpt" | "ept" => {
                    let r = e.attr("rid").unwrap_or(&id).to_string();
                    let kind = if e.name == "bpt" {
                        Kind::Open
                    } else {
                        Kind::Close
                    };
                    let p = self.code(kind, format!("b:{r}"), &e.text());
                    out.push(p);
                }
                // XLIFF 2.0
                "pc" => {
                    let d = data("dataRefStart", self);
                    let d = if e.attr("dataRefStart").is_some() {
                        d
                    } else {
                        start_tag.to_string()
                    };
                    let p = self.code(Kind::Open, format!("pc:{id}"), &d);
                    out.push(p);
                    self.pieces(e, out);
                    let d = match e.attr("dataRefEnd") {
                        Some(_) => data("dataRefEnd", self),
                        None => "</pc>".to_string(),
                    };
                    let p = self.code(Kind::Close, format!("pc:{id}"), &d);
                    out.push(p);
                }
                "sc" | "ec" => {
                    let d = data("dataRef", self);
                    let isolated = e.attr("isolated") == Some("yes");
                    let kind = match (e.name.as_str(), isolated) {
                        (_, true) => Kind::Isolated,
                        ("sc", _) => Kind::Open,
                        _ => Kind::Close,
                    };
                    let key = match e.attr("startRef") {
                        Some(r) => format!("sc:{r}"),
                        None => format!("sc:{id}"),
                    };
                    let key = if isolated {
                        format!("{key}:{}", e.name)
                    } else {
                        key
                    };
                    let p = self.code(kind, key, &d);
                    out.push(p);
                }
                "cp" => {
                    if let Some(c) = e
                        .attr("hex")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        out.push(Piece::Text(c.to_string()));
                    }
                }
                // markers (<mrk>, <sub>) are transparent; <sm/>/<em/> carry no text
                _ => self.pieces(e, out),
            }
        }
    }
}

/// Reads an XLIFF 1.2 or 2.0 file: translated units (or `<mrk mtype="seg">` /
/// `<segment>` sub-segments) become memory entries with `id`, `state` and `file`
/// columns; untranslated ones are skipped and counted.
pub fn import(
    path: &std::path::Path,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported<Entry>, Error> {
    let doc = super::xml::parse(path, bytes)?;
    if !doc.root.name.eq_ignore_ascii_case("xliff") {
        return Err(doc.invalid(
            doc.root.start,
            format!(
                "expected an <xliff> root element, found <{}>",
                doc.root.name
            ),
        ));
    }
    let v2 = doc.root.attr("version").is_some_and(|v| v.starts_with('2'));
    let shared: std::sync::Arc<std::path::Path> = std::sync::Arc::from(path);
    let mut out = Imported::default();
    let files: Vec<&Element> = doc.root.children_named("file").collect();
    let mut other_pairs: Vec<String> = Vec::new();
    if files.is_empty() {
        return Err(doc.invalid(doc.root.start, "<xliff> has no <file>"));
    }
    for file in files {
        let (src_attr, tgt_attr) = if v2 {
            ("srcLang", "trgLang")
        } else {
            ("source-language", "target-language")
        };
        let holder = if v2 { &doc.root } else { file };
        let src_tag = holder.attr(src_attr).unwrap_or("").to_string();
        let tgt_tag = holder.attr(tgt_attr).unwrap_or("").to_string();
        let original = file.attr("original").unwrap_or("").to_string();
        let mut pending = Vec::new();
        let mut untranslated = 0usize;
        let mut units = Vec::new();
        file.descendants(if v2 { "unit" } else { "trans-unit" }, &mut units);
        for unit in units {
            let mut codes = Codes {
                doc: &doc,
                data: HashMap::new(),
                ids: HashMap::new(),
            };
            let id = unit.attr("id").unwrap_or("").to_string();
            let mut notes = Vec::new();
            let mut note_els = Vec::new();
            unit.descendants("note", &mut note_els);
            for n in note_els {
                // the notes concord's own edition XLIFF carries (match scores, line
                // numbers) describe that edition, not the translation
                if n.attr("from") == Some("concord") {
                    out.drop_one("concord edition note");
                    continue;
                }
                notes.push(n.text().trim().to_string());
            }
            let mut pairs: Vec<SegPair<'_>> = Vec::new();
            if v2 {
                if let Some(od) = unit.child("originalData") {
                    for d in od.children_named("data") {
                        codes
                            .data
                            .insert(d.attr("id").unwrap_or("").to_string(), d.text());
                    }
                }
                let segs: Vec<&Element> = unit.children_named("segment").collect();
                let many = segs.len() > 1;
                for (k, seg) in segs.into_iter().enumerate() {
                    let sid = match (many, seg.attr("id")) {
                        (true, Some(s)) => format!("{id}:{s}"),
                        (true, None) => format!("{id}:{}", k + 1),
                        _ => id.clone(),
                    };
                    pairs.push((sid, seg.child("source"), seg.child("target"), Some(seg)));
                }
            } else {
                let target = unit.child("target");
                let mut src_mrks = Vec::new();
                if let Some(ss) = unit.child("seg-source") {
                    ss.descendants("mrk", &mut src_mrks);
                }
                src_mrks.retain(|m| m.attr("mtype") == Some("seg"));
                if src_mrks.is_empty() {
                    pairs.push((id.clone(), unit.child("source"), target, target));
                } else {
                    let mut tgt_mrks = Vec::new();
                    if let Some(t) = target {
                        t.descendants("mrk", &mut tgt_mrks);
                    }
                    tgt_mrks.retain(|m| m.attr("mtype") == Some("seg"));
                    let same = |a: &[&Element], b: &[&Element]| {
                        let mids = |v: &[&Element]| -> Vec<String> {
                            v.iter()
                                .map(|m| m.attr("mid").unwrap_or("").to_string())
                                .collect()
                        };
                        mids(a) == mids(b)
                    };
                    if !tgt_mrks.is_empty() && !same(&src_mrks, &tgt_mrks) {
                        // sub-segments that do not correspond are never paired by
                        // position: the unit is kept whole
                        out.warnings.push(doc.warning(
                            unit.start,
                            format!(
                                "unit {id}: {} source and {} target sub-segments (<mrk mtype=\"seg\">) do not correspond; kept as one entry",
                                src_mrks.len(),
                                tgt_mrks.len()
                            ),
                        ));
                        pairs.push((id.clone(), unit.child("source"), target, target));
                        src_mrks.clear();
                    }
                    for m in src_mrks {
                        let mid = m.attr("mid").unwrap_or("");
                        let t = tgt_mrks
                            .iter()
                            .find(|t| t.attr("mtype") == Some("seg") && t.attr("mid") == Some(mid))
                            .copied();
                        pairs.push((format!("{id}:{mid}"), Some(m), t, target));
                    }
                }
            }
            for (sid, source, target, state_el) in pairs {
                let Some(source) = source else { continue };
                let mut sp = Vec::new();
                codes.pieces(source, &mut sp);
                let mut tp = Vec::new();
                if let Some(t) = target {
                    codes.pieces(t, &mut tp);
                }
                if tp.is_empty()
                    || plain(&tp).trim().is_empty()
                        && !tp.iter().any(|p| matches!(p, Piece::Code { .. }))
                {
                    untranslated += 1;
                    continue;
                }
                let state = state_el.and_then(|e| e.attr("state"));
                // a pre-filled target that the file itself calls untranslated
                if matches!(state, Some("new" | "needs-translation")) {
                    untranslated += 1;
                    continue;
                }
                let status = if v2 {
                    status_from_xliff20(state, state_el.and_then(|e| e.attr("subState")))
                } else if let Some(seg) = sdl_seg(unit, &sid, &id) {
                    status_from_sdl(seg.attr("conf"), seg.attr("origin"), seg.attr("percent"))
                } else {
                    status_from_xliff12(
                        state,
                        state_el.and_then(|e| e.attr("state-qualifier")),
                        unit.attr("approved") == Some("yes"),
                    )
                };
                let mut extra = vec![("id".to_string(), sid)];
                extra.push((crate::memory::status::COLUMN.into(), status.as_str().into()));
                if !original.is_empty() {
                    extra.push(("file".into(), original.clone()));
                }
                pending.push(Pending {
                    line: doc.line(source.start),
                    source: sp,
                    target: tp,
                    extra,
                    note: notes.join("\n"),
                });
            }
        }
        // language tags against the text
        let srcs: Vec<String> = pending.iter().map(|p| plain(&p.source)).collect();
        let tgts: Vec<String> = pending.iter().map(|p| plain(&p.target)).collect();
        let src_lang = checked_lang(
            &doc,
            file.start,
            src_attr,
            &src_tag,
            &srcs,
            &mut out.warnings,
        );
        let tgt_lang = if tgt_tag.is_empty() {
            if dominant(&tgts) == Some(Script::Cyrillic) {
                "ru".to_string()
            } else {
                opts.target_lang.clone()
            }
        } else {
            checked_lang(
                &doc,
                file.start,
                tgt_attr,
                &tgt_tag,
                &tgts,
                &mut out.warnings,
            )
        };
        let direct = lang_matches(&src_lang, &opts.source_lang)
            && lang_matches(&tgt_lang, &opts.target_lang);
        let swapped = lang_matches(&src_lang, &opts.target_lang)
            && lang_matches(&tgt_lang, &opts.source_lang);
        out.skipped += untranslated;
        if !direct && !swapped {
            if !pending.is_empty() {
                out.warnings.push(doc.warning(
                    file.start,
                    format!(
                        "languages {src_lang}→{tgt_lang}, not {}→{}; {} translated units skipped",
                        opts.source_lang,
                        opts.target_lang,
                        pending.len()
                    ),
                ));
            }
            out.skipped += pending.len();
            if !pending.is_empty() {
                other_pairs.push(format!("{src_lang}→{tgt_lang}"));
            }
            continue;
        }
        if swapped && !direct && !pending.is_empty() {
            out.warnings.push(doc.warning(
                file.start,
                format!(
                    "languages {src_lang}→{tgt_lang}: read as {}→{} (reversed)",
                    opts.source_lang, opts.target_lang
                ),
            ));
        }
        for p in pending {
            let (a, b) = if direct {
                (p.source, p.target)
            } else {
                (p.target, p.source)
            };
            // a unit made only of codes (a tag-only paragraph) holds nothing to translate
            if plain(&a).trim().is_empty() && a.iter().any(|p| matches!(p, Piece::Code { .. })) {
                out.drop_one("unit made only of inline codes");
                out.skipped += 1;
                continue;
            }
            let r = render(&[a, b]);
            let mut extra = p.extra;
            if !r[0].codes.is_empty() {
                extra.push(("src-codes".into(), r[0].codes.clone()));
            }
            if !r[1].codes.is_empty() {
                extra.push(("tgt-codes".into(), r[1].codes.clone()));
            }
            out.items.push(Entry {
                ru: r[0].text.clone(),
                en: r[1].text.clone(),
                note: p.note,
                extra,
                origin: Origin {
                    path: shared.clone(),
                    line: p.line,
                },
            });
        }
    }
    if out.items.is_empty() && !other_pairs.is_empty() {
        return Err(Error::NoPair {
            path: path.to_path_buf(),
            want: format!("{}→{}", opts.source_lang, opts.target_lang),
            found: other_pairs.join(", "),
        });
    }
    Ok(out)
}

/// A Trados Studio unit's `<sdl:seg>` for a segment (`sid` is `unit:mid` or the unit id).
fn sdl_seg<'a>(unit: &'a Element, sid: &str, id: &str) -> Option<&'a Element> {
    let defs = unit.child("seg-defs")?;
    let mid = sid.strip_prefix(id).and_then(|r| r.strip_prefix(':'));
    let mut segs = defs.children_named("seg");
    match mid {
        Some(m) => defs.children_named("seg").find(|s| s.attr("id") == Some(m)),
        None => segs.next(),
    }
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
            out.push_str("        <note from=\"concord\">");
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
