//! Collocates: a node term and documents (batch by batch, with their [`DocInfo`]s) → the words
//! that keep it company within ±N words, per group of documents (all, or by year, decade, level
//! or region), with the association measures #LancsBox computes (Brezina, McEnery & Wattam 2015):
//!
//! - `O11` the node's and the collocate's co-occurrences in the window, `R1` the node's
//!   frequency, `C1` the collocate's, `N` the words of the group;
//! - MI = log2(O11 / E11), E11 = R1 × C1 / N;
//! - log-likelihood = 2 Σ Oij ln(Oij / Eij) over the 2 × 2 table O11, O12 = R1 − O11,
//!   O21 = C1 − O11, O22 = N − R1 − C1 + O11 (terms with Oij = 0 add nothing);
//! - log Dice = 14 + log2(2 × O11 / (R1 + C1)).
//!
//! Words are the segmenter's tokens (words and formulations; not numbers, punctuation or spaces;
//! function words only with `keep_stopwords`); a node of several tokens (网络安全 cut 网络 | 安全)
//! is one unit wherever its tokens spell it. The window does not reach into the node itself.

use super::counts::DocInfo;
use crate::ingest::Document;
use crate::table::{ColumnType, Table, Value};
use crate::words::{Segmenter, TokenKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// How documents are grouped before their collocates are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// The whole corpus as one group.
    #[default]
    None,
    Year,
    /// Ten years: 1990s (1990–1999).
    Decade,
    Level,
    Region,
}

impl Split {
    fn key(self, info: &DocInfo) -> String {
        let unknown = || super::terms::UNKNOWN.to_string();
        match self {
            Self::None => "all".into(),
            Self::Year => info.year.map_or_else(unknown, |y| y.to_string()),
            Self::Decade => info
                .year
                .map_or_else(unknown, |y| format!("{}s", y.div_euclid(10) * 10)),
            Self::Level => info.level.map_or_else(unknown, |l| l.to_string()),
            Self::Region => info.region.clone().unwrap_or_else(unknown),
        }
    }
}

/// The association measures of one collocate, as defined in the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Association {
    pub mi: f64,
    pub log_likelihood: f64,
    pub log_dice: f64,
}

/// The measures of a 2 × 2 co-occurrence table: `o11` co-occurrences, `r1` node frequency, `c1`
/// collocate frequency, `n` words.
pub fn association(o11: f64, r1: f64, c1: f64, n: f64) -> Association {
    let e11 = r1 * c1 / n;
    let cells = [
        (o11, e11),
        (r1 - o11, r1 * (n - c1) / n),
        (c1 - o11, (n - r1) * c1 / n),
        (n - r1 - c1 + o11, (n - r1) * (n - c1) / n),
    ];
    let log_likelihood = 2.0
        * cells
            .iter()
            .filter(|(o, e)| *o > 0.0 && *e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    Association {
        mi: (o11 / e11).log2(),
        log_likelihood,
        log_dice: 14.0 + (2.0 * o11 / (r1 + c1)).log2(),
    }
}

/// Which measure orders the collocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    #[default]
    LogDice,
    Mi,
    LogLikelihood,
}

impl Measure {
    fn of(self, a: &Association) -> f64 {
        match self {
            Self::LogDice => a.log_dice,
            Self::Mi => a.mi,
            Self::LogLikelihood => a.log_likelihood,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct GroupCounts {
    words: u64,
    node: u64,
    freq: FxHashMap<String, u64>,
    together: FxHashMap<String, u64>,
    docs: u32,
}

/// Counts a node's collocates over documents added batch by batch.
pub struct CollocateCounter<'s> {
    segmenter: &'s Segmenter,
    node: String,
    window: usize,
    keep_stopwords: bool,
    split: Split,
    groups: FxHashMap<String, GroupCounts>,
}

impl<'s> CollocateCounter<'s> {
    pub fn new(
        segmenter: &'s Segmenter,
        node: &str,
        window: usize,
        keep_stopwords: bool,
        split: Split,
    ) -> Self {
        Self {
            segmenter,
            node: node.trim().to_string(),
            window: window.max(1),
            keep_stopwords,
            split,
            groups: FxHashMap::default(),
        }
    }

    /// Adds documents (with their infos, in the same order).
    pub fn add(&mut self, docs: &[Document], infos: &[DocInfo]) {
        let words = crate::parallel::parallel_map(docs, |doc| self.words_of(doc));
        for (words, info) in words.iter().zip(infos) {
            self.add_words(words, info);
        }
    }

    fn add_words(&mut self, words: &[String], info: &DocInfo) {
        let group = self.groups.entry(self.split.key(info)).or_default();
        group.docs += 1;
        count_document(words, &self.node, self.window, group);
    }

    /// Several nodes over the same documents, each document segmented once for all of them.
    pub fn add_to_all(counters: &mut [Self], docs: &[Document], infos: &[DocInfo]) {
        let Some(first) = counters.first() else {
            return;
        };
        let words = crate::parallel::parallel_map(docs, |doc| first.words_of(doc));
        for counter in counters.iter_mut() {
            for (words, info) in words.iter().zip(infos) {
                counter.add_words(words, info);
            }
        }
    }

    /// The document's words in order: token texts (quotes taken off formulations), function
    /// words only when kept.
    fn words_of(&self, doc: &Document) -> Vec<String> {
        let text = &doc.normalized.text;
        self.segmenter
            .tokenize(text)
            .into_iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    TokenKind::Word | TokenKind::Formulation(_) | TokenKind::Latin
                )
            })
            .filter(|t| self.keep_stopwords || !t.stop)
            .map(|t| {
                t.span
                    .of(text)
                    .trim_matches(|c: char| matches!(c, '“' | '”' | '「' | '」' | '『' | '』'))
                    .to_string()
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The collocates of every group with at least `min_freq` co-occurrences, strongest first by
    /// `measure`, `top` per group (0: all); groups in order (years ascending).
    pub fn finish(self, measure: Measure, min_freq: u64, top: usize) -> Collocates {
        let mut labels: Vec<String> = self.groups.keys().cloned().collect();
        labels.sort();
        let mut groups = Vec::new();
        let mut previous: Option<FxHashMap<String, f64>> = None;
        for label in labels {
            let g = &self.groups[&label];
            // A group where the node never occurs has no company to compare.
            if g.node == 0 {
                continue;
            }
            let mut rows: Vec<Collocate> = g
                .together
                .iter()
                .filter(|&(_, &o)| o >= min_freq)
                .map(|(w, &o)| {
                    let c1 = g.freq.get(w).copied().unwrap_or(o);
                    let a = association(o as f64, g.node as f64, c1 as f64, g.words as f64);
                    Collocate {
                        word: w.clone(),
                        together: o,
                        frequency: c1,
                        association: a,
                        change: None,
                    }
                })
                .collect();
            rows.sort_by(|x, y| {
                measure
                    .of(&y.association)
                    .total_cmp(&measure.of(&x.association))
                    .then_with(|| x.word.cmp(&y.word))
            });
            if top > 0 {
                rows.truncate(top);
            }
            // Against the group before: new company, and the change in log Dice of the rest.
            if let Some(before) = &previous {
                for r in &mut rows {
                    r.change = Some(match before.get(&r.word) {
                        Some(&d) => Change::Kept(r.association.log_dice - d),
                        None => Change::New,
                    });
                }
            }
            // A group with no collocate at the threshold is no baseline: the next one is
            // compared with the last group that had company.
            if !rows.is_empty() {
                previous = Some(
                    rows.iter()
                        .map(|r| (r.word.clone(), r.association.log_dice))
                        .collect(),
                );
            }
            groups.push(CollocateGroup {
                label,
                docs: g.docs,
                words: g.words,
                node: g.node,
                collocates: rows,
            });
        }
        Collocates {
            node: self.node,
            window: self.window,
            measure,
            groups,
        }
    }
}

/// Counts one document's words into its group: the node's occurrences (a run of words that
/// spells it), each word's frequency, and the words within the window on either side.
fn count_document(words: &[String], node: &str, window: usize, group: &mut GroupCounts) {
    group.words += words.len() as u64;
    for w in words {
        *group.freq.entry(w.clone()).or_default() += 1;
    }
    let mut i = 0;
    while i < words.len() {
        let Some(len) = node_at(words, i, node) else {
            i += 1;
            continue;
        };
        group.node += 1;
        let before = i.saturating_sub(window)..i;
        let after = (i + len)..(i + len + window).min(words.len());
        for k in before.chain(after) {
            // A second node inside the window is no collocate of the first.
            if node_at(words, k, node).is_some() || words[k] == node {
                continue;
            }
            *group.together.entry(words[k].clone()).or_default() += 1;
        }
        i += len;
    }
}

/// How many words from `i` spell the node, if they do.
fn node_at(words: &[String], i: usize, node: &str) -> Option<usize> {
    let mut spelled = String::new();
    for (k, w) in words[i..].iter().enumerate() {
        spelled.push_str(w);
        if spelled == node {
            return Some(k + 1);
        }
        if !node.starts_with(spelled.as_str()) {
            return None;
        }
    }
    None
}

/// How a collocate stands to the group before.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Not among the group before's collocates.
    New,
    /// Among them: the change in log Dice.
    Kept(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocate {
    pub word: String,
    /// O11.
    pub together: u64,
    /// C1.
    pub frequency: u64,
    pub association: Association,
    /// Against the group before; none in the first group or without a split.
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollocateGroup {
    pub label: String,
    pub docs: u32,
    /// N.
    pub words: u64,
    /// R1.
    pub node: u64,
    pub collocates: Vec<Collocate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocates {
    pub node: String,
    pub window: usize,
    pub measure: Measure,
    pub groups: Vec<CollocateGroup>,
}

impl Collocates {
    /// One row per group and collocate.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            ("group", ColumnType::Str),
            ("docs", ColumnType::Int),
            ("collocate", ColumnType::Str),
            ("together", ColumnType::Int),
            ("node_freq", ColumnType::Int),
            ("collocate_freq", ColumnType::Int),
            ("words", ColumnType::Int),
            ("mi", ColumnType::Float),
            ("log_likelihood", ColumnType::Float),
            ("log_dice", ColumnType::Float),
            ("change", ColumnType::Str),
            ("log_dice_change", ColumnType::Float),
        ]);
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        for g in &self.groups {
            for c in &g.collocates {
                let (change, delta) = match c.change {
                    None => (Value::Null, Value::Null),
                    Some(Change::New) => (Value::from("new"), Value::Null),
                    Some(Change::Kept(d)) => (Value::from("kept"), Value::from(round(d))),
                };
                t.push(vec![
                    g.label.as_str().into(),
                    Value::from(g.docs),
                    c.word.as_str().into(),
                    Value::from(c.together),
                    Value::from(g.node),
                    Value::from(c.frequency),
                    Value::from(g.words),
                    round(c.association.mi).into(),
                    round(c.association.log_likelihood).into(),
                    round(c.association.log_dice).into(),
                    change,
                    delta,
                ]);
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand computation: O11 = 10, R1 = 50, C1 = 200, N = 10,000.
    /// E11 = 50 × 200 / 10,000 = 1, so MI = log2 10 = 3.321928.
    /// log Dice = 14 + log2(20 / 250) = 14 − 3.643856 = 10.356144.
    /// LL: O = (10, 40, 190, 9760), E = (1, 49, 199, 9751);
    /// 2 × (23.0259 − 8.1176 − 8.7934 + 9.0042) = 30.238.
    #[test]
    fn measures_agree_with_a_hand_computation() {
        let a = association(10.0, 50.0, 200.0, 10_000.0);
        assert!((a.mi - 10f64.log2()).abs() < 1e-12, "{}", a.mi);
        assert!((a.log_dice - 10.356_144).abs() < 1e-6, "{}", a.log_dice);
        let ll = 2.0
            * (10.0 * 10f64.ln()
                + 40.0 * (40.0f64 / 49.0).ln()
                + 190.0 * (190.0f64 / 199.0).ln()
                + 9760.0 * (9760.0f64 / 9751.0).ln());
        assert!((a.log_likelihood - ll).abs() < 1e-9);
        assert!((ll - 30.238).abs() < 0.001, "{ll}");
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn windows_count_both_sides_and_a_node_of_two_words_is_one() {
        let mut g = GroupCounts::default();
        count_document(
            &words("筑牢 网络 安全 屏障 加强 网络 安全 保障 网络"),
            "网络安全",
            2,
            &mut g,
        );
        assert_eq!((g.node, g.words), (2, 9));
        // 屏障 and 加强 follow the first; 屏障 and 加强 precede the second too.
        assert_eq!(g.together["屏障"], 2);
        assert_eq!(g.together["加强"], 2);
        assert_eq!(g.together["筑牢"], 1);
        assert_eq!(g.together["保障"], 1);
        assert_eq!(g.together["网络"], 1, "网络 alone is a word, not the node");
        assert_eq!(g.freq["网络"], 3);
    }
}
