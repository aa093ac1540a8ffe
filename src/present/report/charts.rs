//! The report's charts: a [`Report`] → the [`ChartSpec`]s it draws (heatmap, coverage, trends,
//! keyness per comparison, formulation timeline and adoption, the matrix, dispersion per watched
//! term, a grid per trace, a dot plot per shown pair), each with its title and caption; a chart
//! without data is left out (the outline says so in its place).

use super::PAIRS_SHOWN;
use crate::align::PairKind;
use crate::present::ChartId;
use crate::present::chart::{
    ChartData, ChartSpec, DispersionPlot, DivergingBars, DotPlot, Follow, Grid, Heatmap, Lines,
    StackedShares, Timeline,
};
use crate::present::labels::Lang;
use crate::report::Report;
use crate::table::{Table, Value};

/// The spec of chart `id`, following the filters as `follow` says, or none when it has nothing
/// to show.
fn chart(
    data: impl Into<ChartData>,
    id: ChartId,
    follow: Follow,
    title: &str,
    caption: &str,
) -> Option<ChartSpec> {
    let data = data.into();
    data.has_data().then(|| ChartSpec {
        id,
        title: title.to_string(),
        caption: caption.to_string(),
        data,
        follow,
    })
}

/// The corpus positions of documents named by id, each on its own (a row or column per document).
fn each_doc<'a>(report: &Report, ids: impl IntoIterator<Item = &'a String>) -> Vec<Vec<usize>> {
    ids.into_iter()
        .map(|id| report.corpus.position_of(id).into_iter().collect())
        .collect()
}

/// Heatmap, coverage, trends, keyness per comparison, formulation timeline, a grid per trace, a
/// dot plot per pair.
pub fn chart_specs(report: &Report, lang: Lang) -> Vec<ChartSpec> {
    let mut out = Vec::new();
    let labels = doc_labels(report);
    let ids = axis_labels(
        &report
            .heatmap_docs
            .iter()
            .map(|&i| labels[i].clone())
            .collect::<Vec<_>>(),
    );
    let heatmap_docs: Vec<Vec<usize>> = report.heatmap_docs.iter().map(|&i| vec![i]).collect();
    out.extend(chart(
        Heatmap {
            labels: ids.clone(),
            values: report.similarity.clone(),
        },
        ChartId::Heatmap,
        Follow::Docs {
            rows: heatmap_docs.clone(),
            columns: heatmap_docs,
        },
        lang.pick("文档相似度", "Document similarity"),
        lang.pick(
            "词频向量的余弦相似度，颜色越深越相似。",
            "Cosine similarity of word counts; darker is more alike.",
        ),
    ));
    if let Some(coverage) = coverage_chart(report, &labels, lang) {
        out.push(coverage);
    }
    let rates = report
        .charted_terms
        .iter()
        .enumerate()
        .map(|(q, term)| {
            let counts = report
                .series_counts
                .iter()
                .enumerate()
                .filter(|(_, counts)| counts.get(q).is_some_and(|&n| n > 0))
                .map(|(d, counts)| (d, counts[q]))
                .collect();
            (term.clone(), counts)
        })
        .collect();
    out.extend(chart(
        Lines {
            series: series_points(&report.series),
            y_label: lang
                .pick("每万字出现次数", "per 10,000 Han characters")
                .into(),
        },
        ChartId::Trends,
        Follow::Rates { series: rates },
        lang.pick("用词趋势", "Term trends"),
        lang.pick(
            "关注词与上升、下降最明显的词语的年度频率。",
            "Yearly rates of the watch terms and of the terms rising and falling most.",
        ),
    ));
    for (k, comparison) in report.keyness.iter().enumerate() {
        // A small group's key terms are one or two texts' words: not drawn as a finding.
        if comparison.is_small() {
            continue;
        }
        let top = report.options.top.min(10);
        let rows = &comparison.rows;
        let mut bars: Vec<(String, f64)> = rows
            .iter()
            .filter(|r| r.g2 > 0.0 && r.hidden.is_none())
            .take(top)
            .map(|r| (r.term.clone(), r.log_ratio))
            .collect();
        bars.extend(
            rows.iter()
                .rev()
                .filter(|r| r.g2 < 0.0 && r.hidden.is_none())
                .take(top)
                .map(|r| (r.term.clone(), r.log_ratio)),
        );
        bars.sort_by(|x, y| y.1.total_cmp(&x.1));
        out.extend(chart(
            DivergingBars {
                bars,
                x_label: lang
                    .pick(
                        "对数比（Log Ratio，正值：目标文档中偏多）",
                        "Log Ratio (positive: more in the target)",
                    )
                    .into(),
            },
            ChartId::Keyness(k),
            Follow::Fixed,
            &format!(
                "{}：{}",
                lang.pick("关键词", "Keyness"),
                super::outline::keyness_title(comparison.group, lang)
            ),
            lang.pick(
                "右侧为目标文档中偏多的词，左侧为参照文档中偏多的词（按 G² 取前几位）。",
                "Right: over-represented in the target; left: in the reference (top by G²).",
            ),
        ));
    }
    let timeline: Vec<&crate::stats::formulations::FormulationStat> = report
        .formulations
        .iter()
        .filter(|f| f.first_by_level.iter().any(Option::is_some))
        .take(15)
        .collect();
    let label = |f: &crate::stats::formulations::FormulationStat| -> String {
        f.text.chars().take(16).collect()
    };
    let rows: Vec<(String, Vec<(i32, usize)>)> = timeline
        .iter()
        .map(|f| {
            let points = f
                .first_by_level
                .iter()
                .enumerate()
                .filter_map(|(g, y)| y.map(|y| (y, g)))
                .collect();
            (label(f), points)
        })
        .collect();
    let first_use = Follow::FirstUse {
        rows: timeline
            .iter()
            .map(|f| (label(f), users(report, f)))
            .collect(),
    };
    out.extend(chart(
        Timeline {
            rows,
            groups: crate::ingest::metadata::Level::ALL
                .iter()
                .map(|l| lang.level(*l).to_string())
                .collect(),
        },
        ChartId::Formulations,
        first_use,
        lang.pick(
            "提法首次出现的年份（按层级）",
            "First year of each formulation, by level",
        ),
        lang.pick(
            "每个点是该提法在某一层级文件中最早出现的年份。",
            "Each point is the first year the formulation appears at a level.",
        ),
    ));
    out.extend(adoption_chart(report, lang));
    out.extend(matrix_chart(report, &labels, lang));
    for (k, d) in report.dispersions.iter().enumerate() {
        out.extend(chart(
            DispersionPlot::of(d),
            ChartId::Dispersion(k),
            Follow::rows(each_doc(report, d.docs.iter().map(|x| &x.id))),
            &dispersion_title(d, lang),
            &dispersion_caption(d, lang),
        ));
    }
    for (k, trace) in report.traces.iter().enumerate() {
        out.extend(trace_chart(report, trace, k, &labels, lang));
    }
    for (k, (c, planned)) in report
        .comparisons
        .iter()
        .zip(&report.plan)
        .enumerate()
        .take(PAIRS_SHOWN)
    {
        let (a_label, b_label) = (&labels[planned.a], &labels[planned.b]);
        let kinds = [PairKind::Identical, PairKind::Changed, PairKind::Moved];
        let points = c
            .alignment
            .pairs
            .iter()
            .filter_map(|p| {
                let kind = kinds.iter().position(|k| *k == p.kind)?;
                Some((p.a.as_ref()?.start, p.b.as_ref()?.start, kind))
            })
            .collect();
        out.extend(chart(
            DotPlot {
                a_len: c.a.structure.sentences.len(),
                b_len: c.b.structure.sentences.len(),
                a_label: format!("{a_label} {}", lang.pick("句序", "sentence")),
                b_label: format!("{b_label} {}", lang.pick("句序", "sentence")),
                points,
                kinds: kinds.iter().map(|k| lang.kind(*k).to_string()).collect(),
            },
            ChartId::DotPlot(k),
            Follow::Whole {
                docs: vec![planned.a, planned.b],
            },
            &format!(
                "{} {} → {}",
                lang.pick("句子对齐", "Sentence alignment"),
                a_label,
                b_label
            ),
            lang.pick(
                "每个点是一对对齐的句子；对角线上的点表示顺序未变。",
                "Each point is an aligned sentence pair; points on a diagonal kept their order.",
            ),
        ));
    }
    out
}

/// Shared and own formulations (rows) against the documents (columns): each cell's rate per
/// 10,000 Han characters, shaded against the row's highest rate.
fn matrix_chart(report: &Report, labels: &[String], lang: Lang) -> Option<ChartSpec> {
    let Some(m) = &report.matrix else {
        return None;
    };
    // Columns are narrow: a region's short name (天津, 内蒙古), 全国, else the label cut short.
    let label_of = |id: &str| {
        let Some(i) = report.corpus.position_of(id) else {
            return id.to_string();
        };
        let doc = &report.corpus.documents[i];
        match (&doc.meta.region.value, doc.meta.level.value) {
            (Some(region), _) => crate::ingest::divisions::short_region(region).to_string(),
            (None, Some(crate::ingest::metadata::Level::National)) => {
                lang.pick("全国", "national").to_string()
            }
            _ => crate::present::fmt::truncate(&labels[i], 8),
        }
    };
    let values = m
        .rows
        .iter()
        .map(|r| {
            let top = r.rates.iter().copied().fold(0.0, f64::max);
            r.rates
                .iter()
                .map(|&x| if top > 0.0 { x / top } else { 0.0 })
                .collect()
        })
        .collect();
    let cell_text = m
        .rows
        .iter()
        .map(|r| {
            r.counts
                .iter()
                .map(|&n| if n == 0 { String::new() } else { n.to_string() })
                .collect()
        })
        .collect();
    let spec = Grid {
        rows: m
            .rows
            .iter()
            .map(|r| crate::present::fmt::truncate(&r.formulation, 24))
            .collect(),
        columns: m.docs.iter().map(|d| label_of(d)).collect(),
        values,
        cell_text: Some(cell_text),
    };
    chart(
        spec,
        ChartId::FormulationMatrix,
        Follow::columns(each_doc(report, &m.docs)),
        lang.pick("共有与独有的提法", "Formulations shared and own"),
        lang.pick(
            "上方为使用文件最多的提法，下方为只有一份文件使用（至少两次）的提法；格中数字为次数，颜色按该提法在各文件中每万字次数的相对高低（每行最高者最深）。",
            "Top: the formulations most documents use; bottom: those only one document uses (twice or more). Each cell gives the count; the shade is the rate per 10,000 characters relative to the row's highest.",
        ),
    )
}

/// Most formulations whose adoption curves are drawn.
const ADOPTION_CURVES: usize = 6;

/// The yearly share of documents (below the national level) using each of the most widely used
/// formulations.
fn adoption_chart(report: &Report, lang: Lang) -> Option<ChartSpec> {
    let d = &report.diffusion;
    let charted = d.charted(ADOPTION_CURVES);
    let series = charted
        .iter()
        .map(|f| {
            let points = d
                .curve(f)
                .into_iter()
                .map(|(y, s)| (y, s * 100.0))
                .collect();
            (crate::present::fmt::truncate(f, 24), points)
        })
        .collect();
    let shares = Follow::Shares {
        series: charted
            .iter()
            .filter_map(|f| {
                let stat = report.formulations.iter().find(|s| s.text == *f)?;
                Some((
                    crate::present::fmt::truncate(f, 24),
                    stat.first_year?,
                    users(report, stat),
                ))
            })
            .collect(),
    };
    chart(
        Lines {
            series,
            y_label: lang
                .pick("使用该提法的文件占比（%）", "documents using it (%)")
                .into(),
        },
        ChartId::Adoption,
        shares,
        lang.pick("提法的扩散", "How formulations spread"),
        lang.pick(
            "每年下级（省、市、县）文件中使用该提法的比例；只有中央文件时按全部文件计。",
            "Each year, the share of lower-level (provincial, municipal, county) documents using the formulation; of all documents when the corpus is national only.",
        ),
    )
}

/// The documents using a formulation (corpus positions, each once, in order).
fn users(report: &Report, f: &crate::stats::formulations::FormulationStat) -> Vec<usize> {
    let mut out: Vec<usize> = f
        .places
        .iter()
        .filter_map(|p| report.corpus.position_of(&p.doc))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The base's top-level sections (columns) against the documents traced from it (rows, closest
/// first, as [`crate::trace::Trace::section_grid`] orders them).
fn trace_chart(
    report: &Report,
    trace: &crate::trace::Trace,
    k: usize,
    labels: &[String],
    lang: Lang,
) -> Option<ChartSpec> {
    let grid = trace.section_grid();
    // The columns are numbered by their markers (一、); the caption names each section.
    let named: Vec<String> = grid
        .sections
        .iter()
        .zip(&grid.headings)
        .map(|(marker, heading)| {
            if heading.starts_with(marker.as_str()) {
                crate::present::fmt::truncate(heading, 32)
            } else {
                marker.clone()
            }
        })
        .collect();
    let label_of = |id: &str| {
        report
            .corpus
            .position_of(id)
            .map_or_else(|| id.to_string(), |i| labels[i].clone())
    };
    let follow = Follow::rows(each_doc(report, &grid.documents));
    let spec = Grid {
        rows: grid.documents.iter().map(|id| label_of(id)).collect(),
        columns: grid.sections,
        values: grid.kept,
        cell_text: None,
    };
    chart(
        spec,
        ChartId::Trace(k),
        follow,
        &format!(
            "{}{}",
            label_of(&trace.base),
            lang.pick(" 各部分在下级文件中的保留比例", ": each section kept by the documents below it")
        ),
        &format!(
            "{}{}",
            lang.pick(
                "列为上级文件的一级部分，行为下级文件（最贴近的在上）；数字为该部分被保留（原样、改写或移位）的字数百分比。各列：",
                "Columns: the base's top-level sections; rows: the documents below it, closest first; each number is the percentage of the section's characters kept (identical, changed or moved). The columns: ",
            ),
            named.join(lang.pick("；", "; "))
        ),
    )
}

/// What each B document is made of: from the planned pairs (copied, adapted, new); on a large
/// corpus from corpus-wide reuse (reused from earlier or higher-level documents, own).
fn coverage_chart(report: &Report, labels: &[String], lang: Lang) -> Option<ChartSpec> {
    if let Some(reuse) = &report.reuse {
        let mut shares: Vec<&crate::reuse::ReusedShare> = reuse.shares.iter().collect();
        shares.sort_by(|x, y| y.share.total_cmp(&x.share).then(x.doc.cmp(&y.doc)));
        let (rows, docs): (Vec<_>, Vec<_>) = shares
            .into_iter()
            .take(PAIRS_SHOWN)
            .map(|s| {
                let doc = s.doc as usize;
                (
                    (labels[doc].clone(), vec![s.share, 1.0 - s.share]),
                    vec![doc],
                )
            })
            .unzip();
        let spec = StackedShares {
            rows,
            parts: vec![
                lang.pick("沿用较早或上级文件", "reused from earlier or higher-level")
                    .into(),
                lang.pick("其余", "the rest").into(),
            ],
        };
        return chart(
            spec,
            ChartId::Coverage,
            Follow::rows(docs),
            lang.pick("沿用比例最高的文件", "Documents reusing the most"),
            if reuse.from_passim {
                lang.pick(
                    "按字数计：passim 找到的、出自较早或上级文件的段落所占比例。",
                    "By characters: passages found by passim whose likely source is earlier or higher-level.",
                )
            } else {
                lang.pick(
                    "按字数计：全语料查重找到的、出自较早或上级文件的段落所占比例。",
                    "By characters: passages found by corpus-wide reuse whose likely source is earlier or higher-level.",
                )
            },
        );
    }
    if report.comparisons.is_empty() {
        return None;
    }
    let (rows, docs): (Vec<_>, Vec<_>) = report
        .comparisons
        .iter()
        .zip(&report.plan)
        .take(PAIRS_SHOWN)
        .map(|(c, planned)| {
            let cov = &c.alignment.coverage;
            let adapted = (cov.copy_ratio - cov.verbatim_ratio).max(0.0);
            let row = (
                format!("{} → {}", labels[planned.a], labels[planned.b]),
                vec![cov.verbatim_ratio, adapted, (1.0 - cov.copy_ratio).max(0.0)],
            );
            (row, vec![planned.a, planned.b])
        })
        .unzip();
    let spec = StackedShares {
        rows,
        parts: vec![
            lang.pick("照搬", "copied").into(),
            lang.pick("改写沿用", "adapted").into(),
            lang.pick("新写", "new").into(),
        ],
    };
    chart(
        spec,
        ChartId::Coverage,
        Follow::rows(docs),
        lang.pick("B 文档的来源构成", "What each B document is made of"),
        lang.pick(
            "按字数计：与 A 相同的句子、改写自 A 的句子、新写的句子。",
            "By characters: sentences identical to A, adapted from A, and new.",
        ),
    )
}

/// Every document's label for chart axes and legends: its short title, told apart from the
/// others by year or id when titles repeat (never an id cut at its first `_`).
fn doc_labels(report: &Report) -> Vec<String> {
    let docs: Vec<&crate::ingest::Document> = report.corpus.documents.iter().collect();
    crate::present::distinct_labels(&docs, CHART_LABEL_CHARS)
}

/// Longest document label on a chart, in characters.
const CHART_LABEL_CHARS: usize = 12;

/// Chart labels without the prefix every id shares up to a separator: gwr-1954 … gwr-2025 → 1954 … 2025.
fn axis_labels(ids: &[String]) -> Vec<String> {
    let first = ids.first().map_or("", String::as_str);
    let mut common = first.len();
    for id in ids {
        common = first
            .char_indices()
            .zip(id.chars())
            .take_while(|((i, a), b)| *i < common && a == b)
            .count()
            .min(common);
    }
    let prefix: String = first.chars().take(common).collect();
    let cut = prefix.rfind(['-', '_', ' ', '.']).map_or(0, |i| i + 1);
    ids.iter()
        .map(|id| {
            let rest = &id[cut.min(id.len())..];
            if rest.is_empty() {
                id.clone()
            } else {
                rest.to_string()
            }
        })
        .collect()
}

fn series_points(table: &Table) -> Vec<(String, Vec<(i32, f64)>)> {
    let (Some(terms), Some(years), Some(rates)) = (
        table.column("term"),
        table.column("year"),
        table.column("rate_per_10k"),
    ) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<(i32, f64)>)> = Vec::new();
    for i in 0..table.len() {
        let (Value::Str(term), Value::Int(year), Value::Float(rate)) =
            (&terms.values[i], &years.values[i], &rates.values[i])
        else {
            continue;
        };
        match out.last_mut() {
            Some((last, points)) if last == term => points.push((*year as i32, *rate)),
            _ => out.push((term.clone(), vec![(*year as i32, *rate)])),
        }
    }
    out
}

/// `新质生产力 在各文件中的位置`: the title of a term's dispersion plot.
pub fn dispersion_title(d: &crate::stats::dispersion::Dispersion, lang: Lang) -> String {
    format!(
        "{}{}",
        d.term,
        lang.pick(" 在各文件中的位置", ": where it falls in each document")
    )
}

/// What a dispersion plot shows, with Gries' DP when it is defined.
pub fn dispersion_caption(d: &crate::stats::dispersion::Dispersion, lang: Lang) -> String {
    match (lang, d.dp) {
        (Lang::Zh, Some((dp, _))) => format!("每行一份文件，深色竖线为出现位置，浅色竖线为一级标题所在；Gries DP = {dp:.2}（0 为均匀分布，越近 1 越集中）。"),
        (Lang::En, Some((dp, _))) => format!("One row per document: dark marks where the term occurs, light marks where top-level sections start; Gries' DP = {dp:.2} (0 evenly spread, towards 1 concentrated)."),
        (Lang::Zh, None) => "每行一份文件，深色竖线为出现位置，浅色竖线为一级标题所在。".to_string(),
        (Lang::En, None) => "One row per document: dark marks where the term occurs, light marks where top-level sections start.".to_string(),
    }
}

/// The dispersion plot of one term on its own (`tifa dispersion --chart`): as the report draws it.
pub fn dispersion_spec(d: &crate::stats::dispersion::Dispersion, lang: Lang) -> ChartSpec {
    ChartSpec {
        id: ChartId::Dispersion(0),
        title: dispersion_title(d, lang),
        caption: dispersion_caption(d, lang),
        data: DispersionPlot::of(d).into(),
        follow: Follow::Fixed,
    }
}
