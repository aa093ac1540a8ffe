//! Comparison: two loaded [`Document`]s → a [`Comparison`]: their tokens, the [`Alignment`] and
//! the [`DiffReport`] and the [`PairTerms`]. The one entry point that commands, tests and benchmarks share.

use crate::align::{AlignOptions, Alignment, align};
use crate::diff::{DiffReport, diff_alignment};
use crate::ingest::Document;
use crate::stats::pair_terms::{DocTerms, PairTerms, pair_terms, pair_terms_of};
use crate::words::{Segmenter, Token};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Comparison {
    /// Shared, not copied: a report compares one document in many pairs.
    pub a: Arc<Document>,
    pub b: Arc<Document>,
    pub a_tokens: Arc<[Token]>,
    pub b_tokens: Arc<[Token]>,
    pub alignment: Alignment,
    pub diff: DiffReport,
    /// What one document has and the other lacks, and the strongest frequency changes.
    pub terms: PairTerms,
}

/// One side of comparisons, prepared once for all the pairs it is in (a report's documents):
/// the document, its tokens and its counted terms.
#[derive(Debug, Clone)]
pub struct Side {
    pub doc: Arc<Document>,
    pub tokens: Arc<[Token]>,
    pub terms: DocTerms,
}

impl Side {
    pub fn of(doc: Arc<Document>, segmenter: &Segmenter) -> Self {
        let tokens: Arc<[Token]> = segmenter.tokenize(&doc.normalized.text).into();
        let terms = DocTerms::of(&doc.normalized.text, &tokens, segmenter);
        Self { doc, tokens, terms }
    }
}

pub fn compare(
    a: Document,
    b: Document,
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> Comparison {
    // Both sides at once: a lone pair (`tifa diff`) uses both cores.
    let (a_tokens, b_tokens) = rayon::join(
        || segmenter.tokenize(&a.normalized.text),
        || segmenter.tokenize(&b.normalized.text),
    );
    let (a, b) = (Arc::new(a), Arc::new(b));
    let terms = |a: &Document, at: &[Token], b: &Document, bt: &[Token]| {
        pair_terms(&a.normalized.text, at, &b.normalized.text, bt, segmenter)
    };
    let (a_tokens, b_tokens): (Arc<[Token]>, Arc<[Token]>) = (a_tokens.into(), b_tokens.into());
    compare_tokenized(a, a_tokens, b, b_tokens, segmenter, options, &terms)
}

/// [`compare`] of two prepared sides: nothing is tokenized, counted or copied again.
pub fn compare_sides(
    a: &Side,
    b: &Side,
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> Comparison {
    let counted = |x: &Document, _: &[Token], y: &Document, _: &[Token]| {
        pair_terms_of(
            &a.terms,
            &x.normalized.text,
            &b.terms,
            &y.normalized.text,
            segmenter,
        )
    };
    compare_tokenized(
        a.doc.clone(),
        a.tokens.clone(),
        b.doc.clone(),
        b.tokens.clone(),
        segmenter,
        options,
        &counted,
    )
}

type TermsOf<'f> = dyn Fn(&Document, &[Token], &Document, &[Token]) -> PairTerms + Sync + 'f;

fn compare_tokenized(
    a: Arc<Document>,
    a_tokens: Arc<[Token]>,
    b: Arc<Document>,
    b_tokens: Arc<[Token]>,
    segmenter: &Segmenter,
    options: &AlignOptions,
    terms_of: &TermsOf<'_>,
) -> Comparison {
    // The term lists beside the alignment; in a report, rayon keeps them on the cores the pairs
    // leave free.
    let ((alignment, diff), terms) = rayon::join(
        || {
            let alignment = align(&a, &a_tokens, &b, &b_tokens, options);
            let diff = diff_alignment(&alignment, &a, &a_tokens, &b, &b_tokens, segmenter);
            (alignment, diff)
        },
        || terms_of(&a, &a_tokens, &b, &b_tokens),
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
