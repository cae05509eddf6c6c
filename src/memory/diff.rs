//! Word diff between a query and a memory source, for showing what a fuzzy match changes.

use crate::text;

/// How a piece of a diff relates the source to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Text the source shares with the query (and the punctuation between words).
    Same,
    /// A source word the query lacks (or has differently).
    Added,
    /// A query word the source lacks.
    Removed,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The relation.
    pub change: Change,
    /// Source text for `Same` and `Added`, query text for `Removed`.
    pub text: String,
}

/// Diffs the words of `source` against those of `query` (compared folded, as lookup
/// compares them) and returns the source text, lossless, cut into runs, with the query
/// words it lacks interleaved as [`Change::Removed`] (adjacent ones joined by a space).
///
/// ```
/// use concord::memory::diff::{word_diff, Change};
/// let d = word_diff("Казахстан и Россия", "Казахстан и Китай.");
/// let added: Vec<_> = d.iter().filter(|p| p.change == Change::Added).map(|p| p.text.as_str()).collect();
/// assert_eq!(added, ["Китай"]);
/// ```
pub fn word_diff(query: &str, source: &str) -> Vec<Part> {
    let q: Vec<_> = text::words(query).collect();
    let s: Vec<_> = text::words(source).collect();
    let qf: Vec<String> = q.iter().map(|t| text::fold(t.text)).collect();
    let sf: Vec<String> = s.iter().map(|t| text::fold(t.text)).collect();
    // LCS table
    let (n, m) = (q.len(), s.len());
    let mut l = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if qf[i] == sf[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut push = |change: Change, text: &str| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(p) if p.change == change => {
                if change == Change::Removed {
                    p.text.push(' ');
                }
                p.text.push_str(text)
            }
            _ => parts.push(Part {
                change,
                text: text.to_string(),
            }),
        }
    };
    let (mut i, mut j, mut pos) = (0, 0, 0);
    while i < n || j < m {
        if i < n && j < m && qf[i] == sf[j] {
            push(Change::Same, &source[pos..s[j].end()]);
            pos = s[j].end();
            i += 1;
            j += 1;
        } else if i < n && (j == m || l[i + 1][j] >= l[i][j + 1]) {
            push(Change::Removed, q[i].text);
            i += 1;
        } else {
            push(Change::Same, &source[pos..s[j].start]);
            push(Change::Added, s[j].text);
            pos = s[j].end();
            j += 1;
        }
    }
    push(Change::Same, &source[pos..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_text_is_kept_and_removed_words_interleaved() {
        let d = word_diff(
            "в 2020 году Казахстан подписал",
            "В 2021 году, Казахстан подписал!",
        );
        let source: String = d
            .iter()
            .filter(|p| p.change != Change::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(source, "В 2021 году, Казахстан подписал!");
        let changed: Vec<_> = d
            .iter()
            .filter(|p| p.change != Change::Same)
            .map(|p| (p.change, p.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [(Change::Removed, "2020"), (Change::Added, "2021")]
        );
    }
}
