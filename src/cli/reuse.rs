//! `tifa reuse [DIR]`: which documents of a corpus share passages (or what passim found, with
//! `--from-passim`), as tables; `tifa export --format passim DIR OUT`: the corpus as passim input.

use super::stats::TableOutput;
use super::{InputArgs, stream_corpus, write_atomically};
use crate::reuse::passim::{PassimOutput, export, read_output, to_result, unknown_documents};
use crate::reuse::tables::{self, CitedDoc};
use crate::reuse::{
    ReuseDoc, ReuseOptions, detect, likely_sources, reused_shares, shared_with_peers,
};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReuseTable {
    /// The reuse network: source, target, direction, passages, shared characters, share of target
    /// (the coverage matrix in long form: one row per non-empty cell).
    Pairs,
    /// Every shared passage with the line in each file and its character span in each text.
    Passages,
    /// For each reused stretch of a document, its likely source (earlier or higher-level).
    Sources,
    /// Per document: how much comes from earlier or higher-level documents, and how much it
    /// shares with peers only (same level, other regions: 同级共有，来源不在语料中).
    Coverage,
    /// Each stretch a document shares with peers only, and the peers: text whose higher-level
    /// source is not in the corpus.
    Peers,
}

#[derive(Debug, Args)]
pub struct ReuseArgs {
    /// Corpus folder (with or without manifest.csv), or a manifest file.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Shortest shared passage, in characters (tifa's own detection: not with --from-passim).
    #[arg(long, default_value_t = 12, conflicts_with = "from_passim")]
    pub min_chars: usize,
    /// Character n-grams found in more documents than this are stock phrases, not evidence
    /// (tifa's own detection: not with --from-passim).
    #[arg(long, default_value_t = 100, conflicts_with = "from_passim")]
    pub max_doc_frequency: usize,
    /// Which table to print.
    #[arg(long, value_enum, default_value_t = ReuseTable::Pairs)]
    pub table: ReuseTable,
    /// Read passim's output folder (its out.json, and align.json from --pairwise) instead of
    /// detecting reuse here; the corpus must be read with the options `tifa export` had.
    #[arg(long, value_name = "OUT")]
    pub from_passim: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: TableOutput,
}

pub fn run(args: ReuseArgs) -> Result<ExitCode> {
    if args.dir == Path::new("-") {
        bail!(
            "`-` (standard input) is one document, and reuse compares the documents of a folder with each other: name a folder, or compare two documents with `tifa diff A B`"
        );
    }
    // Streamed: of each document only its text and its way back to original lines are kept.
    let mut docs: Vec<ReuseDoc> = Vec::new();
    let mut maps = Vec::new();
    stream_corpus(&args.dir, &args.input, |batch| {
        for doc in batch {
            let (reuse, map) = ReuseDoc::take(doc);
            docs.push(reuse);
            maps.push(map);
        }
    })?;
    let result = match &args.from_passim {
        Some(out) => {
            let output = passim_output(out, docs.iter().map(|d| d.id.as_str()))?;
            to_result(&docs, &output, &args.input.text_options())?
        }
        None => detect(
            &docs,
            &ReuseOptions {
                min_chars: args.min_chars,
                max_doc_frequency: args.max_doc_frequency,
                ..ReuseOptions::default()
            },
        ),
    };
    let cited: Vec<CitedDoc> = docs
        .iter()
        .zip(&maps)
        .map(|(doc, (map, places))| CitedDoc { doc, map, places })
        .collect();
    let table = match args.table {
        ReuseTable::Pairs => tables::network(&cited, &result),
        ReuseTable::Passages => tables::passages(&cited, &result),
        ReuseTable::Sources => tables::sources(&cited, &likely_sources(&docs, &result)),
        ReuseTable::Coverage => {
            let sources = likely_sources(&docs, &result);
            let peers = shared_with_peers(&docs, &result, &sources);
            tables::coverage(&cited, &reused_shares(&docs, &sources, &peers))
        }
        ReuseTable::Peers => {
            let sources = likely_sources(&docs, &result);
            tables::peers(&cited, &shared_with_peers(&docs, &result, &sources))
        }
    };
    args.output.write(&table)?;
    Ok(ExitCode::SUCCESS)
}

/// passim's output folder, warning about documents that are not in the corpus; an error when
/// none of them is. An output without passages is a result: passim found no reuse.
pub(crate) fn passim_output<'a>(
    out: &Path,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<PassimOutput> {
    let output = read_output(out)?;
    if output.is_empty() {
        eprintln!(
            "passim found no reuse: {} holds no passage (passim compares only the pairs its --filterpairs allows)",
            out.display()
        );
        return Ok(output);
    }
    let unknown = unknown_documents(&output, ids);
    let named: std::collections::BTreeSet<&str> = output.ids().collect();
    if !unknown.is_empty() {
        if unknown.len() == named.len() {
            bail!(
                "none of the {} documents in passim's output {} is in this corpus (e.g. `{}`): run passim on `tifa export` of this corpus",
                named.len(),
                out.display(),
                unknown[0]
            );
        }
        eprintln!(
            "warning: {} of the {} documents in passim's output {} are not in this corpus and are left out (e.g. `{}`)",
            unknown.len(),
            named.len(),
            out.display(),
            unknown[0]
        );
    }
    Ok(output)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON lines with id, series (level/region), date (when known), year, level (0 national …
    /// 3 county), the text-shaping options and the normalized text, as passim reads them.
    Passim,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Passim)]
    pub format: ExportFormat,
    /// Corpus folder (with or without manifest.csv), or a manifest file.
    pub dir: PathBuf,
    /// File to write (JSON lines).
    pub out: PathBuf,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run_export(args: ExportArgs) -> Result<ExitCode> {
    // Streamed: only the JSON lines are kept, never the documents behind them.
    let mut lines = String::new();
    let options = args.input.text_options();
    let read = stream_corpus(&args.dir, &args.input, |batch| match args.format {
        ExportFormat::Passim => lines.push_str(&export(&batch, &options)),
    })?;
    write_atomically(&args.out, lines.as_bytes())?;
    eprintln!(
        "{} documents written to {} (run passim on it, then `tifa reuse {} --from-passim OUT`)",
        read.documents,
        args.out.display(),
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
