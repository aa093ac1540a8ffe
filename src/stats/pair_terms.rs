//! Pair terms: two documents' texts and tokens → [`PairTerms`]: the formulations and content terms
//! one has and the other lacks, and the strongest frequency changes between the two — the measure
//! a comparison of two documents can rest on (the corpus trends need three years or more).
//!
//! Terms and counts follow the counting rule ([`super::counts`]). A term is *new* when B has it and
//! A does not, *dropped* the other way round; single characters, function words and numbers are
//! left out (they stay in the corpus tables). A *shift* is a term both have whose rate per 10,000
//! counted tokens differs most by signed log-likelihood G² (DESIGN.md's measure, two cells per
//! side), with its Log Ratio; only shifts with |G²| ≥ 3.84 (p < 0.05) are kept.

use super::counts::{TermKind, document_terms_counted, phrase_counts};
use super::measures::{g2, log_ratio};
use crate::words::{Segmenter, Token};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A term and its counts in both documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermDelta {
    pub term: String,
    pub kind: TermKind,
    pub a_count: u32,
    pub b_count: u32,
    /// Signed G² of B against A (positive: more frequent in B).
    pub g2: f64,
    pub log_ratio: f64,
    /// A slogan of the lexicon (新质生产力, 中国式现代化): the formulations a reader looks for first.
    pub lexicon: bool,
    /// Byte offset of the first occurrence in the document that has it (B for new and shifted
    /// terms, A for dropped ones).
    pub at: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PairTerms {
    /// Counted tokens of A and B (the sizes the rates and G² rest on).
    pub a_size: u64,
    pub b_size: u64,
    /// In B, not in A: lexicon slogans first, then formulations, then by count (at most 300).
    pub new: Vec<TermDelta>,
    /// In A, not in B.
    pub dropped: Vec<TermDelta>,
    /// In both, most changed in rate first (rises and falls together, by |G²|).
    pub shifts: Vec<TermDelta>,
}

/// χ²(1) at p = 0.05: shifts weaker than this are not listed.
const MIN_SHIFT_G2: f64 = 3.84;
/// Most shifts kept.
const MAX_SHIFTS: usize = 200;
/// Most new and most dropped terms kept (in ranking order; a report shows a few dozen).
const MAX_LISTED: usize = 300;

/// One document's terms with their kinds and counts, and its size in counted tokens: what a pair
/// comparison reads of each side (a report computes it once per document, not once per pair).
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    pub terms: Vec<(String, TermKind, u32)>,
    pub size: u64,
}

impl DocTerms {
    pub fn of(text: &str, tokens: &[Token], segmenter: &Segmenter) -> Self {
        let (terms, size) = document_terms_counted(text, tokens, segmenter);
        Self {
            terms: terms
                .into_iter()
                .map(|(t, k, c)| (t.to_string(), k, c))
                .collect(),
            size,
        }
    }
}

pub fn pair_terms(
    a_text: &str,
    a_tokens: &[Token],
    b_text: &str,
    b_tokens: &[Token],
    segmenter: &Segmenter,
) -> PairTerms {
    let a = DocTerms::of(a_text, a_tokens, segmenter);
    let b = DocTerms::of(b_text, b_tokens, segmenter);
    pair_terms_of(&a, a_text, &b, b_text, segmenter)
}

/// [`pair_terms`] from both documents' terms, counted before.
pub fn pair_terms_of<'t>(
    a: &'t DocTerms,
    a_text: &str,
    b: &'t DocTerms,
    b_text: &str,
    segmenter: &Segmenter,
) -> PairTerms {
    let a_terms: Vec<(&str, TermKind, u32)> = a
        .terms
        .iter()
        .map(|(t, k, c)| (t.as_str(), *k, *c))
        .collect();
    let b_terms: Vec<(&str, TermKind, u32)> = b
        .terms
        .iter()
        .map(|(t, k, c)| (t.as_str(), *k, *c))
        .collect();
    let (a_size, b_size) = (a.size, b.size);
    let shown = |term: &str, kind: TermKind| {
        kind == TermKind::Formulation || segmenter.hidden(term).is_none()
    };
    let mut a_map: FxHashMap<&str, (TermKind, u32)> =
        a_terms.iter().map(|&(t, k, c)| (t, (k, c))).collect();
    let mut b_map: FxHashMap<&str, (TermKind, u32)> =
        b_terms.iter().map(|&(t, k, c)| (t, (k, c))).collect();
    // A term of one side that the other's text holds (unquoted where the first quoted it, or cut
    // otherwise by the segmenter) is a term of both: counted there wherever it stands.
    let held_by =
        |terms: &[(&'t str, TermKind, u32)], map: &FxHashMap<&str, (TermKind, u32)>, text: &str| {
            let wanted: Vec<(&'t str, TermKind)> = terms
                .iter()
                .filter(|(t, _, _)| !map.contains_key(t) && t.chars().nth(1).is_some())
                .map(|&(t, k, _)| (t, k))
                .collect();
            let counts = phrase_counts(text, wanted.iter().map(|(t, _)| *t));
            wanted
                .into_iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|((t, k), n)| (t, k, n as u32))
                .collect::<Vec<_>>()
        };
    let a_extra = held_by(&b_terms, &a_map, a_text);
    let b_extra = held_by(&a_terms, &b_map, b_text);
    for &(t, k, c) in &a_extra {
        a_map.insert(t, (k, c));
    }
    for &(t, k, c) in &b_extra {
        b_map.insert(t, (k, c));
    }
    let a_terms: Vec<(&str, TermKind, u32)> = a_terms.into_iter().chain(a_extra).collect();
    let b_terms: Vec<(&str, TermKind, u32)> = b_terms.into_iter().chain(b_extra).collect();
    let (sa, sb) = (a_size.max(1) as f64, b_size.max(1) as f64);
    let delta = |term: &str, kind: TermKind, a: u32, b: u32, at: usize| TermDelta {
        term: term.to_string(),
        kind,
        a_count: a,
        b_count: b,
        g2: g2(f64::from(b), f64::from(a), sb, sa),
        log_ratio: log_ratio(f64::from(b), f64::from(a), sb, sa),
        lexicon: segmenter.is_slogan(term),
        at,
    };
    let mut new: Vec<TermDelta> = b_terms
        .iter()
        .filter(|(t, k, _)| !a_map.contains_key(t) && shown(t, *k))
        .map(|&(t, k, c)| delta(t, k, 0, c, 0))
        .collect();
    let mut dropped: Vec<TermDelta> = a_terms
        .iter()
        .filter(|(t, k, _)| !b_map.contains_key(t) && shown(t, *k))
        .map(|&(t, k, c)| delta(t, k, c, 0, 0))
        .collect();
    let mut shifts: Vec<TermDelta> = b_terms
        .iter()
        .filter_map(|&(t, k, cb)| {
            let &(ka, ca) = a_map.get(t)?;
            let kind = k.strongest(ka);
            shown(t, kind).then(|| delta(t, kind, ca, cb, 0))
        })
        .filter(|d| d.g2.abs() >= MIN_SHIFT_G2)
        .collect();
    let by_presence = |x: &TermDelta, y: &TermDelta, count: fn(&TermDelta) -> u32| {
        let formulation = |d: &TermDelta| d.kind != TermKind::Formulation;
        y.lexicon
            .cmp(&x.lexicon)
            .then(formulation(x).cmp(&formulation(y)))
            .then(count(y).cmp(&count(x)))
            .then(y.term.chars().count().cmp(&x.term.chars().count()))
            .then(x.term.cmp(&y.term))
    };
    // A word only ever inside a longer listed term (国务 of 国务院) says nothing of its own.
    for list in [&mut new, &mut dropped, &mut shifts] {
        without_inner_words(list);
    }
    new.sort_by(|x, y| by_presence(x, y, |d| d.b_count));
    dropped.sort_by(|x, y| by_presence(x, y, |d| d.a_count));
    shifts.sort_by(|x, y| y.g2.abs().total_cmp(&x.g2.abs()).then(x.term.cmp(&y.term)));
    shifts.truncate(MAX_SHIFTS);
    new.truncate(MAX_LISTED);
    dropped.truncate(MAX_LISTED);
    // Where each listed term first stands (a search per term: only for those kept).
    let place = |list: &mut Vec<TermDelta>, text: &str| {
        for d in list.iter_mut() {
            d.at = text.find(d.term.as_str()).unwrap_or(0);
        }
    };
    place(&mut new, b_text);
    place(&mut dropped, a_text);
    place(&mut shifts, b_text);
    PairTerms {
        a_size,
        b_size,
        new,
        dropped,
        shifts,
    }
}

/// Removes each term that another term of `list` contains at least as often on both sides: its
/// every occurrence is inside that longer one. Each term's substrings are looked up, so the cost
/// follows the list's length, not its square.
fn without_inner_words(list: &mut Vec<TermDelta>) {
    let at: FxHashMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, d)| (d.term.as_str(), i))
        .collect();
    let mut inner = vec![false; list.len()];
    for longer in list.iter() {
        let bounds: Vec<usize> = longer
            .term
            .char_indices()
            .map(|(b, _)| b)
            .chain([longer.term.len()])
            .collect();
        for (i, &start) in bounds.iter().enumerate() {
            for &end in &bounds[i + 1..] {
                if end - start == longer.term.len() {
                    continue;
                }
                if let Some(&k) = at.get(&longer.term[start..end])
                    && longer.a_count >= list[k].a_count
                    && longer.b_count >= list[k].b_count
                {
                    inner[k] = true;
                }
            }
        }
    }
    let mut keep = inner.into_iter().map(|i| !i);
    list.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_only_inside_a_longer_listed_term_is_not_listed() {
        let segmenter = Segmenter::shared();
        let a = "对献血者，发给国务院卫生行政部门制作的证书。血站的设立由国务院卫生行政部门规定。国务委员出席。";
        let b = "对献血者，发给市卫生健康部门制作的证书。";
        let terms = pair_terms(
            a,
            &segmenter.tokenize(a),
            b,
            &segmenter.tokenize(b),
            segmenter,
        );
        let dropped: Vec<(&str, u32)> = terms
            .dropped
            .iter()
            .map(|d| (d.term.as_str(), d.a_count))
            .collect();
        assert!(dropped.contains(&("国务院", 2)), "{dropped:?}");
        // 国务 stands outside 国务院 once (国务委员): three uses, more than 国务院's two.
        assert!(
            dropped.iter().all(|(t, n)| *t != "国务" || *n == 3),
            "{dropped:?}"
        );
        let b2 = "对献血者，发给市卫生健康部门制作的证书。";
        let a2 = "对献血者，发给国务院卫生行政部门制作的证书。血站的设立由国务院卫生行政部门规定。";
        let terms = pair_terms(
            a2,
            &segmenter.tokenize(a2),
            b2,
            &segmenter.tokenize(b2),
            segmenter,
        );
        assert!(terms.dropped.iter().any(|d| d.term == "国务院"));
        assert!(
            !terms.dropped.iter().any(|d| d.term == "国务"),
            "{:?}",
            terms.dropped
        );
    }
}
