//! Sentence alignment of a Russian document and its English translation.
//!
//! [`align`] finds the most probable sequence of [`Bead`]s (1-1, 1-0, 0-1, 2-1, 1-2,
//! 2-2, 3-1, 1-3) with a dynamic program. A bead's cost is Gale & Church's length cost
//! ([`cost`]) plus its prior, minus the anchor evidence its sentences share ([`anchors`]:
//! numbers, termbase concepts, names through transliteration, punctuation), plus a
//! penalty for evidence left unmatched, plus (when both documents have the same number
//! of paragraphs) a penalty for beads that disagree with the paragraph boundaries.
//!
//! Long documents are aligned coarse to fine: both sides are halved by merging
//! neighbouring sentences until the full table is small, aligned, and the path is
//! projected onto the next finer level, where only a band around it is searched. Each
//! level's path is verified: wherever it runs along the edge of its band (the sign of
//! a coarse error, or of a better path outside), the band is widened there, doubling,
//! and that level searched again, so an early coarse error is undone rather than
//! carried to the end. Time and memory are linear in the document length (times the
//! band width, which grows only where the path needed it).
//!
//! A bead's confidence is its posterior probability under the model: forward and
//! backward sums over all paths in the final band, with costs divided by a temperature
//! ([`AlignOptions::temperature`]). A pair whose boundaries could move, or that
//! competes with a merge or a null bead, scores low and is flagged for review.

pub mod anchors;
pub mod cost;
pub mod document;
pub mod eval;
pub mod translit;

use std::ops::Range;

use rayon::prelude::*;

use crate::segment::Lang;

use anchors::{pair_match, Features};
use cost::{gale_church, length_cost, prior_cost, SHAPES};

/// One alignment unit: Russian sentences `ru` translated by English sentences `en`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    /// Russian sentence indices (0-based, may be empty: an insertion in the English).
    pub ru: Range<usize>,
    /// English sentence indices (0-based, may be empty: an omission in the English).
    pub en: Range<usize>,
    /// Confidence in 0..=1.
    pub score: f64,
    /// True when the bead should be reviewed by a person (score below
    /// [`AlignOptions::min_confidence`]).
    pub low_confidence: bool,
}

/// A termbase hook: the concept ids found in a sentence of the given language.
pub type TermHook<'a> = &'a (dyn Fn(&str, Lang) -> Vec<usize> + Sync);

/// How to align.
#[derive(Clone)]
pub struct AlignOptions<'a> {
    /// Use anchor evidence (numbers, names, terms, marks); `false` is Gale–Church alone.
    pub anchors: bool,
    /// Termbase evidence: concept ids per sentence (e.g. from `termbase::Matcher`);
    /// `None` aligns without a termbase.
    pub terms: Option<TermHook<'a>>,
    /// Paragraph number of each Russian sentence (empty when unknown).
    pub ru_paragraphs: &'a [usize],
    /// Paragraph number of each English sentence (empty when unknown).
    pub en_paragraphs: &'a [usize],
    /// English characters per Russian character; `None` estimates it from the documents.
    pub ratio: Option<f64>,
    /// Gale & Church's variance per character.
    pub variance: f64,
    /// Half-width of the band searched around the coarse path, in sentences.
    pub band: usize,
    /// Largest table (Russian × English sentences) aligned in full, without a band.
    pub full_cells: usize,
    /// Nats of cost removed per unit of shared anchor weight.
    pub anchor_gain: f64,
    /// Nats of cost added per unit of unmatched anchor weight.
    pub anchor_miss: f64,
    /// Nats of cost added per unit of anchor weight of a sentence merged into a
    /// multi-sentence bead while sharing nothing with the other side.
    pub orphan_penalty: f64,
    /// Cost of a bead that disagrees with the paragraph boundaries.
    pub paragraph_penalty: f64,
    /// Beads scoring below this are flagged `low_confidence`.
    pub min_confidence: f64,
    /// Nats added to a null bead (1-0, 0-1) per 100 characters of its sentence: an
    /// omission or insertion is likelier for a short sentence than for a long one.
    pub null_length: f64,
    /// Temperature of the bead posteriors that give the confidence: costs are divided
    /// by it before the forward–backward sums (above 1 spreads probability over
    /// alternative paths).
    pub temperature: f64,
}

impl std::fmt::Debug for AlignOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AlignOptions")
            .field("anchors", &self.anchors)
            .field("terms", &self.terms.is_some())
            .field("ratio", &self.ratio)
            .field("variance", &self.variance)
            .field("band", &self.band)
            .finish_non_exhaustive()
    }
}

impl Default for AlignOptions<'_> {
    fn default() -> Self {
        AlignOptions {
            anchors: true,
            terms: None,
            ru_paragraphs: &[],
            en_paragraphs: &[],
            ratio: None,
            variance: cost::DEFAULT_VARIANCE,
            band: 6,
            full_cells: 250_000,
            anchor_gain: 2.0,
            anchor_miss: 0.75,
            orphan_penalty: 0.75,
            paragraph_penalty: 3.0,
            min_confidence: 0.7,
            null_length: 1.0,
            temperature: 2.0,
        }
    }
}

impl AlignOptions<'_> {
    /// Gale–Church alone: the length model without anchors.
    pub fn length_only() -> AlignOptions<'static> {
        AlignOptions {
            anchors: false,
            ..AlignOptions::default()
        }
    }
}

/// Aligns Russian sentences with English sentences. Every sentence of each side lies in
/// exactly one bead, in order.
pub fn align(ru: &[&str], en: &[&str], opts: &AlignOptions) -> Vec<Bead> {
    let feats = |texts: &[&str], lang: Lang| -> Vec<Features> {
        texts
            .par_iter()
            .map(|t| {
                if opts.anchors {
                    let terms = opts.terms.map(|f| f(t, lang)).unwrap_or_default();
                    Features::extract(t, lang, terms)
                } else {
                    Features::length_only(t)
                }
            })
            .collect()
    };
    let (rf, ef) = rayon::join(|| feats(ru, Lang::Ru), || feats(en, Lang::En));
    align_features(&rf, &ef, opts)
}

/// Aligns sentences already reduced to [`Features`].
pub fn align_features(ru: &[Features], en: &[Features], opts: &AlignOptions) -> Vec<Bead> {
    let ratio = opts.ratio.unwrap_or_else(|| estimate_ratio(ru, en));
    let model = Model {
        ratio,
        variance: opts.variance,
        gain: opts.anchor_gain as f32,
        miss: opts.anchor_miss as f32,
        orphan: opts.orphan_penalty as f32,
        priors: std::array::from_fn(prior_cost),
        coarse_slack: None,
        null_length: opts.null_length,
        paragraphs: Paragraphs::new(opts, ru.len(), en.len()),
    };
    let (shapes, band) = solve(ru, en, &model, opts, 0);
    let post = posteriors(ru, en, &model, &band, &shapes, opts.temperature);
    let mut beads = Vec::with_capacity(shapes.len());
    let (mut i, mut j) = (0, 0);
    for (x, k) in shapes.into_iter().enumerate() {
        let (a, b) = SHAPES[k];
        let score = post[x];
        beads.push(Bead {
            ru: i..i + a,
            en: j..j + b,
            score,
            // an omission or insertion is always shown for review
            low_confidence: score < opts.min_confidence || a == 0 || b == 0,
        });
        i += a;
        j += b;
    }
    beads
}

/// The posterior probability of each bead of `path` (shapes) among all paths through
/// `band`, with costs divided by `temp`: forward and backward log-sum-exp over the band,
/// `P(bead) = exp(F(start) + cost + B(end) − F(n, m))` in cost space. A bead whose
/// boundaries could move cheaply, or that competes with a merge, scores low.
fn posteriors(
    ru: &[Features],
    en: &[Features],
    model: &Model,
    band: &Band,
    path: &[usize],
    temp: f64,
) -> Vec<f64> {
    let (n, m) = (ru.len(), en.len());
    let t = temp.max(1e-6);
    let mut cache = pair_cache(ru, en, band);
    let lse = |a: f64, b: f64| -> f64 {
        // -ln(e^-a + e^-b)
        if a.is_infinite() {
            return b;
        }
        if b.is_infinite() {
            return a;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        lo - (-(hi - lo)).exp().ln_1p()
    };
    let at = |v: &Vec<Vec<f64>>, i: usize, j: usize| -> f64 {
        if j < band.lo[i] || j > band.hi[i] {
            f64::INFINITY
        } else {
            v[i][j - band.lo[i]]
        }
    };
    let mut fwd: Vec<Vec<f64>> = (0..=n)
        .map(|i| vec![f64::INFINITY; band.hi[i] + 1 - band.lo[i]])
        .collect();
    let mut bwd = fwd.clone();
    fwd[0][0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut acc = f64::INFINITY;
            for (k, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let prev = at(&fwd, i - a, j - b);
                if prev.is_finite() {
                    acc = lse(acc, prev + model.bead_cost(ru, en, i, j, k, &mut cache) / t);
                }
            }
            fwd[i][j - band.lo[i]] = acc;
        }
    }
    bwd[n][m - band.lo[n]] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            if i == n && j == m {
                continue;
            }
            let mut acc = f64::INFINITY;
            for (k, &(a, b)) in SHAPES.iter().enumerate() {
                if i + a > n || j + b > m {
                    continue;
                }
                let next = at(&bwd, i + a, j + b);
                if next.is_finite() {
                    acc = lse(
                        acc,
                        next + model.bead_cost(ru, en, i + a, j + b, k, &mut cache) / t,
                    );
                }
            }
            bwd[i][j - band.lo[i]] = acc;
        }
    }
    let z = at(&fwd, n, m);
    let (mut i, mut j) = (0, 0);
    path.iter()
        .map(|&k| {
            let (a, b) = SHAPES[k];
            let c = model.bead_cost(ru, en, i + a, j + b, k, &mut cache) / t;
            let p = (z - at(&fwd, i, j) - c - at(&bwd, i + a, j + b)).exp();
            i += a;
            j += b;
            if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect()
}

/// English characters per Russian character over both documents, within sane bounds.
fn estimate_ratio(ru: &[Features], en: &[Features]) -> f64 {
    let r: f64 = ru.iter().map(|f| f64::from(f.len)).sum();
    let e: f64 = en.iter().map(|f| f64::from(f.len)).sum();
    if r < 200.0 || e < 200.0 {
        return cost::DEFAULT_RATIO;
    }
    (e / r).clamp(0.6, 1.6)
}

/// Paragraph boundaries, used only when both sides have the same number of paragraphs.
struct Paragraphs {
    /// `ru_start[i]`: a paragraph starts at Russian sentence i (or i = n).
    ru_start: Vec<bool>,
    en_start: Vec<bool>,
    penalty: f64,
}

impl Paragraphs {
    fn new(opts: &AlignOptions, n: usize, m: usize) -> Option<Paragraphs> {
        let (rp, ep) = (opts.ru_paragraphs, opts.en_paragraphs);
        if rp.len() != n || ep.len() != m || n == 0 || m == 0 {
            return None;
        }
        let starts = |p: &[usize]| -> Vec<bool> {
            let mut s: Vec<bool> = (0..p.len()).map(|i| i == 0 || p[i] != p[i - 1]).collect();
            s.push(true);
            s
        };
        let (ru_start, en_start) = (starts(rp), starts(ep));
        let count = |s: &[bool]| s.iter().filter(|&&b| b).count();
        (count(&ru_start) == count(&en_start) && count(&ru_start) > 2).then_some(Paragraphs {
            ru_start,
            en_start,
            penalty: opts.paragraph_penalty,
        })
    }

    /// Penalty for a bead covering Russian `i0..i` and English `j0..j`.
    fn cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        let mut c = 0.0;
        if self.ru_start[i] != self.en_start[j] {
            c += self.penalty;
        }
        // a boundary inside the bead on either side
        if (i0 + 1..i).any(|k| self.ru_start[k]) || (j0 + 1..j).any(|k| self.en_start[k]) {
            c += self.penalty;
        }
        // A null bead that brings the two sides back into step at a paragraph end
        // refunds the mismatch its predecessor paid: an omission of a paragraph's last
        // sentence must not be pushed into a merge.
        if (i0 == i || j0 == j)
            && self.ru_start[i0] != self.en_start[j0]
            && self.ru_start[i] == self.en_start[j]
        {
            c -= self.penalty;
        }
        c
    }
}

struct Model {
    ratio: f64,
    variance: f64,
    gain: f32,
    miss: f32,
    orphan: f32,
    /// At coarse resolution, the extra length variance from chunk boundaries falling
    /// off the true path (null beads then pay for their length too).
    coarse_slack: Option<f64>,
    /// Nats per 100 characters of a null bead's sentence.
    null_length: f64,
    /// `prior_cost` of each shape, computed once.
    priors: [f64; 8],
    paragraphs: Option<Paragraphs>,
}

/// Shared-evidence weights of sentence pairs, computed once per pair in the band.
struct PairCache {
    /// Per Russian sentence: first English index cached and the weights.
    rows: Vec<(usize, Vec<f32>)>,
    /// Computing confidence rather than searching.
    scoring: bool,
}

impl PairCache {
    fn get(&self, ru: &[Features], en: &[Features], i: usize, j: usize) -> f32 {
        if let Some((start, row)) = self.rows.get(i) {
            if j >= *start {
                if let Some(&w) = row.get(j - start) {
                    return w;
                }
            }
        }
        pair_match(&ru[i], &en[j])
    }
}

impl Model {
    /// Cost of the bead of shape `k` ending at cell (`i`, `j`).
    fn bead_cost(
        &self,
        ru: &[Features],
        en: &[Features],
        i: usize,
        j: usize,
        k: usize,
        cache: &mut PairCache,
    ) -> f64 {
        let (a, b) = SHAPES[k];
        let (i0, j0) = (i - a, j - b);
        let l1: f32 = ru[i0..i].iter().map(|f| f.len).sum();
        let l2: f32 = en[j0..j].iter().map(|f| f.len).sum();
        let (l1, l2) = (f64::from(l1), f64::from(l2));
        let mut c = self.priors[k]
            + match self.coarse_slack {
                Some(extra) => gale_church(l1, l2, self.ratio, self.variance, extra),
                None => length_cost(l1, l2, self.ratio, self.variance),
            };
        if a == 0 || b == 0 {
            c += self.null_length * (l1 + l2) / 100.0;
        }
        let wr: f32 = ru[i0..i].iter().map(|f| f.weight).sum();
        let we: f32 = en[j0..j].iter().map(|f| f.weight).sum();
        if wr > 0.0 || we > 0.0 {
            // Each sentence is credited with its best partner in the bead, counted from
            // the side that credits more: a 2-1 merge sums both Russian sentences'
            // evidence, while two 1-1 pairs taken as 2-2 gain nothing from cross pairs.
            let mut shared = 0.0;
            if a > 0 && b > 0 && wr > 0.0 && we > 0.0 {
                let mut pm = [[0f32; 3]; 3];
                for (x, row) in pm.iter_mut().enumerate().take(a) {
                    for (y, cell) in row.iter_mut().enumerate().take(b) {
                        *cell = cache.get(ru, en, i0 + x, j0 + y);
                    }
                }
                let by_ru: f32 = (0..a)
                    .map(|x| (0..b).map(|y| pm[x][y]).fold(0.0, f32::max))
                    .sum();
                let by_en: f32 = (0..b)
                    .map(|y| (0..a).map(|x| pm[x][y]).fold(0.0, f32::max))
                    .sum();
                shared = by_ru.max(by_en);
                // A sentence merged into a bead without sharing any of its evidence
                // looks like an omission or insertion hidden in a merge.
                let mut orphan = 0.0;
                if a > 1 {
                    for x in 0..a {
                        if ru[i0 + x].strong > 0.0 && pm[x][..b].iter().all(|&w| w == 0.0) {
                            orphan += ru[i0 + x].strong;
                        }
                    }
                }
                if b > 1 {
                    for y in 0..b {
                        if en[j0 + y].strong > 0.0 && (0..a).all(|x| pm[x][y] == 0.0) {
                            orphan += en[j0 + y].strong;
                        }
                    }
                }
                if !cache.scoring {
                    c += f64::from(orphan * self.orphan);
                }
            }
            let shared = shared.min(wr).min(we);
            let unmatched = (wr + we - 2.0 * shared).max(0.0);
            c -= f64::from(self.gain * shared);
            // Unmatched evidence steers the search but says little about whether a
            // bead is right (most long words have no cognate), so confidence ignores it.
            if !cache.scoring {
                c += f64::from(self.miss * unmatched);
            }
        }
        if let Some(p) = &self.paragraphs {
            c += p.cost(i0, i, j0, j);
        }
        c
    }
}

/// A band of the DP table: for each Russian count i (0..=n), the English counts
/// `lo[i]..=hi[i]` searched.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

/// Returns the shapes (indices into [`SHAPES`]) of the best path.
fn solve(
    ru: &[Features],
    en: &[Features],
    model: &Model,
    opts: &AlignOptions,
    depth: usize,
) -> (Vec<usize>, Band) {
    let (n, m) = (ru.len(), en.len());
    let full = (n + 1).saturating_mul(m + 1) <= opts.full_cells.max(16) || depth > 40;
    let band = if full {
        let band = Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        };
        return (dp(ru, en, model, &band), band);
    } else if (n + 1).saturating_mul(m + 1) <= opts.full_cells.max(16) || depth > 40 {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    } else {
        // Coarse level: cut both sides into the same number of chunks of equal length
        // (in characters), so chunk k of one side roughly faces chunk k of the other;
        // align the chunks, then search only near their path.
        // Beyond chunks of about 8 sentences, lengths alone place the path well and the
        // merged anchor lists would only grow: keep lengths only there.
        let length_only = !opts.anchors || depth >= 2;
        let chunks = (n.min(m) / 2).max(1);
        let (cr, rs) = chunk(ru, chunks, length_only);
        let (ce, es) = chunk(en, chunks, length_only);
        // half a coarse chunk, in characters: how far a chunk boundary may fall off the
        // true path
        let slack = f64::from(cr.iter().map(|f| f.len).sum::<f32>()) / cr.len().max(1) as f64 / 2.0;
        let coarse_model = Model {
            ratio: model.ratio,
            variance: model.variance,
            gain: model.gain,
            miss: model.miss,
            orphan: model.orphan,
            priors: model.priors,
            paragraphs: None,
            coarse_slack: Some(slack * slack),
            null_length: 0.0,
        };
        let (path, _) = solve(&cr, &ce, &coarse_model, opts, depth + 1);
        project(&path, &rs, &es, opts.band)
    };
    // Verify the path: where it runs along the edge of the band, the best path may lie
    // outside it (a coarse error). Widen the band there, doubling each time, and search
    // again until the path keeps clear of the edges, so a coarse error is undone.
    let mut band = band;
    let mut extra = opts.band.max(4);
    loop {
        let path = dp(ru, en, model, &band);
        let (low, high) = contacts(&path, &band, m);
        if (low.is_empty() && high.is_empty()) || extra > 2 * (n + m) {
            return (path, band);
        }
        band.widen(&low, &high, extra, n, m);
        extra *= 2;
    }
}

/// Rows where `path` touches the lower or the upper edge of `band` (not the table's).
fn contacts(path: &[usize], band: &Band, m: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut low, mut high) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    for &k in path {
        let (a, b) = SHAPES[k];
        i += a;
        j += b;
        if j <= band.lo[i] && band.lo[i] > 0 {
            low.push(i);
        }
        if j >= band.hi[i] && band.hi[i] < m {
            high.push(i);
        }
    }
    (low, high)
}

impl Band {
    /// Widens the lower edge by `extra` around the rows `low` and the upper edge
    /// around `high` (within `4 × extra` rows), keeping the band a superset of itself.
    fn widen(&mut self, low: &[usize], high: &[usize], extra: usize, n: usize, m: usize) {
        let spread = |rows: &[usize]| -> Vec<bool> {
            let mut d = vec![0i64; n + 2];
            for &r in rows {
                d[r.saturating_sub(4 * extra)] += 1;
                d[(r + 4 * extra + 1).min(n + 1)] -= 1;
            }
            let mut acc = 0;
            d.iter()
                .take(n + 1)
                .map(|&x| {
                    acc += x;
                    acc > 0
                })
                .collect()
        };
        let (wl, wh) = (spread(low), spread(high));
        for i in 0..=n {
            if wl[i] {
                self.lo[i] = self.lo[i].saturating_sub(extra);
            }
            if wh[i] {
                self.hi[i] = (self.hi[i] + extra).min(m);
            }
        }
        for i in (0..n).rev() {
            self.lo[i] = self.lo[i].min(self.lo[i + 1]);
        }
        for i in 1..=n {
            self.hi[i] = self.hi[i].max(self.hi[i - 1]);
        }
    }
}

/// Cuts `fs` into at most `k` runs of consecutive sentences of about equal length;
/// returns the merged features and the start of each run (plus the end).
fn chunk(fs: &[Features], k: usize, length_only: bool) -> (Vec<Features>, Vec<usize>) {
    let total: f64 = fs.iter().map(|f| f64::from(f.len)).sum();
    let mut out: Vec<Features> = Vec::with_capacity(k);
    let mut starts = vec![0];
    let mut cum = 0.0;
    let mut cur: Option<Features> = None;
    for (i, f) in fs.iter().enumerate() {
        cum += f64::from(f.len);
        match cur.as_mut() {
            None if length_only => {
                cur = Some(Features {
                    len: f.len,
                    ..Features::default()
                })
            }
            None => cur = Some(f.clone()),
            Some(c) if length_only => c.len += f.len,
            Some(c) => c.merge(f),
        }
        // close the chunk when the running length reaches the next k-th of the total
        let target = total * out.len().saturating_add(1) as f64 / k as f64;
        if (cum >= target && out.len() + 1 < k) || i + 1 == fs.len() {
            out.extend(cur.take());
            starts.push(i + 1);
        }
    }
    (out, starts)
}

/// Projects a coarse path onto the fine table with a margin; `rs`/`es` give the fine
/// start of each coarse unit.
fn project(coarse: &[usize], rs: &[usize], es: &[usize], margin: usize) -> Band {
    let (n, m) = (*rs.last().unwrap_or(&0), *es.last().unwrap_or(&0));
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    let (mut ci, mut cj) = (0usize, 0usize);
    let mut mark = |i: usize, j0: usize, j1: usize| {
        let i = i.min(n);
        lo[i] = lo[i].min(j0.min(m));
        hi[i] = hi[i].max(j1.min(m));
    };
    mark(0, 0, 0);
    for &k in coarse {
        let (a, b) = SHAPES[k];
        let (fi0, fj0) = (rs[ci], es[cj]);
        ci += a;
        cj += b;
        let (fi1, fj1) = (rs[ci], es[cj]);
        for i in fi0..=fi1 {
            mark(i, fj0, fj1);
        }
    }
    mark(n, m, m);
    // widen by the margin (in both directions along the rows) and make monotone
    let mut wl = vec![0usize; n + 1];
    let mut wh = vec![0usize; n + 1];
    for i in 0..=n {
        let a = i.saturating_sub(margin);
        let b = (i + margin).min(n);
        wl[i] = (a..=b)
            .map(|k| lo[k])
            .min()
            .unwrap_or(0)
            .saturating_sub(margin);
        wh[i] = ((a..=b).map(|k| hi[k]).max().unwrap_or(m) + margin).min(m);
    }
    for i in 1..=n {
        wl[i] = wl[i].max(wl[i - 1]);
    }
    for i in (0..n).rev() {
        wh[i] = wh[i].min(wh[i + 1]);
    }
    wl[0] = 0;
    wh[n] = m;
    for i in 0..=n {
        if wl[i] > wh[i] {
            wl[i] = wh[i];
        }
    }
    Band { lo: wl, hi: wh }
}

/// Shared-evidence weights over the cells any bead in `band` can touch.
fn pair_cache(ru: &[Features], en: &[Features], band: &Band) -> PairCache {
    let n = ru.len();
    let rows: Vec<(usize, Vec<f32>)> = (0..n)
        .into_par_iter()
        .map(|x| {
            if ru[x].weight == 0.0 {
                return (0, Vec::new());
            }
            let start = band.lo[x + 1].saturating_sub(3);
            let end = band.hi[(x + 3).min(n)];
            let row = (start..end)
                .map(|y| {
                    if en[y].weight == 0.0 {
                        0.0
                    } else {
                        pair_match(&ru[x], &en[y])
                    }
                })
                .collect();
            (start, row)
        })
        .collect();
    PairCache {
        rows,
        scoring: false,
    }
}

/// The dynamic program over a band; returns the best path's shapes.
fn dp(ru: &[Features], en: &[Features], model: &Model, band: &Band) -> Vec<usize> {
    let n = ru.len();
    let mut cache = pair_cache(ru, en, band);
    let mut cost: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    for i in 0..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut crow = vec![f64::INFINITY; hi - lo + 1];
        let mut brow = vec![u8::MAX; hi - lo + 1];
        for j in lo..=hi {
            if i == 0 && j == 0 {
                crow[0] = 0.0;
                continue;
            }
            let mut best = f64::INFINITY;
            let mut arg = u8::MAX;
            for (k, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let pi = i - a;
                let pj = j - b;
                let prev = if pi == i {
                    if pj < lo {
                        continue;
                    }
                    crow[pj - lo]
                } else {
                    let (plo, phi) = (band.lo[pi], band.hi[pi]);
                    if pj < plo || pj > phi {
                        continue;
                    }
                    cost[pi][pj - plo]
                };
                if !prev.is_finite() {
                    continue;
                }
                let c = prev + model.bead_cost(ru, en, i, j, k, &mut cache);
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            crow[j - lo] = best;
            brow[j - lo] = arg;
        }
        cost.push(crow);
        back.push(brow);
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, en.len());
    while i > 0 || j > 0 {
        let k = back[i][j - band.lo[i]];
        assert!(k != u8::MAX, "alignment band lost the path");
        let (a, b) = SHAPES[k as usize];
        path.push(k as usize);
        i -= a;
        j -= b;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(beads: &[Bead]) -> Vec<(usize, usize)> {
        beads.iter().map(|b| (b.ru.len(), b.en.len())).collect()
    }

    #[test]
    fn empty_sides() {
        assert!(align(&[], &[], &AlignOptions::default()).is_empty());
        let b = align(&["Привет."], &[], &AlignOptions::default());
        assert_eq!(shapes(&b), [(1, 0)]);
        let b = align(&[], &["Hi.", "There."], &AlignOptions::default());
        assert_eq!(shapes(&b), [(0, 1), (0, 1)]);
    }

    #[test]
    fn one_to_one_and_merge() {
        let ru = [
            "В 2019 году в Ташкенте прошла встреча министров иностранных дел.",
            "Она длилась два дня.",
            "Министры обсудили торговлю.",
            "Следующая встреча пройдёт в Астане в 2021 году.",
        ];
        let en = [
            "In 2019 the foreign ministers met in Tashkent.",
            "It lasted two days, and the ministers discussed trade.",
            "The next meeting will be held in Astana in 2021.",
        ];
        let b = align(&ru, &en, &AlignOptions::default());
        assert_eq!(shapes(&b), [(1, 1), (2, 1), (1, 1)]);
    }
}
