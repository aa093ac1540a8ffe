//! Keyword in context: documents + a phrase → [`KwicLine`]s, every occurrence with its left and
//! right context (line breaks shown as spaces), document id and line in the original file.

use super::counts::{QueryHits, query_hits};
use crate::ingest::Document;
use crate::table::{ColumnType, Table, Value};
use crate::words::Segmenter;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub doc: String,
    /// The page of a PDF (`line` is then the line on that page), else `None`.
    pub page: Option<u32>,
    pub line: u32,
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// Every occurrence of `phrase` by the counting rule ([`QueryHits`]: the count `terms` and
/// `trend` give), with `width` characters of context each side. `docs` should be the whole
/// corpus (or [`kwic_hits`] be gathered over it and [`kwic_lines`] take them), since whether the
/// phrase is a term is decided over all documents.
pub fn kwic(docs: &[Document], phrase: &str, width: usize, segmenter: &Segmenter) -> Vec<KwicLine> {
    let phrases = [phrase.to_string()];
    kwic_many(docs, &phrases, width, segmenter)
        .pop()
        .map(|(_, lines)| lines)
        .unwrap_or_default()
}

/// The KWIC lines of several phrases, each document segmented once for all of them.
pub fn kwic_many(
    docs: &[Document],
    phrases: &[String],
    width: usize,
    segmenter: &Segmenter,
) -> Vec<(String, Vec<KwicLine>)> {
    kwic_many_placed(docs, phrases, width, segmenter)
        .into_iter()
        .map(|(phrase, lines, _)| (phrase, lines))
        .collect()
}

/// [`kwic_many`] with each phrase's occurrences in every document (byte offsets, one list per
/// document in `docs` order), for dispersion plots.
pub fn kwic_many_placed(
    docs: &[Document],
    phrases: &[String],
    width: usize,
    segmenter: &Segmenter,
) -> Vec<(String, Vec<KwicLine>, Vec<Vec<usize>>)> {
    let per_doc = crate::parallel::parallel_map(docs, |doc| query_hits(doc, phrases, segmenter));
    let mut by_phrase: Vec<Vec<QueryHits>> = vec![Vec::with_capacity(docs.len()); phrases.len()];
    for hits in per_doc {
        for (q, h) in hits.into_iter().enumerate() {
            by_phrase[q].push(h);
        }
    }
    phrases
        .iter()
        .zip(by_phrase)
        .map(|(phrase, hits)| {
            let positions = QueryHits::resolve(hits);
            let lines = kwic_lines(docs, positions.clone(), phrase, width);
            (phrase.clone(), lines, positions)
        })
        .collect()
}

/// Each document's hits for `phrase`.
pub fn kwic_hits(docs: &[Document], phrase: &str, segmenter: &Segmenter) -> Vec<QueryHits> {
    let phrases = [phrase.to_string()];
    crate::parallel::parallel_map(docs, |doc| {
        query_hits(doc, &phrases, segmenter)
            .pop()
            .unwrap_or_default()
    })
}

/// The KWIC lines of the resolved positions of each document.
pub fn kwic_lines(
    docs: &[Document],
    positions: Vec<Vec<usize>>,
    phrase: &str,
    width: usize,
) -> Vec<KwicLine> {
    let mut lines = Vec::new();
    for (doc, positions) in docs.iter().zip(positions) {
        let text = &doc.normalized.text;
        for at in positions {
            let hit = &text[at..at + phrase.len()];
            let before = &text[..at];
            let after = &text[at + hit.len()..];
            let left: String = before
                .chars()
                .rev()
                .take(width)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let right: String = after.chars().take(width).collect();
            let (page, line) = doc.places.locate(doc.normalized.map.original_line(at));
            lines.push(KwicLine {
                doc: doc.id.clone(),
                page,
                line,
                left: flatten(&left),
                hit: hit.to_string(),
                right: flatten(&right),
            });
        }
    }
    lines
}

fn flatten(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

pub fn kwic_table(lines: &[KwicLine]) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("page", ColumnType::Int),
        ("line", ColumnType::Int),
        ("left", ColumnType::Str),
        ("hit", ColumnType::Str),
        ("right", ColumnType::Str),
    ]);
    for l in lines {
        table.push(vec![
            Value::from(l.doc.as_str()),
            l.page.map_or(Value::Null, Value::from),
            l.line.into(),
            l.left.as_str().into(),
            l.hit.as_str().into(),
            l.right.as_str().into(),
        ]);
    }
    table
}
