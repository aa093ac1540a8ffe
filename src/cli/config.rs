//! `tifa.toml`: settings a user would otherwise repeat on every command (dictionaries,
//! boilerplate rules, watch terms, language, encoding, thresholds, Word font), read from the corpus
//! folder, else the current folder. The command line wins over the file, the file over the
//! defaults: the file's values become options placed before the user's, and an option the user
//! gave is never taken from the file.
//!
//! ```toml
//! dict = ["网信词典.txt"]          # paths relative to the file
//! boilerplate = "页眉页脚.txt"
//! watch = ["网络强国", "数字中国"]
//! lang = "zh"
//! encoding = "gb18030"
//! min_similarity = 0.5
//! min_in_order_similarity = 0.35
//! east_asian_font = "仿宋"
//! ```

use anyhow::{Context, Result, bail};
use clap::parser::ValueSource;
use serde::Deserialize;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub const CONFIG: &str = crate::ingest::SETTINGS;

/// The settings of `tifa.toml`; every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub dict: Option<Vec<PathBuf>>,
    pub boilerplate: Option<PathBuf>,
    pub watch: Option<Vec<String>>,
    pub lang: Option<String>,
    pub encoding: Option<String>,
    pub min_similarity: Option<f64>,
    pub min_in_order_similarity: Option<f64>,
    pub min_chars: Option<usize>,
    pub top: Option<usize>,
    pub east_asian_font: Option<String>,
}

/// The config file that applies to this run and its SHA-256, once found (for manifest.json).
pub static USED: std::sync::OnceLock<(PathBuf, String)> = std::sync::OnceLock::new();

impl Config {
    pub fn read(path: &Path) -> Result<Self> {
        let text = crate::files::read_regular_text(path, crate::files::SETTINGS_LIMIT)
            .with_context(|| format!("cannot read {} (UTF-8 TOML)", path.display()))?;
        let mut config: Config = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid tifa.toml", path.display()))?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let relative = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        config.dict.iter_mut().flatten().for_each(relative);
        config.boilerplate.iter_mut().for_each(relative);
        // A watch entry is a file of terms when such a file exists beside the config.
        for value in config.watch.iter_mut().flatten() {
            let file = base.join(&*value);
            if Path::new(value.as_str()).is_relative() && file.is_file() {
                *value = file.to_string_lossy().into_owned();
            }
        }
        // A settings file may name files in its own folder only: a corpus received from elsewhere
        // cannot make tifa read (and copy into a report) a file outside it.
        let files = config
            .dict
            .iter()
            .flatten()
            .chain(&config.boilerplate)
            .cloned()
            .chain(
                config
                    .watch
                    .iter()
                    .flatten()
                    .map(PathBuf::from)
                    .filter(|p| p.is_file()),
            );
        for file in files {
            if !inside(base, &file) {
                bail!(
                    "{} names {}, which is outside its folder: a tifa.toml may name files in its own folder only; to use that file, give it on the command line (--dict, --boilerplate or --watch)",
                    path.display(),
                    file.display()
                );
            }
        }
        for (name, value) in [
            ("min_similarity", config.min_similarity),
            ("min_in_order_similarity", config.min_in_order_similarity),
        ] {
            if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                bail!("{}: {name} must be a ratio from 0 to 1", path.display());
            }
        }
        let _ = USED.set((
            path.to_path_buf(),
            crate::report::sha256_hex(text.as_bytes()),
        ));
        Ok(config)
    }

    /// The options this config stands for, as `(id, flag, values)`.
    fn options(&self) -> Vec<(&'static str, &'static str, Vec<OsString>)> {
        let mut out: Vec<(&'static str, &'static str, Vec<OsString>)> = Vec::new();
        let one = |v: &dyn ToString| vec![OsString::from(v.to_string())];
        if let Some(dicts) = &self.dict {
            out.push(("dict", "--dict", dicts.iter().map(|d| d.into()).collect()));
        }
        if let Some(b) = &self.boilerplate {
            out.push(("boilerplate", "--boilerplate", vec![b.into()]));
        }
        if let Some(w) = &self.watch {
            out.push(("watch", "--watch", w.iter().map(OsString::from).collect()));
        }
        if let Some(v) = &self.lang {
            out.push(("lang", "--lang", one(v)));
        }
        if let Some(v) = &self.encoding {
            out.push(("encoding", "--encoding", one(v)));
        }
        if let Some(v) = self.min_similarity {
            out.push(("min_similarity", "--min-similarity", one(&v)));
        }
        if let Some(v) = self.min_in_order_similarity {
            out.push((
                "min_in_order_similarity",
                "--min-in-order-similarity",
                one(&v),
            ));
        }
        if let Some(v) = self.min_chars {
            out.push(("min_chars", "--min-chars", one(&v)));
        }
        if let Some(v) = self.top {
            out.push(("top", "--top", one(&v)));
        }
        if let Some(v) = &self.east_asian_font {
            out.push(("east_asian_font", "--east-asian-font", one(v)));
        }
        out
    }
}

/// Whether `file` lies inside `folder` once links are resolved (a file not there yet is judged by its
/// path).
fn inside(folder: &Path, file: &Path) -> bool {
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let file = file.canonicalize().unwrap_or_else(|_| {
        let parent = file.parent().and_then(|p| p.canonicalize().ok());
        match (parent, file.file_name()) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => file.to_path_buf(),
        }
    });
    file.starts_with(&folder)
}

/// The command line with `tifa.toml`'s settings put in, before the user's own arguments, for the
/// options the subcommand has and the user did not give.
pub fn with_config(args: Vec<OsString>, command: &clap::Command) -> Result<Vec<OsString>> {
    let Ok(matches) = command.clone().try_get_matches_from(&args) else {
        return Ok(args); // clap reports the usage error on the real parse
    };
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(args);
    };
    let Some(path) = config_path(sub) else {
        return Ok(args);
    };
    let config = Config::read(&path)?;
    let subcommand = command
        .find_subcommand(name)
        .expect("the subcommand just parsed");
    let known: Vec<&str> = subcommand
        .get_arguments()
        .map(|a| a.get_id().as_str())
        .collect();
    let given = |id: &str| sub.value_source(id) == Some(ValueSource::CommandLine);
    let mut inserted: Vec<OsString> = Vec::new();
    for (id, flag, values) in config.options() {
        if known.contains(&id) && !given(id) {
            for value in values {
                inserted.push(flag.into());
                inserted.push(value);
            }
        }
    }
    // Right after the subcommand's name: the user's arguments come later and win.
    let at = args
        .iter()
        .position(|a| a == name)
        .map_or(args.len(), |i| i + 1);
    let mut out = args[..at].to_vec();
    out.extend(inserted);
    out.extend_from_slice(&args[at..]);
    Ok(out)
}

/// `tifa.toml` in the command's corpus folder (its `dir` or `--corpus`), else the current folder.
fn config_path(sub: &clap::ArgMatches) -> Option<PathBuf> {
    let dir = ["dir", "corpus", "corpus_dir"]
        .iter()
        .filter(|id| sub.try_contains_id(id).unwrap_or(false))
        .find_map(|id| sub.try_get_one::<PathBuf>(id).ok().flatten().cloned());
    let corpus = dir
        .filter(|d| d.is_dir())
        .or_else(|| Some(PathBuf::from("corpus")).filter(|d| d.is_dir()));
    corpus
        .map(|d| d.join(CONFIG))
        .filter(|p| p.is_file())
        .or_else(|| Some(PathBuf::from(CONFIG)).filter(|p| p.is_file()))
}
