//! The hand-off to passim (text reuse on Spark): [`ReuseDoc`]s → passim's input, JSON lines with
//! `id`, `series`, `date` and `text`; and passim's output (JSON lines of cluster members: `cluster`,
//! `id`, `begin`, `end` as character offsets into the text we gave it) → a [`ReuseResult`], so
//! that tifa's tables and report read passim's findings like its own.

use super::{Direction, ReuseDoc, ReusePair, ReuseResult};
use crate::align::passages::Passage;
use crate::ingest::Document;
use crate::structure::Span;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PassimError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}: not a passim record ({message}); expected JSON with cluster, id, begin, end"
    )]
    Record {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error(
        "{0} holds no passim output (*.json files of JSON lines, e.g. passim's out.json folder)"
    )]
    Empty(PathBuf),
}

/// One line of passim's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassimInput {
    pub id: String,
    /// Documents of one series are not compared with each other by passim: level and region.
    pub series: String,
    pub date: String,
    pub text: String,
}

impl PassimInput {
    pub fn of(doc: &Document) -> Self {
        let level = doc.meta.level.value.map_or("unknown", |l| l.as_str());
        let region = doc.meta.region.value.as_deref().unwrap_or("unknown");
        let date = doc
            .meta
            .date
            .value
            .clone()
            .or_else(|| doc.meta.year.value.map(|y| format!("{y}-01-01")))
            .unwrap_or_default();
        Self {
            id: doc.id.clone(),
            series: format!("{level}/{region}"),
            date,
            text: doc.normalized.text.clone(),
        }
    }
}

/// passim's input for a corpus, one JSON object per line.
pub fn export(docs: &[Document]) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(&serde_json::to_string(&PassimInput::of(doc)).expect("plain values"));
        out.push('\n');
    }
    out
}

/// One member of a passim cluster: a passage of a document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PassimRecord {
    pub cluster: i64,
    pub id: String,
    /// Character offsets into the text given to passim.
    pub begin: usize,
    pub end: usize,
}

/// Reads every `*.json` file (JSON lines) under `dir`, one level of subfolders included
/// (passim writes `out.json/part-*.json`).
pub fn read_output(dir: &Path) -> Result<Vec<PassimRecord>, PassimError> {
    let read_dir = |d: &Path| -> Result<Vec<PathBuf>, PassimError> {
        Ok(std::fs::read_dir(d)
            .map_err(|source| PassimError::Read {
                path: d.to_path_buf(),
                source,
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect())
    };
    let mut files = Vec::new();
    for path in read_dir(dir)? {
        if path.is_dir() {
            files.extend(read_dir(&path)?.into_iter().filter(|p| is_json(p)));
        } else if is_json(&path) {
            files.push(path);
        }
    }
    files.sort();
    let mut records = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|source| PassimError::Read {
            path: path.clone(),
            source,
        })?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let record = serde_json::from_str(line).map_err(|e| PassimError::Record {
                path: path.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            records.push(record);
        }
    }
    if records.is_empty() {
        return Err(PassimError::Empty(dir.to_path_buf()));
    }
    Ok(records)
}

fn is_json(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl")
}

/// Byte offset of character `n` of `text` (its length when past the end).
fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The documents named in passim's records that are not among `ids`, each once, sorted.
pub fn unknown_documents<'a>(
    records: &[PassimRecord],
    ids: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let known: std::collections::HashSet<&str> = ids.into_iter().collect();
    let unknown: std::collections::BTreeSet<&str> = records
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !known.contains(id))
        .collect();
    unknown.into_iter().map(String::from).collect()
}

/// passim's clusters as pairs: every two members of a cluster from different documents of the
/// corpus share a passage. Records of documents not in `docs` are ignored.
pub fn to_result(docs: &[ReuseDoc], records: &[PassimRecord]) -> ReuseResult {
    let index: FxHashMap<&str, u32> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i as u32))
        .collect();
    let mut clusters: FxHashMap<i64, Vec<(u32, Span)>> = FxHashMap::default();
    for r in records {
        let Some(&doc) = index.get(r.id.as_str()) else {
            continue;
        };
        let text = &docs[doc as usize].text;
        let span = Span::new(
            byte_of_char(text, r.begin),
            byte_of_char(text, r.end.max(r.begin)),
        );
        clusters.entry(r.cluster).or_default().push((doc, span));
    }
    let mut pairs: FxHashMap<(u32, u32), (Direction, Vec<Passage>)> = FxHashMap::default();
    for members in clusters.values() {
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if x.0 == y.0 {
                    continue;
                }
                let (source, target, direction) = super::orient(docs, x.0, y.0);
                let (s_span, t_span) = if source == x.0 {
                    (x.1, y.1)
                } else {
                    (y.1, x.1)
                };
                let chars = docs[target as usize].text[t_span.start..t_span.end]
                    .chars()
                    .count();
                pairs
                    .entry((source, target))
                    .or_insert_with(|| (direction, Vec::new()))
                    .1
                    .push(Passage {
                        a: s_span,
                        b: t_span,
                        matched_chars: chars,
                        similarity: 1.0,
                    });
            }
        }
    }
    let mut out: Vec<ReusePair> = pairs
        .into_iter()
        .map(|((source, target), (direction, mut passages))| {
            passages.sort_by_key(|p| p.b.start);
            let target_text = &docs[target as usize].text;
            let shared_chars = passages.iter().map(|p| p.matched_chars).sum();
            ReusePair {
                source,
                target,
                direction,
                shared_chars,
                share_of_target: shared_chars as f64 / target_text.chars().count().max(1) as f64,
                passages,
            }
        })
        .collect();
    out.sort_by_key(|p| (p.source, p.target));
    ReuseResult {
        candidates: out.len(),
        pairs: out,
    }
}
