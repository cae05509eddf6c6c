//! A memory that grows while it is served: an indexed base plus a small tail.
//!
//! A server follows the database by appending the rows of each new revision. Rebuilding
//! the index for every added row would cost seconds at a million segments, so new rows
//! go to a tail that is scanned by brute force, and the base index is rebuilt in the
//! background when the tail grows long ([`LiveMemory::rebased`]).
//!
//! Exactness: the combined memory is `base ++ tail`. [`scan`] counts only the first
//! entry of each folded source, so a tail entry whose source is in the base never
//! counts; the tail keeps the others ([`LiveMemory::fresh`]) and scans them with the
//! same rule among themselves. Each part returns its own top-k in the shared order
//! (exact first, score descending, entry order) and every tail entry comes after every
//! base entry, so the top-k of the union of the two lists is the top-k of the scan of the
//! combined memory. A test checks it against [`scan`].

use std::sync::Arc;

use crate::memory::{scan, Entry, Index, LookupOptions, Match, Memory, Scorer};

/// An indexed base memory and the entries added after it.
#[derive(Debug, Clone, Default)]
pub struct LiveMemory {
    /// The indexed entries.
    pub base: Arc<Memory>,
    /// The index of `base`.
    pub index: Arc<Index>,
    /// Entries added after the base, in order.
    pub tail: Arc<Memory>,
    /// The tail entries whose folded source is new (not in the base), and their
    /// position in `tail`.
    fresh: Arc<(Memory, Vec<usize>)>,
}

impl LiveMemory {
    /// A live memory over an indexed base (scorer parts are built by `prepare`).
    pub fn new(base: Memory) -> LiveMemory {
        let index = Index::build(&base);
        LiveMemory {
            base: Arc::new(base),
            index: Arc::new(index),
            ..LiveMemory::default()
        }
    }

    /// Builds the scorers' index parts now rather than on the first lookup.
    pub fn prepare(&self) {
        self.index.prepare(&self.base, Scorer::Word);
        self.index.prepare(&self.base, Scorer::Char);
    }

    /// Number of entries (base and tail).
    pub fn len(&self) -> usize {
        self.base.entries.len() + self.tail.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries in the tail that lookups scan by brute force.
    pub fn fresh_len(&self) -> usize {
        self.fresh.0.entries.len()
    }

    /// The entry at a combined position.
    pub fn entry(&self, i: usize) -> &Entry {
        let n = self.base.entries.len();
        if i < n {
            &self.base.entries[i]
        } else {
            &self.tail.entries[i - n]
        }
    }

    /// A copy with `entries` appended to the tail.
    pub fn appended(&self, entries: Vec<Entry>) -> LiveMemory {
        if entries.is_empty() {
            return self.clone();
        }
        let mut tail = (*self.tail).clone();
        let mut fresh = (*self.fresh).clone();
        for e in entries {
            if self.index.exact(&self.base, &e.ru).is_none() {
                fresh.0.entries.push(e.clone());
                fresh.1.push(tail.entries.len());
            }
            tail.entries.push(e);
        }
        LiveMemory {
            base: self.base.clone(),
            index: self.index.clone(),
            tail: Arc::new(tail),
            fresh: Arc::new(fresh),
        }
    }

    /// The base a rebuild makes of this memory: base and tail as one indexed memory.
    pub fn merged(&self) -> LiveMemory {
        let mut all = (*self.base).clone();
        all.entries.extend(self.tail.entries.iter().cloned());
        let live = LiveMemory::new(all);
        live.prepare();
        live
    }

    /// `rebuilt` (from [`LiveMemory::merged`] when this memory's tail was `k` long)
    /// with the entries added since appended.
    pub fn rebased(&self, rebuilt: LiveMemory, k: usize) -> LiveMemory {
        let later = self.tail.entries[k.min(self.tail.entries.len())..].to_vec();
        rebuilt.appended(later)
    }

    /// The matches of a query, equal to [`scan`] over base and tail.
    pub fn lookup(&self, query: &str, opts: &LookupOptions) -> Vec<Match> {
        let mut found = self.index.lookup(&self.base, query, opts);
        if !self.fresh.0.entries.is_empty() {
            let n = self.base.entries.len();
            found.extend(scan(&self.fresh.0, query, opts).into_iter().map(|m| Match {
                entry: n + self.fresh.1[m.entry],
                ..m
            }));
            found.sort_by(|a, b| {
                b.exact
                    .cmp(&a.exact)
                    .then(b.score.total_cmp(&a.score))
                    .then(a.entry.cmp(&b.entry))
            });
            found.truncate(opts.top);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(pairs: &[(&str, &str)]) -> Vec<Entry> {
        pairs.iter().map(|(r, e)| Entry::new(*r, *e)).collect()
    }

    #[test]
    fn base_plus_tail_equals_a_scan_of_both() {
        let words = [
            "договор",
            "о",
            "коллективной",
            "безопасности",
            "Совет",
            "министров",
            "иностранных",
            "дел",
            "ОДКБ",
            "заседание",
            "в",
            "Москве",
            "Астане",
        ];
        // deterministic pseudo-random sentences
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let sentence = |next: &mut dyn FnMut() -> u64| {
            let n = 2 + (next() % 5) as usize;
            (0..n)
                .map(|_| words[(next() % words.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let base: Vec<(String, String)> = (0..200)
            .map(|i| (sentence(&mut next), format!("t{i}")))
            .collect();
        let tail: Vec<(String, String)> = (0..60)
            .map(|i| (sentence(&mut next), format!("u{i}")))
            .collect();
        let refs = |v: &[(String, String)]| -> Vec<Entry> {
            memory(
                &v.iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect::<Vec<_>>(),
            )
        };
        let live = LiveMemory::new(Memory {
            entries: refs(&base),
        });
        let (t1, t2) = tail.split_at(30);
        let live = live.appended(refs(t1)).appended(refs(t2));
        let mut all = refs(&base);
        all.extend(refs(&tail));
        let all = Memory { entries: all };
        for scorer in [Scorer::Word, Scorer::Char] {
            for top in [1, 3, 10] {
                let opts = LookupOptions {
                    top,
                    min_score: 40.0,
                    scorer,
                };
                for q in 0..40 {
                    let query = if q % 4 == 0 {
                        tail[q % tail.len()].0.clone()
                    } else {
                        sentence(&mut next)
                    };
                    let want = scan(&all, &query, &opts);
                    assert_eq!(live.lookup(&query, &opts), want, "{query}");
                    let merged = live.merged();
                    assert_eq!(merged.lookup(&query, &opts), want, "{query}");
                }
            }
        }
        // a rebuild made while more rows arrived keeps them
        let rebuilt = live.merged();
        let more = live.appended(memory(&[("новый договор", "new")]));
        let rebased = more.rebased(rebuilt, live.tail.entries.len());
        assert_eq!(rebased.len(), more.len());
        assert_eq!(rebased.entry(rebased.len() - 1).en, "new");
    }
}
