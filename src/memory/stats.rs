//! Memory statistics and deduplication (`concord memory stats`, `concord memory dedupe`).

use std::collections::HashMap;

use serde::Serialize;

use super::Memory;
use crate::text;

/// What `concord memory stats` reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Entries (translation units).
    pub segments: usize,
    /// Word tokens in the Russian sources.
    pub source_words: usize,
    /// Word tokens in the English targets.
    pub target_words: usize,
    /// Distinct sources after folding (NFC, case, ё/е, whitespace).
    pub unique_sources: usize,
    /// Entries whose folded source repeats an earlier entry's.
    pub duplicates: usize,
    /// Entries that repeat an earlier entry's source *and* target exactly (removable).
    pub exact_duplicates: usize,
    /// Sources that have two or more different targets (lookup shows the first).
    pub conflicting_sources: usize,
    /// Entries with an empty target.
    pub empty_targets: usize,
    /// Sources without a Cyrillic letter (not Russian, or numbers only).
    pub sources_without_cyrillic: usize,
    /// Targets that contain Cyrillic (untranslated or swapped columns).
    pub targets_with_cyrillic: usize,
    /// Source files the memory was read from.
    pub files: usize,
}

/// Computes the statistics of a memory.
pub fn stats(memory: &Memory) -> Stats {
    let mut st = Stats {
        segments: memory.entries.len(),
        ..Stats::default()
    };
    // folded source → (first target, conflict counted?)
    let mut by_source: HashMap<String, (usize, bool)> = HashMap::new();
    let mut pairs: std::collections::HashSet<(String, &str)> = Default::default();
    let mut files = std::collections::HashSet::new();
    for (i, e) in memory.entries.iter().enumerate() {
        files.insert(e.origin.path.clone());
        st.source_words += text::words(&e.ru).count();
        st.target_words += text::words(&e.en).count();
        if e.en.trim().is_empty() {
            st.empty_targets += 1;
        }
        if !text::has_cyrillic(&e.ru) {
            st.sources_without_cyrillic += 1;
        }
        if text::has_cyrillic(&e.en) {
            st.targets_with_cyrillic += 1;
        }
        let key = text::fold(&e.ru);
        if !pairs.insert((key.clone(), e.en.as_str())) {
            st.exact_duplicates += 1;
        }
        match by_source.get_mut(&key) {
            None => {
                by_source.insert(key, (i, false));
            }
            Some((first, conflict)) => {
                st.duplicates += 1;
                if !*conflict && memory.entries[*first].en != e.en {
                    *conflict = true;
                    st.conflicting_sources += 1;
                }
            }
        }
    }
    st.unique_sources = by_source.len();
    st.files = files.len();
    st
}

/// Which entries `dedupe` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DedupeMode {
    /// Drop entries whose folded source and exact target repeat an earlier entry.
    #[default]
    Exact,
    /// Keep only the first entry of each folded source (the one lookup shows).
    FirstTarget,
}

/// The indices of the entries to keep, in order.
pub fn dedupe(memory: &Memory, mode: DedupeMode) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    memory
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let key = text::fold(&e.ru);
            match mode {
                DedupeMode::Exact => seen.insert((key, e.en.clone())),
                DedupeMode::FirstTarget => seen.insert((key, String::new())),
            }
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::Entry;

    #[test]
    fn counts_duplicates_and_conflicts() {
        let m = Memory {
            entries: vec![
                Entry::new("Да.", "Yes."),
                Entry::new("да.", "Yes."),
                Entry::new("Да.", "Sure."),
                Entry::new("Нет", ""),
                Entry::new("2020", "Привет"),
            ],
        };
        let s = stats(&m);
        assert_eq!(
            (
                s.segments,
                s.unique_sources,
                s.duplicates,
                s.exact_duplicates,
                s.conflicting_sources
            ),
            (5, 3, 2, 1, 1)
        );
        assert_eq!(
            (
                s.empty_targets,
                s.sources_without_cyrillic,
                s.targets_with_cyrillic
            ),
            (1, 1, 1)
        );
        assert_eq!(s.source_words, 5);
        assert_eq!(dedupe(&m, DedupeMode::Exact), [0, 2, 3, 4]);
        assert_eq!(dedupe(&m, DedupeMode::FirstTarget), [0, 3, 4]);
    }
}
