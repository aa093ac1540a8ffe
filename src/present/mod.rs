//! Presentation model: results ([`crate::compare::Comparison`], [`crate::report::Report`]) →
//! what a diff or a report shows, decided once: typed, serializable models such as
//! [`pair::PairPresentation`] (the summary, new and dropped terms, added and dropped text, changes,
//! sections), turned into a list of [`Block`]s in the reader's language. The writers of
//! `crate::render` (text, Markdown, HTML, DOCX) only print blocks; charts are referred to by
//! [`ChartId`], never by a string.

pub mod chart;
pub mod corpus;
pub mod explore;
pub mod fmt;
pub mod labels;
pub mod pair;
pub mod report;
pub mod trace;
pub mod views;

use crate::present::labels::Lang;
use serde::Serialize;

/// A run of text with its role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "role", content = "text", rename_all = "lowercase")]
pub enum Inline {
    Text(String),
    Strong(String),
    /// Words of A that B dropped.
    Del(String),
    /// Words B added.
    Ins(String),
    /// Where a claim comes from: `path:line`.
    Cite(String),
    /// A file of the report folder, by its path relative to the folder (a link where the format
    /// has links).
    File(String),
}

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    Heading(u8, String),
    Paragraph(Vec<Inline>),
    /// A bulleted list, one item per entry.
    List(Vec<Vec<Inline>>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Chart(ChartId),
    /// Blocks shown folded under `summary` where the format can fold (HTML's `<details>`), in
    /// full elsewhere ([`unfolded`]).
    Details {
        summary: String,
        blocks: Vec<Block>,
    },
}

/// `blocks` with every [`Block::Details`] replaced by the blocks it holds: what formats that
/// cannot fold (Markdown, Word, the terminal) print.
pub fn unfolded(blocks: &[Block]) -> std::borrow::Cow<'_, [Block]> {
    if !blocks.iter().any(|b| matches!(b, Block::Details { .. })) {
        return std::borrow::Cow::Borrowed(blocks);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Details { blocks, .. } => out.extend(unfolded(blocks).into_owned()),
            other => out.push(other.clone()),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The charts a report draws: each has one file stem under `charts/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartId {
    Heatmap,
    Coverage,
    Trends,
    /// The keyness comparison of that index.
    Keyness(usize),
    Formulations,
    /// The adoption curves of the most widely used formulations.
    Adoption,
    /// The sentence alignment of the compared pair of that index.
    DotPlot(usize),
    /// The report's trace of that index: the base's sections against the documents.
    Trace(usize),
    /// Shared and own formulations against the documents.
    FormulationMatrix,
    /// Where the watched term of that index falls in each document.
    Dispersion(usize),
}

impl ChartId {
    /// The file name under `charts/` without extension: `heatmap`, `keyness-0`, `dotplot-3`.
    pub fn file_stem(self) -> String {
        match self {
            Self::Heatmap => "heatmap".into(),
            Self::Coverage => "coverage".into(),
            Self::Trends => "trends".into(),
            Self::Keyness(k) => format!("keyness-{k}"),
            Self::Formulations => "formulations".into(),
            Self::Adoption => "adoption".into(),
            Self::DotPlot(k) => format!("dotplot-{k}"),
            Self::Trace(k) => format!("trace-{k}"),
            Self::FormulationMatrix => "formulation-matrix".into(),
            Self::Dispersion(k) => format!("dispersion-{k}"),
        }
    }
}

/// The tables a report writes: each has one file stem under `tables/` and one sheet of
/// report.xlsx, named in the report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableId {
    Documents,
    Similarity,
    Pairs,
    Alignments,
    Keyness,
    Trends,
    Series,
    Formulations,
    FormulationAdoption,
    FormulationFirstUses,
    FormulationLags,
    FormulationMatrix,
    Enumerations,
    Kwic,
    OwnFormulations,
    TraceDocuments,
    TraceVariants,
    Collation,
    ReusePairs,
    ReuseSources,
    ReuseCoverage,
    TermCounts,
}

impl TableId {
    /// The file name under `tables/` without extension (and the English sheet name).
    pub fn file_stem(self) -> &'static str {
        match self {
            Self::Documents => "documents",
            Self::Similarity => "similarity",
            Self::Pairs => "pairs",
            Self::Alignments => "alignments",
            Self::Keyness => "keyness",
            Self::Trends => "trends",
            Self::Series => "series",
            Self::Formulations => "formulations",
            Self::FormulationAdoption => "formulation_adoption",
            Self::FormulationFirstUses => "formulation_first_uses",
            Self::FormulationLags => "formulation_lags",
            Self::FormulationMatrix => "formulation_matrix",
            Self::Enumerations => "enumerations",
            Self::Kwic => "kwic",
            Self::OwnFormulations => "own_formulations",
            Self::TraceDocuments => "trace_documents",
            Self::TraceVariants => "trace_variants",
            Self::Collation => "collation",
            Self::ReusePairs => "reuse_pairs",
            Self::ReuseSources => "reuse_sources",
            Self::ReuseCoverage => "reuse_coverage",
            Self::TermCounts => "term_counts",
        }
    }

    /// The sheet's name in report.xlsx (Excel allows 31 characters).
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        if lang == Lang::En {
            return self.file_stem();
        }
        match self {
            Self::Documents => "文档",
            Self::Similarity => "相似度",
            Self::Pairs => "逐对比较",
            Self::Alignments => "句子对齐",
            Self::Keyness => "关键词",
            Self::Trends => "用词趋势",
            Self::Series => "年度频率",
            Self::Formulations => "提法",
            Self::FormulationAdoption => "提法采用",
            Self::FormulationFirstUses => "提法首次使用",
            Self::FormulationLags => "提法跟进时滞",
            Self::FormulationMatrix => "提法分布矩阵",
            Self::Enumerations => "列举",
            Self::Kwic => "关注词语境",
            Self::OwnFormulations => "自有提法",
            Self::TraceDocuments => "溯源文档",
            Self::TraceVariants => "溯源改写",
            Self::Collation => "逐句对照",
            Self::ReusePairs => "文本复用",
            Self::ReuseSources => "复用来源",
            Self::ReuseCoverage => "复用比例",
            Self::TermCounts => "词频",
        }
    }
}

pub fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

pub fn para(s: impl Into<String>) -> Block {
    Block::Paragraph(text(s))
}

pub fn table(header: &[&str], rows: Vec<Vec<Vec<Inline>>>) -> Block {
    Block::Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// A document's name for headings and chart axes: its title (from the manifest, else inferred),
/// cut to `max` Chinese characters' width (twice as many Latin letters) with …, else its file
/// name.
pub fn short_title(doc: &crate::ingest::Document, max: usize) -> String {
    let title = doc
        .meta
        .title
        .value
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(title) = title else {
        return file_stem(&doc.id).to_string();
    };
    let columns = max * 2;
    if unicode_width::UnicodeWidthStr::width(title) <= columns {
        return title.to_string();
    }
    // Cut one column short of `columns`, and no space before the mark.
    let cut = fmt::truncate(title, columns - 1);
    format!("{}…", cut.trim_end_matches('…').trim_end())
}

/// `corpus/000_9ef1…` → `000_9ef1…`: an id without the folders a path gave it.
fn file_stem(id: &str) -> &str {
    id.rsplit(['/', '\\']).next().unwrap_or(id)
}

/// Labels that tell documents apart: the short titles, with the year (then the id) added to
/// those that several documents share (政府工作报告 2023, 政府工作报告 2024).
pub fn distinct_labels(docs: &[&crate::ingest::Document], max: usize) -> Vec<String> {
    let titles: Vec<String> = docs.iter().map(|d| short_title(d, max)).collect();
    let shared =
        |labels: &[String], k: usize| labels.iter().filter(|l| **l == labels[k]).count() > 1;
    let with_year: Vec<String> = (0..docs.len())
        .map(|k| match docs[k].meta.year.value {
            Some(y) if shared(&titles, k) => format!("{} {y}", titles[k]),
            _ => titles[k].clone(),
        })
        .collect();
    (0..docs.len())
        .map(|k| {
            if shared(&with_year, k) {
                format!("{} ({})", with_year[k], file_stem(&docs[k].id))
            } else {
                with_year[k].clone()
            }
        })
        .collect()
}
