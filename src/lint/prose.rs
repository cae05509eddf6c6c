//! Prose extraction: hides everything in a Markdown or HTML file that is not prose.
//!
//! The main function is [`mask`]. It returns a copy of the text with code blocks, inline
//! code, URLs, link destinations, HTML tags, comments and entities overwritten by
//! spaces, byte for byte, keeping every line end. Offsets and line numbers of the
//! masked text are those of the original, so the English checker runs on the masked
//! copy unchanged and its findings point into the real file; only character columns
//! need [`fix_column`] where a masked stretch held non-ASCII letters.
//!
//! Why masking rather than a Markdown parser: a parser builds a tree of events and we
//! would have to map every event back to a position; masking keeps positions for free
//! and runs as a handful of `memchr` passes, fast enough for a 200 MB tree.

use std::ops::Range;

use memchr::memmem;

/// The markup of an English document, deciding what counts as prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Markup {
    /// Plain text: everything is prose.
    Plain,
    /// Markdown (CommonMark and GitHub flavour, to the extent linting needs).
    Markdown,
    /// HTML: text content only.
    Html,
    /// reStructuredText: prose, without literal blocks, directives and comments.
    Rst,
    /// AsciiDoc: prose, without listing, literal and comment blocks and attributes.
    AsciiDoc,
    /// gettext PO: the translations (`msgstr`) only.
    Po,
    /// XLIFF (1.2 and 2.x): the translations (`<target>`) only.
    Xliff,
}

impl Markup {
    /// The name of the file type, for notes.
    pub fn name(self) -> &'static str {
        match self {
            Markup::Plain => "plain text",
            Markup::Markdown => "Markdown",
            Markup::Html => "HTML",
            Markup::Rst => "reStructuredText",
            Markup::AsciiDoc => "AsciiDoc",
            Markup::Po => "gettext PO",
            Markup::Xliff => "XLIFF",
        }
    }

    /// Whether inline directives live in `<!-- -->` comments (else on any line).
    pub fn has_comments(self) -> bool {
        matches!(self, Markup::Markdown | Markup::Html | Markup::Xliff)
    }
}

/// A masked document: the prose-only text and the HTML comments that were in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    /// The text with non-prose bytes replaced by spaces (same length, same line ends).
    pub text: String,
    /// Byte ranges of HTML comments outside code (where suppression directives live).
    pub comments: Vec<Range<usize>>,
}

/// Masks everything that is not prose; plain text is returned as is.
///
/// ```
/// use concord::lint::prose::{mask, Markup};
/// let m = mask("Use `Nazarbaev` in [text](http://x.kz/Nazarbaev).\n", Markup::Markdown);
/// let words: Vec<&str> = m.text.split_whitespace().collect();
/// assert_eq!(words, ["Use", "in", "[text]", "."]);
/// assert_eq!(m.text.len(), "Use `Nazarbaev` in [text](http://x.kz/Nazarbaev).\n".len());
/// ```
pub fn mask(text: &str, markup: Markup) -> Masked {
    let mut buf = text.as_bytes().to_vec();
    let mut comments = Vec::new();
    match markup {
        Markup::Plain => {}
        Markup::Markdown => {
            mask_blocks(&mut buf);
            mask_code_spans(&mut buf);
            mask_comments(&mut buf, &mut comments);
            mask_tags(&mut buf);
            mask_link_destinations(&mut buf);
            mask_urls(&mut buf);
            mask_entities(&mut buf);
        }
        Markup::Html => {
            mask_comments(&mut buf, &mut comments);
            mask_tags(&mut buf);
            mask_urls(&mut buf);
            mask_entities(&mut buf);
        }
        Markup::Rst => {
            mask_rst(&mut buf);
            mask_urls(&mut buf);
        }
        Markup::AsciiDoc => {
            mask_asciidoc(&mut buf);
            mask_code_spans(&mut buf);
            mask_urls(&mut buf);
        }
        Markup::Po => mask_po(&mut buf),
        Markup::Xliff => {
            mask_comments(&mut buf, &mut comments);
            mask_outside_targets(&mut buf);
            mask_tags(&mut buf);
            mask_urls(&mut buf);
            mask_entities(&mut buf);
        }
    }
    // Every masked range starts and ends at an ASCII byte or a line end, so whole
    // characters were replaced and the bytes stay valid UTF-8.
    let text = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Masked { text, comments }
}

/// Converts a character column found in a masked line to the column in the original line.
///
/// Masking writes one space per byte, so a masked Cyrillic letter counts as two
/// columns in the masked copy; this maps the column back through the byte offset.
pub fn fix_column(original_line: &str, masked_line: &str, column: usize) -> usize {
    let byte = masked_line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(masked_line.len(), |(b, _)| b);
    let mut byte = byte.min(original_line.len());
    while !original_line.is_char_boundary(byte) {
        byte -= 1;
    }
    crate::text::char_column(original_line, byte)
}

fn blank(buf: &mut [u8], r: Range<usize>) {
    let end = r.end.min(buf.len());
    for b in &mut buf[r.start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Line starts and ends (without the line end) of a buffer.
fn lines(buf: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(buf.len() / 40 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', buf) {
        let end = if nl > start && buf[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        out.push(start..end);
        start = nl + 1;
    }
    if start < buf.len() {
        out.push(start..buf.len());
    }
    out
}

/// Leading indentation in columns (a tab counts 4) and its length in bytes.
fn indent(line: &[u8]) -> (usize, usize) {
    let mut cols = 0;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => return (cols, i),
        }
    }
    (cols, line.len())
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

fn fence(line: &[u8]) -> Option<(u8, usize)> {
    let (cols, bytes) = indent(line);
    if cols > 3 {
        return None;
    }
    let rest = &line[bytes..];
    let ch = *rest.first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = rest.iter().take_while(|&&b| b == ch).count();
    if n < 3 || (ch == b'`' && rest[n..].contains(&b'`')) {
        return None;
    }
    Some((ch, n))
}

fn is_list_item(line: &[u8]) -> bool {
    let (cols, bytes) = indent(line);
    if cols > 3 {
        return false;
    }
    let rest = &line[bytes..];
    match rest {
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => true,
        _ => {
            let d = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            d > 0
                && d < 10
                && matches!(rest.get(d), Some(b'.' | b')'))
                && matches!(rest.get(d + 1), None | Some(b' ' | b'\t'))
        }
    }
}

/// Front matter, fenced and indented code blocks, and link reference definitions.
fn mask_blocks(buf: &mut [u8]) {
    let lines = lines(buf);
    let mut i = 0;
    // YAML or TOML front matter
    if let Some(first) = lines.first() {
        let f = &buf[first.clone()];
        if f == b"---" || f == b"+++" {
            let close = f.to_vec();
            if let Some(end) = lines[1..].iter().position(|l| {
                buf[l.clone()] == close[..] || (close == b"---" && &buf[l.clone()] == b"...")
            }) {
                // the values are prose (title, description); keys and delimiters not
                blank(buf, first.clone());
                blank(buf, lines[end + 1].clone());
                for l in &lines[1..end + 1] {
                    mask_front_matter_key(buf, l.clone());
                }
                i = end + 2;
            }
        }
    }
    let mut in_fence: Option<(u8, usize)> = None;
    let mut prev_blank = true;
    let mut in_list = false;
    let mut in_indented = false;
    while i < lines.len() {
        let r = lines[i].clone();
        i += 1;
        let line = &buf[r.clone()];
        if let Some((ch, n)) = in_fence {
            let closes = fence(line).is_some_and(|(c, m)| {
                c == ch && m >= n && {
                    let (_, b) = indent(line);
                    is_blank(&line[b + m..])
                }
            });
            blank(buf, r);
            if closes {
                in_fence = None;
            }
            prev_blank = false;
            continue;
        }
        let blank_line = is_blank(line);
        let (cols, bytes) = indent(line);
        if in_indented {
            if blank_line || cols >= 4 {
                blank(buf, r);
                continue;
            }
            in_indented = false;
        }
        if let Some(f) = fence(line) {
            in_fence = Some(f);
            blank(buf, r);
            prev_blank = false;
            continue;
        }
        if !blank_line && cols >= 4 && prev_blank && !in_list {
            in_indented = true;
            blank(buf, r);
            continue;
        }
        if !blank_line {
            if is_list_item(line) {
                in_list = true;
            } else if prev_blank && cols == 0 {
                in_list = false;
            }
            // link reference definition: `[label]: destination "title"`
            if cols <= 3 && line.get(bytes) == Some(&b'[') {
                if let Some(p) = memmem::find(&line[bytes..], b"]:") {
                    let from = r.start + bytes + p + 2;
                    blank(buf, from..r.end);
                }
            }
        }
        prev_blank = blank_line;
    }
}

/// Blanks a front matter line's key (`title:`, `title =`, `- `), its quotes and a
/// comment line, keeping the value.
fn mask_front_matter_key(buf: &mut [u8], r: Range<usize>) {
    let line = &buf[r.clone()];
    let (_, ind) = indent(line);
    if line.get(ind) == Some(&b'#') {
        blank(buf, r);
        return;
    }
    let key_end = line
        .iter()
        .position(|&b| b == b':' || b == b'=')
        .filter(|&p| {
            line[ind..p]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"_-. \"'".contains(b))
        })
        .map_or(ind, |p| p + 1);
    let key_end = if line.get(ind) == Some(&b'-') && key_end == ind {
        ind + 1
    } else {
        key_end
    };
    blank(buf, r.start..r.start + key_end);
    for b in &mut buf[r] {
        if matches!(*b, b'"' | b'\'' | b'[' | b']' | b'{' | b'}') {
            *b = b' ';
        }
    }
}

/// reStructuredText: comments, directives (with the indented body of code-like ones),
/// literal blocks after `::`, field lists' names and substitution definitions.
fn mask_rst(buf: &mut [u8]) {
    let lines = lines(buf);
    let mut skip_indented = false;
    let mut body_indent = 0usize;
    for r in lines {
        let line = buf[r.clone()].to_vec();
        let line = &line[..];
        let (cols, bytes) = indent(line);
        let blank_line = is_blank(line);
        if skip_indented {
            if blank_line || cols > body_indent {
                blank(buf, r);
                continue;
            }
            skip_indented = false;
        }
        let rest = &line[bytes..];
        if rest.starts_with(b"..") && (rest.len() == 2 || rest[2] == b' ') {
            // comment, directive, target, footnote or substitution definition
            let code = [
                &b"code"[..],
                b"sourcecode",
                b"literalinclude",
                b"highlight",
                b"math",
                b"raw",
                b"include",
            ]
            .iter()
            .any(|d| memmem::find(rest, d).is_some() && memmem::find(rest, b"::").is_some());
            let is_prose_directive = [
                &b"note::"[..],
                b"warning::",
                b"tip::",
                b"important::",
                b"caution::",
                b"attention::",
                b"hint::",
                b"admonition::",
                b"seealso::",
            ]
            .iter()
            .any(|d| memmem::find(rest, d).is_some());
            let directive_text = memmem::find(rest, b"::").map_or(rest.len(), |p| p + 2);
            if is_prose_directive {
                blank(buf, r.start..r.start + bytes + directive_text);
            } else {
                blank(buf, r.clone());
                // a comment's or code directive's body is not prose
                if code || memmem::find(rest, b"::").is_none() {
                    skip_indented = true;
                    body_indent = cols;
                }
            }
            continue;
        }
        if !blank_line && rest.ends_with(b"::") {
            // `Paragraph::` or `::` introduces a literal block
            skip_indented = true;
            body_indent = cols;
            blank(buf, r.end - 2..r.end);
        }
        // a field list's name `:Author: Name` and roles' names `:ref:`
        mask_rst_roles(buf, r.clone());
        // inline literals ``code`` (single backticks are interpreted text: prose)
        let mut at = r.start;
        while let Some(p) = memmem::find(&buf[at..r.end], b"``") {
            let s = at + p;
            match memmem::find(&buf[s + 2..r.end], b"``") {
                Some(e) => {
                    blank(buf, s..s + 2 + e + 2);
                    at = s + 2 + e + 2;
                }
                None => break,
            }
        }
    }
}

/// Blanks `:name:` markers (roles and field names), keeping what follows.
fn mask_rst_roles(buf: &mut [u8], r: Range<usize>) {
    let mut i = r.start;
    while i < r.end {
        if buf[i] == b':' {
            let name = buf[i + 1..r.end]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                .count();
            if name > 0 && buf.get(i + 1 + name) == Some(&b':') {
                blank(buf, i..i + name + 2);
                i += name + 2;
                continue;
            }
        }
        i += 1;
    }
}

/// AsciiDoc: delimited listing, literal, passthrough and comment blocks, comment
/// lines, attribute entries and block attribute lines.
fn mask_asciidoc(buf: &mut [u8]) {
    let lines = lines(buf);
    let mut open: Option<Vec<u8>> = None;
    for r in lines {
        let line = buf[r.clone()].to_vec();
        let trimmed = line.trim_ascii_end();
        if let Some(delim) = &open {
            let closes = trimmed == &delim[..];
            blank(buf, r);
            if closes {
                open = None;
            }
            continue;
        }
        let is_delim = trimmed.len() >= 4
            && (trimmed.iter().all(|&b| b == b'-')
                || trimmed.iter().all(|&b| b == b'.')
                || trimmed.iter().all(|&b| b == b'+')
                || trimmed.iter().all(|&b| b == b'/'));
        if is_delim || trimmed.starts_with(b"```") {
            open = Some(if trimmed.starts_with(b"```") {
                b"```".to_vec()
            } else {
                trimmed.to_vec()
            });
            blank(buf, r);
            continue;
        }
        let attribute = trimmed.first() == Some(&b':')
            && trimmed[1..]
                .iter()
                .position(|&b| b == b':')
                .is_some_and(|p| {
                    trimmed[1..1 + p]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'!'))
                });
        let block_attr = trimmed.first() == Some(&b'[') && trimmed.last() == Some(&b']');
        if trimmed.starts_with(b"//") || attribute || block_attr {
            blank(buf, r);
        }
    }
}

/// gettext PO: everything but the text of `msgstr` strings (and their continuation
/// lines); escapes become spaces.
fn mask_po(buf: &mut [u8]) {
    let lines = lines(buf);
    let mut in_msgstr = false;
    for r in lines {
        let line = &buf[r.clone()];
        let (_, ind) = indent(line);
        let rest = &line[ind..];
        let keep_from = if rest.starts_with(b"msgstr") {
            in_msgstr = true;
            rest.iter().position(|&b| b == b'"').map(|p| ind + p)
        } else if rest.starts_with(b"\"") && in_msgstr {
            Some(ind)
        } else {
            in_msgstr = false;
            None
        };
        let Some(q) = keep_from else {
            blank(buf, r);
            continue;
        };
        blank(buf, r.start..r.start + q + 1);
        let close = buf[r.clone()]
            .iter()
            .rposition(|&b| b == b'"')
            .filter(|&c| c > q);
        if let Some(c) = close {
            blank(buf, r.start + c..r.end);
        }
        let end = r.start + close.unwrap_or(r.end - r.start);
        let mut i = r.start + q + 1;
        while i + 1 < end + 1 && i < end {
            if buf[i] == b'\\' && i + 1 < end {
                buf[i] = b' ';
                buf[i + 1] = b' ';
                i += 2;
            } else {
                i += 1;
            }
        }
    }
}

/// XLIFF: everything outside the content of `<target>` elements.
fn mask_outside_targets(buf: &mut [u8]) {
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(p) = memmem::find(&buf[at..], b"<target") {
        let open = at + p;
        let after = buf.get(open + 7).copied();
        if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            at = open + 7;
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &buf[open..]) else {
            break;
        };
        let start = open + gt + 1;
        if buf[open + gt - 1] == b'/' {
            at = start;
            continue;
        }
        let end = memmem::find(&buf[start..], b"</target>").map_or(buf.len(), |e| start + e);
        keep.push(start..end);
        at = end;
    }
    let mut from = 0;
    for k in keep {
        blank(buf, from..k.start);
        from = k.end;
    }
    let len = buf.len();
    blank(buf, from..len);
    // inline codes' content (<ph>, <bpt>, <ept>, <it>) is markup, not prose
    for tag in [&b"ph"[..], b"bpt", b"ept", b"it"] {
        let mut open_tag = b"<".to_vec();
        open_tag.extend_from_slice(tag);
        let mut close_tag = b"</".to_vec();
        close_tag.extend_from_slice(tag);
        close_tag.push(b'>');
        let mut at = 0;
        while let Some(p) = memmem::find(&buf[at..], &open_tag) {
            let s = at + p;
            if !matches!(buf.get(s + open_tag.len()), Some(b'>' | b' ')) {
                at = s + open_tag.len();
                continue;
            }
            match memmem::find(&buf[s..], &close_tag) {
                Some(e) => {
                    blank(buf, s..s + e + close_tag.len());
                    at = s + e + close_tag.len();
                }
                None => break,
            }
        }
    }
}

/// A masked text with the line breaks inside paragraphs turned into spaces, so that
/// a term a writer's editor wrapped ("Organisation of\nCentral Asian Cooperation")
/// is one run of words; every byte offset stays that of the original.
///
/// Two lines join when both hold prose and the second does not start a block of its
/// own (a Markdown heading, list item, quote, table row or an HTML/XML tag line);
/// PO, XLIFF, AsciiDoc and reStructuredText follow the same rule on their masked text.
pub fn join_lines(masked: &str, markup: Markup) -> String {
    let mut buf = masked.as_bytes().to_vec();
    let ls = lines(&buf);
    let starts_block = |l: &[u8]| {
        let (_, b) = indent(l);
        let rest = &l[b..];
        markup != Markup::Plain
            && (is_list_item(l)
                || matches!(rest.first(), Some(b'#' | b'>' | b'|'))
                || rest.starts_with(b"=="))
    };
    for w in ls.windows(2) {
        let (a, b) = (
            &masked.as_bytes()[w[0].clone()],
            &masked.as_bytes()[w[1].clone()],
        );
        if is_blank(a) || is_blank(b) || starts_block(b) {
            continue;
        }
        let (_, ia) = indent(a);
        if markup == Markup::Markdown && a.get(ia) == Some(&b'#') {
            continue;
        }
        for byte in &mut buf[w[0].end..w[1].start] {
            *byte = b' ';
        }
    }
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Byte offsets of the starts of a text's lines.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// Maps a (line, character column) of [`join_lines`]' output back to the lines of
/// the text it was made from (the line ends are the only bytes that differ);
/// `joined_starts` and `starts` are the two texts' [`line_starts`].
pub fn unjoin(
    joined: &str,
    joined_starts: &[usize],
    original: &str,
    starts: &[usize],
    (line, column): (usize, usize),
) -> (usize, usize) {
    let start = joined_starts
        .get(line.saturating_sub(1))
        .copied()
        .unwrap_or(joined.len());
    let end = joined_starts.get(line).map_or(joined.len(), |e| e - 1);
    let here = &joined[start..end.max(start)];
    let byte = start
        + here
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(here.len(), |(b, _)| b);
    let mut byte = byte.min(original.len());
    while !original.is_char_boundary(byte) {
        byte -= 1;
    }
    let l = starts.partition_point(|&s| s <= byte).max(1);
    (
        l,
        crate::text::char_column(&original[starts[l - 1]..], byte - starts[l - 1]),
    )
}

/// The end of the paragraph holding `from`: the next blank line or the end.
fn paragraph_end(buf: &[u8], from: usize) -> usize {
    paragraph_end_before(buf, from, buf.len())
}

/// [`paragraph_end`], or `bound` when that is further: the scan stops at `bound`, so
/// a file without blank lines (HTML on one line per paragraph) is not rescanned to
/// its end for every tag.
fn paragraph_end_before(buf: &[u8], from: usize, bound: usize) -> usize {
    let bound = bound.min(buf.len());
    let mut at = from;
    while at < bound {
        let Some(nl) = memchr::memchr(b'\n', &buf[at..bound]) else {
            break;
        };
        let next = at + nl + 1;
        // a blank line: only white space up to the next newline or the end
        let rest = &buf[next..];
        match rest
            .iter()
            .position(|&b| b == b'\n' || !b.is_ascii_whitespace())
        {
            None => return next,
            Some(k) if rest[k] == b'\n' => return next,
            Some(_) => at = next,
        }
    }
    bound
}

/// Inline code spans: a run of n backticks up to the next run of exactly n.
fn mask_code_spans(buf: &mut [u8]) {
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'`', &buf[at..]) {
        let start = at + p;
        let n = buf[start..].iter().take_while(|&&b| b == b'`').count();
        let limit = paragraph_end(buf, start + n);
        let mut search = start + n;
        let mut closed = None;
        while let Some(q) = memchr::memchr(b'`', &buf[search..limit]) {
            let s = search + q;
            let m = buf[s..limit].iter().take_while(|&&b| b == b'`').count();
            if m == n {
                closed = Some(s + m);
                break;
            }
            search = s + m;
        }
        match closed {
            Some(end) => {
                blank(buf, start..end);
                at = end;
            }
            None => at = start + n,
        }
    }
}

/// HTML comments; their ranges are kept for suppression directives.
fn mask_comments(buf: &mut [u8], comments: &mut Vec<Range<usize>>) {
    let open = memmem::Finder::new(b"<!--");
    let close = memmem::Finder::new(b"-->");
    let mut at = 0;
    while let Some(p) = open.find(&buf[at..]) {
        let start = at + p;
        let end = close
            .find(&buf[start + 4..])
            .map_or(buf.len(), |q| start + 4 + q + 3);
        comments.push(start..end);
        blank(buf, start..end);
        at = end;
    }
}

/// Elements whose whole content is not prose.
const RAW_ELEMENTS: [&[u8]; 6] = [b"pre", b"code", b"script", b"style", b"textarea", b"kbd"];

/// HTML tags and autolinks; `<pre>`, `<code>`, `<script>`, `<style>` with their content.
fn mask_tags(buf: &mut [u8]) {
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'<', &buf[at..]) {
        let start = at + p;
        let next = buf.get(start + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            at = start + 1;
            continue;
        }
        // a tag ends at the next `>` before a blank line
        let limit = paragraph_end_before(buf, start, start + 4096);
        let Some(q) = memchr::memchr(b'>', &buf[start..limit]) else {
            at = start + 1;
            continue;
        };
        let mut end = start + q + 1;
        let name_len = buf[start + 1..end]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = buf[start + 1..start + 1 + name_len].to_ascii_lowercase();
        if RAW_ELEMENTS.contains(&name.as_slice()) && buf[end - 2] != b'/' {
            if let Some(close) = find_close_tag(&buf[end..], &name) {
                end += close;
            }
        }
        blank(buf, start..end);
        at = end;
    }
}

/// Offset just past `</name>` in `hay`, ignoring ASCII case.
fn find_close_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(p) = memmem::find(&hay[at..], b"</") {
        let s = at + p + 2;
        if hay.len() >= s + name.len()
            && hay[s..s + name.len()].eq_ignore_ascii_case(name)
            && !hay
                .get(s + name.len())
                .is_some_and(|b| b.is_ascii_alphanumeric())
        {
            let gt = memchr::memchr(b'>', &hay[s..])?;
            return Some(s + gt + 1);
        }
        at = s;
    }
    None
}

/// Inline link and image destinations: `](url "title")`.
fn mask_link_destinations(buf: &mut [u8]) {
    let finder = memmem::Finder::new(b"](");
    let mut at = 0;
    while let Some(p) = finder.find(&buf[at..]) {
        let open = at + p + 1;
        let limit = paragraph_end(buf, open);
        let mut depth = 0usize;
        let mut end = None;
        for (i, &b) in buf[open..limit].iter().enumerate() {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        match end {
            Some(e) => {
                blank(buf, open..e);
                at = e;
            }
            None => at = open + 1,
        }
    }
}

fn url_end(buf: &[u8], from: usize) -> usize {
    buf[from..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"' | b'`'))
        .map_or(buf.len(), |q| from + q)
}

/// Bare URLs (`scheme://…`, `www.…`) up to the next space.
fn mask_urls(buf: &mut [u8]) {
    let finder = memmem::Finder::new(b"://");
    let mut at = 0;
    while let Some(p) = finder.find(&buf[at..]) {
        let colon = at + p;
        let scheme = buf[..colon]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
            .count();
        let end = url_end(buf, colon + 3);
        if scheme >= 2 {
            blank(buf, colon - scheme..end);
        }
        at = end.max(colon + 3);
    }
    let finder = memmem::Finder::new(b"www.");
    let mut at = 0;
    while let Some(p) = finder.find(&buf[at..]) {
        let start = at + p;
        let end = url_end(buf, start);
        if start == 0 || !buf[start - 1].is_ascii_alphanumeric() {
            blank(buf, start..end);
        }
        at = end.max(start + 4);
    }
}

/// Character references: `&amp;`, `&#8212;`, `&#x2014;`.
fn mask_entities(buf: &mut [u8]) {
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'&', &buf[at..]) {
        let start = at + p;
        let body = buf[start + 1..]
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        if body > 0 && buf.get(start + 1 + body) == Some(&b';') {
            blank(buf, start..start + body + 2);
        }
        at = start + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let m = mask(s, Markup::Markdown);
        assert_eq!(m.text.len(), s.len());
        assert_eq!(m.text.matches('\n').count(), s.matches('\n').count());
        m.text
    }

    #[test]
    fn fenced_code_blocks_are_hidden_and_prose_after_is_kept() {
        let s = "Intro Nazarbaev\n```rust\nNazarbaev\n```\nAfter Nazarbaev\n";
        let t = md(s);
        assert_eq!(t.matches("Nazarbaev").count(), 2);
        assert!(t.starts_with("Intro Nazarbaev\n"));
        assert!(t.ends_with("After Nazarbaev\n"));
    }

    #[test]
    fn tilde_fence_needs_matching_close_length() {
        let t = md("~~~~\nx\n~~~\nstill code\n~~~~\nprose\n");
        assert_eq!(t.trim(), "prose");
    }

    #[test]
    fn indented_code_after_blank_line_but_not_list_continuation() {
        let t = md("Para.\n\n    code here\n\nText.\n");
        assert!(!t.contains("code here"));
        let t = md("- item\n\n    continued prose\n");
        assert!(t.contains("continued prose"));
    }

    #[test]
    fn inline_code_urls_links_tags_entities() {
        let t = md("A `x` and ``y ` z`` see <https://a.b/c> or http://e.f/g, [link](../p.md \"t\") &amp; <b>bold</b>.\n");
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["A", "and", "see", "or", "[link]", "bold", "."]
        );
    }

    #[test]
    fn reference_definitions_and_front_matter() {
        // front matter values are prose (a title is read); keys and delimiters are not
        let t =
            md("---\ntitle: Nazarbaev\ntags: [\"CIS\"]\n---\n[ref]: https://x.y/Nazarbaev\nText\n");
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["Nazarbaev", "CIS", "[ref]:", "Text"]
        );
    }

    fn words(s: &str, m: Markup) -> Vec<String> {
        mask(s, m)
            .text
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn rst_literal_blocks_directives_and_roles_are_hidden() {
        let s = "Title\n=====\n\nSee :ref:`Nazarbaev` here::\n\n    code Nazarbaev\n\n.. code-block:: text\n\n   more code\n\n.. note:: Kept prose\n.. a comment\n   still comment\n\nEnd ``lit``.\n";
        assert_eq!(
            words(s, Markup::Rst),
            [
                "Title",
                "=====",
                "See",
                "`Nazarbaev`",
                "here",
                "Kept",
                "prose",
                "End",
                "."
            ]
        );
    }

    #[test]
    fn asciidoc_blocks_attributes_and_comments_are_hidden() {
        let s = "= Title\n:author: Nazarbaev\n\n[source,rust]\n----\nlet x = Nazarbaev;\n----\n// a comment\nProse `code` here.\n////\nblock comment\n////\n";
        assert_eq!(words(s, Markup::AsciiDoc), ["=", "Title", "Prose", "here."]);
    }

    #[test]
    fn po_keeps_only_msgstr_text() {
        let s = "# translator comment Nazarbaev\nmsgid \"Назарбаев\"\nmsgstr \"\"\n\"Nazarbayev and\\n\"\n\"the CIS\"\n\nmsgid \"x\"\nmsgstr[0] \"Central Asia\"\n";
        let m = mask(s, Markup::Po);
        assert_eq!(m.text.len(), s.len());
        assert_eq!(
            m.text.split_whitespace().collect::<Vec<_>>(),
            ["Nazarbayev", "and", "the", "CIS", "Central", "Asia"]
        );
    }

    #[test]
    fn xliff_keeps_only_target_text() {
        let s = "<xliff><file><body><trans-unit id=\"1\"><source>Nazarbaev</source>\n<target state=\"final\">Nazarbayev <ph id=\"1\">{Nazarbaev}</ph>&amp; CIS</target><note>Nazarbaev</note></trans-unit><target/></body></file></xliff>\n";
        assert_eq!(words(s, Markup::Xliff), ["Nazarbayev", "CIS"]);
    }

    #[test]
    fn wrapped_lines_join_within_a_paragraph_only() {
        let s = "# Head\nOrganisation of\nCentral Asia\n\n- item\n- Central\nAsia\n";
        let j = join_lines(s, Markup::Markdown);
        assert_eq!(j.len(), s.len());
        assert_eq!(
            j.split('\n').collect::<Vec<_>>(),
            [
                "# Head",
                "Organisation of Central Asia",
                "",
                "- item",
                "- Central Asia",
                ""
            ]
        );
        let (js, bs) = (line_starts(&j), line_starts(s));
        // "Central" on joined line 2, column 17, is line 3, column 1 of the file
        assert_eq!(unjoin(&j, &js, s, &bs, (2, 17)), (3, 1));
        assert_eq!(unjoin(&j, &js, s, &bs, (2, 1)), (2, 1));
        assert_eq!(join_lines("a\nb\n", Markup::Plain), "a b\n");
    }

    #[test]
    fn comments_are_recorded_unless_in_code() {
        let s =
            "<!-- concord-disable -->\n```\n<!-- not a directive -->\n```\n`<!-- nor this -->`\n";
        let m = mask(s, Markup::Markdown);
        assert_eq!(m.comments, vec![0..24]);
        assert!(m.text.trim().is_empty());
    }

    #[test]
    fn html_script_style_and_pre_are_hidden() {
        let s = "<html><head><style>p{}</style><script>var Nazarbaev;</script></head>\n<body><p>Hello Nazarbaev</p><PRE>Nazarbaev</PRE></body>";
        let m = mask(s, Markup::Html);
        assert_eq!(
            m.text.split_whitespace().collect::<Vec<_>>(),
            ["Hello", "Nazarbaev"]
        );
    }

    #[test]
    fn a_lone_less_than_is_prose() {
        let t = md("a < b and c > d\n");
        assert_eq!(t, "a < b and c > d\n");
    }

    #[test]
    fn columns_map_back_through_masked_cyrillic() {
        let s = "`ОДКБ` Nazarbaev";
        let m = mask(s, Markup::Markdown);
        // masked copy: 10 spaces for `ОДКБ` (4 letters of 2 bytes + 2 backticks)
        let col = m.text.find('N').unwrap() + 1;
        assert_eq!(col, 12);
        assert_eq!(fix_column(s, &m.text, col), 8);
    }

    /// The paragraph end as first written: the next line that is blank, scanning
    /// every line to the end of the buffer.
    fn paragraph_end_reference(buf: &[u8], from: usize) -> usize {
        let mut at = from;
        while let Some(nl) = memchr::memchr(b'\n', &buf[at..]) {
            let next = at + nl + 1;
            let line_end = memchr::memchr(b'\n', &buf[next..]).map_or(buf.len(), |e| next + e);
            if is_blank(&buf[next..line_end]) {
                return next;
            }
            at = next;
        }
        buf.len()
    }

    proptest::proptest! {
        #[test]
        fn bounded_paragraph_end_is_the_capped_scan(
            text in "[a \t\r\n]{0,60}",
            from in 0usize..60,
            bound in 0usize..80,
        ) {
            let buf = text.as_bytes();
            let from = from.min(buf.len());
            let bound = bound.max(from);
            proptest::prop_assert_eq!(
                paragraph_end_before(buf, from, bound),
                paragraph_end_reference(buf, from).min(bound)
            );
        }
    }
}
