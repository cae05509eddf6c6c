//! A per-thread interner giving dense ids to token texts.

use super::hash::FxHashMap;
use super::tokens::SubToken;

/// Dense ids of token texts, from a per-thread interner: the matcher's and the
/// near-miss index's per-token caches are vectors indexed by these ids, so each token
/// of a text is hashed and compared once, not once per cache.
#[derive(Debug, Clone)]
pub struct TokenIds {
    /// The interner's generation: it is cleared, and its ids reassigned, when it grows
    /// past a bound, and caches indexed by id reset when the generation changes.
    pub generation: u64,
    /// The id of each token, in order.
    pub ids: Vec<u32>,
}

#[derive(Default)]
struct Interner {
    generation: u64,
    /// tokens of up to eight bytes, keyed by their bytes packed into a `u64` (zero
    /// padded: a word never holds a NUL byte, so the packing is one-to-one)
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl Interner {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The id of `text`; `window` is the eight bytes of the text it was cut from,
    /// starting where it starts, when there are that many (read as one word instead
    /// of copied byte by byte).
    #[inline]
    fn id(&mut self, text: &str, window: Option<&[u8]>) -> u32 {
        let next = self.len() as u32;
        let b = text.as_bytes();
        if b.len() <= 8 {
            let packed = match window.and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                Some(w) => {
                    let all = u64::from_le_bytes(w);
                    if b.len() == 8 {
                        all
                    } else {
                        all & ((1u64 << (8 * b.len())) - 1)
                    }
                }
                None => {
                    let mut packed = [0u8; 8];
                    packed[..b.len()].copy_from_slice(b);
                    u64::from_le_bytes(packed)
                }
            };
            return *self.short.entry(packed).or_insert(next);
        }
        if let Some(&id) = self.long.get(text) {
            return id;
        }
        self.long.insert(text.into(), next);
        next
    }
}

static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
const INTERNER_MAX: usize = 1 << 20;

thread_local! {
    static INTERNER: std::cell::RefCell<Interner> = std::cell::RefCell::new(Interner::default());
}

/// The ids of `toks`' texts in this thread's interner.
pub fn token_ids(toks: &[SubToken<'_>]) -> TokenIds {
    token_ids_in("", toks)
}

/// [`token_ids`] for tokens cut from `text` by [`sub_tokens`](super::tokens::sub_tokens): short tokens are read
/// from `text` eight bytes at a time.
pub fn token_ids_in(text: &str, toks: &[SubToken<'_>]) -> TokenIds {
    let bytes = text.as_bytes();
    INTERNER.with(|cell| {
        let mut it = cell.borrow_mut();
        if it.generation == 0 || it.len() + toks.len() > INTERNER_MAX {
            it.short.clear();
            it.long.clear();
            it.generation = NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let ids = toks
            .iter()
            .map(|t| {
                // the token's own bytes must sit at `t.start` in `text`
                let window = bytes
                    .get(t.start..t.start + 8)
                    .filter(|w| std::ptr::eq(w.as_ptr(), t.text.as_ptr()));
                it.id(t.text, window)
            })
            .collect();
        TokenIds {
            generation: it.generation,
            ids,
        }
    })
}
