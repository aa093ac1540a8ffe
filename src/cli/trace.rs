//! `tifa trace BASE [DIR]`: one higher-level text through every document that may draw on it, as
//! a summary, the variant table (base sentence × document) or the per-document table; and
//! `tifa collate BASE [DIR]`: the same trace as a collation table, every document's wording of
//! each base sentence side by side.

use super::stats::{TableFormat, TableOutput};
use super::{InputArgs, Resolver, Words};
use crate::align::AlignOptions;
use crate::collate::{CollateOptions, DocOrder, collate, long_table, wide_table};
use crate::render;
use crate::stats::counts::DocInfo;
use crate::stats::filter::Filter;
use crate::trace::{Trace, document_table, may_draw_on, trace, variant_table};
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceTable {
    /// Per document what it keeps of the base, then the base's most and least carried-over
    /// sentences (with --format json: the whole trace).
    Summary,
    /// Base sentence × document → identical, changed, moved or dropped, similarity, citation.
    Variants,
    /// Per document: sentences per kind, share taken from the base, share of the base kept, its
    /// own sections.
    Documents,
}

/// The base and the documents traced from it, shared by `trace` and `collate`.
#[derive(Debug, Args)]
pub struct BaseArgs {
    /// The base (a national or provincial text): a document id of the corpus, or a file.
    pub base: String,
    /// Corpus folder (with or without manifest.csv), or a manifest file.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Trace the documents this filter names (`level=county`, `region=青岛市,year>=2020`) instead
    /// of those that may draw on the base (later or same-date, lower-level, in its hierarchy).
    #[arg(long, value_name = "FILTER")]
    pub to: Option<Filter>,
    /// Sentences less similar than this are not the base's sentence (0–1).
    #[arg(long, default_value_t = 0.5, value_name = "RATIO", value_parser = super::ratio)]
    pub min_similarity: f64,
    /// A user dictionary in jieba format; repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    #[command(flatten)]
    pub select: BaseArgs,
    /// What to print.
    #[arg(long, value_enum, default_value_t = TraceTable::Summary)]
    pub table: TraceTable,
    #[command(flatten)]
    pub output: TableOutput,
}

/// The traced corpus: the base, the documents traced (in corpus order) and their trace.
pub(crate) struct Traced {
    pub base: crate::ingest::Document,
    pub corpus: crate::ingest::Corpus,
    /// Indices into `corpus.documents`, in the trace's order.
    pub targets: Vec<usize>,
    pub trace: Trace,
    pub words: Words,
}

impl Traced {
    pub fn documents(&self) -> Vec<&crate::ingest::Document> {
        self.targets
            .iter()
            .map(|&i| &self.corpus.documents[i])
            .collect()
    }
}

impl BaseArgs {
    /// Loads the corpus and the base, selects the documents and traces them.
    pub(crate) fn trace(&self) -> Result<Traced> {
        let args = self;
        let options = args.input.load_options()?;
        let resolver = Resolver::new(&args.dir, &options);
        let base = resolver.document(&args.base)?;
        let corpus = resolver.into_corpus()?;
        let targets: Vec<usize> = corpus
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.id != base.id)
            .filter(|(_, d)| match &args.to {
                Some(filter) => filter.matches(&DocInfo::of(d, 0)),
                None => may_draw_on(&base, d),
            })
            .map(|(i, _)| i)
            .collect();
        if targets.is_empty() {
            match &args.to {
                Some(filter) => bail!(
                    "no document other than the base matches `{filter}` in {}",
                    args.dir.display()
                ),
                None => bail!(
                    "no document of {} may draw on `{}` (none is later or as recent, of a lower level and in its hierarchy): name them with --to, e.g. --to level=county",
                    args.dir.display(),
                    base.id
                ),
            }
        }
        let words = Words::with_dictionaries(&args.dict)?;
        let align = AlignOptions {
            min_similarity: args.min_similarity,
            ..AlignOptions::default()
        };
        let docs: Vec<&crate::ingest::Document> =
            targets.iter().map(|&i| &corpus.documents[i]).collect();
        let trace = trace(&base, &docs, words.segmenter(), &align);
        Ok(Traced {
            base,
            corpus,
            targets,
            trace,
            words,
        })
    }
}

pub fn run(args: TraceArgs) -> Result<ExitCode> {
    let traced = args.select.trace()?.trace;
    match args.table {
        TraceTable::Summary if args.output.is_terminal_table() => {
            let mut out = std::io::stdout().lock();
            out.write_all(crate::render::text::trace_summary(&traced).as_bytes())?;
        }
        TraceTable::Summary => args.output.write_json(&traced)?,
        TraceTable::Variants => args.output.write(&variant_table(&traced))?,
        TraceTable::Documents => args.output.write(&document_table(&traced))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What `tifa collate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CollateFormat {
    /// Per base sentence its heat and each document's wording with `[-left out-]{+inserted+}`.
    Text,
    /// One offline page: the base column fixed while the documents scroll; A4 landscape in print.
    Html,
    /// One sheet (needs --out): the base frozen, wrapped cells, inserted words red.
    Xlsx,
    /// The long table (base sentence × document), or the wide one with --wide.
    Csv,
    /// The whole collation as one JSON object (rows, cells, marked pieces).
    Json,
    /// The long (or --wide) table as JSON Lines.
    Jsonl,
    /// The long (or --wide) table as Apache Parquet (needs --out).
    Parquet,
}

#[derive(Debug, Args)]
pub struct CollateArgs {
    #[command(flatten)]
    pub select: BaseArgs,
    /// Only the base's sentences in this section, by its heading markers: `三、` or `三、/（二）`.
    #[arg(long, value_name = "MARKERS")]
    pub section: Option<String>,
    /// The order of the document columns.
    #[arg(long, value_enum, default_value_t = DocOrder::Level)]
    pub order: DocOrder,
    /// Only base sentences that at least this many documents keep (identical, changed or moved);
    /// 0 lists every sentence of the base.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_kept: usize,
    /// Tables (csv, jsonl, parquet): one row per base sentence and one column per document,
    /// instead of one row per base sentence and document.
    #[arg(long)]
    pub wide: bool,
    /// Output format; by default taken from the --out extension (.html, .xlsx, .csv, .json,
    /// .jsonl, .parquet), else text.
    #[arg(long, value_enum)]
    pub format: Option<CollateFormat>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl CollateArgs {
    fn format(&self) -> CollateFormat {
        self.format.unwrap_or_else(|| {
            let ext = self
                .out
                .as_deref()
                .and_then(std::path::Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_lowercase);
            match ext.as_deref() {
                Some("html" | "htm") => CollateFormat::Html,
                Some("xlsx") => CollateFormat::Xlsx,
                Some("csv") => CollateFormat::Csv,
                Some("json") => CollateFormat::Json,
                Some("jsonl" | "ndjson") => CollateFormat::Jsonl,
                Some("parquet") => CollateFormat::Parquet,
                _ => CollateFormat::Text,
            }
        })
    }
}

pub fn run_collate(args: CollateArgs) -> Result<ExitCode> {
    let format = args.format();
    if matches!(format, CollateFormat::Xlsx | CollateFormat::Parquet)
        && args.out.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        bail!("this format is binary: give --out FILE (or pipe stdout to a file)");
    }
    let traced = args.select.trace()?;
    let options = CollateOptions {
        section: args.section.clone(),
        order: args.order,
        min_kept: args.min_kept,
    };
    let collation = collate(
        &traced.trace,
        &traced.base,
        &traced.documents(),
        traced.words.segmenter(),
        &options,
    )?;
    let table = || {
        if args.wide {
            wide_table(&collation)
        } else {
            long_table(&collation)
        }
    };
    let table_format = |format| TableOutput {
        format: Some(format),
        out: args.out.clone(),
    };
    let bytes = match format {
        CollateFormat::Text => render::collation::terminal(&collation).into_bytes(),
        CollateFormat::Html => render::collation::html(&collation).into_bytes(),
        CollateFormat::Xlsx => {
            render::collation::xlsx(&collation, &crate::render::report::report_date())
                .context("cannot build the workbook")?
        }
        CollateFormat::Json => {
            return table_format(TableFormat::Json)
                .write_json(&collation)
                .map(|()| ExitCode::SUCCESS);
        }
        CollateFormat::Csv => {
            return table_format(TableFormat::Csv)
                .write(&table())
                .map(|()| ExitCode::SUCCESS);
        }
        CollateFormat::Jsonl => {
            return table_format(TableFormat::Jsonl)
                .write(&table())
                .map(|()| ExitCode::SUCCESS);
        }
        CollateFormat::Parquet => {
            return table_format(TableFormat::Parquet)
                .write(&table())
                .map(|()| ExitCode::SUCCESS);
        }
    };
    match &args.out {
        Some(path) => super::write_atomically(path, &bytes)?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
