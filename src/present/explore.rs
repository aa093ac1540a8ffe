//! What the interactive page looks up without a server: a [`Report`] → an [`Explore`]: every
//! document with the level, year and region the filters offer, and every term the report's
//! tables name with its count and its first contexts (file:line), so that a click or a search
//! shows them. Only what is shown is embedded: [`MAX_LINES`] contexts per term, the rest counted
//! and left to `tables/kwic` and `tifa kwic`. The charts that can follow the filters come with
//! what the page draws them again from ([`ExploreChart`]).

use super::labels::Lang;
use crate::report::Report;
use serde::Serialize;

/// Contexts embedded per term.
pub const MAX_LINES: usize = 30;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explore {
    pub docs: Vec<ExploreDoc>,
    pub terms: Vec<ExploreTerm>,
    /// The charts the page draws again under a filter.
    pub charts: Vec<ExploreChart>,
    /// Labels of the page's controls, in the report's language.
    pub labels: ExploreLabels,
}

/// A document as the filters see it; rows naming it (by id or file name) follow the filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreDoc {
    pub id: String,
    /// The file name citations give (`gwr-2025.txt`).
    pub file: String,
    pub level: Option<String>,
    pub year: Option<i32>,
    pub region: Option<String>,
    /// The level's place, highest first (0 national … 3 county): the group of the formulation
    /// timeline.
    pub rank: Option<usize>,
    /// Han characters: what rates per 10,000 characters are taken over.
    pub han_chars: u64,
}

/// A chart the page draws again under a filter: its figure's id, what it draws and how it
/// follows ([`crate::present::chart::Follow`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreChart {
    pub id: String,
    pub data: crate::present::chart::ChartData,
    pub follow: crate::present::chart::Follow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreTerm {
    pub term: String,
    /// 提法 (a formulation of the corpus) or 词语.
    pub kind: String,
    /// Occurrences in the corpus, and in how many documents.
    pub count: usize,
    pub docs: usize,
    /// The first [`MAX_LINES`] contexts, in corpus order.
    pub lines: Vec<ExploreLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreLine {
    /// Index into [`Explore::docs`].
    pub doc: usize,
    /// `file:line` (`file p.4:12` in a PDF).
    pub cite: String,
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// The words of the page's controls.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreLabels {
    pub search: String,
    pub level: String,
    pub year: String,
    pub region: String,
    pub all: String,
    pub contexts: String,
    pub more: String,
    pub none: String,
    pub close: String,
    pub filtered: String,
    /// A chart with nothing left under the filters.
    pub nothing: String,
    /// Above a corpus-wide table under a filter.
    pub corpus_wide: String,
    /// `{count}` and `{docs}` filled in by the page.
    pub counted: String,
    /// A decade in the year filter: `{decade}` is its first year.
    pub decade: String,
}

impl Explore {
    pub fn of(report: &Report, charts: &[crate::present::chart::ChartSpec], lang: Lang) -> Self {
        let documents = &report.corpus.documents;
        let docs: Vec<ExploreDoc> = documents
            .iter()
            .zip(&report.docs)
            .map(|(d, info)| ExploreDoc {
                id: d.id.clone(),
                file: file_name(&d.path).to_string(),
                level: d.meta.level.value.map(|l| lang.level(l).to_string()),
                year: d.meta.year.value,
                region: d.meta.region.value.clone(),
                rank: d.meta.level.value.map(crate::ingest::metadata::Level::rank),
                han_chars: info.han_chars,
            })
            .collect();
        let charts = charts
            .iter()
            .filter(|c| c.follow != crate::present::chart::Follow::Fixed)
            .map(|c| ExploreChart {
                id: c.id.file_stem(),
                data: c.data.clone(),
                follow: c.follow.clone(),
            })
            .collect();
        let formulations: rustc_hash::FxHashSet<&str> = report
            .formulations
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        let terms = report
            .contexts
            .iter()
            .map(|(term, lines)| {
                let mut in_docs: Vec<&str> = lines.iter().map(|l| l.doc.as_str()).collect();
                in_docs.sort_unstable();
                in_docs.dedup();
                ExploreTerm {
                    term: term.clone(),
                    kind: if formulations.contains(term.as_str()) {
                        lang.pick("提法", "formulation")
                    } else {
                        lang.pick("词语", "term")
                    }
                    .to_string(),
                    count: lines.len(),
                    docs: in_docs.len(),
                    lines: lines
                        .iter()
                        .take(MAX_LINES)
                        .filter_map(|l| {
                            let doc = report.corpus.position_of(&l.doc)?;
                            Some(ExploreLine {
                                doc,
                                cite: format!(
                                    "{}{}",
                                    docs[doc].file,
                                    crate::extract::line_suffix(l.page, l.line)
                                ),
                                left: l.left.clone(),
                                hit: l.hit.clone(),
                                right: l.right.clone(),
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        Self {
            docs,
            terms,
            charts,
            labels: ExploreLabels::of(lang),
        }
    }
}

impl ExploreLabels {
    fn of(lang: Lang) -> Self {
        let s = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
        Self {
            search: s("查找词语或提法", "Find a term or formulation"),
            level: s("层级", "Level"),
            year: s("年份", "Year"),
            region: s("地区", "Region"),
            all: s("全部", "all"),
            contexts: s("上下文", "Contexts"),
            more: s(
                "其余见 tables/kwic 或 tifa kwic",
                "the rest: tables/kwic or tifa kwic",
            ),
            none: s(
                "当前筛选下没有出现。",
                "No occurrence under the current filters.",
            ),
            close: s("关闭", "Close"),
            filtered: s(
                "筛选作用于列出文件的表格、上下文和图表（按筛选后的文件重画）；关键词比较与全语料统计表不随筛选变化。",
                "Filters apply to the tables that list documents, the contexts and the charts (drawn again from the documents that pass); keyness comparisons and corpus-wide tables stay as they are.",
            ),
            nothing: s(
                "当前筛选下没有可画的数据。",
                "Nothing to draw under the current filters.",
            ),
            corpus_wide: s(
                "下表为全语料统计，不随筛选变化。",
                "The table below is over the whole corpus and does not change with the filters.",
            ),
            counted: s(
                "{count} 次，{docs} 份文件",
                "{count} times in {docs} documents",
            ),
            decade: s("{decade}年代", "the {decade}s"),
        }
    }
}

/// `corpus/gwr-2025.txt` → `gwr-2025.txt`.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
