//! The boundary rules: candidate scan and the decision at each candidate.

use std::ops::Range;

use memchr::{memchr2, memchr3};

use super::{Kind, Lang, Segmenter};

const ELLIPSIS: &[u8] = "…".as_bytes();

/// Closing punctuation that may follow a terminator and still belongs to the sentence.
fn closer_len(b: &[u8], k: usize) -> usize {
    match b[k] {
        b'"' | b'\'' | b')' | b']' | b'}' => 1,
        0xC2 if b.get(k + 1) == Some(&0xBB) => 2, // »
        0xE2 if b.get(k + 1) == Some(&0x80) => match b.get(k + 2) {
            // ” “ ’ ›
            Some(0x9D) | Some(0x9C) | Some(0x99) | Some(0xBA) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Length of the terminator at `k` (`.`, `!`, `?`, `…`), or 0.
fn term_len(b: &[u8], k: usize) -> usize {
    match b[k] {
        b'.' | b'!' | b'?' => 1,
        0xE2 if b[k..].starts_with(ELLIPSIS) => 3,
        _ => 0,
    }
}

// Character classes with fast paths for ASCII and basic Cyrillic, which is nearly all
// the text; the standard library's Unicode tables cover the rest.

fn is_alpha(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'А'..='я' | 'Ё' | 'ё' => true,
        '\0'..='\x7f' => false,
        _ => c.is_alphabetic(),
    }
}

fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        '\0'..='\x7f' | 'а'..='я' | 'ё' => false,
        _ => c.is_uppercase(),
    }
}

fn is_lower(c: char) -> bool {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' => true,
        '\0'..='\x7f' | 'А'..='Я' | 'Ё' => false,
        _ => c.is_lowercase(),
    }
}

fn is_alnum(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'А'..='я' | 'Ё' | 'ё' => true,
        '\0'..='\x7f' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Lowercase of ASCII and basic Cyrillic letters (one char each); `None` otherwise.
fn fast_lower(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'Ё' => Some('ё'),
        '\0'..='\x7f' | 'а'..='я' | 'ё' => Some(c),
        _ => None,
    }
}

/// Bullets that may precede a list marker.
const BULLETS: &[char] = &['•', '⁃', '·', '▪', '◦', '‣'];

/// A list marker: "12" or a single lowercase ASCII letter, as a number.
fn marker_value(m: &str) -> Option<u32> {
    if (1..=3).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit()) {
        return m.parse().ok();
    }
    match m.as_bytes() {
        [c @ b'a'..=b'z'] => Some(1000 + u32::from(*c)),
        _ => None,
    }
}

/// The marker just before byte `i` (the delimiter): its start and value.
fn marker_before(p: &str, lo: usize, i: usize) -> Option<(usize, u32)> {
    let b = p.as_bytes();
    let mut m = i;
    while m > lo && b[m - 1].is_ascii_digit() {
        m -= 1;
    }
    if m == i && i > lo && b[i - 1].is_ascii_lowercase() {
        m = i - 1;
    }
    if m > lo && b[m - 1].is_ascii_alphanumeric() {
        return None; // part of a word or number: "item2.", "v12."
    }
    Some((m, marker_value(&p[m..i])?))
}

/// For an unpunctuated list ("1. The first item 2. The second item",
/// "1) one 2) two", "• 9. nine • 10. ten"): when the sentence at `start` opens with
/// item N and the delimiter at `i` closes marker N+1, the byte where item N+1 starts.
fn list_item_break(p: &str, start: usize, i: usize) -> Option<usize> {
    let b = p.as_bytes();
    let delim = b[i];
    let (m, value) = marker_before(p, start, i)?;
    // Whitespace (and maybe a bullet) before the marker, and text before that.
    let mut cut = m;
    let pre = p[start..m].trim_end();
    if let Some(c) = pre.chars().next_back().filter(|c| BULLETS.contains(c)) {
        cut = start + pre.len() - c.len_utf8();
    }
    let pre = &p[start..cut];
    if !pre.ends_with(char::is_whitespace) || pre.trim().is_empty() {
        return None;
    }
    // A capital after the delimiter (".)" counts as one delimiter).
    let mut rest = &p[i + 1..];
    if delim == b'.' {
        rest = rest.strip_prefix(')').unwrap_or(rest);
    }
    let rest_t = rest.trim_start();
    if rest_t.len() == rest.len() || !rest_t.chars().next().is_some_and(is_upper) {
        return None;
    }
    // Item N, with the same delimiter, opens the sentence or follows a colon or bullet.
    let prev = value.checked_sub(1)?;
    let prev_text = if prev >= 1000 {
        char::from_u32(prev - 1000)?.to_string()
    } else {
        prev.to_string()
    };
    let head = &p[start..cut];
    head.match_indices(prev_text.as_str())
        .any(|(at, mt)| {
            let after = head.as_bytes().get(at + mt.len()) == Some(&delim);
            let lead =
                head[..at].trim_end_matches(|c: char| c.is_whitespace() || BULLETS.contains(&c));
            after
                && (lead.is_empty() || lead.ends_with(':'))
                && (at == 0 || !head[..at].ends_with(|c: char| c.is_alphanumeric()))
        })
        .then_some(cut)
}

/// The first `n` bytes of `s` or a little less (a char boundary): bounds the scans of
/// the sentence so far, so a paragraph with no boundary stays linear.
fn head(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Skips whitespace from byte `i`.
fn skip_ws(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    i + (rest.len() - rest.trim_start().len())
}

/// Is `c` punctuation that may open a sentence (quotes, brackets, dialogue dashes)?
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '„'
            | '"'
            | '“'
            | '‘'
            | '\''
            | '('
            | '['
            | '{'
            | '—'
            | '–'
            | '-'
            | '‹'
            | '‚'
            | '•'
            | '`'
            | '*'
    ) || c.is_whitespace()
}

/// Skips what may stand before the first letter of a sentence: openers and an opening
/// ellipsis ("…На перемене", ". . . The practice").
fn skip_openers(s: &str) -> &str {
    let s = s.trim_start_matches(is_opener);
    let t = s.trim_start_matches(['…', '.', ' ']);
    if t.len() == s.len() || (!s.starts_with('…') && !s.starts_with("..") && !s.starts_with(". ."))
    {
        return s;
    }
    t.trim_start_matches(is_opener)
}

/// Is the period at `i` a later dot of a spaced ellipsis (". . .")? Such a dot never
/// ends a sentence; the glued first dot may ("compounds. . . . The").
fn spaced_ellipsis_dot(b: &[u8], i: usize) -> bool {
    b[i] == b'.' && i >= 2 && b[i - 1] == b' ' && b[i - 2] == b'.'
}

/// A spaced ellipsis starting at `i` (". . .", ". . . ."): its dot count and end.
fn spaced_run(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let (mut n, mut e) = (1, i + 1);
    while e + 1 < b.len() && b[e] == b' ' && b[e + 1] == b'.' {
        n += 1;
        e += 2;
    }
    (n >= 3).then_some((n, e))
}

/// The letters (and inner hyphens) of the word that follows the period at `i`, past
/// closers, whitespace and openers.
fn next_word(p: &str, i: usize) -> &str {
    let rest =
        skip_openers(p.get(i + 1..).unwrap_or("").trim_start_matches(|c: char| {
            matches!(c, '"' | '\'' | ')' | ']' | '»' | '”' | '’' | '›')
        }));
    let n = rest
        .find(|c: char| !is_alpha(c) && c != '-')
        .unwrap_or(rest.len());
    &rest[..n]
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// Nouns (stems) that take a letter as a label: "витамин D", "группой Б", "буквой U".
const LABEL_STEMS: &[&str] = &[
    "витамин",
    "групп",
    "класс",
    "букв",
    "вариант",
    "тип",
    "категори",
    "модел",
    "приложени",
    "литер",
    "сери",
    "пункт",
    "блок",
    "корпус",
    "точк",
    "отрез",
    "сектор",
    "зон",
    "шкал",
    "индекс",
    "формул",
    "планет",
    "звезд",
];

/// Words that open sentences and never are surnames: after a lone capital and a
/// period they show that the capital was a symbol, not an initial.
const RU_STARTERS: &[&str] = &[
    "Он",
    "Она",
    "Оно",
    "Они",
    "Его",
    "Её",
    "Ее",
    "Их",
    "Им",
    "Ей",
    "Это",
    "Этот",
    "Эта",
    "Эти",
    "Так",
    "Там",
    "Тут",
    "Здесь",
    "Затем",
    "Потом",
    "Тогда",
    "Но",
    "А",
    "И",
    "Однако",
    "После",
    "В",
    "Во",
    "На",
    "По",
    "С",
    "Со",
    "К",
    "Из",
    "При",
    "Для",
    "Если",
    "Когда",
    "Мы",
    "Я",
    "Вы",
    "Ты",
    "Все",
    "Всё",
    "Кроме",
    "Также",
    "Поэтому",
    "Именно",
    "Как",
    "Что",
    "Где",
    "Чем",
    "Не",
    "Ни",
    "Да",
    "Нет",
];

/// What kind of candidate lies at a byte position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cand {
    /// `.`, `!`, `?`, `…` and runs of them.
    Term,
    /// `:)` and `;)` smileys, which end sentences in informal text.
    Smiley,
}

/// Candidate positions in order: two `memchr3` streams merged lazily.
struct Scan<'a> {
    b: &'a [u8],
    /// Next `.`/`!`/`?` at or after the last query, or `usize::MAX`.
    a: usize,
    /// Next `)`/0xE2 at or after the last query, or `usize::MAX`.
    c: usize,
}

impl<'a> Scan<'a> {
    fn new(b: &'a [u8], pos: usize) -> Scan<'a> {
        let mut s = Scan { b, a: 0, c: 0 };
        s.a = s.find_a(pos);
        s.c = s.find_c(pos);
        s
    }

    fn find_a(&self, pos: usize) -> usize {
        memchr3(b'.', b'!', b'?', &self.b[pos..]).map_or(usize::MAX, |x| x + pos)
    }

    fn find_c(&self, pos: usize) -> usize {
        memchr2(b')', 0xE2, &self.b[pos..]).map_or(usize::MAX, |x| x + pos)
    }

    fn next(&mut self, pos: usize) -> Option<usize> {
        if self.a < pos {
            self.a = self.find_a(pos);
        }
        if self.c < pos {
            self.c = self.find_c(pos);
        }
        let n = self.a.min(self.c);
        (n != usize::MAX).then_some(n)
    }
}

/// Splits `para` and pushes the sentence ranges, shifted by `base`, onto `out`.
pub(super) fn split_into(seg: &Segmenter, para: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let b = para.as_bytes();
    let end = para.trim_end().len();
    let mut start = skip_ws(para, 0);
    if start >= end {
        return;
    }
    let mut scan = Scan::new(b, start);
    let mut pos = start;
    while let Some(i) = scan.next(pos) {
        if i >= end {
            break;
        }
        let (cand, j) = match b[i] {
            b')' => {
                if i > 0 && matches!(b[i - 1], b':' | b';') {
                    let mut j = i;
                    while j < b.len() && matches!(b[j], b')' | b'(') {
                        j += 1;
                    }
                    (Cand::Smiley, j)
                } else {
                    if let Some(cut) = list_item_break(para, start, i) {
                        out.push(base + start..base + start + para[start..cut].trim_end().len());
                        start = cut;
                    }
                    pos = i + 1;
                    continue;
                }
            }
            _ => {
                let mut j = i;
                loop {
                    let n = if j < b.len() { term_len(b, j) } else { 0 };
                    if n == 0 {
                        break;
                    }
                    j += n;
                }
                if j == i || spaced_ellipsis_dot(b, i) {
                    pos = j.max(i + 1);
                    continue;
                }
                let glued_left = i > 0 && !(b[i - 1] as char).is_ascii_whitespace();
                match spaced_run(b, i) {
                    // "the thing is . . . I didn't": an ellipsis inside the sentence.
                    Some((3, e)) => {
                        pos = e;
                        continue;
                    }
                    // "with a period . . . . Next": a period and an ellipsis.
                    Some((_, e)) if !glued_left => (Cand::Term, e),
                    // "compounds. . . . The": the period may end it, the ellipsis opens
                    // the next sentence.
                    _ => (Cand::Term, j),
                }
            }
        };
        // Closers after the terminator, and terminators after closers ("…».", "(… г.).").
        let mut k = j;
        let mut hard = false;
        if cand == Cand::Term {
            let mut closed = false;
            while k < b.len() {
                let n = closer_len(b, k);
                if n > 0 {
                    closed = true;
                    k += n;
                    continue;
                }
                let n = term_len(b, k);
                if n > 0 && closed {
                    hard = true;
                    k += n;
                    continue;
                }
                break;
            }
        }
        pos = k;
        if cand == Cand::Term && &para[i..j] == "." {
            if let Some(cut) = list_item_break(para, start, i) {
                // "1. The first item 2. The second item": break before "2.".
                out.push(base + start..base + start + para[start..cut].trim_end().len());
                start = cut;
                continue;
            }
        }
        if k < end && seg.is_break(para, start, i, j, k, cand, hard) {
            out.push(base + start..base + k);
            start = skip_ws(para, k);
            pos = pos.max(start);
        }
    }
    out.push(base + start..base + end);
}

/// What precedes a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Left {
    /// A plain word, or punctuation: the period ends a sentence.
    Ordinary,
    /// A number: "150.", "1." (a list marker when it starts the sentence or follows `:`).
    Number { list_marker: bool },
    /// One or more initials: "Н.", "А. С.", "К.К."; `after_surname` for "Токаев К.К.".
    Initial { after_surname: bool },
    /// A known or guessed abbreviation.
    Abbrev {
        kind: Kind,
        after_number: bool,
        /// Byte offset (in the paragraph) where the abbreviation starts.
        at: usize,
        /// The normalised key is a currency ("долл.", "руб.").
        currency: bool,
    },
}

/// A small stack buffer for lowercased abbreviation keys (no allocation per candidate).
struct KeyBuf {
    buf: [u8; 48],
    len: usize,
    overflow: bool,
}

impl KeyBuf {
    fn new() -> KeyBuf {
        KeyBuf {
            buf: [0; 48],
            len: 0,
            overflow: false,
        }
    }

    fn push(&mut self, c: char) {
        if let Some(l) = fast_lower(c) {
            let n = l.len_utf8();
            if self.len + n > self.buf.len() {
                self.overflow = true;
                return;
            }
            l.encode_utf8(&mut self.buf[self.len..]);
            self.len += n;
            return;
        }
        for l in c.to_lowercase() {
            let n = l.len_utf8();
            if self.len + n > self.buf.len() {
                self.overflow = true;
                return;
            }
            l.encode_utf8(&mut self.buf[self.len..]);
            self.len += n;
        }
    }

    fn as_str(&self) -> Option<&str> {
        if self.overflow {
            return None;
        }
        std::str::from_utf8(&self.buf[..self.len]).ok()
    }
}

/// Words that make up a time adverbial at the start of a sentence ("В начале 1990-х гг.").
const TIME_WORDS: &[&str] = &[
    "в",
    "во",
    "с",
    "со",
    "до",
    "по",
    "к",
    "на",
    "за",
    "от",
    "и",
    "после",
    "начале",
    "конце",
    "середине",
    "половине",
    "первой",
    "второй",
    "течение",
    "период",
    "годы",
    "годах",
    "году",
    "года",
    "веке",
    "века",
    "вв",
    "гг",
    "г",
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "тыс",
    "лет",
    "нач",
    "сер",
    "уже",
    "еще",
    "ещё",
    "лишь",
    "только",
    "тогда",
];

/// Words that make up an English time adverbial at the start of a sentence ("At 5 a.m.").
const EN_TIME_WORDS: &[&str] = &[
    "at",
    "by",
    "from",
    "until",
    "till",
    "to",
    "and",
    "or",
    "before",
    "after",
    "around",
    "about",
    "since",
    "between",
    "on",
    "in",
    "the",
    "early",
    "late",
    "this",
    "every",
    "each",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
    "yesterday",
    "morning",
    "evening",
    "night",
];

/// Words that commonly follow "U.S.", "U.N.", "U.K." inside a sentence.
const EN_ACRONYM_NOUNS: &[&str] = &[
    "Army",
    "Navy",
    "Air",
    "Marines",
    "Forces",
    "Senate",
    "Congress",
    "House",
    "President",
    "Government",
    "Department",
    "State",
    "Embassy",
    "Ambassador",
    "Supreme",
    "Court",
    "Security",
    "General",
    "Secretary",
    "Treasury",
    "Dollar",
    "Open",
    "Census",
    "Mission",
    "Charter",
    "Peacekeeping",
    "Envoy",
    "Office",
    "Military",
    "Administration",
];

/// Endings of Russian (and Central Asian) surnames, in base and inflected forms.
const SURNAME_ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ова",
    "ева",
    "ёва",
    "ина",
    "ына",
    "ову",
    "еву",
    "ину",
    "овым",
    "евым",
    "иным",
    "овой",
    "евой",
    "иной",
    "ове",
    "еве",
    "ине",
    "ский",
    "цкий",
    "ская",
    "цкая",
    "ского",
    "цкого",
    "ко",
    "ук",
    "юк",
    "ич",
    "ян",
    "дзе",
    "швили",
    "улы",
    "кызы",
    "бек",
    "бай",
];

fn is_roman(w: &str) -> bool {
    w.chars()
        .any(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && w.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M' | '-' | '–' | '—'))
}

/// Is the candidate inside a «…» quote that closes later in the paragraph?
///
/// Looks at most [`QUOTE_WINDOW`] bytes each way, so long paragraphs stay linear.
fn inside_guillemets(before: &str, after: &str) -> bool {
    let mut b = before.len().saturating_sub(QUOTE_WINDOW);
    while !before.is_char_boundary(b) {
        b += 1;
    }
    let mut a = after.len().min(QUOTE_WINDOW);
    while !after.is_char_boundary(a) {
        a -= 1;
    }
    let before = &before[b..];
    let open = before.matches('«').count();
    let close = before.matches('»').count();
    open > close && after[..a].contains('»')
}

/// How far the quote check looks around a candidate.
const QUOTE_WINDOW: usize = 2000;

/// Does `s` start with an initial ("П. Петров", "П.П.")?
fn starts_with_initial(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some_and(is_upper) && it.next() == Some('.')
}

/// Does a number after `prefix` (the sentence so far) mark a list item or a heading,
/// as in "1.", "Задачи: 1.", "Глава 3."?
fn is_list_marker(prefix: &str) -> bool {
    let prefix = prefix.trim_end();
    if prefix.is_empty()
        || prefix.ends_with(':')
        || prefix.ends_with(';')
        || !prefix.chars().any(is_alnum)
    {
        return true;
    }
    // A single capitalised word: "Глава 3.", "Раздел II.", "Chapter 4."
    let mut chars = prefix.chars();
    !prefix.contains(char::is_whitespace)
        && chars.next().is_some_and(is_upper)
        && chars.all(is_alpha)
}

/// Byte length of `s` without its whitespace.
fn non_ws_len(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum()
}

fn has_vowel(w: &str) -> bool {
    w.chars().any(|c| {
        matches!(
            fast_lower(c).unwrap_or(c),
            'а' | 'е'
                | 'ё'
                | 'и'
                | 'о'
                | 'у'
                | 'ы'
                | 'э'
                | 'ю'
                | 'я'
                | 'a'
                | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
        )
    })
}

/// The word (non-whitespace run) ending right before byte `at`, skipping whitespace.
fn word_before(s: &str, at: usize) -> &str {
    let t = s[..at].trim_end();
    let st = t
        .rfind(char::is_whitespace)
        .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
    &t[st..]
}

impl Segmenter {
    /// Decides whether a sentence ends after the candidate `para[i..j]` (plus closers up to
    /// `k`), given that the current sentence started at `start`.
    #[allow(clippy::too_many_arguments)]
    fn is_break(
        &self,
        p: &str,
        start: usize,
        i: usize,
        j: usize,
        k: usize,
        cand: Cand,
        hard: bool,
    ) -> bool {
        let before = &p[start..i];
        if !head(before, 256).chars().any(is_alnum) {
            return false;
        }
        let rest = &p[k..];
        let rest_t = rest.trim_start();
        let glued = rest_t.len() == rest.len();
        let Some(first) = rest_t.chars().next() else {
            return false;
        };
        let after_openers = skip_openers(rest_t);
        let Some(c) = after_openers.chars().next() else {
            return false;
        };
        match cand {
            Cand::Smiley => return !glued && is_upper(c),
            Cand::Term => {}
        }
        let term = &p[i..j];
        let strong = term != ".";
        if let Some(open) = before
            .chars()
            .next_back()
            .filter(|&ch| strong && matches!(ch, '[' | '(' | '«' | '„' | '“' | '`' | '‹' | '‚'))
        {
            // "[...]", "(…)", "«…": an omission mark, not an ending, unless the mark
            // follows an ending ("с неба? (...) Эх").
            let closed = matches!(open, '[' | '(') && p[j..k].starts_with([')', ']']);
            let prev = before[..before.len() - open.len_utf8()]
                .trim_end()
                .chars()
                .next_back();
            if !(closed && prev.is_some_and(|ch| matches!(ch, '.' | '?' | '!' | '…'))) {
                return false;
            }
        }
        if matches!(first, '–' | '—' | '-')
            && is_upper(c)
            && inside_guillemets(&p[start..k], &p[k..])
        {
            // «К чему ты готовишься? – спросила мама. – Завтра ведь выходной».
            return false;
        }
        if glued {
            // "интеграции.Для", "нужно?Никто", "страны.«Стратегия…»"
            if !is_upper(c)
                || (first != c && !matches!(first, '«' | '„' | '"' | '(' | '`' | '“' | '‹' | '‚'))
            {
                return false;
            }
            if strong || hard {
                return true;
            }
            let last = before.chars().next_back().unwrap_or(' ');
            if !(is_alpha(last) || closer_len(p.as_bytes(), i - last.len_utf8()) > 0) {
                return false;
            }
            if starts_with_initial(after_openers) {
                return false; // "Ph.D."
            }
            // "Jane.Doe@example.com", "site.Com/page": part of an address.
            let next_tok = rest_t.split(char::is_whitespace).next().unwrap_or("");
            let prev_tok = before.rsplit(char::is_whitespace).next().unwrap_or("");
            if next_tok.contains(['@', '/']) || prev_tok.contains(['@', '/']) {
                return false;
            }
            return match self.left(p, start, i) {
                Left::Ordinary => {
                    // At least two letters before: not "А.С.Иванов".
                    let w = before.rsplit(|ch: char| !is_alpha(ch)).next().unwrap_or("");
                    w.chars().count() >= 2 || !is_alpha(last)
                }
                _ => false,
            };
        }
        if is_lower(c) {
            return false;
        }
        if c.is_ascii_digit() || (!c.is_ascii() && !is_alpha(c) && c.is_numeric()) {
            if rest_t[..rest_t.len() - after_openers.len()].contains('(') {
                return false; // "«Как это делалось...» (1992)": a year or note in brackets
            }
            if strong || hard {
                return true;
            }
            if !head(before, 256).chars().any(is_lower) {
                return false;
            }
            return match self.left(p, start, i) {
                Left::Ordinary => true,
                Left::Number { list_marker } => !list_marker,
                _ => false,
            };
        }
        if !is_alpha(c) {
            return false;
        }
        if strong && (term.contains('…') || term.contains("..")) && first == c {
            // "Может… Пломбирова?", "это был… Иванов?": a hesitation before the one
            // word that finishes the question.
            let w = after_openers
                .find(|ch: char| !is_alpha(ch) && ch != '-')
                .unwrap_or(after_openers.len());
            if after_openers[w..].starts_with('?') {
                return false;
            }
        }
        if strong || hard {
            return true;
        }
        // A single period before a capital.
        if !head(before, 256).chars().any(is_lower) {
            return false; // "IV.", "4.", "§2.", "8.1."
        }
        let left = self.left(p, start, i);
        if matches!(left, Left::Abbrev { .. }) && matches!(first, '—' | '–' | '-') {
            return false; // "по альбому 2002 г. — «Где…»": a dash goes on after an abbreviation
        }
        match left {
            Left::Ordinary => true,
            Left::Number { list_marker } => !list_marker,
            Left::Initial { after_surname } => after_surname && !starts_with_initial(after_openers),
            Left::Abbrev {
                kind,
                after_number,
                at,
                currency,
            } => match kind {
                Kind::Prefix => false,
                Kind::Postfix => {
                    // "долл. США", "руб. РФ"
                    let next: &str = after_openers
                        .split(|ch: char| !is_alpha(ch))
                        .next()
                        .unwrap_or("");
                    let acronym_noun = self.lang == Lang::En
                        && p[at..i].contains('.')
                        && EN_ACRONYM_NOUNS.contains(&next);
                    !(acronym_noun
                        || currency && next.chars().count() >= 2 && next.chars().all(is_upper))
                }
                Kind::Number => after_number,
                Kind::Date => after_number && !self.only_time_adverbial(&p[start..at]),
            },
        }
    }

    /// Is `s` (the sentence before a date abbreviation) only a time adverbial, as in
    /// "В 1999–2005 гг."?
    fn only_time_adverbial(&self, s: &str) -> bool {
        let words = match self.lang {
            Lang::Ru => TIME_WORDS,
            Lang::En => EN_TIME_WORDS,
        };
        s.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .all(|w| {
                let w = w.trim_matches(|c: char| !is_alnum(c));
                if w.is_empty() || w.chars().any(|c| c.is_ascii_digit()) || is_roman(w) {
                    return true;
                }
                let mut kb = KeyBuf::new();
                w.chars().for_each(|c| kb.push(c));
                kb.as_str().is_some_and(|l| words.contains(&l))
            })
    }

    /// Classifies what stands before the period at `i` (the sentence started at `start`).
    fn left(&self, p: &str, start: usize, i: usize) -> Left {
        let s = &p[start..i];
        // The token: letters and inner hyphens right before the period.
        let tok_start = s
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_alpha(c) || c == '-')
            .last()
            .map_or(s.len(), |(n, _)| n);
        let mut tok_start = tok_start;
        while s[tok_start..].starts_with('-') {
            tok_start += 1;
        }
        let tok = &s[tok_start..];
        if tok.is_empty() {
            let last = s.chars().next_back().unwrap_or(' ');
            if last.is_ascii_digit() {
                let w = word_before(s, s.len());
                let prefix = s[..s.len() - w.len()].trim_end();
                // A list number is short ("1", "12", "8.1"); a phone number is not.
                let list_marker = w.len() <= 5 && is_list_marker(prefix);
                return Left::Number { list_marker };
            }
            if last == '№' || (last == '°' && s[..s.len() - 2].ends_with(['N', 'n'])) {
                // "№.", "N°. 1026": a number sign
                return Left::Abbrev {
                    kind: Kind::Prefix,
                    after_number: false,
                    at: start + s.len() - last.len_utf8(),
                    currency: false,
                };
            }
            return Left::Ordinary;
        }
        if is_roman(tok) && tok.chars().count() > 1 {
            // "Раздел II.", "в XIX."
            let prefix = s[..tok_start].trim_end();
            return Left::Number {
                list_marker: is_list_marker(prefix),
            };
        }
        let prev = s[..tok_start].chars().next_back();
        let glued_to_number = match prev {
            Some(c) if c.is_ascii_digit() => true,
            Some('-') => s[..tok_start - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        // Extend to a dotted chain: "т. е", "к.п.н", "А. С".
        let mut chain_start = tok_start;
        let mut segs = 1;
        let mut seg_len = tok.chars().count();
        while segs < 5 && seg_len <= 5 && !glued_to_number {
            let head = s[..chain_start].trim_end();
            let Some(head) = head.strip_suffix('.') else {
                break;
            };
            let w_start = head
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_alpha(c) || c == '-')
                .last()
                .map_or(head.len(), |(n, _)| n);
            let w = &head[w_start..];
            let n = w.chars().count();
            if n == 0 || n > 5 {
                break;
            }
            chain_start = w_start;
            seg_len = n;
            segs += 1;
        }
        let chain = &s[chain_start..];
        // Fast path: a word longer than any abbreviation piece is no abbreviation.
        let mut tail = if tok.len() > self.max_piece_len {
            ""
        } else {
            chain
        };
        // Try the whole chain, then shorter tails; a lone capital is an initial.
        while !tail.is_empty() {
            if tail.chars().count() == 1 && tail.chars().all(is_upper) {
                break;
            }
            if tail.len() > self.max_key_len && non_ws_len(tail) > self.max_key_len {
                // Longer than any abbreviation: try the shorter tails only.
                match tail.find('.') {
                    Some(d) => {
                        tail = tail[d + 1..].trim_start();
                        continue;
                    }
                    None => break,
                }
            }
            let mut kb = KeyBuf::new();
            for c in tail.chars().filter(|c| !c.is_whitespace()) {
                kb.push(c);
            }
            if let Some(key) = kb.as_str() {
                let era = matches!(key, "н.э" | "до н.э");
                if let Some(kind) = self.kind(key).filter(|&k| {
                    !(glued_to_number && k == Kind::Prefix || era && tail.starts_with(is_upper))
                }) {
                    // (An era is lowercase: "Н. Э." are initials.)
                    let at = start + (s.len() - tail.len());
                    let after_number = glued_to_number || era || {
                        let w = word_before(s, s.len() - tail.len());
                        w.chars().any(|c| c.is_ascii_digit())
                            || is_roman(w)
                            || matches!(
                                w.trim_end_matches('.'),
                                "тыс"
                                    | "млн"
                                    | "млрд"
                                    | "трлн"
                                    | "thousand"
                                    | "million"
                                    | "billion"
                            )
                    };
                    let currency = matches!(key, "долл" | "руб" | "коп");
                    return Left::Abbrev {
                        kind,
                        after_number,
                        at,
                        currency,
                    };
                }
            }
            match tail.find('.') {
                Some(d) => tail = tail[d + 1..].trim_start(),
                None => break,
            }
        }
        if glued_to_number {
            return Left::Ordinary; // "1990-е."
        }
        let n = tok.chars().count();
        let upper = tok.chars().next().is_some_and(is_upper);
        if n == 1 && segs == 1 && matches!(prev, Some('°' | '\'' | '’')) {
            return Left::Ordinary; // "48°C.", "McDonald's."
        }
        if n == 1 && upper && segs == 1 && self.lang == Lang::Ru && self.letter_symbol(p, s, i, tok)
        {
            return Left::Ordinary; // "витамин D. Его", "группой Б. Различия"
        }
        if n == 1 && !upper && segs == 1 && self.lang == Lang::Ru && tok == "я" {
            return Left::Ordinary; // "спросил я."
        }
        if n == 1 && upper {
            if self.lang == Lang::En && tok == "I" && segs == 1 {
                // "you and I." ends a sentence; "Albert I. Jones" does not.
                let w = word_before(s, tok_start);
                if !w.chars().next().is_some_and(is_upper) {
                    return Left::Ordinary;
                }
            }
            return Left::Initial {
                after_surname: self.after_surname(&s[..chain_start]),
            };
        }
        if n == 1 {
            return Left::Abbrev {
                kind: Kind::Prefix,
                after_number: false,
                at: start + chain_start,
                currency: false,
            };
        }
        if segs > 1 && chain.split('.').all(|w| w.trim().chars().count() <= 2) {
            // An unknown dotted chain of short pieces: "к.и.н", "Т.Е".
            return Left::Abbrev {
                kind: Kind::Prefix,
                after_number: false,
                at: start + chain_start,
                currency: false,
            };
        }
        let acronym = n >= 2 && tok.chars().all(is_upper);
        if self.lang == Lang::Ru
            && n <= 4
            && !acronym
            && !has_vowel(tok)
            && !tok.chars().any(|c| c.is_ascii())
        {
            // Russian words have vowels; "млн", "Дж", "Вл" do not.
            let kind = if upper { Kind::Prefix } else { Kind::Postfix };
            return Left::Abbrev {
                kind,
                after_number: false,
                at: start + tok_start,
                currency: false,
            };
        }
        Left::Ordinary
    }

    /// Is the lone capital `tok` before the period at `i` a symbol rather than an
    /// initial? A Latin letter before a Russian word ("классу S. Затем"), or a letter
    /// after a noun that takes letter labels, or before a word no surname can be.
    fn letter_symbol(&self, p: &str, s: &str, i: usize, tok: &str) -> bool {
        let next = next_word(p, i);
        let Some(nc) = next.chars().next() else {
            return false;
        };
        if !is_upper(nc)
            || starts_with_initial(skip_openers(p.get(i + 1..).unwrap_or("").trim_start()))
        {
            return false;
        }
        let latin = tok.chars().all(|c| c.is_ascii_uppercase());
        if latin && is_cyrillic(nc) {
            return true;
        }
        if RU_STARTERS.contains(&next) {
            return true;
        }
        let w = word_before(s, s.len() - tok.len());
        let mut kb = KeyBuf::new();
        w.chars().for_each(|c| kb.push(c));
        kb.as_str()
            .is_some_and(|l| LABEL_STEMS.iter().any(|st| l.starts_with(st)))
    }

    /// Is the text before a run of initials a surname ("Токаев К.К.")? Not when a
    /// comma or a quote stands between: "Бондарко, М. И. Матусевич".
    fn after_surname(&self, head: &str) -> bool {
        if self.lang != Lang::Ru {
            return false;
        }
        let w = word_before(head, head.len());
        if !w.chars().next_back().is_some_and(is_alpha) {
            return false;
        }
        let w = w.trim_start_matches(|c: char| !is_alpha(c));
        let mut chars = w.chars();
        let Some(f) = chars.next() else {
            return false;
        };
        if !is_upper(f) || w.chars().count() < 4 || !chars.all(is_lower) {
            return false;
        }
        SURNAME_ENDINGS.iter().any(|e| w.ends_with(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left(lang: Lang, s: &str) -> Left {
        Segmenter::new(lang).left(s, 0, s.len())
    }

    #[test]
    fn classifies_what_precedes_a_period() {
        assert_eq!(left(Lang::Ru, "Это конец"), Left::Ordinary);
        assert!(matches!(
            left(Lang::Ru, "в 1992 г"),
            Left::Abbrev {
                kind: Kind::Date,
                after_number: true,
                ..
            }
        ));
        assert!(matches!(
            left(Lang::Ru, "в XIX в"),
            Left::Abbrev {
                kind: Kind::Date,
                after_number: true,
                ..
            }
        ));
        assert!(matches!(
            left(Lang::Ru, "это, т. е"),
            Left::Abbrev {
                kind: Kind::Prefix,
                ..
            }
        ));
        assert_eq!(
            left(Lang::Ru, "президент Н"),
            Left::Initial {
                after_surname: false
            }
        );
        assert_eq!(
            left(Lang::Ru, "подписал Токаев К.К"),
            Left::Initial {
                after_surname: true
            }
        );
        assert_eq!(
            left(Lang::Ru, "Задачи: 1"),
            Left::Number { list_marker: true }
        );
        assert_eq!(
            left(Lang::Ru, "исполнилось 150"),
            Left::Number { list_marker: false }
        );
        assert_eq!(left(Lang::Ru, "в 1990-е"), Left::Ordinary);
        assert_eq!(left(Lang::Ru, "распад СССР"), Left::Ordinary);
        assert!(matches!(
            left(Lang::Ru, "Чарльз Дж"),
            Left::Abbrev {
                kind: Kind::Prefix,
                ..
            }
        ));
        assert_eq!(left(Lang::En, "you and I"), Left::Ordinary);
    }

    #[test]
    fn time_adverbial_before_a_date_abbreviation() {
        let s = Segmenter::new(Lang::Ru);
        assert!(s.only_time_adverbial("В 1999–2005 "));
        assert!(s.only_time_adverbial("В начале 1990-х "));
        assert!(!s.only_time_adverbial("Договор подписан в 1992 "));
    }

    #[test]
    fn fast_char_classes_agree_with_std() {
        for c in ('\0'..='\u{500}').chain(['ё', 'Ё', 'ß', 'Ω', '中']) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            if let Some(l) = fast_lower(c) {
                assert_eq!(Some(l), c.to_lowercase().next(), "{c:?}");
            }
        }
    }
}
