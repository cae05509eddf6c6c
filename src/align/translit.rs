//! Russian→Latin transliteration and name comparison, so that `Ташкент` meets `Tashkent`.
//!
//! [`translit`] follows the BGN/PCGN-like scheme English newspapers use (`х` → `kh`,
//! `ц` → `ts`, `й` → `y`). Spellings still differ (`Yevgeny`/`Evgeniy`, `Moscow`), so
//! both sides are reduced by [`skeleton`] to a coarse phonetic form, and
//! [`name_similarity`] compares skeletons with a normalised edit similarity over the
//! common prefix, which ignores Russian case endings (`Ташкенте` ↔ `Tashkent`).

/// Transliterates Russian letters to Latin (lower case); Latin letters and digits pass
/// through lower-cased, anything else is dropped.
pub fn translit(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push_str(s);
    }
    out
}

/// Reduces a Latin (or transliterated) word to a coarse phonetic skeleton shared by
/// common spelling variants: `kh`→`h`, `c`/`ck`→`k`, `x`→`ks`, `ph`→`f`, `w`→`v`,
/// `y`/`j`→`i`, doubled letters collapsed.
pub fn skeleton(latin: &str) -> String {
    let b = latin.as_bytes();
    let mut tmp = String::with_capacity(b.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        match (c, next) {
            (b'k', Some(b'h')) | (b'p', Some(b'h')) => {
                tmp.push(if c == b'k' { 'h' } else { 'f' });
                i += 2;
                continue;
            }
            (b'c', Some(b'k')) => {
                tmp.push('k');
                i += 2;
                continue;
            }
            (b'c', Some(b'h')) => {
                tmp.push_str("ch");
                i += 2;
                continue;
            }
            (b'c', _) => tmp.push('k'),
            (b'x', _) => tmp.push_str("ks"),
            (b'w', _) => tmp.push('v'),
            (b'y', _) | (b'j', _) => tmp.push('i'),
            _ => tmp.push(c as char),
        }
        i += 1;
    }
    let mut out = String::with_capacity(tmp.len());
    let mut last = '\0';
    for c in tmp.chars() {
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

/// Similarity in 0..=1 of two skeletons: 1 − edit distance / length over their common
/// prefix length (the shorter word's length), so inflectional endings do not count.
/// Words shorter than 3 letters only match exactly, and a word may be at most twice as
/// long as the other.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() {
        return similarity(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    similarity(&a, &b)
}

fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let k = a.len().min(b.len());
    if k == 0 {
        return 0.0;
    }
    if k < 3 || a.len().max(b.len()) > 2 * k + 1 {
        return if a == b { 1.0 } else { 0.0 };
    }
    // Compare the shorter word with the longer one's prefix of the same length, or one
    // longer, so one inserted letter does not shift the rest ("evgeni" vs "ievgeni").
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut d = levenshtein(s, &l[..k]);
    if l.len() > k {
        d = d.min(levenshtein(s, &l[..k + 1]));
    }
    1.0 - d as f64 / k as f64
}

fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    const MAX: usize = 64;
    if b.len() >= MAX {
        return a.len().max(b.len());
    }
    let mut prev = [0usize; MAX];
    let mut cur = [0usize; MAX];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(ru: &str, en: &str) -> f64 {
        name_similarity(&skeleton(&translit(ru)), &skeleton(&translit(en)))
    }

    #[test]
    fn transliterates_names() {
        assert_eq!(translit("Ташкент"), "tashkent");
        assert_eq!(translit("Хабаровск"), "khabarovsk");
        assert_eq!(translit("Щучье"), "shchuche");
        assert_eq!(translit("COVID-19"), "covid19");
    }

    #[test]
    fn names_meet_their_english_spelling() {
        assert_eq!(sim("Ташкенте", "Tashkent"), 1.0);
        assert!(sim("Назарбаев", "Nazarbayev") >= 0.8);
        assert!(sim("Россия", "Russia") >= 0.75);
        assert!(sim("Германии", "Germany") >= 0.8);
        assert!(sim("Евгений", "Yevgeny") >= 0.75);
        assert!(sim("Хабаровского", "Khabarovsk") >= 0.9);
        assert!(sim("Канада", "Canada") >= 0.99);
    }

    #[test]
    fn unrelated_words_do_not_match() {
        assert!(sim("Москва", "Minister") < 0.5);
        assert!(sim("Путин", "Tashkent") < 0.5);
        assert_eq!(sim("Ли", "Lu"), 0.0);
    }
}
