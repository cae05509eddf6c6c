//! Exact and fuzzy lookup over a memory: [`Index`], and the brute-force [`scan`] it must equal.
//!
//! How the index stays lossless (every bound below is a lower bound on the Levenshtein
//! distance `d`, so a source it discards cannot reach `min_score`):
//!
//! - Sources with equal folded text are one *unique source* (the first entry counts).
//! - For a query of `n` symbols, `dmax(M)` is the largest distance that still scores
//!   ≥ `min_score` when the longer side has `M` symbols ([`fuzzy::max_distance`], computed
//!   against the exact `f64` formula). `d ≥ |n − m|` gives the *length filter*.
//! - Word scorer: `d ≥ max(n, m) − c`, where `c` is the size of the multiset intersection
//!   of the token sequences (each shared-token deficit needs an edit). As
//!   `M − dmax(M)` never decreases with `M`, a match shares at least
//!   `c_min = n − dmax(n)` token occurrences with the query. By pigeonhole it therefore
//!   contains one of the `n − c_min + 1` query occurrences of rarest document frequency
//!   (*prefix filter*); the index reads only their postings, restricted to the length
//!   window (postings are sorted by source length, so the window is a binary search).
//!   With `c_min = 0` every source in the length window is a candidate.
//! - Char scorer: a scan of the length window (one contiguous range of the flat arrays
//!   of [`CharIndex`], which holds the bounds and their proofs: character histogram,
//!   bigram sketch, Levenshtein over one-byte codes with a diagonal cut-off) on all
//!   cores, nearest lengths first, with a cutoff shared by the threads that rises to the
//!   N-th best score found so far (any N real scores bound the N-th best from below;
//!   ties stay in, as `dmax` is computed for `score ≥ cutoff`).
//! - Word candidates are verified with the exact bit-parallel Levenshtein distance
//!   ([`Pattern`]), bounded by `dmax`.
//! - Each scorer's part is built (or read from the cache) the first time a lookup needs
//!   it; the exact table and the vocabulary are flat open-addressing tables whose hits
//!   are confirmed by comparing texts.

use crate::text::hash::FxHashMap;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use std::sync::OnceLock;

use super::charix::CharIndex;
use super::fuzzy::{self, levenshtein::Pattern, Scorer};
use super::store::{Reader, Store, Writer};
use super::Memory;
use crate::text;

/// What a lookup asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LookupOptions {
    /// At most this many matches (exact included).
    pub top: usize,
    /// Lowest fuzzy score reported, 0..=100.
    pub min_score: f64,
    /// Word or character Levenshtein.
    pub scorer: Scorer,
}

impl Default for LookupOptions {
    /// Top 5, min-score 70, word scorer.
    fn default() -> LookupOptions {
        LookupOptions {
            top: 5,
            min_score: 70.0,
            scorer: Scorer::Word,
        }
    }
}

/// One match: an entry of the memory and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index into [`Memory::entries`].
    pub entry: usize,
    /// Similarity 0..=100 (100 for an exact match).
    pub score: f64,
    /// True when the folded source equals the folded query.
    pub exact: bool,
}

/// The hash a [`FlatTable`] slot holds: the one hasher, spread over the low bits the
/// table indexes by.
fn hash_str(s: &str) -> u64 {
    text::hash::spread(text::hash::hash_bytes(s.as_bytes()))
}

/// Symbols of a folded text for a scorer, with word tokens mapped through `ids`.
fn symbols(folded: &str, scorer: Scorer, ids: &mut HashMap<String, u32>) -> Vec<u32> {
    match scorer {
        Scorer::Char => folded.chars().map(u32::from).collect(),
        Scorer::Word => text::words(folded)
            .map(|t| {
                let n = ids.len() as u32;
                *ids.entry(t.text.to_string()).or_insert(n)
            })
            .collect(),
    }
}

/// Orders matches: exact first, then score descending, then entry order.
fn order(a: &Match, b: &Match) -> std::cmp::Ordering {
    b.exact
        .cmp(&a.exact)
        .then(b.score.total_cmp(&a.score))
        .then(a.entry.cmp(&b.entry))
}

/// Sorts matches and keeps the first `top`.
fn rank(mut found: Vec<Match>, top: usize) -> Vec<Match> {
    found.sort_by(order);
    found.truncate(top);
    found
}

/// The reference lookup: scores every entry with [`fuzzy::score`]'s formula.
///
/// Semantics shared with [`Index::lookup`]: among entries whose folded sources are equal
/// only the first counts (the first target is shown); an entry whose folded source equals
/// the folded query is the exact match (score 100, first); others are fuzzy matches with
/// score ≥ `min_score`, by score descending, ties in entry order; a query without symbols
/// gets no fuzzy matches; at most `top` matches in all.
pub fn scan(memory: &Memory, query: &str, opts: &LookupOptions) -> Vec<Match> {
    let fq = text::fold(query);
    let mut ids = HashMap::new();
    let q = symbols(&fq, opts.scorer, &mut ids);
    let pattern = Pattern::new(&q);
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    for (i, e) in memory.entries.iter().enumerate() {
        let fs = text::fold(&e.ru);
        if !seen.insert(fs.clone()) {
            continue;
        }
        if fs == fq {
            found.push(Match {
                entry: i,
                score: 100.0,
                exact: true,
            });
            continue;
        }
        if q.is_empty() {
            continue;
        }
        let s = symbols(&fs, opts.scorer, &mut ids);
        let d = pattern.distance(&s);
        let score = fuzzy::score_from_distance(d, q.len().max(s.len()));
        if score >= opts.min_score {
            found.push(Match {
                entry: i,
                score,
                exact: false,
            });
        }
    }
    rank(found, opts.top)
}

/// Lengths sorted ascending with a start table: rank range of each length.
#[derive(Debug, Clone, Default)]
struct ByLength {
    /// Unique-source ids ordered by (length, id).
    order: Vec<u32>,
    /// `start[l]` = first rank whose length is ≥ l (`start.len() = max length + 2`).
    start: Vec<u32>,
}

impl ByLength {
    fn new(lens: &[u32]) -> ByLength {
        let max = lens.iter().copied().max().unwrap_or(0) as usize;
        let mut count = vec![0u32; max + 2];
        for &l in lens {
            count[l as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let start = count.clone();
        let mut next = count;
        let mut order = vec![0u32; lens.len()];
        for (u, &l) in lens.iter().enumerate() {
            order[next[l as usize] as usize] = u as u32;
            next[l as usize] += 1;
        }
        ByLength { order, start }
    }

    /// Rank range of sources whose length is in `lo..=hi`.
    fn window(&self, lo: usize, hi: usize) -> std::ops::Range<usize> {
        let max = self.start.len() - 2;
        if lo > max {
            return 0..0;
        }
        let hi = hi.min(max);
        self.start[lo] as usize..self.start[hi + 1] as usize
    }
}

/// An open-addressing hash table of ids, flat so that it is two arrays on disk: an id
/// sits in the slot of its text's hash (masked) or the next free one after it; a lookup
/// walks from its hash's slot until an empty slot, comparing stored hashes and then
/// texts, so it never returns an id whose text differs.
#[derive(Debug, Clone, Default)]
struct FlatTable {
    /// Slot → id (`EMPTY` when free); a power of two long, never full.
    ids: Vec<u32>,
    /// Slot → the hash its id was stored under.
    hashes: Vec<u64>,
}

const EMPTY: u32 = u32::MAX;

impl FlatTable {
    /// A table for up to `n` ids (at most half full).
    fn with_capacity(n: usize) -> FlatTable {
        let size = (n * 2).next_power_of_two().max(2);
        FlatTable {
            ids: vec![EMPTY; size],
            hashes: vec![0; size],
        }
    }

    fn insert(&mut self, hash: u64, id: u32) {
        let mask = self.ids.len() - 1;
        let mut i = hash as usize & mask;
        while self.ids[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.ids[i] = id;
        self.hashes[i] = hash;
    }

    /// The id stored under `hash` whose text `is(id)` accepts.
    #[inline]
    fn find(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let mask = self.ids.len().checked_sub(1)?;
        let mut i = hash as usize & mask;
        loop {
            let id = self.ids[i];
            if id == EMPTY {
                return None;
            }
            if self.hashes[i] == hash && is(id) {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Shape checks for a table read from a cache (`n` ids).
    fn valid(&self, n: usize) -> bool {
        self.ids.len() == self.hashes.len()
            && self.ids.len().is_power_of_two()
            && self.ids.contains(&EMPTY)
            && self.ids.iter().all(|&u| u == EMPTY || (u as usize) < n)
    }
}

/// A lookup index over a memory's sources.
///
/// Built once per memory; [`Index::lookup`] returns exactly what [`scan`] returns (a
/// property test and a 100k-segment test check it). [`Index::build`] deduplicates the
/// sources and builds the exact table; each scorer's part is built (or read from the
/// cache of [`super::open_indexed`]) the first time a lookup needs it, or by
/// [`Index::prepare`].
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// First entry of each unique source, in first-appearance order.
    first_entry: Vec<u32>,
    /// Exact table: hash of the folded source → unique id.
    exact: FlatTable,
    /// The word scorer's part.
    word: OnceLock<WordIndex>,
    /// The char scorer's part.
    chars: OnceLock<CharIndex>,
    /// Where the parts are cached, if anywhere.
    store: Option<Store>,
}

/// The word scorer's part of the index.
#[derive(Debug, Clone, Default)]
struct WordIndex {
    /// Folded token → id; ids are ordered by document frequency, most frequent first.
    vocab: FlatTable,
    /// Token texts by id: `vocab_text[vocab_off[t]..vocab_off[t + 1]]`.
    vocab_text: String,
    vocab_off: Vec<u64>,
    /// Sources containing each token (distinct), for the prefix order.
    df: Vec<u32>,
    /// Token ids of each unique source; `tok_off[u]..tok_off[u + 1]`.
    tokens: Vec<u32>,
    tok_off: Vec<u32>,
    /// Unique sources by word count.
    words: ByLength,
    /// Postings: for token t, `post[post_off[t]..post_off[t + 1]]` are the ranks in
    /// `words.order` of the sources containing t, ascending.
    post: Vec<u32>,
    post_off: Vec<u32>,
}

/// Per-query view of `dmax(M)` for a fixed threshold.
struct Bounds {
    table: Vec<Option<usize>>,
    min_score: f64,
}

impl Bounds {
    fn new(min_score: f64) -> Bounds {
        Bounds {
            table: Vec::new(),
            min_score,
        }
    }
    #[inline]
    fn dmax(&mut self, longest: usize) -> Option<usize> {
        if longest >= self.table.len() {
            let from = self.table.len();
            self.table
                .extend((from..=longest + 16).map(|m| fuzzy::max_distance(m, self.min_score)));
        }
        self.table[longest]
    }
    /// Lengths `m` of sources that can pass the length filter for a query of `n`.
    fn length_window(&mut self, n: usize, max_len: usize) -> Option<(usize, usize)> {
        let d = self.dmax(n)?;
        let lo = n - d.min(n);
        let mut hi = n;
        while hi < max_len {
            match self.dmax(hi + 1) {
                Some(d) if hi + 1 - n <= d => hi += 1,
                _ => break,
            }
        }
        Some((lo, hi))
    }
}

/// A bounded list of the best matches seen (score desc, entry asc).
struct Top {
    items: Vec<Match>,
    cap: usize,
}

impl Top {
    fn new(cap: usize) -> Top {
        Top {
            items: Vec::with_capacity(cap + 1),
            cap,
        }
    }
    fn push(&mut self, m: Match) {
        if self.cap == 0 {
            return;
        }
        if self.items.len() == self.cap {
            let last = &self.items[self.cap - 1];
            if order(&m, last) != std::cmp::Ordering::Less {
                return;
            }
            self.items.pop();
        }
        let at = self
            .items
            .partition_point(|x| order(x, &m) == std::cmp::Ordering::Less);
        self.items.insert(at, m);
    }
    /// The score a newcomer must reach to enter, once full.
    fn floor(&self) -> Option<f64> {
        (self.items.len() == self.cap && self.cap > 0).then(|| self.items[self.cap - 1].score)
    }
}

impl Index {
    /// Indexes the sources of a memory: deduplicates them and builds the exact table (the
    /// scorers' parts follow on first use).
    pub fn build(memory: &Memory) -> Index {
        let mut first_entry: Vec<u32> = Vec::new();
        let mut exact = FlatTable::with_capacity(memory.entries.len());
        let refold = |u: u32, first: &[u32]| {
            crate::text::fold(&memory.entries[first[u as usize] as usize].ru)
        };
        // fold in parallel, by chunks to bound memory; a repeated hash is a duplicate
        // (or, rarely, a collision) and is settled by comparing folded texts
        for (ci, chunk) in memory.entries.chunks(1 << 16).enumerate() {
            let folded: Vec<(u64, String)> = chunk
                .par_iter()
                .map(|e| {
                    let f = crate::text::fold(&e.ru);
                    (hash_str(&f), f)
                })
                .collect();
            for (i, (hash, f)) in folded.into_iter().enumerate() {
                if exact.find(hash, |u| refold(u, &first_entry) == f).is_none() {
                    exact.insert(hash, first_entry.len() as u32);
                    first_entry.push((ci * (1 << 16) + i) as u32);
                }
            }
        }
        Index {
            first_entry,
            exact,
            ..Index::default()
        }
    }

    /// The index of a memory whose parts are cached in `store`: the shared part is read
    /// from the cache when fresh, else built and written.
    pub(crate) fn open_cached(memory: &Memory, store: Store) -> Index {
        let n = memory.entries.len();
        let read = |r: &mut Reader| -> Option<Index> {
            let first_entry = r.u32s()?;
            let exact = FlatTable {
                ids: r.u32s()?,
                hashes: r.u64s()?,
            };
            let ok = first_entry.windows(2).all(|w| w[0] < w[1])
                && first_entry.last().is_none_or(|&e| (e as usize) < n)
                && exact.valid(first_entry.len());
            ok.then(|| Index {
                first_entry,
                exact,
                ..Index::default()
            })
        };
        let mut ix = match store.reader("").as_mut().and_then(read) {
            Some(ix) => ix,
            None => {
                let ix = Index::build(memory);
                store.write("", |w| {
                    w.u32s(&ix.first_entry)?;
                    w.u32s(&ix.exact.ids)?;
                    w.u64s(&ix.exact.hashes)
                });
                ix
            }
        };
        ix.store = Some(store);
        ix
    }

    /// The folded source of unique id `u`.
    fn folded(&self, memory: &Memory, u: usize) -> String {
        crate::text::fold(&memory.entries[self.first_entry[u] as usize].ru)
    }

    fn word_part(&self, memory: &Memory) -> &WordIndex {
        self.part(
            &self.word,
            "word",
            WordIndex::read,
            |n| WordIndex::build(n, |u| self.folded(memory, u)),
            WordIndex::write,
        )
    }

    fn char_part(&self, memory: &Memory) -> &CharIndex {
        self.part(
            &self.chars,
            "char",
            CharIndex::read,
            |n| CharIndex::build(n, |u| self.folded(memory, u)),
            CharIndex::write,
        )
    }

    /// A scorer's part of the index: read from its cache file when there is a fresh
    /// one, otherwise built and (best effort) cached; once per index.
    fn part<'a, T>(
        &'a self,
        cell: &'a OnceLock<T>,
        name: &str,
        read: impl FnOnce(&mut super::store::Reader, usize) -> Option<T>,
        build: impl FnOnce(usize) -> T,
        write: impl Fn(&T, &mut super::store::Writer) -> std::io::Result<()>,
    ) -> &'a T {
        cell.get_or_init(|| {
            let n = self.first_entry.len();
            let cached = self
                .store
                .as_ref()
                .and_then(|s| read(&mut s.reader(name)?, n));
            cached.unwrap_or_else(|| {
                let part = build(n);
                if let Some(s) = &self.store {
                    s.write(name, |out| write(&part, out));
                }
                part
            })
        })
    }

    /// Builds (or reads from the cache) the part of the index a scorer needs, so that the
    /// first lookup does not pay for it. `memory` must be the memory the index was built
    /// from.
    pub fn prepare(&self, memory: &Memory, scorer: Scorer) {
        match scorer {
            Scorer::Word => {
                self.word_part(memory);
            }
            Scorer::Char => {
                self.char_part(memory);
            }
        }
    }

    fn find_key(&self, memory: &Memory, folded: &str) -> Option<u32> {
        self.exact.find(hash_str(folded), |u| {
            self.folded(memory, u as usize) == folded
        })
    }

    /// Number of distinct folded sources.
    pub fn unique_sources(&self) -> usize {
        self.first_entry.len()
    }

    /// The exact (normalised) match: the first entry whose folded source equals the
    /// folded query. `memory` must be the memory the index was built from.
    pub fn exact(&self, memory: &Memory, query: &str) -> Option<usize> {
        self.find_key(memory, &crate::text::fold(query))
            .map(|u| self.first_entry[u as usize] as usize)
    }

    /// Exact match first (score 100, `exact`), then fuzzy matches by score descending,
    /// ties in entry order; see [`scan`] for the full semantics.
    ///
    /// `memory` must be the memory the index was built from.
    pub fn lookup(&self, memory: &Memory, query: &str, opts: &LookupOptions) -> Vec<Match> {
        debug_assert!(
            self.first_entry.last().map_or(0, |&e| e as usize + 1) <= memory.entries.len()
        );
        let fq = crate::text::fold(query);
        let exact = self.find_key(memory, &fq);
        let mut out = Vec::new();
        if let Some(u) = exact {
            out.push(Match {
                entry: self.first_entry[u as usize] as usize,
                score: 100.0,
                exact: true,
            });
        }
        let need = opts.top.saturating_sub(out.len());
        if need == 0 || opts.min_score.is_nan() {
            out.truncate(opts.top);
            return out;
        }
        let fuzzy = match opts.scorer {
            Scorer::Word => self.word_part(memory).word_fuzzy(
                &self.first_entry,
                &fq,
                exact,
                opts.min_score,
                need,
            ),
            Scorer::Char => self.char_fuzzy(memory, &fq, exact, opts.min_score, need),
        };
        out.extend(fuzzy);
        out
    }
}

impl WordIndex {
    /// Builds the word part from the folded unique sources (`folded(u)` for each id).
    fn build(n: usize, folded: impl Fn(usize) -> String + Sync) -> WordIndex {
        let mut ix = WordIndex::default();
        // 1. tokens: provisional ids by first appearance (tokenised in parallel by chunks)
        let mut vocab: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut tokens = Vec::new();
        let mut tok_off = Vec::with_capacity(n + 1);
        tok_off.push(0u32);
        for lo in (0..n).step_by(1 << 16) {
            let hi = (lo + (1 << 16)).min(n);
            let texts: Vec<String> = (lo..hi).into_par_iter().map(&folded).collect();
            let toks: Vec<Vec<&str>> = texts.par_iter().map(|s| fuzzy::word_tokens(s)).collect();
            for ts in &toks {
                for t in ts {
                    let next = vocab.len() as u32;
                    let id = match vocab.get(*t) {
                        Some(&id) => id,
                        None => {
                            vocab.insert((*t).into(), next);
                            next
                        }
                    };
                    tokens.push(id);
                }
                tok_off.push(tokens.len() as u32);
            }
        }
        tokens.shrink_to_fit();
        // 2. document frequencies; renumber by frequency (frequent ids hit the dense table)
        let mut df = vec![0u32; vocab.len()];
        let mut last_seen = vec![u32::MAX; vocab.len()];
        for u in 0..n {
            for &t in &tokens[tok_off[u] as usize..tok_off[u + 1] as usize] {
                if last_seen[t as usize] != u as u32 {
                    last_seen[t as usize] = u as u32;
                    df[t as usize] += 1;
                }
            }
        }
        let mut by_df: Vec<u32> = (0..vocab.len() as u32).collect();
        by_df.sort_by_key(|&t| (std::cmp::Reverse(df[t as usize]), t));
        let mut remap = vec![0u32; vocab.len()];
        for (new, &old) in by_df.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        for t in tokens.iter_mut() {
            *t = remap[*t as usize];
        }
        ix.df = by_df.iter().map(|&old| df[old as usize]).collect();
        drop((df, by_df));
        // the vocabulary as texts by id and a probe table
        let mut texts: Vec<(u32, Box<str>)> = vocab
            .into_iter()
            .map(|(t, id)| (remap[id as usize], t))
            .collect();
        texts.sort_unstable_by_key(|p| p.0);
        drop(remap);
        ix.vocab = FlatTable::with_capacity(texts.len());
        ix.vocab_off.push(0);
        for (id, t) in &texts {
            ix.vocab.insert(hash_str(t), *id);
            ix.vocab_text.push_str(t);
            ix.vocab_off.push(ix.vocab_text.len() as u64);
        }
        let v = texts.len();
        drop(texts);
        // 3. length order and postings (counting sort, ranks ascending)
        let wlens: Vec<u32> = (0..n).map(|u| tok_off[u + 1] - tok_off[u]).collect();
        ix.words = ByLength::new(&wlens);
        drop(wlens);
        let mut post_off = vec![0u32; v + 1];
        for (t, &d) in ix.df.iter().enumerate() {
            post_off[t + 1] = post_off[t] + d;
        }
        let mut fill = post_off.clone();
        let mut post = vec![0u32; post_off[v] as usize];
        last_seen.iter_mut().for_each(|x| *x = u32::MAX);
        for (rank, &u) in ix.words.order.iter().enumerate() {
            let u = u as usize;
            for &t in &tokens[tok_off[u] as usize..tok_off[u + 1] as usize] {
                if last_seen[t as usize] != rank as u32 {
                    last_seen[t as usize] = rank as u32;
                    post[fill[t as usize] as usize] = rank as u32;
                    fill[t as usize] += 1;
                }
            }
        }
        ix.tokens = tokens;
        ix.tok_off = tok_off;
        ix.post = post;
        ix.post_off = post_off;
        ix
    }

    /// Writes the word part to a cache file.
    fn write(&self, w: &mut Writer) -> std::io::Result<()> {
        w.u32s(&self.vocab.ids)?;
        w.u64s(&self.vocab.hashes)?;
        w.bytes(self.vocab_text.as_bytes())?;
        w.u64s(&self.vocab_off)?;
        w.u32s(&self.df)?;
        w.u32s(&self.tokens)?;
        w.u32s(&self.tok_off)?;
        w.u32s(&self.words.order)?;
        w.u32s(&self.words.start)?;
        w.u32s(&self.post)?;
        w.u32s(&self.post_off)
    }

    /// Reads what [`WordIndex::write`] wrote for `n` unique sources; `None` if anything
    /// is inconsistent.
    fn read(r: &mut Reader, n: usize) -> Option<WordIndex> {
        let ix = WordIndex {
            vocab: FlatTable {
                ids: r.u32s()?,
                hashes: r.u64s()?,
            },
            vocab_text: String::from_utf8(r.bytes()?).ok()?,
            vocab_off: r.u64s()?,
            df: r.u32s()?,
            tokens: r.u32s()?,
            tok_off: r.u32s()?,
            words: ByLength {
                order: r.u32s()?,
                start: r.u32s()?,
            },
            post: r.u32s()?,
            post_off: r.u32s()?,
        };
        let v = ix.df.len();
        let ok = ix.vocab.valid(v)
            && ix.vocab_off.len() == v + 1
            && ix.vocab_off.windows(2).all(|w| w[0] <= w[1])
            && ix.vocab_off.last() == Some(&(ix.vocab_text.len() as u64))
            && ix
                .vocab_off
                .iter()
                .all(|&o| ix.vocab_text.is_char_boundary(o as usize))
            && ix.tok_off.len() == n + 1
            && ix.tok_off.windows(2).all(|w| w[0] <= w[1])
            && ix.tok_off.last().map(|&x| x as usize) == Some(ix.tokens.len())
            && ix.tokens.iter().all(|&t| (t as usize) < v)
            && ix.post_off.len() == v + 1
            && ix.post_off.windows(2).all(|w| w[0] <= w[1])
            && ix.post_off.last().map(|&x| x as usize) == Some(ix.post.len())
            && ix.post.iter().all(|&r| (r as usize) < n)
            && ix.words.order.len() == n
            && ix.words.order.iter().all(|&u| (u as usize) < n)
            && ix.words.start.len() >= 2
            && ix.words.start.windows(2).all(|w| w[0] <= w[1])
            && ix.words.start.last() == Some(&(n as u32));
        ok.then_some(ix)
    }

    fn token(&self, id: u32) -> &str {
        &self.vocab_text
            [self.vocab_off[id as usize] as usize..self.vocab_off[id as usize + 1] as usize]
    }

    /// The query's token ids (unknown tokens get fresh ids past the vocabulary).
    fn query_tokens(&self, fq: &str) -> Vec<u32> {
        let mut unknown: HashMap<&str, u32> = HashMap::new();
        let base = self.df.len() as u32;
        fuzzy::fast_words(fq)
            .into_iter()
            .map(
                |t| match self.vocab.find(hash_str(t), |id| self.token(id) == t) {
                    Some(id) => id,
                    None => {
                        let next = base + unknown.len() as u32;
                        *unknown.entry(t).or_insert(next)
                    }
                },
            )
            .collect()
    }

    fn src_tokens(&self, u: usize) -> &[u32] {
        &self.tokens[self.tok_off[u] as usize..self.tok_off[u + 1] as usize]
    }

    /// Candidate unique sources for the word scorer, as ranks in `words.order`
    /// (sorted, distinct), or `None` when the length window is empty.
    fn word_candidates(&self, q: &[u32], bounds: &mut Bounds) -> Vec<u32> {
        let n = q.len();
        let max_len = self.words.start.len().saturating_sub(2);
        let Some((lo, hi)) = bounds.length_window(n, max_len) else {
            return Vec::new();
        };
        let window = self.words.window(lo, hi);
        let Some(d) = bounds.dmax(n) else {
            return Vec::new();
        };
        let c_min = n - d.min(n);
        if c_min == 0 {
            return window.map(|r| r as u32).collect();
        }
        let df = |t: u32| self.df.get(t as usize).copied().unwrap_or(0);
        let mut occ: Vec<u32> = q.to_vec();
        occ.sort_by_key(|&t| (df(t), t));
        let mut prefix: Vec<u32> = occ[..n - c_min + 1].to_vec();
        prefix.dedup();
        let mut cands = Vec::new();
        for t in prefix {
            if t as usize >= self.df.len() {
                continue; // unknown token: no postings
            }
            let p = &self.post
                [self.post_off[t as usize] as usize..self.post_off[t as usize + 1] as usize];
            let a = p.partition_point(|&r| (r as usize) < window.start);
            let b = p.partition_point(|&r| (r as usize) < window.end);
            cands.extend_from_slice(&p[a..b]);
        }
        cands.sort_unstable();
        cands.dedup();
        cands
    }

    fn word_fuzzy(
        &self,
        first_entry: &[u32],
        fq: &str,
        exact: Option<u32>,
        min_score: f64,
        need: usize,
    ) -> Vec<Match> {
        let q = self.query_tokens(fq);
        if q.is_empty() {
            return Vec::new();
        }
        let mut bounds = Bounds::new(min_score);
        let cands = self.word_candidates(&q, &mut bounds);
        let pattern = Pattern::with_dense_limit(&q, 4096);
        let mut top = Top::new(need);
        for r in cands {
            let u = self.words.order[r as usize] as usize;
            if Some(u as u32) == exact {
                continue;
            }
            let s = self.src_tokens(u);
            let longest = q.len().max(s.len());
            let Some(dm) = bounds.dmax(longest) else {
                continue;
            };
            if let Some(d) = pattern.distance_within(s, dm) {
                top.push(Match {
                    entry: first_entry[u] as usize,
                    score: fuzzy::score_from_distance(d, longest),
                    exact: false,
                });
            }
        }
        top.items
    }
}

impl Index {
    fn char_fuzzy(
        &self,
        memory: &Memory,
        fq: &str,
        exact: Option<u32>,
        min_score: f64,
        need: usize,
    ) -> Vec<Match> {
        let cx = self.char_part(memory);
        let q = cx.query(fq);
        let n = q.codes.len();
        if n == 0 {
            return Vec::new();
        }
        let Some((lo, hi)) = Bounds::new(min_score).length_window(n, cx.max_len()) else {
            return Vec::new();
        };
        let window = cx.window(lo, hi);
        // chunks of the window, nearest lengths first: matches are likeliest there, and
        // the cutoff (the N-th best score so far, shared by all threads) rises sooner
        const CHUNK: usize = 2048;
        let mut chunks: Vec<(usize, usize)> = (window.start..window.end)
            .step_by(CHUNK)
            .map(|a| (a, (a + CHUNK).min(window.end)))
            .collect();
        let len_of = |r: usize| (cx.off[r + 1] - cx.off[r]) as usize;
        chunks.sort_by_key(|&(a, b)| {
            let (la, lb) = (len_of(a), len_of(b - 1));
            if (la..=lb).contains(&n) {
                0
            } else {
                la.abs_diff(n).min(lb.abs_diff(n))
            }
        });
        let floor = AtomicU64::new(min_score.max(0.0).to_bits());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let workers = rayon::current_num_threads().clamp(1, chunks.len().max(1));
        let found: Vec<Vec<Match>> = (0..workers)
            .into_par_iter()
            .map(|_| {
                let mut top = Top::new(need);
                let mut thr = f64::from_bits(floor.load(Ordering::Relaxed));
                let mut bounds = Bounds::new(thr);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(a, b)) = chunks.get(i) else {
                        break;
                    };
                    let g = f64::from_bits(floor.load(Ordering::Relaxed));
                    if g > thr {
                        thr = g;
                        bounds = Bounds::new(thr);
                    }
                    for r in a..b {
                        let longest = n.max(len_of(r));
                        let Some(dm) = bounds.dmax(longest) else {
                            continue;
                        };
                        let source = |r: usize| self.first_entry[cx.order[r] as usize] as usize;
                        let Some(d) = cx.distance_within(&q, r, dm, || {
                            crate::text::fold(&memory.entries[source(r)].ru)
                                .chars()
                                .map(u32::from)
                                .collect()
                        }) else {
                            continue;
                        };
                        let u = cx.order[r];
                        if Some(u) == exact {
                            continue;
                        }
                        let entry = self.first_entry[u as usize] as usize;
                        let score = fuzzy::score_from_distance(d, longest);
                        if score < thr {
                            continue;
                        }
                        top.push(Match {
                            entry,
                            score,
                            exact: false,
                        });
                        if let Some(f) = top.floor() {
                            floor.fetch_max(f.to_bits(), Ordering::Relaxed);
                        }
                        let g = f64::from_bits(floor.load(Ordering::Relaxed));
                        if g > thr {
                            thr = g;
                            bounds = Bounds::new(thr);
                        }
                    }
                }
                top.items
            })
            .collect();
        let mut all = Top::new(need);
        for m in found.into_iter().flatten() {
            all.push(m);
        }
        all.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::Entry;
    use proptest::prelude::*;

    fn mem(srcs: &[&str]) -> Memory {
        Memory {
            entries: srcs.iter().map(|s| Entry::new(*s, "x")).collect(),
        }
    }

    #[test]
    fn exact_first_then_fuzzy_ties_in_entry_order() {
        let m = mem(&[
            "Казахстан и Россия подписали договор",
            "казахстан и Китай подписали договор",
            "Казахстан  и россия подписали договор.",
            "Казахстан и США подписали договор",
            "совсем другое",
        ]);
        let ix = Index::build(&m);
        for scorer in [Scorer::Word, Scorer::Char] {
            let opts = LookupOptions {
                scorer,
                ..LookupOptions::default()
            };
            let got = ix.lookup(&m, "казахстан и россия подписали договор", &opts);
            assert_eq!(got, scan(&m, "казахстан и россия подписали договор", &opts));
            assert!(got[0].exact && got[0].entry == 0);
        }
        let got = ix.lookup(
            &m,
            "казахстан и россия подписали договор",
            &LookupOptions::default(),
        );
        // entry 2 folds to the same words (punctuation is not a token) but not the same text
        let entries: Vec<_> = got.iter().map(|m| (m.entry, m.score)).collect();
        assert_eq!(entries, [(0, 100.0), (2, 100.0), (1, 80.0), (3, 80.0)]);
        assert_eq!(
            ix.exact(&m, "КАЗАХСТАН И РОССИЯ ПОДПИСАЛИ ДОГОВОР"),
            Some(0)
        );
    }

    #[test]
    fn duplicate_sources_count_once() {
        let m = mem(&["Да", "да", "Нет"]);
        let ix = Index::build(&m);
        assert_eq!(ix.unique_sources(), 2);
        let got = ix.lookup(
            &m,
            "ДА",
            &LookupOptions {
                min_score: 0.0,
                ..LookupOptions::default()
            },
        );
        assert_eq!(got.iter().map(|m| m.entry).collect::<Vec<_>>(), [0, 2]);
    }

    fn sentence() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "в",
            "и",
            "Казахстан",
            "казахстана",
            "Россия",
            "ёлка",
            "елка",
            "договор",
            "мир",
            "мира",
            "на",
            "ОДКБ",
            "2020",
            "—",
            ",",
            ".",
            "!",
            "a",
            "б",
        ]);
        prop::collection::vec(words, 0..12).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn index_equals_scan(srcs in prop::collection::vec(sentence(), 0..40),
                             queries in prop::collection::vec(sentence(), 1..4),
                             top in 0usize..6,
                             min in prop::sample::select(vec![0.0, 10.0, 40.0, 50.0, 66.67, 70.0, 75.0, 90.0, 100.0]),
                             char_scorer in any::<bool>()) {
            let m = Memory { entries: srcs.iter().map(|s| Entry::new(s.clone(), "x")).collect() };
            let ix = Index::build(&m);
            let opts = LookupOptions { top, min_score: min, scorer: if char_scorer { Scorer::Char } else { Scorer::Word } };
            for q in queries.iter().chain(srcs.iter().take(2)) {
                prop_assert_eq!(ix.lookup(&m, q, &opts), scan(&m, q, &opts), "query {:?}", q);
            }
        }
    }
}
