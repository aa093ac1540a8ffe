//! Ingest: a folder, a manifest or single files (`&Path`) → a [`Corpus`] of [`Document`]s, each
//! decoded, normalized and split into its structure, with metadata from the manifest or inferred
//! from the text, and a list of [`Problem`]s for inputs that could not be used.
//!
//! A bad file never stops the others: it becomes a problem naming the file (and the manifest line).

pub mod decode;
pub mod infer;
pub mod manifest;
pub mod metadata;

use crate::normalize::{BoilerplateRules, Normalized, normalize};
use crate::parallel::parallel_map;
use crate::structure::{Structure, analyze};
use decode::{DecodeError, EncodingSource, decode};
use encoding_rs::Encoding;
use manifest::{ManifestError, ManifestRow};
use metadata::{Field, Metadata};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use thiserror::Error;

pub const MANIFEST: &str = "manifest.csv";
/// File endings taken from a folder that has no manifest.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// What is wrong with one file; the path is added by [`IngestError::File`] or a [`Problem`].
#[derive(Debug, Error)]
pub enum FileError {
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("no text left after normalization (only boilerplate or blank lines)")]
    NoText,
    #[error("does not exist")]
    Missing,
}

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{path}: {error}")]
    File { path: String, error: FileError },
    #[error(transparent)]
    Manifest(#[from] ManifestError),
}

impl IngestError {
    fn file(path: &str, error: impl Into<FileError>) -> Self {
        Self::File {
            path: path.to_string(),
            error: error.into(),
        }
    }
}

/// Settings every document is loaded with.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--encoding`: used for every file instead of detection.
    pub encoding: Option<&'static Encoding>,
    pub boilerplate: BoilerplateRules,
}

/// One loaded document: where it came from, what is known about it, its text and structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// File name without extension (relative path inside a corpus folder).
    pub id: String,
    /// Path as shown to the user: relative to the corpus folder, or as given.
    pub path: String,
    pub meta: Metadata,
    pub encoding: String,
    pub encoding_source: EncodingSource,
    pub bytes: u64,
    pub normalized: Normalized,
    pub structure: Structure,
}

impl Document {
    /// Number of Han characters, the base of every rate.
    pub fn han_chars(&self) -> usize {
        crate::chars::han_count(&self.normalized.text)
    }
}

/// A file or manifest line that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    pub root: Option<PathBuf>,
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// Finds a document by exact id, by a unique id prefix (`000`), or by its path.
    pub fn find(&self, key: &str) -> Option<&Document> {
        if let Some(d) = self.documents.iter().find(|d| d.id == key || d.path == key) {
            return Some(d);
        }
        let mut prefixed = self.documents.iter().filter(|d| d.id.starts_with(key));
        match (prefixed.next(), prefixed.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    }
}

/// Loads a folder (with or without `manifest.csv`), a manifest file, or a single text file.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Corpus, IngestError> {
    if !path.exists() {
        return Err(IngestError::file(
            &path.display().to_string(),
            FileError::Missing,
        ));
    }
    if path.is_dir() {
        let manifest = path.join(MANIFEST);
        if manifest.is_file() {
            load_manifest(&manifest, path, options)
        } else {
            Ok(load_folder(path, options))
        }
    } else if path.extension().is_some_and(|e| e == "csv") {
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        load_manifest(path, root, options)
    } else {
        let mut corpus = Corpus::default();
        let job = Job {
            path,
            shown: path.display().to_string(),
            row: None,
        };
        add_all(&mut corpus, &[job], options);
        Ok(corpus)
    }
}

fn load_manifest(
    manifest: &Path,
    root: &Path,
    options: &LoadOptions,
) -> Result<Corpus, IngestError> {
    let (rows, manifest_problems) = manifest::read(manifest, root)?;
    let shown = manifest.display().to_string();
    let mut corpus = Corpus {
        root: Some(root.to_path_buf()),
        ..Corpus::default()
    };
    corpus
        .problems
        .extend(manifest_problems.into_iter().map(|p| Problem {
            path: shown.clone(),
            line: p.line,
            message: p.message,
        }));
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let jobs: Vec<Job> = rows
        .iter()
        .map(|row| {
            let shown = row
                .file
                .strip_prefix(&real_root)
                .unwrap_or(&row.file)
                .display()
                .to_string();
            Job {
                path: &row.file,
                shown,
                row: Some(row),
            }
        })
        .collect();
    add_all(&mut corpus, &jobs, options);
    Ok(corpus)
}

/// Loads every text file of a folder, ignoring any manifest.
pub fn load_folder(root: &Path, options: &LoadOptions) -> Corpus {
    let mut corpus = Corpus {
        root: Some(root.to_path_buf()),
        ..Corpus::default()
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(root) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_text_file(p))
            .collect(),
        Err(e) => {
            corpus.problems.push(Problem {
                path: root.display().to_string(),
                line: None,
                message: e.to_string(),
            });
            return corpus;
        }
    };
    files.sort();
    let jobs: Vec<Job> = files
        .iter()
        .map(|file| Job {
            path: file,
            shown: file
                .strip_prefix(root)
                .unwrap_or(file)
                .display()
                .to_string(),
            row: None,
        })
        .collect();
    add_all(&mut corpus, &jobs, options);
    corpus
}

/// One file to load: where it is, how to show it, its manifest line.
struct Job<'a> {
    path: &'a Path,
    shown: String,
    row: Option<&'a ManifestRow>,
}

/// Loads all jobs on every core, keeping the corpus in job order.
fn add_all(corpus: &mut Corpus, jobs: &[Job], options: &LoadOptions) {
    let progress = crate::progress::bar(jobs.len() as u64, "loading");
    let results = parallel_map(jobs, |job| {
        let result = read_document(job.path, &job.shown, job.row, options);
        progress.inc(1);
        result
    });
    progress.finish_and_clear();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Ok(doc) => corpus.documents.push(doc),
            Err(e) => corpus.problems.push(Problem {
                path: job.shown.clone(),
                line: job.row.map(|r| r.line),
                message: e.to_string(),
            }),
        }
    }
}

fn is_text_file(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

/// Reads, decodes, normalizes and analyses one file.
pub fn load_document(
    path: &Path,
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, IngestError> {
    read_document(path, shown, row, options).map_err(|error| IngestError::file(shown, error))
}

fn read_document(
    path: &Path,
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, FileError> {
    let bytes = std::fs::read(path).map_err(FileError::Read)?;
    build_document(&bytes, shown, row, options)
}

/// Builds a document from bytes already in memory (used by tests and benchmarks too).
pub fn document_from_bytes(
    bytes: &[u8],
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, IngestError> {
    build_document(bytes, shown, row, options).map_err(|error| IngestError::file(shown, error))
}

fn build_document(
    bytes: &[u8],
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, FileError> {
    let decoded = decode(bytes, options.encoding)?;
    let normalized = normalize(&decoded, &options.boilerplate);
    if normalized.text.trim().is_empty() {
        // Blank space only is an empty file; boilerplate only is a file with nothing of its own.
        return Err(if decoded.text.trim().is_empty() {
            DecodeError::Empty.into()
        } else {
            FileError::NoText
        });
    }
    let structure = analyze(&normalized.text);
    let inferred = infer::infer(&normalized.text, &structure);
    let row = row.cloned().unwrap_or_default();
    let meta = Metadata {
        title: Field::prefer(row.title, inferred.title),
        date: Field::prefer(row.date, inferred.date),
        year: Field::prefer(row.year, inferred.year),
        level: Field::prefer(row.level, inferred.level),
        region: Field::prefer(row.region, inferred.region),
        speaker: row.speaker,
        genre: row.genre,
    };
    Ok(Document {
        id: document_id(shown),
        path: shown.to_string(),
        meta,
        encoding: decoded.encoding,
        encoding_source: decoded.encoding_source,
        bytes: bytes.len() as u64,
        normalized,
        structure,
    })
}

fn document_id(shown: &str) -> String {
    let path = Path::new(shown);
    let stem = path.with_extension("");
    stem.display().to_string()
}
