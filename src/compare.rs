//! Comparison: two loaded [`Document`]s → a [`Comparison`]: their tokens, the [`Alignment`] and
//! the [`DiffReport`] and the [`PairTerms`]. The one entry point that commands, tests and benchmarks share.

use crate::align::{AlignOptions, Alignment, align};
use crate::diff::{DiffReport, diff_alignment};
use crate::ingest::Document;
use crate::stats::pair_terms::{DocTerms, PairTerms, pair_terms_of};
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
    /// Article by article, when both are written in 第X条 articles (laws and their measures).
    pub articles: Option<crate::articles::ArticleMap>,
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
    let (a, b) = rayon::join(
        || Side::of(Arc::new(a), segmenter),
        || Side::of(Arc::new(b), segmenter),
    );
    compare_sides(&a, &b, segmenter, options)
}

/// [`compare`] of two prepared sides: nothing is tokenized, counted or copied again.
pub fn compare_sides(
    a: &Side,
    b: &Side,
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> Comparison {
    let (a_text, b_text) = (&a.doc.normalized.text, &b.doc.normalized.text);
    // The term lists beside the alignment; in a report, rayon keeps them on the cores the pairs
    // leave free.
    let ((alignment, diff), terms) = rayon::join(
        || {
            let alignment = align(&a.doc, &a.tokens, &b.doc, &b.tokens, options);
            let diff = diff_alignment(&alignment, &a.doc, &a.tokens, &b.doc, &b.tokens, segmenter);
            (alignment, diff)
        },
        || pair_terms_of(&a.terms, a_text, &b.terms, b_text, segmenter),
    );
    let articles =
        crate::articles::map_articles((&a.doc, &a.tokens), (&b.doc, &b.tokens), &alignment);
    Comparison {
        a: a.doc.clone(),
        b: b.doc.clone(),
        a_tokens: a.tokens.clone(),
        b_tokens: b.tokens.clone(),
        alignment,
        diff,
        terms,
        articles,
    }
}
