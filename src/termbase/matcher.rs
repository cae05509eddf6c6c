//! Finding termbase terms in Russian and English text with a token trie.
//!
//! Every term form is turned into a sequence of token keys (a Russian stem, an acronym
//! kept exactly, an English word without plural or possessive, with a case-sensitive
//! or case-insensitive flag) and inserted into a trie keyed by interned token ids. A
//! text is tokenised once and walked through the trie from each token, keeping the
//! longest match (leftmost-longest), so the cost depends on the text's length and the
//! longest term, not on how many concepts the termbase holds.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::stem::{is_acronym, norm_en, stem_ru_folded, strip_possessive, with_stems};
use super::{CaseRule, Termbase};

/// A small, fast, non-cryptographic hasher (FxHash) for interned token keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // the same words as zero-padded 8-byte chunks, without copying full chunks
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Which kind of form a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormKind {
    /// A Russian form of the concept.
    Source,
    /// The approved English rendering.
    Approved,
    /// An allowed English variant.
    Variant,
    /// A forbidden English rendering.
    Forbidden,
}

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    /// Index into [`Termbase::concepts`].
    pub concept: usize,
    /// Byte range of the match in the text.
    pub span: Range<usize>,
    /// The termbase form that matched (as written in the termbase).
    pub form: String,
    /// Whether the form is Russian, approved, a variant or forbidden.
    pub kind: FormKind,
}

/// A hit without its form string: concept, byte span, form index and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHit {
    /// Index into [`Termbase::concepts`].
    pub concept: usize,
    /// Byte range of the match.
    pub span: Range<usize>,
    /// Index of the form (see [`Matcher::form`]).
    pub form: u32,
    /// The kind of form.
    pub kind: FormKind,
}

/// A sub-word token: a word split at hyphens, with a flag for "joined by a hyphen".
#[derive(Debug, Clone, Copy)]
pub struct SubToken<'a> {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset one past the end (for the last part of a possessive word, the end
    /// of the whole word).
    pub end: usize,
    /// The part's text (possessive removed for English).
    pub text: &'a str,
    /// True when a hyphen joins this part to the previous one.
    pub joined: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2011}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => {
            true
        }
        c if c.is_ascii() => false,
        c => c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c),
    }
}

/// Word tokens exactly as [`crate::text::words`] cuts them, with a fast path for ASCII
/// and Cyrillic (the checker tokenises every segment of a large memory, and `lint`
/// every line of a repository): ASCII bytes are classified without decoding.
pub fn fast_words(s: &str) -> impl Iterator<Item = crate::text::Token<'_>> + '_ {
    words_flagged(s).map(|(t, _)| t)
}

/// [`fast_words`], each word with a flag: true when a hyphen (`-` or U+2011) joins
/// two of its parts, so that [`sub_tokens`] splits only those words.
fn words_flagged(s: &str) -> impl Iterator<Item = (crate::text::Token<'_>, bool)> + '_ {
    let b = s.as_bytes();
    let decode = move |i: usize| s[i..].chars().next().unwrap_or(' ');
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            match BYTE_CLASS[b[i] as usize] {
                WORD => break,
                OTHER => i += 1,
                _ if matches!(b[i], 0xD0 | 0xD1) => break,
                _ => {
                    let ch = decode(i);
                    if is_word_char(ch) {
                        break;
                    }
                    i += ch.len_utf8();
                }
            }
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        let mut hyphen = false;
        while i < b.len() {
            // eight bytes at a time while they are ASCII letters and digits
            if let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let other = !ascii_alnum_bytes(word) & HIGH_BITS;
                if other == 0 {
                    i += 8;
                    continue;
                }
                i += (other.trailing_zeros() / 8) as usize;
            }
            let class = BYTE_CLASS[b[i] as usize];
            if class == WORD {
                i += 1;
                continue;
            }
            if class == OTHER {
                break;
            }
            // U+0400–U+047F (lead bytes 0xD0, 0xD1) are word characters
            if matches!(b[i], 0xD0 | 0xD1) {
                i += 2;
                continue;
            }
            let ch = if b[i] < 0x80 { b[i] as char } else { decode(i) };
            let len = ch.len_utf8();
            if class == MULTIBYTE && is_word_char(ch) {
                i += len;
                continue;
            }
            // a hyphen or apostrophe joins two word characters
            if matches!(ch, '-' | '\'' | '’' | '\u{2011}')
                && i + len < b.len()
                && is_word_char(decode(i + len))
            {
                hyphen |= is_hyphen(ch);
                i += len;
                continue;
            }
            break;
        }
        let word = crate::text::Token {
            start,
            text: &s[start..i],
        };
        Some((word, hyphen))
    })
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies strictly between `m` and `n` (both at
/// most 127; bytes from 0x80 up are never flagged). Exact per byte: neither the
/// subtraction nor the addition carries across bytes (after Sean Anderson's
/// "Bit Twiddling Hacks", `hasbetween`).
#[inline]
const fn bytes_between(x: u64, m: u64, n: u64) -> u64 {
    let low7 = x & (LOW_BITS * 127);
    (LOW_BITS * (127 + n)).wrapping_sub(low7)
        & !x
        & low7.wrapping_add(LOW_BITS * (127 - m))
        & HIGH_BITS
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
const fn ascii_alnum_bytes(x: u64) -> u64 {
    bytes_between(x, b'0' as u64 - 1, b'9' as u64 + 1)
        | bytes_between(x, b'A' as u64 - 1, b'Z' as u64 + 1)
        | bytes_between(x, b'a' as u64 - 1, b'z' as u64 + 1)
}

const OTHER: u8 = 0;
const WORD: u8 = 1;
const JOINER: u8 = 2;
const MULTIBYTE: u8 = 3;

/// How [`fast_words`] treats a byte: an ASCII letter or digit, an ASCII joiner
/// (`-`, `'`), another ASCII byte, or the start or middle of a multibyte character.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b'-' || c == b'\'' {
            JOINER
        } else if c >= 0x80 {
            MULTIBYTE
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Splits text into hyphen-separated sub-tokens; English possessives are removed.
pub fn sub_tokens(text: &str, english: bool) -> Vec<SubToken<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for (w, hyphenated) in words_flagged(text) {
        let body = if english {
            strip_possessive(w.text)
        } else {
            w.text
        };
        let mut offset = 0;
        let mut first = true;
        if !hyphenated || !body.contains(is_hyphen) {
            out.push(SubToken {
                start: w.start,
                end: w.end(),
                text: body,
                joined: false,
            });
            continue;
        }
        let parts: Vec<&str> = body.split(is_hyphen).collect();
        let last = parts.len() - 1;
        for (k, p) in parts.iter().enumerate() {
            let start = w.start + offset;
            offset += p.len();
            if !p.is_empty() {
                out.push(SubToken {
                    start,
                    end: if k == last { w.end() } else { start + p.len() },
                    text: p,
                    joined: !first,
                });
                first = false;
            }
            // skip the hyphen (1 byte for '-', 3 for U+2011)
            if k < last {
                let h = body[offset..].chars().next().map_or(1, char::len_utf8);
                offset += h;
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Terminal {
    concept: u32,
    form: u32,
    kind: FormKind,
}

#[derive(Debug, Default, Clone)]
struct Trie {
    vocab: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<(u32, u32), u32>,
    terminals: Vec<Vec<Terminal>>,
    /// per node: whether any term ends there (a compact copy of `terminals` for the walk)
    terminal: Vec<bool>,
    max_len: usize,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            terminals: vec![Vec::new()],
            ..Trie::default()
        }
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.vocab.get(key) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(key.into(), id);
        id
    }

    fn insert(&mut self, alternatives: &[Vec<u32>], t: Terminal) {
        if alternatives.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(alternatives.len());
        let mut nodes = vec![0u32];
        for alts in alternatives {
            let mut next = Vec::new();
            for &n in &nodes {
                for &k in alts {
                    let len = self.terminals.len() as u32;
                    let child = *self.edges.entry((n, k)).or_insert(len);
                    if child == len {
                        self.terminals.push(Vec::new());
                    }
                    if !next.contains(&child) {
                        next.push(child);
                    }
                }
            }
            next.truncate(64);
            nodes = next;
        }
        for n in nodes {
            let term = &mut self.terminals[n as usize];
            if !term.contains(&t) {
                term.push(t);
            }
        }
    }

    /// Fills [`Keys::roots`]: the children of the root that the start keys lead to.
    fn set_roots(&self, keys: &mut Keys) {
        let (mut roots, mut nr) = ([0u32; 3], 0);
        for &k in keys.start() {
            if let Some(&child) = self.edges.get(&(0, k)) {
                roots[nr] = child;
                nr += 1;
            }
        }
        keys.roots = roots;
        keys.nr = nr as u8;
    }

    /// Compacts the terminal flags once every form is inserted.
    fn seal(&mut self) {
        self.terminal = self.terminals.iter().map(|t| !t.is_empty()).collect();
    }

    /// Leftmost-longest walk; `keys[i]` holds (root children, continuation keys) per
    /// token.
    fn walk(&self, keys: &KeysView<'_>, mut emit: impl FnMut(usize, usize, &Terminal)) {
        let mut i = 0;
        let mut stack: Vec<(u32, usize)> = Vec::new();
        while i < keys.len() {
            if keys.get(i).nr == 0 {
                i += 1; // no term starts here (most words of a text)
                continue;
            }
            let mut best: Option<(usize, u32)> = None;
            stack.clear();
            for &child in keys.get(i).roots() {
                if self.terminal[child as usize] && best.is_none() {
                    best = Some((i, child));
                }
                stack.push((child, i + 1));
            }
            while let Some((node, j)) = stack.pop() {
                if j >= keys.len() {
                    continue;
                }
                for &k in keys.get(j).cont() {
                    if let Some(&child) = self.edges.get(&(node, k)) {
                        if self.terminal[child as usize] && best.map_or(true, |(e, _)| j > e) {
                            best = Some((j, child));
                        }
                        stack.push((child, j + 1));
                    }
                }
            }
            match best {
                Some((end, node)) => {
                    for t in &self.terminals[node as usize] {
                        emit(i, end, t);
                    }
                    i = end + 1;
                }
                None => i += 1,
            }
        }
    }
}

/// A compiled termbase: finds Russian and English forms of every concept in text.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Built on first use: `lint` on English files never needs it, and stemming every
    /// Russian form is most of the compile time.
    ru: std::sync::OnceLock<Trie>,
    /// (concept, form id) of every Russian form, for building `ru`.
    ru_forms: Vec<(u32, u32)>,
    en: Trie,
    forms: Vec<String>,
    /// Distinguishes matchers in the per-thread token-key cache.
    id: u64,
}

static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

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

/// [`token_ids`] for tokens cut from `text` by [`sub_tokens`]: short tokens are read
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

/// Per-thread cache of a token's keys (for a plain and a hyphen-joined token), per
/// language, for one matcher, indexed by [`TokenIds`]: a memory repeats its words, so
/// stemming, folding and the vocabulary probes run once per distinct word and thread,
/// not per occurrence.
#[derive(Default)]
struct KeyCache {
    id: u64,
    generation: u64,
    ru: Vec<Option<[Keys; 2]>>,
    en: Vec<Option<[Keys; 2]>>,
}

thread_local! {
    static KEY_CACHE: std::cell::RefCell<KeyCache> = std::cell::RefCell::new(KeyCache::default());
}

fn ru_keys(tok: &SubToken<'_>, joiner: char, for_term: bool, buf: &mut Vec<String>) {
    buf.clear();
    let j = if joiner == '-' { '-' } else { ' ' };
    if is_acronym(tok.text) {
        buf.push(format!("{j}A:{}", tok.text));
        if for_term {
            return;
        }
    }
    let mut f = String::with_capacity(tok.text.len());
    for c in tok.text.chars() {
        crate::text::fold_char_into(c, &mut f);
    }
    let s = stem_ru_folded(&f);
    // Snowball strips one ending, and some dictionary forms look inflected to it:
    // "Назарбаев" loses "ев" while "Назарбаева" only loses "а"; the genitive plural
    // "держав" loses "в" while "державы" only loses "ы". Stemming the stem again gives
    // both sides a second key that meets the other's first.
    let s2 = stem_ru_folded(&s);
    buf.push(format!("{j}s:{s}"));
    if s2 != s && s2.chars().count() >= 3 {
        buf.push(format!("{j}s:{s2}"));
    }
}

fn en_keys(tok: &SubToken<'_>, joiner: char, case: Option<CaseRule>, buf: &mut Vec<String>) {
    buf.clear();
    let j = if joiner == '-' { '-' } else { ' ' };
    let n = norm_en(tok.text);
    match case {
        // a term token: one key, exact or lower-case by the concept's case rule
        Some(rule) => {
            let exact = match rule {
                CaseRule::Exact => true,
                CaseRule::Ignore => false,
                CaseRule::Auto => n.chars().any(char::is_uppercase),
            };
            if exact {
                buf.push(format!("{j}e:{n}"));
            } else {
                buf.push(format!("{j}l:{}", n.to_lowercase()));
            }
        }
        None => {
            buf.push(format!("{j}e:{n}"));
            buf.push(format!("{j}l:{}", n.to_lowercase()));
        }
    }
}

impl Matcher {
    /// Compiles a termbase.
    pub fn new(termbase: &Termbase) -> Matcher {
        let mut m = Matcher {
            ru: std::sync::OnceLock::new(),
            ru_forms: Vec::new(),
            en: Trie::new(),
            forms: Vec::new(),
            id: NEXT_MATCHER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        let mut buf = Vec::new();
        for (ci, c) in termbase.concepts.iter().enumerate() {
            for f in &c.ru {
                let form = m.add_form(f);
                m.ru_forms.push((ci as u32, form));
            }
            let en_forms = std::iter::once((&c.en, FormKind::Approved))
                .chain(c.variants.iter().map(|v| (v, FormKind::Variant)))
                .chain(c.forbidden.iter().map(|v| (v, FormKind::Forbidden)));
            for (f, kind) in en_forms {
                let alts: Vec<Vec<u32>> = sub_tokens(f, true)
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        en_keys(t, joiner(k, t), Some(c.case), &mut buf);
                        buf.iter().map(|s| m.en.intern(s)).collect()
                    })
                    .collect();
                let form = m.add_form(f);
                m.en.insert(
                    &alts,
                    Terminal {
                        concept: ci as u32,
                        form,
                        kind,
                    },
                );
            }
        }
        m.en.seal();
        m
    }

    /// The Russian trie, compiled on first use (any thread; the others wait for it).
    fn ru(&self) -> &Trie {
        self.ru.get_or_init(|| {
            let mut trie = Trie::new();
            let mut buf = Vec::new();
            for &(concept, form) in &self.ru_forms {
                let alts: Vec<Vec<u32>> = sub_tokens(&self.forms[form as usize], false)
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        ru_keys(t, joiner(k, t), true, &mut buf);
                        buf.iter().map(|s| trie.intern(s)).collect()
                    })
                    .collect();
                trie.insert(
                    &alts,
                    Terminal {
                        concept,
                        form,
                        kind: FormKind::Source,
                    },
                );
            }
            trie.one_terminal_per_concept();
            trie.seal();
            trie
        })
    }

    fn add_form(&mut self, f: &str) -> u32 {
        self.forms.push(f.to_string());
        (self.forms.len() - 1) as u32
    }

    /// Finds Russian terms in any inflected form; the longest match wins.
    pub fn find_ru(&self, text: &str) -> Vec<TermHit> {
        let toks = sub_tokens(text, false);
        let ids = token_ids_in(text, &toks);
        let raw = self.with_keys(&toks, &ids, false, |k| self.raw_hits(self.ru(), &toks, k));
        self.to_term_hits(raw)
    }

    /// Finds approved renderings and allowed variants in English text.
    pub fn find_en(&self, text: &str) -> Vec<TermHit> {
        let mut v = self.find_en_all(text);
        v.retain(|h| h.kind != FormKind::Forbidden);
        v
    }

    /// Finds approved, variant and forbidden English forms (longest match wins).
    pub fn find_en_all(&self, text: &str) -> Vec<TermHit> {
        let toks = sub_tokens(text, true);
        self.find_en_tokens(&toks)
    }

    /// Like [`Matcher::find_en_all`] over pre-split sub-tokens.
    pub fn find_en_tokens(&self, toks: &[SubToken<'_>]) -> Vec<TermHit> {
        let ids = token_ids(toks);
        let raw = self.with_keys(toks, &ids, true, |k| self.raw_hits(&self.en, toks, k));
        self.to_term_hits(raw)
    }

    fn to_term_hits(&self, raw: Vec<RawHit>) -> Vec<TermHit> {
        raw.into_iter()
            .map(|h| TermHit {
                concept: h.concept,
                span: h.span,
                form: self.forms[h.form as usize].clone(),
                kind: h.kind,
            })
            .collect()
    }

    fn raw_hits(&self, trie: &Trie, toks: &[SubToken<'_>], keys: &KeysView<'_>) -> Vec<RawHit> {
        let mut out = Vec::new();
        if (0..keys.len()).all(|i| keys.get(i).nr == 0) {
            return out; // no token starts a term
        }
        trie.walk(keys, |i, j, t| {
            out.push(RawHit {
                concept: t.concept as usize,
                span: toks[i].start..toks[j].end,
                form: t.form,
                kind: t.kind,
            });
        });
        out
    }

    /// [`Matcher::find_ru`] without the form strings (for the checker's hot loop).
    pub fn find_ru_raw(&self, text: &str) -> Vec<RawHit> {
        let toks = sub_tokens(text, false);
        let ids = token_ids_in(text, &toks);
        self.with_keys(&toks, &ids, false, |k| self.raw_hits(self.ru(), &toks, k))
    }

    /// [`Matcher::find_en_tokens`] without the form strings.
    pub fn find_en_tokens_raw(&self, toks: &[SubToken<'_>]) -> Vec<RawHit> {
        self.find_en_ids_raw(toks, &token_ids(toks))
    }

    /// [`Matcher::find_en_tokens_raw`] with the tokens' ids already interned.
    pub fn find_en_ids_raw(&self, toks: &[SubToken<'_>], ids: &TokenIds) -> Vec<RawHit> {
        self.with_keys(toks, ids, true, |k| self.raw_hits(&self.en, toks, k))
    }

    /// Calls `f` with the keys of each token, read in place from the per-thread cache
    /// (filled first for tokens not seen before).
    fn with_keys<R>(
        &self,
        toks: &[SubToken<'_>],
        ids: &TokenIds,
        english: bool,
        f: impl FnOnce(&KeysView<'_>) -> R,
    ) -> R {
        KEY_CACHE.with(|cell| {
            let mut cache = cell.borrow_mut();
            if cache.id != self.id || cache.generation != ids.generation {
                *cache = KeyCache {
                    id: self.id,
                    generation: ids.generation,
                    ..KeyCache::default()
                };
            }
            let slots = if english {
                &mut cache.en
            } else {
                &mut cache.ru
            };
            let mut buf = String::new();
            let mut scratch = String::new();
            for (t, &id) in toks.iter().zip(&ids.ids) {
                let id = id as usize;
                if id >= slots.len() {
                    slots.resize(id + 1, None);
                }
                if slots[id].is_some() {
                    continue;
                }
                let both = [false, true].map(|joined| {
                    let t = SubToken { joined, ..*t };
                    let (trie, mut keys) = if english {
                        (
                            &self.en,
                            en_text_keys(&t, &self.en.vocab, &mut buf, &mut scratch),
                        )
                    } else {
                        (
                            self.ru(),
                            ru_text_keys(&t, &self.ru().vocab, &mut buf, &mut scratch),
                        )
                    };
                    trie.set_roots(&mut keys);
                    keys
                });
                slots[id] = Some(both);
            }
            f(&KeysView {
                toks,
                ids: &ids.ids,
                slots,
            })
        })
    }

    /// The termbase form of a raw hit.
    pub fn form(&self, h: &RawHit) -> &str {
        &self.forms[h.form as usize]
    }

    /// The longest term (in tokens) of either language.
    pub fn max_term_tokens(&self) -> usize {
        self.ru().max_len.max(self.en.max_len)
    }
}

impl Trie {
    /// Keeps the first terminal per concept at every node: two forms of one concept
    /// that stem alike ("Россия|России") end at the same node and would report one
    /// place twice. A walk emits one node's terminals per span, so this is the same as
    /// removing duplicate (concept, span) hits, done once instead of per text.
    fn one_terminal_per_concept(&mut self) {
        for term in &mut self.terminals {
            let mut seen: Vec<u32> = Vec::with_capacity(term.len());
            term.retain(|t| {
                let first = !seen.contains(&t.concept);
                seen.push(t.concept);
                first
            });
        }
    }
}

fn joiner(k: usize, t: &SubToken<'_>) -> char {
    if k > 0 && t.joined {
        '-'
    } else {
        ' '
    }
}

/// The interned key ids of one text token: as the start of a term and as its
/// continuation (these differ for a hyphen-joined part).
#[derive(Debug, Clone, Copy, Default)]
struct Keys {
    ids: [u32; 6],
    ns: u8,
    nc: u8,
    /// the trie nodes the start keys lead to from the root (most tokens: none)
    roots: [u32; 3],
    nr: u8,
}

impl Keys {
    fn roots(&self) -> &[u32] {
        &self.roots[..self.nr as usize]
    }
    fn start(&self) -> &[u32] {
        &self.ids[..self.ns as usize]
    }
    fn cont(&self) -> &[u32] {
        &self.ids[3..3 + self.nc as usize]
    }
    fn push(&mut self, cont: bool, id: u32) {
        if cont {
            if (self.nc as usize) < 3 {
                self.ids[3 + self.nc as usize] = id;
                self.nc += 1;
            }
        } else if (self.ns as usize) < 3 {
            self.ids[self.ns as usize] = id;
            self.ns += 1;
        }
    }
}

/// The keys of a text's tokens, read in place from the per-thread cache.
struct KeysView<'c> {
    toks: &'c [SubToken<'c>],
    ids: &'c [u32],
    slots: &'c [Option<[Keys; 2]>],
}

const NO_KEYS: Keys = Keys {
    ids: [0; 6],
    ns: 0,
    nc: 0,
    roots: [0; 3],
    nr: 0,
};

impl KeysView<'_> {
    fn len(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    fn get(&self, i: usize) -> &Keys {
        match &self.slots[self.ids[i] as usize] {
            Some(k) => &k[self.toks[i].joined as usize],
            None => &NO_KEYS, // every slot is filled before a view is made
        }
    }
}

/// Looks up `{joiner}{tag}:{body}` for the start (joiner ' ') and, for a hyphen-joined
/// token, the continuation (joiner '-'); a plain token continues with the start keys.
fn probe(
    vocab: &FxHashMap<Box<str>, u32>,
    joined: bool,
    tag: &str,
    body: &str,
    buf: &mut String,
    keys: &mut Keys,
) {
    buf.clear();
    buf.push(' ');
    buf.push_str(tag);
    buf.push_str(body);
    let start = vocab.get(buf.as_str()).copied();
    if let Some(id) = start {
        keys.push(false, id);
    }
    if joined {
        buf.replace_range(0..1, "-");
        if let Some(&id) = vocab.get(buf.as_str()) {
            keys.push(true, id);
        }
    } else if let Some(id) = start {
        keys.push(true, id);
    }
}

fn ru_text_keys(
    tok: &SubToken<'_>,
    vocab: &FxHashMap<Box<str>, u32>,
    buf: &mut String,
    folded: &mut String,
) -> Keys {
    let mut keys = Keys::default();
    if is_acronym(tok.text) {
        probe(vocab, tok.joined, "A:", tok.text, buf, &mut keys);
    }
    folded.clear();
    for c in tok.text.chars() {
        super::stem::fold_char_fast(c, folded);
    }
    with_stems(folded, |s, s2| {
        probe(vocab, tok.joined, "s:", s, buf, &mut keys);
        if s2 != s && s2.chars().count() >= 3 {
            probe(vocab, tok.joined, "s:", s2, buf, &mut keys);
        }
    });
    keys
}

fn en_text_keys(
    tok: &SubToken<'_>,
    vocab: &FxHashMap<Box<str>, u32>,
    buf: &mut String,
    lower: &mut String,
) -> Keys {
    let mut keys = Keys::default();
    let n = norm_en(tok.text);
    probe(vocab, tok.joined, "e:", &n, buf, &mut keys);
    lower.clear();
    if n.is_ascii() {
        lower.extend(n.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        lower.extend(n.chars().flat_map(char::to_lowercase));
    }
    probe(vocab, tok.joined, "l:", lower, buf, &mut keys);
    keys
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::termbase::Concept;

    #[test]
    fn ascii_alnum_bytes_flags_exactly_the_letters_and_digits() {
        for filler in [0u8, 0xFF, b'a', b'/', b'Z', 0x80] {
            for v in 0..=255u8 {
                for lane in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[lane] = v;
                    let flags = ascii_alnum_bytes(u64::from_le_bytes(bytes));
                    for (k, &byte) in bytes.iter().enumerate() {
                        let flagged = flags >> (8 * k + 7) & 1 == 1;
                        assert_eq!(
                            flagged,
                            byte.is_ascii_alphanumeric(),
                            "{byte:#x} in lane {k}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte-level tokeniser cuts exactly the words `text::words` cuts.
        #[test]
        fn fast_words_equal_text_words(s in "[a-zA-Z0-9 \\-'’\u{2011}.,«»ёЁа-яА-Я\u{0301}\u{00e9}\u{4e2d}\t\n/:@\\[`{]{0,40}") {
            let fast: Vec<(usize, &str)> = fast_words(&s).map(|t| (t.start, t.text)).collect();
            let slow: Vec<(usize, &str)> = crate::text::words(&s).map(|t| (t.start, t.text)).collect();
            proptest::prop_assert_eq!(fast, slow);
            // equal texts get equal ids, different texts different ids
            let toks = sub_tokens(&s, true);
            let ids = token_ids_in(&s, &toks).ids;
            proptest::prop_assert_eq!(&ids, &token_ids(&toks).ids);
            for (a, ta) in toks.iter().enumerate() {
                for (b, tb) in toks.iter().enumerate() {
                    proptest::prop_assert_eq!(ta.text == tb.text, ids[a] == ids[b]);
                }
            }
            for (w, hyphenated) in words_flagged(&s) {
                proptest::prop_assert_eq!(hyphenated, w.text.contains(is_hyphen), "{}", w.text);
            }
        }
    }

    pub(crate) fn tb() -> Termbase {
        let c = |id: &str, ru: &[&str], en: &str, variants: &[&str], forbidden: &[&str]| Concept {
            id: id.into(),
            ru: ru.iter().map(|s| s.to_string()).collect(),
            en: en.into(),
            variants: variants.iter().map(|s| s.to_string()).collect(),
            forbidden: forbidden.iter().map(|s| s.to_string()).collect(),
            ..Concept::default()
        };
        Termbase {
            concepts: vec![
                c(
                    "caco",
                    &["Организация центральноазиатского сотрудничества", "ОЦАС"],
                    "Central Asian Cooperation Organization",
                    &["CACO"],
                    &["Organisation of Central Asian Cooperation"],
                ),
                c(
                    "cau",
                    &["Центральноазиатский союз", "ЦАС"],
                    "Central Asian Union",
                    &["CAU"],
                    &[],
                ),
                c(
                    "nazarbayev",
                    &["Назарбаев", "Н. Назарбаев"],
                    "Nazarbayev",
                    &[],
                    &["Nazarbaev"],
                ),
                c("russia", &["Россия"], "Russia", &[], &[]),
                c(
                    "central-asia",
                    &["Центральная Азия"],
                    "Central Asia",
                    &[],
                    &[],
                ),
                c(
                    "nuclear-powers",
                    &["ядерная держава"],
                    "nuclear power",
                    &[],
                    &[],
                ),
                c("kz", &["Казахстан", "РК"], "Kazakhstan", &[], &[]),
                c(
                    "cis",
                    &["СНГ"],
                    "CIS",
                    &["Commonwealth of Independent States"],
                    &[],
                ),
                c("eurasec", &["ЕврАзЭС"], "EurAsEC", &[], &[]),
                c("post-soviet", &["постсоветский"], "post-Soviet", &[], &[]),
                c("un", &["ООН"], "UN", &["United Nations"], &[]),
            ],
        }
    }

    fn ids(m: &Matcher, text: &str, ru: bool) -> Vec<String> {
        let tb = tb();
        let hits = if ru { m.find_ru(text) } else { m.find_en(text) };
        hits.iter()
            .map(|h| format!("{}={}", tb.concepts[h.concept].id, &text[h.span.clone()]))
            .collect()
    }

    #[test]
    fn russian_inflected_forms() {
        let m = Matcher::new(&tb());
        assert_eq!(
            ids(
                &m,
                "в рамках Организации центральноазиатского сотрудничества и ЦАС",
                true
            ),
            [
                "caco=Организации центральноазиатского сотрудничества",
                "cau=ЦАС"
            ]
        );
        assert_eq!(
            ids(&m, "Инициативы президента Н. Назарбаева", true),
            ["nazarbayev=Н. Назарбаева"]
        );
        assert_eq!(
            ids(
                &m,
                "с Россией в Центральной Азии, пять ядерных держав",
                true
            ),
            [
                "russia=Россией",
                "central-asia=Центральной Азии",
                "nuclear-powers=ядерных держав"
            ]
        );
        assert_eq!(
            ids(&m, "Ядерные державы", true),
            ["nuclear-powers=Ядерные державы"]
        );
    }

    #[test]
    fn forms_that_stem_alike_give_one_hit() {
        let mut tb = tb();
        tb.concepts[3].ru = vec!["Россия".into(), "России".into(), "РФ".into()];
        let m = Matcher::new(&tb);
        let hits = m.find_ru("о России и России");
        assert_eq!(
            hits.iter()
                .map(|h| (h.concept, h.span.clone()))
                .collect::<Vec<_>>(),
            [(3, 3..15), (3, 19..31)]
        );
        assert_eq!(hits[0].form, "Россия");
        assert_eq!(m.find_ru_raw("России").len(), 1);
    }

    #[test]
    fn russian_acronyms_are_whole_and_case_sensitive() {
        let m = Matcher::new(&tb());
        assert_eq!(ids(&m, "ОЦАС", true), ["caco=ОЦАС"]);
        assert!(ids(&m, "цас и Оцас", true).is_empty());
        assert_eq!(ids(&m, "ООН-овский мандат", true), ["un=ООН"]);
        assert_eq!(ids(&m, "в ЕврАзЭС", true), ["eurasec=ЕврАзЭС"]);
    }

    #[test]
    fn english_natural_forms() {
        let m = Matcher::new(&tb());
        assert_eq!(
            ids(&m, "Kazakhstan’s role in the CIS's", false),
            ["kz=Kazakhstan’s", "cis=CIS's"]
        );
        assert_eq!(
            ids(&m, "Nuclear powers and nuclear power", false),
            [
                "nuclear-powers=Nuclear powers",
                "nuclear-powers=nuclear power"
            ]
        );
        assert!(ids(&m, "Eurasec and kazakhstan", false).is_empty());
        assert_eq!(
            ids(&m, "the post-Soviet space", false),
            ["post-soviet=post-Soviet"]
        );
        assert!(ids(&m, "the post Soviet space", false).is_empty());
        assert_eq!(
            ids(&m, "Kazakhstan-Russia relations", false),
            ["kz=Kazakhstan", "russia=Russia"]
        );
    }

    #[test]
    fn longest_match_wins_and_forbidden_is_separate() {
        let m = Matcher::new(&tb());
        assert_eq!(
            ids(
                &m,
                "the Central Asian Cooperation Organization in Central Asia",
                false
            ),
            [
                "caco=Central Asian Cooperation Organization",
                "central-asia=Central Asia"
            ]
        );
        let all = m.find_en_all("Organisation of Central Asian Cooperation");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].kind, FormKind::Forbidden);
        assert!(m
            .find_en("Organisation of Central Asian Cooperation")
            .is_empty());
    }
}
