//! Ingest: a folder, a manifest or single files (`&Path`) → a [`Listing`] of files to read →
//! [`Document`]s in batches ([`Listing::stream`]) or a whole [`Corpus`] ([`load`]), each document
//! decoded, normalized and split into its structure, with metadata from the manifest or inferred
//! from the text, and a list of [`Problem`]s for inputs that could not be used.
//!
//! A bad file never stops the others: it becomes a problem naming the file (and the manifest line).

pub mod divisions;
pub mod infer;
pub mod manifest;
pub mod metadata;

use crate::decode::{DecodeError, EncodingSource, decode};
use crate::normalize::{BoilerplateRules, Normalized, normalize};
use crate::parallel::parallel_map;
use crate::structure::{Structure, analyze};
use encoding_rs::Encoding;
use manifest::{ManifestError, ManifestRow};
use metadata::{Field, Metadata};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

pub const MANIFEST: &str = "manifest.csv";
/// The settings file a corpus folder may hold (read by the command line, never a document).
pub const SETTINGS: &str = "tifa.toml";
/// Files of a corpus folder that describe it rather than being documents (matched on the name
/// without extension, without regard to case).
/// (`notice` is not among them: 通知 are notices.)
const NOT_DOCUMENTS: &[&str] = &["readme", "license", "licence", "copying", "changelog"];

/// What is wrong with one file; the path is added by [`IngestError::File`] or a [`Problem`].
#[derive(Debug, Error)]
pub enum FileError {
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    #[error("not a regular file (a pipe, device or socket): name a file")]
    NotRegular,
    #[error("no text left after normalization (only boilerplate or blank lines)")]
    NoText,
    #[error("does not exist")]
    Missing,
    #[error(
        "its text is larger than {} MiB, the most tifa reads in one document: split it into parts",
        crate::files::TEXT_LIMIT >> 20
    )]
    TooMuchText,
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
    /// What kind of file the text was taken from.
    #[serde(default = "text_format")]
    pub format: crate::extract::Format,
    /// How a line of the text is cited in the file: a line, a paragraph, a page and line.
    #[serde(default)]
    pub places: crate::extract::Places,
    pub bytes: u64,
    pub normalized: Normalized,
    pub structure: Structure,
}

fn text_format() -> crate::extract::Format {
    crate::extract::Format::Text
}

impl Document {
    /// Number of Han characters, the base of every rate.
    pub fn han_chars(&self) -> usize {
        crate::chars::han_count(&self.normalized.text)
    }

    /// Where normalized byte `pos` is, as the user finds it: `讲话.txt:12`, `讲话.docx ¶23`,
    /// `通知.pdf p.4:12`.
    pub fn cite(&self, pos: usize) -> String {
        self.cite_line(self.normalized.map.original_line(pos))
    }

    /// [`Document::cite`] of a line of the (extracted) text.
    pub fn cite_line(&self, line: u32) -> String {
        format!("{}{}", self.path, self.places.suffix(line))
    }
}

/// A file or manifest line that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
    /// A file left out on purpose (not a document, a README, outside the folder), not a failure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

impl Problem {
    fn skipped(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            line: None,
            message: message.into(),
            skipped: true,
        }
    }
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
    /// The place of the document whose id is exactly `id`.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

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

/// Loads a folder (with or without `manifest.csv`), a manifest file, or a single text file, and
/// keeps every document. Stages that need only part of each document read a [`Listing`] instead.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Corpus, IngestError> {
    Ok(list(path)?.load(options))
}

/// The files of a corpus, found but not read yet: from its manifest, its folder or one file.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub root: Option<PathBuf>,
    files: Vec<ListedFile>,
    /// Manifest lines that name no usable file, found while listing.
    pub problems: Vec<Problem>,
}

/// One file to read: where it is, how to show it, its manifest line.
#[derive(Debug, Clone)]
struct ListedFile {
    path: PathBuf,
    shown: String,
    row: Option<ManifestRow>,
}

/// What reading a [`Listing`] leaves besides the documents handed out.
#[derive(Debug, Clone, Default)]
pub struct ReadSummary {
    pub root: Option<PathBuf>,
    /// The listing's problems, then the files that could not be used, in corpus order.
    pub problems: Vec<Problem>,
    pub documents: usize,
}

/// How many documents are read at once when streaming: enough to keep every core busy, few enough
/// that a batch of documents is small beside what a stage keeps of them.
pub const STREAM_BATCH: usize = 256;

/// Lists a folder (with or without `manifest.csv`), a manifest file, or a single text file.
pub fn list(path: &Path) -> Result<Listing, IngestError> {
    if !path.exists() {
        return Err(IngestError::file(
            &path.display().to_string(),
            FileError::Missing,
        ));
    }
    if path.is_dir() {
        let manifest = path.join(MANIFEST);
        if manifest.is_file() {
            list_manifest(&manifest, path)
        } else {
            Ok(list_folder(path))
        }
    } else if path.extension().is_some_and(|e| e == "csv") {
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        list_manifest(path, root)
    } else {
        Ok(Listing {
            root: None,
            files: vec![ListedFile {
                path: path.to_path_buf(),
                shown: path.display().to_string(),
                row: None,
            }],
            problems: Vec::new(),
        })
    }
}

fn list_manifest(manifest: &Path, root: &Path) -> Result<Listing, IngestError> {
    let (rows, manifest_problems) = manifest::read(manifest, root)?;
    let shown = manifest.display().to_string();
    let problems = manifest_problems
        .into_iter()
        .map(|p| Problem {
            path: shown.clone(),
            line: p.line,
            message: p.message,
            skipped: false,
        })
        .collect::<Vec<_>>();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let files: Vec<ListedFile> = rows
        .into_iter()
        .map(|row| ListedFile {
            path: row.file.clone(),
            shown: row
                .file
                .strip_prefix(&real_root)
                .unwrap_or(&row.file)
                .display()
                .to_string(),
            row: Some(row),
        })
        .collect();
    let mut problems = problems;
    problems.extend(unlisted(root, &real_root, &files));
    Ok(Listing {
        root: Some(root.to_path_buf()),
        files,
        problems,
    })
}

/// Documents beside a manifest that it does not list.
fn unlisted(root: &Path, real_root: &Path, listed: &[ListedFile]) -> Vec<Problem> {
    let listed: std::collections::HashSet<&Path> =
        listed.iter().map(|f| f.path.as_path()).collect();
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashMap::from([(real_root.to_path_buf(), String::new())]);
    walk(
        root,
        real_root,
        Path::new(""),
        &mut found,
        &mut skipped,
        &mut seen,
    );
    found
        .into_iter()
        .filter(|f| {
            let real = f.path.canonicalize().unwrap_or_else(|_| f.path.clone());
            !listed.contains(real.as_path())
        })
        .map(|f| {
            Problem::skipped(
                &f.shown,
                format!("not listed in {MANIFEST}, so not read; add a row for it, or run `tifa corpus init --update`"),
            )
        })
        .collect()
}

/// Lists every document of a folder and its subfolders, ignoring any manifest; every other file
/// is a skipped problem with its reason.
fn list_folder(root: &Path) -> Listing {
    let mut listing = Listing {
        root: Some(root.to_path_buf()),
        ..Listing::default()
    };
    let real_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            listing.problems.push(Problem {
                path: root.display().to_string(),
                line: None,
                message: e.to_string(),
                skipped: false,
            });
            return listing;
        }
    };
    let mut seen = HashMap::from([(real_root.clone(), String::new())]);
    walk(
        root,
        &real_root,
        Path::new(""),
        &mut listing.files,
        &mut listing.problems,
        &mut seen,
    );
    listing
}

/// Adds the documents under `root/relative` to `files` (sorted by path, subfolders recursed) and
/// every entry left out to `skipped`. Hidden entries, tifa's report folders and the manifest are
/// passed over silently; symbolic links are followed only while they stay inside the corpus, and
/// each real file or folder is read once (`seen`: real path → where it was first met), so a link
/// cycle or a second link to one file is a note, not a loop or a copy.
fn walk(
    root: &Path,
    real_root: &Path,
    relative: &Path,
    files: &mut Vec<ListedFile>,
    skipped: &mut Vec<Problem>,
    seen: &mut HashMap<PathBuf, String>,
) {
    let dir = root.join(relative);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Problem::skipped(
                &relative.display().to_string(),
                format!("folder cannot be read: {e}"),
            ));
            return;
        }
    };
    let mut names: Vec<std::ffi::OsString> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    for name in names {
        let rel = relative.join(&name);
        let path = root.join(&rel);
        let shown = rel.display().to_string();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            || (relative.as_os_str().is_empty() && (name == MANIFEST || name == SETTINGS))
        {
            continue;
        }
        let Ok(link) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link.file_type().is_symlink() {
            let inside = path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(real_root));
            if !inside {
                skipped.push(Problem::skipped(
                    &shown,
                    "a link to something outside the corpus folder, not followed",
                ));
                continue;
            }
        }
        let Ok(meta) = std::fs::metadata(&path) else {
            skipped.push(Problem::skipped(&shown, "a broken link"));
            continue;
        };
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        if let Some(first) = seen.get(&real) {
            let first = if first.is_empty() {
                "the corpus folder itself".to_string()
            } else {
                first.clone()
            };
            skipped.push(Problem::skipped(
                &shown,
                format!(
                    "the same file or folder as {first}, already read (through a link): each is read once, and a link cycle is not followed"
                ),
            ));
            continue;
        }
        if meta.is_dir() {
            if path.join(crate::files::REPORT_MARKER).is_file() {
                continue; // a report tifa wrote
            }
            seen.insert(real, shown.clone());
            walk(root, real_root, &rel, files, skipped, seen);
        } else if !meta.is_file() {
            skipped.push(Problem::skipped(
                &shown,
                "not a regular file (a pipe, device or socket)",
            ));
        } else if name == MANIFEST {
            skipped.push(Problem::skipped(
                &shown,
                format!(
                    "a subfolder's {MANIFEST}: only the named folder's own is read; name {} to use it",
                    dir.display()
                ),
            ));
        } else if let Some(reason) = not_a_document(&path) {
            skipped.push(Problem::skipped(&shown, reason));
        } else {
            seen.insert(real, shown.clone());
            files.push(ListedFile {
                shown,
                path,
                row: None,
            });
        }
    }
}

/// Why a file of a corpus folder is not read as a document, if it is not.
/// Endings of word-processor files that LibreOffice converts to .docx.
const CONVERTIBLE: &[&str] = &["doc", "wps", "wpt", "rtf", "dot", "docm", "dotx"];

fn not_a_document(path: &Path) -> Option<String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // `README`, `LICENSE.txt`, `gbk-pair-LICENSE`: one of the name's words says what it is.
    if stem
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| NOT_DOCUMENTS.contains(&word))
    {
        return Some("describes the folder (README, LICENSE …), not a document".into());
    }
    if crate::extract::Format::of_path(path).is_some() {
        return None;
    }
    let known: Vec<&str> = crate::extract::Format::EXTENSIONS
        .iter()
        .map(|(e, _)| *e)
        .collect();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    // Word processors' own formats: the command that converts the file says what to do.
    if let Some(ext) = ext.as_deref()
        && CONVERTIBLE.contains(&ext)
    {
        return Some(format!(
            "a .{ext} file, which tifa does not read: convert it with `soffice --headless --convert-to docx {}` (LibreOffice), or save it as .docx in Word or WPS",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
    }
    Some(match path.extension() {
        Some(ext) => format!(
            "a .{} file: tifa reads .{}",
            ext.to_string_lossy(),
            known.join(", .")
        ),
        None => format!("no file ending: tifa reads .{}", known.join(", .")),
    })
}

/// Loads every text file of a folder, ignoring any manifest.
pub fn load_folder(root: &Path, options: &LoadOptions) -> Corpus {
    list_folder(root).load(options)
}

impl Listing {
    /// Files to read (problems of the manifest not counted).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Reads every file (on every core) and keeps every document.
    pub fn load(self, options: &LoadOptions) -> Corpus {
        let mut documents = Vec::with_capacity(self.len());
        let read = self.stream(options, usize::MAX, |batch| documents.extend(batch));
        Corpus {
            root: read.root,
            documents,
            problems: read.problems,
        }
    }

    /// Reads the documents `batch` at a time, each batch on every core, and hands each batch to
    /// `visit` in corpus order. A caller that keeps only what it needs of each document (counts,
    /// shingles) never holds the whole corpus; a file that cannot be used becomes a problem.
    pub fn stream(
        self,
        options: &LoadOptions,
        batch: usize,
        mut visit: impl FnMut(Vec<Document>),
    ) -> ReadSummary {
        let progress = crate::progress::bar(self.files.len() as u64, "loading");
        let mut summary = ReadSummary {
            root: self.root,
            problems: self.problems,
            documents: 0,
        };
        for files in self.files.chunks(batch.max(1)) {
            let results = parallel_map(files, |file| {
                let result = read_document(&file.path, &file.shown, file.row.as_ref(), options);
                progress.inc(1);
                result
            });
            let mut documents = Vec::with_capacity(files.len());
            let mut read = Vec::with_capacity(files.len());
            for (file, result) in files.iter().zip(results) {
                match result {
                    Ok(doc) => {
                        documents.push(doc);
                        read.push(file);
                    }
                    Err(e) => summary.problems.push(Problem {
                        path: file.shown.clone(),
                        line: file.row.as_ref().map(|r| r.line),
                        message: e.to_string(),
                        skipped: false,
                    }),
                }
            }
            without_repeated_furniture(&mut documents, &read, options);
            summary.documents += documents.len();
            visit(documents);
        }
        progress.finish_and_clear();
        summary
    }
}

/// Reads again, without it, each document whose page repeats furniture that the pages of its
/// source share (`normalize::furniture`); a document that cannot be read again stays as it was.
fn without_repeated_furniture(
    documents: &mut [Document],
    files: &[&ListedFile],
    options: &LoadOptions,
) {
    let texts: Vec<&crate::normalize::Normalized> =
        documents.iter().map(|d| &d.normalized).collect();
    let repeated = crate::normalize::furniture::repeated(&texts);
    let again: Vec<(usize, Vec<String>)> = repeated
        .into_iter()
        .enumerate()
        .filter(|(_, keys)| !keys.is_empty())
        .collect();
    let rebuilt = parallel_map(&again, |(i, keys)| {
        let file = files[*i];
        let options = LoadOptions {
            encoding: options.encoding,
            boilerplate: options.boilerplate.with_lines("repeated-furniture", keys),
        };
        read_document(&file.path, &file.shown, file.row.as_ref(), &options).ok()
    });
    for ((i, _), doc) in again.iter().zip(rebuilt) {
        if let Some(doc) = doc {
            documents[*i] = doc;
        }
    }
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
    // A pipe named as a document would block the read forever: only regular files are opened.
    let meta = std::fs::metadata(path).map_err(FileError::Read)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular);
    }
    let bytes =
        crate::files::read_regular(path, crate::files::DOCUMENT_LIMIT).map_err(FileError::Read)?;
    build_document(&bytes, path, Some(path), shown, row, options)
}

/// Builds a document from bytes already in memory (used by tests and benchmarks too).
pub fn document_from_bytes(
    bytes: &[u8],
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, IngestError> {
    build_document(bytes, Path::new(shown), None, shown, row, options)
        .map_err(|error| IngestError::file(shown, error))
}

fn build_document(
    bytes: &[u8],
    path: &Path,
    file: Option<&Path>,
    shown: &str,
    row: Option<&ManifestRow>,
    options: &LoadOptions,
) -> Result<Document, FileError> {
    let extracted = crate::extract::extract(bytes, path, file)?;
    if extracted.bytes.len() as u64 > crate::files::TEXT_LIMIT {
        return Err(FileError::TooMuchText);
    }
    // `--encoding` (or the manifest's) is a text file's; other formats give UTF-8.
    let forced = match extracted.format {
        crate::extract::Format::Text => row
            .and_then(|r| r.encoding.as_deref())
            .and_then(|label| crate::decode::encoding_for_label(label).ok())
            .or(options.encoding),
        _ => None,
    };
    let decoded = decode(&extracted.bytes, forced)?;
    let mut normalized = normalize(&decoded, &options.boilerplate);
    // What extraction simplified comes first, at the file's first line.
    let notes = extracted
        .notes
        .iter()
        .map(|note| crate::normalize::Finding {
            kind: crate::normalize::FindingKind::Extraction,
            line: 1,
            offset: 0,
            before: note.clone(),
            after: String::new(),
            rule: None,
        });
    normalized.findings.splice(0..0, notes);
    if normalized.text.trim().is_empty() {
        // Blank space only is an empty file; boilerplate only is a file with nothing of its own.
        return Err(if decoded.text.trim().is_empty() {
            DecodeError::Empty.into()
        } else {
            FileError::NoText
        });
    }
    let structure = if extracted.headings.is_empty() {
        analyze(&normalized.text)
    } else {
        // A paragraph is a styled heading when it starts on a line the file styled as one.
        let styled = |start: usize| {
            let line = normalized.map.original_line(start);
            extracted
                .headings
                .iter()
                .find(|(l, _)| *l == line)
                .map(|(_, level)| *level)
        };
        crate::structure::analyze_with_styles(&normalized.text, &styled)
    };
    let file_name = Path::new(shown)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inferred = infer::infer(&normalized.text, &structure, &file_name);
    let row = row.cloned().unwrap_or_default();
    let unchecked = |column: &str| row.unchecked.iter().any(|c| c == column);
    let meta = Metadata {
        title: Field::prefer_checked(row.title, inferred.title, unchecked("title")),
        date: Field::prefer_checked(row.date, inferred.date, unchecked("date")),
        year: Field::prefer_checked(row.year, inferred.year, unchecked("year")),
        level: Field::prefer_checked(row.level, inferred.level, unchecked("level")),
        region: Field::prefer_checked(row.region, inferred.region, unchecked("region")),
        speaker: row.speaker,
        genre: row.genre,
    };
    Ok(Document {
        id: document_id(shown),
        path: shown.to_string(),
        meta,
        encoding: decoded.encoding,
        encoding_source: decoded.encoding_source,
        format: extracted.format,
        places: extracted.places,
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
