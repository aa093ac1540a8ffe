//! The report's presentation: a [`Report`] → a [`ReportPresentation`], what every report file
//! shows, decided once: the title, the whole report and the briefing as [`Block`]s in reading
//! order ([`outline`]), the [`ChartSpec`]s keyed by [`ChartId`] ([`charts`]), the tables keyed by
//! [`TableId`] ([`tables`]) and the files the blocks link to. The writers of `crate::render`
//! (HTML, Markdown, Word, Excel) only print it; the report folder holds it as `report.json`.

pub mod charts;
pub mod outline;
pub mod tables;

pub use outline::Detail;

use super::chart::ChartSpec;
use super::labels::Lang;
use super::pair::PairPresentation;
use super::{Block, ChartId, TableId};
use crate::report::Report;
use serde::Serialize;

/// Pairs shown in the documents (summary, dot plot, sentences): those compared in full; the
/// tables hold all planned pairs.
pub const PAIRS_SHOWN: usize = crate::report::PAIRS_COMPARED;

/// What the report shows, in every format.
#[derive(Debug, Clone, Serialize)]
pub struct ReportPresentation {
    pub title: String,
    pub lang: Lang,
    /// The whole report in reading order: index.html, report.md, and report.docx with
    /// `--full-word`.
    pub blocks: Vec<Block>,
    /// The briefing and the summaries, the evidence named rather than repeated: report.docx by
    /// default.
    pub brief: Vec<Block>,
    /// The charts drawn (those with data), in the order they are drawn.
    pub charts: Vec<ChartSpec>,
    /// The tables written under `tables/` and as sheets of report.xlsx, in order.
    pub tables: Vec<TableId>,
    /// The Word redline of each shown pair (`redlines/…`), when redlines are written.
    pub redlines: Vec<String>,
    /// The collation page of each trace that has one (`collations/…`).
    pub collations: Vec<String>,
    /// What index.html's search, filters and contexts look up.
    pub explore: super::explore::Explore,
}

impl ReportPresentation {
    /// The report's presentation in `lang`; `redlines`: each shown pair has its Word redline.
    pub fn of(report: &Report, lang: Lang, redlines: bool) -> Self {
        let charts = charts::chart_specs(report, lang);
        // Each shown pair's presentation, made once for the briefing, the pairs and the trends.
        let shown: Vec<PairPresentation> = report
            .comparisons
            .iter()
            .take(PAIRS_SHOWN)
            .map(PairPresentation::of)
            .collect();
        let blocks = outline::outline(report, &charts, &shown, lang, redlines, Detail::Full);
        let brief = outline::outline(report, &charts, &shown, lang, redlines, Detail::Brief);
        let explore = super::explore::Explore::of(report, &charts, lang);
        let mut table_ids: Vec<TableId> = tables::tables(report)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        table_ids.push(TableId::TermCounts);
        Self {
            title: report_title(report, lang),
            lang,
            blocks,
            brief,
            charts,
            tables: table_ids,
            redlines: if redlines {
                (0..report.comparisons.len().min(PAIRS_SHOWN))
                    .map(|k| redline_path(report, k))
                    .collect()
            } else {
                Vec::new()
            },
            collations: collations(report)
                .into_iter()
                .map(|(k, _)| collation_path(k))
                .collect(),
            explore,
        }
    }

    /// The spec of chart `id`, when it is drawn.
    pub fn chart(&self, id: ChartId) -> Option<&ChartSpec> {
        self.charts.iter().find(|c| c.id == id)
    }

    /// The headings of levels 2 and 3 of `blocks`: a table of contents.
    pub fn contents(blocks: &[Block]) -> Vec<(u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(level @ 2..=3, text) => Some((*level, text.clone())),
                _ => None,
            })
            .collect()
    }
}

/// Each trace of the report with its collation: (the trace's index, the collation).
pub fn collations(report: &Report) -> Vec<(usize, &crate::collate::Collation)> {
    report
        .traces
        .iter()
        .enumerate()
        .filter_map(|(k, trace)| {
            report
                .collations
                .iter()
                .find(|c| c.base == trace.base)
                .map(|c| (k, c))
        })
        .collect()
}

/// `collations/<NN>.html`: the collation of the report's `k`-th trace.
pub fn collation_path(k: usize) -> String {
    format!("collations/{:02}.html", k + 1)
}

/// `redlines/<NN>-<A>-<B>.docx`: the Word redline of the report's `k`-th pair, numbered so that two
/// pairs never share a file whatever their ids hold.
pub fn redline_path(report: &Report, k: usize) -> String {
    let c = &report.comparisons[k];
    let part = |id: &str| -> String {
        id.chars()
            .map(|ch| {
                if ch.is_alphanumeric() || ch == '-' || ch == '_' {
                    ch
                } else {
                    '_'
                }
            })
            .take(40)
            .collect()
    };
    format!(
        "redlines/{:02}-{}-{}.docx",
        k + 1,
        part(&c.a.id),
        part(&c.b.id)
    )
}

/// `提法对比报告：<corpus folder>`: the title of the report's documents.
pub fn report_title(report: &Report, lang: Lang) -> String {
    let corpus = report
        .corpus
        .root
        .as_ref()
        .and_then(|r| r.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = lang.pick("提法对比报告", "tifa comparison report");
    if corpus.is_empty() {
        base.to_string()
    } else {
        format!("{base}{}{corpus}", lang.pick("：", ": "))
    }
}

/// The comparison plan as printed before the report is written.
pub fn plan_text(report: &crate::report::Report) -> String {
    if report.plan.is_empty() {
        return "plan: no pairs (years and levels unknown?); give --pairs A:B".into();
    }
    let mut text = format!("plan: {} pair(s)", report.plan.len());
    if !report.plan_left_out.is_empty() {
        text.push_str(&format!(
            " ({} planned pair(s) left out; choose with --pairs)",
            report.plan_left_out.len()
        ));
    }
    for p in report.plan.iter().take(PAIRS_SHOWN) {
        text.push_str(&format!(
            "\n  {} → {}  ({})",
            report.docs[p.a].id,
            report.docs[p.b].id,
            p.reason.label_en()
        ));
    }
    if report.plan.len() > PAIRS_SHOWN {
        text.push_str(&format!(
            "\n  … {} more (all in the report's manifest.json and tables/pairs)",
            report.plan.len() - PAIRS_SHOWN
        ));
    }
    for p in &report.plan_left_out {
        text.push_str(&format!(
            "\n  left out: {} → {}  ({})",
            report.docs[p.a].id,
            report.docs[p.b].id,
            p.reason.label_en()
        ));
    }
    text
}
