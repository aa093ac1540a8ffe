//! Manifest: `manifest.csv` → [`ManifestRow`]s (paths checked to stay inside the corpus folder)
//! and [`ManifestProblem`]s for rows or columns that cannot be used.

use super::metadata::Level;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

pub const COLUMNS: &[&str] = &[
    "file", "title", "date", "year", "level", "region", "speaker", "genre",
];

#[derive(Debug, Error)]
pub enum ManifestError {
    #[error("cannot read manifest {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("manifest {path}: not valid CSV: {message}")]
    Csv { path: String, message: String },
    #[error("manifest {path}: has no `file` column; the header must name at least `file` (columns: {columns})", columns = COLUMNS.join(","))]
    NoFileColumn { path: String },
}

/// A manifest line that was read, with the values the user gave (empty cells are `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestRow {
    /// 1-based line in the manifest.
    pub line: usize,
    pub file: PathBuf,
    pub title: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub level: Option<Level>,
    pub region: Option<String>,
    pub speaker: Option<String>,
    pub genre: Option<String>,
}

/// Something wrong with one manifest line or column; the rest of the manifest still counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestProblem {
    pub line: Option<usize>,
    pub message: String,
}

/// Reads a manifest. Rows whose file lies outside `root` or does not exist are reported, not
/// returned, so that nothing outside the corpus folder is ever opened.
pub fn read(
    path: &Path,
    root: &Path,
) -> Result<(Vec<ManifestRow>, Vec<ManifestProblem>), ManifestError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ManifestError::Read {
        path: shown.clone(),
        source,
    })?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader.headers().map_err(|e| ManifestError::Csv {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut problems = Vec::new();
    for h in headers.iter().filter(|h| !COLUMNS.contains(&h.as_str())) {
        problems.push(ManifestProblem {
            line: Some(1),
            message: format!(
                "unknown column `{h}` is ignored (known: {})",
                COLUMNS.join(",")
            ),
        });
    }
    let column = |name: &str| headers.iter().position(|h| h == name);
    let file_col = column("file").ok_or(ManifestError::NoFileColumn {
        path: shown.clone(),
    })?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(ManifestProblem {
                    line,
                    message: format!("unreadable CSV row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let Some(file) = record
            .get(file_col)
            .map(str::trim)
            .filter(|f| !f.is_empty())
        else {
            problems.push(ManifestProblem {
                line: Some(line),
                message: "empty `file` cell; row skipped".into(),
            });
            continue;
        };
        let mut problem = |message: String| {
            problems.push(ManifestProblem {
                line: Some(line),
                message,
            })
        };
        let file = match inside_root(&root, file) {
            Ok(p) => p,
            Err(message) => {
                problem(message);
                continue;
            }
        };
        let year = cell("year").and_then(|y| match y.parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => Some(y),
            _ => {
                problem(format!("year `{y}` is not a year between 1900 and 2100; it will be inferred from the text"));
                None
            }
        });
        let date = cell("date").and_then(|d| {
            if valid_date(&d) {
                Some(d)
            } else {
                problem(format!(
                    "date `{d}` is not YYYY-MM-DD; it will be inferred from the text"
                ));
                None
            }
        });
        let level = cell("level").and_then(|l| {
            Level::parse(&l).or_else(|| {
                problem(format!("level `{l}` is not national, provincial, municipal or county; it will be inferred"));
                None
            })
        });
        rows.push(ManifestRow {
            line,
            file,
            title: cell("title"),
            date,
            year,
            level,
            region: cell("region"),
            speaker: cell("speaker"),
            genre: cell("genre"),
        });
    }
    Ok((rows, problems))
}

/// Resolves a manifest path against the corpus root, refusing anything that leaves it.
fn inside_root(root: &Path, file: &str) -> Result<PathBuf, String> {
    let relative = Path::new(file);
    let escapes = relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(format!(
            "`{file}` is outside the corpus folder (absolute or with ..); row skipped, file not read"
        ));
    }
    let full = root.join(relative);
    let Ok(real) = full.canonicalize() else {
        return Err(format!(
            "`{file}` does not exist in {}; row skipped",
            root.display()
        ));
    };
    if !real.starts_with(root) {
        return Err(format!(
            "`{file}` links outside the corpus folder; row skipped, file not read"
        ));
    }
    Ok(real)
}

fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y, m, day] if num(y, 4) && num(m, 2) && num(day, 2) => {
            let (m, day): (u32, u32) = (m.parse().unwrap_or(0), day.parse().unwrap_or(0));
            (1..=12).contains(&m) && (1..=31).contains(&day)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2019-02-18"));
        assert!(!valid_date("2019-2-18"));
        assert!(!valid_date("2019-13-01"));
        assert!(!valid_date("18 Feb 2019"));
    }
}
