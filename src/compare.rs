//! Comparison: two loaded [`Document`]s → a [`Comparison`]: their tokens, the [`Alignment`] and
//! the [`DiffReport`] and the [`PairTerms`]. The one entry point that commands, tests and benchmarks share.

use crate::align::{AlignOptions, Alignment, align};
use crate::diff::{DiffReport, diff_alignment};
use crate::ingest::Document;
use crate::stats::pair_terms::{DocTerms, PairTerms, pair_terms, pair_terms_of};
use crate::words::{Segmenter, Token};

#[derive(Debug, Clone)]
pub struct Comparison {
    pub a: Document,
    pub b: Document,
    pub a_tokens: Vec<Token>,
    pub b_tokens: Vec<Token>,
    pub alignment: Alignment,
    pub diff: DiffReport,
    /// What one document has and the other lacks, and the strongest frequency changes.
    pub terms: PairTerms,
}

pub fn compare(
    a: Document,
    b: Document,
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> Comparison {
    compare_with(a, b, segmenter, options, None)
}

/// [`compare`], with both documents' terms counted before (a report counts each document once
/// for all the pairs it is in).
pub fn compare_with(
    a: Document,
    b: Document,
    segmenter: &Segmenter,
    options: &AlignOptions,
    counted: Option<(&DocTerms, &DocTerms)>,
) -> Comparison {
    // Both sides at once, and the term lists beside the alignment: a lone pair (`tifa diff`)
    // uses both cores; in a report, rayon keeps them on the cores the pairs leave free.
    let (a_tokens, b_tokens) = rayon::join(
        || segmenter.tokenize(&a.normalized.text),
        || segmenter.tokenize(&b.normalized.text),
    );
    let (a_text, b_text) = (&a.normalized.text, &b.normalized.text);
    let ((alignment, diff), terms) = rayon::join(
        || {
            let alignment = align(&a, &a_tokens, &b, &b_tokens, options);
            let diff = diff_alignment(&alignment, &a, &a_tokens, &b, &b_tokens, segmenter);
            (alignment, diff)
        },
        || match counted {
            Some((at, bt)) => pair_terms_of(at, a_text, bt, b_text, segmenter),
            None => pair_terms(a_text, &a_tokens, b_text, &b_tokens, segmenter),
        },
    );
    Comparison {
        a,
        b,
        a_tokens,
        b_tokens,
        alignment,
        diff,
        terms,
    }
}
