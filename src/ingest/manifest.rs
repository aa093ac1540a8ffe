//! Manifest: `manifest.csv` → [`ManifestRow`]s (paths checked to stay inside the corpus folder)
//! and [`ManifestProblem`]s for rows or columns that cannot be used.

use super::metadata::Level;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

pub const COLUMNS: &[&str] = &[
    "file", "title", "date", "year", "level", "region", "speaker", "genre", "encoding", "inferred",
];

/// The columns `tifa corpus init` infers from the text; the `inferred` column names those of a row
/// that nobody has checked yet (delete a name from it once the value is right).
pub const INFERABLE: &[&str] = &["title", "date", "year", "level", "region"];

#[derive(Debug, Error)]
pub enum ManifestError {
    #[error("cannot read manifest {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("manifest {path}: cannot be decoded: {source}")]
    Decode {
        path: String,
        source: crate::decode::DecodeError,
    },
    #[error("manifest {path}, line {line}: {message}")]
    Csv {
        path: String,
        line: usize,
        message: String,
    },
    #[error(
        "manifest {path}: lists no file (only a header); add a row per document, or run `tifa corpus init --update`"
    )]
    Empty { path: String },
    #[error("manifest {path}, lines {first} and {second}: {what}; keep one of the two rows")]
    Duplicate {
        path: String,
        first: usize,
        second: usize,
        what: String,
    },
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
    /// The file's encoding label (`gbk`, `utf-16le` …), when it differs from what detection finds.
    pub encoding: Option<String>,
    /// Columns of this row whose values were inferred by `tifa corpus init` and not yet checked
    /// (the `inferred` cell: `title year level`): they count as inferred, shown with `?`.
    pub unchecked: Vec<String>,
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
    let bytes =
        crate::files::read_regular(path, crate::files::SETTINGS_LIMIT).map_err(|source| {
            ManifestError::Read {
                path: shown.clone(),
                source,
            }
        })?;
    // A manifest saved by Excel or WPS on Chinese Windows is GBK; one saved by tifa has a BOM.
    let text = crate::decode::decode(&bytes, None)
        .map_err(|source| ManifestError::Decode {
            path: shown.clone(),
            source,
        })?
        .text;
    let csv_error = |line: usize, message: String| ManifestError::Csv {
        path: shown.clone(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(1, e.to_string()))?;
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
    let mut rows: Vec<ManifestRow> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            csv_error(
                e.position().map_or(0, |p| p.line() as usize),
                format!("not valid CSV: {e}"),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        // A quote opened and never closed swallows every later line into one cell: a line break
        // in the file name, or before a line that reads as a row (a comma or a quote in it). A
        // line break in a title (Excel's Alt+Enter) is a cell's own and is kept, as CSV reads it.
        let swallowed = |cell: &str| cell.lines().skip(1).any(|l| l.contains([',', '"']));
        if record.get(file_col).is_some_and(|f| f.contains('\n')) || record.iter().any(swallowed) {
            return Err(csv_error(
                line,
                "a quote (\") opened on this line is never closed, so every later line was read as one cell; close or remove it".into(),
            ));
        }
        // A cell broken over lines is one line again (Chinese needs no space where it joins).
        let cell = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map(|v| v.lines().map(str::trim).collect::<String>())
                .filter(|v| !v.is_empty())
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
                    "date `{d}` is not a real date written YYYY-MM-DD; it will be inferred from the text"
                ));
                None
            }
        });
        if let (Some(y), Some(d)) = (year, &date)
            && !d.starts_with(&y.to_string())
        {
            problem(format!(
                "year {y} contradicts date {d}; the date is used, correct one of the two"
            ));
        }
        let year = match (&date, year) {
            (Some(d), Some(_)) => d[..4].parse().ok(),
            _ => year,
        };
        let encoding =
            cell("encoding").and_then(|label| match crate::decode::encoding_for_label(&label) {
                Ok(_) => Some(label),
                Err(e) => {
                    problem(format!("{e}; the encoding will be detected"));
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
            encoding,
            unchecked: cell("inferred")
                .map(|names| {
                    names
                        .split([',', '，', ' ', ';'])
                        .map(|n| n.trim().to_lowercase())
                        .filter(|n| INFERABLE.contains(&n.as_str()))
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    if rows.is_empty() && problems.iter().all(|p| p.line == Some(1)) {
        return Err(ManifestError::Empty { path: shown });
    }
    check_duplicates(&rows, &shown)?;
    Ok((rows, problems))
}

/// Two rows naming one file, or two files that would get one id, are an error naming both lines.
fn check_duplicates(rows: &[ManifestRow], shown: &str) -> Result<(), ManifestError> {
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut ids: std::collections::HashMap<PathBuf, (usize, &Path)> =
        std::collections::HashMap::new();
    for row in rows {
        if let Some(&first) = seen.get(&row.file) {
            return Err(ManifestError::Duplicate {
                path: shown.to_string(),
                first,
                second: row.line,
                what: format!("both rows name {}", row.file.display()),
            });
        }
        seen.insert(row.file.clone(), row.line);
        let id = row.file.with_extension("");
        if let Some(&(first, other)) = ids.get(&id) {
            return Err(ManifestError::Duplicate {
                path: shown.to_string(),
                first,
                second: row.line,
                what: format!(
                    "{} and {} would get the same id",
                    other.display(),
                    row.file.display()
                ),
            });
        }
        ids.insert(id, (row.line, &row.file));
    }
    Ok(())
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

/// A date written YYYY-MM-DD that exists in the calendar (no 2019-02-30).
fn valid_date(d: &str) -> bool {
    d.len() == 10 && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
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
        assert!(!valid_date("2019-02-30"));
        assert!(valid_date("2020-02-29"));
    }
}
