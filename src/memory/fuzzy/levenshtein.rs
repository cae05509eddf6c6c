//! Exact Levenshtein distance over symbol sequences (`u32`: code points or token ids).
//!
//! [`Pattern`] is Myers' bit-parallel algorithm in Hyyrö's block form (as in edlib):
//! the query is compiled once into per-symbol bit masks, then each text costs
//! `O(⌈n/64⌉·m)` word operations. [`Pattern::distance_within`] stops as soon as the
//! distance provably exceeds a bound. [`dp_distance`] is the textbook dynamic programme,
//! kept as the reference the tests compare against.

/// Symbols below this value get a dense mask table; others are found by binary search.
const DENSE_DEFAULT: u32 = 0x500;

/// A query compiled for repeated bit-parallel Levenshtein computations.
#[derive(Debug, Clone)]
pub struct Pattern {
    len: usize,
    blocks: usize,
    dense_limit: u32,
    /// `dense_limit × blocks` masks for small symbols.
    dense: Vec<u64>,
    /// Sorted large symbols and their masks (`blocks` each).
    sparse_keys: Vec<u32>,
    sparse_masks: Vec<u64>,
    zero: Vec<u64>,
}

impl Pattern {
    /// Compiles a query; symbols below `0x500` (Latin and Cyrillic code points, the most
    /// frequent token ids) use a direct table.
    pub fn new(pattern: &[u32]) -> Pattern {
        Pattern::with_dense_limit(pattern, DENSE_DEFAULT)
    }

    /// Compiles a query with a chosen dense-table size.
    pub fn with_dense_limit(pattern: &[u32], dense_limit: u32) -> Pattern {
        let len = pattern.len();
        let blocks = len.div_ceil(64).max(1);
        let mut dense = vec![0u64; dense_limit as usize * blocks];
        let mut sparse: Vec<u32> = pattern
            .iter()
            .copied()
            .filter(|&c| c >= dense_limit)
            .collect();
        sparse.sort_unstable();
        sparse.dedup();
        let mut sparse_masks = vec![0u64; sparse.len() * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            let (b, bit) = (i / 64, 1u64 << (i % 64));
            if c < dense_limit {
                dense[c as usize * blocks + b] |= bit;
            } else {
                let k = sparse.binary_search(&c).unwrap_or_default();
                sparse_masks[k * blocks + b] |= bit;
            }
        }
        Pattern {
            len,
            blocks,
            dense_limit,
            dense,
            sparse_keys: sparse,
            sparse_masks,
            zero: vec![0; blocks],
        }
    }

    /// The query length in symbols.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for an empty query.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn masks(&self, c: u32) -> &[u64] {
        if c < self.dense_limit {
            let i = c as usize * self.blocks;
            &self.dense[i..i + self.blocks]
        } else {
            match self.sparse_keys.binary_search(&c) {
                Ok(k) => &self.sparse_masks[k * self.blocks..(k + 1) * self.blocks],
                Err(_) => &self.zero,
            }
        }
    }

    #[inline]
    fn mask1(&self, c: u32) -> u64 {
        if c < self.dense_limit {
            self.dense[c as usize]
        } else {
            match self.sparse_keys.binary_search(&c) {
                Ok(k) => self.sparse_masks[k],
                Err(_) => 0,
            }
        }
    }

    /// The exact Levenshtein distance to `text`.
    pub fn distance(&self, text: &[u32]) -> usize {
        self.distance_within(text, usize::MAX).unwrap_or(usize::MAX)
    }

    /// The exact distance to `text` if it is at most `max`, else `None`.
    pub fn distance_within(&self, text: &[u32], max: usize) -> Option<usize> {
        let (n, m) = (self.len, text.len());
        if n.abs_diff(m) > max {
            return None;
        }
        if n == 0 {
            return Some(m);
        }
        if m == 0 {
            return Some(n);
        }
        if self.blocks == 1 {
            return self.distance1(text, max);
        }
        self.distance_blocks(text, max)
    }

    fn distance1(&self, text: &[u32], max: usize) -> Option<usize> {
        let last = 1u64 << ((self.len - 1) % 64);
        let (mut pv, mut mv) = (!0u64, 0u64);
        let mut score = self.len;
        let m = text.len();
        for (j, &c) in text.iter().enumerate() {
            let eq = self.mask1(c);
            let xv = eq | mv;
            let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            if ph & last != 0 {
                score += 1;
            } else if mh & last != 0 {
                score -= 1;
            }
            // the last row can fall by at most one per remaining column
            if score > max.saturating_add(m - j - 1) {
                return None;
            }
            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | !(xv | ph);
            mv = ph & xv;
        }
        (score <= max).then_some(score)
    }

    fn distance_blocks(&self, text: &[u32], max: usize) -> Option<usize> {
        let w = self.blocks;
        let last = 1u64 << ((self.len - 1) % 64);
        // queries up to 512 symbols keep their state on the stack
        let (mut pv_a, mut mv_a) = ([!0u64; 8], [0u64; 8]);
        let (mut pv_v, mut mv_v);
        let (pv, mv): (&mut [u64], &mut [u64]) = if w <= 8 {
            (&mut pv_a[..w], &mut mv_a[..w])
        } else {
            pv_v = vec![!0u64; w];
            mv_v = vec![0u64; w];
            (&mut pv_v[..], &mut mv_v[..])
        };
        let mut score = self.len;
        let m = text.len();
        for (j, &c) in text.iter().enumerate() {
            let eqs = self.masks(c);
            // horizontal delta entering the top block: row 0 grows by one per column
            let mut hin: i32 = 1;
            for b in 0..w {
                let (ph, mh) = block_step(eqs[b], &mut pv[b], &mut mv[b], &mut hin);
                if b + 1 == w {
                    if ph & last != 0 {
                        score += 1;
                    } else if mh & last != 0 {
                        score -= 1;
                    }
                }
            }
            if score > max.saturating_add(m - j - 1) {
                return None;
            }
        }
        (score <= max).then_some(score)
    }
}

/// A query over a byte alphabet (the char index's code points mapped to `u8` codes),
/// compiled for Myers' algorithm with an Ukkonen cut-off on the diagonal.
///
/// [`BytePattern::distance_within`] abandons a text as soon as the cell of the current
/// column on the diagonal that ends in the bottom-right corner exceeds the bound. Why that
/// is lossless: an optimal alignment path enters column `j` at some row `i`; what is left
/// costs at least `|(n − i) − (m − j)| = |i − i*|` with `i* = j + n − m` (every step off
/// that diagonal is an insertion or deletion), so `lev ≥ min_i (D[i][j] + |i − i*|)`.
/// Column values change by at most one per row (`|D[i][j] − D[i*][j]| ≤ |i − i*|`), so the
/// minimum is `D[i*][j]` itself (for `i* < 0` the bound `m − n` is the length filter).
/// The diagonal cell is tracked incrementally: `D[r+1][j+1] = D[r][j] + Δv + Δh`, the
/// vertical delta of column `j` and the horizontal delta of column `j + 1` at row `r + 1`,
/// both single bits of the bit vectors Myers' algorithm keeps anyway.
#[derive(Debug, Clone)]
pub struct BytePattern {
    len: usize,
    blocks: usize,
    /// `256 × blocks` match masks.
    peq: Vec<u64>,
}

/// Longest query (in 64-symbol blocks) with a specialised, stack-only kernel.
const BYTE_MAX_BLOCKS: usize = 6;

impl BytePattern {
    /// Compiles a query of byte symbols.
    pub fn new(pattern: &[u8]) -> BytePattern {
        let len = pattern.len();
        let blocks = len.div_ceil(64).max(1);
        let mut peq = vec![0u64; 256 * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            peq[c as usize * blocks + i / 64] |= 1 << (i % 64);
        }
        BytePattern { len, blocks, peq }
    }

    /// The query length.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for an empty query.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The exact Levenshtein distance to `text` if it is at most `max`, else `None`.
    pub fn distance_within(&self, text: &[u8], max: usize) -> Option<usize> {
        let (n, m) = (self.len, text.len());
        if n.abs_diff(m) > max {
            return None;
        }
        if n == 0 || m == 0 {
            return Some(n.max(m));
        }
        match self.blocks {
            1 => self.run::<1>(text, max),
            2 => self.run::<2>(text, max),
            3 => self.run::<3>(text, max),
            4 => self.run::<4>(text, max),
            5 => self.run::<5>(text, max),
            6 => self.run::<6>(text, max),
            _ => {
                let p: Vec<u32> = self.pattern_symbols();
                let t: Vec<u32> = text.iter().map(|&c| u32::from(c)).collect();
                Pattern::new(&p).distance_within(&t, max)
            }
        }
    }

    /// The query symbols, rebuilt from the masks (long queries only).
    fn pattern_symbols(&self) -> Vec<u32> {
        let mut out = vec![0u32; self.len];
        for c in 0..256 {
            for (i, o) in out.iter_mut().enumerate() {
                if self.peq[c * self.blocks + i / 64] >> (i % 64) & 1 == 1 {
                    *o = c as u32;
                }
            }
        }
        out
    }

    fn run<const W: usize>(&self, text: &[u8], max: usize) -> Option<usize> {
        debug_assert!(W == self.blocks && W <= BYTE_MAX_BLOCKS);
        let (n, m) = (self.len, text.len());
        let last = 1u64 << ((n - 1) % 64);
        let (mut pv, mut mv) = ([!0u64; W], [0u64; W]);
        let mut score = n;
        // the diagonal row of column j is r = j + n − m; its value D[r][j]
        let shift = n as isize - m as isize;
        let mut diag = shift.max(0) as usize;
        for (j, &c) in text.iter().enumerate() {
            let eqs: &[u64; W] = self.peq[c as usize * W..c as usize * W + W]
                .try_into()
                .unwrap_or(&[0; W]);
            let r = j as isize + shift;
            let (rb, rs) = ((r.max(0) as usize) / 64, (r.max(0) as usize) % 64);
            let vdelta = if r >= 0 {
                ((pv[rb] >> rs) & 1) as usize
            } else {
                0
            };
            let vminus = if r >= 0 {
                ((mv[rb] >> rs) & 1) as usize
            } else {
                0
            };
            let (mut hplus, mut hminus) = (0usize, 0usize);
            let mut hin: i32 = 1;
            for b in 0..W {
                let (ph, mh) = block_step(eqs[b], &mut pv[b], &mut mv[b], &mut hin);
                if b + 1 == W {
                    if ph & last != 0 {
                        score += 1;
                    } else if mh & last != 0 {
                        score -= 1;
                    }
                }
                if b == rb {
                    hplus = ((ph >> rs) & 1) as usize;
                    hminus = ((mh >> rs) & 1) as usize;
                }
            }
            if r >= 0 {
                diag = diag + vdelta + hplus - vminus - hminus;
            } else if r == -1 {
                diag = j + 1;
            }
            if diag > max || score > max.saturating_add(m - j - 1) {
                return None;
            }
        }
        (score <= max).then_some(score)
    }
}

/// One 64-row block of one column of Myers' bit-parallel Levenshtein (Hyyrö's
/// multi-block form): updates the block's vertical deltas `pv`/`mv` from its match
/// mask `eqs` and the horizontal delta `hin` entering from the block above (set to the
/// one leaving it), and returns the column's horizontal deltas (`ph`, `mh`) before the
/// shift, from which the caller reads the last row's score change.
#[inline(always)]
fn block_step(eqs: u64, pv: &mut u64, mv: &mut u64, hin: &mut i32) -> (u64, u64) {
    let (p, mm) = (*pv, *mv);
    let hin_neg = u64::from(*hin < 0);
    let hin_pos = u64::from(*hin > 0);
    let xv = eqs | mm;
    let eq = eqs | hin_neg;
    let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
    let ph = mm | !(xh | p);
    let mh = p & xh;
    *hin = (ph >> 63) as i32 - (mh >> 63) as i32;
    let phs = (ph << 1) | hin_pos;
    let mhs = (mh << 1) | hin_neg;
    *pv = mhs | !(xv | phs);
    *mv = phs & xv;
    (ph, mh)
}

/// The Levenshtein distance between two symbol sequences.
pub fn distance(a: &[u32], b: &[u32]) -> usize {
    Pattern::new(a).distance(b)
}

/// The textbook `O(n·m)` dynamic programme (reference for tests).
pub fn dp_distance(a: &[u32], b: &[u32]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_distances() {
        let v = |s: &str| s.chars().map(u32::from).collect::<Vec<_>>();
        assert_eq!(distance(&v("kitten"), &v("sitting")), 3);
        assert_eq!(distance(&v(""), &v("abc")), 3);
        assert_eq!(distance(&v("абв"), &v("")), 3);
        let long_a = v(&"ab".repeat(100));
        let long_b = v(&"ba".repeat(100));
        assert_eq!(distance(&long_a, &long_b), dp_distance(&long_a, &long_b));
    }

    proptest! {
        #[test]
        fn myers_equals_dp(a in proptest::collection::vec(0u32..6, 0..200),
                           b in proptest::collection::vec(0u32..6, 0..200),
                           big in any::<bool>(), max in 0usize..80) {
            // large symbols exercise the sparse table
            let lift = |v: &Vec<u32>| v.iter().map(|&x| if big && x % 2 == 0 { x + 100_000 } else { x }).collect::<Vec<_>>();
            let (a, b) = (lift(&a), lift(&b));
            let want = dp_distance(&a, &b);
            let p = Pattern::new(&a);
            prop_assert_eq!(p.distance(&b), want);
            prop_assert_eq!(p.distance_within(&b, max), (want <= max).then_some(want));
        }

        #[test]
        fn byte_myers_equals_dp(a in proptest::collection::vec(0u8..5, 0..420),
                                b in proptest::collection::vec(0u8..5, 0..420),
                                cut in 0usize..420, max in 0usize..160, hi in any::<bool>()) {
            // short and long queries (1 to 7 blocks), bytes above 127 too
            let a: Vec<u8> = a[..cut.min(a.len())].iter().map(|&x| if hi { x + 250 } else { x }).collect();
            let b: Vec<u8> = b.iter().take(cut + 60).map(|&x| if hi { x + 250 } else { x }).collect();
            let want = dp_distance(&a.iter().map(|&x| u32::from(x)).collect::<Vec<_>>(),
                                   &b.iter().map(|&x| u32::from(x)).collect::<Vec<_>>());
            let p = BytePattern::new(&a);
            prop_assert_eq!(p.distance_within(&b, max), (want <= max).then_some(want));
            prop_assert_eq!(p.distance_within(&b, usize::MAX / 2), Some(want));
        }
    }
}
