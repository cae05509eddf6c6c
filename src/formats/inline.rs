//! Inline codes (tags inside a segment) as placeholders in memory text.
//!
//! A segment's inline codes are stored in two places so that matching sees clean text
//! and a round trip loses nothing:
//!
//! - in the text, a numbered placeholder per code: `{1}` opens a paired code, `{/1}`
//!   closes it, `{2/}` stands alone (`<ph>`, `<it>`, `<x/>`);
//! - in a `src-codes` / `tgt-codes` column, each placeholder followed by the TMX 1.4b
//!   element it stands for: `{1}<bpt i="1">&lt;b></bpt>{/1}<ept i="1">&lt;/b></ept>`.
//!   XLIFF codes are converted to TMX elements holding the original XLIFF markup.
//!
//! A source and target share numbers, so `{1}` is the same code on both sides. When a
//! segment already contains placeholder-like text (`{0}` of a .NET format string), the
//! numbering skips those numbers; on export only placeholders listed in the codes
//! column become elements, everything else stays literal text.

use super::xml::{escape_attr, escape_text};

/// The role of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Opens a pair (`<bpt>`, `<hi>` start).
    Open,
    /// Closes a pair (`<ept>`, `</hi>`).
    Close,
    /// A standalone code.
    Isolated,
}

/// A piece of segment content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// Plain text.
    Text(String),
    /// A code: its role, a pairing key (shared by both sides), a preferred number, and
    /// its TMX element markup.
    Code {
        kind: Kind,
        key: String,
        pref: Option<u32>,
        raw: String,
    },
}

/// A rendered side: text with placeholders and the codes column value.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Rendered {
    pub text: String,
    pub codes: String,
}

fn token(kind: Kind, n: u32) -> String {
    match kind {
        Kind::Open => format!("{{{n}}}"),
        Kind::Close => format!("{{/{n}}}"),
        Kind::Isolated => format!("{{{n}/}}"),
    }
}

/// Parses a placeholder token at the start of `s`: returns its length.
fn token_at(s: &str) -> Option<(usize, u32)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    let d = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == d || i - d > 9 {
        return None;
    }
    let n: u32 = s[d..i].parse().ok()?;
    if b.get(i) == Some(&b'/') && d == 1 {
        i += 1;
    }
    (b.get(i) == Some(&b'}')).then_some((i + 1, n))
}

/// Renders the sides of one unit with shared numbering.
pub(crate) fn render(sides: &[Vec<Piece>]) -> Vec<Rendered> {
    let mut literal = std::collections::BTreeSet::new();
    for side in sides {
        for p in side {
            if let Piece::Text(t) = p {
                for (i, _) in t.match_indices('{') {
                    if let Some((_, n)) = token_at(&t[i..]) {
                        literal.insert(n);
                    }
                }
            }
        }
    }
    let mut numbers: std::collections::HashMap<&str, u32> = Default::default();
    let mut used = literal.clone();
    for side in sides {
        for p in side {
            if let Piece::Code { key, pref, .. } = p {
                if numbers.contains_key(key.as_str()) {
                    continue;
                }
                let n = match pref {
                    Some(n) if *n > 0 && !used.contains(n) => *n,
                    _ => (1..).find(|n| !used.contains(n)).unwrap_or(1),
                };
                used.insert(n);
                numbers.insert(key, n);
            }
        }
    }
    sides
        .iter()
        .map(|side| {
            let mut r = Rendered::default();
            for p in side {
                match p {
                    Piece::Text(t) => r.text.push_str(t),
                    Piece::Code { kind, key, raw, .. } => {
                        let t = token(*kind, numbers[key.as_str()]);
                        r.text.push_str(&t);
                        r.codes.push_str(&t);
                        r.codes.push_str(raw);
                    }
                }
            }
            r
        })
        .collect()
}

/// Splits a codes column value into (placeholder, element markup) pairs.
pub(crate) fn parse_codes(codes: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut out = Vec::new();
    if codes.is_empty() {
        return out;
    }
    let mut r = quick_xml::Reader::from_str(codes);
    r.config_mut().trim_text(false);
    let mut depth = 0usize;
    let mut tok = String::new();
    let mut start = 0usize;
    loop {
        let before = r.buffer_position() as usize;
        let Ok(ev) = r.read_event() else {
            return Vec::new();
        };
        let after = r.buffer_position() as usize;
        match ev {
            Event::Eof => break,
            Event::Text(_) if depth == 0 => tok.push_str(&codes[before..after]),
            Event::Start(_) => {
                if depth == 0 {
                    start = before;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push((std::mem::take(&mut tok), codes[start..after].to_string()));
                }
            }
            Event::Empty(_) if depth == 0 => {
                out.push((std::mem::take(&mut tok), codes[before..after].to_string()));
            }
            _ => {}
        }
    }
    out
}

/// A parsed TMX code element: name, attributes, inner markup.
struct RawEl {
    name: String,
    attrs: Vec<(String, String)>,
    inner: String,
}

fn parse_raw(raw: &str) -> Option<RawEl> {
    let doc = super::xml::parse(std::path::Path::new(""), raw.as_bytes()).ok()?;
    let el = doc.root;
    let inner = if el.end > el.start_tag_end {
        let close = raw[..el.end].rfind('<')?;
        raw[el.start_tag_end..close].to_string()
    } else {
        String::new()
    };
    Some(RawEl {
        name: el.name,
        attrs: el.attrs,
        inner,
    })
}

/// Rewrites a `<bpt>`/`<ept>` as an isolated `<it pos=…>` keeping its content.
pub(crate) fn to_it(raw: &str, pos: &str) -> String {
    let Some(el) = parse_raw(raw) else {
        return format!("<it pos=\"{pos}\"/>");
    };
    let mut s = format!("<it pos=\"{pos}\"");
    for (k, v) in &el.attrs {
        if k == "x" || k == "type" {
            s.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
        }
    }
    s.push('>');
    s.push_str(&el.inner);
    s.push_str("</it>");
    s
}

/// Writes segment text with its codes as TMX `<seg>` content: placeholders listed in
/// `codes` become their elements (re-paired so the output is valid TMX), everything
/// else is escaped text; characters XML forbids become
/// `<ph type="x-concord-ctrl">U+0001</ph>`.
pub(crate) fn write_tmx_seg(text: &str, codes: &str, out: &mut String) {
    enum Item<'a> {
        Text(&'a str),
        Code(&'a str, String), // token, raw
    }
    let map = parse_codes(codes);
    let mut unused: Vec<bool> = vec![true; map.len()];
    let mut items = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('{') {
        let at = i + off;
        if let Some((len, _)) = token_at(&text[at..]) {
            let tok = &text[at..at + len];
            if let Some(k) = map
                .iter()
                .enumerate()
                .position(|(k, (t, _))| unused[k] && t == tok)
            {
                unused[k] = false;
                items.push(Item::Text(&text[last..at]));
                items.push(Item::Code(tok, map[k].1.clone()));
                last = at + len;
            }
            i = at + len;
        } else {
            i = at + 1;
        }
    }
    items.push(Item::Text(&text[last..]));
    // re-pair: bpt/ept by i, hi by nesting
    #[derive(Clone, Copy, PartialEq)]
    enum Fate {
        Keep,
        ItBegin,
        ItEnd,
        Literal,
    }
    let mut fate = vec![Fate::Keep; items.len()];
    let mut open_i: Vec<(String, usize)> = Vec::new();
    let mut hi_stack: Vec<usize> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let Item::Code(_, raw) = it else { continue };
        let Some(el) = parse_raw(raw) else {
            fate[k] = Fate::Literal;
            continue;
        };
        let i_attr = el
            .attrs
            .iter()
            .find(|(a, _)| a == "i")
            .map(|(_, v)| v.clone());
        match el.name.as_str() {
            "bpt" => match i_attr {
                Some(i) if !open_i.iter().any(|(o, _)| *o == i) => open_i.push((i, k)),
                _ => fate[k] = Fate::ItBegin,
            },
            "ept" => match open_i.iter().position(|(o, _)| Some(o) == i_attr.as_ref()) {
                Some(p) => {
                    open_i.remove(p);
                }
                None => fate[k] = Fate::ItEnd,
            },
            "hi" if raw.ends_with("/>") && raw != "<hi/>" => hi_stack.push(k),
            "hi" => {
                if hi_stack.pop().is_none() {
                    fate[k] = Fate::Literal;
                }
            }
            "ph" | "it" | "ut" => {}
            _ => fate[k] = Fate::Literal,
        }
    }
    for (_, k) in open_i {
        fate[k] = Fate::ItBegin;
    }
    for k in hi_stack {
        fate[k] = Fate::Literal;
    }
    // a literal hi start leaves its end unmatched: make those literal too
    let mut depth = 0usize;
    for (k, it) in items.iter().enumerate() {
        if let Item::Code(_, raw) = it {
            if raw.starts_with("<hi") && fate[k] == Fate::Keep {
                if raw == "<hi/>" {
                    if depth == 0 {
                        fate[k] = Fate::Literal;
                    } else {
                        depth -= 1;
                    }
                } else {
                    depth += 1;
                }
            }
        }
    }
    for (k, it) in items.iter().enumerate() {
        match it {
            Item::Text(t) => text_with_ctrl(t, out),
            Item::Code(tok, raw) => match fate[k] {
                Fate::Literal => text_with_ctrl(tok, out),
                Fate::ItBegin => out.push_str(&to_it(raw, "begin")),
                Fate::ItEnd => out.push_str(&to_it(raw, "end")),
                Fate::Keep if raw == "<hi/>" => out.push_str("</hi>"),
                Fate::Keep if raw.starts_with("<hi") => {
                    out.push_str(raw.trim_end_matches("/>").trim_end());
                    out.push('>');
                }
                Fate::Keep => out.push_str(raw),
            },
        }
    }
}

/// Escapes text; characters XML forbids become `<ph type="x-concord-ctrl">`.
pub(crate) fn text_with_ctrl(s: &str, out: &mut String) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if !super::xml::xml_char(c) {
            escape_text(&s[start..i], out);
            out.push_str(&format!(
                "<ph type=\"x-concord-ctrl\">{}</ph>",
                super::xml::ctrl_name(c)
            ));
            start = i + c.len_utf8();
        }
    }
    escape_text(&s[start..], out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: Kind, key: &str, pref: u32, raw: &str) -> Piece {
        Piece::Code {
            kind,
            key: key.into(),
            pref: Some(pref),
            raw: raw.into(),
        }
    }

    #[test]
    fn numbering_is_shared_and_avoids_literal_tokens() {
        let src = vec![
            Piece::Text("a {1} ".into()),
            code(Kind::Open, "i1", 1, "<bpt i=\"1\">&lt;b></bpt>"),
            Piece::Text("b".into()),
            code(Kind::Close, "i1", 1, "<ept i=\"1\">&lt;/b></ept>"),
        ];
        let tgt = vec![
            code(Kind::Open, "i1", 1, "<bpt i=\"1\">&lt;b></bpt>"),
            Piece::Text("B".into()),
            code(Kind::Close, "i1", 1, "<ept i=\"1\">&lt;/b></ept>"),
        ];
        let r = render(&[src, tgt]);
        assert_eq!(r[0].text, "a {1} {2}b{/2}");
        assert_eq!(r[1].text, "{2}B{/2}");
        assert_eq!(
            parse_codes(&r[1].codes),
            vec![
                ("{2}".to_string(), "<bpt i=\"1\">&lt;b></bpt>".to_string()),
                ("{/2}".to_string(), "<ept i=\"1\">&lt;/b></ept>".to_string())
            ]
        );
        let mut out = String::new();
        write_tmx_seg(&r[0].text, &r[0].codes, &mut out);
        assert_eq!(
            out,
            "a {1} <bpt i=\"1\">&lt;b></bpt>b<ept i=\"1\">&lt;/b></ept>"
        );
    }

    #[test]
    fn unpaired_codes_become_it_and_unknown_tokens_stay_text() {
        let mut out = String::new();
        write_tmx_seg(
            "{/1}x{3/}{9}",
            "{/1}<ept i=\"1\">&lt;/b></ept>{3/}<ph x=\"3\">&lt;br/></ph>",
            &mut out,
        );
        assert_eq!(
            out,
            "<it pos=\"end\">&lt;/b></it>x<ph x=\"3\">&lt;br/></ph>{9}"
        );
    }
}
