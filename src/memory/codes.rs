//! Inline codes in memory entries (placeholders such as `{1}…{/1}` listed in the
//! `src-codes` / `tgt-codes` columns; see `formats::inline`): matching and plain-text
//! output see the text without them.
//!
//! Fuzzy scores compare the source without its codes, then take [`CODE_PENALTY`] points
//! off per code the entry's source has (at most [`MAX_CODE_PENALTY`]), as OmegaT lowers
//! a match whose tags differ from the query: a query is plain text, so the entry's
//! codes are what differs. An entry equal to the query but for its codes stays an exact
//! match: its text is the same, and output drops or renders the codes.

use std::borrow::Cow;

use super::{Entry, Match, Memory};

/// Points taken off a fuzzy score per inline code in the entry's source.
pub const CODE_PENALTY: f64 = 1.0;
/// The most points codes take off one fuzzy score.
pub const MAX_CODE_PENALTY: f64 = 5.0;

/// The placeholder tokens a codes column lists, in order (`{1}`, `{/1}`, `{2/}`): the
/// `{…}` runs outside its elements (element content is escaped, so `<` is markup).
fn listed(codes: &str) -> Vec<&str> {
    let b = codes.as_bytes();
    let (mut out, mut depth, mut i) = (Vec::new(), 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'<' => {
                let end = codes[i..].find('>').map_or(b.len(), |e| i + e);
                let tag = &codes[i + 1..end.min(b.len())];
                if tag.starts_with('/') {
                    depth = depth.saturating_sub(1);
                } else if !tag.ends_with('/') {
                    depth += 1;
                }
                i = end + 1;
            }
            b'{' if depth == 0 => {
                let end = codes[i..].find('}').map_or(b.len(), |e| i + e + 1);
                out.push(&codes[i..end]);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Is `s` a placeholder token (`{1}`, `{/1}`, `{1/}`) at its start? Its length.
fn token_len(s: &str) -> Option<usize> {
    let end = s.find('}')? + 1;
    let inner = &s[1..end - 1];
    let digits = inner.trim_start_matches('/').trim_end_matches('/');
    (s.starts_with('{')
        && !digits.is_empty()
        && digits.len() <= 9
        && digits.bytes().all(|c| c.is_ascii_digit())
        && !(inner.starts_with('/') && inner.ends_with('/')))
    .then_some(end)
}

/// Removes the placeholders `codes` lists from `text` (each once); other `{…}` text
/// stays. Returns the plain text and the number of codes removed.
pub fn strip_codes(text: &str, codes: &str) -> (String, usize) {
    if codes.is_empty() {
        return (text.to_string(), 0);
    }
    let mut unused = listed(codes);
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('{') {
        let at = i + off;
        out.push_str(&text[i..at]);
        match token_len(&text[at..]) {
            Some(len) => {
                let tok = &text[at..at + len];
                match unused.iter().position(|t| *t == tok) {
                    Some(k) => {
                        unused.remove(k);
                        removed += 1;
                    }
                    None => out.push_str(tok),
                }
                i = at + len;
            }
            None => {
                out.push('{');
                i = at + 1;
            }
        }
    }
    out.push_str(&text[i..]);
    (out, removed)
}

impl Entry {
    /// The Russian without the placeholders of its `src-codes`: what matching compares.
    pub fn match_source(&self) -> Cow<'_, str> {
        match self.get("src-codes") {
            Some(c) if !c.is_empty() => Cow::Owned(strip_codes(&self.ru, c).0),
            _ => Cow::Borrowed(&self.ru),
        }
    }

    /// The English without the placeholders of its `tgt-codes`: what plain text and
    /// Markdown output show.
    pub fn plain_en(&self) -> Cow<'_, str> {
        match self.get("tgt-codes") {
            Some(c) if !c.is_empty() => Cow::Owned(strip_codes(&self.en, c).0),
            _ => Cow::Borrowed(&self.en),
        }
    }

    /// The number of inline codes in the source.
    pub fn source_codes(&self) -> usize {
        match self.get("src-codes") {
            Some(c) if !c.is_empty() => strip_codes(&self.ru, c).1,
            _ => 0,
        }
    }
}

/// Applies the code penalty to fuzzy matches, drops those that fall below `min_score`
/// and re-sorts (exact first, score descending, entry order).
pub(crate) fn penalize(memory: &Memory, mut found: Vec<Match>, min_score: f64) -> Vec<Match> {
    let mut changed = false;
    for m in &mut found {
        if m.exact {
            continue;
        }
        let n = memory.entries.get(m.entry).map_or(0, Entry::source_codes);
        if n > 0 {
            m.score = (m.score - (CODE_PENALTY * n as f64).min(MAX_CODE_PENALTY)).max(0.0);
            changed = true;
        }
    }
    if changed {
        found.retain(|m| m.exact || m.score >= min_score);
        found.sort_by(|a, b| {
            b.exact
                .cmp(&a.exact)
                .then(b.score.total_cmp(&a.score))
                .then(a.entry.cmp(&b.entry))
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{scan, Index, LookupOptions};

    #[test]
    fn codes_are_ignored_and_cost_a_point_each() {
        let mut a = Entry::new(
            "Мы называем этот новый метод {1}ранжированием по предельной ценности{/1}.",
            "We call this new method {1}marginal value ranking{/1}.",
        );
        let codes = "{1}<bpt i=\"1\">&lt;i></bpt>{/1}<ept i=\"1\">&lt;/i></ept>";
        a.extra.push(("src-codes".into(), codes.into()));
        a.extra.push(("tgt-codes".into(), codes.into()));
        let m = Memory { entries: vec![a] };
        let opts = LookupOptions::default();
        let idx = Index::build(&m);
        let q = "Мы называем этот новый метод ранжированием по предельной ценности.";
        for found in [scan(&m, q, &opts), idx.lookup(&m, q, &opts)] {
            assert!(found[0].exact, "{found:?}");
        }
        let q = "Мы называем этот метод ранжированием по предельной ценности.";
        let plain = crate::memory::score(q, &m.entries[0].match_source(), opts.scorer);
        for found in [scan(&m, q, &opts), idx.lookup(&m, q, &opts)] {
            assert_eq!(found[0].score, plain - 2.0, "{found:?}");
        }
        assert_eq!(
            m.entries[0].plain_en(),
            "We call this new method marginal value ranking."
        );
    }
}
