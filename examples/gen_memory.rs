//! Generates realistic Russian→English translation memories and query sets for the
//! lookup benchmarks and large-scale tests.
//!
//! ```text
//! cargo run --release --example gen_memory -- --size 100000 --out bench-data/m100k.tsv \
//!     [--queries 1000 --queries-out bench-data/q100k.txt] [--seed 1] [--shared ../shared]
//! ```
//!
//! Sources are 5–40 words (log-normal, median 14, about 120 characters), drawn from a
//! Zipfian vocabulary of function words, real Russian stems with their inflections and a
//! long tail of synthetic lemmas, each inflected; a quarter of the rows are
//! near-duplicates of an earlier row that differ by one to three words, as real memories
//! have. When `../shared/parallel/*.tsv` exists (or `--shared DIR` names it), its real
//! sentence pairs are mixed in (2% of rows); without it the output is fully synthetic.
//!
//! Queries: line `i` is an exact hit when `i % 3 == 0` (a memory source, lower-cased
//! every other time), a memory source with 1–5 word edits when `i % 3 == 1`, and an
//! unrelated new sentence when `i % 3 == 2`. One query a line, for `--queries FILE`.

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64* — deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

const FUNCTION: &[(&str, &str)] = &[
    ("в", "in"),
    ("и", "and"),
    ("на", "on"),
    ("с", "with"),
    ("по", "by"),
    ("что", "that"),
    ("не", "not"),
    ("для", "for"),
    ("о", "about"),
    ("к", "to"),
    ("из", "from"),
    ("за", "for"),
    ("от", "from"),
    ("а", "while"),
    ("как", "as"),
    ("это", "this"),
    ("также", "also"),
    ("его", "its"),
    ("их", "their"),
    ("при", "under"),
    ("все", "all"),
    ("более", "more"),
    ("между", "between"),
    ("был", "was"),
    ("будет", "will be"),
    ("уже", "already"),
];

const NOUN_M: &[&str] = &["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
const NOUN_F: &[&str] = &["а", "ы", "е", "у", "ой", "", "ам", "ами", "ах"];
const ADJ: &[&str] = &[
    "ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ых", "ую", "ыми",
];
const VERB: &[&str] = &["ет", "ют", "ал", "ала", "али", "ать", "ает", "ают"];

const STEMS: &[(&str, &[&str], &str)] = &[
    ("договор", NOUN_M, "treaty"),
    ("президент", NOUN_M, "president"),
    ("союз", NOUN_M, "union"),
    ("регион", NOUN_M, "region"),
    ("вопрос", NOUN_M, "issue"),
    ("проект", NOUN_M, "project"),
    ("закон", NOUN_M, "law"),
    ("рынок", NOUN_M, "market"),
    ("народ", NOUN_M, "people"),
    ("министр", NOUN_M, "minister"),
    ("бюджет", NOUN_M, "budget"),
    ("кризис", NOUN_M, "crisis"),
    ("партнер", NOUN_M, "partner"),
    ("диалог", NOUN_M, "dialogue"),
    ("саммит", NOUN_M, "summit"),
    ("транзит", NOUN_M, "transit"),
    ("экспорт", NOUN_M, "export"),
    ("импорт", NOUN_M, "import"),
    ("стран", NOUN_F, "country"),
    ("политик", NOUN_F, "policy"),
    ("систем", NOUN_F, "system"),
    ("программ", NOUN_F, "programme"),
    ("границ", NOUN_F, "border"),
    ("власт", NOUN_F, "power"),
    ("экономик", NOUN_F, "economy"),
    ("безопасност", NOUN_F, "security"),
    ("встреч", NOUN_F, "meeting"),
    ("организаци", NOUN_F, "organisation"),
    ("стратеги", NOUN_F, "strategy"),
    ("позици", NOUN_F, "position"),
    ("внешн", ADJ, "foreign"),
    ("политическ", ADJ, "political"),
    ("экономическ", ADJ, "economic"),
    ("международн", ADJ, "international"),
    ("региональн", ADJ, "regional"),
    ("нов", ADJ, "new"),
    ("важн", ADJ, "important"),
    ("государственн", ADJ, "state"),
    ("стратегическ", ADJ, "strategic"),
    ("центральноазиатск", ADJ, "Central Asian"),
    ("казахстанск", ADJ, "Kazakh"),
    ("российск", ADJ, "Russian"),
    ("подписыва", VERB, "sign"),
    ("обсужда", VERB, "discuss"),
    ("развива", VERB, "develop"),
    ("укрепля", VERB, "strengthen"),
    ("поддержива", VERB, "support"),
    ("заявля", VERB, "state"),
    ("сотруднича", VERB, "cooperate"),
    ("участвова", VERB, "participate"),
    ("рассматрива", VERB, "consider"),
];

/// Russian consonants and vowels with rough text frequencies (per mille) and a
/// transliteration, for synthetic lemmas. Real Russian has thousands of distinct
/// character bigrams; syllables built from these letters (CV, CVC, CCV, V) with Zipfian
/// syllable frequencies give the synthetic vocabulary a comparable bigram and trigram
/// spread, which matters for the char scorer's q-gram and histogram filters.
const CONS: &[(&str, &str, u32)] = &[
    ("н", "n", 67),
    ("т", "t", 63),
    ("с", "s", 55),
    ("р", "r", 47),
    ("в", "v", 45),
    ("л", "l", 44),
    ("к", "k", 35),
    ("м", "m", 32),
    ("д", "d", 30),
    ("п", "p", 28),
    ("г", "g", 17),
    ("з", "z", 16),
    ("б", "b", 16),
    ("ч", "ch", 14),
    ("й", "y", 12),
    ("х", "kh", 10),
    ("ж", "zh", 9),
    ("ш", "sh", 7),
    ("ц", "ts", 5),
    ("щ", "shch", 4),
    ("ф", "f", 3),
];
const VOW: &[(&str, &str, u32)] = &[
    ("о", "o", 110),
    ("е", "e", 85),
    ("а", "a", 80),
    ("и", "i", 74),
    ("ы", "y", 19),
    ("у", "u", 26),
    ("я", "ya", 20),
    ("ь", "", 17),
    ("ю", "yu", 6),
    ("э", "e", 3),
];

/// A syllable inventory (Russian, English), most frequent first by construction weight.
fn syllables(rng: &mut Rng) -> Vec<(String, String)> {
    fn pick(
        rng: &mut Rng,
        set: &[(&'static str, &'static str, u32)],
    ) -> (&'static str, &'static str) {
        let total: u32 = set.iter().map(|x| x.2).sum();
        let mut x = rng.below(total as usize) as u32;
        for &(r, e, w) in set {
            if x < w {
                return (r, e);
            }
            x -= w;
        }
        (set[0].0, set[0].1)
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < 1500 {
        let shape = rng.below(10);
        let mut ru = String::new();
        let mut en = String::new();
        let parts: &[bool] = match shape {
            0..=4 => &[true, false],       // CV
            5..=6 => &[true, false, true], // CVC
            7 => &[true, true, false],     // CCV
            8 => &[false],                 // V
            _ => &[false, true],           // VC
        };
        for &consonant in parts {
            let (r, e) = pick(rng, if consonant { CONS } else { VOW });
            ru.push_str(r);
            en.push_str(e);
        }
        if ru.starts_with('ь') || ru.contains("ьь") {
            continue;
        }
        if seen.insert(ru.clone()) {
            out.push((ru, en));
        }
    }
    out
}

struct Lemma {
    forms: Vec<String>,
    en: String,
}

struct Vocab {
    lemmas: Vec<Lemma>,
    cdf: Vec<f64>,
}

impl Vocab {
    fn new(rng: &mut Rng, synthetic: usize) -> Vocab {
        let mut lemmas: Vec<Lemma> = FUNCTION
            .iter()
            .map(|(ru, en)| Lemma {
                forms: vec![ru.to_string()],
                en: en.to_string(),
            })
            .collect();
        for (stem, ends, en) in STEMS {
            lemmas.push(Lemma {
                forms: ends.iter().map(|e| format!("{stem}{e}")).collect(),
                en: en.to_string(),
            });
        }
        let paradigms = [NOUN_M, NOUN_F, ADJ, VERB];
        let syl = syllables(rng);
        // Zipf (s = 1) over syllable ranks
        let mut syl_cdf = Vec::with_capacity(syl.len());
        let mut acc = 0.0;
        for r in 0..syl.len() {
            acc += 1.0 / (r as f64 + 3.0);
            syl_cdf.push(acc);
        }
        for _ in 0..synthetic {
            let k = 2 + rng.below(3);
            let (mut ru, mut en) = (String::new(), String::new());
            for _ in 0..k {
                let x = rng.unit() * acc;
                let s = syl_cdf.partition_point(|&c| c < x).min(syl.len() - 1);
                ru.push_str(&syl[s].0);
                en.push_str(&syl[s].1);
            }
            let ends = paradigms[rng.below(paradigms.len())];
            lemmas.push(Lemma {
                forms: ends.iter().map(|e| format!("{ru}{e}")).collect(),
                en,
            });
        }
        // Zipf (s = 1) over lemma ranks
        let mut cdf = Vec::with_capacity(lemmas.len());
        let mut acc = 0.0;
        for r in 0..lemmas.len() {
            acc += 1.0 / (r as f64 + 2.7);
            cdf.push(acc);
        }
        Vocab { lemmas, cdf }
    }

    fn lemma(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.cdf[self.cdf.len() - 1];
        self.cdf
            .partition_point(|&c| c < x)
            .min(self.lemmas.len() - 1)
    }

    fn word(&self, rng: &mut Rng) -> (String, String) {
        if rng.chance(0.03) {
            let n = 1990 + rng.below(40);
            return (n.to_string(), n.to_string());
        }
        let l = &self.lemmas[self.lemma(rng)];
        (l.forms[rng.below(l.forms.len())].clone(), l.en.clone())
    }

    fn sentence(&self, rng: &mut Rng) -> (Vec<String>, Vec<String>) {
        let len = (14.0 * (0.45 * rng.normal()).exp())
            .round()
            .clamp(5.0, 40.0) as usize;
        let mut ru = Vec::with_capacity(len);
        let mut en = Vec::with_capacity(len + 4);
        for _ in 0..len {
            let (r, e) = self.word(rng);
            ru.push(r);
            if rng.chance(0.15) {
                en.push("the".to_string());
            }
            en.push(e);
        }
        (ru, en)
    }
}

fn render(words: &[String]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        if i == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                s.extend(c.to_uppercase());
                s.push_str(cs.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn split(sentence: &str) -> Vec<String> {
    sentence
        .trim_end_matches('.')
        .split(' ')
        .map(str::to_string)
        .collect()
}

/// Applies `k` word edits (substitute, insert, delete).
fn edit(words: &mut Vec<String>, k: usize, vocab: &Vocab, rng: &mut Rng) {
    for _ in 0..k {
        match rng.below(3) {
            0 if !words.is_empty() => {
                let i = rng.below(words.len());
                words[i] = vocab.word(rng).0;
            }
            1 if words.len() > 2 => {
                words.remove(rng.below(words.len()));
            }
            _ => {
                let i = rng.below(words.len() + 1);
                words.insert(i, vocab.word(rng).0);
            }
        }
    }
}

fn real_pairs(shared: Option<PathBuf>) -> Vec<(String, String)> {
    let dir = shared
        .unwrap_or_else(|| PathBuf::from("../shared"))
        .join("parallel");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
    {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for line in text.lines() {
            let mut it = line.split('\t');
            if let (Some(ru), Some(en)) = (it.next(), it.next()) {
                if !ru.contains('\\') && !en.contains('\\') && !ru.is_empty() {
                    pairs.push((ru.to_string(), en.to_string()));
                }
            }
        }
    }
    pairs
}

fn main() -> std::io::Result<()> {
    let mut size = 10_000usize;
    let mut out = PathBuf::from("bench-data/memory.tsv");
    let mut queries = 0usize;
    let mut queries_out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut shared = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().expect("missing value after a flag");
        match a.as_str() {
            "--size" => size = val().parse().expect("--size N"),
            "--out" => out = val().into(),
            "--queries" => queries = val().parse().expect("--queries N"),
            "--queries-out" => queries_out = Some(val().into()),
            "--seed" => seed = val().parse().expect("--seed N"),
            "--shared" => shared = Some(PathBuf::from(val())),
            other => panic!("unknown argument {other}"),
        }
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let vocab = Vocab::new(&mut rng, 60_000);
    let real = real_pairs(shared);
    if real.is_empty() {
        eprintln!("gen_memory: no ../shared/parallel; fully synthetic");
    }
    let mut sources: Vec<String> = Vec::with_capacity(size);
    let mut body = String::with_capacity(size * 400);
    body.push_str("ru\ten\tnote\n");
    for i in 0..size {
        let (ru, en) = if !real.is_empty() && rng.chance(0.02) {
            real[rng.below(real.len())].clone()
        } else if i > 10 && rng.chance(0.25) {
            let mut w = split(&sources[rng.below(sources.len())]);
            let k = 1 + rng.below(3);
            edit(&mut w, k, &vocab, &mut rng);
            let en = w.iter().map(|_| vocab.word(&mut rng).1).collect::<Vec<_>>();
            (render(&w), render(&en))
        } else {
            let (r, e) = vocab.sentence(&mut rng);
            (render(&r), render(&e))
        };
        let _ = writeln!(
            body,
            "{}\t{}\t",
            concord::tsv::escape(&ru),
            concord::tsv::escape(&en)
        );
        sources.push(ru);
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, body)?;
    if let Some(qpath) = queries_out {
        let mut q = String::new();
        for i in 0..queries {
            let line = match i % 3 {
                0 => {
                    let s = sources[rng.below(sources.len())].clone();
                    if i % 2 == 0 {
                        s.to_lowercase()
                    } else {
                        s
                    }
                }
                1 => {
                    let mut w = split(&sources[rng.below(sources.len())]);
                    let k = 1 + rng.below(5);
                    edit(&mut w, k, &vocab, &mut rng);
                    render(&w)
                }
                _ => render(&vocab.sentence(&mut rng).0),
            };
            q.push_str(&line.replace(['\n', '\r'], " "));
            q.push('\n');
        }
        std::fs::write(qpath, q)?;
    }
    Ok(())
}
