//! `tifa report [DIR]`: build the report (plan, comparisons, statistics), render its files and
//! write them as one folder, all or nothing.

use super::{InputArgs, Words};
use crate::align::AlignOptions;
use crate::present::labels::Lang;
use crate::progress::Stages;
use crate::render::report::{Format, RenderConfig, RunInfo, WriteError, write_folder};
use crate::report::folder::{FolderError, check_target, staging_path};
use crate::report::{ReportOptions, STAGES, build};
use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Corpus folder (with or without manifest.csv), a manifest file, or one text file.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Report folder to write; by default reports/<corpus folder name>.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// `auto` (year over year and cross-level, from the metadata) or pairs A:B,… of ids or unique prefixes.
    #[arg(long, default_value = "auto")]
    pub pairs: String,
    /// Terms to chart every year whatever their trend: a file with one term per line (# comments),
    /// or a term itself; repeat for several.
    #[arg(long, value_name = "FILE|TERM")]
    pub watch: Vec<String>,
    /// Labels in Chinese (zh) or English (en).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// Files to write, comma-separated: html, md, docx, xlsx, redline (a Word document with
    /// tracked changes per shown pair, in redlines/), csv, parquet (charts and manifest.json
    /// always).
    #[arg(
        long,
        value_enum,
        default_value = "html,md,docx,xlsx,redline,csv,parquet",
        value_delimiter = ','
    )]
    pub formats: Vec<Format>,
    /// Replace a report folder that tifa wrote before.
    #[arg(long)]
    pub force: bool,
    /// report.docx with all the evidence (every pair's added, dropped and changed text, the
    /// contexts): hundreds of pages for a large corpus. By default it is the briefing and the
    /// summaries, and the evidence is in index.html, report.md, the workbook and the tables.
    #[arg(long)]
    pub full_word: bool,
    /// Sentences less similar than this are not pairs (0–1).
    #[arg(long, default_value_t = 0.5, value_name = "RATIO", value_parser = super::ratio)]
    pub min_similarity: f64,
    /// Sentences in order between two aligned neighbours pair from this similarity on (0–1).
    #[arg(long, default_value_t = 0.35, value_name = "RATIO", value_parser = super::ratio)]
    pub min_in_order_similarity: f64,
    /// The Chinese font of report.docx: 宋体 (default), 仿宋, 黑体 or any installed font name.
    #[arg(long, default_value = "宋体", value_name = "NAME")]
    pub east_asian_font: String,
    /// Shortest shared passage, in characters.
    #[arg(long, default_value_t = 12)]
    pub min_chars: usize,
    /// Rows per ranked list in the report.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// A user dictionary in jieba format; repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    /// Read corpus-wide reuse from passim's output folder (its out.json, see `tifa export`) instead
    /// of detecting it; its passages then drive the heatmap, the coverage chart and the reuse tables.
    #[arg(long, value_name = "OUT")]
    pub from_passim: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Each --watch value is a file of terms (one per line, # comments) when such a file exists,
/// else a term; Traditional terms are converted like the texts.
fn watch_terms(values: &[String]) -> Result<Vec<String>> {
    let mut terms = Vec::new();
    for value in values {
        let path = Path::new(value);
        if path.is_file() {
            let text = crate::files::read_regular_text(path, crate::files::SETTINGS_LIMIT)
                .with_context(|| {
                    format!("cannot read the watch list {value} (UTF-8 text, one term per line)")
                })?;
            terms.extend(
                text.lines()
                    .map(|l| l.trim().trim_start_matches('\u{feff}'))
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(String::from),
            );
        } else {
            terms.push(value.trim().to_string());
        }
    }
    Ok(terms
        .iter()
        .map(|t| crate::normalize::query_to_simplified(t))
        .collect())
}

fn default_out(dir: &Path) -> PathBuf {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| {
            let p = if p.is_file() {
                p.parent()?.to_path_buf()
            } else {
                p
            };
            p.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "corpus".into());
    PathBuf::from("reports").join(name)
}

/// The files besides the documents that shaped this report, each with its hash.
fn settings_files(args: &ReportArgs, dir: &Path) -> Vec<crate::render::report::SettingsFile> {
    use crate::render::report::SettingsFile;
    let mut files: Vec<SettingsFile> = Vec::new();
    if let Some((path, _)) = super::config::USED.get() {
        files.extend(SettingsFile::of("config", path));
    }
    files.extend(args.dict.iter().filter_map(|d| SettingsFile::of("dict", d)));
    if let Some(b) = &args.input.boilerplate {
        files.extend(SettingsFile::of("boilerplate", b));
    }
    let manifest = if dir.is_dir() {
        dir.join(crate::ingest::MANIFEST)
    } else {
        dir.to_path_buf()
    };
    if manifest.extension().is_some_and(|e| e == "csv") {
        files.extend(SettingsFile::of("manifest", &manifest));
    }
    files
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let config = RenderConfig {
        lang: args.lang,
        formats: args.formats.iter().copied().collect(),
        full_word: args.full_word,
        east_asian_font: args.east_asian_font.clone(),
        date: crate::render::report::report_date(),
    };
    // The input first: a missing corpus is the error to report, not the report folder.
    let dir = super::corpus_folder(&args.dir)?;
    let out = args.out.clone().unwrap_or_else(|| default_out(&dir));
    let watch = watch_terms(&args.watch)?;
    // Refuse early, before any work, when the target may not be written.
    check_target(&out, args.force)
        .with_context(|| format!("cannot write the report to {}", out.display()))?;
    // Interrupted before writing has begun, nothing is left; once it has, the writer stops at
    // its next file and removes its own staging folder (`cli::on_interrupt`).
    if let Ok(mut staging) = super::STAGING.lock() {
        *staging = Some(staging_path(&out));
    }

    // load, the build's stages, render and write.
    let mut stages = Stages::new(
        STAGES.len() as u64 + 2,
        crate::progress::quiet(),
        crate::progress::verbose(),
    );
    stages.stage("load");
    let corpus = super::load_corpus(&dir, &args.input)?;
    let passim = match &args.from_passim {
        Some(out) => Some((
            super::reuse::passim_output(out, corpus.documents.iter().map(|d| d.id.as_str()))?,
            args.input.text_options(),
        )),
        None => None,
    };
    let words = Words::with_dictionaries(&args.dict)?;
    let report_options = ReportOptions {
        pairs: (args.pairs != "auto").then(|| args.pairs.clone()),
        watch,
        align: AlignOptions {
            min_similarity: args.min_similarity,
            min_passage_chars: args.min_chars,
            min_in_order_similarity: args.min_in_order_similarity,
        },
        top: args.top,
        min_docs: 2,
        passim,
    };
    let report = build(corpus, words.segmenter(), report_options, &mut |s| {
        stages.stage(s)
    })?;
    if !crate::progress::quiet() {
        stages.note(&crate::present::report::plan_text(&report));
    }
    stages.stage("render and write");
    let run = RunInfo {
        from_passim: args.from_passim.as_ref().map(|p| p.display().to_string()),
        encoding: args.input.encoding.clone(),
        settings_files: settings_files(&args, &dir),
        ..RunInfo::of(&dir.canonicalize().unwrap_or_else(|_| dir.clone()))
    };
    // Each file goes to disk as soon as it is rendered: the report is never whole in memory.
    let written = write_folder(&report, &run, &config, &out, args.force);
    if let Err(WriteError::Folder(FolderError::Interrupted)) = written {
        eprintln!("\ninterrupted: no report written");
        return Ok(ExitCode::from(130));
    }
    let (written, file_count) = written.with_context(|| {
        format!(
            "the report was not written to {} (nothing there changed)",
            out.display()
        )
    })?;
    stages.finish();
    if !crate::progress::quiet() {
        eprintln!(
            "report: {} ({} files; open {})",
            written.display(),
            file_count + 1,
            written.join("index.html").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
