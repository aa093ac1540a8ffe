//! Trace: one base [`Document`] and the documents that may draw on it → a [`Trace`]: for every
//! sentence of the base, what each document did with it ([`Variant`]: kept identical, changed,
//! moved or dropped, with the similarity and where it is), and for every document how much of it
//! comes from the base ([`TracedDoc`]) and which of its sections are its own.
//!
//! The base is tokenized and prepared for alignment once ([`Prepared`]: sentence features,
//! keys, candidate index); each document is tokenized once and aligned with it
//! ([`align_prepared`], the pair alignment), on every core.

use crate::align::{AlignOptions, PairKind, Prepared, SectionCoverage, align_prepared};
use crate::ingest::Document;
use crate::parallel::parallel_map;
use crate::words::Segmenter;
use serde::Serialize;
use std::ops::Range;

/// A section of a document counts as its own when at most this share of it comes from the base.
pub const OWN_SECTION_MAX_SHARE: f64 = 0.2;
/// Shorter base sentences (greetings such as 各位代表：, headings, 一、) are never kept: they are
/// left out of the counts, the shares, the variant table and the carried-over ranking.
pub const RANKED_MIN_CHARS: usize = 10;

/// What one document did with one sentence of the base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// Identical, changed, moved or dropped (never added: the base's sentence is there).
    pub kind: PairKind,
    pub similarity: f64,
    /// The document's sentences that carry it (indices), none when dropped.
    pub sentences: Option<Range<usize>>,
    /// Where they are in the document's file (`讲话.txt:12`), empty when dropped.
    pub citation: String,
}

/// One sentence of the base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseSentence {
    /// The section path of heading markers (`二、/（三）`), empty before the first heading.
    pub section: String,
    pub text: String,
    pub citation: String,
    /// Han characters, to weigh what a document keeps.
    pub chars: usize,
}

/// One document traced from the base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TracedDoc {
    pub id: String,
    pub identical: usize,
    pub changed: usize,
    pub moved: usize,
    pub dropped: usize,
    /// Share of the document's Han characters copied from the base: inside the passages it
    /// shares with the base (12 comparable characters or more), in its sentences of at least
    /// [`RANKED_MIN_CHARS`] Han characters. It ranks documents as copied text does, which the
    /// sentence pairs (adapted sentences share words, not text) do not.
    pub share_from_base: f64,
    /// Share of the base's Han characters (in sentences of at least [`RANKED_MIN_CHARS`]) in
    /// sentences this document kept, changed or not.
    pub base_kept: f64,
    /// Sections of the document of which at most [`OWN_SECTION_MAX_SHARE`] comes from the base.
    pub own_sections: Vec<SectionCoverage>,
}

impl TracedDoc {
    /// Each own section by its heading, else its marker, else （首个标题前）.
    pub fn own_section_labels(&self) -> Vec<String> {
        self.own_sections
            .iter()
            .map(|s| match (s.heading.trim(), s.section.as_str()) {
                ("", "") => "（首个标题前）".to_string(),
                ("", section) => section.to_string(),
                (heading, _) => heading.split_whitespace().collect::<Vec<_>>().join(" "),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub base: String,
    pub sentences: Vec<BaseSentence>,
    pub documents: Vec<TracedDoc>,
    /// `variants[s][d]`: what document `d` did with base sentence `s`.
    pub variants: Vec<Vec<Variant>>,
}

impl Trace {
    /// How many documents keep base sentence `s` (identical, changed or moved).
    pub fn carried(&self, s: usize) -> usize {
        self.variants[s]
            .iter()
            .filter(|v| v.kind != PairKind::Dropped)
            .count()
    }

    /// The base's sentences of at least [`RANKED_MIN_CHARS`] Han characters, most carried over
    /// first (in base order among equals): both ends of it are the base's most and least
    /// followed passages.
    pub fn by_carried(&self) -> Vec<usize> {
        let mut ranked: Vec<usize> = (0..self.sentences.len())
            .filter(|&i| self.sentences[i].chars >= RANKED_MIN_CHARS)
            .collect();
        ranked.sort_by_key(|&i| (std::cmp::Reverse(self.carried(i)), i));
        ranked
    }
}

/// The base's top-level sections against the documents: how much of each section every
/// document carried over, for the chart of base sections × documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionGrid {
    /// Each top-level section's heading marker (`一、`), or `前言` before the first heading.
    pub sections: Vec<String>,
    /// Each section's first sentence: its heading, where it has one.
    pub headings: Vec<String>,
    /// The documents, closest to the base first ([`Trace::closest_first`]).
    pub documents: Vec<String>,
    /// `kept[d][s]`: the share of section `s`'s Han characters in sentences document `d` kept,
    /// changed or moved.
    pub kept: Vec<Vec<f64>>,
}

/// The label of the part of the base before its first heading.
pub const PREAMBLE: &str = "前言";

impl Trace {
    /// The carried-over share of every top-level section of the base, per document; sections
    /// without Han characters are left out.
    pub fn section_grid(&self) -> SectionGrid {
        let mut sections: Vec<String> = Vec::new();
        let mut headings: Vec<String> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (i, sentence) in self.sentences.iter().enumerate() {
            let top = sentence.section.split('/').next().unwrap_or_default();
            let top = if top.is_empty() { PREAMBLE } else { top };
            if sections.last().map(String::as_str) != Some(top) {
                sections.push(top.to_string());
                headings.push(sentence.text.clone());
                members.push(Vec::new());
            }
            if let Some(last) = members.last_mut() {
                last.push(i);
            }
        }
        let counted = |i: &&usize| self.sentences[**i].chars >= RANKED_MIN_CHARS;
        let weight = |m: &[usize]| {
            m.iter()
                .filter(counted)
                .map(|&i| self.sentences[i].chars)
                .sum::<usize>()
        };
        let keep: Vec<usize> = (0..sections.len())
            .filter(|&k| weight(&members[k]) > 0)
            .collect();
        let closest: Vec<usize> = self
            .closest_first()
            .iter()
            .filter_map(|doc| self.documents.iter().position(|d| d.id == doc.id))
            .collect();
        let kept = closest
            .iter()
            .map(|&d| {
                keep.iter()
                    .map(|&k| {
                        let carried: usize = members[k]
                            .iter()
                            .filter(counted)
                            .filter(|&&i| self.variants[i][d].kind != PairKind::Dropped)
                            .map(|&i| self.sentences[i].chars)
                            .sum();
                        carried as f64 / weight(&members[k]) as f64
                    })
                    .collect()
            })
            .collect();
        SectionGrid {
            sections: keep.iter().map(|&k| sections[k].clone()).collect(),
            headings: keep.iter().map(|&k| headings[k].clone()).collect(),
            documents: closest
                .iter()
                .map(|&d| self.documents[d].id.clone())
                .collect(),
            kept,
        }
    }

    /// The documents, closest to the base first (by the share of the base they keep).
    pub fn closest_first(&self) -> Vec<&TracedDoc> {
        let mut docs: Vec<&TracedDoc> = self.documents.iter().collect();
        docs.sort_by(|a, b| b.base_kept.total_cmp(&a.base_kept).then(a.id.cmp(&b.id)));
        docs
    }
}

/// Whether `doc` may draw on `base`: the hierarchy's rule for tracing
/// ([`crate::hierarchy::may_trace`]).
pub fn may_draw_on(base: &Document, doc: &Document) -> bool {
    crate::hierarchy::may_trace(base, doc)
}

/// The base traced through `docs`.
pub fn trace(
    base: &Document,
    docs: &[&Document],
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> Trace {
    let base_tokens = segmenter.tokenize(&base.normalized.text);
    let prepared = Prepared::of(base, &base_tokens);
    let traced = parallel_map(docs, |doc| {
        trace_one(base, &prepared, doc, segmenter, options)
    });
    let sentences = base_sentences(base);
    let mut variants = vec![Vec::with_capacity(docs.len()); sentences.len()];
    let mut documents = Vec::with_capacity(docs.len());
    for (doc, per_sentence) in traced {
        for (s, variant) in per_sentence.into_iter().enumerate() {
            variants[s].push(variant);
        }
        documents.push(doc);
    }
    Trace {
        base: base.id.clone(),
        sentences,
        documents,
        variants,
    }
}

fn base_sentences(base: &Document) -> Vec<BaseSentence> {
    let text = &base.normalized.text;
    base.structure
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| BaseSentence {
            section: base.structure.section_label(text, i),
            text: s.span.of(text).to_string(),
            citation: base.cite(s.span.start),
            chars: crate::chars::han_count(s.span.of(text)),
        })
        .collect()
}

/// One document aligned with the base: its summary, and a variant for every base sentence.
fn trace_one(
    base: &Document,
    prepared: &Prepared,
    doc: &Document,
    segmenter: &Segmenter,
    options: &AlignOptions,
) -> (TracedDoc, Vec<Variant>) {
    let tokens = segmenter.tokenize(&doc.normalized.text);
    let alignment = align_prepared(base, prepared, doc, &tokens, options);
    let dropped = Variant {
        kind: PairKind::Dropped,
        similarity: 0.0,
        sentences: None,
        citation: String::new(),
    };
    let mut variants = vec![dropped; base.structure.sentences.len()];
    let base_text = &base.normalized.text;
    let doc_text = &doc.normalized.text;
    let han = |text: &str, span: crate::structure::Span| crate::chars::han_count(span.of(text));
    // Only sentences long enough to be evidence count (greetings such as 各位代表：, headings
    // and stock lines are not), and only pairs at or above the documented similarity: the
    // in-order pairs below it (`min_in_order_similarity`) stay in a pair's alignment, not here.
    let counted = |s: usize| han(base_text, base.structure.sentences[s].span) >= RANKED_MIN_CHARS;
    for pair in &alignment.pairs {
        let (Some(a), Some(b)) = (&pair.a, &pair.b) else {
            continue;
        };
        if pair.similarity < options.min_similarity || !a.clone().any(counted) {
            continue;
        }
        let start = doc.structure.sentences[b.start].span.start;
        for s in a.clone().filter(|&s| counted(s)) {
            // A base sentence split over two pairs keeps the closer one.
            if variants[s].kind == PairKind::Dropped || variants[s].similarity < pair.similarity {
                variants[s] = Variant {
                    kind: pair.kind,
                    similarity: pair.similarity,
                    sentences: Some(b.clone()),
                    citation: doc.cite(start),
                };
            }
        }
    }
    // Copied text: the Han characters of the passages the document shares with the base, in its
    // sentences long enough to be evidence (a shared greeting is no copy).
    let long_sentences: Vec<(usize, usize)> = doc
        .structure
        .sentences
        .iter()
        .filter(|s| han(doc_text, s.span) >= RANKED_MIN_CHARS)
        .map(|s| (s.span.start, s.span.end))
        .collect();
    let mut passages: Vec<(usize, usize)> = alignment
        .passages
        .iter()
        .map(|p| (p.b.start, p.b.end))
        .collect();
    passages.sort_unstable();
    let mut doc_copied_chars = 0usize;
    let mut covered_to = 0usize;
    for (ps, pe) in passages {
        let first = long_sentences.partition_point(|&(_, e)| e <= ps);
        for &(ss, se) in long_sentences[first..]
            .iter()
            .take_while(|&&(ss, _)| ss < pe)
        {
            let (from, to) = (ps.max(ss).max(covered_to), pe.min(se));
            if from < to {
                doc_copied_chars += crate::chars::han_count(&doc_text[from..to]);
                covered_to = to;
            }
        }
    }
    let count = |kind| {
        (0..variants.len())
            .filter(|&s| counted(s) && variants[s].kind == kind)
            .count()
    };
    let (mut base_chars, mut base_kept_chars) = (0usize, 0usize);
    for (s, v) in variants.iter().enumerate().filter(|&(s, _)| counted(s)) {
        let chars = han(base_text, base.structure.sentences[s].span);
        base_chars += chars;
        if v.kind != PairKind::Dropped {
            base_kept_chars += chars;
        }
    }
    let ratio = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            (part as f64 / whole as f64).min(1.0)
        }
    };
    let summary = TracedDoc {
        id: doc.id.clone(),
        identical: count(PairKind::Identical),
        changed: count(PairKind::Changed),
        moved: count(PairKind::Moved),
        dropped: count(PairKind::Dropped),
        share_from_base: ratio(doc_copied_chars, crate::chars::han_count(doc_text)),
        base_kept: ratio(base_kept_chars, base_chars),
        own_sections: alignment
            .coverage
            .b_sections
            .iter()
            .filter(|s| s.chars > 0 && s.ratio <= OWN_SECTION_MAX_SHARE)
            .cloned()
            .collect(),
    };
    (summary, variants)
}

/// The variant table in long form: base sentence × document → kind, similarity, citation.
pub fn variant_table(trace: &Trace) -> crate::table::Table {
    use crate::table::{ColumnType, Table, Value};
    let mut t = Table::new(&[
        ("base_sentence", ColumnType::Int),
        ("section", ColumnType::Str),
        ("document", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("similarity", ColumnType::Float),
        ("citation", ColumnType::Str),
        ("base_citation", ColumnType::Str),
        ("base_text", ColumnType::Str),
    ]);
    for (s, sentence) in trace.sentences.iter().enumerate() {
        if sentence.chars < RANKED_MIN_CHARS {
            continue;
        }
        for (doc, variant) in trace.documents.iter().zip(&trace.variants[s]) {
            t.push(vec![
                Value::from(s + 1),
                sentence.section.as_str().into(),
                doc.id.as_str().into(),
                variant.kind.as_str().into(),
                variant.similarity.into(),
                variant.citation.as_str().into(),
                sentence.citation.as_str().into(),
                sentence.text.as_str().into(),
            ]);
        }
    }
    t
}

/// Per document, closest to the base first: counts per kind, the share taken from the base, the
/// share of the base kept, and its own sections.
pub fn document_table(trace: &Trace) -> crate::table::Table {
    use crate::table::{ColumnType, Table, Value};
    let mut t = Table::new(&[
        ("document", ColumnType::Str),
        ("identical", ColumnType::Int),
        ("changed", ColumnType::Int),
        ("moved", ColumnType::Int),
        ("dropped", ColumnType::Int),
        ("share_from_base", ColumnType::Float),
        ("base_kept", ColumnType::Float),
        ("own_sections", ColumnType::Str),
    ]);
    for d in trace.closest_first() {
        t.push(vec![
            Value::from(d.id.as_str()),
            d.identical.into(),
            d.changed.into(),
            d.moved.into(),
            d.dropped.into(),
            d.share_from_base.into(),
            d.base_kept.into(),
            d.own_section_labels().join("；").into(),
        ]);
    }
    t
}
