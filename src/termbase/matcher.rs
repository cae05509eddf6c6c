//! Finding termbase terms in Russian and English text with a token trie.
//!
//! Every term form is turned into a sequence of token keys (a Russian stem, an acronym
//! kept exactly, an English word without plural or possessive, with a case-sensitive
//! or case-insensitive flag) and inserted into a trie keyed by interned token ids. A
//! text is tokenised once and walked through the trie from each token, keeping the
//! longest match (leftmost-longest), so the cost depends on the text's length and the
//! longest term, not on how many concepts the termbase holds.

use std::ops::Range;

pub use crate::text::hash::{FxHashMap, FxHasher};
pub use crate::text::intern::{token_ids, token_ids_in, TokenIds};
pub use crate::text::tokens::{sub_tokens, SubToken};

use super::{CaseRule, Termbase};
use crate::text::lemma::{is_capitalised, with_lemmas};
use crate::text::stem::{is_acronym, norm_en, stem_ru_folded, with_stems};

/// How Russian words are keyed (see the module doc and `docs/design.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RuMatch {
    /// Every word by its Snowball stem (the matcher before dictionary lemmas).
    Stem,
    /// Proper names by their dictionary lemma, in capitalised text words only; other
    /// words, and names the dictionary does not know, by stem.
    #[default]
    Lemma,
}

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
    /// whether any term token is keyed as a name (`L:` or `N:`): only then does a
    /// capitalised text word need a dictionary lookup
    names: bool,
    /// per node: a term of [`GAP_MIN_TOKENS`] or more tokens continues from it, so a
    /// walk may skip up to [`MAX_GAP`] text words there (Russian only)
    gap: Vec<bool>,
    /// whether any node is a gap node
    gaps: bool,
}

/// The most text words a Russian multiword term may have inserted between two of
/// its words ("Закон РК «О языках»" for "Закон «О языках»", "Организация
/// Объединённых Наций по вопросам образования"), in all.
pub const MAX_GAP: usize = 2;

/// Only terms of at least this many words take inserted words: a two-word term
/// ("ядерная держава") with a gap would match "ядерная программа и держава".
pub const GAP_MIN_TOKENS: usize = 3;

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

    fn insert(&mut self, alternatives: &[Vec<u32>], t: Terminal, gaps: bool) {
        if alternatives.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(alternatives.len());
        let gaps = gaps && alternatives.len() >= GAP_MIN_TOKENS;
        let mut nodes = vec![0u32];
        for (depth, alts) in alternatives.iter().enumerate() {
            if gaps && depth > 0 {
                for &n in &nodes {
                    let n = n as usize;
                    if self.gap.len() <= n {
                        self.gap.resize(n + 1, false);
                    }
                    self.gap[n] = true;
                }
            }
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
        let (mut roots, mut nr) = ([0u32; MAX_KEYS], 0);
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
        self.gap.resize(self.terminals.len(), false);
        self.gaps = self.gap.iter().any(|&g| g);
    }

    /// Leftmost-longest walk; `keys[i]` holds (root children, continuation keys) per
    /// token. `breaks[j]` (Russian only) says a sentence or phrase ends between tokens
    /// `j - 1` and `j` ([`gap_break`]): at a gap node the walk may skip up to [`MAX_GAP`] whole words, never
    /// across such a break; among matches ending at the same token the one with fewer
    /// skipped words wins.
    fn walk(
        &self,
        keys: &KeysView<'_>,
        breaks: Option<&[bool]>,
        mut emit: impl FnMut(usize, usize, &Terminal),
    ) {
        let mut i = 0;
        // (node, next token, words skipped, the last step was a skip)
        let mut stack: Vec<(u32, usize, u8, bool)> = Vec::new();
        while i < keys.len() {
            if keys.get(i).nr == 0 {
                i += 1; // no term starts here (most words of a text)
                continue;
            }
            let mut best: Option<(usize, u8, u32)> = None;
            stack.clear();
            for &child in keys.get(i).roots() {
                if self.terminal[child as usize] && best.is_none() {
                    best = Some((i, 0, child));
                }
                stack.push((child, i + 1, 0, false));
            }
            while let Some((node, j, gaps, skipped)) = stack.pop() {
                if j >= keys.len() {
                    continue;
                }
                // a word after a skip, and a skipped word, start a word of their own
                // and follow no sentence break
                let free = |j: usize| !keys.toks[j].joined && breaks.is_some_and(|b| !b[j]);
                if !skipped || free(j) {
                    for &k in keys.get(j).cont() {
                        if let Some(&child) = self.edges.get(&(node, k)) {
                            let better = best.is_none_or(|(e, g, _)| j > e || j == e && gaps < g);
                            // a node's depth is its terms' length: a short term takes no gap
                            let long = gaps == 0 || j + 1 - i - gaps as usize >= GAP_MIN_TOKENS;
                            if self.terminal[child as usize] && better && long {
                                best = Some((j, gaps, child));
                            }
                            stack.push((child, j + 1, gaps, false));
                        }
                    }
                }
                if (gaps as usize) < MAX_GAP && self.gap[node as usize] && free(j) {
                    stack.push((node, j + 1, gaps + 1, true));
                }
            }
            match best {
                Some((end, _, node)) => {
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
    ru_match: RuMatch,
    /// Distinguishes matchers in the per-thread token-key cache.
    id: u64,
}

static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

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

/// The keys of one token of a Russian termbase form. `name` marks a token written as
/// a proper name (see [`is_name_token`]): in [`RuMatch::Lemma`] it is keyed by its
/// dictionary lemmas (`L:`), which a capitalised text word the dictionary knows meets,
/// and by its stems (`N:`), which a capitalised text word the dictionary does not know
/// meets (the dictionary knows "Евменов", misread as a possessive, but not
/// "Евменова"); every other token by its stems (`s:`).
fn ru_keys(tok: &SubToken<'_>, joiner: char, name: bool, paradigm: bool, buf: &mut Vec<String>) {
    buf.clear();
    let j = if joiner == '-' { '-' } else { ' ' };
    if is_acronym(tok.text) {
        buf.push(format!("{j}A:{}", tok.text));
        return;
    }
    if name {
        with_lemmas(tok.text, |l| {
            let keys = if l.proper.is_empty() {
                &l.all
            } else {
                &l.proper
            };
            for lemma in keys.iter().take(3) {
                buf.push(format!("{j}L:{lemma}"));
            }
        });
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
    let tag = if name { "N" } else { "s" };
    buf.push(format!("{j}{tag}:{s}"));
    if s2 != s && s2.chars().count() >= 3 {
        buf.push(format!("{j}{tag}:{s2}"));
    }
    if paradigm && !name {
        // the stems of the word's other forms where Snowball cuts them differently
        // ("день" → ден, "дня" → дня), at most PARADIGM_KEYS of them
        let mut extra = 0;
        for form in crate::text::lemma::paradigm(tok.text) {
            let k = format!("{j}s:{}", stem_ru_folded(&form));
            if form.chars().count() >= 3 && !buf.contains(&k) && extra < PARADIGM_KEYS {
                buf.push(k);
                extra += 1;
            }
        }
    }
}

/// Extra stems a general term token may take from its paradigm: the trie holds one
/// path per combination of a term's token keys, so these are few.
const PARADIGM_KEYS: usize = 6;

/// Whether token `k` of a Russian termbase form of `n` tokens is written as a proper
/// name: capitalised (not an acronym, not an initial), and either not the first token
/// ("Банк России", "Генеральная Ассамблея"), or the whole form ("Маск", "Динамо"), or
/// a proper noun by the dictionary ("Михаил Дегтярёв"). The capital of a first word
/// that the dictionary calls a common noun or adjective ("Министерство обороны",
/// "Хабаровский край") is the capital of a title, and that word stays on stems.
fn is_name_token(tok: &SubToken<'_>, k: usize, n: usize) -> bool {
    if is_acronym(tok.text) || !is_capitalised(tok.text) {
        return false;
    }
    k > 0 || n == 1 || with_lemmas(tok.text, |l| !l.proper.is_empty())
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
    /// Compiles a termbase (Russian names by lemma: [`RuMatch::Lemma`]).
    pub fn new(termbase: &Termbase) -> Matcher {
        Matcher::with_ru_match(termbase, RuMatch::default())
    }

    /// Compiles a termbase with the given keying of Russian words.
    pub fn with_ru_match(termbase: &Termbase, ru_match: RuMatch) -> Matcher {
        let mut m = Matcher {
            ru: std::sync::OnceLock::new(),
            ru_forms: Vec::new(),
            en: Trie::new(),
            forms: Vec::new(),
            ru_match,
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
                    false,
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
            let lemma = self.ru_match == RuMatch::Lemma;
            for &(concept, form) in &self.ru_forms {
                let toks = sub_tokens(&self.forms[form as usize], false);
                let alts: Vec<Vec<u32>> = toks
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        let name = lemma && is_name_token(t, k, toks.len());
                        trie.names |= name;
                        ru_keys(t, joiner(k, t), name, lemma, &mut buf);
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
                    true,
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
        let raw = self.with_keys(&toks, &ids, false, |k| {
            self.raw_hits(self.ru(), &toks, k, Some(text))
        });
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
        let raw = self.with_keys(toks, &ids, true, |k| self.raw_hits(&self.en, toks, k, None));
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

    /// The hits of one text; `text` (Russian only) allows gaps inside long terms.
    fn raw_hits(
        &self,
        trie: &Trie,
        toks: &[SubToken<'_>],
        keys: &KeysView<'_>,
        text: Option<&str>,
    ) -> Vec<RawHit> {
        let mut out = Vec::new();
        if (0..keys.len()).all(|i| keys.get(i).nr == 0) {
            return out; // no token starts a term
        }
        let breaks = text.filter(|_| trie.gaps).map(|text| {
            let mut b = vec![true; toks.len()];
            for j in 1..toks.len() {
                b[j] = gap_break(&text[toks[j - 1].end.min(toks[j].start)..toks[j].start]);
            }
            b
        });
        trie.walk(keys, breaks.as_deref(), |i, j, t| {
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
        self.with_keys(&toks, &ids, false, |k| {
            self.raw_hits(self.ru(), &toks, k, Some(text))
        })
    }

    /// [`Matcher::find_en_tokens`] without the form strings.
    pub fn find_en_tokens_raw(&self, toks: &[SubToken<'_>]) -> Vec<RawHit> {
        self.find_en_ids_raw(toks, &token_ids(toks))
    }

    /// [`Matcher::find_en_tokens_raw`] with the tokens' ids already interned.
    pub fn find_en_ids_raw(&self, toks: &[SubToken<'_>], ids: &TokenIds) -> Vec<RawHit> {
        self.with_keys(toks, ids, true, |k| self.raw_hits(&self.en, toks, k, None))
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
                            ru_text_keys(&t, self.ru(), &mut buf, &mut scratch),
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

/// Whether the text between two words keeps a gap from spanning it: the end of a
/// sentence (a full stop, question or exclamation mark, ellipsis, semicolon), of a
/// paragraph (a blank line), or of a phrase (a comma, colon, bracket or dash). A word
/// inserted into a name stands in it without punctuation ("Закон РК «О языках»").
fn gap_break(between: &str) -> bool {
    if between.contains([
        '.', '!', '?', '…', ';', ',', ':', '(', ')', '[', ']', '—', '–',
    ]) {
        return true;
    }
    let lines: Vec<&str> = between.split('\n').collect();
    lines.len() >= 3
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.trim().is_empty())
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
    ids: [u32; 2 * MAX_KEYS],
    ns: u8,
    nc: u8,
    /// the trie nodes the start keys lead to from the root (most tokens: none)
    roots: [u32; MAX_KEYS],
    nr: u8,
}

/// Start (and continuation) keys kept per text token: an acronym, two stems, and the
/// lemmas of a name; a token whose keys are in the termbase rarely has more than two.
const MAX_KEYS: usize = 4;

impl Keys {
    fn roots(&self) -> &[u32] {
        &self.roots[..self.nr as usize]
    }
    fn start(&self) -> &[u32] {
        &self.ids[..self.ns as usize]
    }
    fn cont(&self) -> &[u32] {
        &self.ids[MAX_KEYS..MAX_KEYS + self.nc as usize]
    }
    fn push(&mut self, cont: bool, id: u32) {
        if self.start().contains(&id) && !cont || self.cont().contains(&id) && cont {
            return;
        }
        if cont {
            if (self.nc as usize) < MAX_KEYS {
                self.ids[MAX_KEYS + self.nc as usize] = id;
                self.nc += 1;
            }
        } else if (self.ns as usize) < MAX_KEYS {
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
    ids: [0; 2 * MAX_KEYS],
    ns: 0,
    nc: 0,
    roots: [0; MAX_KEYS],
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

fn ru_text_keys(tok: &SubToken<'_>, trie: &Trie, buf: &mut String, folded: &mut String) -> Keys {
    let vocab = &trie.vocab;
    let mut keys = Keys::default();
    if is_acronym(tok.text) {
        probe(vocab, tok.joined, "A:", tok.text, buf, &mut keys);
    }
    folded.clear();
    for c in tok.text.chars() {
        crate::text::fold_char_into(c, folded);
    }
    // a capitalised word meets a name by its lemmas if the dictionary knows it, by
    // its stems if not
    let name = trie.names && is_capitalised(tok.text);
    let known = name
        && with_lemmas(tok.text, |l| {
            for lemma in &l.all {
                probe(vocab, tok.joined, "L:", lemma, buf, &mut keys);
            }
            l.known
        });
    with_stems(folded, |s, s2| {
        let stems = [Some(s), (s2 != s && s2.chars().count() >= 3).then_some(s2)];
        for s in stems.into_iter().flatten() {
            probe(vocab, tok.joined, "s:", s, buf, &mut keys);
            if name && !known {
                probe(vocab, tok.joined, "N:", s, buf, &mut keys);
            }
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
    fn long_russian_terms_take_a_bounded_gap_within_a_sentence() {
        let mut tb = tb();
        let c = |id: &str, ru: &str| Concept {
            id: id.into(),
            ru: vec![ru.into()],
            en: id.into(),
            ..Concept::default()
        };
        tb.concepts.push(c("lang-law", "Закон «О языках»"));
        tb.concepts
            .push(c("unesco", "Организация по вопросам образования"));
        let m = Matcher::new(&tb);
        let found = |text: &str| -> Vec<String> {
            m.find_ru(text)
                .iter()
                .map(|h| format!("{}={}", tb.concepts[h.concept].id, &text[h.span.clone()]))
                .collect()
        };
        assert_eq!(
            found("согласно Закону РК «О языках» и"),
            ["lang-law=Закону РК «О языках"]
        );
        assert_eq!(
            found("Закон Республики Казахстан «О языках»"),
            ["lang-law=Закон Республики Казахстан «О языках"]
        );
        // three inserted words are too many; a sentence break is never crossed
        let law = |text: &str| found(text).iter().any(|h| h.starts_with("lang-law"));
        assert!(!law("Закон Республики Казахстан от «О языках»"));
        // nor a comma or bracket: "Билла (да, Билл и Тед" is not one name
        assert!(!law("Закон (РК) «О языках»"));
        assert!(!law("Закон, РК, «О языках»"));
        assert!(found("Закон принят. О языках").is_empty());
        assert!(found("Закон принят\n\nО языках").is_empty());
        assert_eq!(
            found("Организации Объединённых Наций по вопросам образования"),
            ["unesco=Организации Объединённых Наций по вопросам образования"]
        );
        // a two-word term takes no gap
        assert!(found("ядерная программа и держава").is_empty());
        assert_eq!(found("ядерная держава"), ["nuclear-powers=ядерная держава"]);
    }

    #[test]
    fn names_by_lemma_stems_for_the_rest() {
        let c = |id: &str, ru: &str| Concept {
            id: id.into(),
            ru: vec![ru.into()],
            en: id.into(),
            ..Concept::default()
        };
        let tb = Termbase {
            concepts: vec![
                c("sudan", "Судан"),
                c("georgia", "Грузия"),
                c("musk", "Маск"),
                c("germany", "Германия"),
                c("armenia", "Армения"),
                c("yevmenov", "Евменов"),
                c("navy-day", "День ВМФ"),
            ],
        };
        let hits = |m: &Matcher, text: &str| -> Vec<String> {
            m.find_ru(text)
                .iter()
                .map(|h| format!("{}={}", tb.concepts[h.concept].id, &text[h.span.clone()]))
                .collect()
        };
        let lemma = Matcher::new(&tb);
        let stem = Matcher::with_ru_match(&tb, RuMatch::Stem);
        let text = "суда и грузов, маска, Герман Греф, армии";
        assert!(hits(&lemma, text).is_empty(), "{:?}", hits(&lemma, text));
        assert_eq!(hits(&stem, text).len(), 5, "{:?}", hits(&stem, text));
        assert_eq!(
            hits(&lemma, "в Судане, ГРУЗИИ, Илона Маска, Германии и Армении"),
            [
                "sudan=Судане",
                "georgia=ГРУЗИИ",
                "musk=Маска",
                "germany=Германии",
                "armenia=Армении"
            ]
        );
        // a form the dictionary does not know meets the name by its stem
        assert_eq!(hits(&lemma, "адмирала Евменова"), ["yevmenov=Евменова"]);
        // a general word meets the stems of its paradigm: день / Дня
        assert_eq!(hits(&lemma, "Дня ВМФ"), ["navy-day=Дня ВМФ"]);
    }

    proptest::proptest! {
        /// The per-thread key and lemma caches change nothing: a text matched on a
        /// fresh matcher (cold caches, first words first) gives what it gives after
        /// any other texts warmed them, and the lemma matcher never reports a name in
        /// a lower-case word.
        #[test]
        fn cached_keys_equal_fresh_keys(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Судана", "суда", "Грузии", "грузов", "ГРУЗИИ", "Маска", "маска", "Герман",
                    "Германии", "армии", "Армении", "Закон", "РК", "«О", "языках»", "и", ".",
                    "Центральной", "Азии", "Назарбаева", "Евменова", "Дня", "ВМФ",
                ]),
                0..12,
            ),
            warm in proptest::collection::vec(
                proptest::sample::select(vec!["суда Судан", "Маск маска", "Дня ВМФ", "Армения"]),
                0..3,
            ),
        ) {
            let text = words.join(" ");
            let mut tb = tb();
            for (id, ru) in [("sudan", "Судан"), ("georgia", "Грузия"), ("musk", "Маск"),
                ("germany", "Германия"), ("armenia", "Армения"), ("yevmenov", "Евменов"),
                ("navy-day", "День ВМФ"), ("law", "Закон «О языках»")] {
                tb.concepts.push(Concept { id: id.into(), ru: vec![ru.into()], en: id.into(), ..Concept::default() });
            }
            let spans = |m: &Matcher| -> Vec<(usize, std::ops::Range<usize>)> {
                m.find_ru(&text).into_iter().map(|h| (h.concept, h.span)).collect()
            };
            let cold = spans(&Matcher::new(&tb));
            let m = Matcher::new(&tb);
            for w in &warm {
                m.find_ru(w);
            }
            proptest::prop_assert_eq!(&spans(&m), &cold);
            proptest::prop_assert_eq!(&spans(&m), &cold);
            for (c, span) in &cold {
                let first = text[span.clone()].chars().next().unwrap_or(' ');
                if tb.concepts[*c].ru[0].starts_with(|ch: char| ch.is_uppercase()) && tb.concepts[*c].ru.len() == 1 {
                    proptest::prop_assert!(first.is_uppercase() || first == '«', "{}", &text[span.clone()]);
                }
            }
        }
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
