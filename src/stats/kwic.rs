//! Keyword in context: documents + a phrase → [`KwicLine`]s, every occurrence with its left and
//! right context (line breaks shown as spaces), document id and line in the original file.

use super::table::{ColumnType, Table, Value};
use crate::ingest::Document;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub doc: String,
    pub line: u32,
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// Every non-overlapping occurrence of `phrase`, with `width` characters of context each side.
pub fn kwic(docs: &[Document], phrase: &str, width: usize) -> Vec<KwicLine> {
    if phrase.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for doc in docs {
        let text = &doc.normalized.text;
        for (at, hit) in text.match_indices(phrase) {
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
            lines.push(KwicLine {
                doc: doc.id.clone(),
                line: doc.normalized.map.original_line(at),
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
        ("line", ColumnType::Int),
        ("left", ColumnType::Str),
        ("hit", ColumnType::Str),
        ("right", ColumnType::Str),
    ]);
    for l in lines {
        table.push(vec![
            Value::from(l.doc.as_str()),
            l.line.into(),
            l.left.as_str().into(),
            l.hit.as_str().into(),
            l.right.as_str().into(),
        ]);
    }
    table
}
