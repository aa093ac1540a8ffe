//! `tifa corpus [DIR]` and `tifa corpus init DIR`: the document table, and a manifest to correct.

use super::{InputArgs, pad, truncate, warn_problems, write_atomically};
use crate::ingest::metadata::{Field, Origin};
use crate::ingest::{self, Corpus, Document, MANIFEST, manifest::COLUMNS};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CorpusArgs {
    #[command(subcommand)]
    pub action: Option<CorpusAction>,
    /// Corpus folder (with or without manifest.csv), a manifest file, or one text file.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Print JSON instead of a table (for scripts).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Subcommand)]
pub enum CorpusAction {
    /// Write DIR/manifest.csv with the values inferred from the texts, for you to check and correct.
    Init {
        dir: PathBuf,
        /// Replace an existing manifest.csv.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        input: InputArgs,
    },
}

/// One row of the corpus table, as printed in JSON.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a Field<String>,
    date: &'a Field<String>,
    year: &'a Field<i32>,
    level: &'a Field<crate::ingest::metadata::Level>,
    region: &'a Field<String>,
    encoding: &'a str,
    characters: usize,
    sentences: usize,
    findings: usize,
}

impl<'a> Row<'a> {
    fn of(d: &'a Document) -> Self {
        Row {
            id: &d.id,
            path: &d.path,
            title: &d.meta.title,
            date: &d.meta.date,
            year: &d.meta.year,
            level: &d.meta.level,
            region: &d.meta.region,
            encoding: &d.encoding,
            characters: d.han_chars(),
            sentences: d.structure.sentences.len(),
            findings: d.normalized.findings.len(),
        }
    }
}

pub fn run(args: CorpusArgs) -> Result<ExitCode> {
    if let Some(CorpusAction::Init { dir, force, input }) = args.action {
        return init(dir, force, &input);
    }
    let corpus = ingest::load(&args.dir, &args.input.load_options()?)?;
    warn_problems(&corpus.problems);
    let rows: Vec<Row> = corpus.documents.iter().map(Row::of).collect();
    if args.json {
        let out = serde_json::json!({ "documents": rows, "problems": corpus.problems });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_table(&rows);
    }
    Ok(exit_code(&corpus))
}

fn exit_code(corpus: &Corpus) -> ExitCode {
    if corpus.documents.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_table(rows: &[Row]) {
    const HEADER: [&str; 9] = [
        "id",
        "title",
        "year",
        "level",
        "region",
        "encoding",
        "chars",
        "sentences",
        "findings",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            [
                truncate(r.id, 24),
                truncate(&r.title.display(), 30),
                r.year.display(),
                r.level.display(),
                truncate(&r.region.display(), 14),
                r.encoding.to_string(),
                r.characters.to_string(),
                r.sentences.to_string(),
                r.findings.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|i| {
            let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
            cells
                .iter()
                .map(|c| w(&c[i]))
                .chain([w(HEADER[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| pad(c, *w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    println!("{}", line(&HEADER.map(String::from)));
    for c in &cells {
        println!("{}", line(c));
    }
    let inferred = rows.iter().any(|r| {
        [
            r.title.origin,
            r.year.origin,
            r.level.origin,
            r.region.origin,
        ]
        .iter()
        .any(|o| *o != Origin::Manifest)
    });
    if inferred {
        println!(
            "\nx? = inferred from the text, ? = unknown: check them, and fix them in manifest.csv (`tifa corpus init DIR` writes one)."
        );
    }
}

fn init(dir: PathBuf, force: bool, input: &InputArgs) -> Result<ExitCode> {
    let manifest = dir.join(MANIFEST);
    if manifest.exists() && !force {
        bail!(
            "{} already exists; pass --force to replace it with inferred values",
            manifest.display()
        );
    }
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    // Read the texts themselves, not the old manifest: the point is a fresh inference.
    let corpus = ingest::load_folder(&dir, &input.load_options()?);
    warn_problems(&corpus.problems);
    if corpus.documents.is_empty() {
        bail!("no readable .txt or .md files in {}", dir.display());
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for d in &corpus.documents {
        let m = &d.meta;
        let text = |f: &Field<String>| f.value.clone().unwrap_or_default();
        writer.write_record([
            d.path.clone(),
            text(&m.title),
            text(&m.date),
            m.year.value.map(|y| y.to_string()).unwrap_or_default(),
            m.level.value.map(|l| l.to_string()).unwrap_or_default(),
            text(&m.region),
            m.speaker.clone().unwrap_or_default(),
            m.genre.clone().unwrap_or_default(),
        ])?;
    }
    write_atomically(&manifest, &writer.into_inner()?)?;
    eprintln!(
        "wrote {} with {} documents; every value in it is inferred: check each one",
        manifest.display(),
        corpus.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}
