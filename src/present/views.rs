//! Views: a [`Comparison`]'s index ranges and spans → owned text with lines and sections, the
//! shape the JSON and CSV outputs print.

use crate::align::{Pair, PairKind};
use crate::compare::Comparison;
use crate::diff::{EditClass, EditOp, sentence_span};
use crate::ingest::Document;
use serde::Serialize;

/// One side of a pair as printed.
#[derive(Debug, Clone, Serialize)]
pub struct SideView {
    /// The normalized sentence, or the merged sentences.
    pub text: String,
    /// Byte offsets into the normalized text.
    pub start: usize,
    pub end: usize,
    /// 1-based line in the original file.
    pub line: u32,
    /// Section path of the first sentence, e.g. `二、/（一）`.
    pub section: String,
    /// Sentence indices.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    pub kind: PairKind,
    pub similarity: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<EditClass>,
    pub a: Option<SideView>,
    pub b: Option<SideView>,
}

/// A piece of an inline diff.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub op: EditOp,
    /// Text of A (for equal, delete, replace).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub old: String,
    /// Text of B (for insert, replace).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub new: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    pub level: Option<String>,
}

impl DocumentView {
    pub fn of(d: &Document) -> Self {
        Self {
            id: d.id.clone(),
            path: d.path.clone(),
            title: d.meta.title.value.clone(),
            year: d.meta.year.value,
            level: d.meta.level.value.map(|l| l.to_string()),
        }
    }
}

pub fn side(doc: &Document, range: &std::ops::Range<usize>) -> SideView {
    let span = sentence_span(doc, range.clone());
    SideView {
        text: span.of(&doc.normalized.text).to_string(),
        start: span.start,
        end: span.end,
        line: doc.normalized.map.original_line(span.start),
        section: doc
            .structure
            .section_label(&doc.normalized.text, range.start),
        sentences: range.clone(),
    }
}

pub fn pair_view(c: &Comparison, index: usize, pair: &Pair) -> PairView {
    PairView {
        kind: pair.kind,
        similarity: (pair.similarity * 1000.0).round() / 1000.0,
        class: c.diff.for_pair(index).map(|d| d.class),
        a: pair.a.as_ref().map(|r| side(&c.a, r)),
        b: pair.b.as_ref().map(|r| side(&c.b, r)),
    }
}

pub fn pair_views(c: &Comparison) -> Vec<PairView> {
    c.alignment
        .pairs
        .iter()
        .enumerate()
        .map(|(k, p)| pair_view(c, k, p))
        .collect()
}

/// The inline diff of pair `index` as text segments.
pub fn segments(c: &Comparison, index: usize) -> Vec<Segment> {
    let Some(d) = c.diff.for_pair(index) else {
        return Vec::new();
    };
    d.edits
        .iter()
        .map(|e| {
            let old = e.a.of(&c.a.normalized.text).to_string();
            let new = e.b.of(&c.b.normalized.text).to_string();
            match e.op {
                EditOp::Equal => Segment {
                    op: e.op,
                    old,
                    new: String::new(),
                },
                _ => Segment { op: e.op, old, new },
            }
        })
        .collect()
}

/// Whether pairs of this kind get an inline diff: changed or moved ones.
pub fn is_shown(kind: PairKind) -> bool {
    matches!(kind, PairKind::Changed | PairKind::Moved)
}
