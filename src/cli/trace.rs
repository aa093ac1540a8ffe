//! `tifa trace BASE [DIR]`: one higher-level text through every document that may draw on it, as
//! a summary, the variant table (base sentence × document) or the per-document table.

use super::stats::TableOutput;
use super::{InputArgs, Resolver, Words};
use crate::align::AlignOptions;
use crate::stats::counts::DocInfo;
use crate::stats::filter::Filter;
use crate::trace::{Trace, document_table, may_draw_on, trace, variant_table};
use anyhow::{Result, bail};
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

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The base (a national or provincial text): a document id of the corpus, or a file.
    pub base: String,
    /// Corpus folder (with or without manifest.csv), or a manifest file.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Trace the documents this filter names (`level=county`, `region=青岛市,year>=2020`) instead
    /// of those that may draw on the base (later or same-date, lower-level, in its hierarchy).
    #[arg(long, value_name = "FILTER")]
    pub to: Option<Filter>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = TraceTable::Summary)]
    pub table: TraceTable,
    /// Sentences less similar than this are not the base's sentence (0–1).
    #[arg(long, default_value_t = 0.5, value_name = "RATIO", value_parser = super::ratio)]
    pub min_similarity: f64,
    /// A user dictionary in jieba format; repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run(args: TraceArgs) -> Result<ExitCode> {
    let options = args.input.load_options()?;
    let resolver = Resolver::new(&args.dir, &options);
    let base = resolver.document(&args.base)?;
    let corpus = resolver.corpus()?;
    let targets: Vec<&crate::ingest::Document> = corpus
        .documents
        .iter()
        .filter(|d| d.id != base.id)
        .filter(|d| match &args.to {
            Some(filter) => filter.matches(&DocInfo::of(d, 0)),
            None => may_draw_on(&base, d),
        })
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
    let traced = trace(&base, &targets, words.segmenter(), &align);
    match args.table {
        TraceTable::Summary if args.output.is_terminal_table() => {
            let mut out = std::io::stdout().lock();
            out.write_all(summary(&traced).as_bytes())?;
        }
        TraceTable::Summary => args.output.write_json(&traced)?,
        TraceTable::Variants => args.output.write(&variant_table(&traced))?,
        TraceTable::Documents => args.output.write(&document_table(&traced))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Sentences shown at each end of the carried-over ranking.
const SHOWN_SENTENCES: usize = 5;

/// The terminal summary: one line per document, closest first, then the base sentences most and
/// least carried over.
fn summary(trace: &Trace) -> String {
    let mut s = format!(
        "{} traced through {} documents ({} sentences)\n\n",
        trace.base,
        trace.documents.len(),
        trace.sentences.len()
    );
    s.push_str(&crate::render::table::to_terminal(&document_table(trace)));
    let ranked = trace.by_carried();
    let line = |i: usize| {
        let sentence = &trace.sentences[i];
        let text: String = sentence.text.chars().take(40).collect();
        format!(
            "  {}/{}  {}  {}\n",
            trace.carried(i),
            trace.documents.len(),
            sentence.citation,
            text
        )
    };
    s.push_str("\nmost carried over:\n");
    for &i in ranked.iter().take(SHOWN_SENTENCES) {
        s.push_str(&line(i));
    }
    s.push_str("least carried over:\n");
    for &i in ranked.iter().rev().take(SHOWN_SENTENCES) {
        s.push_str(&line(i));
    }
    s
}
