//! The polars boundary: a [`Table`] → a polars `DataFrame` (strings, `i64`, `f64`, booleans, nulls
//! kept), and [`TermCounts`] → the long counts frame and the document sizes frame that a
//! researcher loads next to tifa's own tables.

use super::counts::TermCounts;
use super::table::{ColumnType, Table, Value};
use polars::prelude::{Column, DataFrame, PolarsResult};

pub fn to_frame(table: &Table) -> PolarsResult<DataFrame> {
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let name = c.name.into();
            match c.kind {
                ColumnType::Str => Column::new(
                    name,
                    pick(&c.values, |v| match v {
                        Value::Str(s) => Some(s.as_str()),
                        _ => None,
                    }),
                ),
                ColumnType::Int => Column::new(
                    name,
                    pick(&c.values, |v| match v {
                        Value::Int(i) => Some(*i),
                        _ => None,
                    }),
                ),
                ColumnType::Float => Column::new(
                    name,
                    pick(&c.values, |v| match v {
                        Value::Float(f) => Some(*f),
                        _ => None,
                    }),
                ),
                ColumnType::Bool => Column::new(
                    name,
                    pick(&c.values, |v| match v {
                        Value::Bool(b) => Some(*b),
                        _ => None,
                    }),
                ),
            }
        })
        .collect();
    DataFrame::new(table.len(), columns)
}

/// The values of one type, nulls (and values of another type) as `None`.
fn pick<'v, T>(values: &'v [Value], of_type: impl Fn(&'v Value) -> Option<T>) -> Vec<Option<T>> {
    values.iter().map(of_type).collect()
}

/// The long counts table as a polars DataFrame built straight from the interned counts (no
/// per-cell values in between): what a report writes for a corpus of thousands of documents.
pub fn counts_frame(counts: &TermCounts) -> PolarsResult<DataFrame> {
    let cells = &counts.cells;
    let doc = |c: &super::counts::Cell| &counts.docs[c.doc as usize];
    let columns = vec![
        Column::new(
            "doc".into(),
            cells.iter().map(|c| doc(c).id.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            cells
                .iter()
                .map(|c| doc(c).year.map(i64::from))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "level".into(),
            cells
                .iter()
                .map(|c| doc(c).level.map(|l| l.as_str()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "region".into(),
            cells
                .iter()
                .map(|c| doc(c).region.as_deref())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "term".into(),
            cells
                .iter()
                .map(|c| counts.vocabulary.term(c.term))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "kind".into(),
            cells
                .iter()
                .map(|c| counts.vocabulary.kind(c.term).as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            cells.iter().map(|c| i64::from(c.count)).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(cells.len(), columns)
}

/// The long counts table: one row per (document, term) with the document's metadata.
pub fn counts_table(counts: &TermCounts) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("year", ColumnType::Int),
        ("level", ColumnType::Str),
        ("region", ColumnType::Str),
        ("term", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("count", ColumnType::Int),
    ]);
    for cell in &counts.cells {
        let doc = &counts.docs[cell.doc as usize];
        table.push(vec![
            Value::from(doc.id.as_str()),
            doc.year.into(),
            doc.level.map(|l| l.as_str()).into(),
            doc.region.as_deref().into(),
            counts.vocabulary.term(cell.term).into(),
            counts.vocabulary.kind(cell.term).as_str().into(),
            cell.count.into(),
        ]);
    }
    table
}

/// Document sizes: Han characters (the base of every rate) and counted tokens.
pub fn sizes_table(counts: &TermCounts) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("year", ColumnType::Int),
        ("level", ColumnType::Str),
        ("region", ColumnType::Str),
        ("han_chars", ColumnType::Int),
        ("tokens", ColumnType::Int),
    ]);
    for doc in &counts.docs {
        table.push(vec![
            Value::from(doc.id.as_str()),
            doc.year.into(),
            doc.level.map(|l| l.as_str()).into(),
            doc.region.as_deref().into(),
            doc.han_chars.into(),
            doc.tokens.into(),
        ]);
    }
    table
}
