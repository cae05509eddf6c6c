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

use super::super::termbase::matcher::{FxHashMap, SubToken};
use super::super::termbase::stem::{is_acronym, norm_en};
use super::super::termbase::Termbase;

const B: u64 = 0x100000001b3;

/// What the index knows of one token: (nothing to find, hash of its lower-case
/// letters, letter count, the indexed words its probes reach in probe order).
type TokInfo = (bool, u64, usize, Option<std::rc::Rc<[u32]>>);

type InfoCache = (u64, FxHashMap<Box<str>, TokInfo>);

thread_local! {
    static INFO_CACHE: std::cell::RefCell<InfoCache> = std::cell::RefCell::new((0, FxHashMap::default()));
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
    /// per token: its lower-case spelling and whether it has a capital (for `compare`)
    lower: Vec<(String, bool)>,
}

/// The near-miss index over a termbase's approved English forms and variants.
#[derive(Debug, Clone)]
pub struct NearIndex {
    forms: Vec<Form>,
    /// distinct lower-case words
    words: Vec<String>,
    /// (form, position) per word
    word_forms: Vec<Vec<(u32, u16)>>,
    /// hash of word or one-deletion → word ids
    table: FxHashMap<u64, Vec<u32>>,
    /// squashed (lower-case, no spaces or hyphens) multiword forms → form ids
    squashed: FxHashMap<u64, Vec<u32>>,
    bloom: Vec<u64>,
    threshold: f64,
    max_tokens: usize,
    /// Distinguishes indexes in the per-thread token cache.
    id: u64,
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
        let mut idx = NearIndex {
            forms: Vec::new(),
            words: Vec::new(),
            word_forms: Vec::new(),
            table: FxHashMap::default(),
            squashed: FxHashMap::default(),
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
                let subs = super::super::termbase::matcher::sub_tokens(f, true);
                if subs.is_empty() {
                    continue;
                }
                let fid = idx.forms.len() as u32;
                let toks: Vec<String> = subs.iter().map(|t| norm_en(t.text).into_owned()).collect();
                let joined = subs.iter().map(|t| t.joined).collect();
                for (pos, t) in toks.iter().enumerate() {
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
                    idx.word_forms[wid as usize].push((fid, pos as u16));
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
                        .map(|t| (t.to_lowercase(), t.chars().any(char::is_uppercase)))
                        .collect(),
                    toks,
                    joined,
                });
            }
        }
        idx
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
        let mut cands: Vec<Near> = Vec::new();
        let mut chars: Vec<char> = Vec::new();
        let mut next: Vec<char> = Vec::new();
        // per token: (nothing to find, hash of its lower-case letters, letter count)
        let infos: Vec<TokInfo> = toks.iter().map(|t| self.token_info(t)).collect();
        for (i, tok) in toks.iter().enumerate() {
            if covered[i] >= self.max_tokens || infos[i].2 < 2 {
                continue; // inside a long exact hit, or no Latin letter: not a near-miss
            }
            let h = infos[i].1;
            // a one-word name split in two: "Nazar-bayev", "Nazar bayev"
            if i + 1 < toks.len() && covered[i] == 0 && covered[i + 1] == 0 && infos[i + 1].2 > 0 {
                let pw = (0..infos[i + 1].2).fold(1u64, |p, _| p.wrapping_mul(B));
                let ph = h.wrapping_mul(pw).wrapping_add(infos[i + 1].1);
                if self.in_bloom(ph) {
                    lower_into(&norm_en(tok.text), &mut chars);
                    lower_into(&norm_en(toks[i + 1].text), &mut next);
                    let pair = || chars.iter().chain(next.iter()).copied();
                    if let Some(ws) = self.table.get(&ph) {
                        for &w in ws {
                            if self.words[w as usize].chars().eq(pair()) {
                                for &(fid, _) in &self.word_forms[w as usize] {
                                    let f = &self.forms[fid as usize];
                                    if f.toks.len() == 1 {
                                        cands.push(Near {
                                            concept: f.concept as usize,
                                            form: f.text.clone(),
                                            span: tok.start..toks[i + 1].end,
                                            tokens: i..i + 2,
                                            reason: Reason::Hyphenation,
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if infos[i].0 {
                continue;
            }
            // the words the probes reach, computed once per distinct token
            for &w in infos[i].3.as_deref().unwrap_or(&[]) {
                for &(fid, pos) in &self.word_forms[w as usize] {
                    if let Some(n) = self.align(text, toks, covered, i, fid, pos as usize) {
                        cands.push(n);
                    }
                }
            }
            // words run together: "Postsoviet" for "post-Soviet"
            if infos[i].2 >= 5 && self.in_bloom(h) {
                if let Some(fs) = self.squashed.get(&h) {
                    for &fid in fs {
                        let f = &self.forms[fid as usize];
                        cands.push(Near {
                            concept: f.concept as usize,
                            form: f.text.clone(),
                            span: tok.start..tok.end,
                            tokens: i..i + 1,
                            reason: Reason::Hyphenation,
                        });
                    }
                }
            }
        }
        // longest first, then leftmost; drop overlaps
        cands.sort_by(|a, b| {
            (b.tokens.len(), a.tokens.start, a.reason).cmp(&(
                a.tokens.len(),
                b.tokens.start,
                b.reason,
            ))
        });
        let mut taken = vec![false; toks.len()];
        let mut out = Vec::new();
        for c in cands {
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
    /// (from five letters), and the word without a two-letter Russian ending.
    fn probes(
        &self,
        chars: &[char],
        probes: &mut Vec<u64>,
        dels: &mut Vec<u64>,
        scratch: &mut (Vec<u64>, Vec<u64>),
    ) {
        probes.clear();
        probes.push(hash_chars(chars));
        if chars.len() >= 5 {
            delete_hashes(chars, dels, scratch);
            probes.extend_from_slice(dels);
        }
        for e in RUSSIAN_ENDINGS.iter().filter(|e| e.len() >= 2) {
            let el = e.len();
            if chars.len() >= el + 4 && chars[chars.len() - el..].iter().copied().eq(e.chars()) {
                probes.push(hash_chars(&chars[..chars.len() - el]));
            }
        }
    }

    /// (nothing to find, hash, letter count) of a token, cached per thread: common
    /// words recur, and most of them are near no term.
    fn token_info(&self, tok: &SubToken<'_>) -> TokInfo {
        if !tok.text.bytes().any(|b| b.is_ascii_alphabetic()) {
            return (true, 0, 0, None);
        }
        INFO_CACHE.with(|cache| {
            let mut c = cache.borrow_mut();
            if c.0 != self.id || c.1.len() > 1_000_000 {
                c.0 = self.id;
                c.1.clear();
            }
            if let Some(v) = c.1.get(tok.text) {
                return v.clone();
            }
            let norm = norm_en(tok.text);
            let folded = if tok.text.bytes().any(|b| (0xD0..=0xD4).contains(&b)) {
                cyrillic_to_latin(&norm)
            } else {
                None
            };
            let mut chars = Vec::new();
            lower_into(folded.as_deref().unwrap_or(&norm), &mut chars);
            let h = hash_chars(&chars);
            let mut probes = Vec::new();
            self.probes(
                &chars,
                &mut probes,
                &mut Vec::new(),
                &mut (Vec::new(), Vec::new()),
            );
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
            hit |= chars.len() >= 5 && self.squashed.contains_key(&h);
            let words = (!words.is_empty()).then(|| std::rc::Rc::from(words));
            let v = (!hit, h, chars.len(), words);
            c.1.insert(tok.text.into(), v.clone());
            v
        })
    }

    /// Aligns form `fid` so that its token `pos` sits on text token `i`; returns the
    /// near-miss when every token matches exactly or nearly and at least one does not
    /// match exactly.
    fn align(
        &self,
        _text: &str,
        toks: &[SubToken<'_>],
        covered: &[usize],
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
        let mut reason: Option<Reason> = None;
        for (j, ft) in f.toks.iter().enumerate() {
            let t = &toks[first + j];
            if covered[first + j] >= k {
                return None;
            }
            if j > 0 && t.joined != f.joined[j] {
                reason = reason.max(Some(Reason::Hyphenation));
            }
            let (fl, upper) = &f.lower[j];
            let r = self.compare(&norm_en(t.text), ft, fl, *upper)?;
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

    /// Compares a text token with a form token: `Some(None)` exact, `Some(Some(r))` a
    /// near-miss for reason `r`, `None` different words.
    /// `fl` and `form_has_upper` are `ft` in lower case and whether it has a capital,
    /// computed once per form.
    fn compare(&self, t: &str, ft: &str, fl: &str, form_has_upper: bool) -> Option<Option<Reason>> {
        if t == ft {
            return Some(None);
        }
        let tl = t.to_lowercase();
        if tl == fl {
            if !form_has_upper {
                return Some(None); // a lower-case term may take a capital
            }
            let all_caps = t
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if all_caps && !is_acronym(ft) {
                return Some(None); // a heading in capitals
            }
            return Some(Some(Reason::Case));
        }
        if let Some(latin) = cyrillic_to_latin(t) {
            if latin.to_lowercase() == fl {
                return Some(Some(Reason::Cyrillic));
            }
            return None;
        }
        // derivations that are correct English: Asia/Asian, Kazakhstan/Kazakhstani
        for s in ENGLISH_SUFFIXES {
            if tl.strip_suffix(s) == Some(fl) || fl.strip_suffix(s) == Some(tl.as_str()) {
                return None;
            }
        }
        if form_has_upper {
            for e in RUSSIAN_ENDINGS {
                if tl.strip_suffix(e) == Some(fl) {
                    return Some(Some(Reason::RussianEnding));
                }
            }
        }
        let sim = strsim::normalized_damerau_levenshtein(&tl, fl);
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
