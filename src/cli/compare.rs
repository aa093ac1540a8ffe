//! `tifa diff A B` and `tifa align A B`: load two documents, compare them, render.

use super::{InputArgs, Resolver, Words};
use crate::align::AlignOptions;
use crate::compare::{Comparison, compare};
use crate::present::labels::Lang;
use crate::present::pair::{Layout, PairPresentation, Show};
use crate::present::views::{DocumentView, PairView, Segment, is_shown, pair_views, segments};
use crate::render::report::docx;
use crate::render::report::{html, markdown};
use crate::render::text::{self, TextStyle};
use crate::render::{align_table, redline};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The two documents and how to compare them.
#[derive(Debug, Args)]
pub struct PairArgs {
    /// The earlier or higher-level document: a corpus id (or unique prefix) or a path to any file.
    pub a: String,
    /// The later or lower-level document: a corpus id (or unique prefix) or a path to any file.
    pub b: String,
    /// Corpus folder in which ids are looked up.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Sentence pairs less similar than this (0–1) are not pairs.
    #[arg(long, default_value_t = 0.5, value_name = "RATIO", value_parser = super::ratio)]
    pub min_similarity: f64,
    /// Sentences lying in order between two aligned neighbours pair from this similarity on
    /// (0–1): their place vouches for them, so heavily rewritten sentences still pair.
    #[arg(long, default_value_t = 0.35, value_name = "RATIO", value_parser = super::ratio)]
    pub min_in_order_similarity: f64,
    /// Shortest shared passage reported, in Chinese characters (letters and digits count too).
    #[arg(long, default_value_t = 12, value_name = "CHARS")]
    pub min_chars: usize,
    /// A user dictionary in jieba format; repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

impl PairArgs {
    fn run(&self) -> Result<Comparison> {
        let options = self.input.load_options()?;
        let resolver = Resolver::new(&self.corpus, &options);
        let (a, b) = self.read_both(&resolver, &options)?;
        // Only the dictionary words of these two texts: loading jieba's whole dictionary would
        // take longer than reading both files.
        let words = Words::for_texts(&self.dict, &[&a.normalized.text, &b.normalized.text])?;
        let align = AlignOptions {
            min_similarity: self.min_similarity,
            min_passage_chars: self.min_chars,
            min_in_order_similarity: self.min_in_order_similarity,
        };
        Ok(compare(a, b, words.segmenter(), &align))
    }
}

impl PairArgs {
    /// Both documents; two files are read at once (an id needs the corpus, which is read once).
    fn read_both(
        &self,
        resolver: &Resolver<'_>,
        options: &crate::ingest::LoadOptions,
    ) -> Result<(crate::ingest::Document, crate::ingest::Document)> {
        let is_file = |key: &str| key != "-" && std::path::Path::new(key).is_file();
        if !(is_file(&self.a) && is_file(&self.b)) {
            return Ok((resolver.document(&self.a)?, resolver.document(&self.b)?));
        }
        std::thread::scope(|scope| {
            let b = scope.spawn(|| Resolver::new(&self.corpus, options).document(&self.b));
            let a = resolver.document(&self.a);
            let b = b
                .join()
                .map_err(|_| anyhow::anyhow!("reading {} failed", self.b))?;
            Ok((a?, b?))
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Html,
    Json,
    /// A Word document of B with A's changes as tracked changes (needs --out).
    Docx,
    /// A Word document with A and B side by side, one row per sentence pair (needs --out).
    DocxTable,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub pair: PairArgs,
    /// Output format: terminal text, Markdown, a self-contained HTML page, JSON, a Word redline
    /// (docx: accept all changes for B, reject all for A) or a side-by-side Word table.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write to FILE instead of standard output (needed for docx and docx-table); FILE is
    /// replaced only once it is whole.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The Chinese font of Word output: 宋体 (default), 仿宋, 黑体 or any installed font name.
    #[arg(long, default_value = "宋体", value_name = "NAME")]
    pub east_asian_font: String,
    /// Colors in the terminal (auto: only when stdout is a terminal).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Labels in Chinese (default) or English.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// Rows per list (terms, changes; in the terminal also runs of added and dropped text,
    /// which Markdown and HTML list in full).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Which text to show besides the summary and the term lists: any of added, dropped,
    /// changed, moved (comma-separated), or all.
    #[arg(long, default_value = "all", value_name = "KINDS", value_parser = parse_show)]
    pub show: Show,
    /// Wrap width in columns (default: $COLUMNS, else 100).
    #[arg(long)]
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    #[command(flatten)]
    pub pair: PairArgs,
    /// JSON (an object with `pairs`) or CSV (UTF-8 with BOM, one row per pair).
    #[arg(long, value_enum, default_value_t = TableFormat::Json)]
    pub format: TableFormat,
}

fn parse_show(s: &str) -> Result<Show, String> {
    s.parse()
}

pub fn run_diff(args: DiffArgs) -> Result<ExitCode> {
    let c = args.pair.run()?;
    let presentation = PairPresentation::of(&c);
    let layout = Layout {
        lang: args.lang,
        level: 1,
        top: args.top,
        // A document shows all the added and dropped text; the terminal the longest runs.
        runs: if matches!(args.format, DiffFormat::Text) {
            args.top
        } else {
            usize::MAX
        },
        show: args.show,
        compact: matches!(args.format, DiffFormat::Text),
    };
    let out = match args.format {
        DiffFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                // NO_COLOR (when set and not empty), CLICOLOR_FORCE, CLICOLOR and TERM=dumb.
                ColorChoice::Auto => {
                    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
                }
            };
            let width = args
                .width
                .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
                .unwrap_or(100);
            text::render(&presentation.blocks(&layout), &TextStyle { color, width })
        }
        DiffFormat::Md => markdown::render(&presentation.blocks(&layout), &[]),
        DiffFormat::Html => html::render(&presentation.blocks(&layout), &[], args.lang, None),
        DiffFormat::Json => diff_json(&c, &presentation)?,
        DiffFormat::Docx | DiffFormat::DocxTable => {
            let Some(path) = &args.out else {
                bail!("--format docx writes a Word file: give it a name with --out FILE.docx");
            };
            let bytes = if matches!(args.format, DiffFormat::Docx) {
                redline::render(&c, &change_date(), &args.east_asian_font)
            } else {
                let blocks = crate::present::pair::side_by_side(&c, args.lang);
                let options = docx::DocxOptions {
                    title: format!("{} → {}", c.a.id, c.b.id),
                    east_asian_font: args.east_asian_font.clone(),
                    date: change_date(),
                    contents: Vec::new(),
                };
                docx::render(&blocks, &[], &options)
            }
            .map_err(|e| anyhow::anyhow!("cannot write the Word document: {e}"))?;
            super::write_atomically(path, &bytes)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    match &args.out {
        Some(path) => super::write_atomically(path, out.as_bytes())?,
        None => print!("{out}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The date of tracked changes: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
fn change_date() -> String {
    crate::render::report::source_date()
        .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Writes `bytes` to `path` through a temporary file beside it, so that `path` is never left
/// half-written.
pub fn run_align(args: AlignArgs) -> Result<ExitCode> {
    let c = args.pair.run()?;
    let out = match args.format {
        TableFormat::Json => align_table::json(&c)? + "\n",
        TableFormat::Csv => align_table::csv(&c)?,
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct DiffJson<'a> {
    a: DocumentView,
    b: DocumentView,
    /// What the text, Markdown and HTML outputs show, as data.
    presentation: &'a PairPresentation,
    coverage: &'a crate::align::Coverage,
    formulation_changes: &'a [crate::diff::FormulationChange],
    terms: &'a crate::stats::pair_terms::PairTerms,
    pairs: Vec<PairWithDiff>,
    passages: &'a [crate::align::Passage],
}

#[derive(Serialize)]
struct PairWithDiff {
    #[serde(flatten)]
    pair: PairView,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diff: Vec<Segment>,
}

fn diff_json(c: &Comparison, presentation: &PairPresentation) -> Result<String> {
    let pairs = pair_views(c)
        .into_iter()
        .enumerate()
        .map(|(k, pair)| {
            let shown = is_shown(pair.kind);
            PairWithDiff {
                pair,
                diff: if shown { segments(c, k) } else { Vec::new() },
            }
        })
        .collect();
    let out = DiffJson {
        a: DocumentView::of(&c.a),
        b: DocumentView::of(&c.b),
        presentation,
        coverage: &c.alignment.coverage,
        formulation_changes: &c.diff.formulation_changes,
        terms: &c.terms,
        pairs,
        passages: &c.alignment.passages,
    };
    Ok(serde_json::to_string_pretty(&out)? + "\n")
}
