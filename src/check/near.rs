//! Near-misses of approved English renderings (`term-variant`), found through an index.
//!
//! Every word of every approved form and variant is indexed under the hash of its
//! lower-case spelling and of each spelling with one letter deleted (a SymSpell-style
//! symmetric deletion table). A text word is looked up by the same hashes, so one
//! substitution (Organisation/Organization), insertion (Nazarbayeva), deletion
//! (Nazarbaev) or transposition costs a handful of hash probes, whatever the size of
//! the termbase; a bit filter in front makes the common miss cost a few bit tests.
//! Candidates are confirmed with `strsim` and aligned against the whole form, so a
//! multiword name is reported once with its span. Case slips (Eurasec), hyphenation
//! (Central-Asian) and Cyrillic look-alike letters are recognised too.

use super::super::termbase::Termbase;
use crate::text::hash::FxHashMap;
use crate::text::intern::{token_ids, TokenIds};
use crate::text::stem::{is_acronym, norm_en};
use crate::text::tokens::SubToken;

const B: u64 = 0x100000001b3;

/// What the index knows of one distinct token, computed once per thread.
#[derive(Debug)]
struct TokInfo {
    /// No probe reaches an indexed word or a squashed form: nothing to anchor here.
    skip: bool,
    /// Hash of its lower-case letters, Cyrillic look-alikes folded to Latin.
    hash: u64,
    /// `B` to the power of `letters`, to hash this token after another.
    pow: u64,
    /// Its letters begin a one-word form: it may be the first half of a split name.
    prefix: bool,
    /// Its letters end a one-word form: it may be the second half of a split name.
    suffix: bool,
    /// Its letters spell a multiword form run together.
    squashed: bool,
    /// Letter count of that spelling; 0 when the token has no Latin letter.
    letters: usize,
    /// The indexed words its probes reach.
    words: Box<[u32]>,
    /// The token without possessive or plural ending, case kept.
    norm: Box<str>,
    /// `norm` in lower case, its length in characters and its letter counts.
    lower: Box<str>,
    lower_len: usize,
    hist: Hist,
}

/// The cached [`TokInfo`] of each token of a text, without collecting them.
struct Infos<'c> {
    ids: &'c [u32],
    slots: &'c [u32],
    flags: &'c [u8],
    infos: &'c [TokInfo],
}

impl Infos<'_> {
    /// Token `i`'s [`ANCHOR`], [`PREFIX`] and [`SUFFIX`] flags.
    #[inline]
    fn flags(&self, i: usize) -> u8 {
        self.flags[self.ids[i] as usize]
    }

    #[inline]
    fn get(&self, i: usize) -> &TokInfo {
        &self.infos[self.slots[self.ids[i] as usize] as usize]
    }
}

/// The per-thread token cache for index `id`: token id (of interner `generation`) →
/// index into `infos`, `u32::MAX` when not yet computed.
#[derive(Default)]
struct InfoCache {
    id: u64,
    generation: u64,
    slots: Vec<u32>,
    /// per token id: its [`ANCHOR`], [`PREFIX`] and [`SUFFIX`] flags (a dense copy of
    /// what the near-miss loop tests first, so most tokens never touch their `TokInfo`)
    flags: Vec<u8>,
    infos: Vec<TokInfo>,
}

const INFO_CACHE_MAX: usize = 1 << 20;

/// The token can anchor a near-miss: two Latin letters or more, and its probes reach
/// an indexed word or a squashed form.
const ANCHOR: u8 = 1;
/// The token can start a one-word name split in two (two letters or more).
const PREFIX: u8 = 2;
/// The token can end a one-word name split in two (a Latin letter or more).
const SUFFIX: u8 = 4;

thread_local! {
    static INFO_CACHE: std::cell::RefCell<InfoCache> = std::cell::RefCell::new(InfoCache::default());
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
const BLOOM_BITS: usize = 1 << 22;

/// Why a near-miss differs from the approved form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Letters differ only in case.
    Case,
    /// A hyphen where the form has a space, or the reverse, or words run together.
    Hyphenation,
    /// A letter dropped, added, swapped or changed.
    Spelling,
    /// A Cyrillic letter inside a Latin word.
    Cyrillic,
    /// A Russian case ending left on an English name.
    RussianEnding,
}

impl Reason {
    /// A short description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Case => "different capitalisation",
            Reason::Hyphenation => "different hyphenation or spacing",
            Reason::Spelling => "different spelling",
            Reason::Cyrillic => "a Cyrillic letter inside a Latin word",
            Reason::RussianEnding => "a Russian case ending",
        }
    }
}

/// A near-miss found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    /// Index of the concept.
    pub concept: usize,
    /// The approved or variant form it nearly matches.
    pub form: String,
    /// Byte range in the text.
    pub span: std::ops::Range<usize>,
    /// First sub-token index and one past the last.
    pub tokens: std::ops::Range<usize>,
    /// Why it is not an exact match (the most telling reason).
    pub reason: Reason,
}

#[derive(Debug, Clone)]
struct Form {
    concept: u32,
    text: String,
    /// normalised tokens, case kept
    toks: Vec<String>,
    /// hyphen-joined flags per token
    joined: Vec<bool>,
    /// per token: its lower-case spelling, length and capital (for `compare`)
    lower: Vec<FormWord>,
    /// per token: the word id of its lower-case spelling
    word_ids: Vec<u32>,
    /// per token: whether its word is tight (see [`NearIndex::tight`])
    tight: Vec<bool>,
}

/// A form token as `compare` needs it.
#[derive(Debug, Clone)]
struct FormWord {
    /// lower-case spelling
    lower: String,
    /// its length in characters
    len: usize,
    /// its letter counts
    hist: Hist,
    /// whether the form spells it with a capital
    upper: bool,
}

/// The near-miss index over a termbase's approved English forms and variants.
#[derive(Debug, Clone)]
pub struct NearIndex {
    forms: Vec<Form>,
    /// distinct lower-case words
    words: Vec<String>,
    /// Per word, the (form, position) pairs anchored on it: each form is anchored on
    /// its rarest *tight* word (see [`NearIndex::tight`]), or on every word when none
    /// is tight.
    word_forms: Vec<Vec<(u32, u16)>>,
    /// hash of word or one-deletion → word ids
    table: FxHashMap<u64, Vec<u32>>,
    /// squashed (lower-case, no spaces or hyphens) multiword forms → form ids
    squashed: FxHashMap<u64, Vec<u32>>,
    /// hashes of the proper prefixes (two letters or more) of one-word forms: a token
    /// that is none of them cannot start a one-word name split in two
    prefixes: FxHashMap<u64, ()>,
    /// hashes of the proper suffixes of one-word forms: nor end one
    suffixes: FxHashMap<u64, ()>,
    bloom: Vec<u64>,
    threshold: f64,
    max_tokens: usize,
    /// Distinguishes indexes in the per-thread token cache.
    id: u64,
}

/// Letter counts of a lower-case word: one bin per ASCII letter, one for the rest.
/// An edit changes at most one count by one or moves one unit between two bins, so
/// the Damerau–Levenshtein distance of two words is at least the larger of the two
/// sums of positive differences (transpositions change no count).
type Hist = [u8; 27];

fn histogram(lower: &str) -> Hist {
    let mut h = [0u8; 27];
    for c in lower.chars() {
        let bin = if c.is_ascii_lowercase() {
            (c as u8 - b'a') as usize
        } else {
            26
        };
        h[bin] = h[bin].saturating_add(1);
    }
    h
}

/// The histogram lower bound on the distance (see [`Hist`]); counts saturate at 255,
/// which only lowers the bound.
fn histogram_bound(a: &Hist, b: &Hist) -> usize {
    let (mut more, mut less) = (0usize, 0usize);
    for (&x, &y) in a.iter().zip(b) {
        if x > y {
            more += (x - y) as usize;
        } else {
            less += (y - x) as usize;
        }
    }
    more.max(less)
}

fn hash_chars(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(B).wrapping_add(c as u64 + 1))
}

/// Hashes of `chars` with each single character deleted (`scratch` holds suffix
/// hashes and powers between calls, to avoid allocating per word).
fn delete_hashes(chars: &[char], out: &mut Vec<u64>, scratch: &mut (Vec<u64>, Vec<u64>)) {
    out.clear();
    let n = chars.len();
    let (suffix, pow) = scratch;
    suffix.clear();
    suffix.resize(n + 1, 0);
    pow.clear();
    pow.resize(n + 1, 1);
    for i in 1..=n {
        pow[i] = pow[i - 1].wrapping_mul(B);
    }
    for i in (0..n).rev() {
        let len = n - i - 1;
        suffix[i] = (chars[i] as u64 + 1)
            .wrapping_mul(pow[len])
            .wrapping_add(suffix[i + 1]);
    }
    let mut prefix = 0u64;
    for i in 0..n {
        let rest = n - i - 1;
        out.push(prefix.wrapping_mul(pow[rest]).wrapping_add(suffix[i + 1]));
        prefix = prefix.wrapping_mul(B).wrapping_add(chars[i] as u64 + 1);
    }
}

fn lower_into(s: &str, out: &mut Vec<char>) {
    out.clear();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// Folds Cyrillic letters that look like Latin ones to Latin; returns None when the
/// word has no such letter.
pub fn cyrillic_to_latin(s: &str) -> Option<String> {
    let mut changed = false;
    let out: String = s
        .chars()
        .map(|c| {
            let l = match c {
                'а' => 'a',
                'е' => 'e',
                'о' => 'o',
                'р' => 'p',
                'с' => 'c',
                'у' => 'y',
                'х' => 'x',
                'к' => 'k',
                'м' => 'm',
                'т' => 't',
                'і' => 'i',
                'ј' => 'j',
                'ѕ' => 's',
                'А' => 'A',
                'В' => 'B',
                'Е' => 'E',
                'К' => 'K',
                'М' => 'M',
                'Н' => 'H',
                'О' => 'O',
                'Р' => 'P',
                'С' => 'C',
                'Т' => 'T',
                'Х' => 'X',
                'У' => 'Y',
                'І' => 'I',
                _ => c,
            };
            changed |= l != c;
            l
        })
        .collect();
    changed.then_some(out)
}

/// Folds Latin letters that look like Cyrillic ones to Cyrillic (for Russian words).
pub fn latin_to_cyrillic(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'y' => 'у',
            'x' => 'х',
            'k' => 'к',
            'm' => 'м',
            'A' => 'А',
            'B' => 'В',
            'E' => 'Е',
            'K' => 'К',
            'M' => 'М',
            'H' => 'Н',
            'O' => 'О',
            'P' => 'Р',
            'C' => 'С',
            'T' => 'Т',
            'X' => 'Х',
            'Y' => 'У',
            _ => c,
        })
        .collect()
}

const ENGLISH_SUFFIXES: &[&str] = &["n", "i", "s", "ese", "ian", "an", "ic", "ns", "is"];
const RUSSIAN_ENDINGS: &[&str] = &[
    "a", "u", "e", "y", "om", "ym", "im", "oy", "oj", "ov", "ogo", "omu", "oi", "yi",
];

impl NearIndex {
    /// Builds the index; `threshold` is the similarity (0–1) a spelling near-miss needs.
    pub fn new(termbase: &Termbase, threshold: f64) -> NearIndex {
        NearIndex::build(termbase, threshold, false)
    }

    /// Builds the index; `anchor_all` anchors every form on every word and turns the
    /// tight-word filter off (the plain, slower search the tests compare against).
    fn build(termbase: &Termbase, threshold: f64, anchor_all: bool) -> NearIndex {
        let tight = |len: usize| !anchor_all && Self::tight(len, threshold);
        let mut idx = NearIndex {
            forms: Vec::new(),
            words: Vec::new(),
            word_forms: Vec::new(),
            table: FxHashMap::default(),
            squashed: FxHashMap::default(),
            prefixes: FxHashMap::default(),
            suffixes: FxHashMap::default(),
            bloom: vec![0; BLOOM_BITS / 64],
            threshold,
            max_tokens: 0,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        let mut word_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut dels = Vec::new();
        let mut scratch = (Vec::new(), Vec::new());
        for (ci, c) in termbase.concepts.iter().enumerate() {
            for f in std::iter::once(&c.en).chain(&c.variants) {
                let subs = crate::text::tokens::sub_tokens(f, true);
                if subs.is_empty() {
                    continue;
                }
                let fid = idx.forms.len() as u32;
                let toks: Vec<String> = subs.iter().map(|t| norm_en(t.text).into_owned()).collect();
                let joined = subs.iter().map(|t| t.joined).collect();
                let mut ids = Vec::with_capacity(toks.len());
                for t in &toks {
                    let lower = t.to_lowercase();
                    let wid = match word_ids.get(&lower) {
                        Some(&w) => w,
                        None => {
                            let w = idx.words.len() as u32;
                            word_ids.insert(lower.clone(), w);
                            idx.words.push(lower.clone());
                            idx.word_forms.push(Vec::new());
                            let chars: Vec<char> = lower.chars().collect();
                            let mut hs = vec![hash_chars(&chars)];
                            if chars.len() >= 4 {
                                delete_hashes(&chars, &mut dels, &mut scratch);
                                hs.extend_from_slice(&dels);
                            }
                            for h in hs {
                                let e = idx.table.entry(h).or_default();
                                if !e.contains(&w) {
                                    e.push(w);
                                }
                                idx.set_bloom(h);
                            }
                            w
                        }
                    };
                    ids.push(wid);
                }
                if toks.len() > 1 {
                    let sq: Vec<char> = toks
                        .iter()
                        .flat_map(|t| t.to_lowercase().chars().collect::<Vec<_>>())
                        .collect();
                    let h = hash_chars(&sq);
                    idx.squashed.entry(h).or_default().push(fid);
                    idx.set_bloom(h);
                }
                idx.max_tokens = idx.max_tokens.max(toks.len());
                idx.forms.push(Form {
                    concept: ci as u32,
                    text: f.clone(),
                    lower: toks
                        .iter()
                        .map(|t| {
                            let lower = t.to_lowercase();
                            FormWord {
                                len: lower.chars().count(),
                                hist: histogram(&lower),
                                lower,
                                upper: t.chars().any(char::is_uppercase),
                            }
                        })
                        .collect(),
                    tight: ids
                        .iter()
                        .map(|&w| tight(idx.words[w as usize].chars().count()))
                        .collect(),
                    toks,
                    joined,
                    word_ids: ids,
                });
            }
        }
        for f in idx.forms.iter().filter(|f| f.word_ids.len() == 1) {
            let chars: Vec<char> = idx.words[f.word_ids[0] as usize].chars().collect();
            for end in 2..chars.len() {
                idx.prefixes.insert(hash_chars(&chars[..end]), ());
            }
            for start in 1..chars.len() {
                idx.suffixes.insert(hash_chars(&chars[start..]), ());
            }
        }
        // anchor each form on its rarest tight word, or on all its words when none is
        let mut uses = vec![0u32; idx.words.len()];
        for f in &idx.forms {
            for &w in &f.word_ids {
                uses[w as usize] += 1;
            }
        }
        for (fid, f) in idx.forms.iter().enumerate() {
            let tight = f
                .word_ids
                .iter()
                .enumerate()
                .filter(|&(_, &w)| tight(idx.words[w as usize].chars().count()))
                .min_by_key(|&(pos, &w)| (uses[w as usize], pos));
            match tight {
                Some((pos, &w)) => idx.word_forms[w as usize].push((fid as u32, pos as u16)),
                None => {
                    for (pos, &w) in f.word_ids.iter().enumerate() {
                        idx.word_forms[w as usize].push((fid as u32, pos as u16));
                    }
                }
            }
        }
        idx
    }

    /// True when every text word that [`NearIndex::compare`] accepts for a form word
    /// of `len` letters is also reached by the word's probes, so that anchoring a form
    /// on this word alone finds every near-miss that anchoring on all its words finds.
    ///
    /// Why: `compare` accepts a text word when its lower-case spelling (Cyrillic
    /// look-alikes folded) equals the form word's, which the word's own hash reaches;
    /// when it adds a Russian ending (one letter: one insertion, reached through the
    /// text word's deletions, probed from five letters; two or three: stripped by a
    /// probe from four letters of stem), so the form word needs four letters; or when
    /// its Damerau–Levenshtein similarity `1 − d / max(len)` reaches the threshold.
    /// One edit is reached by the symmetric deletion table (form words are indexed
    /// with their deletions from four letters, text words probed with theirs from
    /// five) except a substitution or transposition in a four-letter word, whose
    /// similarity is `1 − 1/4`. Two or more edits are never reached; the best
    /// similarity `d` edits can leave is `1 − d / (len + d)`, which falls with `d`, so
    /// they cannot pass when `1 − 2 / (len + 2)` is below the threshold.
    fn tight(len: usize, threshold: f64) -> bool {
        let below = |sim: f64| sim < threshold;
        len >= 4
            && (len >= 5 || below(1.0 - 1.0 / len as f64))
            && below(1.0 - 2.0 / (len as f64 + 2.0))
    }

    fn set_bloom(&mut self, h: u64) {
        let b = (h.wrapping_mul(0x9E3779B97F4A7C15) >> 42) as usize % BLOOM_BITS;
        self.bloom[b / 64] |= 1 << (b % 64);
    }

    fn in_bloom(&self, h: u64) -> bool {
        let b = (h.wrapping_mul(0x9E3779B97F4A7C15) >> 42) as usize % BLOOM_BITS;
        self.bloom[b / 64] & (1 << (b % 64)) != 0
    }

    /// Finds near-misses among sub-tokens; `covered[i]` is the length (in tokens) of
    /// the exact hit covering token `i`, 0 for none. A near-miss may swallow a shorter
    /// exact hit ("Central-Asia" holds an exact "Asia") but never a longer one.
    pub fn find(&self, text: &str, toks: &[SubToken<'_>], covered: &[usize]) -> Vec<Near> {
        self.find_ids(text, toks, &token_ids(toks), covered)
    }

    /// [`NearIndex::find`] with the tokens' ids already interned.
    pub fn find_ids(
        &self,
        text: &str,
        toks: &[SubToken<'_>],
        ids: &TokenIds,
        covered: &[usize],
    ) -> Vec<Near> {
        INFO_CACHE.with(|cell| {
            let mut cache = cell.borrow_mut();
            if cache.id != self.id
                || cache.generation != ids.generation
                || cache.infos.len() > INFO_CACHE_MAX
            {
                cache.id = self.id;
                cache.generation = ids.generation;
                cache.slots.clear();
                cache.flags.clear();
                cache.infos.clear();
            }
            for (t, &id) in toks.iter().zip(&ids.ids) {
                if cache
                    .slots
                    .get(id as usize)
                    .is_none_or(|&at| at == u32::MAX)
                {
                    self.token_info(&mut cache, id, t.text);
                }
            }
            let infos = Infos {
                ids: &ids.ids,
                slots: &cache.slots,
                flags: &cache.flags,
                infos: &cache.infos,
            };
            self.find_with(text, toks, covered, &infos)
        })
    }

    fn find_with(
        &self,
        text: &str,
        toks: &[SubToken<'_>],
        covered: &[usize],
        infos: &Infos<'_>,
    ) -> Vec<Near> {
        let mut cands: Vec<(Near, u32)> = Vec::new();
        for (i, tok) in toks.iter().enumerate() {
            // not near any term word, inside a long exact hit, or no Latin letter
            let flags = infos.flags(i);
            if flags & (ANCHOR | PREFIX) == 0 || covered[i] >= self.max_tokens {
                continue;
            }
            let info = infos.get(i);
            // a one-word name split in two: "Nazar-bayev", "Nazar bayev"
            if flags & PREFIX != 0
                && i + 1 < toks.len()
                && infos.flags(i + 1) & SUFFIX != 0
                && covered[i] == 0
                && covered[i + 1] == 0
            {
                let ph = info
                    .hash
                    .wrapping_mul(infos.get(i + 1).pow)
                    .wrapping_add(infos.get(i + 1).hash);
                if self.in_bloom(ph) {
                    let pair = || info.lower.chars().chain(infos.get(i + 1).lower.chars());
                    if let Some(ws) = self.table.get(&ph) {
                        for &w in ws {
                            if !self.words[w as usize].chars().eq(pair()) {
                                continue;
                            }
                            for &(fid, _) in &self.word_forms[w as usize] {
                                let f = &self.forms[fid as usize];
                                if f.toks.len() == 1 {
                                    let near = Near {
                                        concept: f.concept as usize,
                                        form: f.text.clone(),
                                        span: tok.start..toks[i + 1].end,
                                        tokens: i..i + 2,
                                        reason: Reason::Hyphenation,
                                    };
                                    cands.push((near, fid));
                                }
                            }
                        }
                    }
                }
            }
            if info.skip {
                continue;
            }
            // the forms anchored on the words this token's probes reach
            for &w in info.words.iter() {
                for &(fid, pos) in &self.word_forms[w as usize] {
                    if let Some(n) = self.align(toks, covered, infos, i, fid, pos as usize) {
                        cands.push((n, fid));
                    }
                }
            }
            // words run together: "Postsoviet" for "post-Soviet"
            if info.squashed {
                if let Some(fs) = self.squashed.get(&info.hash) {
                    for &fid in fs {
                        let f = &self.forms[fid as usize];
                        let near = Near {
                            concept: f.concept as usize,
                            form: f.text.clone(),
                            span: tok.start..tok.end,
                            tokens: i..i + 1,
                            reason: Reason::Hyphenation,
                        };
                        cands.push((near, fid));
                    }
                }
            }
        }
        if cands.is_empty() {
            return Vec::new();
        }
        // longest first, then leftmost, then the mildest reason, then the closest
        // spelling, then the termbase's order; drop overlaps
        let overlapping = |n: &Near| {
            cands
                .iter()
                .filter(|(m, _)| m.tokens.start < n.tokens.end && n.tokens.start < m.tokens.end)
                .nth(1)
                .is_some()
        };
        let overlaps: Vec<bool> = cands.iter().map(|(n, _)| overlapping(n)).collect();
        let mut cands: Vec<(Near, u32, f64)> = cands
            .into_iter()
            .zip(overlaps)
            .map(|((n, fid), several)| {
                // the similarity only breaks ties between overlapping candidates
                let sim = if several {
                    let found = text[n.span.clone()].to_lowercase();
                    strsim::normalized_damerau_levenshtein(&found, &n.form.to_lowercase())
                } else {
                    0.0
                };
                (n, fid, sim)
            })
            .collect();
        cands.sort_by(|(a, fa, sa), (b, fb, sb)| {
            (b.tokens.len(), a.tokens.start, a.reason)
                .cmp(&(a.tokens.len(), b.tokens.start, b.reason))
                .then(sb.total_cmp(sa))
                .then(fa.cmp(fb))
        });
        let mut taken = vec![false; toks.len()];
        let mut out = Vec::new();
        for (c, _, _) in cands {
            if c.tokens.clone().any(|t| taken[t]) {
                continue;
            }
            for t in c.tokens.clone() {
                taken[t] = true;
            }
            out.push(c);
        }
        out.sort_by_key(|n| n.span.start);
        out
    }

    /// The hashes to probe for a lower-case word: itself, its one-letter deletions
    /// (from five letters), and the word without a two- or three-letter Russian ending.
    fn probes(&self, chars: &[char], probes: &mut Vec<u64>) {
        probes.clear();
        probes.push(hash_chars(chars));
        if chars.len() >= 5 {
            let mut dels = Vec::new();
            delete_hashes(chars, &mut dels, &mut (Vec::new(), Vec::new()));
            probes.extend_from_slice(&dels);
        }
        for e in RUSSIAN_ENDINGS.iter().filter(|e| e.len() >= 2) {
            let el = e.len();
            if chars.len() >= el + 4 && chars[chars.len() - el..].iter().copied().eq(e.chars()) {
                probes.push(hash_chars(&chars[..chars.len() - el]));
            }
        }
    }

    /// The id of a token's [`TokInfo`] in the per-thread cache, computing it on the
    /// first sight: common words recur, and most of them are near no term.
    fn token_info(&self, cache: &mut InfoCache, token: u32, text: &str) -> u32 {
        let token = token as usize;
        if token >= cache.slots.len() {
            cache.slots.resize(token + 1, u32::MAX);
            cache.flags.resize(token + 1, 0);
        }
        if cache.slots[token] != u32::MAX {
            return cache.slots[token];
        }
        let norm = norm_en(text);
        let cyrillic = norm.bytes().any(|b| (0xD0..=0xD4).contains(&b));
        let lower = norm.to_lowercase();
        let lower_len = lower.chars().count();
        let hist = histogram(&lower);
        let mut info = TokInfo {
            skip: true,
            hash: 0,
            pow: 1,
            prefix: false,
            suffix: false,
            squashed: false,
            letters: 0,
            words: Box::default(),
            norm: norm.as_ref().into(),
            lower: lower.into(),
            lower_len,
            hist,
        };
        let folded = if cyrillic {
            cyrillic_to_latin(&norm)
        } else {
            None
        };
        let spelling = folded.as_deref().unwrap_or(&norm);
        // a word of Cyrillic look-alikes only ("АТОМ") anchors nothing, but `compare`
        // may accept it beside an anchor, so it needs the words it reaches too
        if spelling.bytes().any(|b| b.is_ascii_alphabetic()) {
            let mut chars = Vec::new();
            lower_into(spelling, &mut chars);
            let h = hash_chars(&chars);
            let mut probes = Vec::new();
            self.probes(&chars, &mut probes);
            let mut words: Vec<u32> = Vec::new();
            let mut hit = false;
            for &p in &probes {
                if !self.in_bloom(p) {
                    continue;
                }
                let Some(ws) = self.table.get(&p) else {
                    continue;
                };
                hit = true;
                for &w in ws {
                    if !words.contains(&w) {
                        words.push(w);
                    }
                }
            }
            info.words = words.into();
            if text.bytes().any(|b| b.is_ascii_alphabetic()) {
                info.squashed = chars.len() >= 5 && self.squashed.contains_key(&h);
                hit |= info.squashed;
                info.skip = !hit;
                info.hash = h;
                info.letters = chars.len();
                info.pow = (0..chars.len()).fold(1u64, |p, _| p.wrapping_mul(B));
                info.prefix = self.prefixes.contains_key(&h);
                info.suffix = self.suffixes.contains_key(&h);
            }
        }
        let id = cache.infos.len() as u32;
        cache.infos.push(info);
        cache.slots[token] = id;
        let info = &cache.infos[id as usize];
        let two = info.letters >= 2;
        cache.flags[token] = u8::from(two && !info.skip) * ANCHOR
            + u8::from(two && info.prefix) * PREFIX
            + u8::from(info.letters > 0 && info.suffix) * SUFFIX;
        id
    }

    /// Aligns form `fid` so that its token `pos` sits on text token `i`; returns the
    /// near-miss when every token matches exactly or nearly and at least one does not
    /// match exactly.
    fn align(
        &self,
        toks: &[SubToken<'_>],
        covered: &[usize],
        infos: &Infos<'_>,
        i: usize,
        fid: u32,
        pos: usize,
    ) -> Option<Near> {
        let f = &self.forms[fid as usize];
        let k = f.toks.len();
        let first = i.checked_sub(pos)?;
        if first + k > toks.len() {
            return None;
        }
        // cheap rejections first: a text token over a tight form word must reach it
        for j in 0..k {
            if covered[first + j] >= k
                || (f.tight[j] && !infos.get(first + j).words.contains(&f.word_ids[j]))
            {
                return None;
            }
        }
        let mut reason: Option<Reason> = None;
        for (j, ft) in f.toks.iter().enumerate() {
            let t = &toks[first + j];
            if j > 0 && t.joined != f.joined[j] {
                reason = reason.max(Some(Reason::Hyphenation));
            }
            let r = self.compare(infos.get(first + j), ft, &f.lower[j])?;
            reason = reason.max(r);
        }
        let reason = reason?;
        Some(Near {
            concept: f.concept as usize,
            form: f.text.clone(),
            span: toks[first].start..toks[first + k - 1].end,
            tokens: first..first + k,
            reason,
        })
    }

    /// Compares a text token with a form token `ft`: `Some(None)` exact,
    /// `Some(Some(r))` a near-miss for reason `r`, `None` different words.
    fn compare(&self, t: &TokInfo, ft: &str, fl: &FormWord) -> Option<Option<Reason>> {
        if *t.norm == *ft {
            return Some(None);
        }
        let tl = &*t.lower;
        if tl == fl.lower {
            if !fl.upper {
                return Some(None); // a lower-case term may take a capital
            }
            let all_caps = t
                .norm
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if all_caps && !is_acronym(ft) {
                return Some(None); // a heading in capitals
            }
            return Some(Some(Reason::Case));
        }
        if t.norm.bytes().any(|b| (0xD0..=0xD4).contains(&b)) {
            if let Some(latin) = cyrillic_to_latin(&t.norm) {
                if latin.to_lowercase() == fl.lower {
                    return Some(Some(Reason::Cyrillic));
                }
                return None;
            }
        }
        let fl_str = fl.lower.as_str();
        // derivations that are correct English: Asia/Asian, Kazakhstan/Kazakhstani
        for s in ENGLISH_SUFFIXES {
            if tl.strip_suffix(s) == Some(fl_str) || fl_str.strip_suffix(s) == Some(tl) {
                return None;
            }
        }
        if fl.upper {
            for e in RUSSIAN_ENDINGS {
                if tl.strip_suffix(e) == Some(fl_str) {
                    return Some(Some(Reason::RussianEnding));
                }
            }
        }
        // the distance is at least the difference in length: skip hopeless pairs
        let (a, b) = (t.lower_len, fl.len);
        let longest = a.max(b);
        if longest > 0 && 1.0 - (a.abs_diff(b) as f64) / (longest as f64) < self.threshold {
            return None;
        }
        // and at least the histogram bound
        if 1.0 - (histogram_bound(&t.hist, &fl.hist) as f64) / (longest as f64) < self.threshold {
            return None;
        }
        let sim = strsim::normalized_damerau_levenshtein(tl, fl_str);
        if sim >= self.threshold {
            return Some(Some(Reason::Spelling));
        }
        None
    }

    /// The number of indexed forms.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// True when no form is indexed.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::termbase::Concept;
    use crate::text::tokens::sub_tokens;
    use proptest::prelude::*;

    fn termbase(forms: &[(&str, &[&str])]) -> Termbase {
        Termbase {
            concepts: forms
                .iter()
                .enumerate()
                .map(|(i, (en, variants))| Concept {
                    id: format!("c{i}"),
                    ru: vec![format!("т{i}")],
                    en: en.to_string(),
                    variants: variants.iter().map(|v| v.to_string()).collect(),
                    ..Concept::default()
                })
                .collect(),
        }
    }

    fn find(idx: &NearIndex, text: &str) -> Vec<(String, String, Reason)> {
        let toks = sub_tokens(text, true);
        let covered = vec![0; toks.len()];
        idx.find(text, &toks, &covered)
            .into_iter()
            .map(|n| (text[n.span].to_string(), n.form, n.reason))
            .collect()
    }

    #[test]
    fn finds_each_kind_of_near_miss() {
        let tb = termbase(&[
            ("Nazarbayev", &[]),
            ("Eurasian Economic Community", &["EurAsEC"]),
            ("post-Soviet", &[]),
            ("Central Asian Cooperation Organization", &[]),
        ]);
        let idx = NearIndex::new(&tb, 0.85);
        let cases = [
            ("Nazarbaev said", "Nazarbaev", Reason::Spelling),
            ("Nazarbayeva said", "Nazarbayeva", Reason::RussianEnding),
            ("Nazar-bayev said", "Nazar-bayev", Reason::Hyphenation),
            ("the Eurasec", "Eurasec", Reason::Case),
            ("Postsoviet space", "Postsoviet", Reason::Hyphenation),
            ("N\u{0430}zarbayev", "N\u{0430}zarbayev", Reason::Cyrillic),
            (
                "the Central Asian Cooperation Organisation",
                "Central Asian Cooperation Organisation",
                Reason::Spelling,
            ),
        ];
        for (text, found, reason) in cases {
            let got = find(&idx, text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].2), (found, reason), "{text}");
        }
        for clean in [
            "Nazarbayev said",
            "the EurAsEC",
            "Asian and Kazakhstani",
            "",
        ] {
            assert!(find(&idx, clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn tight_words_are_those_whose_accepted_spellings_are_all_reached() {
        // 0.85: two edits pass from 12 letters on (1 - 2/14 = 0.857)
        assert!(NearIndex::tight(4, 0.85) && NearIndex::tight(11, 0.85));
        assert!(!NearIndex::tight(3, 0.85) && !NearIndex::tight(12, 0.85));
        // 0.7: a substitution in four letters passes (0.75), and two edits from five
        assert!(!NearIndex::tight(4, 0.7) && !NearIndex::tight(5, 0.7));
    }

    const SYLLABLES: &[&str] = &["na", "za", "r", "ba", "yev", "ov", "ka", "stan", "i", "ya"];

    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..SYLLABLES.len(), 1..5)
            .prop_map(|v| v.into_iter().map(|i| SYLLABLES[i]).collect())
    }

    fn edit(w: &str, op: u8, at: usize) -> String {
        let mut c: Vec<char> = w.chars().collect();
        if c.is_empty() {
            return w.to_string();
        }
        let i = at % c.len();
        match op % 7 {
            0 => {
                c.remove(i);
            }
            1 => c.insert(i, c[i]),
            2 if i + 1 < c.len() => c.swap(i, i + 1),
            3 => c[i] = if c[i] == 'a' { 'e' } else { 'a' },
            4 => c[0] = c[0].to_ascii_uppercase(),
            5 => c.extend("ogo".chars()),
            _ => {}
        }
        c.into_iter().collect()
    }

    proptest! {
        /// The histogram bound never exceeds the Damerau–Levenshtein distance.
        #[test]
        fn histogram_bound_is_a_lower_bound(a in "[a-eé]{0,12}", b in "[a-eé]{0,12}") {
            let d = strsim::damerau_levenshtein(&a, &b);
            prop_assert!(histogram_bound(&histogram(&a), &histogram(&b)) <= d);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Anchoring a form on its rarest tight word and filtering by reach finds
        /// exactly what anchoring on every word, without the filter, finds.
        #[test]
        fn anchoring_loses_nothing(
            forms in proptest::collection::vec(proptest::collection::vec(word(), 1..4), 1..12),
            picks in proptest::collection::vec((0usize..12, any::<u8>(), 0usize..8, any::<bool>()), 1..12),
            threshold in prop_oneof![Just(0.85), Just(0.7), Just(0.6), Just(0.9)],
        ) {
            let texts: Vec<String> = forms.iter().map(|f| f.join(" ")).collect();
            let tb = termbase(&texts.iter().map(|t| (t.as_str(), &[][..])).collect::<Vec<_>>());
            let fast = NearIndex::build(&tb, threshold, false);
            let plain = NearIndex::build(&tb, threshold, true);
            let mut text = Vec::new();
            for (k, op, at, hyphen) in picks {
                let f = &forms[k % forms.len()];
                let words: Vec<String> = f
                    .iter()
                    .enumerate()
                    .map(|(j, w)| if j == at % f.len() { edit(w, op, at) } else { w.clone() })
                    .collect();
                text.push(words.join(if hyphen { "-" } else { " " }));
                text.push("and".to_string());
            }
            let text = text.join(" ");
            prop_assert_eq!(find(&fast, &text), find(&plain, &text), "{}", text);
        }
    }
}
