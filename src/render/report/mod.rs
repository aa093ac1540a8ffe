//! Report writing: a [`Report`] and its [`ReportPresentation`] → the files of the report folder
//! ([`ReportFile`]s, handed over one by one as they are made by [`emit_files`]; [`write_folder`]
//! writes them): `index.html`, `report.md`, `report.docx`, `report.xlsx`, `redlines/`,
//! `collations/`, `charts/*.svg|png`, `tables/*.csv|parquet`, `report.json` (the presentation)
//! and `manifest.json`. Nothing here decides what the report shows: each writer prints the
//! presentation; charts are drawn once from its specs and shared by the documents.

pub mod docx;
#[cfg(test)]
mod fixture;
pub mod html;
pub mod markdown;
pub mod xlsx;

use super::charts::{self, Chart};
use crate::present::TableId;
use crate::present::labels::Lang;
use crate::present::report::{ReportPresentation, tables::tables};
use crate::render::table::{frame_to_parquet, to_csv, to_parquet};
use crate::report::Report;
use crate::report::folder::{FolderError, ReportFile, write_streamed};
use crate::stats::frame::counts_table;
use crate::table::Table;
use enumset::{EnumSet, EnumSetType};
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

/// A kind of file the report folder holds besides the charts, report.json and manifest.json.
#[derive(Debug, EnumSetType, Serialize, serde::Deserialize, clap::ValueEnum)]
#[enumset(serialize_repr = "list")]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// index.html.
    Html,
    /// report.md.
    #[value(alias = "markdown")]
    Md,
    /// report.docx: the briefing and summaries (everything with `--full-word`).
    #[value(alias = "word")]
    Docx,
    /// report.xlsx: the tables as sheets of one workbook.
    #[value(alias = "excel")]
    Xlsx,
    /// redlines/*.docx: each shown pair as a Word document with tracked changes.
    #[value(alias = "redlines")]
    Redline,
    /// tables/*.csv.
    Csv,
    /// tables/*.parquet.
    Parquet,
}

/// The formats to write: a set of [`Format`]s, all of them by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Formats(pub EnumSet<Format>);

impl Default for Formats {
    fn default() -> Self {
        Self(EnumSet::all())
    }
}

impl FromIterator<Format> for Formats {
    fn from_iter<I: IntoIterator<Item = Format>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Formats {
    /// Whether `format` is written.
    pub fn has(self, format: Format) -> bool {
        self.0.contains(format)
    }

    /// Whether a table of `cells` cells is written as CSV.
    fn wants_csv(self, cells: usize) -> bool {
        self.has(Format::Csv) && (cells <= MAX_CSV_CELLS || !self.has(Format::Parquet))
    }
}

/// How a report is rendered, validated once from the command line: the language, the formats,
/// the Word report's length and font, and the date its office files carry.
#[derive(Debug, Clone, Serialize)]
pub struct RenderConfig {
    pub lang: Lang,
    pub formats: Formats,
    /// report.docx with all the evidence (`--full-word`), not the briefing and summaries alone.
    pub full_word: bool,
    /// The East Asian font of report.docx.
    pub east_asian_font: String,
    /// The date report.docx and report.xlsx give as their creation (RFC 3339):
    /// `SOURCE_DATE_EPOCH`, else today.
    pub date: String,
}

impl Default for RenderConfig {
    /// A Chinese report in every format, the briefing as the Word report, in 宋体, dated today.
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            formats: Formats::default(),
            full_word: false,
            east_asian_font: "宋体".into(),
            date: report_date(),
        }
    }
}

/// What `manifest.json` records about the run besides the inputs, the report's options and the
/// rendering: the tool, the corpus and what else shaped the result.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: &'static str,
    pub version: &'static str,
    pub corpus: String,
    /// passim's output folder the corpus-wide reuse was read from (`--from-passim`).
    pub from_passim: Option<String>,
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
    /// A run on `corpus` with nothing else recorded, as benchmarks make it.
    pub fn of(corpus: &std::path::Path) -> Self {
        Self {
            tool: "tifa",
            version: env!("CARGO_PKG_VERSION"),
            corpus: corpus.display().to_string(),
            from_passim: None,
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
    config: &RenderConfig,
    out: &std::path::Path,
    force: bool,
) -> Result<(std::path::PathBuf, usize), WriteError> {
    let mut count = 0;
    let folder = write_streamed(out, force, |sink| {
        count = emit_files(report, run, config, &mut |file| {
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
    config: &RenderConfig,
    emit: &mut dyn FnMut(ReportFile) -> Result<(), E>,
) -> Result<usize, E> {
    let (lang, formats) = (config.lang, config.formats);
    let mut names: Vec<String> = Vec::new();
    let mut send = |file: ReportFile| {
        names.push(file.path.to_string_lossy().into_owned());
        emit(file)
    };
    let presentation = ReportPresentation::of(report, lang, formats.has(Format::Redline));
    let charts = presentation
        .charts
        .iter()
        .map(|spec| charts::draw(spec).map_err(|e| RenderError::Chart(spec.id.file_stem(), e)))
        .collect::<Result<Vec<Chart>, RenderError>>()?;
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
        .has(Format::Xlsx)
        .then(|| xlsx::WorkbookBuilder::new(lang, &config.date));
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
        if formats.has(Format::Parquet) {
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
    for (c, path) in report.comparisons.iter().zip(&presentation.redlines) {
        let docx = super::redline::render(c, &config.date, &config.east_asian_font)
            .map_err(|e| RenderError::Docx(format!("{path}: {e}")))?;
        send(ReportFile::new(path.as_str(), docx))?;
    }
    if formats.has(Format::Md) {
        send(ReportFile::new(
            "report.md",
            markdown::render(&presentation.blocks, &charts),
        ))?;
    }
    if formats.has(Format::Docx) {
        // The Word report is the briefing and the summaries (under 60 pages for 30 documents);
        // the evidence is in the other formats, and in Word with --full-word.
        let word_blocks = if config.full_word {
            &presentation.blocks
        } else {
            &presentation.brief
        };
        let options = docx::DocxOptions {
            title: presentation.title.clone(),
            east_asian_font: config.east_asian_font.clone(),
            date: config.date.clone(),
            contents: ReportPresentation::contents(word_blocks),
        };
        let docx = docx::render(word_blocks, &charts, &options).map_err(RenderError::Docx)?;
        send(ReportFile::new("report.docx", docx))?;
    }
    if formats.has(Format::Html) {
        send(ReportFile::new(
            "index.html",
            html::render(
                &presentation.blocks,
                &charts,
                lang,
                Some(&presentation.explore),
            ),
        ))?;
    }
    // The collations are pages of their own: one row per base sentence, a column per document.
    for ((_, c), path) in crate::present::report::collations(report)
        .into_iter()
        .zip(&presentation.collations)
    {
        send(ReportFile::new(
            path.as_str(),
            crate::render::collation::html(c),
        ))?;
    }
    let mut json = serde_json::to_string(&presentation).expect("plain values");
    json.push('\n');
    send(ReportFile::new("report.json", json))?;
    let manifest = manifest(report, run, config, &names);
    emit(ReportFile::new("manifest.json", manifest))?;
    Ok(names.len() + 1)
}

/// Beyond this many cells a table is written as Parquet only (when Parquet is written at all): as
/// CSV the keyness and trend tables of 10,000 documents ran to 130 and 70 MB, past what a
/// spreadsheet opens.
pub const MAX_CSV_CELLS: usize = 2_000_000;

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
    if formats.has(Format::Parquet) {
        let parquet = |e: polars::prelude::PolarsError| {
            RenderError::Parquet("term_counts".into(), e.to_string())
        };
        let frame = crate::stats::frame::counts_frame(counts).map_err(parquet)?;
        let bytes = frame_to_parquet(frame).map_err(parquet)?;
        files.push(ReportFile::new("tables/term_counts.parquet", bytes));
    }
    Ok(files)
}

#[derive(Serialize)]
struct Manifest<'a> {
    #[serde(flatten)]
    run: &'a RunInfo,
    #[serde(flatten)]
    render: &'a RenderConfig,
    #[serde(flatten)]
    options: &'a crate::report::ReportOptions,
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

fn manifest(report: &Report, run: &RunInfo, config: &RenderConfig, files: &[String]) -> String {
    let manifest = Manifest {
        run,
        render: config,
        options: &report.options,
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
    fn only_large_tables_are_left_to_parquet_and_only_when_parquet_is_written() {
        let both = Formats::default();
        assert!(both.wants_csv(MAX_CSV_CELLS));
        assert!(!both.wants_csv(MAX_CSV_CELLS + 1));
        let csv_only: Formats = [Format::Html, Format::Csv].into_iter().collect();
        assert!(
            csv_only.wants_csv(MAX_CSV_CELLS * 10),
            "never no table at all"
        );
        let parquet_only: Formats = [Format::Parquet].into_iter().collect();
        assert!(!parquet_only.wants_csv(1));
    }
}
