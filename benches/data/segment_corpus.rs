//! A deterministic generator of Russian text for the segmentation benchmark.
//!
//! It recombines the sample document's sentences and the gold set's paragraphs with
//! random insertions of the hard cases (abbreviations, initials, numbers, dates,
//! quotes, parentheses), so the text has the density of candidates real prose has and
//! more tricky ones. Needs nothing outside the repo.

const SAMPLE: &str = include_str!("../../tests/data/segment/sample_gold.txt");
const GOLD: &str = include_str!("../../tests/data/segment/ru_gold.txt");

const INSERTS: &[&str] = &[
    "в 1992 г.",
    "в 1999–2005 гг.",
    "проф. Иванов",
    "т. е.",
    "в т.ч.",
    "и др.",
    "3,5 млн руб.",
    "12 млрд долл. США",
    "в XIX в.",
    "согласно ст. 12",
    "им. Л. Н. Гумилева",
    "т.н.",
    "(см. рис. 5)",
    "президент Н. А. Назарбаев",
    "12.06.1992",
    "в 14.00",
    "на 3.5%",
    "«Что делать?» — спросил он,",
    "(подробнее см. www.akorda.kz)",
    "по адресу info@mfa.kz",
];

use crate::rng::Rng;

/// Generates at least `min_bytes` of Russian text, one paragraph a line.
pub(crate) fn russian(min_bytes: usize, seed: u64) -> String {
    let mut sentences: Vec<&str> = SAMPLE.lines().filter(|l| !l.is_empty()).collect();
    let gold: Vec<String> = GOLD
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace('|', ""))
        .collect();
    sentences.extend(gold.iter().map(String::as_str));
    let mut rng = Rng::new(seed | 1);
    let mut out = String::with_capacity(min_bytes + 4096);
    while out.len() < min_bytes {
        let n = 2 + rng.below(7);
        for i in 0..n {
            if i > 0 {
                // Mostly a space; sometimes none ("интеграции.Для").
                out.push_str(if rng.below(40) == 0 { "" } else { " " });
            }
            let s = sentences[rng.below(sentences.len())];
            if rng.below(3) == 0 {
                // Insert a hard case after a random word of the sentence.
                let cut = s
                    .match_indices(' ')
                    .nth(rng.below(8))
                    .map_or(0, |(p, _)| p + 1);
                out.push_str(&s[..cut]);
                out.push_str(INSERTS[rng.below(INSERTS.len())]);
                out.push(' ');
                out.push_str(&s[cut..]);
            } else {
                out.push_str(s);
            }
        }
        out.push('\n');
    }
    out
}
