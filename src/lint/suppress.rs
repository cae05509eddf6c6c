//! Inline suppression: comments in a file that switch rules off for some lines.
//!
//! The main type is [`Suppressions`], built from a file's directives:
//! - Markdown and HTML, in HTML comments (never inside code):
//!   `<!-- concord-disable-next-line term-variant -->`, `<!-- concord-disable-line -->`,
//!   `<!-- concord-disable term-forbidden -->` … `<!-- concord-enable -->`;
//! - plain text, anywhere on a line (after `#`, `//`, or nothing):
//!   `concord: ignore RULE…` (this line), `concord: ignore-next-line RULE…`,
//!   `concord: disable RULE…` … `concord: enable`, and the Markdown spellings above;
//! - a memory row: `concord: ignore RULE…` in its `note` column.
//!
//! No rule ids means every rule; `all` says so explicitly. Words after the rule ids are
//! a free-text reason (`concord: ignore term-variant -- quoted from the 1994 treaty`).

use std::collections::BTreeSet;
use std::ops::Range;

use memchr::memmem;

use crate::check::Rule;

/// The rules a directive names: `None` is every rule.
pub type RuleSet = Option<BTreeSet<Rule>>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    all: bool,
    /// Disabled rules when `all` is false; re-enabled exceptions when it is true.
    rules: BTreeSet<Rule>,
}

impl State {
    fn disables(&self, rule: Rule) -> bool {
        self.all != self.rules.contains(&rule)
    }

    fn disable(&mut self, set: &RuleSet) {
        match set {
            None => {
                *self = State {
                    all: true,
                    rules: BTreeSet::new(),
                }
            }
            Some(r) if self.all => self.rules.retain(|x| !r.contains(x)),
            Some(r) => self.rules.extend(r.iter().copied()),
        }
    }

    fn enable(&mut self, set: &RuleSet) {
        match set {
            None => *self = State::default(),
            Some(r) if self.all => self.rules.extend(r.iter().copied()),
            Some(r) => self.rules.retain(|x| !r.contains(x)),
        }
    }
}

/// Which rules are switched off on which lines of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// Block state changes: from this line on, this state (sorted by line).
    blocks: Vec<(usize, State)>,
    /// Single lines: (line, rules).
    lines: Vec<(usize, RuleSet)>,
    /// Problems with directives (unknown rule ids), as `line: message`.
    pub warnings: Vec<(usize, String)>,
}

/// How a directive applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Line,
    NextLine,
    Disable,
    Enable,
}

/// Spellings of directives, longest first so that prefixes do not shadow them.
const DIRECTIVES: [(&str, Kind); 8] = [
    ("concord-disable-next-line", Kind::NextLine),
    ("concord-disable-line", Kind::Line),
    ("concord-disable", Kind::Disable),
    ("concord-enable", Kind::Enable),
    ("concord: ignore-next-line", Kind::NextLine),
    ("concord: ignore", Kind::Line),
    ("concord: disable", Kind::Disable),
    ("concord: enable", Kind::Enable),
];

impl Suppressions {
    /// True when no directive was found.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.lines.is_empty()
    }

    /// Whether a finding of `rule` on 1-based `line` is suppressed.
    pub fn suppresses(&self, line: usize, rule: Rule) -> bool {
        if self
            .lines
            .iter()
            .any(|(l, set)| *l == line && set.as_ref().is_none_or(|s| s.contains(&rule)))
        {
            return true;
        }
        let i = self.blocks.partition_point(|(l, _)| *l <= line);
        i > 0 && self.blocks[i - 1].1.disables(rule)
    }

    /// Reads directives in the given byte ranges of `text` (HTML comments of Markdown
    /// and HTML files).
    pub fn from_comments(text: &str, comments: &[Range<usize>]) -> Suppressions {
        let mut s = Suppressions::default();
        let mut state = State::default();
        let mut line = 1;
        let mut counted = 0;
        for r in comments {
            let body = &text[r.clone()];
            if !body.contains("concord") {
                continue;
            }
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..r.start]).count();
            counted = r.start;
            let body = body
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim();
            s.directive(body, line, &mut state);
        }
        s
    }

    /// Reads directives anywhere in a plain text file.
    pub fn from_plain(text: &str) -> Suppressions {
        let mut s = Suppressions::default();
        let mut state = State::default();
        let finder = memmem::Finder::new(b"concord");
        let bytes = text.as_bytes();
        let mut line = 1;
        let mut counted = 0;
        let mut at = 0;
        while let Some(p) = finder.find(&bytes[at..]) {
            let start = at + p;
            line += memchr::memchr_iter(b'\n', &bytes[counted..start]).count();
            counted = start;
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |e| start + e);
            let body = text[start..end].trim_end_matches('\r');
            let body = body.split("-->").next().unwrap_or(body);
            let body = body.split("*/").next().unwrap_or(body);
            s.directive(body.trim(), line, &mut state);
            at = end;
        }
        s
    }

    /// Parses one directive (`concord-disable term-variant`) found on `line`.
    fn directive(&mut self, body: &str, line: usize, state: &mut State) {
        let Some((kind, rest)) = DIRECTIVES.iter().find_map(|(spelling, kind)| {
            let rest = body.strip_prefix(spelling)?;
            // `concord-disable` must not match `concord-disabled`
            (rest.is_empty() || rest.starts_with([' ', '\t', ','])).then_some((*kind, rest))
        }) else {
            return;
        };
        let (set, unknown) = parse_rules(rest);
        if let Some(u) = unknown {
            self.warnings.push((
                line,
                format!(
                    "unknown rule `{u}` in a concord directive (known: {})",
                    known()
                ),
            ));
        }
        match kind {
            Kind::Line => self.lines.push((line, set)),
            Kind::NextLine => self.lines.push((line + 1, set)),
            Kind::Disable | Kind::Enable => {
                if kind == Kind::Disable {
                    state.disable(&set);
                } else {
                    state.enable(&set);
                }
                if self.blocks.last().is_some_and(|(l, _)| *l == line) {
                    self.blocks.pop();
                }
                self.blocks.push((line, state.clone()));
            }
        }
    }
}

fn known() -> String {
    Rule::ALL.map(|r| r.id()).join(", ")
}

/// Parses rule ids up to the first word that is not one; returns the set and the first
/// word that looks like a misspelt rule id.
fn parse_rules(rest: &str) -> (RuleSet, Option<String>) {
    let mut set = BTreeSet::new();
    let mut all = false;
    let mut unknown = None;
    for word in rest.split([' ', '\t', ',']).filter(|w| !w.is_empty()) {
        if word == "all" {
            all = true;
        } else if let Some(r) = Rule::from_id(word) {
            set.insert(r);
        } else {
            let looks_like_id = word.contains('-')
                && word.len() > 2
                && word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if looks_like_id {
                unknown = Some(word.to_string());
            }
            break;
        }
    }
    (
        if all || set.is_empty() {
            None
        } else {
            Some(set)
        },
        unknown,
    )
}

/// The rules a memory row's note switches off (`concord: ignore term-missing`), if any.
///
/// ```
/// use concord::check::Rule;
/// let set = concord::lint::suppress::note_marker("kept as in the treaty; concord: ignore term-variant");
/// assert!(set.unwrap().unwrap().contains(&Rule::TermVariant));
/// assert!(concord::lint::suppress::note_marker("checked by the editor").is_none());
/// ```
pub fn note_marker(note: &str) -> Option<RuleSet> {
    let p = note.find("concord: ignore")?;
    let rest = &note[p + "concord: ignore".len()..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ','])) {
        return None;
    }
    Some(parse_rules(rest).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::prose::{mask, Markup};

    fn md(s: &str) -> Suppressions {
        let m = mask(s, Markup::Markdown);
        Suppressions::from_comments(s, &m.comments)
    }

    #[test]
    fn next_line_applies_to_the_named_rule_only() {
        let s = md("a\n<!-- concord-disable-next-line term-variant -->\nb\nc\n");
        assert!(s.suppresses(3, Rule::TermVariant));
        assert!(!s.suppresses(3, Rule::TermForbidden));
        assert!(!s.suppresses(4, Rule::TermVariant));
    }

    #[test]
    fn blocks_open_and_close() {
        let s = md("<!-- concord-disable term-forbidden -->\nx\n<!-- concord-enable -->\ny\n");
        assert!(s.suppresses(2, Rule::TermForbidden));
        assert!(!s.suppresses(2, Rule::TermVariant));
        assert!(!s.suppresses(4, Rule::TermForbidden));
    }

    #[test]
    fn disable_all_then_reenable_one() {
        let s = md("<!-- concord-disable -->\n<!-- concord-enable term-variant -->\nx\n");
        assert!(s.suppresses(3, Rule::TermForbidden));
        assert!(!s.suppresses(3, Rule::TermVariant));
    }

    #[test]
    fn directives_in_code_do_not_count() {
        let s = md("```\n<!-- concord-disable -->\n```\nx\n");
        assert!(s.is_empty());
    }

    #[test]
    fn plain_text_comments_and_reasons() {
        let s = Suppressions::from_plain(
            "Nazarbaev # concord: ignore term-variant -- quoted\n// concord: ignore-next-line\nx\ny\n",
        );
        assert!(s.suppresses(1, Rule::TermVariant));
        assert!(!s.suppresses(1, Rule::TermForbidden));
        assert!(s.suppresses(3, Rule::TermForbidden));
        assert!(!s.suppresses(4, Rule::TermForbidden));
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn unknown_rule_is_warned() {
        let s = Suppressions::from_plain("x concord: ignore term-varient\n");
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].1.contains("term-varient"), "{:?}", s.warnings);
        // still suppresses everything on the line: the writer meant to silence it
        assert!(s.suppresses(1, Rule::TermVariant));
    }

    #[test]
    fn concord_in_prose_is_not_a_directive() {
        let s =
            Suppressions::from_plain("The concord: ignored by the editors.\nconcord-disabled\n");
        assert!(s.is_empty());
    }

    #[test]
    fn note_marker_all_rules() {
        assert_eq!(note_marker("concord: ignore"), Some(None));
        assert_eq!(note_marker("concord: ignore all"), Some(None));
    }
}
