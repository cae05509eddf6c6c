//! The char scorer's part of the index: flat per-source arrays in code-point-length
//! order, so the length window of a query is one contiguous range of every array.
//!
//! Per source (by rank in length order) it keeps:
//!
//! - the folded code points as one-byte *codes* (the 255 most frequent folded code
//!   points of the memory get codes 0..=254, every other code point the shared code
//!   255), concatenated in `codes`;
//! - a 64-bin character histogram ([`hist_bound`]);
//! - a 512-bucket bigram sketch with 2-bit saturating counts ([`sketch_upper`]);
//! - whether it contains code 255.
//!
//! A candidate must pass the length filter, the histogram bound and the bigram bound,
//! then the Levenshtein distance over codes ([`BytePattern`]) with an Ukkonen cut-off.
//! Mapping code points to codes merges some of them into one symbol; a distance over
//! merged symbols never exceeds the true distance (an edit script over the code points
//! is one over the codes, at the same or lower cost), and it equals the true distance
//! when at most one side contains code 255 (then every equality between a query symbol
//! and a source symbol is the same over codes as over code points). Only when both sides
//! contain code 255 is a surviving candidate verified again over code points.

use rayon::prelude::*;

use super::fuzzy::levenshtein::{BytePattern, Pattern};

/// Bins of the per-source character histogram.
pub(crate) const HIST_BINS: usize = 64;
/// Bytes of the per-source bigram sketch (512 buckets, 2 bits each).
pub(crate) const SKETCH_BYTES: usize = 128;
/// The code shared by all code points outside the alphabet.
pub(crate) const OTHER: u8 = 255;

/// The histogram bin of a folded code point: Cyrillic а–я and Latin a–z one bin each,
/// space, digits, and four hashed bins for everything else.
#[inline]
pub(crate) fn hist_bin(c: char) -> usize {
    match c {
        'а'..='я' => c as usize - 'а' as usize,
        'a'..='z' => 32 + (c as usize - 'a' as usize),
        ' ' => 58,
        '0'..='9' => 59,
        _ => 60 + (c as usize % 4),
    }
}

/// The character histogram of a folded text (saturating counts).
pub(crate) fn histogram(s: &str) -> [u8; HIST_BINS] {
    let mut h = [0u8; HIST_BINS];
    for c in s.chars() {
        let b = &mut h[hist_bin(c)];
        *b = b.saturating_add(1);
    }
    h
}

/// The histogram lower bound on the Levenshtein distance: `max(P, N)`.
///
/// Proof: an insertion or deletion changes one bin's count by one and a substitution
/// moves one unit between two bins, so each edit lowers `P` (the sum over bins of the
/// query's excess over the source) by at most one, and likewise `N` (the source's excess
/// over the query); both are zero for equal texts, so `lev ≥ max(P, N)`. Merging code
/// points into a bin and clamping counts at 255 only shrink `P` and `N`.
#[inline]
pub(crate) fn hist_bound(q: &[u8; HIST_BINS], s: &[u8; HIST_BINS]) -> usize {
    let (mut p, mut n) = ([0u16; HIST_BINS], [0u16; HIST_BINS]);
    for i in 0..HIST_BINS {
        p[i] = u16::from(q[i].saturating_sub(s[i]));
        n[i] = u16::from(s[i].saturating_sub(q[i]));
    }
    let p: u32 = p.iter().map(|&x| u32::from(x)).sum();
    let n: u32 = n.iter().map(|&x| u32::from(x)).sum();
    p.max(n) as usize
}

/// Sketch buckets.
const BUCKETS: usize = SKETCH_BYTES * 4;
/// Bigrams frequent enough to get a bucket of their own.
const OWN_BUCKETS: usize = 400;

/// Which sketch bucket (0..512) each bigram of codes `a b` (index `a · 256 + b`) counts in.
///
/// Any assignment keeps the bound lossless; giving the most frequent bigrams of the memory
/// their own buckets removes the collisions that would loosen it most.
#[derive(Debug, Clone)]
pub(crate) struct Buckets(Vec<u16>);

impl Default for Buckets {
    fn default() -> Buckets {
        Buckets::by_frequency(&[])
    }
}

impl Buckets {
    /// The `OWN_BUCKETS` most frequent bigrams (by `freq`, indexed like the table) one
    /// bucket each, the rest hashed into the remaining buckets.
    fn by_frequency(freq: &[u64]) -> Buckets {
        let mut table: Vec<u16> = (0..65536u32)
            .map(|g| {
                let h = g.wrapping_mul(0x9E37_79B1) >> 16;
                (OWN_BUCKETS + h as usize % (BUCKETS - OWN_BUCKETS)) as u16
            })
            .collect();
        let mut ranked: Vec<usize> = (0..freq.len().min(65536))
            .filter(|&g| freq[g] > 0)
            .collect();
        ranked.sort_by_key(|&g| (std::cmp::Reverse(freq[g]), g));
        for (b, &g) in ranked.iter().take(OWN_BUCKETS).enumerate() {
            table[g] = b as u16;
        }
        Buckets(table)
    }

    #[inline]
    fn of(&self, a: u8, b: u8) -> usize {
        self.0[usize::from(a) << 8 | usize::from(b)] as usize
    }

    /// Bigram counts per bucket of a code sequence (exact, for the query).
    fn counts(&self, codes: &[u8]) -> [u16; BUCKETS] {
        let mut counts = [0u16; BUCKETS];
        for w in codes.windows(2) {
            let c = &mut counts[self.of(w[0], w[1])];
            *c = c.saturating_add(1);
        }
        counts
    }

    /// The sketch of a source: bucket `f · 128 + i` is bits `2f..2f + 2` of byte `i`, a
    /// count saturating at 3 (read as "3 or more").
    fn sketch(&self, codes: &[u8]) -> [u8; SKETCH_BYTES] {
        let counts = self.counts(codes);
        let mut s = [0u8; SKETCH_BYTES];
        for (b, &c) in counts.iter().enumerate() {
            s[b % 128] |= (c.min(3) as u8) << (2 * (b / 128));
        }
        s
    }

    /// The query's bigram counts laid out like [`Buckets::sketch`] (plane `f`, byte `i`),
    /// or `None` if a bucket holds more than 255.
    fn planes(&self, codes: &[u8]) -> Option<[[u8; SKETCH_BYTES]; 4]> {
        let counts = self.counts(codes);
        let mut planes = [[0u8; SKETCH_BYTES]; 4];
        for (b, &c) in counts.iter().enumerate() {
            planes[b / 128][b % 128] = u8::try_from(c).ok()?;
        }
        Some(planes)
    }
}

/// An upper bound on the bigrams (with multiplicity) a source shares with the query:
/// `Σ_b min(Q_b, S_b)` over sketch buckets, a saturated source count read as unbounded.
///
/// Proof: the shared count is `Σ_g min(q_g, s_g)` over bigrams `g`; grouping bigrams into
/// buckets gives `Σ_b Σ_{g∈b} min(q_g, s_g) ≤ Σ_b min(Q_b, S_b)`. A saturated source count
/// (3, meaning 3 or more) is read as 255, so its term is the query's count `Q_b`, which is
/// at least `min(Q_b, S_b)`; the query's counts are exact (the sketch bound is skipped
/// for a query with a bucket above 255). Merging code points into code 255 only merges
/// bigrams, which can only raise the sum.
#[inline]
pub(crate) fn sketch_upper(
    q: &[[u8; SKETCH_BYTES]; 4],
    small: bool,
    s: &[u8; SKETCH_BYTES],
) -> usize {
    // with query counts below 64 (`small`) the four terms of a byte fit a u8: half the
    // vector work
    if small {
        let mut acc = [0u8; SKETCH_BYTES];
        for (f, plane) in q.iter().enumerate() {
            for i in 0..SKETCH_BYTES {
                let c = (s[i] >> (2 * f)) & 3;
                let c = if c == 3 { 255 } else { c };
                acc[i] += plane[i].min(c);
            }
        }
        return acc.iter().map(|&x| x as usize).sum();
    }
    let mut acc = [0u16; SKETCH_BYTES];
    for (f, plane) in q.iter().enumerate() {
        for i in 0..SKETCH_BYTES {
            let c = (s[i] >> (2 * f)) & 3;
            let c = if c == 3 { 255 } else { c };
            acc[i] += u16::from(plane[i].min(c));
        }
    }
    acc.iter().map(|&x| x as usize).sum()
}

/// Code points → one-byte codes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Alphabet {
    /// Codes of code points below 0x500 (`OTHER` when absent).
    dense: Vec<u8>,
    /// Larger code points with a code, sorted.
    sparse: Vec<(u32, u8)>,
}

const DENSE: usize = 0x500;

impl Alphabet {
    /// The alphabet of the 255 most frequent code points in `counts` (code point, count).
    fn from_counts(mut counts: Vec<(u32, u64)>) -> Alphabet {
        counts.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        counts.truncate(OTHER as usize);
        let mut a = Alphabet {
            dense: vec![OTHER; DENSE],
            sparse: Vec::new(),
        };
        for (code, &(c, _)) in counts.iter().enumerate() {
            if (c as usize) < DENSE {
                a.dense[c as usize] = code as u8;
            } else {
                a.sparse.push((c, code as u8));
            }
        }
        a.sparse.sort_unstable();
        a
    }

    /// The code points with a code, in code order (for the cache).
    pub(crate) fn to_list(&self) -> Vec<u32> {
        let mut list = vec![u32::MAX; OTHER as usize];
        for (c, &code) in self.dense.iter().enumerate() {
            if code != OTHER {
                list[code as usize] = c as u32;
            }
        }
        for &(c, code) in &self.sparse {
            list[code as usize] = c;
        }
        list.retain(|&c| c != u32::MAX);
        list
    }

    /// The inverse of [`Alphabet::to_list`].
    pub(crate) fn from_list(list: &[u32]) -> Option<Alphabet> {
        if list.len() > OTHER as usize {
            return None;
        }
        let counts = list
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, (list.len() - i) as u64))
            .collect();
        let a = Alphabet::from_counts(counts);
        (a.to_list() == list).then_some(a)
    }

    #[inline]
    fn code(&self, c: char) -> u8 {
        let c = c as u32;
        if (c as usize) < DENSE {
            self.dense[c as usize]
        } else {
            match self.sparse.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => self.sparse[i].1,
                Err(_) => OTHER,
            }
        }
    }

    /// The codes of a folded text, and whether any is `OTHER`.
    pub(crate) fn encode(&self, s: &str, out: &mut Vec<u8>) -> bool {
        let mut other = false;
        for c in s.chars() {
            let code = self.code(c);
            other |= code == OTHER;
            out.push(code);
        }
        other
    }
}

/// Sources in code-point-length order with their filter data (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct CharIndex {
    pub(crate) alphabet: Alphabet,
    pub(crate) buckets: Buckets,
    /// Unique-source id of each rank.
    pub(crate) order: Vec<u32>,
    /// `start[l]` = first rank of length ≥ l (`start.len() = max length + 2`).
    pub(crate) start: Vec<u32>,
    /// Codes of rank r: `codes[off[r]..off[r + 1]]`.
    pub(crate) off: Vec<u64>,
    pub(crate) codes: Vec<u8>,
    /// Bit r: rank r contains `OTHER`.
    pub(crate) other: Vec<u64>,
    /// Histograms, `HIST_BINS` bytes a rank.
    pub(crate) hist: Vec<u8>,
    /// Bigram sketches, `SKETCH_BYTES` bytes a rank.
    pub(crate) sketch: Vec<u8>,
}

/// The query side of a char lookup.
pub(crate) struct CharQuery {
    pub(crate) codes: Vec<u8>,
    pub(crate) other: bool,
    pub(crate) pattern: BytePattern,
    pub(crate) hist: [u8; HIST_BINS],
    /// The bigram counts per sketch bucket (`None` if a count exceeds 255).
    pub(crate) planes: Option<[[u8; SKETCH_BYTES]; 4]>,
    /// All counts below 64.
    pub(crate) small: bool,
    /// The query's code points (for the rare exact re-check).
    pub(crate) chars: Vec<u32>,
}

impl CharIndex {
    /// Builds the char part from the folded unique sources (`folded(u)` for each id).
    pub(crate) fn build<F>(n: usize, folded: F) -> CharIndex
    where
        F: Fn(usize) -> String + Sync,
    {
        CharIndex::build_with(n, folded, None)
    }

    /// [`CharIndex::build`] with a given alphabet (tests) or the memory's own.
    fn build_with<F>(n: usize, folded: F, alphabet: Option<Alphabet>) -> CharIndex
    where
        F: Fn(usize) -> String + Sync,
    {
        // 1. lengths and code point frequencies (by chunks, in parallel)
        const CHUNK: usize = 1 << 15;
        type Counted = (Vec<u32>, Vec<(u32, u64)>);
        let parts: Vec<Counted> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|ci| {
                let mut lens = Vec::with_capacity(CHUNK);
                // a dense count for Latin, Cyrillic and the like, a map for the rest
                let mut dense = vec![0u64; DENSE];
                let mut freq: std::collections::HashMap<u32, u64> = Default::default();
                for u in ci * CHUNK..((ci + 1) * CHUNK).min(n) {
                    let s = folded(u);
                    let mut l = 0u32;
                    for c in s.chars() {
                        match dense.get_mut(c as usize) {
                            Some(k) => *k += 1,
                            None => *freq.entry(c as u32).or_default() += 1,
                        }
                        l += 1;
                    }
                    lens.push(l);
                }
                let dense = dense.into_iter().enumerate().filter(|p| p.1 > 0);
                let all = dense.map(|(c, k)| (c as u32, k)).chain(freq);
                (lens, all.collect())
            })
            .collect();
        let mut lens = Vec::with_capacity(n);
        let mut freq: std::collections::HashMap<u32, u64> = Default::default();
        for (l, f) in parts {
            lens.extend(l);
            for (c, k) in f {
                *freq.entry(c).or_default() += k;
            }
        }
        let alphabet =
            alphabet.unwrap_or_else(|| Alphabet::from_counts(freq.into_iter().collect()));
        // 2. length order (counting sort; ties by id)
        let max = lens.iter().copied().max().unwrap_or(0) as usize;
        let mut start = vec![0u32; max + 2];
        for &l in &lens {
            start[l as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut order = vec![0u32; n];
        for (u, &l) in lens.iter().enumerate() {
            order[next[l as usize] as usize] = u as u32;
            next[l as usize] += 1;
        }
        drop(next);
        let mut off = Vec::with_capacity(n + 1);
        off.push(0u64);
        for &u in &order {
            off.push(off.last().copied().unwrap_or(0) + u64::from(lens[u as usize]));
        }
        drop(lens);
        // 3. codes and histograms in rank order (in parallel by chunks)
        let total = off.last().copied().unwrap_or(0) as usize;
        let mut codes = Vec::with_capacity(total);
        let mut other = vec![0u64; n.div_ceil(64)];
        let mut hist = Vec::with_capacity(n);
        type Part = (Vec<u8>, Vec<bool>, Vec<[u8; HIST_BINS]>);
        for lo in (0..n).step_by(CHUNK * 8) {
            let hi = (lo + CHUNK * 8).min(n);
            let parts: Vec<Part> = order[lo..hi]
                .par_chunks(4096)
                .map(|us| {
                    let mut part: Part = Default::default();
                    for &u in us {
                        let s = folded(u as usize);
                        part.1.push(alphabet.encode(&s, &mut part.0));
                        part.2.push(histogram(&s));
                    }
                    part
                })
                .collect();
            for (c, o, h) in parts {
                for (k, flag) in o.into_iter().enumerate() {
                    let r = hist.len() + k;
                    if flag {
                        other[r / 64] |= 1 << (r % 64);
                    }
                }
                codes.extend_from_slice(&c);
                hist.extend(h.iter().flatten());
            }
        }
        let mut ix = CharIndex {
            alphabet,
            buckets: Buckets::default(),
            order,
            start,
            off,
            codes,
            other,
            hist,
            sketch: Vec::new(),
        };
        // 4. bigram frequencies, buckets, sketches
        const RANKS: usize = 1 << 16;
        let freq = (0..n.div_ceil(RANKS))
            .into_par_iter()
            .map(|c| {
                let mut f = vec![0u64; 65536];
                for r in c * RANKS..((c + 1) * RANKS).min(n) {
                    for w in ix.codes(r).windows(2) {
                        f[usize::from(w[0]) << 8 | usize::from(w[1])] += 1;
                    }
                }
                f
            })
            .reduce(
                || vec![0u64; 65536],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        ix.buckets = Buckets::by_frequency(&freq);
        // filled in place: collecting would hold every sketch twice for a moment
        let mut sketch = vec![0u8; n * SKETCH_BYTES];
        sketch
            .par_chunks_mut(SKETCH_BYTES)
            .enumerate()
            .for_each(|(r, out)| out.copy_from_slice(&ix.buckets.sketch(ix.codes(r))));
        ix.sketch = sketch;
        ix
    }
}

impl CharIndex {
    /// The longest source, in code points.
    pub(crate) fn max_len(&self) -> usize {
        self.start.len().saturating_sub(2)
    }

    /// Rank range of sources whose length is in `lo..=hi`.
    pub(crate) fn window(&self, lo: usize, hi: usize) -> std::ops::Range<usize> {
        let max = self.max_len();
        if lo > max || self.start.len() < 2 {
            return 0..0;
        }
        let hi = hi.min(max);
        self.start[lo] as usize..self.start[hi + 1] as usize
    }

    /// The codes of rank `r`.
    #[inline]
    pub(crate) fn codes(&self, r: usize) -> &[u8] {
        &self.codes[self.off[r] as usize..self.off[r + 1] as usize]
    }

    #[inline]
    fn hist_of(&self, r: usize) -> &[u8; HIST_BINS] {
        self.hist[r * HIST_BINS..(r + 1) * HIST_BINS]
            .try_into()
            .unwrap_or(&[0; HIST_BINS])
    }

    #[inline]
    fn sketch_of(&self, r: usize) -> &[u8; SKETCH_BYTES] {
        self.sketch[r * SKETCH_BYTES..(r + 1) * SKETCH_BYTES]
            .try_into()
            .unwrap_or(&[0; SKETCH_BYTES])
    }

    /// True when rank `r` contains a code point outside the alphabet.
    #[inline]
    pub(crate) fn has_other(&self, r: usize) -> bool {
        self.other[r / 64] >> (r % 64) & 1 == 1
    }

    /// Compiles a folded query.
    pub(crate) fn query(&self, fq: &str) -> CharQuery {
        let mut codes = Vec::with_capacity(fq.len());
        let other = self.alphabet.encode(fq, &mut codes);
        let planes = self.buckets.planes(&codes);
        let small = planes.is_some_and(|p| p.iter().all(|p| p.iter().all(|&x| x < 64)));
        CharQuery {
            pattern: BytePattern::new(&codes),
            other,
            hist: histogram(fq),
            // a bucket of more than 255 query bigrams would be clamped: no sketch bound
            planes,
            small,
            chars: fq.chars().map(u32::from).collect(),
            codes,
        }
    }

    /// The exact distance between the query and rank `r` if it is at most `max`, after
    /// the length, histogram and bigram bounds; `exact_chars` gives the folded source's
    /// code points for the rare re-check when both sides contain code 255.
    #[inline]
    pub(crate) fn distance_within(
        &self,
        q: &CharQuery,
        r: usize,
        max: usize,
        exact_chars: impl FnOnce() -> Vec<u32>,
    ) -> Option<usize> {
        let (n, m) = (q.codes.len(), (self.off[r + 1] - self.off[r]) as usize);
        if n.abs_diff(m) > max || hist_bound(&q.hist, self.hist_of(r)) > max {
            return None;
        }
        // q-gram lemma (q = 2): each edit destroys at most two of the longer side's
        // `longest − 1` bigrams, so a text within `max` shares ≥ longest − 1 − 2·max
        let need = (n.max(m) - 1).saturating_sub(2 * max);
        if let Some(planes) = &q.planes {
            if need > 0 && sketch_upper(planes, q.small, self.sketch_of(r)) < need {
                return None;
            }
        }
        let d = q.pattern.distance_within(self.codes(r), max)?;
        if q.other && self.has_other(r) {
            return Pattern::new(&q.chars).distance_within(&exact_chars(), max);
        }
        Some(d)
    }
}

impl CharIndex {
    /// Writes the char part to a cache file.
    pub(crate) fn write(&self, w: &mut super::store::Writer) -> std::io::Result<()> {
        w.u32s(&self.alphabet.to_list())?;
        let buckets: Vec<u32> = self.buckets.0.iter().map(|&b| u32::from(b)).collect();
        w.u32s(&buckets)?;
        w.u32s(&self.order)?;
        w.u32s(&self.start)?;
        w.u64s(&self.off)?;
        w.bytes(&self.codes)?;
        w.u64s(&self.other)?;
        w.bytes(&self.hist)?;
        w.bytes(&self.sketch)
    }

    /// Reads what [`CharIndex::write`] wrote for `n` unique sources; `None` if anything is
    /// inconsistent.
    pub(crate) fn read(r: &mut super::store::Reader, n: usize) -> Option<CharIndex> {
        let alphabet = Alphabet::from_list(&r.u32s()?)?;
        let buckets = r.u32s()?;
        if buckets.len() != 65536 || buckets.iter().any(|&b| b as usize >= BUCKETS) {
            return None;
        }
        let ix = CharIndex {
            alphabet,
            buckets: Buckets(buckets.iter().map(|&b| b as u16).collect()),
            order: r.u32s()?,
            start: r.u32s()?,
            off: r.u64s()?,
            codes: r.bytes()?,
            other: r.u64s()?,
            hist: r.bytes()?,
            sketch: r.bytes()?,
        };
        let (start, off) = (&ix.start, &ix.off);
        let ok = ix.order.len() == n
            && ix.order.iter().all(|&u| (u as usize) < n)
            && start.len() >= 2
            && start.first() == Some(&0)
            && start.last() == Some(&(n as u32))
            && start.windows(2).all(|w| w[0] <= w[1])
            && off.len() == n + 1
            && off.first() == Some(&0)
            && off.last() == Some(&(ix.codes.len() as u64))
            && ix.other.len() == n.div_ceil(64)
            && ix.hist.len() == n * HIST_BINS
            && ix.sketch.len() == n * SKETCH_BYTES
            && start.windows(2).enumerate().all(|(l, w)| {
                (w[0]..w[1])
                    .all(|r| off[r as usize + 1].checked_sub(off[r as usize]) == Some(l as u64))
            });
        ok.then_some(ix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::fuzzy::levenshtein::dp_distance;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn histogram_bound_never_exceeds_distance(a in "[абвгдеa-c0-9 ,.ЖЯ€z]{0,300}",
                                                  b in "[абвгдеa-c0-9 ,.ЖЯ€z]{0,300}") {
            let (fa, fb) = (crate::text::fold(&a), crate::text::fold(&b));
            let d = dp_distance(&chars(&fa), &chars(&fb));
            prop_assert!(hist_bound(&histogram(&fa), &histogram(&fb)) <= d);
        }

        /// The shared-bigram upper bound is at least the exact shared bigram count, so the
        /// q-gram lemma over it never exceeds the distance.
        #[test]
        fn sketch_bound_never_exceeds_distance(a in "[абв ,ЖЯ€z]{0,200}", b in "[абв ,ЖЯ€z]{0,200}",
                                               alpha in 1usize..9) {
            // a small alphabet merges characters into code 255 as real memories do
            let all: Vec<(u32, u64)> = "абв ,жя€z".chars().enumerate()
                .map(|(i, c)| (c as u32, 100 - i as u64)).take(alpha).collect();
            let al = Alphabet::from_counts(all);
            let (mut ca, mut cb) = (Vec::new(), Vec::new());
            al.encode(&a, &mut ca);
            al.encode(&b, &mut cb);
            let grams = |v: &[u32]| { let mut g: Vec<(u32, u32)> = v.windows(2).map(|w| (w[0], w[1])).collect(); g.sort_unstable(); g };
            let (ga, gb) = (grams(&chars(&a)), grams(&chars(&b)));
            let mut shared = 0;
            let (mut i, mut j) = (0, 0);
            while i < ga.len() && j < gb.len() {
                match ga[i].cmp(&gb[j]) {
                    std::cmp::Ordering::Equal => { shared += 1; i += 1; j += 1; }
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                }
            }
            let freq: Vec<u64> = (0..65536u64).map(|g| (g * 7919) % 13).collect();
            let bk = if alpha % 2 == 0 { Buckets::default() } else { Buckets::by_frequency(&freq) };
            let Some(planes) = bk.planes(&ca) else { return Ok(()) };
            let up = sketch_upper(&planes, false, &bk.sketch(&cb));
            if planes.iter().all(|p| p.iter().all(|&x| x < 64)) {
                prop_assert_eq!(up, sketch_upper(&planes, true, &bk.sketch(&cb)));
            }
            prop_assert!(up >= shared, "upper {} < shared {}", up, shared);
            let d = dp_distance(&chars(&a), &chars(&b));
            let longest = ca.len().max(cb.len());
            prop_assert!(longest == 0 || longest - 1 <= up + 2 * d);
        }

        /// The distance over codes equals the distance over code points unless both sides
        /// contain code 255, and never exceeds it.
        #[test]
        fn code_distance_is_exact_or_a_lower_bound(a in "[абв ЖЯ€z]{0,150}", b in "[абв ЖЯ€z]{0,150}",
                                                   alpha in 1usize..8, max in 0usize..160) {
            let all: Vec<(u32, u64)> = "абв жя€z".chars().enumerate()
                .map(|(i, c)| (c as u32, 100 - i as u64)).take(alpha).collect();
            let al = Alphabet::from_counts(all);
            let (mut ca, mut cb) = (Vec::new(), Vec::new());
            let (oa, ob) = (al.encode(&a, &mut ca), al.encode(&b, &mut cb));
            let exact = dp_distance(&chars(&a), &chars(&b));
            let coded = dp_distance(&ca.iter().map(|&c| u32::from(c)).collect::<Vec<_>>(),
                                    &cb.iter().map(|&c| u32::from(c)).collect::<Vec<_>>());
            prop_assert!(coded <= exact);
            if !(oa && ob) {
                prop_assert_eq!(coded, exact);
            }
            // the whole candidate check equals the bounded exact distance
            let ix = CharIndex::build_with(1, |_| b.clone(), Some(al));
            let q = ix.query(&a);
            prop_assert_eq!(ix.distance_within(&q, 0, max, || chars(&b)), (exact <= max).then_some(exact));
        }
    }

    #[test]
    fn alphabet_round_trips() {
        let ix = CharIndex::build(3, |u| ["абв", "вгд ё€", "xyz"][u].to_string());
        let list = ix.alphabet.to_list();
        let back = Alphabet::from_list(&list).unwrap();
        assert_eq!(back.to_list(), list);
        assert_eq!(ix.max_len(), 6);
        assert_eq!(ix.window(3, 3), 0..2);
        assert_eq!(ix.codes(2).len(), 6);
    }
}
