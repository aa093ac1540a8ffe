//! The polars boundary: a [`Table`] → a polars `DataFrame` (strings, `i64`, `f64`, booleans, nulls
//! kept), and [`TermCounts`] → the long counts frame and the document sizes frame that a
//! researcher loads next to tifa's own tables.

use super::counts::{DocInfo, Interner, TermCounts, TermKind};
use crate::ingest::metadata::Level;
use crate::table::{ColumnType, Table, Value};
use polars::prelude::{
    CategoricalPhysical, Categories, Column, DataFrame, DataType, NamedFrom, PolarsResult, Series,
};

pub fn to_frame(table: &Table) -> PolarsResult<DataFrame> {
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let name = c.name.as_ref().into();
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
/// `doc`, `level`, `region`, `term` and `kind` are polars Categoricals: a `u32` id per row and
/// each label once, so a cell takes ~36 bytes and Parquet stores these columns as dictionaries.
pub fn counts_frame(counts: &TermCounts) -> PolarsResult<DataFrame> {
    let cells = &counts.cells;
    let doc_of = |c: &super::counts::Cell| &counts.docs[c.doc as usize];
    let per_doc = |mut labels: Interner, of_doc: &dyn Fn(&DocInfo) -> Option<&str>| {
        let ids: Vec<Option<u32>> = counts
            .docs
            .iter()
            .map(|d| of_doc(d).map(|v| labels.intern(v)))
            .collect();
        let rows = cells.iter().map(|c| ids[c.doc as usize]).collect();
        (labels, rows)
    };
    let (doc_labels, doc_rows) = per_doc(Interner::default(), &|d| Some(d.id.as_str()));
    let (level_labels, level_rows) =
        per_doc(interned(Level::ALL.iter().map(|l| l.as_str())), &|d| {
            d.level.map(|l| l.as_str())
        });
    let (region_labels, region_rows) = per_doc(Interner::default(), &|d| d.region.as_deref());
    let vocabulary = &counts.vocabulary;
    let kinds = interned(TermKind::ALL.iter().map(|k| k.as_str()));
    let mut columns = vec![
        categorical_column("doc", doc_labels.strings(), doc_rows)?,
        Column::new(
            "year".into(),
            cells
                .iter()
                .map(|c| doc_of(c).year.map(i64::from))
                .collect::<Vec<_>>(),
        ),
        categorical_column("level", level_labels.strings(), level_rows)?,
        categorical_column("region", region_labels.strings(), region_rows)?,
        categorical_column(
            "term",
            vocabulary.terms(),
            cells.iter().map(|c| Some(c.term)).collect(),
        )?,
        categorical_column(
            "kind",
            kinds.strings(),
            cells
                .iter()
                .map(|c| Some(vocabulary.kind(c.term) as u32))
                .collect(),
        )?,
        Column::new(
            "count".into(),
            cells.iter().map(|c| i64::from(c.count)).collect::<Vec<_>>(),
        ),
    ];
    if counts.measures_inherited() {
        columns.push(Column::new(
            "inherited".into(),
            counts
                .inherited
                .iter()
                .map(|&i| i64::from(i))
                .collect::<Vec<_>>(),
        ));
    }
    DataFrame::new(cells.len(), columns)
}

/// Labels known in advance (levels, kinds), with ids in their order.
fn interned<'a>(labels: impl IntoIterator<Item = &'a str>) -> Interner {
    let mut all = Interner::default();
    for label in labels {
        all.intern(label);
    }
    all
}

/// A polars Categorical column with `u32` ids: row `i` is `labels[ids[i]]` (null where `None`).
/// `u32` because polars is built without its 8- and 16-bit integer types (a leaner build).
fn categorical_column<'a>(
    name: &str,
    labels: impl IntoIterator<Item = &'a str>,
    ids: Vec<Option<u32>>,
) -> PolarsResult<Column> {
    // Named, not random: the files are the same from run to run, and in polars the columns of
    // two tifa tables share their categories (concatenated or joined without recoding). Ids are
    // taken from the mapping, which may already hold other labels.
    let categories = Categories::new(
        format!("tifa.{name}").into(),
        "tifa".into(),
        CategoricalPhysical::U32,
    );
    let mapping = categories.mapping();
    let polars_ids = labels
        .into_iter()
        .map(|label| mapping.insert_cat(label))
        .collect::<PolarsResult<Vec<_>>>()?;
    let ids: Vec<Option<u32>> = ids
        .into_iter()
        .map(|id| id.map(|i| polars_ids[i as usize]))
        .collect();
    let dtype = DataType::from_categories(categories);
    Ok(Series::from_cats_and_dtype(&Series::new(name.into(), ids), &dtype, true)?.into())
}

/// The long counts table: one row per (document, term) with the document's metadata, and the
/// inherited occurrences beside the count when they were measured.
pub fn counts_table(counts: &TermCounts) -> Table {
    let inherited = counts.measures_inherited();
    let mut schema = vec![
        ("doc", ColumnType::Str),
        ("year", ColumnType::Int),
        ("level", ColumnType::Str),
        ("region", ColumnType::Str),
        ("term", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("count", ColumnType::Int),
    ];
    if inherited {
        schema.push(("inherited", ColumnType::Int));
    }
    let mut table = Table::new(&schema);
    for (k, cell) in counts.cells.iter().enumerate() {
        let doc = &counts.docs[cell.doc as usize];
        let mut row = vec![
            Value::from(doc.id.as_str()),
            doc.year.into(),
            doc.level.map(|l| l.as_str()).into(),
            doc.region.as_deref().into(),
            counts.vocabulary.term(cell.term).into(),
            counts.vocabulary.kind(cell.term).as_str().into(),
            cell.count.into(),
        ];
        if inherited {
            row.push(counts.inherited[k].into());
        }
        table.push(row);
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
