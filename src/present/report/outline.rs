//! The report's outline: a [`Report`] and its [`ChartSpec`]s → a list of [`Block`]s (headings,
//! paragraphs, tables, charts) that the HTML, Markdown and Word renderers each print in their own
//! format, so the three always say the same thing.

use super::super::chart::ChartSpec;
use crate::ingest::metadata::{Field, Level, Origin};
use crate::present::labels::Lang;
use crate::present::pair::{Layout, PairPresentation, Show};
pub use crate::present::{Block, Inline};
use crate::present::{ChartId, para, table, text};
use crate::report::Report;

fn field<T: std::fmt::Display>(f: &Field<T>) -> String {
    match (&f.value, f.origin) {
        (Some(v), Origin::Inferred) => format!("{v}?"),
        (Some(v), _) => v.to_string(),
        (None, _) => "?".into(),
    }
}

fn level_field(f: &Field<crate::ingest::metadata::Level>, lang: Lang) -> String {
    let name = f.value.map_or("?", |l| lang.level(l));
    match (f.value, f.origin) {
        (Some(_), Origin::Inferred) => format!("{name}?"),
        _ => name.to_string(),
    }
}

/// The chart block of `id`, or a sentence saying why it was not drawn (nothing to show).
fn chart_block(charts: &[ChartSpec], id: ChartId, lang: Lang) -> Block {
    if charts.iter().any(|c| c.id == id) {
        return Block::Chart(id);
    }
    para(match id {
        ChartId::Trends => lang.pick(
            "（趋势图未绘制：语料中不足两个年份，或所选词语均未出现。）",
            "(No trend chart: the corpus covers fewer than two years, or the terms never occur.)",
        ),
        ChartId::Heatmap => lang.pick(
            "（相似度热力图未绘制：只有一份文件。）",
            "(No similarity heatmap: there is only one document.)",
        ),
        ChartId::DotPlot(_) => lang.pick(
            "（对齐图未绘制：两份文件没有对齐的句子。）",
            "(No alignment chart: the two documents have no aligned sentence.)",
        ),
        _ => lang.pick(
            "（此图未绘制：没有可画的数据。）",
            "(This chart is not drawn: there is nothing to show.)",
        ),
    })
}

/// The whole report as blocks, in reading order; `redlines`: each shown pair names its Word
/// redline (`redlines/`).
/// How much a rendering of the report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: each pair's added, dropped, changed and shared text, the contexts.
    Full,
    /// The briefing and the summaries (the Word report by default): each pair's summary, term and
    /// change tables cut to a few rows, no text lists, no contexts.
    Brief,
}

/// Rows of each list of a pair in the brief rendering.
const BRIEF_ROWS: usize = 3;

pub fn outline(
    report: &Report,
    charts: &[ChartSpec],
    shown: &[PairPresentation],
    lang: Lang,
    redlines: bool,
    detail: Detail,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(1, super::report_title(report, lang))];
    briefing(report, shown, lang, &mut blocks);
    overview(report, charts, lang, &mut blocks);
    match detail {
        Detail::Full => pairs(report, charts, shown, lang, redlines, detail, &mut blocks),
        // The briefing speaks of every shown pair: the evidence is named, not repeated.
        Detail::Brief if !report.comparisons.is_empty() => {
            blocks.push(Block::Heading(
                2,
                lang.pick("逐对比较", "Pair by pair").into(),
            ));
            blocks.push(para(if redlines {
                lang.pick(
                    "每对文件的要点见“要点”；逐句的新增、删去与改写，以及共有段落，见 index.html 与 report.md 的“逐对比较”，Word 修订稿见 redlines/（每对一份），全部数字见 report.xlsx。`tifa report --full-word` 把这些证据也写进本文件。",
                    "Each pair's points are in the Briefing; the sentences added, dropped and rewritten, and the shared passages, are under “Pair by pair” in index.html and report.md, the Word redlines in redlines/ (one per pair), every figure in report.xlsx. `tifa report --full-word` writes that evidence into this file too.",
                )
            } else {
                lang.pick(
                    "每对文件的要点见“要点”；逐句的新增、删去与改写，以及共有段落，见 index.html 与 report.md 的“逐对比较”，全部数字见 report.xlsx。`tifa report --full-word` 把这些证据也写进本文件。",
                    "Each pair's points are in the Briefing; the sentences added, dropped and rewritten, and the shared passages, are under “Pair by pair” in index.html and report.md, every figure in report.xlsx. `tifa report --full-word` writes that evidence into this file too.",
                )
            }));
        }
        Detail::Brief => {}
    }
    traces(report, charts, lang, &mut blocks);
    trends(report, charts, shown, lang, &mut blocks);
    keyness(report, charts, lang, &mut blocks);
    formulations(report, charts, lang, &mut blocks);
    if detail == Detail::Full {
        kwic(report, charts, lang, &mut blocks);
    }
    number_parts(&mut blocks, lang);
    blocks
}

/// Most pairs the briefing speaks of (the pair section and the tables hold every one).
const BRIEFING_PAIRS: usize = super::PAIRS_SHOWN;
/// Formulations named per pair and for the corpus in the briefing.
const BRIEFING_TERMS: usize = 5;

/// The opening a staff writer can paste: for the corpus, the formulations new in its last year and
/// those that spread, and where;
/// for each compared pair, how much of B comes from A, B's new formulations (new to the corpus
/// first), those dropped, the main changes of formulation and B's own sections, each cited.
fn briefing(report: &Report, shown: &[PairPresentation], lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, lang.pick("要点", "Briefing").into()));
    let year_of: std::collections::HashMap<&str, Option<i32>> = report
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.year))
        .collect();
    let spread = &report.spread;
    // Each formulation's first year, for "new to the corpus".
    let first_year: std::collections::HashMap<&str, Option<i32>> = report
        .formulations
        .iter()
        .map(|f| (f.text.as_str(), f.first_year))
        .collect();
    if let Some(year) = report.newest.first().map(|f| f.year) {
        let items = report
            .newest
            .iter()
            .take(BRIEFING_TERMS)
            .map(|f| {
                let (docs, count) = (f.docs, f.count);
                vec![
                    Inline::Strong(f.text.clone()),
                    Inline::Text(match lang {
                        Lang::Zh => format!("：{docs} 份文件使用 {count} 次。"),
                        Lang::En => format!(": {docs} documents, {count} uses. "),
                    }),
                    Inline::Cite(f.first.to_string()),
                ]
            })
            .collect();
        out.push(para(match lang {
            Lang::Zh => format!("{year}年新出现的提法（此前的文件未见，使用文件最多的在前）："),
            Lang::En => format!(
                "The formulations new in {year} (no earlier document says them; the most used first):"
            ),
        }));
        out.push(Block::List(items));
    }
    if !spread.is_empty() {
        let items = spread
            .iter()
            .take(BRIEFING_TERMS)
            .map(|f| {
                let from = match (f.origin_level, f.origin_year) {
                    (Some(level), Some(y)) => format!("{}{y}", lang.level(level)),
                    (None, Some(y)) => y.to_string(),
                    _ => "?".into(),
                };
                let (takers, docs, count) = (f.takers, f.docs, f.count);
                vec![
                    Inline::Strong(f.text.clone()),
                    Inline::Text(match lang {
                        Lang::Zh => format!(
                            "：首见于{from}年文件，此后 {takers} 份文件跟进（共 {docs} 份文件使用 {count} 次）。"
                        ),
                        Lang::En => format!(
                            ": first in a {from} document, then taken up by {takers} documents ({docs} documents, {count} uses in all). "
                        ),
                    }),
                    Inline::Cite(f.origin.to_string()),
                ]
            })
            .collect();
        out.push(para(lang.pick(
            "近五年首见、扩散最广的提法（首见之后跟进的文件最多）：",
            "The formulations first seen in the last five years that spread most (taken up by the most documents after their first use):",
        )));
        out.push(Block::List(items));
    }
    if report.comparisons.is_empty() {
        return;
    }
    if report.plan.len() > BRIEFING_PAIRS {
        out.push(para(match lang {
            Lang::Zh => format!(
                "以下为前 {BRIEFING_PAIRS} 对的要点（计划共 {} 对，见“逐对比较”与 tables/pairs）。",
                report.plan.len()
            ),
            Lang::En => format!(
                "The first {BRIEFING_PAIRS} of {} planned pairs (all in “Pair by pair” and tables/pairs).",
                report.plan.len()
            ),
        }));
    }
    for p in shown.iter().take(BRIEFING_PAIRS) {
        let b_year = year_of.get(p.b.id.as_str()).copied().flatten();
        out.push(Block::Heading(3, format!("{} → {}", p.a.label, p.b.label)));
        out.push(Block::List(p.briefing(
            lang,
            BRIEFING_TERMS,
            &|term: &str| {
                first_year
                    .get(term)
                    .is_some_and(|y| y.is_some() && *y == b_year)
            },
        )));
    }
}

/// 上级文件在下级文件中的落实: each traced base, when lower-level documents take text from a
/// higher-level one.
fn traces(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    if report.traces.is_empty() {
        return;
    }
    out.push(Block::Heading(
        2,
        lang.pick(
            "上级文件在下级文件中的落实",
            "How higher-level texts were carried out below",
        )
        .into(),
    ));
    let traced = report.traces.len();
    out.push(para(match lang {
        Lang::Zh => format!(
            "下级文件沿用上级文件文字（至少 200 字）时，逐句查看上级文件的每一句在各下级文件中是原样保留、改写、移位还是删去。共 {traced} 份上级文件；全部结果见 tables/trace_documents 与 tables/trace_variants（tifa trace 可追踪任一文件）。"
        ),
        Lang::En => format!(
            "Where lower-level documents take over at least 200 characters of a higher-level one, every sentence of it is followed into each of them: kept identical, changed, moved or dropped. Higher-level documents traced: {traced}; all results are in tables/trace_documents and tables/trace_variants (tifa trace follows any document)."
        ),
    }));
    let name = |id: &str| {
        report
            .corpus
            .position_of(id)
            .map(|i| &report.corpus.documents[i])
            .map_or_else(
                || id.to_string(),
                |d| format!("{} ({id})", crate::present::short_title(d, 20)),
            )
    };
    for (k, trace) in report.traces.iter().enumerate() {
        let collation = report
            .collations
            .iter()
            .find(|c| c.base == trace.base)
            .map(|c| (c, super::collation_path(k)));
        for block in
            crate::present::trace::blocks(trace, &name, ChartId::Trace(k), collation, 3, lang)
        {
            match block {
                Block::Chart(id) => out.push(chart_block(charts, id, lang)),
                other => out.push(other),
            }
        }
    }
}

/// Which formulations every document shares and which one document has alone: the chart, and
/// the own ones named with their document.
fn matrix(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    let Some(m) = &report.matrix else {
        return;
    };
    out.push(Block::Heading(
        3,
        lang.pick("共有与独有的提法", "Formulations shared and own")
            .into(),
    ));
    out.push(chart_block(charts, ChartId::FormulationMatrix, lang));
    let n = m.docs.len();
    let shared: Vec<String> = m
        .rows
        .iter()
        .filter(|r| r.group == crate::stats::matrix::MatrixGroup::Shared)
        .map(|r| {
            let used = r.counts.iter().filter(|&&c| c > 0).count();
            format!("{}（{used}/{n}）", r.formulation)
        })
        .collect();
    let own: Vec<String> = m
        .rows
        .iter()
        .filter(|r| r.group == crate::stats::matrix::MatrixGroup::Own)
        .filter_map(|r| {
            let k = r.counts.iter().position(|&c| c > 0)?;
            // The document by its region where it has one (浙江省), else by its id.
            let id = m.docs[k].as_str();
            let name = report
                .corpus
                .position_of(id)
                .and_then(|i| report.corpus.documents[i].meta.region.value.clone())
                .unwrap_or_else(|| id.to_string());
            Some(format!("{}（{name}，{} 次）", r.formulation, r.counts[k]))
        })
        .collect();
    if !shared.is_empty() {
        out.push(para(format!(
            "{}{}",
            lang.pick("共有：", "Shared: "),
            shared.join(lang.pick("、", "; "))
        )));
    }
    if !own.is_empty() {
        out.push(para(format!(
            "{}{}",
            lang.pick("独有：", "Own: "),
            own.join(lang.pick("、", "; "))
        )));
    }
    out.push(para(lang.pick(
        "每份文件每万字次数见 tables/formulation_matrix（tifa formulations --matrix）；一地与其余各地的关键词比较见 tifa keyness --target region=…。",
        "Each document's rate per 10,000 characters is in tables/formulation_matrix (tifa formulations --matrix); one region against the others: tifa keyness --target region=….",
    )));
}

/// Formulations listed with their diffusion.
const DIFFUSION_ROWS: usize = 10;
/// Regions named per formulation, earliest first.
const FIRST_REGIONS: usize = 4;

/// How the most widely used formulations spread: the adoption curves, and per formulation the
/// lag of each step down the hierarchy and the regions that used it first.
fn diffusion(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    let d = &report.diffusion;
    if d.formulations.is_empty() {
        return;
    }
    out.push(Block::Heading(
        3,
        lang.pick("提法的扩散", "How formulations spread").into(),
    ));
    out.push(chart_block(charts, ChartId::Adoption, lang));
    out.push(para(lang.pick(
        "逐级时滞：上一层级首次使用到下一层级首次使用的年数；下一层级的文件晚于上一层级首次使用才开始时，无法判断，记为“截尾”。逐年采用比例见 tables/formulation_adoption，各地首见见 tables/formulation_first_uses。",
        "Step lag: years from one level's first use to the next level's; when the lower level's documents only start after the higher level's first use, no lag can be given (censored). Yearly adoption is in tables/formulation_adoption, first use per region in tables/formulation_first_uses.",
    )));
    let rows = d
        .formulations
        .iter()
        .take(DIFFUSION_ROWS)
        .map(|f| {
            let lags: Vec<String> = d
                .lags
                .iter()
                .filter(|l| &l.formulation == f)
                .map(|l| {
                    let years = l.years.map_or_else(
                        || lang.pick("截尾", "censored").to_string(),
                        |y| format!("{y:+}"),
                    );
                    format!("{}→{} {years}", lang.level(l.from), lang.level(l.to))
                })
                .collect();
            let firsts: Vec<String> = d
                .first_uses
                .iter()
                .filter(|u| &u.formulation == f)
                .take(FIRST_REGIONS)
                .map(|u| format!("{} {}", u.region, u.year))
                .collect();
            vec![
                text(f.clone()),
                text(if lags.is_empty() {
                    "—".into()
                } else {
                    lags.join("；")
                }),
                text(firsts.join("、")),
            ]
        })
        .collect();
    out.push(table(
        &[
            lang.pick("提法", "formulation"),
            lang.pick("逐级时滞（年）", "step lags (years)"),
            lang.pick("最早使用的地区", "first regions"),
        ],
        rows,
    ));
}

/// Documents listed with their own formulations, those with the most first.
const OWN_FORMULATION_DOCS: usize = 30;
/// Most left-out planned pairs named in the plan's note (all are in the terminal's plan).
const LEFT_OUT_NAMED: usize = 20;
/// Sources named per document.
const SOURCES_LISTED: usize = 4;
/// Own formulations listed per document.
const OWN_FORMULATIONS_LISTED: usize = 8;

/// Per document that takes text from earlier or higher-level ones, the formulations it adds of
/// its own.
fn own_formulations(report: &Report, lang: Lang, out: &mut Vec<Block>) {
    if report.own_formulations.is_empty() {
        return;
    }
    out.push(Block::Heading(
        3,
        lang.pick(
            "各文件自己的提法",
            "Formulations documents add of their own",
        )
        .into(),
    ));
    out.push(para(lang.pick(
        "沿用较早或上级文件文字的文件，在自写部分中使用、而其来源文件都没有的提法（括号内为次数）；全部见 tables/own_formulations。",
        "For documents that take text from earlier or higher-level ones: the formulations of their own text that none of their sources has (times in brackets); all of them are in tables/own_formulations.",
    )));
    let mut shown: Vec<&crate::report::OwnFormulations> = report.own_formulations.iter().collect();
    shown.sort_by_key(|o| (std::cmp::Reverse(o.formulations.len()), o.doc));
    shown.truncate(OWN_FORMULATION_DOCS);
    shown.sort_by_key(|o| o.doc);
    let id = |d: usize| report.docs[d].id.clone();
    let rows = shown
        .iter()
        .map(|o| {
            let listed: Vec<String> = o
                .formulations
                .iter()
                .take(OWN_FORMULATIONS_LISTED)
                .map(|(f, n)| format!("{f}（{n}）"))
                .collect();
            let mut cell = listed.join("、");
            let total = o.formulations.len();
            if total > OWN_FORMULATIONS_LISTED {
                cell.push_str(&match lang {
                    Lang::Zh => format!("等，共 {total} 个"),
                    Lang::En => format!(" and {} more", total - OWN_FORMULATIONS_LISTED),
                });
            }
            let mut sources: Vec<String> = o
                .sources
                .iter()
                .take(SOURCES_LISTED)
                .map(|&s| id(s))
                .collect();
            if o.sources.len() > SOURCES_LISTED {
                sources.push(match lang {
                    Lang::Zh => format!("等 {} 份", o.sources.len()),
                    Lang::En => format!("and {} more", o.sources.len() - SOURCES_LISTED),
                });
            }
            vec![text(id(o.doc)), text(sources.join("、")), text(cell)]
        })
        .collect();
    out.push(table(
        &[
            lang.pick("文件", "document"),
            lang.pick("来源文件", "sources"),
            lang.pick("自己的提法", "own formulations"),
        ],
        rows,
    ));
}

/// Numbers the report's parts (一、 二、 … or 1. 2. …) in the order they came, as a part is
/// left out when it has nothing to show.
fn number_parts(blocks: &mut [Block], lang: Lang) {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let parts = blocks.iter_mut().filter_map(|b| match b {
        Block::Heading(2, title) => Some(title),
        _ => None,
    });
    for (k, title) in parts.enumerate() {
        let number = match lang {
            Lang::Zh => format!("{}、", ZH.get(k).copied().unwrap_or("十")),
            Lang::En => format!("{}. ", k + 1),
        };
        title.insert_str(0, &number);
    }
}

fn overview(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, lang.pick("文档概况", "Documents").into()));
    if report.docs.len() > LISTED_DOCUMENTS {
        corpus_summary(report, lang, out);
    } else {
        document_list(report, lang, out);
    }
    findings(report, lang, out);
    for problem in &report.corpus.problems {
        let label = if problem.skipped {
            lang.pick("未读取", "left out")
        } else {
            lang.pick("未能读取", "could not be read")
        };
        out.push(para(format!("{label}: {problem}")));
    }
    plan(report, lang, out);
    if let Some(reuse) = &report.reuse {
        out.push(para(corpus_reuse_summary(
            reuse,
            report.heatmap_docs.len(),
            lang,
        )));
    }
    out.push(chart_block(charts, ChartId::Heatmap, lang));
    out.push(chart_block(charts, ChartId::Coverage, lang));
}

/// Beyond this many documents the overview and the findings are summed up by level and kind: a
/// row per document would fill a briefing (every document is in `tables/documents`).
const LISTED_DOCUMENTS: usize = 60;

/// One row per document: metadata (inferred values marked), size, encoding, findings.
fn document_list(report: &Report, lang: Lang, out: &mut Vec<Block>) {
    out.push(para(lang.pick(
        "带“?”的值是从正文推断的，请核对后写入 manifest.csv；单独的“?”表示未知。",
        "Values marked ? were inferred from the text: check them and put them in manifest.csv; a bare ? is unknown.",
    )));
    let rows = report
        .corpus
        .documents
        .iter()
        .zip(&report.docs)
        .map(|(d, info)| {
            vec![
                text(d.id.clone()),
                text(field(&d.meta.title)),
                text(field(&d.meta.year)),
                text(level_field(&d.meta.level, lang)),
                text(field(&d.meta.region)),
                text(info.han_chars.to_string()),
                text(format!("{} ({})", d.encoding, d.normalized.findings.len())),
            ]
        })
        .collect();
    out.push(table(
        &[
            lang.pick("编号", "id"),
            lang.pick("标题", "title"),
            lang.pick("年份", "year"),
            lang.pick("层级", "level"),
            lang.pick("地区", "region"),
            lang.pick("汉字数", "Han chars"),
            lang.pick("编码（规范化处理数）", "encoding (normalization findings)"),
        ],
        rows,
    ));
}

/// A large corpus by level: documents, years covered, Han characters.
fn corpus_summary(report: &Report, lang: Lang, out: &mut Vec<Block>) {
    #[derive(Default)]
    struct LevelTotals {
        docs: usize,
        years: Option<(i32, i32)>,
        han_chars: u64,
    }
    let mut by_level: std::collections::BTreeMap<Option<Level>, LevelTotals> = Default::default();
    for info in &report.docs {
        let totals = by_level.entry(info.level).or_default();
        totals.docs += 1;
        if let Some(y) = info.year {
            totals.years = Some(totals.years.map_or((y, y), |(a, b)| (a.min(y), b.max(y))));
        }
        totals.han_chars += info.han_chars;
    }
    let rows = by_level
        .into_iter()
        .map(|(level, totals)| {
            vec![
                text(level.map_or("?", |l| lang.level(l)).to_string()),
                text(totals.docs.to_string()),
                text(totals.years.map_or("?".into(), |(a, b)| format!("{a}–{b}"))),
                text(totals.han_chars.to_string()),
            ]
        })
        .collect();
    out.push(para(match lang {
        Lang::Zh => format!(
            "共 {} 份文件，按层级汇总如下；逐份的年份、层级、地区与字数见 tables/documents，推断的元数据请用 `tifa corpus` 核对。",
            report.docs.len()
        ),
        Lang::En => format!(
            "{} documents, summed up by level; each document's year, level, region and size are in tables/documents (check inferred metadata with `tifa corpus`).",
            report.docs.len()
        ),
    }));
    out.push(table(
        &[
            lang.pick("层级", "level"),
            lang.pick("文件数", "documents"),
            lang.pick("年份", "years"),
            lang.pick("汉字数", "Han chars"),
        ],
        rows,
    ));
}

/// The comparison plan as a table.
fn plan(report: &Report, lang: Lang, out: &mut Vec<Block>) {
    let shown = super::PAIRS_SHOWN;
    let plan_rows = report
        .plan
        .iter()
        .take(shown)
        .map(|p| {
            vec![
                text(report.docs[p.a].id.clone()),
                text(report.docs[p.b].id.clone()),
                text(if lang == Lang::Zh {
                    p.reason.label_zh()
                } else {
                    p.reason.label_en()
                }),
            ]
        })
        .collect();
    out.push(Block::Heading(
        3,
        lang.pick("对比计划", "Comparison plan").into(),
    ));
    if report.plan.is_empty() {
        out.push(para(lang.pick(
            "没有可对比的文件对（需要已知的年份和层级，或用 --pairs 指定）。",
            "No pairs to compare (years and levels are needed, or give --pairs).",
        )));
    } else {
        out.push(table(
            &[
                lang.pick("A（较早/上级）", "A (earlier/higher)"),
                lang.pick("B（较晚/下级）", "B (later/lower)"),
                lang.pick("依据", "reason"),
            ],
            plan_rows,
        ));
    }
    let planned = report.plan.len() + report.plan_left_out.len();
    if planned > shown {
        let measured = report.plan.len().saturating_sub(report.comparisons.len());
        let mut note = match lang {
            Lang::Zh => format!(
                "共计划 {planned} 对，上表列出前 {shown} 对：这些逐句比较，其余 {measured} 对只按全语料查重计共有文字（全部见 tables/pairs）。"
            ),
            Lang::En => format!(
                "{planned} pairs planned; the first {shown}, listed above, are compared sentence by sentence, the other {measured} measured by their shared text from corpus-wide reuse (all in tables/pairs)."
            ),
        };
        if !report.plan_left_out.is_empty() {
            let names: Vec<String> = report
                .plan_left_out
                .iter()
                .take(LEFT_OUT_NAMED)
                .map(|p| format!("{} → {}", report.docs[p.a].id, report.docs[p.b].id))
                .collect();
            let more = report.plan_left_out.len().saturating_sub(names.len());
            note.push_str(&match lang {
                Lang::Zh => format!(
                    "未比较的计划文件对（{} 对）：{}{}。可用 --pairs 指定后比较。",
                    report.plan_left_out.len(),
                    names.join("、"),
                    if more > 0 { format!(" 等（另 {more} 对）") } else { String::new() }
                ),
                Lang::En => format!(
                    " Planned pairs not compared ({}): {}{}. Compare them by naming them with --pairs.",
                    report.plan_left_out.len(),
                    names.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            });
        }
        out.push(para(note));
    }
}

/// Findings of a large corpus by kind: how many, in how many documents.
fn findings_by_kind(
    report: &Report,
    kinds: &[crate::normalize::FindingKind],
    lang: Lang,
    out: &mut Vec<Block>,
) {
    let rows = kinds
        .iter()
        .map(|k| {
            let per_doc = report.corpus.documents.iter().map(|d| {
                d.normalized
                    .findings
                    .iter()
                    .filter(|f| f.kind == *k)
                    .count()
            });
            let (total, docs) = per_doc.fold((0, 0), |(t, n), c| (t + c, n + usize::from(c > 0)));
            vec![
                text(lang.finding(*k).to_string()),
                text(total.to_string()),
                text(docs.to_string()),
            ]
        })
        .collect();
    out.push(table(
        &[
            lang.pick("处理", "finding"),
            lang.pick("处数", "count"),
            lang.pick("文件数", "documents"),
        ],
        rows,
    ));
    out.push(para(lang.pick(
        "某份文件的每处改动见 `tifa show 编号 --findings`。",
        "Every change of one document: `tifa show ID --findings`.",
    )));
}

/// Who found the corpus-wide reuse, how much, and where the whole of it is.
fn corpus_reuse_summary(reuse: &crate::report::CorpusReuse, shown: usize, lang: Lang) -> String {
    let pairs = reuse.result.pairs.len();
    let stretches = reuse.sources.len();
    let by = match reuse.from_passim {
        true => lang.pick("passim 的结果", "found by passim"),
        false => lang.pick("tifa 检测", "found by tifa"),
    };
    match lang {
        Lang::Zh => format!(
            "全语料文本复用（{by}）：{pairs} 对文件共享段落，{stretches} 段文字可追溯到较早或上级文件。热力图显示共享文字最多的 {shown} 份文件；全部结果见 tables/reuse_pairs、tables/reuse_sources 与 tables/reuse_coverage。"
        ),
        Lang::En => format!(
            "Corpus-wide reuse ({by}): {pairs} pairs of documents share passages; {stretches} stretches go back to an earlier or higher-level document. The heatmap shows the {shown} documents sharing the most text; all of it is in tables/reuse_pairs, tables/reuse_sources and tables/reuse_coverage."
        ),
    }
}

/// What normalization changed in each document, by kind (the details are in `tifa show DOC --findings`).
fn findings(report: &Report, lang: Lang, out: &mut Vec<Block>) {
    let mut kinds: Vec<crate::normalize::FindingKind> = report
        .corpus
        .documents
        .iter()
        .flat_map(|d| d.normalized.findings.iter().map(|f| f.kind))
        .collect();
    kinds.sort_unstable_by_key(|k| k.label());
    kinds.dedup();
    if kinds.is_empty() {
        return;
    }
    out.push(Block::Heading(
        3,
        lang.pick("规范化处理", "Normalization findings").into(),
    ));
    if report.docs.len() > LISTED_DOCUMENTS {
        findings_by_kind(report, &kinds, lang, out);
        return;
    }
    let rows = report
        .corpus
        .documents
        .iter()
        .map(|d| {
            let mut row = vec![text(d.id.clone())];
            row.extend(kinds.iter().map(|k| {
                let n = d
                    .normalized
                    .findings
                    .iter()
                    .filter(|f| f.kind == *k)
                    .count();
                text(if n == 0 { String::new() } else { n.to_string() })
            }));
            row
        })
        .collect();
    let mut header = vec![lang.pick("编号", "id")];
    header.extend(kinds.iter().map(|k| lang.finding(*k)));
    out.push(table(&header, rows));
    out.push(para(lang.pick(
        "每处改动的原文行号与前后对照见 `tifa show 编号 --findings`。",
        "Every change with its original line, before and after: `tifa show ID --findings`.",
    )));
}

fn pairs(
    report: &Report,
    charts: &[ChartSpec],
    shown_pairs: &[PairPresentation],
    lang: Lang,
    redlines: bool,
    detail: Detail,
    out: &mut Vec<Block>,
) {
    out.push(Block::Heading(
        2,
        lang.pick("逐对比较", "Pair by pair").into(),
    ));
    let top = report.options.top;
    let shown = super::PAIRS_SHOWN;
    if report.plan.len() > report.comparisons.len() {
        out.push(para(match lang {
            Lang::Zh => format!(
                "以下为逐句比较的前 {} 对；计划中的其余 {} 对只计共有文字，见 tables/pairs。",
                report.comparisons.len(),
                report.plan.len() - report.comparisons.len()
            ),
            Lang::En => format!(
                "The first {} planned pairs, compared sentence by sentence; the other {} are measured by their shared text only (tables/pairs).",
                report.comparisons.len(),
                report.plan.len() - report.comparisons.len()
            ),
        }));
    }
    for (k, c) in report.comparisons.iter().enumerate().take(shown) {
        let layout = match detail {
            Detail::Full => Layout {
                lang,
                level: 3,
                top,
                runs: top,
                show: Show::default(),
                compact: false,
            },
            Detail::Brief => Layout {
                lang,
                level: 3,
                top: top.min(BRIEF_ROWS),
                runs: 0,
                show: Show {
                    added: false,
                    dropped: false,
                    changed: false,
                    moved: false,
                },
                compact: false,
            },
        };
        // The dot plot goes after the summary and term tables, before the long lists of text.
        let figure =
            (detail == Detail::Full).then(|| chart_block(charts, ChartId::DotPlot(k), lang));
        let mut blocks = shown_pairs[k].blocks_with(&layout, figure);
        if redlines {
            // Right under the pair's heading: the file a writer opens next.
            blocks.insert(
                1.min(blocks.len()),
                Block::Paragraph(vec![
                    Inline::Text(
                        lang.pick(
                            "Word 修订稿（接受全部修订即为 B，拒绝全部即为 A）：",
                            "Word redline (accept all changes for B, reject all for A): ",
                        )
                        .into(),
                    ),
                    Inline::File(super::redline_path(report, k)),
                ]),
            );
        }
        out.extend(blocks);
        if detail == Detail::Full {
            shared_passages(c, top, lang, out);
        }
    }
}

/// The longest passages A and B share, wherever they sit.
fn shared_passages(c: &crate::compare::Comparison, top: usize, lang: Lang, out: &mut Vec<Block>) {
    if c.alignment.passages.is_empty() {
        return;
    }
    let mut passages: Vec<_> = c.alignment.passages.iter().collect();
    passages.sort_by_key(|p| std::cmp::Reverse(p.matched_chars));
    let rows = passages
        .into_iter()
        .take(top)
        .map(|p| {
            vec![
                text(p.b.of(&c.b.normalized.text)),
                vec![
                    Inline::Cite(c.a.cite(p.a.start)),
                    Inline::Text(" → ".into()),
                    Inline::Cite(c.b.cite(p.b.start)),
                ],
            ]
        })
        .collect();
    out.push(Block::Heading(
        4,
        lang.pick("共有段落（最长的几处）", "Shared passages (longest)")
            .into(),
    ));
    out.push(table(
        &[
            lang.pick("B 中的段落", "passage in B"),
            lang.pick("出处", "source"),
        ],
        rows,
    ));
}

fn trends(
    report: &Report,
    charts: &[ChartSpec],
    shown: &[PairPresentation],
    lang: Lang,
    out: &mut Vec<Block>,
) {
    out.push(Block::Heading(
        2,
        lang.pick("用词趋势", "Term trends").into(),
    ));
    out.push(chart_block(charts, ChartId::Trends, lang));
    let top = report.options.top;
    // Single characters (让, 总) are rarely what a reader means by a term.
    let all: Vec<_> = report
        .trends
        .iter()
        .filter(|x| x.level == "all" && x.hidden.is_none())
        .collect();
    let row = |x: &crate::stats::trends::TermTrend| {
        vec![
            text(x.term.clone()),
            text(format!("{:+.2}", x.slope)),
            text(format!("{:.3}", x.q)),
            text(x.docs.to_string()),
            text(format!("{}–{}", x.first_year, x.last_year)),
        ]
    };
    let header = [
        lang.pick("词语", "term"),
        lang.pick("斜率（每万字/年）", "slope (per 10k/yr)"),
        lang.pick("q 值", "q"),
        lang.pick("文档数", "docs"),
        lang.pick("首末年份", "first–last"),
    ];
    out.push(Block::Heading(
        3,
        lang.pick("上升最快", "Rising fastest").into(),
    ));
    out.push(table(
        &header,
        all.iter()
            .filter(|x| x.z > 0.0)
            .take(top)
            .map(|x| row(x))
            .collect(),
    ));
    out.push(Block::Heading(
        3,
        lang.pick("下降最快", "Falling fastest").into(),
    ));
    out.push(table(
        &header,
        all.iter()
            .rev()
            .filter(|x| x.z < 0.0)
            .take(top)
            .map(|x| row(x))
            .collect(),
    ));
    presence_changes(report, shown, &all, lang, out);
    out.push(para(lang.pick(
        "斜率为按年份加权最小二乘估计的每万字频率变化；q 为 Cochran–Armitage 趋势检验经 Benjamini–Hochberg 校正后的值；只计入至少出现在两份文档中的词语。",
        "Slope: size-weighted least squares of the rate per 10,000 Han characters on the year; q: Cochran–Armitage trend test, Benjamini–Hochberg adjusted; terms in at least two documents.",
    )));
}

/// Emerging and vanishing terms with the evidence of their absence; with only two documents (no
/// trend to test), the terms one has and the other lacks, from the pair comparison.
fn presence_changes(
    report: &Report,
    shown: &[PairPresentation],
    all: &[&crate::stats::trends::TermTrend],
    lang: Lang,
    out: &mut Vec<Block>,
) {
    let top = report.options.top;
    if report.docs.len() == 2
        && let Some(p) = shown.first()
    {
        out.push(para(match lang {
            Lang::Zh => format!(
                "只有两份文件，无法检验趋势：下面是《{}》有而《{}》没有的提法与词语，以及反过来不再出现的。",
                p.b.label, p.a.label
            ),
            Lang::En => format!(
                "Only two documents, so no trend can be tested: below are the formulations and terms “{}” has and “{}” lacks, and those no longer used.",
                p.b.label, p.a.label
            ),
        }));
        let row = |t: &crate::present::pair::TermItem| {
            vec![
                text(t.term.clone()),
                text(format!("{} → {}", t.a_count, t.b_count)),
                text(t.cite.shown.clone()),
            ]
        };
        let header = [
            lang.pick("提法或词语", "formulation or term"),
            lang.pick("次数 A → B", "count A → B"),
            lang.pick("出处", "where"),
        ];
        for (zh, en, items) in [
            (
                "新出现的提法与词语",
                "Emerging",
                [&p.new_formulations, &p.new_terms],
            ),
            (
                "不再出现的提法与词语",
                "Vanishing",
                [&p.dropped_formulations, &p.dropped_terms],
            ),
        ] {
            out.push(Block::Heading(3, lang.pick(zh, en).into()));
            let rows: Vec<_> = items
                .iter()
                .flat_map(|list| list.iter().take(top))
                .map(row)
                .collect();
            out.push(table(&header, rows));
        }
        return;
    }
    let header = [
        lang.pick("词语", "term"),
        lang.pick("次数", "count"),
        lang.pick("文档数", "docs"),
        lang.pick("首末年份", "first–last"),
        lang.pick("此前（此后）未用的文档数", "docs without it before (after)"),
        lang.pick("缺席的 p 值", "p of the absence"),
    ];
    let p_value = |p: Option<f64>| p.map_or("–".to_string(), |p| format!("{p:.3}"));
    let mut emerging: Vec<_> = all.iter().filter(|x| x.emerging).collect();
    emerging.sort_by(|x, y| y.first_year.cmp(&x.first_year).then(y.count.cmp(&x.count)));
    let mut vanishing: Vec<_> = all.iter().filter(|x| x.vanishing).collect();
    vanishing.sort_by(|x, y| x.last_year.cmp(&y.last_year).then(y.count.cmp(&x.count)));
    for (zh, en, list, before) in [
        ("新出现的词语", "Emerging terms", emerging, true),
        ("不再出现的词语", "Vanishing terms", vanishing, false),
    ] {
        out.push(Block::Heading(3, lang.pick(zh, en).into()));
        if list.is_empty() {
            out.push(para(lang.pick(
                "（无：没有词语在足够多的文件中缺席）",
                "(none: no term is absent from enough documents)",
            )));
            continue;
        }
        let rows = list
            .into_iter()
            .take(top)
            .map(|x| {
                let (docs, p) = if before {
                    (x.docs_before, x.p_absent_before)
                } else {
                    (x.docs_after, x.p_absent_after)
                };
                vec![
                    text(x.term.clone()),
                    text(x.count.to_string()),
                    text(x.docs.to_string()),
                    text(format!("{}–{}", x.first_year, x.last_year)),
                    text(docs.to_string()),
                    text(p_value(p)),
                ]
            })
            .collect();
        out.push(table(&header, rows));
    }
}

/// 县级与其他层级, 2023 年与此前各年: what a keyness comparison sets against what, in words.
pub fn keyness_title(group: crate::report::KeynessGroup, lang: Lang) -> String {
    use crate::report::KeynessGroup;
    match (group, lang) {
        (KeynessGroup::Level(level), Lang::Zh) => format!("{}与其他层级", lang.level(level)),
        (KeynessGroup::Level(level), Lang::En) => {
            format!("{} against the other levels", lang.level(level))
        }
        (KeynessGroup::LatestYear(y), Lang::Zh) => format!("{y} 年与此前各年"),
        (KeynessGroup::LatestYear(y), Lang::En) => format!("{y} against the earlier years"),
    }
}

fn keyness(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        2,
        lang.pick("关键词（对比语料）", "Keyness").into(),
    ));
    for (k, comparison) in report.keyness.iter().enumerate() {
        out.push(Block::Heading(3, keyness_title(comparison.group, lang)));
        let (t, r) = (comparison.target_docs, comparison.reference_docs);
        out.push(para(match lang {
            Lang::Zh => format!("目标 {t} 份文件，对照 {r} 份文件。"),
            Lang::En => format!("Target: {t} document(s); reference: {r} document(s)."),
        }));
        if comparison.is_small() {
            let min = crate::stats::terms::MIN_SIDE_DOCS;
            out.push(para(match lang {
                Lang::Zh => format!(
                    "注意：一方不足 {min} 份文件，下列词语只反映这几份文件的用词，不能代表一类文件，q 值也未考虑这一点；因此不作图、不列入要点。"
                ),
                Lang::En => format!(
                    "Note: a side has fewer than {min} documents, so these terms show what those few texts say, not what a group says (q does not account for it); not charted or headlined."
                ),
            }));
        } else {
            out.push(chart_block(charts, ChartId::Keyness(k), lang));
        }
        let rows = comparison
            .rows
            .iter()
            .filter(|r| r.hidden.is_none())
            .take(report.options.top)
            .map(|r| {
                vec![
                    text(r.term.clone()),
                    text(format!("{} / {}", r.a, r.b)),
                    text(format!("{:.1} / {:.1}", r.rate_target, r.rate_reference)),
                    text(format!("{:+.2}", r.g2)),
                    text(format!("{:.3}", r.q)),
                    text(format!("{:+.2}", r.log_ratio)),
                    text(format!("{} / {}", r.docs_target, r.docs_reference)),
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("词语", "term"),
                lang.pick("频次", "count"),
                lang.pick("每万字", "per 10k"),
                "G²",
                "q",
                "Log Ratio",
                lang.pick("文档数", "docs"),
            ],
            rows,
        ));
    }
}

fn formulations(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, lang.pick("提法", "Formulations").into()));
    out.push(chart_block(charts, ChartId::Formulations, lang));
    let year = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
    let rows = report
        .formulations
        .iter()
        .take(report.options.top * 3)
        .map(|f| {
            let mut row = vec![
                text(f.text.clone()),
                text(f.count.to_string()),
                text(f.docs.to_string()),
            ];
            row.extend(f.first_by_level.iter().map(|y| text(year(*y))));
            let mut places = Vec::new();
            for (i, p) in f.places.iter().take(3).enumerate() {
                if i > 0 {
                    places.push(Inline::Text(" ".into()));
                }
                let path = doc_path(report, &p.doc);
                let suffix = crate::extract::line_suffix(p.page, p.line);
                places.push(Inline::Cite(format!("{path}{suffix}")));
            }
            row.push(places);
            row
        })
        .collect();
    out.push(table(
        &[
            lang.pick("提法", "formulation"),
            lang.pick("次数", "count"),
            lang.pick("文档数", "docs"),
            lang.pick("中央首见", "national"),
            lang.pick("省级首见", "provincial"),
            lang.pick("市级首见", "municipal"),
            lang.pick("县级首见", "county"),
            lang.pick("出处", "where"),
        ],
        rows,
    ));
    own_formulations(report, lang, out);
    matrix(report, charts, lang, out);
    diffusion(report, charts, lang, out);
    if !report.lists.is_empty() {
        out.push(Block::Heading(
            3,
            lang.pick("“一是……二是……”列举", "Enumerations (一是…二是…)")
                .into(),
        ));
        let rows = report
            .lists
            .iter()
            .take(report.options.top * 2)
            .map(|l| {
                vec![
                    text(l.head.clone()),
                    text(l.items.join("；")),
                    vec![Inline::Cite(format!(
                        "{}:{}",
                        doc_path(report, &l.place.doc),
                        l.place.line
                    ))],
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("引语", "head"),
                lang.pick("各项", "items"),
                lang.pick("出处", "where"),
            ],
            rows,
        ));
    }
}

fn kwic(report: &Report, charts: &[ChartSpec], lang: Lang, out: &mut Vec<Block>) {
    if report.kwic.is_empty() {
        return;
    }
    out.push(Block::Heading(
        2,
        lang.pick("变化最大词语的上下文", "Most changed terms in context")
            .into(),
    ));
    for (term, lines) in &report.kwic {
        out.push(Block::Heading(3, term.clone()));
        if let Some(k) = report.dispersions.iter().position(|d| &d.term == term) {
            out.push(chart_block(charts, ChartId::Dispersion(k), lang));
        }
        if let Some(c) = report.collocates.iter().find(|c| &c.node == term) {
            collocate_rows(c, lang, out);
        }
        let rows = lines
            .iter()
            .take(8)
            .map(|l| {
                vec![
                    vec![
                        Inline::Text(l.left.clone()),
                        Inline::Strong(l.hit.clone()),
                        Inline::Text(l.right.clone()),
                    ],
                    vec![Inline::Cite(format!(
                        "{}{}",
                        doc_path(report, &l.doc),
                        crate::extract::line_suffix(l.page, l.line)
                    ))],
                ]
            })
            .collect();
        out.push(table(
            &[lang.pick("上下文", "context"), lang.pick("出处", "where")],
            rows,
        ));
    }
}

/// A term's company per group: its strongest collocates by log Dice, new ones marked.
fn collocate_rows(c: &crate::stats::collocates::Collocates, lang: Lang, out: &mut Vec<Block>) {
    use crate::stats::collocates::Change;
    let rows: Vec<Vec<Vec<Inline>>> = c
        .groups
        .iter()
        .filter(|g| !g.collocates.is_empty())
        .map(|g| {
            let mut words: Vec<Inline> = Vec::new();
            for (k, x) in g.collocates.iter().enumerate() {
                if k > 0 {
                    words.push(Inline::Text(lang.pick("、", ", ").into()));
                }
                let shown = format!("{}（{}）", x.word, x.together);
                words.push(match x.change {
                    Some(Change::New) => Inline::Strong(shown),
                    _ => Inline::Text(shown),
                });
            }
            vec![text(format!("{}（{}）", g.label, g.node)), words]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push(para(lang.pick(
        "常见搭配（前后 5 词内，按 log Dice 排序，括号内为共现次数；加粗为较上一组新出现的搭配）：",
        "Company kept (within 5 words, by log Dice, co-occurrences in brackets; bold: new against the group before):",
    )));
    out.push(table(
        &[
            lang.pick("分组（出现次数）", "group (uses)"),
            lang.pick("搭配词", "collocates"),
        ],
        rows,
    ));
}

fn doc_path(report: &Report, id: &str) -> String {
    report.corpus.position_of(id).map_or_else(
        || id.to_string(),
        |i| report.corpus.documents[i].path.clone(),
    )
}
