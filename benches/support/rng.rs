//! A tiny deterministic PRNG (xorshift64) shared by the benches' data generators, so
//! they need no data files and give the same text on every platform and run.

/// xorshift64; the state must not be zero (`new` makes sure).
pub(crate) struct Rng(u64);

#[allow(dead_code)] // each bench uses the helpers it needs
impl Rng {
    /// A generator from a seed (0 is mapped to 1).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One element of a slice.
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}
