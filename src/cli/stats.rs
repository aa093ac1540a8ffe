//! `tifa terms`, `keyness`, `trend`, `formulations`, `kwic`: read a corpus in batches (keeping only
//! what the statistic needs of each document), run one statistic, write its table as a terminal
//! table, CSV, JSON or Parquet.

use super::{InputArgs, Words, exit, write_atomically};
use crate::ingest::Document;
use crate::normalize::query_to_simplified;
use crate::parallel::parallel_map;
use crate::render::table::{frame_to_parquet, to_csv, to_json, to_parquet, to_terminal};
use crate::reuse::ReuseDoc;
use crate::reuse::inherited::{Inherited, inherited_text};
use crate::stats::counts::{CountOptions, Counter, QueryChoice, QueryHits, TermCounts};
use crate::stats::filter::Filter;
use crate::stats::formulations::{
    FormulationTally, enumeration_lists, formulations_table, level_starts, lists_table,
};
use crate::stats::frame::{counts_frame, counts_table, sizes_table};
use crate::stats::kwic::{KwicLine, kwic_hits, kwic_lines, kwic_table};
use crate::stats::terms::{GroupBy, keyness, keyness_table, terms_by};
use crate::stats::trends::{
    query_counts, resolve_query_counts, series, trends_per_level, trends_table, vocabulary_trends,
};
use crate::stats::{counts::DocInfo, parse_ngrams};
use crate::table::Table;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for the terminal.
    Table,
    /// UTF-8 with BOM (Excel reads Chinese), formula-safe.
    Csv,
    /// An array of row objects keyed by column name, in column order.
    Json,
    /// JSON Lines: one row object per line (for jq, polars.read_ndjson, streaming).
    Jsonl,
    /// Apache Parquet (needs --out), for polars or pandas.
    Parquet,
}

/// Where and how a table is written; shared by every statistics command.
#[derive(Debug, Clone, Args)]
pub struct TableOutput {
    /// Output format; by default taken from the --out extension (.csv, .json, .parquet), else a table.
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl TableOutput {
    fn format(&self) -> TableFormat {
        self.format.unwrap_or_else(|| {
            let ext = self
                .out
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_lowercase);
            match ext.as_deref() {
                Some("csv") => TableFormat::Csv,
                Some("json") => TableFormat::Json,
                Some("jsonl" | "ndjson") => TableFormat::Jsonl,
                Some("parquet") => TableFormat::Parquet,
                _ => TableFormat::Table,
            }
        })
    }

    pub(crate) fn write(&self, table: &Table) -> Result<()> {
        let bytes = match self.format() {
            TableFormat::Table => to_terminal(table).into_bytes(),
            TableFormat::Csv => to_csv(table).into_bytes(),
            TableFormat::Json => to_json(table).into_bytes(),
            TableFormat::Jsonl => crate::render::table::to_jsonl(table).into_bytes(),
            TableFormat::Parquet => {
                self.refuse_binary_on_terminal()?;
                to_parquet(table).context("cannot build the Parquet table")?
            }
        };
        self.write_bytes(&bytes)
    }

    /// The long counts table: as Parquet straight from the interned counts, with categorical
    /// columns (the same file as a report's `tables/term_counts.parquet`); otherwise as a table.
    pub(crate) fn write_counts(&self, counts: &TermCounts) -> Result<()> {
        if self.format() != TableFormat::Parquet {
            return self.write(&counts_table(counts));
        }
        self.refuse_binary_on_terminal()?;
        let bytes = counts_frame(counts)
            .and_then(frame_to_parquet)
            .context("cannot build the Parquet table")?;
        self.write_bytes(&bytes)
    }

    /// Whether the output is the terminal table (no --format and no --out with an extension).
    pub(crate) fn is_terminal_table(&self) -> bool {
        self.format() == TableFormat::Table
    }

    /// A result that is not one table, as JSON (or JSON Lines of one line).
    pub(crate) fn write_json(&self, value: &impl serde::Serialize) -> Result<()> {
        let mut bytes = match self.format() {
            TableFormat::Json | TableFormat::Table => serde_json::to_vec_pretty(value)?,
            TableFormat::Jsonl => serde_json::to_vec(value)?,
            other => bail!(
                "this result is not one table: give --format json (not {other:?}), or choose a --table"
            ),
        };
        bytes.push(b'\n');
        self.write_bytes(&bytes)
    }

    fn refuse_binary_on_terminal(&self) -> Result<()> {
        if self.out.is_none() && std::io::stdout().is_terminal() {
            bail!("Parquet is binary: give --out FILE.parquet (or pipe stdout to a file)");
        }
        Ok(())
    }

    fn write_bytes(&self, bytes: &[u8]) -> Result<()> {
        match &self.out {
            Some(path) => write_atomically(path, bytes),
            None => {
                use std::io::Write;
                std::io::stdout().write_all(bytes)?;
                Ok(())
            }
        }
    }
}

/// The corpus and word options shared by every statistics command.
#[derive(Debug, Clone, Args)]
pub struct CorpusInput {
    /// A user dictionary in jieba format (word [frequency] [tag]); repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// `--own-text`, for the commands that count terms.
#[derive(Debug, Clone, Copy, Args)]
pub struct OwnText {
    /// Count only each document's own text: leave out what it shares with an earlier or
    /// higher-level document (its likely sources, as `tifa reuse --table sources` lists them;
    /// rates are then per 10,000 characters of own text). Reads the whole corpus before
    /// counting. With `terms --counts`, `count` stays the whole text and an `inherited` column
    /// beside it counts the occurrences in shared text.
    #[arg(long)]
    pub own_text: bool,
}

impl CorpusInput {
    /// Counts the terms of the corpus while reading it, holding one batch of documents at a time;
    /// with `own.own_text`, reads it whole, finds each document's inherited text, and counts its
    /// occurrences in it too ([`TermCounts::inherited`]).
    fn counts(&self, dir: &Path, ngrams: &str, own: OwnText) -> Result<TermCounts> {
        let words = Words::with_dictionaries(&self.dict)?;
        let mut options = CountOptions {
            ngrams: parse_ngrams(ngrams)?,
            ..Default::default()
        };
        if !own.own_text {
            let mut counter = Counter::new(words.segmenter(), options);
            super::stream_corpus(dir, &self.input, |batch| counter.add(&batch))?;
            return Ok(counter.finish());
        }
        let (docs, inherited) = self.read_with_inherited(dir)?;
        options.inherited = Some(inherited.into());
        Ok(crate::stats::counts::count(
            &docs,
            words.segmenter(),
            &options,
        ))
    }

    /// The whole corpus, and each document's inherited text.
    fn read_with_inherited(&self, dir: &Path) -> Result<(Vec<Document>, Vec<Inherited>)> {
        let mut docs = Vec::new();
        super::stream_corpus(dir, &self.input, |batch| docs.extend(batch))?;
        let reuse: Vec<ReuseDoc> = docs.iter().map(ReuseDoc::of).collect();
        let inherited = inherited_text(&reuse);
        Ok((docs, inherited))
    }
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Group documents by document, year or level.
    #[arg(long, value_enum, default_value_t = GroupBy::Doc)]
    pub by: GroupBy,
    /// Most frequent terms per group.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Leave out terms found in fewer documents of the corpus.
    #[arg(long, default_value_t = 1)]
    pub min_docs: u32,
    /// Word n-gram lengths: 1 (words and formulations), 2, or a range such as 1-4.
    #[arg(long, default_value = "1")]
    pub ngrams: String,
    /// Print the long counts table (doc, year, level, region, term, kind, count) instead.
    #[arg(long, conflicts_with = "sizes")]
    pub counts: bool,
    /// Print the document sizes (Han characters, tokens) instead.
    #[arg(long)]
    pub sizes: bool,
    #[command(flatten)]
    pub own: OwnText,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_terms(args: TermsArgs) -> Result<ExitCode> {
    let counts = args.corpus.counts(&args.dir, &args.ngrams, args.own)?;
    if args.counts {
        args.output.write_counts(&counts)?;
        return Ok(ExitCode::SUCCESS);
    }
    let counts = counts.own_text();
    let table = if args.sizes {
        sizes_table(&counts)
    } else {
        terms_by(&counts, args.by, args.top, args.min_docs)
    };
    args.output.write(&table)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct KeynessArgs {
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Target documents: FIELD OP VALUE, comma-separated conditions all holding, e.g. level=county, year=2023, year<2023, region=河南省.
    #[arg(long, value_name = "FILTER")]
    pub target: Filter,
    /// Reference documents, as --target; by default every document not in the target.
    #[arg(long, value_name = "FILTER")]
    pub reference: Option<Filter>,
    /// Leave out terms found in fewer documents of target and reference together.
    #[arg(long, default_value_t = 1)]
    pub min_docs: u32,
    /// Show only the first N rows (most key for the target first); 0 for all.
    #[arg(long, default_value_t = 0)]
    pub top: usize,
    /// Word n-gram lengths: 1 (words and formulations), 2, or a range such as 1-4.
    #[arg(long, default_value = "1")]
    pub ngrams: String,
    #[command(flatten)]
    pub own: OwnText,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_keyness(args: KeynessArgs) -> Result<ExitCode> {
    let counts = args
        .corpus
        .counts(&args.dir, &args.ngrams, args.own)?
        .own_text();
    let rows = keyness(
        &counts,
        &args.target,
        args.reference.as_ref(),
        args.min_docs,
    )?;
    let sides = crate::stats::terms::keyness_sides(&counts, &args.target, args.reference.as_ref());
    eprintln!(
        "target {}: {} document(s); reference {}: {} document(s)",
        args.target,
        sides.0,
        args.reference
            .as_ref()
            .map_or_else(|| "the rest".to_string(), ToString::to_string),
        sides.1
    );
    if let Some(warning) = crate::stats::terms::small_group_warning(sides.0, sides.1) {
        eprintln!("warning: {warning}");
    }
    let mut table = keyness_table(&rows);
    if args.top > 0 {
        table.truncate(args.top);
    }
    args.output.write(&table)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Split {
    Level,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Terms or phrases to follow (counted in the text, even where the segmenter splits them),
    /// optionally followed by the corpus folder. Without terms: every term's trend.
    pub args: Vec<String>,
    /// Corpus folder, when not given after the terms.
    #[arg(long, value_name = "DIR")]
    pub corpus_dir: Option<PathBuf>,
    /// Group by year (the only grouping a trend has).
    #[arg(long, default_value = "year", value_parser = ["year"])]
    pub by: String,
    /// Also per level: a series per year and level; for the vocabulary, trends within each level.
    #[arg(long, value_enum)]
    pub split: Option<Split>,
    /// Which vocabulary trends to list (without terms).
    #[arg(long, value_enum, default_value_t = crate::stats::trends::TrendShow::All)]
    pub show: crate::stats::trends::TrendShow,
    /// Leave out terms found in fewer documents (vocabulary trends).
    #[arg(long, default_value_t = 2)]
    pub min_docs: u32,
    /// Show only the first N rows per level (vocabulary trends); 0 for all.
    #[arg(long, default_value_t = 0)]
    pub top: usize,
    /// Word n-gram lengths: 1 (words and formulations), 2, or a range such as 1-4.
    #[arg(long, default_value = "1")]
    pub ngrams: String,
    #[command(flatten)]
    pub own: OwnText,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

/// The terms and the corpus folder of `tifa trend TERM… [DIR]`: a last argument that is a
/// folder or a manifest is the corpus.
fn split_terms_and_dir(mut args: Vec<String>, dir: Option<PathBuf>) -> (Vec<String>, PathBuf) {
    if let Some(dir) = dir {
        return (args, dir);
    }
    let last_is_corpus = args.last().is_some_and(|a| {
        let p = Path::new(a);
        p.is_dir() || (p.is_file() && p.extension().is_some_and(|e| e == "csv"))
    });
    if last_is_corpus {
        let dir = PathBuf::from(args.pop().expect("checked"));
        (args, dir)
    } else {
        (args, PathBuf::from("corpus"))
    }
}

pub fn run_trend(args: TrendArgs) -> Result<ExitCode> {
    let (terms, dir) = split_terms_and_dir(args.args.clone(), args.corpus_dir.clone());
    // A last argument without a Chinese character, after terms or looking like a path, is a
    // misspelt folder (`tifa trend 网络强国 corpu`), not a term.
    if let Some(path) = terms.last().filter(|t| {
        !t.chars().any(crate::chars::is_han) && (t.contains(['/', '\\', '.']) || terms.len() > 1)
    }) {
        bail!(
            "`{path}` is neither a folder nor a Chinese term: give the corpus folder last (it must exist), or --corpus DIR"
        );
    }
    let terms: Vec<String> = terms
        .iter()
        .map(|t| query_to_simplified(t.trim()))
        .collect();
    let no_years = |infos: &[DocInfo]| {
        infos.iter().all(|d| d.year.is_none()).then(|| {
            anyhow::anyhow!(
                "no document of {} has a known year: add years to its manifest.csv (`tifa corpus init`)",
                dir.display()
            )
        })
    };
    let table = if terms.is_empty() {
        let counts = args.corpus.counts(&dir, &args.ngrams, args.own)?.own_text();
        if let Some(error) = no_years(&counts.docs) {
            return Err(error);
        }
        let trends = match args.split {
            Some(Split::Level) => trends_per_level(&counts, args.min_docs),
            None => vocabulary_trends(&counts, None, args.min_docs),
        };
        trends_table(&crate::stats::trends::shown(trends, args.show, args.top))
    } else {
        let mut infos = Vec::new();
        let mut hits = Vec::new();
        let words = Words::with_dictionaries(&args.corpus.dict)?;
        let segmenter = words.segmenter();
        if args.own.own_text {
            let (docs, inherited) = args.corpus.read_with_inherited(&dir)?;
            (infos, hits) = own_hits(&docs, &inherited, &terms, segmenter);
        } else {
            super::stream_corpus(&dir, &args.corpus.input, |batch| {
                hits.extend(parallel_map(&batch, |d| query_counts(d, &terms, segmenter)));
                infos.extend(batch.iter().map(|d| DocInfo::of(d, 0)));
            })?;
        }
        if let Some(error) = no_years(&infos) {
            return Err(error);
        }
        let mut per_year: std::collections::BTreeMap<i32, u32> = Default::default();
        for year in infos.iter().filter_map(|d| d.year) {
            *per_year.entry(year).or_default() += 1;
        }
        let small: Vec<String> = per_year
            .iter()
            .filter(|&(_, &n)| n < crate::stats::terms::MIN_SIDE_DOCS)
            .map(|(y, n)| format!("{y} ({n})"))
            .collect();
        if !small.is_empty() {
            eprintln!(
                "warning: years of fewer than {} documents (their rates are those of one or two texts): {}",
                crate::stats::terms::MIN_SIDE_DOCS,
                small.join(", ")
            );
        }
        series(
            &infos,
            &resolve_query_counts(hits),
            &terms,
            args.split == Some(Split::Level),
        )
    };
    args.output.write(&table)?;
    Ok(ExitCode::SUCCESS)
}

/// Each document's hits of `terms` in its own text, and its info with its own text's size.
fn own_hits(
    docs: &[Document],
    inherited: &[Inherited],
    terms: &[String],
    segmenter: &crate::words::Segmenter,
) -> (Vec<DocInfo>, Vec<Vec<crate::stats::counts::QueryHits>>) {
    let pairs: Vec<(&Document, &Inherited)> = docs.iter().zip(inherited).collect();
    parallel_map(&pairs, |&(doc, inside)| {
        let hits = query_counts(doc, terms, segmenter)
            .into_iter()
            .zip(terms)
            .map(|(h, term)| h.own(term.len(), inside))
            .collect();
        let mut info = DocInfo::of(doc, 0);
        info.han_chars = info
            .han_chars
            .saturating_sub(inside.han_chars(&doc.normalized.text));
        (info, hits)
    })
    .into_iter()
    .unzip()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffusionTable {
    Adoption,
    FirstUses,
    Lags,
}

#[derive(Debug, Args)]
pub struct FormulationsArgs {
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// List the enumerations (一是…二是…: head and items in order) instead. Lists are not
    /// counted, so `--own-text` does not go with it.
    #[arg(long, conflicts_with_all = ["diffusion", "own_text"])]
    pub lists: bool,
    /// How the formulations of at least 3 documents spread instead: `adoption` (the share of
    /// each level's documents using it, year by year, for all regions and per province),
    /// `first-uses` (first year in each province) or `lags` (years from one level's first use
    /// to the next, censored where the lower level's documents start too late).
    #[arg(long, value_enum, value_name = "TABLE")]
    pub diffusion: Option<DiffusionTable>,
    /// The formulations most documents share and those only one document uses (at least
    /// twice), against the documents (all of them up to 40, else the largest group of one level
    /// and year): one row per formulation, each document's rate per 10,000 Han characters.
    #[arg(long, conflicts_with_all = ["lists", "diffusion"])]
    pub matrix: bool,
    /// Show only the first N rows; 0 for all.
    #[arg(long, default_value_t = 0)]
    pub top: usize,
    #[command(flatten)]
    pub own: OwnText,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_formulations(args: FormulationsArgs) -> Result<ExitCode> {
    let mut lists = Vec::new();
    let words = Words::with_dictionaries(&args.corpus.dict)?;
    let mut tally = FormulationTally::new(words.segmenter());
    let mut all_infos: Vec<DocInfo> = Vec::new();
    if args.own.own_text {
        let (docs, inherited) = args.corpus.read_with_inherited(&args.dir)?;
        all_infos = docs.iter().map(|d| DocInfo::of(d, 0)).collect();
        tally.add_own(&docs, &all_infos, Some(&inherited));
    } else {
        super::stream_corpus(&args.dir, &args.corpus.input, |batch| {
            if args.lists {
                lists.extend(batch.iter().flat_map(enumeration_lists));
            } else {
                let infos: Vec<DocInfo> = batch.iter().map(|d| DocInfo::of(d, 0)).collect();
                tally.add(&batch, &infos);
                all_infos.extend(infos);
            }
        })?;
    }
    let mut table = if args.lists {
        lists_table(&lists)
    } else if let Some(which) = args.diffusion {
        let d = crate::stats::diffusion::diffusion(&tally.finish(), &all_infos);
        match which {
            DiffusionTable::Adoption => d.adoption_table(),
            DiffusionTable::FirstUses => d.first_use_table(),
            DiffusionTable::Lags => d.lag_table(),
        }
    } else if args.matrix {
        match crate::stats::matrix::formulation_matrix(&tally.finish(), &all_infos) {
            Some(m) => crate::stats::matrix::matrix_wide_table(&m),
            None => bail!(
                "a formulation matrix needs at least {} documents; {} has {}",
                crate::stats::matrix::MIN_COLUMNS,
                args.dir.display(),
                all_infos.len()
            ),
        }
    } else {
        formulations_table(&tally.finish(), &level_starts(&all_infos))
    };
    if args.top > 0 {
        table.truncate(args.top);
    }
    args.output.write(&table)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The word or phrase to find (in the normalized text, so Traditional input is matched in Simplified).
    pub term: String,
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 20)]
    pub width: usize,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_kwic(args: KwicArgs) -> Result<ExitCode> {
    let term = query_to_simplified(args.term.trim());
    let mut lines = Vec::new();
    let words = Words::with_dictionaries(&args.corpus.dict)?;
    // Whether the query is a term is decided over the whole corpus: each document's lines are
    // kept both ways (as a term, as a phrase) while streaming, and one way chosen at the end.
    let mut per_doc: Vec<(QueryHits, [Vec<KwicLine>; 3])> = Vec::new();
    super::stream_corpus(&args.dir, &args.corpus.input, |batch| {
        let batch_hits = kwic_hits(&batch, &term, words.segmenter());
        for (doc, h) in batch.iter().zip(batch_hits) {
            if h.phrase.is_empty() {
                continue;
            }
            let one = std::slice::from_ref(doc);
            let lines = [QueryChoice::Whole, QueryChoice::Term, QueryChoice::Phrase]
                .map(|choice| kwic_lines(one, vec![h.clone().take(choice)], &term, args.width));
            per_doc.push((h, lines));
        }
    })?;
    let choice = QueryChoice::of(per_doc.iter().map(|(h, _)| h));
    for (_, [whole, as_term, as_phrase]) in per_doc {
        lines.extend(match choice {
            QueryChoice::Whole => whole,
            QueryChoice::Term => as_term,
            QueryChoice::Phrase => as_phrase,
        });
    }
    if lines.is_empty() {
        eprintln!("`{}` does not occur in {}", args.term, args.dir.display());
    }
    args.output.write(&kwic_table(&lines))?;
    // Like grep: no hit is exit status 1.
    Ok(if lines.is_empty() {
        ExitCode::from(exit::NOTHING_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Debug, Args)]
pub struct CollocatesArgs {
    /// The node: a word or formulation (网络安全, 改革); several words that spell it count as one.
    pub term: String,
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Words on each side of the node that count as its company.
    #[arg(long, default_value_t = 5)]
    pub window: usize,
    /// Least co-occurrences of a collocate in a group.
    #[arg(long, default_value_t = 3)]
    pub min_freq: u64,
    /// The measure collocates are ranked by: log Dice (14 + log2(2·O11/(R1+C1)), a scale of
    /// shared use that does not grow with the corpus), MI (log2(O11/E11), favours rare words) or
    /// log-likelihood (the evidence of association).
    #[arg(long, value_enum, default_value_t = crate::stats::collocates::Measure::LogDice)]
    pub measure: crate::stats::collocates::Measure,
    /// Count separately for each year, decade, level or region, and mark each group's new
    /// company against the group before (`change` = new, or the change in log Dice).
    #[arg(long, value_enum, default_value_t = crate::stats::collocates::Split::None)]
    pub by: crate::stats::collocates::Split,
    /// Collocates per group; 0 for all.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Count function words (的, 和, 要) as words and collocates too.
    #[arg(long)]
    pub keep_stopwords: bool,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_collocates(args: CollocatesArgs) -> Result<ExitCode> {
    let term = query_to_simplified(&args.term);
    if term.trim().is_empty() {
        bail!("give a word or phrase to find the company of");
    }
    let words = Words::with_dictionaries(&args.corpus.dict)?;
    let mut counter = crate::stats::collocates::CollocateCounter::new(
        words.segmenter(),
        &term,
        args.window,
        args.keep_stopwords,
        args.by,
    );
    super::stream_corpus(&args.dir, &args.corpus.input, |batch| {
        let infos: Vec<DocInfo> = batch.iter().map(|d| DocInfo::of(d, 0)).collect();
        counter.add(&batch, &infos);
    })?;
    let collocates = counter.finish(args.measure, args.min_freq, args.top);
    let found: u64 = collocates.groups.iter().map(|g| g.node).sum();
    if found == 0 {
        eprintln!("{term} does not occur in {}", args.dir.display());
    }
    args.output.write(&collocates.table())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct DispersionArgs {
    /// The word or phrase (counted as `kwic` and `terms` count it).
    pub term: String,
    /// Corpus folder (with or without manifest.csv), a manifest file, one text file, or - for one
    /// document on standard input.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Also draw the plot (one bar per document, a mark at each occurrence, light marks where
    /// top-level sections start) to this file and its sibling: `plot.svg` writes `plot.png` too.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub corpus: CorpusInput,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run_dispersion(args: DispersionArgs) -> Result<ExitCode> {
    use crate::stats::dispersion::Dispersion;
    let term = query_to_simplified(args.term.trim());
    if term.is_empty() {
        bail!("give a word or phrase to place");
    }
    if let Some(chart) = &args.chart {
        let ext = chart
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        if !matches!(ext.as_deref(), Some("svg" | "png")) {
            bail!(
                "{}: the chart is written as .svg and .png; name one of them",
                chart.display()
            );
        }
    }
    let words = Words::with_dictionaries(&args.corpus.dict)?;
    type Row = (QueryHits, DocInfo, usize, Vec<usize>);
    let mut rows: Vec<Row> = Vec::new();
    super::stream_corpus(&args.dir, &args.corpus.input, |batch| {
        let hits = kwic_hits(&batch, &term, words.segmenter());
        for (doc, h) in batch.iter().zip(hits) {
            let text = &doc.normalized.text;
            let sections = crate::stats::dispersion::section_starts(doc);
            rows.push((h, DocInfo::of(doc, 0), text.len(), sections));
        }
    })?;
    let choice = QueryChoice::of(rows.iter().map(|r| &r.0));
    let dispersion = Dispersion::new(
        &term,
        rows.into_iter()
            .map(|(h, info, len, sections)| (info, len, h.take(choice), sections))
            .collect(),
    );
    if dispersion.docs.iter().all(|d| d.hits.is_empty()) {
        eprintln!("`{}` does not occur in {}", args.term, args.dir.display());
    }
    if let Some(path) = &args.chart {
        let spec = crate::present::report::charts::dispersion_spec(
            &dispersion,
            crate::present::labels::Lang::Zh,
        );
        let chart = crate::render::charts::draw(&spec)
            .map_err(|e| anyhow::anyhow!("cannot draw the chart: {e}"))?;
        write_atomically(&path.with_extension("svg"), chart.svg.as_bytes())?;
        write_atomically(&path.with_extension("png"), &chart.png)?;
    }
    args.output.write(&dispersion.table())?;
    Ok(ExitCode::SUCCESS)
}
