//! Matrix: the corpus's [`FormulationStat`]s and [`DocInfo`]s → a [`FormulationMatrix`]: the
//! formulations most documents share and those only one document uses, against the documents,
//! with each cell's count and rate per 10,000 Han characters, so that a reader of a corpus of
//! peers sees which formulations are everyone's and which are one province's own.

use super::counts::DocInfo;
use super::formulations::FormulationStat;
use crate::table::{ColumnType, Table, Value};
use serde::Serialize;

/// Rows of each group: shared formulations, and formulations of one document.
pub const SHARED_ROWS: usize = 12;
pub const OWN_ROWS: usize = 12;
/// Own formulations shown per document, so that one long document does not fill the group.
pub const OWN_PER_DOC: usize = 2;
/// Least uses of an own formulation: a word used once is no document's own formulation yet.
pub const MIN_OWN_COUNT: u64 = 2;
/// Most documents (columns) of a matrix: above it, the largest group of one level and year.
pub const MAX_COLUMNS: usize = 40;
/// Fewest documents a matrix needs: with fewer, nothing is shared or own.
pub const MIN_COLUMNS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatrixGroup {
    /// Used by the most documents.
    Shared,
    /// Used by one document only.
    Own,
}

impl MatrixGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Own => "own",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub formulation: String,
    pub group: MatrixGroup,
    /// Documents using it in the whole corpus.
    pub docs: u32,
    /// One per column.
    pub counts: Vec<u32>,
    /// Per 10,000 Han characters, one per column.
    pub rates: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulationMatrix {
    /// Document ids, by level, then administrative division, then id.
    pub docs: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

/// The matrix of `stats` (most used first, as the tally returns them) over the documents.
pub fn formulation_matrix(
    stats: &[FormulationStat],
    infos: &[DocInfo],
) -> Option<FormulationMatrix> {
    let columns = columns(infos);
    if columns.len() < MIN_COLUMNS {
        return None;
    }
    let position: rustc_hash::FxHashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(k, &d)| (infos[d].id.as_str(), k))
        .collect();
    let counts_of = |s: &FormulationStat| {
        let mut counts = vec![0u32; columns.len()];
        for place in &s.places {
            if let Some(&k) = position.get(place.doc.as_str()) {
                counts[k] += 1;
            }
        }
        counts
    };
    let row = |s: &FormulationStat, group| {
        let counts = counts_of(s);
        let rates = counts
            .iter()
            .zip(&columns)
            .map(|(&n, &d)| match infos[d].han_chars {
                0 => 0.0,
                chars => f64::from(n) * 10_000.0 / chars as f64,
            })
            .collect();
        MatrixRow {
            formulation: s.text.clone(),
            group,
            docs: s.docs,
            counts,
            rates,
        }
    };
    let in_columns = |counts: &[u32]| counts.iter().filter(|&&n| n > 0).count();
    // Shared: the most documents of the columns, then the most uses.
    let mut shared: Vec<(&FormulationStat, usize)> = stats
        .iter()
        .map(|s| (s, in_columns(&counts_of(s))))
        .filter(|&(_, n)| n >= 2)
        .collect();
    shared.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(y.0.count.cmp(&x.0.count))
            .then_with(|| x.0.text.cmp(&y.0.text))
    });
    let mut rows: Vec<MatrixRow> = shared
        .iter()
        .take(SHARED_ROWS)
        .map(|(s, _)| row(s, MatrixGroup::Shared))
        .collect();
    // Own: used in one document of the whole corpus, at least twice, most uses first, a few per
    // document.
    let mut per_doc: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut own: Vec<&FormulationStat> = stats
        .iter()
        .filter(|s| s.docs == 1 && s.count >= MIN_OWN_COUNT)
        .filter(|s| {
            s.places
                .first()
                .is_some_and(|p| position.contains_key(p.doc.as_str()))
        })
        .collect();
    own.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.text.cmp(&y.text)));
    for s in own {
        if rows.iter().filter(|r| r.group == MatrixGroup::Own).count() == OWN_ROWS {
            break;
        }
        let doc = s.places[0].doc.as_str();
        let taken = per_doc.entry(doc).or_default();
        if *taken < OWN_PER_DOC {
            *taken += 1;
            rows.push(row(s, MatrixGroup::Own));
        }
    }
    Some(FormulationMatrix {
        docs: columns.iter().map(|&d| infos[d].id.clone()).collect(),
        rows,
    })
}

/// The documents shown: all of them up to [`MAX_COLUMNS`], else the largest group of one level
/// and year; by level, division code and id.
fn columns(infos: &[DocInfo]) -> Vec<usize> {
    let mut columns: Vec<usize> = (0..infos.len()).collect();
    if columns.len() > MAX_COLUMNS {
        let mut groups: rustc_hash::FxHashMap<(Option<u8>, Option<i32>), Vec<usize>> =
            Default::default();
        for (d, info) in infos.iter().enumerate() {
            groups
                .entry((info.level.map(|l| l as u8), info.year))
                .or_default()
                .push(d);
        }
        columns = groups
            .into_values()
            .max_by_key(|g| (g.len(), std::cmp::Reverse(g[0])))
            .unwrap_or_default();
        columns.truncate(MAX_COLUMNS);
    }
    columns.sort_by(|&x, &y| infos[x].hierarchy_cmp(&infos[y]));
    columns
}

/// The matrix in long form: formulation × document → count and rate.
pub fn matrix_table(m: &FormulationMatrix) -> Table {
    let mut t = Table::new(&[
        ("formulation", ColumnType::Str),
        ("group", ColumnType::Str),
        ("docs", ColumnType::Int),
        ("doc", ColumnType::Str),
        ("count", ColumnType::Int),
        ("rate", ColumnType::Float),
    ]);
    for row in &m.rows {
        for ((doc, &count), &rate) in m.docs.iter().zip(&row.counts).zip(&row.rates) {
            t.push(vec![
                row.formulation.as_str().into(),
                row.group.as_str().into(),
                Value::from(row.docs),
                doc.as_str().into(),
                Value::from(count),
                rate.into(),
            ]);
        }
    }
    t
}

/// The matrix in wide form: one row per formulation, one column of rates per document.
pub fn matrix_wide_table(m: &FormulationMatrix) -> Table {
    use std::borrow::Cow;
    let mut columns: Vec<(Cow<'static, str>, ColumnType)> = vec![
        ("formulation".into(), ColumnType::Str),
        ("group".into(), ColumnType::Str),
        ("docs".into(), ColumnType::Int),
    ];
    columns.extend(
        m.docs
            .iter()
            .map(|d| (Cow::Owned(d.clone()), ColumnType::Float)),
    );
    let mut t = Table::with_names(columns);
    for row in &m.rows {
        let mut values = vec![
            Value::from(row.formulation.as_str()),
            row.group.as_str().into(),
            Value::from(row.docs),
        ];
        values.extend(
            row.rates
                .iter()
                .map(|&r| Value::from((r * 100.0).round() / 100.0)),
        );
        t.push(values);
    }
    t
}
