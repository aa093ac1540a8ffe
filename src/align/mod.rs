//! Alignment: two [`Document`]s and their [`Token`]s → an [`Alignment`]: every sentence of B paired
//! with its counterpart(s) in A (identical, changed, moved; 1:1, 1:n, n:1), B's new sentences
//! (added), A's lost ones (dropped), the passages they share wherever they sit, and coverage.
//!
//! Steps: sentence features → identical runs in order (a sentence-level diff, which keeps "……"
//! lines and near-duplicate lines with their own counterparts) → candidates from a trigram index →
//! similarities → greedy one-to-one matching, best first → extension of pairs over adjacent
//! unmatched sentences (splits, merges) → fragments → gaps between in-order neighbours filled at a
//! lower threshold → backbone of kept order (pairs off it are moved) → local reuse passages →
//! coverage.

pub mod backbone;
pub mod candidates;
pub mod features;
pub mod passages;

use crate::ingest::Document;
use crate::words::Token;
use features::{
    BigramWeights, Features, Interner, containment, joined, sentence_features, similarity,
};
pub use passages::Passage;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AlignOptions {
    /// Pairs less similar than this are not pairs (0..=1).
    pub min_similarity: f64,
    /// Shortest shared passage reported by local reuse, in comparable characters.
    pub min_passage_chars: usize,
    /// Sentences lying in order between two aligned neighbours pair from this similarity on
    /// (their place vouches for them). Never above `min_similarity`.
    pub min_in_order_similarity: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            min_similarity: 0.5,
            min_passage_chars: 12,
            min_in_order_similarity: 0.35,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PairKind {
    Identical,
    Changed,
    Moved,
    Added,
    Dropped,
}

impl PairKind {
    pub const ALL: [PairKind; 5] = [
        Self::Identical,
        Self::Changed,
        Self::Moved,
        Self::Added,
        Self::Dropped,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Identical => "identical",
            Self::Changed => "changed",
            Self::Moved => "moved",
            Self::Added => "added",
            Self::Dropped => "dropped",
        }
    }
}

/// One row of the alignment: sentence ranges of A and B (indices into each document's
/// `structure.sentences`), `None` on the side that has nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub kind: PairKind,
    pub similarity: f64,
    pub a: Option<Range<usize>>,
    pub b: Option<Range<usize>>,
}

/// How much of one section of a document the other document shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionCoverage {
    /// Heading marker path, e.g. `二、`; empty for text before the first heading.
    pub section: String,
    pub heading: String,
    pub chars: usize,
    pub shared_chars: usize,
    pub ratio: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub a_chars: usize,
    pub b_chars: usize,
    /// Share of B's characters in sentences taken over or adapted from A (identical, changed, moved).
    pub copy_ratio: f64,
    /// Share of B's characters in sentences identical to A's.
    pub verbatim_ratio: f64,
    /// Share of A's characters in sentences that B kept, changed or not.
    pub kept_ratio: f64,
    /// Share of B's characters inside shared passages (local reuse).
    pub passage_ratio: f64,
    pub b_sections: Vec<SectionCoverage>,
    pub a_sections: Vec<SectionCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    pub passages: Vec<Passage>,
    pub coverage: Coverage,
}

impl Alignment {
    pub fn count(&self, kind: PairKind) -> usize {
        self.pairs.iter().filter(|p| p.kind == kind).count()
    }
}

/// Aligns A (earlier or higher-level) with B (later or lower-level).
pub fn align(
    a: &Document,
    a_tokens: &[Token],
    b: &Document,
    b_tokens: &[Token],
    options: &AlignOptions,
) -> Alignment {
    align_prepared(a, &Prepared::of(a, a_tokens), b, b_tokens, options)
}

/// What aligning a document as side A needs of it alone, prepared once when it is aligned with
/// many (`tifa trace`): its sentences' features, their keys and the candidate index.
pub struct Prepared {
    interner: Interner,
    features: Vec<Features>,
    keys: Vec<String>,
    index: candidates::CandidateIndex,
}

impl Prepared {
    pub fn of(a: &Document, a_tokens: &[Token]) -> Self {
        let mut interner = Interner::default();
        let features = sentence_features(&a.normalized.text, &spans(a), a_tokens, &mut interner);
        let keys = sentence_keys(a, &features);
        let index = candidates::CandidateIndex::new(&features);
        Self {
            interner,
            features,
            keys,
            index,
        }
    }
}

fn spans(d: &Document) -> Vec<crate::structure::Span> {
    d.structure.sentences.iter().map(|s| s.span).collect()
}

/// [`align`] with side A prepared ([`Prepared::of`]); the same result.
pub fn align_prepared(
    a: &Document,
    prepared: &Prepared,
    b: &Document,
    b_tokens: &[Token],
    options: &AlignOptions,
) -> Alignment {
    // B's features are interned after A's, as when both are prepared together.
    let mut interner = prepared.interner.clone();
    let fa = &prepared.features;
    let fb = sentence_features(&b.normalized.text, &spans(b), b_tokens, &mut interner);
    let weights = BigramWeights::new(fa.iter().chain(&fb));
    let a_index = &prepared.index;
    let mut matcher = Matcher::new(fa.len(), fb.len());
    let (a_keys, b_keys) = (&prepared.keys, sentence_keys(b, &fb));
    matcher.anchor_identical_runs(a_keys, &b_keys, fa);
    let mut scored = score_candidates(a_index, fa, &fb, &weights, options.min_similarity);
    scored.retain(|&(i, j, _)| !matcher.a_taken[i] && !matcher.b_taken[j]);
    matcher.assign_best_first(scored);
    matcher.extend_over_neighbours(fa, &fb, &weights);
    matcher.attach_fragments(a_index, fa, &fb, &weights);
    let in_order_threshold = options.min_in_order_similarity.min(options.min_similarity);
    let gap_sides = GapSides {
        fa,
        fb: &fb,
        a_keys,
        b_keys: &b_keys,
    };
    matcher.fill_gaps(&gap_sides, &weights, in_order_threshold);
    let pairs = classify(&matcher.pairs, fa, &fb);
    let pairs = with_unmatched(pairs, &matcher);
    let passages = shared_passages(a, b, options.min_passage_chars);
    let coverage = coverage(a, b, fa, &fb, &pairs, &passages);
    Alignment {
        pairs,
        passages,
        coverage,
    }
}

/// What makes two sentences the same sentence: their comparable characters, or for a sentence
/// with fewer than two ("……", "一、") its text without spaces.
fn sentence_keys(doc: &Document, features: &[Features]) -> Vec<String> {
    doc.structure
        .sentences
        .iter()
        .zip(features)
        .map(|(s, f)| {
            if f.is_trivial() {
                s.span
                    .of(&doc.normalized.text)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            } else {
                f.key.iter().collect()
            }
        })
        .collect()
}

/// Shared passages, without those that are only a stock term of the field: 习近平新时代中国特色
/// 社会主义思想 in both texts is a name both use, not a passage one took from the other.
fn shared_passages(a: &Document, b: &Document, min_chars: usize) -> Vec<Passage> {
    let mut passages = passages::find_passages(&a.normalized.text, &b.normalized.text, min_chars);
    passages.retain(|p| {
        let key: String =
            p.b.of(&b.normalized.text)
                .chars()
                .filter(|&c| features::comparable(c))
                .collect();
        !crate::words::is_domain_term(&key)
    });
    passages
}

/// (a, b, similarity) for every candidate pair at or above the threshold.
fn score_candidates(
    index: &candidates::CandidateIndex,
    fa: &[Features],
    fb: &[Features],
    weights: &BigramWeights,
    min_similarity: f64,
) -> Vec<(usize, usize, f64)> {
    let mut scored = Vec::new();
    for (j, b) in fb.iter().enumerate() {
        if b.is_trivial() {
            continue;
        }
        for i in index.candidates(b) {
            let i = i as usize;
            if fa[i].is_trivial() {
                continue;
            }
            let s = similarity(&fa[i], b, weights);
            if s >= min_similarity {
                scored.push((i, j, s));
            }
        }
    }
    scored
}

/// A pair under construction: sentence ranges and their similarity.
#[derive(Debug, Clone)]
struct Draft {
    a: Range<usize>,
    b: Range<usize>,
    similarity: f64,
}

/// Both documents' sentence features and keys, as the gap filling reads them.
struct GapSides<'f> {
    fa: &'f [Features],
    fb: &'f [Features],
    a_keys: &'f [String],
    b_keys: &'f [String],
}

struct Matcher {
    a_taken: Vec<bool>,
    b_taken: Vec<bool>,
    pairs: Vec<Draft>,
}

/// Shortest sentence (comparable characters) taken as a fragment of another.
const MIN_FRAGMENT_CHARS: usize = 8;
/// Share of a fragment's weighted bigrams that must lie in the sentence it came from.
const MIN_FRAGMENT_CONTAINMENT: f64 = 0.85;

/// Gaps with more candidate cells than this (an unaligned stretch of a few hundred sentences on
/// each side) are left to the greedy matching: their order says little.
const MAX_GAP_CELLS: usize = 40_000;
/// Weight of a pair of identical trivial lines ("……") in a gap: enough to pair them, never
/// enough to outweigh a sentence.
const TRIVIAL_WEIGHT: f64 = 0.01;

/// A neighbour is added to a pair only when the joined similarity rises by at least this much.
const MIN_EXTENSION_GAIN: f64 = 0.02;

impl Matcher {
    fn new(a_len: usize, b_len: usize) -> Self {
        Self {
            a_taken: vec![false; a_len],
            b_taken: vec![false; b_len],
            pairs: Vec::new(),
        }
    }

    /// Pairs sentence `i` of A with sentence `j` of B.
    fn pair_one(&mut self, i: usize, j: usize, similarity: f64) {
        self.a_taken[i] = true;
        self.b_taken[j] = true;
        self.pairs.push(Draft {
            a: i..i + 1,
            b: j..j + 1,
            similarity,
        });
    }

    /// Runs of identical sentences in both documents' order (a patience diff of the sentence
    /// keys) are pairs before anything else, so that a text aligned with itself is identical
    /// sentence by sentence: repeated and near-duplicate lines keep their own counterparts, and
    /// the "……" or "好。" lines inside a run pair as well. A run of only such trivial lines is left
    /// to [`Matcher::fill_gaps`], which pairs it only between aligned neighbours.
    fn anchor_identical_runs(&mut self, a_keys: &[String], b_keys: &[String], fa: &[Features]) {
        for op in capture_diff_slices(Algorithm::Patience, a_keys, b_keys) {
            let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            else {
                continue;
            };
            if (old_index..old_index + len).all(|i| fa[i].is_trivial()) {
                continue;
            }
            for k in 0..len {
                self.pair_one(old_index + k, new_index + k, 1.0);
            }
        }
    }

    /// Sentences still unmatched between two in-order pairs (and before the first or after the
    /// last) pair with each other in order at the lower `threshold`: the place of a rewritten
    /// sentence between aligned neighbours vouches for it, where an out-of-order candidate needs
    /// the full `min_similarity`. Within a gap the order-keeping set of pairs with the most
    /// weight (similarity × characters) wins; trivial lines pair only with the same line.
    fn fill_gaps(&mut self, sides: &GapSides, weights: &BigramWeights, threshold: f64) {
        let (fa, fb) = (sides.fa, sides.fb);
        for (ga, gb) in self.gaps(fa, fb) {
            let free_a: Vec<usize> = ga.filter(|&i| !self.a_taken[i]).collect();
            let free_b: Vec<usize> = gb.filter(|&j| !self.b_taken[j]).collect();
            if free_a.is_empty() || free_b.is_empty() || free_a.len() * free_b.len() > MAX_GAP_CELLS
            {
                continue;
            }
            let weight = |i: usize, j: usize| {
                let (x, y) = (&fa[i], &fb[j]);
                if x.is_trivial() || y.is_trivial() {
                    let same = sides.a_keys[i] == sides.b_keys[j] && !sides.a_keys[i].is_empty();
                    return same.then_some((TRIVIAL_WEIGHT, 1.0));
                }
                let s = similarity(x, y, weights);
                (s >= threshold).then(|| (s * (x.len() + y.len()) as f64, s))
            };
            for (i, j, s) in heaviest_in_order(&free_a, &free_b, weight) {
                self.pair_one(i, j, s);
            }
        }
    }

    /// The stretches of A and B between consecutive in-order pairs (by the backbone of the pairs
    /// made so far), with the stretch before the first and after the last.
    fn gaps(&self, fa: &[Features], fb: &[Features]) -> Vec<(Range<usize>, Range<usize>)> {
        let weighted: Vec<(usize, usize, f64)> = self
            .pairs
            .iter()
            .map(|d| (d.a.start, d.b.start, d.similarity * d.b.len().max(1) as f64))
            .collect();
        let mut anchors: Vec<(Range<usize>, Range<usize>)> = self
            .pairs
            .iter()
            .zip(backbone::in_order(&weighted))
            .filter(|(_, ordered)| *ordered)
            .map(|(d, _)| (d.a.clone(), d.b.clone()))
            .collect();
        anchors.sort_by_key(|(a, b)| (b.start, a.start));
        let mut gaps = Vec::with_capacity(anchors.len() + 1);
        let (mut a_from, mut b_from) = (0, 0);
        for (a, b) in anchors {
            if a.start >= a_from && b.start >= b_from {
                gaps.push((a_from..a.start, b_from..b.start));
                (a_from, b_from) = (a.end, b.end);
            }
        }
        gaps.push((a_from..fa.len(), b_from..fb.len()));
        gaps
    }

    /// Greedy one-to-one matching, most similar first; ties go to pairs at similar relative
    /// positions, which keeps repeated sentences (同志们：) with their own counterparts.
    fn assign_best_first(&mut self, mut scored: Vec<(usize, usize, f64)>) {
        let (na, nb) = (
            self.a_taken.len().max(1) as f64,
            self.b_taken.len().max(1) as f64,
        );
        let drift = |&(i, j, _): &(usize, usize, f64)| (i as f64 / na - j as f64 / nb).abs();
        scored.sort_by(|x, y| {
            y.2.total_cmp(&x.2)
                .then(drift(x).total_cmp(&drift(y)))
                .then((x.0, x.1).cmp(&(y.0, y.1)))
        });
        for (i, j, s) in scored {
            if !self.a_taken[i] && !self.b_taken[j] {
                self.a_taken[i] = true;
                self.b_taken[j] = true;
                self.pairs.push(Draft {
                    a: i..i + 1,
                    b: j..j + 1,
                    similarity: s,
                });
            }
        }
    }

    /// A sentence split in two, or two merged into one: the unmatched neighbour joins the pair
    /// when the joined text is more similar than the pair alone.
    fn extend_over_neighbours(
        &mut self,
        fa: &[Features],
        fb: &[Features],
        weights: &BigramWeights,
    ) {
        for k in 0..self.pairs.len() {
            loop {
                let draft = self.pairs[k].clone();
                let options = [
                    (draft.a.start.checked_sub(1).map(|s| s..draft.a.end), None),
                    (
                        (draft.a.end < fa.len()).then(|| draft.a.start..draft.a.end + 1),
                        None,
                    ),
                    (None, draft.b.start.checked_sub(1).map(|s| s..draft.b.end)),
                    (
                        None,
                        (draft.b.end < fb.len()).then(|| draft.b.start..draft.b.end + 1),
                    ),
                ];
                let mut best: Option<Draft> = None;
                for (a, b) in options {
                    let (a, b) = match (a, b) {
                        (Some(a), None) if all_free(&a, &draft.a, &self.a_taken, fa) => {
                            (a, draft.b.clone())
                        }
                        (None, Some(b)) if all_free(&b, &draft.b, &self.b_taken, fb) => {
                            (draft.a.clone(), b)
                        }
                        _ => continue,
                    };
                    let s = similarity(&joined(&fa[a.clone()]), &joined(&fb[b.clone()]), weights);
                    if s >= draft.similarity + MIN_EXTENSION_GAIN
                        && best.as_ref().is_none_or(|d| s > d.similarity)
                    {
                        best = Some(Draft {
                            a,
                            b,
                            similarity: s,
                        });
                    }
                }
                let Some(better) = best else { break };
                better.a.clone().for_each(|i| self.a_taken[i] = true);
                better.b.clone().for_each(|j| self.b_taken[j] = true);
                self.pairs[k] = better;
            }
        }
    }

    /// A split sentence whose halves were moved apart (or two distant sentences merged): an
    /// unmatched sentence that lies almost wholly inside a matched sentence of the other document
    /// becomes a pair of its own with that sentence.
    fn attach_fragments(
        &mut self,
        a_index: &candidates::CandidateIndex,
        fa: &[Features],
        fb: &[Features],
        weights: &BigramWeights,
    ) {
        for (j, i, s) in fragments_of(fb, &self.b_taken, a_index, fa, &self.a_taken, weights) {
            self.b_taken[j] = true;
            self.pairs.push(Draft {
                a: i..i + 1,
                b: j..j + 1,
                similarity: s,
            });
        }
        let b_index = candidates::CandidateIndex::new(fb);
        for (i, j, s) in fragments_of(fa, &self.a_taken, &b_index, fb, &self.b_taken, weights) {
            self.a_taken[i] = true;
            self.pairs.push(Draft {
                a: i..i + 1,
                b: j..j + 1,
                similarity: s,
            });
        }
    }
}

/// The order-keeping pairs of `xs` × `ys` with the largest total weight (a weighted longest
/// common subsequence); `weight` gives (weight, similarity) for a pair that may be made.
fn heaviest_in_order(
    xs: &[usize],
    ys: &[usize],
    weight: impl Fn(usize, usize) -> Option<(f64, f64)>,
) -> Vec<(usize, usize, f64)> {
    let (n, m) = (xs.len(), ys.len());
    let cells: Vec<Option<(f64, f64)>> = (0..n * m).map(|k| weight(xs[k / m], ys[k % m])).collect();
    // best[p][q]: the best total for xs[p..] × ys[q..].
    let mut best = vec![0.0f64; (n + 1) * (m + 1)];
    let at = |p: usize, q: usize| p * (m + 1) + q;
    for p in (0..n).rev() {
        for q in (0..m).rev() {
            let take =
                cells[p * m + q].map_or(f64::NEG_INFINITY, |(w, _)| w + best[at(p + 1, q + 1)]);
            best[at(p, q)] = take.max(best[at(p + 1, q)]).max(best[at(p, q + 1)]);
        }
    }
    let (mut p, mut q, mut out) = (0, 0, Vec::new());
    while p < n && q < m {
        match cells[p * m + q] {
            Some((w, s)) if w + best[at(p + 1, q + 1)] >= best[at(p, q)] => {
                out.push((xs[p], ys[q], s));
                p += 1;
                q += 1;
            }
            _ if best[at(p + 1, q)] >= best[at(p, q + 1)] => p += 1,
            _ => q += 1,
        }
    }
    out
}

/// Whether the sentences of `range` outside `current` are unmatched and have text to compare.
fn all_free(
    range: &Range<usize>,
    current: &Range<usize>,
    taken: &[bool],
    features: &[Features],
) -> bool {
    range
        .clone()
        .filter(|k| !current.contains(k))
        .all(|k| !taken[k] && !features[k].is_trivial())
}

/// (part, whole, similarity) for unmatched `parts` that lie inside a matched `whole`.
fn fragments_of(
    parts: &[Features],
    part_taken: &[bool],
    index: &candidates::CandidateIndex,
    wholes: &[Features],
    whole_taken: &[bool],
    weights: &BigramWeights,
) -> Vec<(usize, usize, f64)> {
    (0..parts.len())
        .filter(|&p| !part_taken[p] && parts[p].len() >= MIN_FRAGMENT_CHARS)
        .filter_map(|p| {
            let (w, share) = index
                .candidates(&parts[p])
                .into_iter()
                .map(|w| w as usize)
                .filter(|&w| whole_taken[w])
                .map(|w| (w, containment(&parts[p], &wholes[w], weights)))
                .max_by(|x, y| x.1.total_cmp(&y.1))?;
            // Reported similarity: the pair's own, which a half-length fragment keeps modest.
            (share >= MIN_FRAGMENT_CONTAINMENT)
                .then(|| (p, w, similarity(&parts[p], &wholes[w], weights)))
        })
        .collect()
}

fn classify(drafts: &[Draft], fa: &[Features], fb: &[Features]) -> Vec<Pair> {
    let weighted: Vec<(usize, usize, f64)> = drafts
        .iter()
        .map(|d| {
            let chars: usize = fb[d.b.clone()].iter().map(Features::len).sum();
            (d.a.start, d.b.start, d.similarity * chars.max(1) as f64)
        })
        .collect();
    let in_order = backbone::in_order(&weighted);
    drafts
        .iter()
        .zip(in_order)
        .map(|(d, ordered)| {
            let same = joined(&fa[d.a.clone()]).key == joined(&fb[d.b.clone()]).key;
            let kind = match (ordered, same) {
                (false, _) => PairKind::Moved,
                (true, true) => PairKind::Identical,
                (true, false) => PairKind::Changed,
            };
            Pair {
                kind,
                similarity: if same { 1.0 } else { d.similarity },
                a: Some(d.a.clone()),
                b: Some(d.b.clone()),
            }
        })
        .collect()
}

/// Adds added and dropped sentences and puts all rows in B's order, each dropped A sentence right
/// after the in-order pair that precedes it in A (and before what B added there, as a diff reads).
fn with_unmatched(mut pairs: Vec<Pair>, matcher: &Matcher) -> Vec<Pair> {
    for (j, taken) in matcher.b_taken.iter().enumerate() {
        if !taken {
            pairs.push(Pair {
                kind: PairKind::Added,
                similarity: 0.0,
                a: None,
                b: Some(j..j + 1),
            });
        }
    }
    let mut anchors: Vec<(usize, usize)> = pairs
        .iter()
        .filter(|p| matches!(p.kind, PairKind::Identical | PairKind::Changed))
        .filter_map(|p| Some((p.a.as_ref()?.start, p.b.as_ref()?.end)))
        .collect();
    anchors.sort_unstable();
    let mut rows: Vec<((usize, u8, usize), Pair)> = pairs
        .into_iter()
        .map(|p| ((p.b.as_ref().map_or(0, |b| b.start), 1, 0), p))
        .collect();
    for (i, taken) in matcher.a_taken.iter().enumerate() {
        if !taken {
            let preceding = anchors.partition_point(|&(a, _)| a < i);
            let b_pos = preceding.checked_sub(1).map_or(0, |k| anchors[k].1);
            let pair = Pair {
                kind: PairKind::Dropped,
                similarity: 0.0,
                a: Some(i..i + 1),
                b: None,
            };
            rows.push(((b_pos, 0, i), pair));
        }
    }
    rows.sort_by_key(|(key, _)| *key);
    rows.into_iter().map(|(_, p)| p).collect()
}

fn coverage(
    a: &Document,
    b: &Document,
    fa: &[Features],
    fb: &[Features],
    pairs: &[Pair],
    passages: &[Passage],
) -> Coverage {
    let mut a_shared = vec![false; fa.len()];
    let mut b_shared = vec![false; fb.len()];
    let mut b_verbatim = vec![false; fb.len()];
    for p in pairs
        .iter()
        .filter(|p| !matches!(p.kind, PairKind::Added | PairKind::Dropped))
    {
        let (Some(ar), Some(br)) = (&p.a, &p.b) else {
            continue;
        };
        ar.clone().for_each(|i| a_shared[i] = true);
        for j in br.clone() {
            b_shared[j] = true;
            b_verbatim[j] |= p.kind == PairKind::Identical;
        }
    }
    let chars = |f: &[Features], mask: &[bool]| {
        f.iter()
            .zip(mask)
            .filter(|(_, m)| **m)
            .map(|(x, _)| x.len())
            .sum::<usize>()
    };
    let total = |f: &[Features]| f.iter().map(Features::len).sum::<usize>();
    let (a_chars, b_chars) = (total(fa), total(fb));
    let ratio = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    };
    let passage_chars = passage_coverage(&b.normalized.text, passages);
    Coverage {
        a_chars,
        b_chars,
        copy_ratio: ratio(chars(fb, &b_shared), b_chars),
        verbatim_ratio: ratio(chars(fb, &b_verbatim), b_chars),
        kept_ratio: ratio(chars(fa, &a_shared), a_chars),
        passage_ratio: ratio(passage_chars, b_chars),
        b_sections: sections(b, fb, &b_shared),
        a_sections: sections(a, fa, &a_shared),
    }
}

/// Comparable characters of B inside at least one passage.
fn passage_coverage(b_text: &str, passages: &[Passage]) -> usize {
    let mut covered = vec![false; b_text.len()];
    for p in passages {
        covered[p.b.start..p.b.end]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    b_text
        .char_indices()
        .filter(|(i, c)| covered[*i] && features::comparable(*c))
        .count()
}

/// Shared characters per top-level section of a document.
fn sections(doc: &Document, f: &[Features], shared: &[bool]) -> Vec<SectionCoverage> {
    let text = &doc.normalized.text;
    let mut out: Vec<SectionCoverage> = Vec::new();
    let mut current: Option<usize> = None;
    for (k, sentence) in doc.structure.sentences.iter().enumerate() {
        let top = sentence.section.first().copied();
        if out.is_empty() || top != current {
            current = top;
            let (section, heading) = match top {
                Some(h) => {
                    let heading = &doc.structure.headings[h];
                    let marker = &text[heading.span.start..heading.span.start + heading.marker.len];
                    (marker.to_string(), heading.span.of(text).to_string())
                }
                None => (String::new(), String::new()),
            };
            out.push(SectionCoverage {
                section,
                heading,
                chars: 0,
                shared_chars: 0,
                ratio: 0.0,
            });
        }
        let entry = out.last_mut().expect("pushed above");
        entry.chars += f[k].len();
        if shared[k] {
            entry.shared_chars += f[k].len();
        }
    }
    out.retain(|s| s.chars > 0);
    for s in &mut out {
        s.ratio = s.shared_chars as f64 / s.chars as f64;
    }
    out
}
