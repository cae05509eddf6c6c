//! Shared XML reading and writing for TMX, TBX and XLIFF.
//!
//! Reading decodes the bytes first (BOM for UTF-8/UTF-16LE/UTF-16BE, the `<?xml
//! encoding=…?>` declaration for anything else, via `encoding_rs`), then builds a small
//! element tree with quick-xml. Every element keeps its byte span so callers can report
//! lines and keep inline markup verbatim.
//!
//! Safety: no DTD is ever fetched (quick-xml has no network access and the DOCTYPE is
//! skipped); entities declared in a DTD are never expanded, so a reference to one is an
//! error naming it (no external-entity or "billion laughs" attacks). Only the five XML
//! entities and character references are resolved.

use std::path::{Path, PathBuf};

use quick_xml::events::Event;

use super::Error;

/// An element of the tree.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// The local name (prefix removed).
    pub name: String,
    /// Attributes as written (qualified name, unescaped value), in order.
    pub attrs: Vec<(String, String)>,
    /// Child nodes in document order.
    pub children: Vec<Node>,
    /// Byte offset of the `<` of the start tag in the decoded text.
    pub start: usize,
    /// Byte offset just after the start tag.
    pub start_tag_end: usize,
    /// Byte offset just after the end tag (or the empty tag).
    pub end: usize,
}

/// A node of the tree.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A child element.
    Element(Element),
    /// Character data (entities resolved; CDATA kept verbatim).
    Text(String),
}

/// A decoded document's text, for positions, messages and raw markup.
#[derive(Debug)]
pub(crate) struct Src {
    /// The file, for messages.
    pub path: PathBuf,
    /// The decoded text.
    pub text: String,
    /// Byte offsets where lines start, for fast line numbers.
    line_starts: Vec<usize>,
}

/// A parsed document.
#[derive(Debug)]
pub(crate) struct Doc {
    /// The text.
    pub src: Src,
    /// The root element.
    pub root: Element,
}

impl std::ops::Deref for Doc {
    type Target = Src;
    fn deref(&self) -> &Src {
        &self.src
    }
}

impl Element {
    /// The value of an attribute by qualified name (`xml:lang`) or, failing that, local
    /// name; names are compared ASCII-case-insensitively.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .or_else(|| {
                self.attrs
                    .iter()
                    .find(|(k, _)| local(k).eq_ignore_ascii_case(name) && !k.starts_with("xmlns"))
            })
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements with a local name (case-insensitive).
    pub(crate) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements()
            .filter(move |e| e.name.eq_ignore_ascii_case(name))
    }

    /// The first child element with a local name.
    pub(crate) fn child<'a>(&'a self, name: &'a str) -> Option<&'a Element> {
        self.children_named(name).next()
    }

    /// All descendant elements (depth first, document order) with a local name.
    pub(crate) fn descendants<'a>(&'a self, name: &'a str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name.eq_ignore_ascii_case(name) {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }

    /// The concatenated text of this element and its descendants.
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        self.text_into(&mut s);
        s
    }

    fn text_into(&self, s: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => e.text_into(s),
            }
        }
    }
}

/// The local part of a qualified name.
pub(crate) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl Src {
    /// The 1-based line of a byte offset.
    pub(crate) fn line(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte)
    }

    /// An "invalid content" error at a byte offset.
    pub(crate) fn invalid(&self, byte: usize, message: impl Into<String>) -> Error {
        let line = self.line(byte);
        let start = self.line_starts[line - 1];
        let column =
            crate::text::char_column(&self.text[start..], byte.min(self.text.len()) - start);
        Error::Invalid {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A warning string `file:line: message`.
    pub(crate) fn warning(&self, byte: usize, message: impl std::fmt::Display) -> String {
        format!("{}:{}: {}", self.path.display(), self.line(byte), message)
    }
}

/// Decodes XML bytes to a string: BOM first, then the declared encoding, else UTF-8.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let err = |line, column, message: String| Error::Xml {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let (enc, body): (&'static encoding_rs::Encoding, &[u8]) =
        if let Some(b) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (encoding_rs::UTF_8, b)
        } else if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
            (encoding_rs::UTF_16LE, b)
        } else if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
            (encoding_rs::UTF_16BE, b)
        } else if bytes.starts_with(b"<\0?\0") {
            (encoding_rs::UTF_16LE, bytes)
        } else if bytes.starts_with(b"\0<\0?") {
            (encoding_rs::UTF_16BE, bytes)
        } else {
            let label = declared_encoding(bytes);
            let enc = match label {
                None => encoding_rs::UTF_8,
                Some(l) => match encoding_rs::Encoding::for_label(l.as_bytes()) {
                    // a declaration saying UTF-16 on 8-bit bytes is a common mistake
                    Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                        encoding_rs::UTF_8
                    }
                    Some(e) => e,
                    None => {
                        return Err(err(
                            1,
                            1,
                            format!("unsupported encoding {l:?} in the XML declaration"),
                        ))
                    }
                },
            };
            (enc, bytes)
        };
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        // XML end-of-line handling: CRLF and lone CR read as LF (`&#13;` stays CR)
        Some(s) if s.contains('\r') => Ok(s.replace("\r\n", "\n").replace('\r', "\n")),
        Some(s) => Ok(s.into_owned()),
        None => {
            // locate the first bad byte: decode with replacement and find U+FFFD
            let (s, _) = enc.decode_without_bom_handling(body);
            let at = s.find('\u{FFFD}').unwrap_or(0);
            let (line, column) = crate::text::line_column(&s, at);
            Err(err(
                line,
                column,
                format!("invalid {} data; check the file's encoding", enc.name()),
            ))
        }
    }
}

/// The `encoding="…"` of an XML declaration at the start of ASCII-compatible bytes.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start();
    if !head.starts_with("<?xml") {
        return None;
    }
    let decl = &head[..head.find("?>")?];
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let rest = &rest[1..];
    Some(rest[..rest.find(q)?].to_string())
}

/// Reads and parses an XML file.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Doc, Error> {
    parse_streaming(path, bytes, "", &mut |_, _| Ok(()))
}

/// Reads an XML file, handing every complete element named `detach` (not the root)
/// to `sink` instead of keeping it in the tree, so a large file's units need not all
/// be in memory at once.
pub(crate) fn parse_streaming(
    path: &Path,
    bytes: &[u8],
    detach: &str,
    sink: &mut dyn FnMut(&Src, Element) -> Result<(), Error>,
) -> Result<Doc, Error> {
    let text = decode(path, bytes)?;
    let line_starts = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let src = Src {
        path: path.to_path_buf(),
        text,
        line_starts,
    };
    let root = build(&src, detach, sink)?;
    Ok(Doc { src, root })
}

/// Deeper nesting is refused: no interchange format needs it, and the tree walkers
/// recurse.
const MAX_DEPTH: usize = 256;

fn build(
    src: &Src,
    detach: &str,
    sink: &mut dyn FnMut(&Src, Element) -> Result<(), Error>,
) -> Result<Element, Error> {
    let (path, text) = (src.path.as_path(), src.text.as_str());
    let mut reader = quick_xml::Reader::from_str(text);
    {
        let c = reader.config_mut();
        c.trim_text(false);
        c.check_end_names = true;
        c.expand_empty_elements = false;
    }
    let at = |byte: usize, message: String| {
        let (line, column) = crate::text::line_column(text, byte);
        Error::Xml {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = reader.error_position() as usize;
                return Err(at(pos, describe(&e)));
            }
        };
        let end = reader.buffer_position() as usize;
        match ev {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let empty = matches!(ev, Event::Empty(_));
                if stack.len() >= MAX_DEPTH {
                    return Err(at(
                        start,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                if root.is_some() && stack.is_empty() {
                    return Err(at(start, "content after the root element".into()));
                }
                let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                let mut attrs = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| at(start, format!("bad attribute: {e}")))?;
                    let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    let v = a
                        .unescape_value()
                        .map_err(|e| at(start, describe(&e)))?
                        .into_owned();
                    attrs.push((k, v));
                }
                let el = Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    start,
                    start_tag_end: end,
                    end,
                };
                if empty {
                    match stack.last_mut() {
                        Some(_) if !detach.is_empty() && el.name == detach => sink(src, el)?,
                        Some(p) => p.children.push(Node::Element(el)),
                        None => root = Some(el),
                    }
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let mut el = stack
                    .pop()
                    .ok_or_else(|| at(start, "unexpected end tag".into()))?;
                el.end = end;
                match stack.last_mut() {
                    Some(_) if !detach.is_empty() && el.name == detach => sink(src, el)?,
                    Some(p) => p.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| at(start, describe(&e)))?;
                match stack.last_mut() {
                    Some(p) => push_text(p, &s),
                    None if s.trim().is_empty() => {}
                    None => return Err(at(start, "text outside the root element".into())),
                }
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                match stack.last_mut() {
                    Some(p) => push_text(p, &s),
                    None => return Err(at(start, "CDATA outside the root element".into())),
                }
            }
            Event::Eof => break,
            // comments, declarations, processing instructions and DOCTYPE are skipped;
            // the DTD is never read or fetched
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(at(
            text.len(),
            format!(
                "unexpected end of file: <{}> (line {}) is not closed",
                open.name,
                crate::text::line_column(text, open.start).0
            ),
        ));
    }
    root.ok_or_else(|| at(0, "no root element".into()))
}

fn push_text(p: &mut Element, s: &str) {
    if let Some(Node::Text(t)) = p.children.last_mut() {
        t.push_str(s);
    } else {
        p.children.push(Node::Text(s.to_string()));
    }
}

fn describe(e: &quick_xml::Error) -> String {
    use quick_xml::errors::IllFormedError;
    use quick_xml::escape::EscapeError;
    match e {
        quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("mismatched tag: expected </{expected}>, found </{found}>")
        }
        quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(n)) => {
            format!("end tag </{n}> without a start tag")
        }
        quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
            format!("entity &{name}; is not defined by XML; concord never expands DTD entities")
        }
        other => other.to_string(),
    }
}

/// True for characters XML 1.0 allows in a document.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text content (`&`, `<`, `>`, and CR so it survives end-of-line
/// normalisation). Characters XML forbids are the caller's business.
pub(crate) fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Escapes an attribute value (double-quoted), keeping tabs and line breaks.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The name written for a control character XML cannot carry (`U+0001`).
pub(crate) fn ctrl_name(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Parses `U+0001` back into the character.
pub(crate) fn parse_ctrl_name(s: &str) -> Option<char> {
    let hex = s.strip_prefix("U+")?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    (!xml_char(c)).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Doc, Error> {
        parse(Path::new("t.xml"), s.as_bytes())
    }

    #[test]
    fn mismatched_tag_has_line_and_column() {
        let e = p("<a>\n <b>\n </c>\n</a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:3:"), "{e}");
        assert!(e.contains("mismatched"), "{e}");
    }

    #[test]
    fn unclosed_root_is_an_error() {
        let e = p("<a>\n<b/>").unwrap_err().to_string();
        assert!(e.contains("not closed"), "{e}");
    }

    #[test]
    fn dtd_entities_are_not_expanded() {
        let doc = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>";
        let e = p(doc).unwrap_err().to_string();
        assert!(e.contains("&x;"), "{e}");
        assert!(e.starts_with("t.xml:2:"), "{e}");
    }

    #[test]
    fn declared_windows_1251() {
        let mut bytes = b"<?xml version='1.0' encoding='windows-1251'?><a>".to_vec();
        bytes.extend([0xCF, 0xF0, 0xE8]); // При
        bytes.extend(b"</a>");
        let d = parse(Path::new("t.xml"), &bytes).unwrap();
        assert_eq!(d.root.text(), "При");
    }

    #[test]
    fn utf16_without_bom_and_cdata() {
        let s = "<?xml version=\"1.0\"?><a><![CDATA[<b>&]]> &amp;&#x9;</a>";
        let bytes: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = parse(Path::new("t.xml"), &bytes).unwrap();
        assert_eq!(d.root.text(), "<b>& &\t");
    }

    #[test]
    fn bad_bytes_in_declared_encoding() {
        let e = parse(Path::new("t.xml"), b"<a>\n\xff</a>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.xml:2:1:"), "{e}");
    }
}
