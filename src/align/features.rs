//! Sentence features: a document's normalized text, sentences and tokens → one [`Features`] per
//! sentence (the comparable characters, their bigrams, the word sequence), and the similarity of
//! two groups of sentences built from them.

use crate::chars::is_han;
use crate::structure::Span;
use crate::words::{Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;

/// What the aligner compares of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Han characters, letters and digits: punctuation and spaces do not make sentences differ.
    pub key: Vec<char>,
    /// Character bigrams of `key` with their counts.
    pub bigrams: HashMap<(char, char), u32>,
    /// Words and formulations (as interned ids), punctuation left out.
    pub words: Vec<u32>,
}

impl Features {
    pub fn is_trivial(&self) -> bool {
        self.key.len() < 2
    }
    pub fn len(&self) -> usize {
        self.key.len()
    }
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }
}

pub fn comparable(c: char) -> bool {
    is_han(c) || c.is_alphanumeric()
}

/// Interns words so that both documents share one id space.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    pub fn id(&mut self, word: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(word.to_string()).or_insert(next)
    }
}

/// Features of every sentence span of one text, from its tokens (which cover the whole text).
pub fn sentence_features(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    interner: &mut Interner,
) -> Vec<Features> {
    let mut t = 0;
    sentences
        .iter()
        .map(|span| {
            let key: Vec<char> = span.of(text).chars().filter(|&c| comparable(c)).collect();
            let mut bigrams = HashMap::with_capacity_and_hasher(key.len(), Default::default());
            for w in key.windows(2) {
                *bigrams.entry((w[0], w[1])).or_insert(0) += 1;
            }
            while t < tokens.len() && tokens[t].span.end <= span.start {
                t += 1;
            }
            let mut words = Vec::new();
            let mut k = t;
            while k < tokens.len() && tokens[k].span.start < span.end {
                let token = &tokens[k];
                if !matches!(token.kind, TokenKind::Punct | TokenKind::Space) {
                    words.push(interner.id(token.span.of(text)));
                }
                k += 1;
            }
            Features {
                key,
                bigrams,
                words,
            }
        })
        .collect()
}

/// Features of consecutive sentences taken as one (for split and merged sentences).
pub fn joined(features: &[Features]) -> Features {
    let mut out = Features::default();
    for f in features {
        out.key.extend(&f.key);
        out.words.extend(&f.words);
    }
    for w in out.key.windows(2) {
        *out.bigrams.entry((w[0], w[1])).or_insert(0) += 1;
    }
    out
}

/// Weights of character bigrams: rare bigrams say more about a sentence than the stock phrases
/// (网络安全, 信息化, 工作会议) that every sentence of the field repeats. Inverse sentence frequency
/// over both documents.
#[derive(Debug, Clone, Default)]
pub struct BigramWeights {
    idf: HashMap<(char, char), f64>,
    unseen: f64,
}

impl BigramWeights {
    pub fn new<'f>(sentences: impl IntoIterator<Item = &'f Features>) -> Self {
        let mut df: HashMap<(char, char), u32> = HashMap::default();
        let mut n = 0u32;
        for f in sentences {
            n += 1;
            for g in f.bigrams.keys() {
                *df.entry(*g).or_default() += 1;
            }
        }
        let weight = |d: u32| (1.0 + n as f64 / d as f64).ln();
        let idf = df.into_iter().map(|(g, d)| (g, weight(d))).collect();
        Self {
            idf,
            unseen: weight(1),
        }
    }

    fn weight(&self, g: &(char, char)) -> f64 {
        self.idf.get(g).copied().unwrap_or(self.unseen)
    }

    fn mass(&self, f: &Features) -> f64 {
        f.bigrams
            .iter()
            .map(|(g, n)| *n as f64 * self.weight(g))
            .sum()
    }
}

/// Weighted Dice coefficient of the bigram multisets: order-free, so a clause moved inside a
/// sentence costs almost nothing.
pub fn bigram_dice(a: &Features, b: &Features, weights: &BigramWeights) -> f64 {
    let (small, large) = if a.bigrams.len() <= b.bigrams.len() {
        (a, b)
    } else {
        (b, a)
    };
    let shared: f64 = small
        .bigrams
        .iter()
        .map(|(g, n)| (*n).min(*large.bigrams.get(g).unwrap_or(&0)) as f64 * weights.weight(g))
        .sum();
    let total = weights.mass(a) + weights.mass(b);
    if total == 0.0 {
        return if a.key == b.key { 1.0 } else { 0.0 };
    }
    2.0 * shared / total
}

/// Share of `part`'s weighted bigrams found in `whole`: 1 when `part` is a piece of `whole`.
pub fn containment(part: &Features, whole: &Features, weights: &BigramWeights) -> f64 {
    let shared: f64 = part
        .bigrams
        .iter()
        .map(|(g, n)| (*n).min(*whole.bigrams.get(g).unwrap_or(&0)) as f64 * weights.weight(g))
        .sum();
    let mass = weights.mass(part);
    if mass == 0.0 { 0.0 } else { shared / mass }
}

/// Ratio of words kept in order (2·LCS / total), like difflib's ratio over words: it rewards a
/// substitution that keeps the rest of the sentence in place.
pub fn word_ratio(a: &Features, b: &Features) -> f64 {
    let total = a.words.len() + b.words.len();
    if total == 0 {
        return if a.key == b.key { 1.0 } else { 0.0 };
    }
    2.0 * lcs_len(&a.words, &b.words) as f64 / total as f64
}

fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Share of the characters of each side: bigram overlap weighs most, word order adds the rest.
const BIGRAM_WEIGHT: f64 = 0.6;

/// Similarity of two sentences (or joined groups) in 0..=1; 1 means the same characters.
pub fn similarity(a: &Features, b: &Features, weights: &BigramWeights) -> f64 {
    if a.key == b.key {
        return 1.0;
    }
    BIGRAM_WEIGHT * bigram_dice(a, b, weights) + (1.0 - BIGRAM_WEIGHT) * word_ratio(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str, words: &[&str], interner: &mut Interner) -> Features {
        let key: Vec<char> = s.chars().filter(|&c| comparable(c)).collect();
        let mut bigrams = HashMap::default();
        for w in key.windows(2) {
            *bigrams.entry((w[0], w[1])).or_insert(0) += 1;
        }
        Features {
            key,
            bigrams,
            words: words.iter().map(|w| interner.id(w)).collect(),
        }
    }

    #[test]
    fn reordered_clauses_stay_similar_and_unrelated_text_does_not() {
        let mut i = Interner::default();
        let a = f(
            "加强网络安全，推进信息化建设。",
            &["加强", "网络安全", "推进", "信息化", "建设"],
            &mut i,
        );
        let b = f(
            "推进信息化建设，加强网络安全。",
            &["推进", "信息化", "建设", "加强", "网络安全"],
            &mut i,
        );
        let c = f(
            "今年是新中国成立七十周年。",
            &["今年", "是", "新中国", "成立", "七十", "周年"],
            &mut i,
        );
        let w = BigramWeights::new([&a, &b, &c]);
        assert!(similarity(&a, &b, &w) > 0.75, "{}", similarity(&a, &b, &w));
        assert!(similarity(&a, &c, &w) < 0.2);
        assert_eq!(similarity(&a, &a, &w), 1.0);
    }

    #[test]
    fn lcs() {
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[2, 4, 3]), 2);
        assert_eq!(lcs_len(&[], &[1]), 0);
    }
}
