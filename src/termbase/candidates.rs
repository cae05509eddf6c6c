//! Term candidates: names and acronyms of a source text that no concept covers.
//!
//! A terminologist completing a termbase wants every acronym (ЦАС, ЕврАзЭС), every
//! run of capitalised words that is not merely a sentence start (Генеральная
//! Ассамблея ООН, Н. Назарбаев) and every capitalised title in «guillemets» (Закон
//! «О национальной безопасности») that the termbase does not match yet, counted once
//! per inflected form family.

use std::collections::HashMap;

use super::{Matcher, Termbase};
use crate::text::stem::{is_acronym, stem_ru};

/// One candidate term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The text of its first occurrence.
    pub text: String,
    /// 1-based line of the first occurrence.
    pub line: usize,
    /// 1-based character column of the first occurrence.
    pub column: usize,
    /// Occurrences in the text (any inflected form).
    pub count: usize,
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

const ADJ_ENDINGS: &[&str] = &[
    "ая", "яя", "ое", "ее", "ый", "ий", "ой", "ые", "ие", "ого", "его", "ому", "ему", "ую", "юю",
    "ым", "им", "ых", "их", "ей", "ыми", "ими",
];
const VERB_ENDINGS: &[&str] = &[
    "ла", "ло", "ли", "ал", "ял", "ил", "ет", "ит", "ют", "ят", "ат", "ть", "ся",
];
const STOP: &[&str] = &[
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "для",
    "от",
    "к",
    "о",
    "об",
    "за",
    "из",
    "у",
    "а",
    "но",
    "что",
    "как",
    "который",
    "которая",
    "которое",
    "которые",
    "не",
    "или",
    "же",
    "при",
];

fn adjective(w: &str) -> bool {
    let l = w.to_lowercase();
    l.chars().count() > 3 && ADJ_ENDINGS.iter().any(|e| l.ends_with(e))
}

/// After a capitalised adjective, the lower-case words that complete a Russian name
/// ("Шанхайская организация сотрудничества"): at most two, no verb, no function word.
fn name_tail(s: &str, toks: &[crate::text::Token<'_>], from: usize) -> usize {
    let mut j = from;
    while j < toks.len() && j < from + 2 {
        let w = toks[j].text;
        let l = w.to_lowercase();
        let gap = &s[toks[j - 1].end()..toks[j].start];
        if capitalised(w)
            || !gap.chars().all(char::is_whitespace)
            || !w
                .chars()
                .all(|c| crate::text::script(c) == crate::text::Script::Cyrillic || c == '-')
            || STOP.contains(&l.as_str())
            || VERB_ENDINGS.iter().any(|e| l.ends_with(e))
        {
            break;
        }
        j += 1;
    }
    j
}

fn key(s: &str) -> String {
    crate::text::words(s)
        .map(|w| {
            if is_acronym(w.text) {
                w.text.to_string()
            } else {
                stem_ru(w.text)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds candidates in the sentences (byte ranges, from the segmenter) of a Russian
/// text, in order of first occurrence.
pub fn candidates(
    termbase: &Termbase,
    text: &str,
    sentences: &[std::ops::Range<usize>],
) -> Vec<Candidate> {
    let matcher = Matcher::new(termbase);
    let mut found: Vec<Candidate> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // stems seen in lower case: a capital on them is only a sentence start
    let lower: std::collections::HashSet<String> = crate::text::words(text)
        .filter(|w| !capitalised(w.text))
        .map(|w| stem_ru(w.text))
        .collect();
    {
        for sent in sentences {
            let s = &text[sent.clone()];
            let hits = matcher.find_ru(s);
            let covered = |r: &std::ops::Range<usize>| {
                crate::text::words(&s[r.clone()]).all(|w| {
                    let b = r.start + w.start;
                    hits.iter().any(|h| h.span.start <= b && b < h.span.end)
                })
            };
            let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
            // titles in guillemets
            let mut from = 0;
            while let Some(o) = s[from..].find('«') {
                let open = from + o + '«'.len_utf8();
                let Some(c) = s[open..].find('»') else { break };
                let inner = &s[open..open + c];
                if capitalised(inner) && inner.split_whitespace().count() <= 12 {
                    spans.push(open..open + c);
                }
                from = open + c;
            }
            // runs of capitalised words and acronyms
            let toks: Vec<_> = crate::text::words(s).collect();
            let mut i = 0;
            while i < toks.len() {
                // a capital at sentence start marks a name only on an adjective
                // ("Генеральная Ассамблея"), not on "Затем" or "Президент"
                if !capitalised(toks[i].text)
                    || (i == 0
                        && !is_acronym(toks[i].text)
                        && (!adjective(toks[i].text) || lower.contains(&stem_ru(toks[i].text))))
                {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < toks.len()
                    && capitalised(toks[j].text)
                    && s[toks[j - 1].end()..toks[j].start]
                        .chars()
                        .all(|c| c.is_whitespace() || c == '.')
                {
                    j += 1;
                }
                if j == i + 1 && i > 0 && adjective(toks[i].text) {
                    j = name_tail(s, &toks, j);
                }
                let multi = j - i > 1;
                let single_ok = i > 0 || is_acronym(toks[i].text);
                if multi || single_ok {
                    // an initial alone ("Н.") is no name
                    if multi || toks[i].text.chars().count() > 1 {
                        spans.push(toks[i].start..toks[j - 1].end());
                    }
                }
                // acronyms inside a run are candidates of their own too
                if multi {
                    for t in &toks[i..j] {
                        if is_acronym(t.text) {
                            spans.push(t.start..t.end());
                        }
                    }
                }
                i = j;
            }
            for r in spans {
                if covered(&r) {
                    continue;
                }
                let t = &s[r.clone()];
                let k = key(t);
                if k.is_empty() {
                    continue;
                }
                match index.get(&k) {
                    Some(&n) => found[n].count += 1,
                    None => {
                        let abs = sent.start + r.start;
                        let (line, column) = crate::text::line_column(text, abs);
                        index.insert(k, found.len());
                        found.push(Candidate {
                            text: t.to_string(),
                            line,
                            column,
                            count: 1,
                        });
                    }
                }
            }
        }
    }
    found.sort_by_key(|c| (c.line, c.column));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::termbase::Concept;

    #[test]
    fn finds_uncovered_names_and_acronyms() {
        let tb = Termbase {
            concepts: vec![Concept {
                id: "cis".into(),
                ru: vec!["СНГ".into()],
                en: "CIS".into(),
                ..Concept::default()
            }],
        };
        let text = "Президент Н. Назарбаев, наш президент, выступил в СНГ и ОДКБ. Закон «О национальной безопасности» принят. Генеральная Ассамблея ООН одобрила. В ОДКБ тоже.\n";
        let seg = crate::segment::Segmenter::new(crate::segment::Lang::Ru);
        let sentences: Vec<_> = seg
            .document(text)
            .into_iter()
            .flat_map(|p| p.sentences)
            .collect();
        let c = candidates(&tb, text, &sentences);
        let names: Vec<(&str, usize)> = c.iter().map(|c| (c.text.as_str(), c.count)).collect();
        assert_eq!(
            names,
            [
                ("Н. Назарбаев", 1),
                ("ОДКБ", 2),
                ("О национальной безопасности", 1),
                ("Генеральная Ассамблея ООН", 1),
                ("ООН", 1)
            ]
        );
        assert_eq!((c[1].line, c[1].column), (1, 57));
    }
}
