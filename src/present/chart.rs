//! Chart specifications: the data a chart shows (labels and numbers, no drawing), decided by the
//! presentation ([`crate::present::report`]) and drawn by `crate::render::charts`. A
//! [`ChartSpec`] names its chart by [`ChartId`] and carries its title and caption; a spec without
//! data is never drawn.

use super::ChartId;
use serde::Serialize;

/// One chart of a report: which it is, what it says, and what it draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    pub id: ChartId,
    pub title: String,
    pub caption: String,
    pub data: ChartData,
    /// How index.html redraws it under a filter; not part of the chart's data.
    #[serde(skip)]
    pub follow: Follow,
}

/// How a chart follows index.html's filters (level, year, region): which documents each of its
/// parts stands for, or the per-document figures it is drawn again from. Documents are indices
/// into the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(tag = "follow", rename_all = "snake_case")]
pub enum Follow {
    /// Drawn as it is under every filter: a comparison of groups (keyness).
    #[default]
    Fixed,
    /// Each row and each column stands for the documents listed: shown when one of them passes,
    /// as a table row is (an empty list always shows; no list at all: the axis does not follow).
    Docs {
        rows: Vec<Vec<usize>>,
        columns: Vec<Vec<usize>>,
    },
    /// The whole chart is about these documents (a pair): shown when one of them passes.
    Whole { docs: Vec<usize> },
    /// Per series (its name), each document's count: drawn again per year as the count per
    /// 10,000 Han characters of the documents that pass.
    Rates {
        series: Vec<(String, Vec<(usize, u64)>)>,
    },
    /// Per series (its name, the formulation's first year, the documents using it): drawn again
    /// as the yearly share of the documents that pass (those below the national level when any
    /// pass) using it, from its first year on.
    Shares {
        series: Vec<(String, i32, Vec<usize>)>,
    },
    /// Per row (its label, the documents using the formulation): the first year at each level
    /// among the documents that pass.
    FirstUse { rows: Vec<(String, Vec<usize>)> },
}

impl Follow {
    /// Each row stands for the documents listed; the columns do not follow.
    pub fn rows(rows: Vec<Vec<usize>>) -> Self {
        Self::Docs {
            rows,
            columns: Vec::new(),
        }
    }

    /// Each column stands for the documents listed; the rows do not follow.
    pub fn columns(columns: Vec<Vec<usize>>) -> Self {
        Self::Docs {
            rows: Vec::new(),
            columns,
        }
    }
}

/// What a chart draws: one kind of plot each.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartData {
    Heatmap(Heatmap),
    Grid(Grid),
    Lines(Lines),
    DivergingBars(DivergingBars),
    Timeline(Timeline),
    DotPlot(DotPlot),
    DispersionPlot(DispersionPlot),
    StackedShares(StackedShares),
}

impl From<Heatmap> for ChartData {
    fn from(c: Heatmap) -> Self {
        Self::Heatmap(c)
    }
}

impl From<Grid> for ChartData {
    fn from(c: Grid) -> Self {
        Self::Grid(c)
    }
}

impl From<Lines> for ChartData {
    fn from(c: Lines) -> Self {
        Self::Lines(c)
    }
}

impl From<DivergingBars> for ChartData {
    fn from(c: DivergingBars) -> Self {
        Self::DivergingBars(c)
    }
}

impl From<Timeline> for ChartData {
    fn from(c: Timeline) -> Self {
        Self::Timeline(c)
    }
}

impl From<DotPlot> for ChartData {
    fn from(c: DotPlot) -> Self {
        Self::DotPlot(c)
    }
}

impl From<DispersionPlot> for ChartData {
    fn from(c: DispersionPlot) -> Self {
        Self::DispersionPlot(c)
    }
}

impl From<StackedShares> for ChartData {
    fn from(c: StackedShares) -> Self {
        Self::StackedShares(c)
    }
}

impl ChartData {
    /// Whether there is anything to draw: a chart without data is not drawn at all.
    pub fn has_data(&self) -> bool {
        match self {
            Self::Heatmap(c) => c.has_data(),
            Self::Grid(c) => c.has_data(),
            Self::Lines(c) => c.has_data(),
            Self::DivergingBars(c) => c.has_data(),
            Self::Timeline(c) => c.has_data(),
            Self::DotPlot(c) => c.has_data(),
            Self::DispersionPlot(c) => c.has_data(),
            Self::StackedShares(c) => c.has_data(),
        }
    }
}

/// A square matrix of values in 0..=1, documents on both axes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap {
    pub labels: Vec<String>,
    pub values: Vec<Vec<f64>>,
}

impl Heatmap {
    pub fn has_data(&self) -> bool {
        self.labels.len() >= 2
    }
}

/// Rows against columns, each cell a share in 0..=1 (white 0, dark blue 1): documents against
/// the sections of the text they were traced from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
    /// What each cell says, when not its value as a percentage (`values` then only shade).
    pub cell_text: Option<Vec<Vec<String>>>,
}

impl Grid {
    pub fn has_data(&self) -> bool {
        !self.rows.is_empty() && !self.columns.is_empty()
    }
}

/// Lines of a value per year, one per named series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lines {
    pub series: Vec<(String, Vec<(i32, f64)>)>,
    pub y_label: String,
}

impl Lines {
    /// Two years at least, and a value above zero: a same-year corpus has no trend to draw.
    pub fn has_data(&self) -> bool {
        let mut years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y))
            .collect();
        years.sort_unstable();
        years.dedup();
        years.len() >= 2
            && self
                .series
                .iter()
                .any(|(_, p)| p.iter().any(|(_, v)| *v > 0.0))
    }
}

/// Horizontal bars around zero: positive values (the target's terms) right, negative left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivergingBars {
    pub bars: Vec<(String, f64)>,
    pub x_label: String,
}

impl DivergingBars {
    pub fn has_data(&self) -> bool {
        self.bars.iter().any(|(_, v)| *v != 0.0)
    }
}

/// Points on a year axis, one row per item and one colour per group (level).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub rows: Vec<(String, Vec<(i32, usize)>)>,
    pub groups: Vec<String>,
}

impl Timeline {
    pub fn has_data(&self) -> bool {
        self.rows.iter().any(|(_, p)| !p.is_empty())
    }
}

/// Sentence pairs as points: A's sentence index across, B's down; one colour per kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DotPlot {
    pub a_len: usize,
    pub b_len: usize,
    pub a_label: String,
    pub b_label: String,
    /// (A index, B index, kind index into `kinds`).
    pub points: Vec<(usize, usize, usize)>,
    pub kinds: Vec<String>,
}

impl DotPlot {
    pub fn has_data(&self) -> bool {
        !self.points.is_empty()
    }
}

/// Where a term falls in each document (AntConc's dispersion plot): one bar per row, a dark mark
/// at each occurrence's relative position, a light mark where a top-level section starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispersionPlot {
    pub rows: Vec<String>,
    /// Per row, relative positions (0–1) of the occurrences.
    pub hits: Vec<Vec<f64>>,
    /// Per row, relative positions where sections start.
    pub sections: Vec<Vec<f64>>,
}

impl DispersionPlot {
    pub fn has_data(&self) -> bool {
        !self.rows.is_empty()
    }

    /// The plot of a term's dispersion: one row per document, in its order.
    pub fn of(d: &crate::stats::dispersion::Dispersion) -> Self {
        Self {
            rows: d.docs.iter().map(|x| x.id.clone()).collect(),
            hits: d.docs.iter().map(|x| x.hits.clone()).collect(),
            sections: d.docs.iter().map(|x| x.sections.clone()).collect(),
        }
    }
}

/// Horizontal bars of shares adding up to one, one bar per row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackedShares {
    pub rows: Vec<(String, Vec<f64>)>,
    pub parts: Vec<String>,
}

impl StackedShares {
    pub fn has_data(&self) -> bool {
        self.rows
            .iter()
            .any(|(_, shares)| shares.iter().any(|v| *v > 0.0))
    }
}
