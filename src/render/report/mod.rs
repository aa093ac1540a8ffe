//! Report rendering: a [`Report`] → the files of the report folder ([`ReportFile`]s, handed over
//! one by one as they are rendered by [`emit_files`]; [`write_folder`] writes them): `index.html`,
//! `report.md`, `report.docx`, `charts/*.svg|png`, `tables/*.csv|parquet` and `manifest.json`.
//! Charts are drawn once and shared by the three documents.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod outline;
pub mod xlsx;

use super::charts::{
    self, Chart, DivergingBars, DotPlot, Grid, Heatmap, Lines, StackedShares, Timeline,
};
use crate::align::PairKind;
use crate::present::labels::Lang;
use crate::present::{ChartId, TableId};
use crate::render::table::{frame_to_parquet, to_csv, to_parquet};
use crate::report::Report;
use crate::report::folder::{FolderError, ReportFile, write_streamed};
use crate::stats::formulations::{formulations_table, level_starts, lists_table};
use crate::stats::frame::{counts_table, sizes_table};
use crate::stats::kwic::kwic_table;
use crate::stats::terms::keyness_table;
use crate::stats::trends::trends_table;
use crate::table::{ColumnType, Table, Value};
use serde::Serialize;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("chart {0}: {1}")]
    Chart(String, String),
    #[error("table {0}: {1}")]
    Parquet(String, String),
    #[error("report.docx: {0}")]
    Docx(String),
    #[error("report.xlsx: {0}")]
    Xlsx(String),
}

/// Which files to write besides the charts and the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Formats {
    pub html: bool,
    pub md: bool,
    pub docx: bool,
    pub csv: bool,
    pub parquet: bool,
    /// `report.xlsx`: the tables as sheets of one workbook.
    pub xlsx: bool,
    /// `redlines/*.docx`: each shown pair as a Word document with tracked changes.
    pub redline: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Self {
            html: true,
            md: true,
            docx: true,
            csv: true,
            parquet: true,
            xlsx: true,
            redline: true,
        }
    }
}

/// What `manifest.json` records about the run besides the inputs.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: &'static str,
    pub version: &'static str,
    pub corpus: String,
    pub lang: &'static str,
    pub formats: Formats,
    pub pairs: Option<String>,
    pub watch: Vec<String>,
    pub min_similarity: f64,
    pub min_in_order_similarity: f64,
    pub min_passage_chars: usize,
    pub top: usize,
    pub min_docs: u32,
    /// passim's output folder the corpus-wide reuse was read from (`--from-passim`).
    pub from_passim: Option<String>,
    /// The East Asian font of report.docx.
    pub east_asian_font: String,
    /// report.docx with all the evidence (`--full-word`), not the briefing and summaries alone.
    pub full_word: bool,
    /// The date report.docx gives as its creation (RFC 3339): `SOURCE_DATE_EPOCH`, else today.
    pub date: String,
    /// `--encoding`, when given.
    pub encoding: Option<String>,
    /// Everything besides the documents that shaped the result, with its SHA-256: `tifa.toml`,
    /// user dictionaries, boilerplate rules, the corpus's manifest.csv.
    pub settings_files: Vec<SettingsFile>,
}

/// A file that shaped a run, recorded in manifest.json.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsFile {
    /// `config`, `dict`, `boilerplate` or `manifest`.
    pub role: &'static str,
    pub path: String,
    pub sha256: String,
}

impl SettingsFile {
    /// The file at `path` with its hash; `None` when it cannot be read.
    pub fn of(role: &'static str, path: &std::path::Path) -> Option<Self> {
        let bytes = crate::files::read_regular(path, crate::files::SETTINGS_LIMIT).ok()?;
        Some(Self {
            role,
            path: path
                .canonicalize()
                .unwrap_or_else(|_| path.to_path_buf())
                .display()
                .to_string(),
            sha256: crate::report::sha256_hex(&bytes),
        })
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible builds) as an RFC 3339 date, when it is set.
pub fn source_date() -> Option<String> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// [`source_date`], else today at midnight UTC: the same input gives the same files on one day.
pub fn report_date() -> String {
    source_date().unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%dT00:00:00Z").to_string())
}

impl RunInfo {
    /// A run with the default options (a Chinese report in every format), as benchmarks make it.
    pub fn defaults(corpus: &std::path::Path) -> Self {
        let options = crate::report::ReportOptions::default();
        Self {
            tool: "tifa",
            version: env!("CARGO_PKG_VERSION"),
            corpus: corpus.display().to_string(),
            lang: "zh",
            formats: Formats::default(),
            pairs: None,
            watch: Vec::new(),
            min_similarity: options.align.min_similarity,
            min_in_order_similarity: options.align.min_in_order_similarity,
            min_passage_chars: options.align.min_passage_chars,
            top: options.top,
            min_docs: options.min_docs,
            from_passim: None,
            east_asian_font: "宋体".into(),
            full_word: false,
            date: report_date(),
            encoding: None,
            settings_files: Vec::new(),
        }
    }
}

/// Why a report folder was not written: a file could not be rendered, or not written.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Folder(#[from] FolderError),
}

/// Renders the report straight into the folder `out`, each file written as soon as it is made
/// ([`emit_files`] into [`write_streamed`]: all or nothing). Returns the folder and how many files
/// it holds besides tifa's marker.
pub fn write_folder(
    report: &Report,
    run: &RunInfo,
    lang: Lang,
    formats: Formats,
    out: &std::path::Path,
    force: bool,
    fail_after: Option<usize>,
) -> Result<(std::path::PathBuf, usize), WriteError> {
    let mut count = 0;
    let folder = write_streamed(out, force, fail_after, |sink| {
        count = emit_files(report, run, lang, formats, &mut |file| {
            sink.write(&file).map_err(WriteError::Folder)
        })?;
        Ok::<(), WriteError>(())
    })?;
    Ok((folder, count))
}

/// Renders the files of the report folder one by one and hands each to `emit` as soon as it is
/// made, so that the largest tables are never all in memory at once; the manifest comes last and
/// lists the others. Returns how many files were handed over.
pub fn emit_files<E: From<RenderError>>(
    report: &Report,
    run: &RunInfo,
    lang: Lang,
    formats: Formats,
    emit: &mut dyn FnMut(ReportFile) -> Result<(), E>,
) -> Result<usize, E> {
    let mut names: Vec<String> = Vec::new();
    let mut send = |file: ReportFile| {
        names.push(file.path.to_string_lossy().into_owned());
        emit(file)
    };
    let charts = draw_charts(report, lang)?;
    for chart in &charts {
        send(ReportFile::new(
            format!("charts/{}.svg", chart.name()),
            chart.svg.clone(),
        ))?;
        send(ReportFile::new(
            format!("charts/{}.png", chart.name()),
            chart.png.clone(),
        ))?;
    }
    let mut workbook = formats
        .xlsx
        .then(|| xlsx::WorkbookBuilder::new(lang, &run.date));
    let add_sheet = |book: &mut Option<xlsx::WorkbookBuilder>, id: TableId, table: &Table| {
        let cells = table.len() * table.columns.len();
        match book.as_mut() {
            Some(book) if cells <= MAX_CSV_CELLS && table.len() <= xlsx::MAX_ROWS => book
                .add(id, table)
                .map_err(|e| RenderError::Xlsx(format!("sheet {}: {e}", id.file_stem()))),
            _ => Ok(()),
        }
    };
    for (id, make) in tables(report) {
        let table = make();
        let name = id.file_stem();
        let cells = table.len() * table.columns.len();
        add_sheet(&mut workbook, id, &table)?;
        if formats.wants_csv(cells) {
            send(ReportFile::new(
                format!("tables/{name}.csv"),
                to_csv(&table),
            ))?;
        }
        if formats.parquet {
            let bytes = to_parquet(&table)
                .map_err(|e| RenderError::Parquet(name.to_string(), e.to_string()))?;
            send(ReportFile::new(format!("tables/{name}.parquet"), bytes))?;
        }
    }
    for file in term_counts_files(report, formats)? {
        send(file)?;
    }
    // The term counts are a sheet too when they fit one (the tables hold them whole).
    if workbook.is_some() && report.counts.cells.len() * 7 <= MAX_CSV_CELLS {
        add_sheet(
            &mut workbook,
            TableId::TermCounts,
            &counts_table(&report.counts),
        )?;
    }
    if let Some(book) = workbook {
        let bytes = book.finish().map_err(RenderError::Xlsx)?;
        send(ReportFile::new("report.xlsx", bytes))?;
    }
    if formats.redline {
        for (k, c) in report.comparisons.iter().enumerate().take(PAIRS_SHOWN) {
            let docx = super::redline::render(c, &run.date, &run.east_asian_font)
                .map_err(|e| RenderError::Docx(format!("{}: {e}", redline_path(report, k))))?;
            send(ReportFile::new(redline_path(report, k), docx))?;
        }
    }
    let blocks = outline::outline(
        report,
        &charts,
        lang,
        formats.redline,
        outline::Detail::Full,
    );
    if formats.md {
        send(ReportFile::new(
            "report.md",
            markdown::render(&blocks, &charts),
        ))?;
    }
    if formats.docx {
        // The Word report is the briefing and the summaries (under 60 pages for 30 documents);
        // the evidence is in the other formats, and in Word with --full-word.
        let brief;
        let word_blocks = if run.full_word {
            &blocks
        } else {
            brief = outline::outline(
                report,
                &charts,
                lang,
                formats.redline,
                outline::Detail::Brief,
            );
            &brief
        };
        let options = docx::DocxOptions {
            title: report_title(report, lang),
            east_asian_font: run.east_asian_font.clone(),
            date: run.date.clone(),
            contents: word_blocks
                .iter()
                .filter_map(|b| match b {
                    outline::Block::Heading(level @ 2..=3, text) => Some((*level, text.clone())),
                    _ => None,
                })
                .collect(),
        };
        let docx = docx::render(word_blocks, &charts, &options).map_err(RenderError::Docx)?;
        send(ReportFile::new("report.docx", docx))?;
    }
    if formats.html {
        send(ReportFile::new(
            "index.html",
            html::render(&blocks, &charts, lang),
        ))?;
    }
    // The collations are pages of their own: one row per base sentence, a column per document.
    for (k, trace) in report.traces.iter().enumerate() {
        if let Some(c) = report.collations.iter().find(|c| c.base == trace.base) {
            send(ReportFile::new(
                collation_path(k),
                crate::render::collation::html(c),
            ))?;
        }
    }
    let manifest = manifest(report, run, &names);
    emit(ReportFile::new("manifest.json", manifest))?;
    Ok(names.len() + 1)
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

/// Beyond this many cells a table is written as Parquet only (when Parquet is written at all): as
/// CSV the keyness and trend tables of 10,000 documents ran to 130 and 70 MB, past what a
/// spreadsheet opens.
pub const MAX_CSV_CELLS: usize = 2_000_000;

impl Formats {
    /// Whether a table of `cells` cells is written as CSV.
    fn wants_csv(self, cells: usize) -> bool {
        self.csv && (cells <= MAX_CSV_CELLS || !self.parquet)
    }
}

/// `tables/term_counts.*`, the largest table, written from the counts directly.
fn term_counts_files(report: &Report, formats: Formats) -> Result<Vec<ReportFile>, RenderError> {
    let mut files = Vec::new();
    let counts = &report.counts;
    if formats.wants_csv(counts.cells.len() * 7) {
        files.push(ReportFile::new(
            "tables/term_counts.csv",
            to_csv(&counts_table(counts)),
        ));
    }
    if formats.parquet {
        let parquet = |e: polars::prelude::PolarsError| {
            RenderError::Parquet("term_counts".into(), e.to_string())
        };
        let frame = crate::stats::frame::counts_frame(counts).map_err(parquet)?;
        let bytes = frame_to_parquet(frame).map_err(parquet)?;
        files.push(ReportFile::new("tables/term_counts.parquet", bytes));
    }
    Ok(files)
}

/// Pairs shown in the documents (summary, dot plot, sentences); the tables hold all.
pub const PAIRS_SHOWN: usize = 30;

/// The chart of `spec`, or none when it has nothing to show (the outline says so instead).
fn chart<D: charts::Draw>(
    spec: &D,
    id: ChartId,
    title: &str,
    caption: &str,
) -> Result<Option<Chart>, RenderError> {
    if !spec.has_data() {
        return Ok(None);
    }
    charts::render(spec, id, title, caption)
        .map(Some)
        .map_err(|e| RenderError::Chart(id.file_stem(), e))
}

/// Heatmap, coverage, trends, keyness per comparison, formulation timeline, a grid per trace, a
/// dot plot per pair.
pub fn draw_charts(report: &Report, lang: Lang) -> Result<Vec<Chart>, RenderError> {
    let mut out = Vec::new();
    let labels = doc_labels(report);
    let ids = axis_labels(
        &report
            .heatmap_docs
            .iter()
            .map(|&i| labels[i].clone())
            .collect::<Vec<_>>(),
    );
    out.extend(chart(
        &Heatmap {
            labels: ids.clone(),
            values: report.similarity.clone(),
        },
        ChartId::Heatmap,
        lang.pick("文档相似度", "Document similarity"),
        lang.pick(
            "词频向量的余弦相似度，颜色越深越相似。",
            "Cosine similarity of word counts; darker is more alike.",
        ),
    )?);
    if let Some(coverage) = coverage_chart(report, &labels, lang)? {
        out.push(coverage);
    }
    out.extend(chart(
        &Lines {
            series: series_points(&report.series),
            y_label: lang
                .pick("每万字出现次数", "per 10,000 Han characters")
                .into(),
        },
        ChartId::Trends,
        lang.pick("用词趋势", "Term trends"),
        lang.pick(
            "关注词与上升、下降最明显的词语的年度频率。",
            "Yearly rates of the watch terms and of the terms rising and falling most.",
        ),
    )?);
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
            &DivergingBars {
                bars,
                x_label: lang
                    .pick(
                        "对数比（Log Ratio，正值：目标文档中偏多）",
                        "Log Ratio (positive: more in the target)",
                    )
                    .into(),
            },
            ChartId::Keyness(k),
            &format!(
                "{}：{}",
                lang.pick("关键词", "Keyness"),
                outline::keyness_title(comparison.group, lang)
            ),
            lang.pick(
                "右侧为目标文档中偏多的词，左侧为参照文档中偏多的词（按 G² 取前几位）。",
                "Right: over-represented in the target; left: in the reference (top by G²).",
            ),
        )?);
    }
    use crate::ingest::metadata::Level;
    let levels = [
        Level::National,
        Level::Provincial,
        Level::Municipal,
        Level::County,
    ];
    let rows: Vec<(String, Vec<(i32, usize)>)> = report
        .formulations
        .iter()
        .filter(|f| f.first_by_level.iter().any(Option::is_some))
        .take(15)
        .map(|f| {
            let points = f
                .first_by_level
                .iter()
                .enumerate()
                .filter_map(|(g, y)| y.map(|y| (y, g)))
                .collect();
            (f.text.chars().take(16).collect(), points)
        })
        .collect();
    out.extend(chart(
        &Timeline {
            rows,
            groups: levels.iter().map(|l| lang.level(*l).to_string()).collect(),
        },
        ChartId::Formulations,
        lang.pick(
            "提法首次出现的年份（按层级）",
            "First year of each formulation, by level",
        ),
        lang.pick(
            "每个点是该提法在某一层级文件中最早出现的年份。",
            "Each point is the first year the formulation appears at a level.",
        ),
    )?);
    out.extend(adoption_chart(report, lang)?);
    out.extend(matrix_chart(report, &labels, lang)?);
    for (k, d) in report.dispersions.iter().enumerate() {
        out.extend(chart(
            &charts::DispersionPlot::of(d),
            ChartId::Dispersion(k),
            &format!("{}{}", d.term, lang.pick(" 在各文件中的位置", ": where it falls in each document")),
            &match (lang, d.dp) {
                (Lang::Zh, Some((dp, _))) => format!("每行一份文件，深色竖线为出现位置，浅色竖线为一级标题所在；Gries DP = {dp:.2}（0 为均匀分布，越近 1 越集中）。"),
                (Lang::En, Some((dp, _))) => format!("One row per document: dark marks where the term occurs, light marks where top-level sections start; Gries' DP = {dp:.2} (0 evenly spread, towards 1 concentrated)."),
                (Lang::Zh, None) => "每行一份文件，深色竖线为出现位置，浅色竖线为一级标题所在。".to_string(),
                (Lang::En, None) => "One row per document: dark marks where the term occurs, light marks where top-level sections start.".to_string(),
            },
        )?);
    }
    for (k, trace) in report.traces.iter().enumerate() {
        out.extend(trace_chart(report, trace, k, &labels, lang)?);
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
            &DotPlot {
                a_len: c.a.structure.sentences.len(),
                b_len: c.b.structure.sentences.len(),
                a_label: format!("{a_label} {}", lang.pick("句序", "sentence")),
                b_label: format!("{b_label} {}", lang.pick("句序", "sentence")),
                points,
                kinds: kinds.iter().map(|k| lang.kind(*k).to_string()).collect(),
            },
            ChartId::DotPlot(k),
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
        )?);
    }
    Ok(out)
}

/// Shared and own formulations (rows) against the documents (columns): each cell's rate per
/// 10,000 Han characters, shaded against the row's highest rate.
fn matrix_chart(
    report: &Report,
    labels: &[String],
    lang: Lang,
) -> Result<Option<Chart>, RenderError> {
    let Some(m) = &report.matrix else {
        return Ok(None);
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
            _ => crate::render::truncate(&labels[i], 8),
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
            .map(|r| crate::render::truncate(&r.formulation, 24))
            .collect(),
        columns: m.docs.iter().map(|d| label_of(d)).collect(),
        values,
        cell_text: Some(cell_text),
    };
    chart(
        &spec,
        ChartId::FormulationMatrix,
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
fn adoption_chart(report: &Report, lang: Lang) -> Result<Option<Chart>, RenderError> {
    let d = &report.diffusion;
    let series = d
        .charted(ADOPTION_CURVES)
        .into_iter()
        .map(|f| {
            let points = d
                .curve(f)
                .into_iter()
                .map(|(y, s)| (y, s * 100.0))
                .collect();
            (crate::render::truncate(f, 24), points)
        })
        .collect();
    chart(
        &Lines {
            series,
            y_label: lang
                .pick("使用该提法的文件占比（%）", "documents using it (%)")
                .into(),
        },
        ChartId::Adoption,
        lang.pick("提法的扩散", "How formulations spread"),
        lang.pick(
            "每年下级（省、市、县）文件中使用该提法的比例；只有中央文件时按全部文件计。",
            "Each year, the share of lower-level (provincial, municipal, county) documents using the formulation; of all documents when the corpus is national only.",
        ),
    )
}

/// The base's top-level sections (columns) against the documents traced from it (rows, closest
/// first, as [`crate::trace::Trace::section_grid`] orders them).
fn trace_chart(
    report: &Report,
    trace: &crate::trace::Trace,
    k: usize,
    labels: &[String],
    lang: Lang,
) -> Result<Option<Chart>, RenderError> {
    let grid = trace.section_grid();
    // The columns are numbered by their markers (一、); the caption names each section.
    let named: Vec<String> = grid
        .sections
        .iter()
        .zip(&grid.headings)
        .map(|(marker, heading)| {
            if heading.starts_with(marker.as_str()) {
                crate::render::truncate(heading, 32)
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
    let spec = Grid {
        rows: grid.documents.iter().map(|id| label_of(id)).collect(),
        columns: grid.sections,
        values: grid.kept,
        cell_text: None,
    };
    chart(
        &spec,
        ChartId::Trace(k),
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
fn coverage_chart(
    report: &Report,
    labels: &[String],
    lang: Lang,
) -> Result<Option<Chart>, RenderError> {
    if let Some(reuse) = &report.reuse {
        let mut shares: Vec<&crate::reuse::ReusedShare> = reuse.shares.iter().collect();
        shares.sort_by(|x, y| y.share.total_cmp(&x.share).then(x.doc.cmp(&y.doc)));
        let rows = shares
            .into_iter()
            .take(PAIRS_SHOWN)
            .map(|s| (labels[s.doc as usize].clone(), vec![s.share, 1.0 - s.share]))
            .collect();
        let spec = StackedShares {
            rows,
            parts: vec![
                lang.pick("沿用较早或上级文件", "reused from earlier or higher-level")
                    .into(),
                lang.pick("其余", "the rest").into(),
            ],
        };
        return chart(
            &spec,
            ChartId::Coverage,
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
        return Ok(None);
    }
    let rows = report
        .comparisons
        .iter()
        .zip(&report.plan)
        .take(PAIRS_SHOWN)
        .map(|(c, planned)| {
            let cov = &c.alignment.coverage;
            let adapted = (cov.copy_ratio - cov.verbatim_ratio).max(0.0);
            (
                format!("{} → {}", labels[planned.a], labels[planned.b]),
                vec![cov.verbatim_ratio, adapted, (1.0 - cov.copy_ratio).max(0.0)],
            )
        })
        .collect();
    let spec = StackedShares {
        rows,
        parts: vec![
            lang.pick("照搬", "copied").into(),
            lang.pick("改写沿用", "adapted").into(),
            lang.pick("新写", "new").into(),
        ],
    };
    chart(
        &spec,
        ChartId::Coverage,
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

/// A table of `tables/`: its file stem and how to build it. Each is built only when it is written
/// (the keyness and trend tables of a large corpus run to a million rows).
pub type TableMaker<'a> = (TableId, Box<dyn Fn() -> Table + 'a>);

/// The tables of `tables/`, in the order they are written.
pub fn tables(report: &Report) -> Vec<TableMaker<'_>> {
    let mut all: Vec<TableMaker<'_>> = vec![
        (TableId::Documents, Box::new(|| sizes_table(&report.counts))),
        (TableId::Similarity, Box::new(|| similarity_table(report))),
        (TableId::Pairs, Box::new(|| pairs_table(report))),
        (TableId::Alignments, Box::new(|| alignments_table(report))),
        (TableId::Keyness, Box::new(|| all_keyness_table(report))),
        (TableId::Trends, Box::new(|| trends_table(&report.trends))),
        (TableId::Series, Box::new(|| report.series.clone())),
        (
            TableId::Formulations,
            Box::new(|| formulations_table(&report.formulations, &level_starts(&report.docs))),
        ),
        (
            TableId::FormulationAdoption,
            Box::new(|| report.diffusion.adoption_table()),
        ),
        (
            TableId::FormulationFirstUses,
            Box::new(|| report.diffusion.first_use_table()),
        ),
        (
            TableId::FormulationLags,
            Box::new(|| report.diffusion.lag_table()),
        ),
        (
            TableId::Enumerations,
            Box::new(|| lists_table(&report.lists)),
        ),
        (TableId::Kwic, Box::new(|| kwic_lines_table(report))),
    ];
    if let Some(m) = &report.matrix {
        all.push((
            TableId::FormulationMatrix,
            Box::new(move || crate::stats::matrix::matrix_table(m)),
        ));
    }
    if !report.own_formulations.is_empty() {
        all.push((
            TableId::OwnFormulations,
            Box::new(|| own_formulations_table(report)),
        ));
    }
    if !report.traces.is_empty() {
        all.push((
            TableId::TraceDocuments,
            Box::new(|| traces_table(report, crate::trace::document_table)),
        ));
        all.push((
            TableId::TraceVariants,
            Box::new(|| traces_table(report, crate::trace::variant_table)),
        ));
        all.push((TableId::Collation, Box::new(|| collations_table(report))));
    }
    if let Some(reuse) = &report.reuse {
        let docs = &report.corpus.documents;
        all.push((
            TableId::ReusePairs,
            Box::new(move || crate::reuse::tables::network(docs, &reuse.result)),
        ));
        all.push((
            TableId::ReuseSources,
            Box::new(move || crate::reuse::tables::sources(docs, &reuse.sources)),
        ));
        all.push((
            TableId::ReuseCoverage,
            Box::new(move || crate::reuse::tables::coverage(docs, &reuse.shares)),
        ));
    }
    all
}

/// Per document with sources: each formulation of its own text that none of its sources has.
fn own_formulations_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("formulation", ColumnType::Str),
        ("own_count", ColumnType::Int),
        ("sources", ColumnType::Str),
    ]);
    let id = |d: usize| report.docs[d].id.as_str();
    for own in &report.own_formulations {
        let sources: Vec<&str> = own.sources.iter().map(|&s| id(s)).collect();
        for (formulation, n) in &own.formulations {
            table.push(vec![
                id(own.doc).into(),
                formulation.as_str().into(),
                (*n).into(),
                sources.join(" ").into(),
            ]);
        }
    }
    table
}

/// One table for all the report's traces: the base, then `table`'s columns.
fn traces_table(report: &Report, table: fn(&crate::trace::Trace) -> Table) -> Table {
    with_base(report.traces.iter().map(|t| (t.base.as_str(), table(t))))
}

/// The collations in long form, each row with its base.
fn collations_table(report: &Report) -> Table {
    with_base(
        report
            .collations
            .iter()
            .map(|c| (c.base.as_str(), crate::collate::long_table(c))),
    )
}

/// Tables of one shape, one per base, as one table whose first column names the base.
fn with_base<'a>(tables: impl Iterator<Item = (&'a str, Table)>) -> Table {
    let mut all = Table::new(&[("base", ColumnType::Str)]);
    let mut rest: Option<Table> = None;
    for (base, t) in tables {
        for _ in 0..t.len() {
            all.push(vec![base.into()]);
        }
        match &mut rest {
            None => rest = Some(t),
            Some(rest) => {
                for (column, more) in rest.columns.iter_mut().zip(t.columns) {
                    column.values.extend(more.values);
                }
            }
        }
    }
    all.columns
        .extend(rest.map(|t| t.columns).unwrap_or_default());
    all
}

fn kwic_lines_table(report: &Report) -> Table {
    let lines: Vec<_> = report
        .kwic
        .iter()
        .flat_map(|(_, l)| l.iter().cloned())
        .collect();
    kwic_table(&lines)
}

/// One keyness table for all comparisons: which comparison, then the measures.
fn all_keyness_table(report: &Report) -> Table {
    let mut keyness = Table::new(&[("target", ColumnType::Str), ("reference", ColumnType::Str)]);
    for comparison in &report.keyness {
        for _ in &comparison.rows {
            keyness.push(vec![
                comparison.target.as_str().into(),
                comparison.reference.as_str().into(),
            ]);
        }
    }
    let rows: Vec<_> = report
        .keyness
        .iter()
        .flat_map(|c| c.rows.iter().cloned())
        .collect();
    keyness.columns.extend(keyness_table(&rows).columns);
    keyness
}

fn similarity_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("doc_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("cosine", ColumnType::Float),
    ]);
    for (i, row) in report.similarity.iter().enumerate() {
        for (j, value) in row.iter().enumerate() {
            let (a, b) = (report.heatmap_docs[i], report.heatmap_docs[j]);
            table.push(vec![
                report.docs[a].id.as_str().into(),
                report.docs[b].id.as_str().into(),
                (*value).into(),
            ]);
        }
    }
    table
}

fn pairs_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("pair", ColumnType::Int),
        ("doc_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("reason", ColumnType::Str),
        ("copy_ratio", ColumnType::Float),
        ("verbatim_ratio", ColumnType::Float),
        ("kept_ratio", ColumnType::Float),
        ("passage_ratio", ColumnType::Float),
        ("moved", ColumnType::Int),
        ("formulation_changes", ColumnType::Int),
    ]);
    for (k, (p, c)) in report.plan.iter().zip(&report.comparisons).enumerate() {
        let cov = &c.alignment.coverage;
        table.push(vec![
            Value::from(k),
            c.a.id.as_str().into(),
            c.b.id.as_str().into(),
            p.reason.label_en().into(),
            cov.copy_ratio.into(),
            cov.verbatim_ratio.into(),
            cov.kept_ratio.into(),
            cov.passage_ratio.into(),
            c.alignment.count(PairKind::Moved).into(),
            c.diff.formulation_changes.len().into(),
        ]);
    }
    table
}

fn alignments_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("pair", ColumnType::Int),
        ("kind", ColumnType::Str),
        ("similarity", ColumnType::Float),
        ("doc_a", ColumnType::Str),
        ("line_a", ColumnType::Int),
        ("text_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("line_b", ColumnType::Int),
        ("text_b", ColumnType::Str),
    ]);
    for (k, c) in report.comparisons.iter().enumerate() {
        for (i, p) in c.alignment.pairs.iter().enumerate() {
            let view = super::views::pair_view(c, i, p);
            let side = |s: &Option<super::views::SideView>| {
                s.as_ref().map_or((Value::Null, Value::Null), |s| {
                    (s.line.into(), s.text.as_str().into())
                })
            };
            let (line_a, text_a) = side(&view.a);
            let (line_b, text_b) = side(&view.b);
            table.push(vec![
                Value::from(k),
                p.kind.as_str().into(),
                p.similarity.into(),
                c.a.id.as_str().into(),
                line_a,
                text_a,
                c.b.id.as_str().into(),
                line_b,
                text_b,
            ]);
        }
    }
    table
}

#[derive(Serialize)]
struct Manifest<'a> {
    #[serde(flatten)]
    run: &'a RunInfo,
    lexicon_sha256: String,
    inputs: &'a [crate::report::InputFile],
    plan: Vec<PlanEntry<'a>>,
    files: Vec<&'a str>,
}

#[derive(Serialize)]
struct PlanEntry<'a> {
    a: &'a str,
    b: &'a str,
    reason: crate::report::plan::PairReason,
}

fn manifest(report: &Report, run: &RunInfo, files: &[String]) -> String {
    let manifest = Manifest {
        run,
        lexicon_sha256: crate::report::sha256_hex(crate::words::LEXICON.as_bytes()),
        inputs: &report.inputs,
        plan: report
            .plan
            .iter()
            .map(|p| PlanEntry {
                a: &report.docs[p.a].id,
                b: &report.docs[p.b].id,
                reason: p.reason,
            })
            .collect(),
        files: files.iter().map(String::as_str).collect(),
    };
    let mut out = serde_json::to_string_pretty(&manifest).expect("plain values");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_drop_a_shared_prefix_up_to_a_separator() {
        let ids: Vec<String> = ["gwr-1954", "gwr-1999", "gwr-2025"]
            .map(String::from)
            .to_vec();
        assert_eq!(axis_labels(&ids), ["1954", "1999", "2025"]);
        let samples: Vec<String> = ["000", "001", "002"].map(String::from).to_vec();
        assert_eq!(axis_labels(&samples), samples);
        assert_eq!(axis_labels(&["only-one".to_string()]), ["one"]);
    }

    #[test]
    fn only_large_tables_are_left_to_parquet_and_only_when_parquet_is_written() {
        let both = Formats::default();
        assert!(both.wants_csv(MAX_CSV_CELLS));
        assert!(!both.wants_csv(MAX_CSV_CELLS + 1));
        let csv_only = Formats {
            parquet: false,
            ..both
        };
        assert!(
            csv_only.wants_csv(MAX_CSV_CELLS * 10),
            "never no table at all"
        );
        let parquet_only = Formats { csv: false, ..both };
        assert!(!parquet_only.wants_csv(1));
    }
}
