//! Command line: arguments → the command that runs them → text or JSON on stdout. Commands only
//! call the stages and hand their results to a renderer; they compute nothing themselves.

mod compare;
pub mod config;
mod corpus;
mod report;
mod reuse;
mod show;
mod stats;
mod trace;

use crate::ingest::{self, Corpus, Document, LoadOptions};
use crate::normalize::BoilerplateRules;
pub(crate) use crate::render::truncate;
use crate::words::Segmenter;
use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the exit status says, as `--help` and the README document it.
pub mod exit {
    /// The command did what was asked.
    pub const SUCCESS: u8 = 0;
    /// Nothing found: `kwic` found no occurrence, or no document of the corpus could be read.
    pub const NOTHING_FOUND: u8 = 1;
    /// The command line is wrong: an unknown option or value, a missing argument.
    pub const USAGE: u8 = 2;
    /// An input cannot be used: a file, folder or manifest cannot be read or is broken.
    pub const INPUT: u8 = 3;
    /// An output cannot be written: the report folder or an `--out` file (nothing half-written
    /// is left, and what was there before is kept).
    pub const OUTPUT: u8 = 4;
    /// Interrupted (Ctrl-C) before the output was complete.
    pub const INTERRUPTED: u8 = 130;
}

const EXIT_CODES: &str = "Exit status: 0 success, 1 nothing found (kwic without a hit, no readable document), 2 usage error, 3 an input cannot be read, 4 an output cannot be written, 130 interrupted.";

/// The exit status of a failed run, from what failed.
pub fn exit_code_of(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        // A wrong --encoding label is a wrong argument, not a wrong file.
        if let Some(crate::decode::DecodeError::UnknownLabel(_)) = cause.downcast_ref() {
            return exit::USAGE;
        }
        // passim's output that does not fit the corpus is a wrong input, also inside a report.
        if let Some(crate::report::ReportError::Passim(_)) = cause.downcast_ref() {
            return exit::INPUT;
        }
        if cause.is::<NoDocuments>() {
            return exit::NOTHING_FOUND;
        }
        if cause.is::<ingest::IngestError>()
            || cause.is::<ingest::manifest::ManifestError>()
            || cause.is::<crate::decode::DecodeError>()
            || cause.is::<crate::extract::ExtractError>()
            || cause.is::<ingest::FileError>()
            || cause.is::<crate::reuse::passim::PassimError>()
        {
            return exit::INPUT;
        }
        if cause.is::<crate::report::folder::FolderError>()
            || cause.is::<crate::render::report::WriteError>()
            || cause.is::<OutputError>()
        {
            return exit::OUTPUT;
        }
    }
    exit::USAGE
}

/// A number from 0 to 1 (NaN, infinities and anything outside refused).
pub(crate) fn ratio(value: &str) -> Result<f64, String> {
    let x: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("`{value}` is not a ratio from 0 to 1"))
    }
}

/// No document of a corpus could be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NoDocuments(String);

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct OutputError {
    path: String,
    source: std::io::Error,
}

/// tifa (提法): compare Chinese official speeches and policy documents across years and levels.
#[derive(Debug, Parser)]
#[command(name = "tifa", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// No progress bars, notes (skipped files) or summaries on stderr; warnings and errors still.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say what each stage did and how long it took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: write a report folder (HTML, Markdown, Word, charts, CSV and Parquet tables) for a corpus.
    Report(report::ReportArgs),
    /// List the documents of a corpus folder: metadata (inferred values marked ?), encoding, size, findings.
    Corpus(corpus::CorpusArgs),
    /// Show one document after normalization: its text, the changes made, its structure or its words.
    Show(show::ShowArgs),
    /// What changed from A to B: copy ratio, pairs per kind, formulation changes, then each changed sentence word by word.
    Diff(compare::DiffArgs),
    /// The full sentence pair table of A and B (identical, changed, moved, added, dropped) as JSON or CSV.
    Align(compare::AlignArgs),
    /// Term frequencies per document, year or level: count, rate per 10,000 Han characters, documents.
    Terms(stats::TermsArgs),
    /// Which terms are over-represented in target documents against reference ones (G², p, BH q, Log Ratio).
    Keyness(stats::KeynessArgs),
    /// A term's count and rate per year (TERM… then the folder), or every term's rise, fall, first and last year.
    Trend(stats::TrendArgs),
    /// Quoted phrases, numbered formulas and 《titles》 with first and last year per level; or 一是…二是… lists.
    Formulations(stats::FormulationsArgs),
    /// Every occurrence of a word or phrase with its context, document and original line.
    Kwic(stats::KwicArgs),
    /// The words that keep a term company (±N words), with MI, log-likelihood and log Dice, per year, decade, level or region.
    Collocates(stats::CollocatesArgs),
    /// Where a term falls in each document: positions, Gries' DP, and a dispersion plot (SVG and PNG) with section starts.
    Dispersion(stats::DispersionArgs),
    /// Which documents of a corpus share passages, without comparing every pair (or read passim's output).
    Reuse(reuse::ReuseArgs),
    /// One higher-level text through every document that may draw on it: per base sentence which documents keep, change, move or drop it; per document how much comes from the base.
    Trace(trace::TraceArgs),
    /// One text through many, side by side: per base sentence every document's wording with the words it changed marked, and how many keep, change or drop it (HTML, XLSX, CSV, Parquet).
    Collate(trace::CollateArgs),
    /// Write the normalized corpus for another tool: passim's JSON lines (id, series, date, text).
    Export(reuse::ExportArgs),
    /// The licences of tifa, of the crates compiled into it, of its chart font and of its data.
    Licenses,
    /// Print a shell completion script: `tifa completions bash > ~/.local/share/bash-completion/completions/tifa`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tifa man > tifa.1 && man ./tifa.1`.
    Man,
}

/// What `tifa licenses` prints: tifa's licence, then those of what the binary carries.
const LICENCES: &[(&str, &str)] = &[
    ("tifa", include_str!("../../LICENSE")),
    (
        "Noto Sans SC subset (chart font, assets/fonts)",
        include_str!("../../assets/fonts/OFL.txt"),
    ),
    (
        "data/variants.txt (Unicode data, OpenCC)",
        include_str!("../../data/variants-LICENSE.txt"),
    ),
    (
        "data/lexicon.txt, data/stopwords.txt",
        include_str!("../../data/LICENSE"),
    ),
    (
        "data/divisions.tsv (administrative divisions, from cpca)",
        include_str!("../../data/divisions.LICENSE"),
    ),
    (
        "data/jieba-dict.txt (jieba's general dictionary)",
        include_str!("../../data/jieba-dict.LICENSE"),
    ),
    (
        "Crates compiled into tifa",
        include_str!("../../THIRD-PARTY-NOTICES.md"),
    ),
];

fn print_licences() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for (what, text) in LICENCES {
        match writeln!(out, "=== {what}\n\n{}\n", text.trim_end()) {
            // `tifa licenses | head`: the reader has what it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            other => other?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Options for reading documents, shared by every command that loads text.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Decode every file with this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le …).
    #[arg(long, value_name = "LABEL", global = true)]
    pub encoding: Option<String>,
    /// Extra boilerplate rules: one regular expression per line (or `name<TAB>regex`), matched against whole lines.
    #[arg(long, value_name = "FILE", global = true)]
    pub boilerplate: Option<PathBuf>,
}

impl InputArgs {
    /// The options that shape a document's normalized text, as one line (`--encoding gbk
    /// --boilerplate rules.txt#sha256:…`, or `defaults`): recorded by `tifa export` and checked
    /// when passim's output is read back.
    pub fn text_options(&self) -> String {
        let mut parts = Vec::new();
        if let Some(label) = &self.encoding {
            parts.push(format!("--encoding {label}"));
        }
        if let Some(path) = &self.boilerplate {
            let hash = crate::files::read_regular(path, crate::files::SETTINGS_LIMIT)
                .map(|b| crate::report::sha256_hex(&b)[..12].to_string())
                .unwrap_or_else(|_| "unreadable".into());
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            parts.push(format!("--boilerplate {name}#sha256:{hash}"));
        }
        if parts.is_empty() {
            "defaults".to_string()
        } else {
            parts.join(" ")
        }
    }

    pub fn load_options(&self) -> Result<LoadOptions> {
        let encoding = match &self.encoding {
            Some(label) => Some(crate::decode::encoding_for_label(label)?),
            None => None,
        };
        let mut boilerplate = BoilerplateRules::default();
        if let Some(path) = &self.boilerplate {
            boilerplate.extend_from_file(path)?;
        }
        Ok(LoadOptions {
            encoding,
            boilerplate,
        })
    }
}

pub fn run() -> Result<ExitCode> {
    let cli = {
        use clap::CommandFactory;
        let args = config::with_config(std::env::args_os().collect(), &Cli::command())?;
        Cli::parse_from(args)
    };
    crate::progress::set_verbosity(cli.quiet, cli.verbose);
    on_interrupt();
    match cli.command {
        Command::Report(args) => report::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Show(args) => show::run(args),
        Command::Diff(args) => compare::run_diff(args),
        Command::Align(args) => compare::run_align(args),
        Command::Terms(args) => stats::run_terms(args),
        Command::Keyness(args) => stats::run_keyness(args),
        Command::Trend(args) => stats::run_trend(args),
        Command::Formulations(args) => stats::run_formulations(args),
        Command::Kwic(args) => stats::run_kwic(args),
        Command::Reuse(args) => reuse::run(args),
        Command::Collocates(args) => stats::run_collocates(args),
        Command::Dispersion(args) => stats::run_dispersion(args),
        Command::Trace(args) => trace::run(args),
        Command::Collate(args) => trace::run_collate(args),
        Command::Export(args) => reuse::run_export(args),
        Command::Licenses => print_licences(),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "tifa", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Temporary files being written ([`write_into`]): removed if the run is interrupted.
static TEMPORARY: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
/// The staging folder of the report being written, once `tifa report` knows it.
pub(crate) static STAGING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Ctrl-C, SIGTERM and SIGHUP: temporary files are removed and the run stops with status 130;
/// a report being written stops at its next file and removes its own staging folder and lock.
fn on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        use std::sync::atomic::Ordering;
        crate::report::folder::INTERRUPTED.store(true, Ordering::SeqCst);
        if let Ok(files) = TEMPORARY.lock() {
            for file in files.iter() {
                let _ = std::fs::remove_file(file);
            }
        }
        let writing = STAGING
            .lock()
            .ok()
            .and_then(|s| s.clone())
            .is_some_and(|staging| staging.exists());
        if !writing {
            eprintln!("\ninterrupted: nothing written");
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
}

/// The folder every command defaults to.
const DEFAULT_CORPUS: &str = "corpus";

/// The corpus folder to read: `dir` when it exists; for the default `corpus` that does not exist
/// here, the current folder when it holds documents; else an error that says how to name one.
pub(crate) fn corpus_folder(dir: &Path) -> Result<PathBuf> {
    let found = find_corpus_folder(dir)?;
    protect_input(&found);
    Ok(found)
}

fn find_corpus_folder(dir: &Path) -> Result<PathBuf> {
    if is_standard_input(dir) && !dir.exists() {
        bail!(
            "`-` (standard input) is one document: this command reads a folder; name one, or pipe the document to show, diff, align, terms, formulations or kwic"
        );
    }
    if dir.exists() {
        return Ok(dir.to_path_buf());
    }
    if dir != Path::new(DEFAULT_CORPUS) {
        return Err(ingest::IngestError::File {
            path: dir.display().to_string(),
            error: ingest::FileError::Missing,
        })
        .context("name an existing folder, manifest or file");
    }
    let here_has_documents = std::fs::read_dir(".").is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let path = e.path();
            path.is_file()
                && (crate::extract::Format::of_path(&path).is_some()
                    || path.file_name().is_some_and(|n| n == ingest::MANIFEST))
        })
    });
    if here_has_documents {
        return Ok(PathBuf::from("."));
    }
    bail!(
        "no corpus folder named, and neither ./corpus nor the current folder holds documents: name one, e.g. `tifa corpus path/to/folder` (a folder of .txt, .docx, .odt, .html or .pdf files, or its manifest.csv)"
    )
}

/// The document piped to standard input, named `stdin` (read once: a second `-` has nothing
/// left).
fn standard_input_document(options: &LoadOptions) -> Result<Document> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    if bytes.is_empty() {
        bail!(
            "standard input (`-`) is empty: pipe a document in, e.g. `cat 讲话.txt | tifa show -`"
        );
    }
    ingest::document_from_bytes(&bytes, "stdin.txt", None, options)
        .context("cannot read the document on standard input")
}

/// `-` in place of a corpus: the one document on standard input.
fn is_standard_input(dir: &Path) -> bool {
    dir == Path::new("-")
}

/// Loads a corpus for a command that needs at least one document, warning about the others.
pub(crate) fn load_corpus(dir: &Path, input: &InputArgs) -> Result<Corpus> {
    if is_standard_input(dir) {
        return Ok(Corpus {
            root: None,
            documents: vec![standard_input_document(&input.load_options()?)?],
            problems: Vec::new(),
        });
    }
    let dir = &corpus_folder(dir)?;
    let options = input.load_options()?;
    let started = std::time::Instant::now();
    let corpus = ingest::load(dir, &options).context("the corpus cannot be read")?;
    warn_problems(&corpus.problems);
    say_read(dir, corpus.documents.len(), corpus.problems.len(), started);
    require_documents(corpus.documents.len(), dir, &corpus.problems)?;
    Ok(corpus)
}

/// Reads a corpus batch by batch for a command that keeps only part of each document (counts,
/// phrase counts), warning about files that cannot be used; an error when no document was read.
pub(crate) fn stream_corpus(
    dir: &Path,
    input: &InputArgs,
    mut visit: impl FnMut(Vec<Document>),
) -> Result<ingest::ReadSummary> {
    if is_standard_input(dir) {
        visit(vec![standard_input_document(&input.load_options()?)?]);
        return Ok(ingest::ReadSummary {
            root: None,
            problems: Vec::new(),
            documents: 1,
        });
    }
    let dir = &corpus_folder(dir)?;
    let options = input.load_options()?;
    let listing = ingest::list(dir).context("the corpus cannot be read")?;
    let started = std::time::Instant::now();
    let read = listing.stream(&options, ingest::STREAM_BATCH, visit);
    warn_problems(&read.problems);
    say_read(dir, read.documents, read.problems.len(), started);
    require_documents(read.documents, dir, &read.problems)?;
    Ok(read)
}

/// `-v`: how many documents were read, from where, in how long.
pub(crate) fn say_read(dir: &Path, documents: usize, left_out: usize, started: std::time::Instant) {
    if crate::progress::verbose() {
        eprintln!(
            "read {documents} documents of {} ({left_out} left out) in {:.0} ms",
            dir.display(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Prints the problems met while reading a corpus, as warnings on stderr.
pub(crate) fn warn_problems(problems: &[ingest::Problem]) {
    for problem in problems {
        if problem.skipped && crate::progress::quiet() {
            continue;
        }
        let label = if problem.skipped {
            "skipped"
        } else {
            "warning"
        };
        eprintln!("{label}: {problem}");
    }
}

/// A command that needs documents stops when none of `dir` could be read.
pub(crate) fn require_documents(
    documents: usize,
    dir: &Path,
    problems: &[ingest::Problem],
) -> Result<()> {
    if documents > 0 {
        return Ok(());
    }
    let known: Vec<&str> = crate::extract::Format::EXTENSIONS
        .iter()
        .map(|(e, _)| *e)
        .collect();
    if problems.is_empty() {
        return Err(NoDocuments(format!(
            "{} holds no document: tifa reads .{} files (in subfolders too), or the files a manifest.csv lists",
            dir.display(),
            known.join(", .")
        ))
        .into());
    }
    Err(NoDocuments(format!(
        "no document of {} could be read: {} left out or unreadable, each named above (tifa reads .{})",
        dir.display(),
        match problems.len() {
            1 => "one file".to_string(),
            n => format!("{n} files"),
        },
        known.join(", .")
    ))
    .into())
}

/// Resolves DOC arguments: a path to any file, or an id (or unique id prefix) in the corpus
/// folder. The corpus is read at most once, and only when an argument is not a file.
pub(crate) struct Resolver<'a> {
    corpus_dir: &'a Path,
    options: &'a LoadOptions,
    corpus: std::cell::OnceCell<Corpus>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(corpus_dir: &'a Path, options: &'a LoadOptions) -> Self {
        Self {
            corpus_dir,
            options,
            corpus: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn document(&self, key: &str) -> Result<Document> {
        if key == "-" {
            return standard_input_document(self.options);
        }
        let path = Path::new(key);
        if path.is_file() {
            protect_input(path);
            return ingest::load_document(path, key, None, self.options)
                .context("cannot load the document");
        }
        if looks_like_a_path(key) {
            // A path that is not there is an error, never a reason to read a folder.
            let error = if path.exists() {
                ingest::FileError::NotRegular
            } else {
                ingest::FileError::Missing
            };
            return Err(ingest::IngestError::File {
                path: key.to_string(),
                error,
            })
            .context("name an existing file, or a document id of the corpus (see `tifa corpus`)");
        }
        let corpus = self
            .corpus()
            .with_context(|| format!("`{key}` is not a file"))?;
        if let Some(doc) = corpus.find(key) {
            return Ok(doc.clone());
        }
        if let Some(problem) = corpus.problems.iter().find(|p| p.path.contains(key)) {
            bail!("{problem}");
        }
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        bail!(
            "no file `{key}` and no document with that id in {} (ids: {}; a unique prefix such as `{}` is enough)",
            self.corpus_dir.display(),
            ids.join(", "),
            ids.first().map_or("000", |id| &id[..id.len().min(3)])
        )
    }

    pub(crate) fn corpus(&self) -> Result<&Corpus> {
        if let Some(corpus) = self.corpus.get() {
            return Ok(corpus);
        }
        let dir = corpus_folder(self.corpus_dir)?;
        let corpus = ingest::load(&dir, self.options).context("the corpus cannot be read")?;
        Ok(self.corpus.get_or_init(|| corpus))
    }

    /// The corpus ([`Resolver::corpus`]), owned.
    pub(crate) fn into_corpus(self) -> Result<Corpus> {
        self.corpus()?;
        Ok(self
            .corpus
            .into_inner()
            .expect("the corpus was loaded just now"))
    }
}

/// A DOC argument that names a file rather than an id: it holds a path separator or ends in the
/// extension of a format tifa reads.
fn looks_like_a_path(key: &str) -> bool {
    key.contains('/')
        || key.contains(std::path::MAIN_SEPARATOR)
        || crate::extract::Format::of_path(Path::new(key)).is_some()
}

/// The segmenter for `--dict` files: the shared default one when there are none.
pub(crate) struct Words(Option<Segmenter>);

impl Words {
    pub(crate) fn with_dictionaries(dicts: &[PathBuf]) -> Result<Self> {
        if dicts.is_empty() {
            return Ok(Self(None));
        }
        let paths: Vec<&Path> = dicts.iter().map(PathBuf::as_path).collect();
        Ok(Self(Some(Segmenter::with_dictionaries(&paths)?)))
    }

    /// A segmenter for these texts alone (see [`Segmenter::for_texts`]).
    pub(crate) fn for_texts(dicts: &[PathBuf], texts: &[&str]) -> Result<Self> {
        let paths: Vec<&Path> = dicts.iter().map(PathBuf::as_path).collect();
        Ok(Self(Some(Segmenter::for_texts(texts, &paths)?)))
    }

    pub(crate) fn segmenter(&self) -> &Segmenter {
        self.0.as_ref().unwrap_or_else(|| Segmenter::shared())
    }
}

/// The inputs of this run (corpus folders and document files, canonical), which no output may
/// replace.
static INPUTS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn protect_input(path: &Path) {
    if let Ok(real) = path.canonicalize()
        && let Ok(mut inputs) = INPUTS.lock()
    {
        inputs.push(real);
    }
}

/// Refuses an output that is one of this run's input files or lies inside its corpus folder.
fn refuse_overwriting_inputs(path: &Path) -> Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(parent) = parent.canonicalize() else {
        return Ok(()); // the write itself will say the folder is missing
    };
    let target = parent.join(path.file_name().unwrap_or_default());
    let inputs = INPUTS.lock().map(|i| i.clone()).unwrap_or_default();
    if let Some(input) = inputs
        .iter()
        .find(|input| target == **input || (input.is_dir() && target.starts_with(input)))
    {
        bail!(
            "{} would be written {} {}: choose an --out outside the corpus",
            path.display(),
            if input.is_dir() {
                "inside the corpus folder"
            } else {
                "over the input"
            },
            input.display()
        );
    }
    Ok(())
}

/// [`write_into`] for an output file of a command: never over an input or into the corpus.
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    refuse_overwriting_inputs(path)?;
    write_into(path, contents)
}

/// Writes a file whole or not at all (the corpus's own manifest, for `corpus init`).
pub(crate) fn write_into(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let failed = |source: std::io::Error| OutputError {
        path: path.display().to_string(),
        source,
    };
    // A temporary file beside the target, removed if anything fails (a full disk included), so
    // the target is either the old file or the whole new one.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tifa-").suffix(".tmp");
    // The new file's mode follows the umask (0644 under 022), as any program's output does,
    // rather than a temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(failed)?;
    let staged = tmp.path().to_path_buf();
    if let Ok(mut files) = TEMPORARY.lock() {
        files.push(staged.clone());
    }
    let written = (|| {
        tmp.write_all(contents)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    if let Ok(mut files) = TEMPORARY.lock() {
        files.retain(|f| *f != staged);
    }
    Ok(written.map_err(failed)?)
}
