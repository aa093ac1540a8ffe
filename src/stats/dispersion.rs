//! Dispersion: a term and documents → a [`Dispersion`]: where in each document the term occurs
//! (relative positions 0–1 by character offset of the normalized text), where each document's
//! top-level sections start, and Gries' DP over the documents (Gries 2008; normalised by
//! Lijffijt & Gries 2012):
//!
//! - parts are the documents; `s_i` a document's share of the corpus's Han characters (the base
//!   of every rate), `v_i` its share of the term's occurrences;
//! - DP = ½ Σ |v_i − s_i|: 0 when the term is spread as the text is, up to 1 − min s_i when it
//!   sits in one document; DPnorm = DP / (1 − min s_i), 0–1.

use super::counts::DocInfo;
use crate::table::{ColumnType, Table, Value};
use serde::Serialize;

/// Gries' DP and its normalised form for occurrences `counts` over parts of `sizes` (same
/// order); `None` without occurrences or with fewer than two parts.
pub fn gries_dp(counts: &[u64], sizes: &[u64]) -> Option<(f64, f64)> {
    let (total, size): (u64, u64) = (counts.iter().sum(), sizes.iter().sum());
    if total == 0 || size == 0 || sizes.len() < 2 {
        return None;
    }
    let dp = 0.5
        * counts
            .iter()
            .zip(sizes)
            .map(|(&c, &s)| (c as f64 / total as f64 - s as f64 / size as f64).abs())
            .sum::<f64>();
    let min_share = sizes
        .iter()
        .map(|&s| s as f64 / size as f64)
        .fold(1.0, f64::min);
    let norm = if min_share < 1.0 {
        dp / (1.0 - min_share)
    } else {
        0.0
    };
    Some((dp, norm.min(1.0)))
}

/// One document's row of the dispersion plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocDispersion {
    pub id: String,
    pub year: Option<i32>,
    /// Relative positions (0–1) of the occurrences.
    pub hits: Vec<f64>,
    /// Relative positions where its top-level sections start.
    pub sections: Vec<f64>,
    /// Han characters (the DP's part size).
    pub han_chars: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispersion {
    pub term: String,
    pub docs: Vec<DocDispersion>,
    /// Gries' DP and DPnorm over the documents; none without occurrences.
    pub dp: Option<(f64, f64)>,
}

impl Dispersion {
    /// Builds the dispersion of `term` from each document's occurrences (byte offsets), text
    /// length, section starts (byte offsets) and info.
    pub fn new(term: &str, docs: Vec<(DocInfo, usize, Vec<usize>, Vec<usize>)>) -> Self {
        let rows: Vec<DocDispersion> = docs
            .into_iter()
            .map(|(info, len, hits, sections)| {
                let at = |x: usize| if len == 0 { 0.0 } else { x as f64 / len as f64 };
                DocDispersion {
                    id: info.id,
                    year: info.year,
                    hits: hits.into_iter().map(at).collect(),
                    sections: sections.into_iter().map(at).collect(),
                    han_chars: info.han_chars,
                }
            })
            .collect();
        let counts: Vec<u64> = rows.iter().map(|r| r.hits.len() as u64).collect();
        let sizes: Vec<u64> = rows.iter().map(|r| r.han_chars).collect();
        Self {
            term: term.to_string(),
            dp: gries_dp(&counts, &sizes),
            docs: rows,
        }
    }

    /// One row per document: its occurrences, words, and where the first one is.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            ("doc", ColumnType::Str),
            ("year", ColumnType::Int),
            ("count", ColumnType::Int),
            ("han_chars", ColumnType::Int),
            ("first_position", ColumnType::Float),
            ("dp", ColumnType::Float),
            ("dp_norm", ColumnType::Float),
        ]);
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        for d in &self.docs {
            t.push(vec![
                d.id.as_str().into(),
                d.year.map_or(Value::Null, Value::from),
                Value::from(d.hits.len()),
                Value::from(d.han_chars),
                d.hits.first().map_or(Value::Null, |&p| round(p).into()),
                self.dp.map_or(Value::Null, |(dp, _)| round(dp).into()),
                self.dp.map_or(Value::Null, |(_, n)| round(n).into()),
            ]);
        }
        t
    }
}

/// Where a document's top-level sections start: the byte offsets of its outermost headings.
pub fn section_starts(doc: &crate::ingest::Document) -> Vec<usize> {
    doc.structure
        .sentences
        .iter()
        .filter(|s| s.heading.is_some() && s.section.len() == 1)
        .map(|s| s.span.start)
        .collect()
}

/// A term's dispersion over `docs` from its occurrences in each (byte offsets, `docs` order).
pub fn of_documents(
    term: &str,
    docs: &[crate::ingest::Document],
    positions: &[Vec<usize>],
) -> Dispersion {
    Dispersion::new(
        term,
        docs.iter()
            .zip(positions)
            .map(|(doc, at)| {
                (
                    DocInfo::of(doc, 0),
                    doc.normalized.text.len(),
                    at.clone(),
                    section_starts(doc),
                )
            })
            .collect(),
    )
}

/// Gries' DP of every term of `counts` over its documents (parts sized by their Han characters),
/// in one pass over the cells: the documents without the term add their share of the words.
/// `None` for a term with no occurrence or a corpus of one document.
pub fn dp_per_term(counts: &super::counts::TermCounts) -> Vec<Option<f64>> {
    let size: u64 = counts.docs.iter().map(|d| d.han_chars).sum();
    let n = counts.vocabulary.len();
    if size == 0 || counts.docs.len() < 2 {
        return vec![None; n];
    }
    let mut total = vec![0u64; n];
    for cell in &counts.cells {
        total[cell.term as usize] += u64::from(cell.count);
    }
    // Per term: Σ |v_i − s_i| and Σ s_i over the documents that have it.
    let mut gap = vec![0.0f64; n];
    let mut covered = vec![0.0f64; n];
    for cell in &counts.cells {
        let t = cell.term as usize;
        let s = counts.docs[cell.doc as usize].han_chars as f64 / size as f64;
        gap[t] += (f64::from(cell.count) / total[t] as f64 - s).abs();
        covered[t] += s;
    }
    (0..n)
        .map(|t| (total[t] > 0).then(|| 0.5 * (gap[t] + (1.0 - covered[t]).max(0.0))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parts of 10, 20 and 70 words (s = .1, .2, .7); the term twice in the first only
    /// (v = 1, 0, 0): DP = ½ (.9 + .2 + .7) = .9, DPnorm = .9 / (1 − .1) = 1.
    #[test]
    fn dp_agrees_with_a_hand_computation() {
        // The one-pass form over sparse cells gives the same.
        let docs: Vec<DocInfo> = [10u64, 20, 70]
            .iter()
            .enumerate()
            .map(|(k, &han_chars)| DocInfo {
                han_chars,
                ..DocInfo::for_test(
                    &format!("d{k}"),
                    2020,
                    crate::ingest::metadata::Level::County,
                    "甲县",
                )
            })
            .collect();
        let mut vocabulary = crate::stats::counts::Vocabulary::default();
        let a = vocabulary.intern("甲", crate::stats::counts::TermKind::Word);
        let b = vocabulary.intern("乙", crate::stats::counts::TermKind::Word);
        let counts = crate::stats::counts::TermCounts {
            docs,
            vocabulary,
            cells: vec![
                crate::stats::counts::Cell {
                    doc: 0,
                    term: a,
                    count: 2,
                },
                crate::stats::counts::Cell {
                    doc: 0,
                    term: b,
                    count: 1,
                },
                crate::stats::counts::Cell {
                    doc: 1,
                    term: b,
                    count: 2,
                },
                crate::stats::counts::Cell {
                    doc: 2,
                    term: b,
                    count: 7,
                },
            ],
            hidden: vec![None, None],
            inherited: Vec::new(),
            inherited_chars: Vec::new(),
            recurrent: Vec::new(),
        };
        let dp = dp_per_term(&counts);
        assert!((dp[a as usize].unwrap() - 0.9).abs() < 1e-12);
        assert!(dp[b as usize].unwrap().abs() < 1e-12);
        let (dp, norm) = gries_dp(&[2, 0, 0], &[10, 20, 70]).unwrap();
        assert!((dp - 0.9).abs() < 1e-12 && (norm - 1.0).abs() < 1e-12);
        // Spread as the text is: 1, 2, 7 occurrences → 0.
        let (dp, _) = gries_dp(&[1, 2, 7], &[10, 20, 70]).unwrap();
        assert!(dp.abs() < 1e-12);
        assert_eq!(gries_dp(&[0, 0], &[5, 5]), None);
        assert_eq!(gries_dp(&[3], &[5]), None);
    }
}
