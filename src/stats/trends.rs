//! Trends over years: documents + phrase queries → a per-year (and per-level) series [`Table`];
//! [`TermCounts`] → [`TermTrend`]s for the whole vocabulary: size-weighted slope of the rate on the
//! year, Cochran–Armitage p with BH q across the vocabulary, first and last year seen, per level.

use super::counts::{DocInfo, QueryHits, TermCounts, rate_per_10k};
use super::measures::{benjamini_hochberg, trend};
use crate::ingest::metadata::Level;
use crate::table::{ColumnType, Table, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// Each query's hits in one document, kept per document while streaming a corpus, then resolved
/// over all documents by [`resolve_query_counts`] for [`series`].
pub use super::counts::query_hits as query_counts;

/// Per document, per query: its count by the counting rule, decided over the whole corpus (a
/// query that is a term of any document is counted as a term in all).
pub fn resolve_query_counts(per_doc: Vec<Vec<QueryHits>>) -> Vec<Vec<u64>> {
    let n_queries = per_doc.first().map_or(0, Vec::len);
    let mut counts = vec![vec![0u64; n_queries]; per_doc.len()];
    let mut by_query: Vec<Vec<QueryHits>> = vec![Vec::with_capacity(per_doc.len()); n_queries];
    for hits in per_doc {
        for (q, h) in hits.into_iter().enumerate() {
            by_query[q].push(h);
        }
    }
    for (q, hits) in by_query.into_iter().enumerate() {
        for (d, positions) in QueryHits::resolve(hits).into_iter().enumerate() {
            counts[d][q] = positions.len() as u64;
        }
    }
    counts
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
        ("warning", ColumnType::Str),
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
                small_year_warning(cell.docs).unwrap_or_default().into(),
            ]);
        }
    }
    table
}

/// The warning a year (of a level) of fewer than [`super::terms::MIN_SIDE_DOCS`] documents
/// carries: its rate is one or two texts' rate.
pub fn small_year_warning(docs: u32) -> Option<String> {
    (docs < super::terms::MIN_SIDE_DOCS).then(|| {
        format!(
            "small year: {docs} document{}; the rate is that of the text{}, not of a group",
            if docs == 1 { "" } else { "s" },
            if docs == 1 { "" } else { "s" },
        )
    })
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
    /// Documents before the term's first year (after its last), where it is absent.
    pub docs_before: u32,
    pub docs_after: u32,
    /// Chance that none of the `docs_before` documents would use the term, were each as likely
    /// to as a document of the years it was seen (the share of those using it): small when its
    /// absence there is evidence. `None` when no document precedes its first year.
    pub p_absent_before: Option<f64>,
    /// The same for the documents after its last year.
    pub p_absent_after: Option<f64>,
    /// Absent from at least [`MIN_DOCS_ABSENT`] documents before its first year, with
    /// `p_absent_before` significant after Benjamini–Hochberg across the vocabulary, and still
    /// used in the last year covered (ARCHITECTURE.md, "Emerging and vanishing").
    pub emerging: bool,
    /// Used in the first year covered, and absent after its last year by the same test.
    pub vanishing: bool,
    /// Why the term stays out of headline lists (a function word, a number, one character).
    pub hidden: Option<crate::words::Hidden>,
}

/// Documents that must lack a term before (after) it counts as emerging (vanishing): one
/// document's silence is its author's style, not a change of the discourse.
pub const MIN_DOCS_ABSENT: u32 = 2;

/// `(1 − share)^outside`: the chance that `outside` documents all lack a term that `share` of
/// the documents of its own years use.
fn p_absent(share: f64, outside: u32) -> f64 {
    (1.0 - share).max(0.0).powi(outside as i32)
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
            let count: u64 = per_year.iter().map(|t| t.count).sum();
            let (first_i, last_i) = (seen[0], *seen.last()?);
            let docs_in = |range: std::ops::Range<usize>| -> u32 {
                totals[range].iter().map(|g| g.docs).sum()
            };
            let share = f64::from(docs) / f64::from(docs_in(first_i..last_i + 1).max(1));
            let docs_before = docs_in(0..first_i);
            let docs_after = docs_in(last_i + 1..years.len());
            let p_before = (docs_before > 0).then(|| p_absent(share, docs_before));
            let p_after = (docs_after > 0).then(|| p_absent(share, docs_after));
            Some(TermTrend {
                level: label.clone(),
                term: counts.vocabulary.term(term).to_string(),
                kind: counts.vocabulary.kind(term).as_str(),
                count,
                docs,
                first_year: first,
                last_year: last,
                slope: t.slope,
                z: t.z,
                p: t.p,
                q: 1.0,
                direction: Direction::Flat,
                docs_before,
                docs_after,
                p_absent_before: p_before,
                p_absent_after: p_after,
                emerging: false,
                vanishing: false,
                hidden: counts.hidden(term),
            })
        })
        .collect();
    flag_absences(&mut trends);
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

/// Sets `emerging` and `vanishing`: absent from enough documents, and the absence significant
/// after Benjamini–Hochberg across the terms that could be flagged.
fn flag_absences(trends: &mut [TermTrend]) {
    let q_of = |ps: Vec<Option<f64>>| -> Vec<Option<f64>> {
        let present: Vec<f64> = ps.iter().flatten().copied().collect();
        let mut qs = benjamini_hochberg(&present).into_iter();
        ps.iter().map(|p| p.and_then(|_| qs.next())).collect()
    };
    let before = q_of(trends.iter().map(|t| t.p_absent_before).collect());
    let after = q_of(trends.iter().map(|t| t.p_absent_after).collect());
    for ((t, qb), qa) in trends.iter_mut().zip(before).zip(after) {
        let significant = |q: Option<f64>| q.is_some_and(|q| q < ALPHA);
        // New and still in use at the end; in use from the start and gone. A term that comes
        // and goes inside the years covered is neither (most of a long corpus's vocabulary).
        t.emerging = t.docs_before >= MIN_DOCS_ABSENT && significant(qb) && t.docs_after == 0;
        t.vanishing = t.docs_after >= MIN_DOCS_ABSENT && significant(qa) && t.docs_before == 0;
    }
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
        ("docs_before", ColumnType::Int),
        ("docs_after", ColumnType::Int),
        ("p_absent_before", ColumnType::Float),
        ("p_absent_after", ColumnType::Float),
        ("emerging", ColumnType::Bool),
        ("vanishing", ColumnType::Bool),
        ("hidden", ColumnType::Str),
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
            t.docs_before.into(),
            t.docs_after.into(),
            t.p_absent_before.into(),
            t.p_absent_after.into(),
            t.emerging.into(),
            t.vanishing.into(),
            t.hidden.map(|h| h.as_str()).unwrap_or("").into(),
        ]);
    }
    table
}
/// Which trends a listing keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrendShow {
    All,
    Rising,
    Falling,
    Emerging,
    Vanishing,
}

/// Keeps the trends asked for, in a useful order: strongest first for rising and falling, newest
/// first for emerging, oldest last-seen first for vanishing; at most `top` per level.
pub fn shown(trends: Vec<TermTrend>, show: TrendShow, top: usize) -> Vec<TermTrend> {
    let mut kept: Vec<TermTrend> = trends
        .into_iter()
        .filter(|t| match show {
            TrendShow::All => true,
            TrendShow::Rising => t.direction == Direction::Rising,
            TrendShow::Falling => t.direction == Direction::Falling,
            TrendShow::Emerging => t.emerging,
            TrendShow::Vanishing => t.vanishing,
        })
        .collect();
    match show {
        TrendShow::Falling => kept.sort_by(|x, y| x.level.cmp(&y.level).then(x.z.total_cmp(&y.z))),
        TrendShow::Emerging => kept.sort_by(|x, y| {
            x.level
                .cmp(&y.level)
                .then(y.first_year.cmp(&x.first_year))
                .then(y.count.cmp(&x.count))
        }),
        TrendShow::Vanishing => kept.sort_by(|x, y| {
            x.level
                .cmp(&y.level)
                .then(x.last_year.cmp(&y.last_year))
                .then(y.count.cmp(&x.count))
        }),
        TrendShow::All | TrendShow::Rising => {}
    }
    if top > 0 {
        let mut per_level: std::collections::HashMap<String, usize> = Default::default();
        kept.retain(|t| {
            let n = per_level.entry(t.level.clone()).or_default();
            *n += 1;
            *n <= top
        });
    }
    kept
}
