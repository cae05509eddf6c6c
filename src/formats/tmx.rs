//! TMX 1.4b import and export.
//!
//! Import pairs the `<tuv>` of the wanted source and target languages in each `<tu>`
//! (any tag form: `ru`, `ru-RU`, `RU`, TMX 1.1 `lang=`; the `<tu srclang>` and the
//! order of `<tuv>`s do not matter); units without both languages are skipped and
//! counted. Inline codes become placeholders (see [`super::inline`]); `<note>`s go to
//! the note column, `<prop type="T">` to a `prop:T` column, `tuid` and dates to columns
//! of the same name. Segment text is kept exactly, whitespace included.

use std::path::Path;

use super::inline::{self, Kind, Piece};
use super::xml::{self, escape_attr, Doc, Element, Node};
use super::{lang_matches, Error, ImportOptions, Imported};
use crate::memory::{Entry, Memory, Origin};

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

/// Reads a TMX document.
pub fn import(path: &Path, bytes: &[u8], opts: &ImportOptions) -> Result<Imported<Entry>, Error> {
    let doc = xml::parse(path, bytes)?;
    if !doc.root.name.eq_ignore_ascii_case("tmx") {
        return Err(doc.invalid(
            doc.root.start,
            format!("expected a <tmx> root element, found <{}>", doc.root.name),
        ));
    }
    let body = doc
        .root
        .child("body")
        .ok_or_else(|| doc.invalid(doc.root.start, "<tmx> has no <body>"))?;
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut out = Imported::default();
    let mut seen_langs: Vec<String> = Vec::new();
    let mut tus = Vec::new();
    body.descendants("tu", &mut tus);
    for tu in tus {
        let tuvs: Vec<&Element> = tu.children_named("tuv").collect();
        fn lang_of(t: &Element) -> &str {
            t.attr("xml:lang").or(t.attr("lang")).unwrap_or("")
        }
        for t in &tuvs {
            let l = lang_of(t).to_string();
            if !seen_langs.iter().any(|s| s.eq_ignore_ascii_case(&l)) {
                seen_langs.push(l);
            }
        }
        let find = |want: &str| tuvs.iter().find(|t| lang_matches(lang_of(t), want));
        let (Some(src), Some(tgt)) = (find(&opts.source_lang), find(&opts.target_lang)) else {
            out.skipped += 1;
            continue;
        };
        let mut sides = Vec::new();
        for tuv in [src, tgt] {
            let seg = tuv
                .child("seg")
                .ok_or_else(|| doc.invalid(tuv.start, "<tuv> has no <seg>"))?;
            let mut pieces = Vec::new();
            let mut counter = 0;
            seg_pieces(&doc, seg, &mut pieces, &mut counter);
            check_pairs(&doc, seg, &mut pieces, &mut out.warnings);
            sides.push(pieces);
        }
        let r = inline::render(&sides);
        let mut notes: Vec<String> = Vec::new();
        let mut extra: Vec<(String, String)> = Vec::new();
        for a in TU_ATTRS {
            if let Some(v) = tu.attr(a) {
                extra.push((a.to_string(), v.to_string()));
            }
        }
        for holder in [tu, *src, *tgt] {
            for n in holder.children_named("note") {
                let t = n.text();
                if !notes.contains(&t) {
                    notes.push(t);
                }
            }
            for p in holder.children_named("prop") {
                let ty = p.attr("type").unwrap_or("");
                let col = match ty.strip_prefix(COLUMN_PROP) {
                    Some(c) => c.to_string(),
                    None => prop_column(ty),
                };
                let v = p.text();
                match extra.iter_mut().find(|(k, _)| *k == col) {
                    Some((_, old)) if old.split('\n').any(|x| x == v) => {}
                    Some((_, old)) => {
                        old.push('\n');
                        old.push_str(&v);
                    }
                    None => extra.push((col, v)),
                }
            }
        }
        if !r[0].codes.is_empty() {
            extra.push(("src-codes".into(), r[0].codes.clone()));
        }
        if !r[1].codes.is_empty() {
            extra.push(("tgt-codes".into(), r[1].codes.clone()));
        }
        out.items.push(Entry {
            ru: r[0].text.clone(),
            en: r[1].text.clone(),
            note: notes.join("\n"),
            extra,
            origin: Origin {
                path: shared.clone(),
                line: doc.line(tu.start),
            },
        });
    }
    if out.items.is_empty() && out.skipped > 0 {
        out.warnings.push(format!(
            "{}: no unit has both {} and {}; languages in the file: {}",
            path.display(),
            opts.source_lang,
            opts.target_lang,
            seen_langs.join(", ")
        ));
    }
    Ok(out)
}

/// Converts `<seg>` (or `<hi>`) content to pieces.
fn seg_pieces(doc: &Doc, el: &Element, out: &mut Vec<Piece>, counter: &mut usize) {
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
fn check_pairs(doc: &Doc, seg: &Element, pieces: &mut [Piece], warnings: &mut Vec<String>) {
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut bad: Vec<(usize, &'static str)> = Vec::new();
    for (k, p) in pieces.iter().enumerate() {
        let Piece::Code { kind, key, raw, .. } = p else {
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
        let _ = raw;
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
    let safe: String = ty
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("prop:{safe}")
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

/// Writes a memory as TMX 1.4b with the given language tags.
pub fn write(memory: &Memory, source_lang: &str, target_lang: &str) -> Result<String, Error> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"concord\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"concord\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        escape_attr(source_lang)
    ));
    for (n, e) in memory.entries.iter().enumerate() {
        let what = |f: &str| format!("entry {} ({f})", n + 1);
        out.push_str("    <tu");
        let mut props = Vec::new();
        let mut written: Vec<&str> = Vec::new();
        for (k, v) in &e.extra {
            // codes go inline; an empty cell is a column other entries use, not data
            if k == "src-codes" || k == "tgt-codes" || v.is_empty() {
                continue;
            }
            check_chars(&what(k), v)?;
            let is_attr = TU_ATTRS.contains(&k.as_str())
                && !written.contains(&k.as_str())
                && match k.as_str() {
                    "creationdate" | "changedate" | "lastusagedate" => valid_date(v),
                    "usagecount" => !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()),
                    _ => !v.is_empty(),
                };
            if is_attr {
                written.push(k);
                out.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
            } else {
                props.push((k.clone(), v.clone()));
            }
        }
        out.push_str(">\n");
        if !e.note.is_empty() {
            check_chars(&what("note"), &e.note)?;
            out.push_str("      <note>");
            xml::escape_text(&e.note, &mut out);
            out.push_str("</note>\n");
        }
        for (k, v) in props {
            let ty = match k.strip_prefix("prop:") {
                Some(t) => t.to_string(),
                None => format!("{COLUMN_PROP}{k}"),
            };
            check_chars(&what(&k), &ty)?;
            out.push_str(&format!("      <prop type=\"{}\">", escape_attr(&ty)));
            xml::escape_text(&v, &mut out);
            out.push_str("</prop>\n");
        }
        for (lang, text, codes) in [
            (source_lang, &e.ru, e.get("src-codes").unwrap_or("")),
            (target_lang, &e.en, e.get("tgt-codes").unwrap_or("")),
        ] {
            out.push_str(&format!(
                "      <tuv xml:lang=\"{}\"><seg>",
                escape_attr(lang)
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
