//! Collate: a [`Trace`] with its base and traced [`Document`]s → a [`Collation`]: one row per
//! base sentence, one cell per document holding that document's own wording of it, marked word
//! by word against the base ([`Piece`]s: the same, inserted, left out; on the phrase diff's word
//! boundaries, as `tifa diff` marks them), moved sentences marked as moved, dropped ones empty;
//! and per row a heat count of the documents that keep it identical, change, move or drop it.
//!
//! The cells are the trace's variants: a cell and `tifa trace --table variants` always agree on
//! the kind, the similarity and the citation. Writers print a collation as it is (HTML, XLSX,
//! long and wide tables); they choose nothing.

use crate::align::PairKind;
use crate::diff::{EditOp, diff_spans, sentence_span};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
use crate::parallel::parallel_map;
use crate::stats::counts::DocInfo;
use crate::structure::Span;
use crate::table::{ColumnType, Table, Value};
use crate::trace::{RANKED_MIN_CHARS, Trace};
use crate::words::Segmenter;
use serde::Serialize;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CollateError {
    #[error(
        "the base has no section `{section}`: its sections are {}",
        available.join(" ")
    )]
    NoSuchSection {
        section: String,
        available: Vec<String>,
    },
}

/// How a piece of a cell stands to the base sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Words of the base the document keeps.
    Same,
    /// The document's own words in place of, or beside, the base's.
    Inserted,
    /// Words of the base the document leaves out (shown struck through).
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// One document's counterpart of one base sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Identical, changed, moved or dropped, as in the trace.
    pub kind: PairKind,
    pub similarity: f64,
    /// Where the counterpart is (`江苏.txt:41`), empty when dropped.
    pub citation: String,
    /// The counterpart, marked against the base; none when dropped.
    pub pieces: Vec<Piece>,
}

impl Cell {
    /// The document's own wording (what it keeps and inserts).
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .filter(|p| p.mark != Mark::Deleted)
            .map(|p| p.text.as_str())
            .collect()
    }

    /// The wording with the changes in wdiff notation: `[-left out-]{+inserted+}`.
    pub fn marked(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p.mark {
                Mark::Same => s.push_str(&p.text),
                Mark::Inserted => {
                    s.push_str("{+");
                    s.push_str(&p.text);
                    s.push_str("+}");
                }
                Mark::Deleted => {
                    s.push_str("[-");
                    s.push_str(&p.text);
                    s.push_str("-]");
                }
            }
        }
        s
    }
}

/// How many documents did what with one base sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Heat {
    pub identical: usize,
    pub changed: usize,
    pub moved: usize,
    pub dropped: usize,
}

impl Heat {
    /// Documents that keep the sentence in some form.
    pub fn kept(&self) -> usize {
        self.identical + self.changed + self.moved
    }
    pub fn total(&self) -> usize {
        self.kept() + self.dropped
    }
    /// The share of documents that keep it (0 with no documents).
    pub fn kept_share(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.kept() as f64 / n as f64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollationRow {
    /// The base sentence's number (1-based), as in `tifa trace --table variants`.
    pub sentence: usize,
    /// Its section path of heading markers (`三、/（二）`).
    pub section: String,
    pub base: String,
    pub citation: String,
    pub heat: Heat,
    /// One per document, in [`Collation::documents`] order.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollatedDoc {
    pub id: String,
    pub level: Option<Level>,
    pub region: Option<String>,
    pub year: Option<i32>,
    /// Share of the base's sentences (by Han characters) this document keeps.
    pub base_kept: f64,
}

/// In which order the documents stand as columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DocOrder {
    /// Highest level first, then by administrative division code (regions in the official
    /// order), then id.
    #[default]
    Level,
    /// By region name, then id.
    Region,
    /// The documents that keep most of the base first.
    Kept,
}

#[derive(Debug, Clone, Default)]
pub struct CollateOptions {
    /// Only the base's sentences in this section (`三、`, `三、/（二）`): its path starts so.
    pub section: Option<String>,
    pub order: DocOrder,
    /// Only base sentences that at least this many documents keep (identical, changed or
    /// moved); 0 for every sentence.
    pub min_kept: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collation {
    pub base: String,
    /// The section the rows are restricted to, if any.
    pub section: Option<String>,
    pub order: DocOrder,
    /// The base sentences (in the section) kept by fewer than `min_kept` documents, left out of
    /// the rows, and that least.
    pub left_out: usize,
    pub min_kept: usize,
    pub documents: Vec<CollatedDoc>,
    pub rows: Vec<CollationRow>,
}

/// The collation of `trace`: `base` is its base, `docs` its documents in the trace's order.
pub fn collate(
    trace: &Trace,
    base: &Document,
    docs: &[&Document],
    segmenter: &Segmenter,
    options: &CollateOptions,
) -> Result<Collation, CollateError> {
    assert_eq!(docs.len(), trace.documents.len(), "one document per column");
    let in_section = |path: &str| {
        options
            .section
            .as_deref()
            .is_none_or(|s| path.starts_with(s.trim()))
    };
    let in_scope: Vec<usize> = (0..trace.sentences.len())
        .filter(|&s| trace.sentences[s].chars >= RANKED_MIN_CHARS)
        .filter(|&s| in_section(&trace.sentences[s].section))
        .collect();
    let rows: Vec<usize> = in_scope
        .iter()
        .copied()
        .filter(|&s| trace.carried(s) >= options.min_kept)
        .collect();
    if in_scope.is_empty()
        && let Some(section) = &options.section
    {
        let mut available: Vec<String> = Vec::new();
        for s in &trace.sentences {
            let top = s.section.split('/').next().unwrap_or_default();
            if !top.is_empty() && !available.iter().any(|a| a == top) {
                available.push(top.to_string());
            }
        }
        return Err(CollateError::NoSuchSection {
            section: section.clone(),
            available,
        });
    }
    let base_tokens = segmenter.tokenize(&base.normalized.text);
    let indexed: Vec<(usize, &&Document)> = docs.iter().enumerate().collect();
    // Column by column: each document tokenized once, each kept sentence diffed.
    let columns: Vec<Vec<Cell>> = parallel_map(&indexed, |&(d, doc)| {
        let tokens = segmenter.tokenize(&doc.normalized.text);
        rows.iter()
            .map(|&s| {
                let variant = &trace.variants[s][d];
                let pieces = match &variant.sentences {
                    Some(range) if variant.kind != PairKind::Dropped => pieces(
                        base,
                        &base_tokens,
                        base.structure.sentences[s].span,
                        doc,
                        &tokens,
                        sentence_span(doc, range.clone()),
                    ),
                    _ => Vec::new(),
                };
                Cell {
                    kind: variant.kind,
                    similarity: variant.similarity,
                    citation: variant.citation.clone(),
                    pieces,
                }
            })
            .collect()
    });
    let order = column_order(trace, docs, options.order);
    let documents = order
        .iter()
        .map(|&d| {
            let info = DocInfo::of(docs[d], 0);
            CollatedDoc {
                id: info.id,
                level: info.level,
                region: info.region,
                year: info.year,
                base_kept: trace.documents[d].base_kept,
            }
        })
        .collect();
    let left_out = in_scope.len() - rows.len();
    let rows: Vec<CollationRow> = rows
        .iter()
        .enumerate()
        .map(|(r, &s)| {
            let sentence = &trace.sentences[s];
            let cells: Vec<Cell> = order.iter().map(|&d| columns[d][r].clone()).collect();
            let mut heat = Heat::default();
            for cell in &cells {
                match cell.kind {
                    PairKind::Identical => heat.identical += 1,
                    PairKind::Changed => heat.changed += 1,
                    PairKind::Moved => heat.moved += 1,
                    PairKind::Dropped | PairKind::Added => heat.dropped += 1,
                }
            }
            CollationRow {
                sentence: s + 1,
                section: sentence.section.clone(),
                base: sentence.text.clone(),
                citation: sentence.citation.clone(),
                heat,
                cells,
            }
        })
        .collect();
    Ok(Collation {
        base: trace.base.clone(),
        section: options.section.clone(),
        order: options.order,
        left_out,
        min_kept: options.min_kept,
        documents,
        rows,
    })
}

/// The document's span marked against the base's: equal words as the same, the document's
/// words inserted, the base's left out.
fn pieces(
    base: &Document,
    base_tokens: &[crate::words::Token],
    base_span: Span,
    doc: &Document,
    tokens: &[crate::words::Token],
    doc_span: Span,
) -> Vec<Piece> {
    let (a, b) = (&base.normalized.text, &doc.normalized.text);
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |mark: Mark, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => out.push(Piece {
                mark,
                text: text.to_string(),
            }),
        }
    };
    for edit in diff_spans(a, base_tokens, base_span, b, tokens, doc_span) {
        match edit.op {
            EditOp::Equal => push(Mark::Same, edit.b.of(b)),
            EditOp::Insert => push(Mark::Inserted, edit.b.of(b)),
            EditOp::Delete => push(Mark::Deleted, edit.a.of(a)),
            EditOp::Replace => {
                push(Mark::Deleted, edit.a.of(a));
                push(Mark::Inserted, edit.b.of(b));
            }
        }
    }
    out
}

/// Column indices into `docs` in the chosen order.
fn column_order(trace: &Trace, docs: &[&Document], order: DocOrder) -> Vec<usize> {
    let infos: Vec<DocInfo> = docs.iter().map(|d| DocInfo::of(d, 0)).collect();
    let mut columns: Vec<usize> = (0..docs.len()).collect();
    match order {
        DocOrder::Level => columns.sort_by(|&x, &y| infos[x].hierarchy_cmp(&infos[y])),
        DocOrder::Region => columns.sort_by(|&x, &y| {
            infos[x]
                .region
                .cmp(&infos[y].region)
                .then_with(|| infos[x].id.cmp(&infos[y].id))
        }),
        DocOrder::Kept => columns.sort_by(|&x, &y| {
            trace.documents[y]
                .base_kept
                .total_cmp(&trace.documents[x].base_kept)
                .then_with(|| infos[x].id.cmp(&infos[y].id))
        }),
    }
    columns
}

/// The collation in long form: base sentence × document → kind, similarity, citation, the
/// document's wording and the same with its changes marked (`[-left out-]{+inserted+}`).
pub fn long_table(collation: &Collation) -> Table {
    let mut t = Table::new(&[
        ("base_sentence", ColumnType::Int),
        ("section", ColumnType::Str),
        ("document", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("similarity", ColumnType::Float),
        ("citation", ColumnType::Str),
        ("text", ColumnType::Str),
        ("marked", ColumnType::Str),
        ("base_text", ColumnType::Str),
    ]);
    for row in &collation.rows {
        for (doc, cell) in collation.documents.iter().zip(&row.cells) {
            t.push(vec![
                Value::from(row.sentence),
                row.section.as_str().into(),
                doc.id.as_str().into(),
                cell.kind.as_str().into(),
                cell.similarity.into(),
                cell.citation.as_str().into(),
                cell.text().into(),
                cell.marked().into(),
                row.base.as_str().into(),
            ]);
        }
    }
    t
}

/// The collation in wide form: one row per base sentence with its heat counts, then one column
/// per document holding its marked wording (empty where it drops the sentence).
pub fn wide_table(collation: &Collation) -> Table {
    use std::borrow::Cow;
    let mut columns: Vec<(Cow<'static, str>, ColumnType)> = vec![
        ("base_sentence".into(), ColumnType::Int),
        ("section".into(), ColumnType::Str),
        ("base_text".into(), ColumnType::Str),
        ("identical".into(), ColumnType::Int),
        ("changed".into(), ColumnType::Int),
        ("moved".into(), ColumnType::Int),
        ("dropped".into(), ColumnType::Int),
    ];
    columns.extend(
        collation
            .documents
            .iter()
            .map(|d| (Cow::Owned(d.id.clone()), ColumnType::Str)),
    );
    let mut t = Table::with_names(columns);
    for row in &collation.rows {
        let mut values = vec![
            Value::from(row.sentence),
            row.section.as_str().into(),
            row.base.as_str().into(),
            row.heat.identical.into(),
            row.heat.changed.into(),
            row.heat.moved.into(),
            row.heat.dropped.into(),
        ];
        values.extend(row.cells.iter().map(|c| Value::from(c.marked())));
        t.push(values);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(pieces: &[(Mark, &str)]) -> Cell {
        Cell {
            kind: PairKind::Changed,
            similarity: 0.8,
            citation: "b.txt:3".into(),
            pieces: pieces
                .iter()
                .map(|&(mark, text)| Piece {
                    mark,
                    text: text.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_cell_reads_as_the_document_and_marks_its_changes() {
        let c = cell(&[
            (Mark::Same, "深入实施"),
            (Mark::Deleted, "“人工智能+”"),
            (Mark::Inserted, "“数据要素×”"),
            (Mark::Same, "行动。"),
        ]);
        assert_eq!(c.text(), "深入实施“数据要素×”行动。");
        assert_eq!(c.marked(), "深入实施[-“人工智能+”-]{+“数据要素×”+}行动。");
    }

    #[test]
    fn heat_counts_what_documents_keep() {
        let heat = Heat {
            identical: 2,
            changed: 5,
            moved: 1,
            dropped: 2,
        };
        assert_eq!(heat.kept(), 8);
        assert_eq!(heat.total(), 10);
        assert!((heat.kept_share() - 0.8).abs() < 1e-12);
        assert_eq!(Heat::default().kept_share(), 0.0);
    }
}
