//! Trends over years: documents + phrase queries → a per-year (and per-level) series [`Table`];
//! [`TermCounts`] → [`TermTrend`]s for the whole vocabulary: size-weighted slope of the rate on the
//! year, Cochran–Armitage p with BH q across the vocabulary, first and last year seen, per level.

use super::counts::{DocInfo, TermCounts, phrase_count, rate_per_10k};
use super::measures::{benjamini_hochberg, trend};
use super::table::{ColumnType, Table, Value};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
use serde::Serialize;
use std::collections::BTreeMap;

/// How often each query occurs in one document (phrase counts, see [`phrase_count`]); kept per
/// document while streaming a corpus, then summed by [`series`].
pub fn query_counts(doc: &Document, queries: &[String]) -> Vec<u64> {
    queries
        .iter()
        .map(|q| phrase_count(&doc.normalized.text, q))
        .collect()
}

/// Per query, per year (and level when `split_level`): phrase count, rate, documents with the
/// phrase, documents in the year, from each document's [`query_counts`]. Documents of unknown
/// year are left out.
pub fn series(
    infos: &[DocInfo],
    doc_counts: &[Vec<u64>],
    queries: &[String],
    split_level: bool,
) -> Table {
    let mut table = Table::new(&[
        ("term", ColumnType::Str),
        ("year", ColumnType::Int),
        ("level", ColumnType::Str),
        ("count", ColumnType::Int),
        ("rate_per_10k", ColumnType::Float),
        ("docs", ColumnType::Int),
        ("year_docs", ColumnType::Int),
        ("han_chars", ColumnType::Int),
    ]);
    for (q, query) in queries.iter().enumerate() {
        let mut cells: BTreeMap<(i32, Option<Level>), SeriesCell> = BTreeMap::new();
        for (counts, info) in doc_counts.iter().zip(infos) {
            let Some(year) = info.year else { continue };
            let level = if split_level { info.level } else { None };
            let cell = cells.entry((year, level)).or_default();
            let n = counts[q];
            cell.count += n;
            cell.docs_with += u32::from(n > 0);
            cell.docs += 1;
            cell.han_chars += info.han_chars;
        }
        for ((year, level), cell) in cells {
            let level = match (split_level, level) {
                (false, _) => Value::Str("all".into()),
                (true, Some(l)) => l.as_str().into(),
                (true, None) => super::terms::UNKNOWN.into(),
            };
            table.push(vec![
                query.as_str().into(),
                year.into(),
                level,
                cell.count.into(),
                rate_per_10k(cell.count, cell.han_chars).into(),
                cell.docs_with.into(),
                cell.docs.into(),
                cell.han_chars.into(),
            ]);
        }
    }
    table
}

#[derive(Default)]
struct SeriesCell {
    count: u64,
    docs_with: u32,
    docs: u32,
    han_chars: u64,
}

/// Whether a term rose or fell significantly, or appeared or vanished within the years covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Rising,
    Falling,
    Flat,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rising => "rising",
            Self::Falling => "falling",
            Self::Flat => "flat",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermTrend {
    /// `all`, or the level the documents were restricted to.
    pub level: String,
    pub term: String,
    pub kind: &'static str,
    pub count: u64,
    pub docs: u32,
    pub first_year: i32,
    pub last_year: i32,
    /// Rate per 10k Han characters gained per year (size-weighted least squares).
    pub slope: f64,
    pub z: f64,
    pub p: f64,
    pub q: f64,
    pub direction: Direction,
    /// First seen after the first year of the documents compared.
    pub emerging: bool,
    /// Last seen before their last year.
    pub vanishing: bool,
}

/// Significance level for `direction` (on BH q).
pub const ALPHA: f64 = 0.05;

/// Trends of every term in at least `min_docs` documents, over the documents of known year at
/// `level` (all levels when `None`).
pub fn vocabulary_trends(
    counts: &TermCounts,
    level: Option<Level>,
    min_docs: u32,
) -> Vec<TermTrend> {
    let in_scope = |d: &DocInfo| d.year.is_some() && level.is_none_or(|l| d.level == Some(l));
    let mut years: Vec<i32> = counts
        .docs
        .iter()
        .filter(|d| in_scope(d))
        .filter_map(|d| d.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Vec::new();
    }
    let of_doc: Vec<Option<usize>> = counts
        .docs
        .iter()
        .map(|d| {
            d.year
                .filter(|_| in_scope(d))
                .and_then(|y| years.binary_search(&y).ok())
        })
        .collect();
    let totals = counts.by_group(&of_doc, years.len());
    let sizes: Vec<f64> = totals.iter().map(|g| g.han_chars as f64).collect();
    let scores: Vec<f64> = years.iter().map(|&y| f64::from(y)).collect();
    let label = level.map_or("all".to_string(), |l| l.to_string());
    let mut trends: Vec<TermTrend> = (0..counts.vocabulary.len() as u32)
        .filter_map(|term| {
            let per_year: Vec<_> = totals.iter().map(|g| g.get(term)).collect();
            let docs: u32 = per_year.iter().map(|t| t.docs).sum();
            if docs < min_docs.max(1) {
                return None;
            }
            let counts_per_year: Vec<f64> = per_year.iter().map(|t| t.count as f64).collect();
            let seen: Vec<usize> = (0..years.len())
                .filter(|&i| per_year[i].count > 0)
                .collect();
            let (first, last) = (years[seen[0]], years[*seen.last()?]);
            let t = trend(&scores, &counts_per_year, &sizes);
            Some(TermTrend {
                level: label.clone(),
                term: counts.vocabulary.term(term).to_string(),
                kind: counts.vocabulary.kind(term).as_str(),
                count: per_year.iter().map(|t| t.count).sum(),
                docs,
                first_year: first,
                last_year: last,
                slope: t.slope,
                z: t.z,
                p: t.p,
                q: 1.0,
                direction: Direction::Flat,
                emerging: first > years[0],
                vanishing: last < *years.last().expect("not empty"),
            })
        })
        .collect();
    let q = benjamini_hochberg(&trends.iter().map(|t| t.p).collect::<Vec<_>>());
    for (t, q) in trends.iter_mut().zip(q) {
        t.q = q;
        t.direction = match (q < ALPHA, t.z > 0.0) {
            (false, _) => Direction::Flat,
            (true, true) => Direction::Rising,
            (true, false) => Direction::Falling,
        };
    }
    trends.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.term.cmp(&y.term)));
    trends
}

/// Trends for all documents and then for each level present.
pub fn trends_per_level(counts: &TermCounts, min_docs: u32) -> Vec<TermTrend> {
    let mut levels: Vec<Level> = counts.docs.iter().filter_map(|d| d.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut all = vocabulary_trends(counts, None, min_docs);
    for level in levels {
        all.extend(vocabulary_trends(counts, Some(level), min_docs));
    }
    all
}

pub fn trends_table(trends: &[TermTrend]) -> Table {
    let mut table = Table::new(&[
        ("level", ColumnType::Str),
        ("term", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("count", ColumnType::Int),
        ("docs", ColumnType::Int),
        ("first_year", ColumnType::Int),
        ("last_year", ColumnType::Int),
        ("slope", ColumnType::Float),
        ("z", ColumnType::Float),
        ("p", ColumnType::Float),
        ("q", ColumnType::Float),
        ("direction", ColumnType::Str),
        ("emerging", ColumnType::Bool),
        ("vanishing", ColumnType::Bool),
    ]);
    for t in trends {
        table.push(vec![
            Value::from(t.level.as_str()),
            t.term.as_str().into(),
            t.kind.into(),
            t.count.into(),
            t.docs.into(),
            t.first_year.into(),
            t.last_year.into(),
            t.slope.into(),
            t.z.into(),
            t.p.into(),
            t.q.into(),
            t.direction.as_str().into(),
            t.emerging.into(),
            t.vanishing.into(),
        ]);
    }
    table
}
