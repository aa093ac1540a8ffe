//! Frequencies and keyness: [`TermCounts`] → [`Table`]s. `terms_by` gives counts, rates per
//! 10,000 Han characters and document frequencies per document, year or level; `keyness` compares
//! a target group of documents with a reference group (G², p, BH q, Log Ratio).

use super::StatsError;
use super::counts::{DocInfo, GroupTotals, TermCounts, TermTotal, rate_per_10k};
use super::filter::Filter;
use super::measures::{benjamini_hochberg, chi2_1_p, g2, log_ratio};
use crate::table::{ColumnType, Table, Value};
use serde::{Deserialize, Serialize};

/// How documents are grouped for frequency tables and series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Doc,
    Year,
    Level,
}

/// Groups of documents: a label per group and each document's group (none: left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    pub labels: Vec<String>,
    pub of_doc: Vec<Option<usize>>,
}

/// Label for a document whose year or level is not known.
pub const UNKNOWN: &str = "unknown";

impl Grouping {
    pub fn new(docs: &[DocInfo], by: GroupBy) -> Self {
        let key = |d: &DocInfo| -> String {
            match by {
                GroupBy::Doc => d.id.clone(),
                GroupBy::Year => d.year.map_or(UNKNOWN.to_string(), |y| y.to_string()),
                GroupBy::Level => d.level.map_or(UNKNOWN.to_string(), |l| l.to_string()),
            }
        };
        let mut labels: Vec<String> = docs.iter().map(key).collect();
        labels.sort_by_key(|l| order_key(by, l));
        labels.dedup();
        let of_doc = docs
            .iter()
            .map(|d| labels.iter().position(|l| *l == key(d)))
            .collect();
        Self { labels, of_doc }
    }

    /// Two groups: documents matching `target`, and those matching `reference` (or, without one,
    /// every other document). A document in both is a target document.
    pub fn sides(docs: &[DocInfo], target: &Filter, reference: Option<&Filter>) -> Self {
        let of_doc = docs
            .iter()
            .map(|d| {
                if target.matches(d) {
                    Some(0)
                } else if reference.is_none_or(|r| r.matches(d)) {
                    Some(1)
                } else {
                    None
                }
            })
            .collect();
        Self {
            labels: vec![
                target.to_string(),
                reference.map_or("rest".into(), |r| r.to_string()),
            ],
            of_doc,
        }
    }
}

/// Years sort as numbers, levels from national down, unknown last.
fn order_key(by: GroupBy, label: &str) -> (u8, i64, String) {
    if label == UNKNOWN {
        return (2, 0, String::new());
    }
    match by {
        GroupBy::Year => (0, label.parse().unwrap_or(0), String::new()),
        GroupBy::Level => {
            let rank = crate::ingest::metadata::Level::parse(label).map_or(9, |l| l as i64);
            (0, rank, String::new())
        }
        GroupBy::Doc => (0, 0, label.to_string()),
    }
}

/// Document frequency of every term over the whole corpus.
pub fn corpus_doc_frequency(counts: &TermCounts) -> Vec<u32> {
    let mut df = vec![0; counts.vocabulary.len()];
    for cell in &counts.cells {
        df[cell.term as usize] += 1;
    }
    df
}

/// Per group, its most frequent terms: count, rate per 10k Han characters, documents of the group
/// with the term, the group's size, and the term's dispersion over the corpus's documents
/// (Gries' DP: 0 spread as the text is, towards 1 in one document). Terms in fewer than `min_docs` documents of the corpus
/// are left out.
pub fn terms_by(counts: &TermCounts, by: GroupBy, top: usize, min_docs: u32) -> Table {
    let grouping = Grouping::new(&counts.docs, by);
    let totals = counts.by_group(&grouping.of_doc, grouping.labels.len());
    let df = corpus_doc_frequency(counts);
    let dp = super::dispersion::dp_per_term(counts);
    let mut table = Table::new(&[
        (group_column(by), ColumnType::Str),
        ("term", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("count", ColumnType::Int),
        ("rate_per_10k", ColumnType::Float),
        ("docs", ColumnType::Int),
        ("group_docs", ColumnType::Int),
        ("corpus_docs", ColumnType::Int),
        ("han_chars", ColumnType::Int),
        ("dp", ColumnType::Float),
    ]);
    for (label, group) in grouping.labels.iter().zip(&totals) {
        let mut terms: Vec<(u32, TermTotal)> = group
            .terms
            .iter()
            .filter(|(t, _)| df[**t as usize] >= min_docs)
            .map(|(t, total)| (*t, *total))
            .collect();
        terms.sort_by(|(t1, x), (t2, y)| {
            y.count
                .cmp(&x.count)
                .then_with(|| counts.vocabulary.term(*t1).cmp(counts.vocabulary.term(*t2)))
        });
        for (term, total) in terms.into_iter().take(top) {
            table.push(vec![
                label.as_str().into(),
                counts.vocabulary.term(term).into(),
                counts.vocabulary.kind(term).as_str().into(),
                total.count.into(),
                rate_per_10k(total.count, group.han_chars).into(),
                total.docs.into(),
                group.docs.into(),
                df[term as usize].into(),
                group.han_chars.into(),
                dp[term as usize].map_or(Value::Null, |d| ((d * 1000.0).round() / 1000.0).into()),
            ]);
        }
    }
    table
}

fn group_column(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Doc => "doc",
        GroupBy::Year => "year",
        GroupBy::Level => "level",
    }
}

/// One term's keyness, target against reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeynessRow {
    pub term: String,
    pub kind: &'static str,
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
    pub rate_target: f64,
    pub rate_reference: f64,
    pub g2: f64,
    pub p: f64,
    pub q: f64,
    pub log_ratio: f64,
    pub docs_target: u32,
    pub docs_reference: u32,
    /// Documents on each side (the same on every row): fewer than [`MIN_SIDE_DOCS`] on a side
    /// is a small group, said so ([`small_group_warning`]).
    pub side_docs_target: u32,
    pub side_docs_reference: u32,
    /// Why the term stays out of headline lists (a function word, a number, one character).
    pub hidden: Option<crate::words::Hidden>,
}

/// Keyness of every term occurring in either side and in at least `min_docs` documents of the
/// two sides together; sizes `c`, `d` are Han characters. Sorted by signed G², most key first.
pub fn keyness(
    counts: &TermCounts,
    target: &Filter,
    reference: Option<&Filter>,
    min_docs: u32,
) -> Result<Vec<KeynessRow>, StatsError> {
    let sides = Grouping::sides(&counts.docs, target, reference);
    let totals = counts.by_group(&sides.of_doc, 2);
    for (k, (side, group)) in sides.labels.iter().zip(&totals).enumerate() {
        if group.docs > 0 {
            continue;
        }
        // An empty reference whose filter matches documents lost them all to the target.
        if k == 1
            && let Some(r) = reference
            && counts.docs.iter().any(|d| r.matches(d))
        {
            return Err(StatsError::SidesOverlap {
                target: target.to_string(),
                reference: r.to_string(),
            });
        }
        return Err(StatsError::EmptySide(side.clone()));
    }
    let mut rows = keyness_rows(counts, &totals[0], &totals[1], min_docs);
    for row in &mut rows {
        row.side_docs_target = totals[0].docs;
        row.side_docs_reference = totals[1].docs;
    }
    let q = benjamini_hochberg(&rows.iter().map(|r| r.p).collect::<Vec<_>>());
    for (row, q) in rows.iter_mut().zip(q) {
        row.q = q;
    }
    rows.sort_by(|x, y| y.g2.total_cmp(&x.g2).then_with(|| x.term.cmp(&y.term)));
    Ok(rows)
}

/// Documents on each side of a keyness comparison.
pub fn keyness_sides(
    counts: &TermCounts,
    target: &Filter,
    reference: Option<&Filter>,
) -> (u32, u32) {
    let sides = Grouping::sides(&counts.docs, target, reference);
    let mut n = (0, 0);
    for side in sides.of_doc.iter().flatten() {
        match side {
            0 => n.0 += 1,
            _ => n.1 += 1,
        }
    }
    n
}

fn keyness_rows(
    counts: &TermCounts,
    target: &GroupTotals,
    reference: &GroupTotals,
    min_docs: u32,
) -> Vec<KeynessRow> {
    let mut terms: Vec<u32> = target
        .terms
        .keys()
        .chain(reference.terms.keys())
        .copied()
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let (c, d) = (target.han_chars, reference.han_chars);
    terms
        .into_iter()
        .filter_map(|term| {
            let (x, y) = (target.get(term), reference.get(term));
            if x.docs + y.docs < min_docs {
                return None;
            }
            let (a, b) = (x.count, y.count);
            let g = g2(a as f64, b as f64, c as f64, d as f64);
            Some(KeynessRow {
                term: counts.vocabulary.term(term).to_string(),
                kind: counts.vocabulary.kind(term).as_str(),
                a,
                b,
                c,
                d,
                rate_target: rate_per_10k(a, c),
                rate_reference: rate_per_10k(b, d),
                g2: g,
                p: chi2_1_p(g),
                q: 1.0,
                log_ratio: log_ratio(a as f64, b as f64, c as f64, d as f64),
                docs_target: x.docs,
                docs_reference: y.docs,
                side_docs_target: target.docs,
                side_docs_reference: reference.docs,
                hidden: counts.hidden(term),
            })
        })
        .collect()
}

/// Fewest documents a side of a comparison (or a year of a trend) needs before its results say
/// something about a group rather than about one or two texts.
pub const MIN_SIDE_DOCS: u32 = 3;

/// The warning a comparison of `target` against `reference` documents carries when a side has
/// fewer than [`MIN_SIDE_DOCS`]: its key terms are those of one or two texts, whatever q says.
pub fn small_group_warning(target: u32, reference: u32) -> Option<String> {
    let side = |n: u32, name: &str| {
        (n < MIN_SIDE_DOCS).then(|| {
            format!(
                "the {name} is {n} document{}",
                if n == 1 { "" } else { "s" }
            )
        })
    };
    let small: Vec<String> = [side(target, "target"), side(reference, "reference")]
        .into_iter()
        .flatten()
        .collect();
    (!small.is_empty()).then(|| {
        format!(
            "small group: {}; fewer than {MIN_SIDE_DOCS} documents show what those texts say, not what a group says (q does not account for it)",
            small.join(" and ")
        )
    })
}

pub fn keyness_table(rows: &[KeynessRow]) -> Table {
    let mut table = Table::new(&[
        ("term", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("a", ColumnType::Int),
        ("b", ColumnType::Int),
        ("c", ColumnType::Int),
        ("d", ColumnType::Int),
        ("rate_target", ColumnType::Float),
        ("rate_reference", ColumnType::Float),
        ("g2", ColumnType::Float),
        ("p", ColumnType::Float),
        ("q", ColumnType::Float),
        ("log_ratio", ColumnType::Float),
        ("docs_target", ColumnType::Int),
        ("docs_reference", ColumnType::Int),
        ("side_docs_target", ColumnType::Int),
        ("side_docs_reference", ColumnType::Int),
        ("hidden", ColumnType::Str),
        ("warning", ColumnType::Str),
    ]);
    for r in rows {
        table.push(vec![
            Value::from(r.term.as_str()),
            r.kind.into(),
            r.a.into(),
            r.b.into(),
            r.c.into(),
            r.d.into(),
            r.rate_target.into(),
            r.rate_reference.into(),
            r.g2.into(),
            r.p.into(),
            r.q.into(),
            r.log_ratio.into(),
            r.docs_target.into(),
            r.docs_reference.into(),
            r.side_docs_target.into(),
            r.side_docs_reference.into(),
            r.hidden.map(|h| h.as_str()).unwrap_or("").into(),
            small_group_warning(r.side_docs_target, r.side_docs_reference)
                .unwrap_or_default()
                .into(),
        ]);
    }
    table
}
