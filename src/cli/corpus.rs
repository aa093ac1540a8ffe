//! `tifa corpus [DIR]` and `tifa corpus init DIR`: the document table, and a manifest to correct.

use super::{InputArgs, warn_problems, write_into};
use crate::ingest::metadata::Field;
use crate::ingest::{self, Corpus, Document, MANIFEST, manifest::COLUMNS};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
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
    /// Write DIR/manifest.csv with the values inferred from the texts, for you to check and correct
    /// (UTF-8 with a BOM, so that Excel and WPS show its Chinese).
    Init {
        dir: PathBuf,
        /// Replace an existing manifest.csv.
        #[arg(long, conflicts_with = "update")]
        force: bool,
        /// Keep an existing manifest.csv as it is and add a row for each document it does not list.
        #[arg(long)]
        update: bool,
        #[command(flatten)]
        input: InputArgs,
    },
}

pub fn run(args: CorpusArgs) -> Result<ExitCode> {
    if let Some(CorpusAction::Init {
        dir,
        force,
        update,
        input,
    }) = args.action
    {
        return init(dir, force, update, &input);
    }
    let dir = super::corpus_folder(&args.dir)?;
    let started = std::time::Instant::now();
    let corpus = ingest::load(&dir, &args.input.load_options()?)?;
    warn_problems(&corpus.problems);
    super::say_read(&dir, corpus.documents.len(), corpus.problems.len(), started);
    // Nothing readable is "nothing found" (exit 1), said in words, not an empty table.
    if let Err(e) = super::require_documents(corpus.documents.len(), &dir, &corpus.problems) {
        eprintln!("error: {e}");
        return Ok(ExitCode::from(1));
    }
    let rows: Vec<crate::present::corpus::Row> = corpus
        .documents
        .iter()
        .map(crate::present::corpus::Row::of)
        .collect();
    if args.json {
        let out = serde_json::json!({ "documents": rows, "problems": corpus.problems });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", crate::render::text::corpus_listing(&rows));
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

fn init(dir: PathBuf, force: bool, update: bool, input: &InputArgs) -> Result<ExitCode> {
    let manifest = dir.join(MANIFEST);
    if update && manifest.exists() {
        return update_manifest(&dir, &manifest, input);
    }
    if manifest.exists() && !force {
        bail!(
            "{} already exists; pass --update to add the documents it does not list, or --force to replace it with inferred values",
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
    let mut writer = csv::Writer::from_writer(UTF8_BOM.as_bytes().to_vec());
    writer.write_record(COLUMNS)?;
    for d in &corpus.documents {
        writer.write_record(COLUMNS.iter().map(|c| manifest_cell(d, c)))?;
    }
    write_into(&manifest, &writer.into_inner()?)?;
    eprintln!(
        "wrote {} with {} documents; every value in it is inferred, and its `inferred` column names them: check each one, and delete its name from that column once it is right",
        manifest.display(),
        corpus.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}

const UTF8_BOM: &str = "\u{feff}";

/// The inferred value of manifest column `column` for a document.
fn manifest_cell(d: &Document, column: &str) -> String {
    let m = &d.meta;
    let text = |f: &Field<String>| f.value.clone().unwrap_or_default();
    match column {
        "file" => d.path.clone(),
        "title" => text(&m.title),
        "date" => text(&m.date),
        "year" => m.year.value.map(|y| y.to_string()).unwrap_or_default(),
        "level" => m.level.value.map(|l| l.to_string()).unwrap_or_default(),
        "region" => text(&m.region),
        "speaker" => m.speaker.clone().unwrap_or_default(),
        "genre" => m.genre.clone().unwrap_or_default(),
        // Which of this row's values are inferred: the reader keeps them marked until the user
        // deletes their names here.
        "inferred" => {
            let origins = [
                ("title", m.title.origin),
                ("date", m.date.origin),
                ("year", m.year.origin),
                ("level", m.level.origin),
                ("region", m.region.origin),
            ];
            origins
                .iter()
                .filter(|(_, o)| *o == crate::ingest::metadata::Origin::Inferred)
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => String::new(),
    }
}

/// `corpus init --update`: the manifest's rows as they are (rewritten as UTF-8 with a BOM), then
/// a row of inferred values for each document of the folder it does not list.
fn update_manifest(
    dir: &std::path::Path,
    manifest: &std::path::Path,
    input: &InputArgs,
) -> Result<ExitCode> {
    use anyhow::Context;
    let bytes = crate::files::read_regular(manifest, crate::files::SETTINGS_LIMIT)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let text = crate::decode::decode(&bytes, None)
        .with_context(|| format!("cannot decode {}", manifest.display()))?
        .text;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .with_context(|| format!("{} is not valid CSV", manifest.display()))?;
    let file_column = header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("file"))
        .with_context(|| format!("{} has no `file` column", manifest.display()))?;
    let real = |file: &str| dir.join(file.trim()).canonicalize().ok();
    let listed: std::collections::HashSet<PathBuf> = records
        .iter()
        .filter_map(|r| r.get(file_column).and_then(real))
        .collect();
    let corpus = ingest::load_folder(dir, &input.load_options()?);
    warn_problems(&corpus.problems);
    let new: Vec<&Document> = corpus
        .documents
        .iter()
        .filter(|d| real(&d.path).is_none_or(|p| !listed.contains(&p)))
        .collect();
    // New rows' inferred values are marked: the column is added when the manifest lacks it.
    let mut header = header;
    let add_column = !header
        .iter()
        .any(|h| h.trim().eq_ignore_ascii_case("inferred"));
    if add_column {
        header.push("inferred".to_string());
    }
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(UTF8_BOM.as_bytes().to_vec());
    writer.write_record(&header)?;
    for r in &records {
        if add_column {
            let mut cells: Vec<&str> = r.iter().collect();
            cells.resize(header.len(), "");
            writer.write_record(cells)?;
        } else {
            writer.write_record(r)?;
        }
    }
    for d in &new {
        writer.write_record(
            header
                .iter()
                .map(|h| manifest_cell(d, &h.trim().to_lowercase())),
        )?;
    }
    write_into(manifest, &writer.into_inner()?)?;
    eprintln!(
        "{}: kept its {} rows and added {} documents it did not list (inferred values: check them)",
        manifest.display(),
        records.len(),
        new.len()
    );
    Ok(ExitCode::SUCCESS)
}
