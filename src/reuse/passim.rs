//! The hand-off to passim (text reuse on Spark): [`Document`]s → passim's input, JSON lines of
//! [`PassimInput`]; and passim's output folder → [`PassimOutput`] (its `out.json` cluster members
//! and, from `--pairwise`, its `align.json` alignments) → a [`ReuseResult`], so that tifa's tables
//! and report read passim's findings like its own.
//!
//! Rules (ARCHITECTURE.md, "Reuse"): pairs come from passim's pairwise alignments when there are
//! any, with passim's match counts; otherwise from two members of a cluster only where their spans
//! align here too (never every pair of a cluster). Every passage text passim echoes must be tifa's
//! text at the same character offsets, else passim ran on other text and the import stops, naming
//! the options the export recorded.

use super::{ReuseDoc, ReuseOptions, ReusePair, ReuseResult, flag_stock, orient};
use crate::align::passages::{Passage, find_passages};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
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
    #[error("{path}:{line}: not a passim {kind} record ({message})")]
    Record {
        path: PathBuf,
        line: usize,
        kind: &'static str,
        message: String,
    },
    #[error(
        "{0} is not a passim output folder: it has no out.json (run `passim … IN.json OUT` and give OUT)"
    )]
    NotOutput(PathBuf),
    #[error(
        "passim's passage of `{id}` at characters {begin}–{end} is 「{passim}」 but this corpus reads 「{tifa}」 there: passim ran on text made with other options ({options}); read the corpus with the same options, or export it again and rerun passim"
    )]
    TextMismatch {
        id: String,
        begin: usize,
        end: usize,
        passim: String,
        tifa: String,
        options: String,
    },
}

/// One line of passim's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassimInput {
    pub id: String,
    /// passim's `series` only marks reuse inside one series as boilerplate (`pboiler`) when it is
    /// hashed into `gid` with `--fields`; tifa gives every document its own level/region series.
    pub series: String,
    /// `YYYY-MM-DD` when the document's date is known; never made up from a year.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    /// The year, for `--fields year --filterpairs 'year <= year2 …'`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year: Option<i32>,
    /// 0 national, 1 provincial, 2 municipal, 3 county, for `--fields level`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub level: Option<u8>,
    /// The options that shaped the text (`tifa export …`), echoed back by passim.
    pub tifa_options: String,
    pub text: String,
}

/// A level as the number passim can filter on.
pub fn level_number(level: Level) -> u8 {
    match level {
        Level::National => 0,
        Level::Provincial => 1,
        Level::Municipal => 2,
        Level::County => 3,
    }
}

impl PassimInput {
    pub fn of(doc: &Document, tifa_options: &str) -> Self {
        let level = doc.meta.level.value.map_or("unknown", |l| l.as_str());
        let region = doc.meta.region.value.as_deref().unwrap_or("unknown");
        Self {
            id: doc.id.clone(),
            series: format!("{level}/{region}"),
            date: doc.meta.date.value.clone(),
            year: doc.meta.year.value,
            level: doc.meta.level.value.map(level_number),
            tifa_options: tifa_options.to_string(),
            text: doc.normalized.text.clone(),
        }
    }
}

/// passim's input for a corpus, one JSON object per line.
pub fn export(docs: &[Document], tifa_options: &str) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(
            &serde_json::to_string(&PassimInput::of(doc, tifa_options)).expect("plain values"),
        );
        out.push('\n');
    }
    out
}

/// One member of a passim cluster (`out.json`): a passage of a document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PassimRecord {
    pub cluster: i64,
    pub id: String,
    /// Character offsets into the text given to passim.
    pub begin: usize,
    pub end: usize,
    /// The passage's text as passim read it.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub tifa_options: Option<String>,
}

/// One pairwise alignment (`align.json`, from `passim --pairwise`): a passage of `id` against
/// one of `id2`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PassimAlignment {
    pub id: String,
    pub id2: String,
    pub begin: usize,
    pub end: usize,
    pub begin2: usize,
    pub end2: usize,
    /// Characters passim aligned as equal. Read, not counted: what counts inside the spans is
    /// what tifa itself finds shared there.
    #[serde(default)]
    pub matches: Option<usize>,
    /// The two sides as aligned, `-` for a gap.
    #[serde(default)]
    pub s1: Option<String>,
    #[serde(default)]
    pub s2: Option<String>,
    #[serde(default)]
    pub tifa_options: Option<String>,
}

/// What passim wrote in its output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassimOutput {
    pub clusters: Vec<PassimRecord>,
    pub alignments: Vec<PassimAlignment>,
}

impl PassimOutput {
    /// Every document id passim's output names.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.clusters.iter().map(|r| r.id.as_str()).chain(
            self.alignments
                .iter()
                .flat_map(|a| [a.id.as_str(), a.id2.as_str()]),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.alignments.is_empty()
    }
}

/// Reads passim's output folder `dir` (or its `out.json` itself): the cluster members of
/// `out.json` and, when passim ran with `--pairwise`, the alignments of `align.json`; nothing
/// else. An `out.json` without records is a result: passim found no reuse.
pub fn read_output(dir: &Path) -> Result<PassimOutput, PassimError> {
    let (out, align) = if dir.join("out.json").exists() {
        (dir.join("out.json"), dir.join("align.json"))
    } else if dir.file_name().is_some_and(|n| n == "out.json") && dir.exists() {
        let parent = dir.parent().unwrap_or(Path::new("."));
        (dir.to_path_buf(), parent.join("align.json"))
    } else {
        return Err(PassimError::NotOutput(dir.to_path_buf()));
    };
    let clusters = read_lines(&out, "cluster")?;
    let alignments = if align.exists() {
        read_lines(&align, "pairwise alignment")?
    } else {
        Vec::new()
    };
    Ok(PassimOutput {
        clusters,
        alignments,
    })
}

/// JSON lines of a file, or of the `part-*` files of a Spark output folder.
fn read_lines<T: serde::de::DeserializeOwned>(
    path: &Path,
    kind: &'static str,
) -> Result<Vec<T>, PassimError> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PassimError::Read { path, source }
    };
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).map_err(read_error(path))? {
            let file = entry.map_err(read_error(path))?.path();
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if file.is_file() && !name.starts_with('.') && !name.starts_with('_') {
                files.push(file);
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
    files.sort();
    let mut records = Vec::new();
    for file in &files {
        let text = crate::files::read_regular_text(file, 16 << 30).map_err(read_error(file))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            records.push(serde_json::from_str(line).map_err(|e| PassimError::Record {
                path: file.clone(),
                line: i + 1,
                kind,
                message: e.to_string(),
            })?);
        }
    }
    Ok(records)
}

/// The documents named in passim's output that are not among `ids`, each once, sorted.
pub fn unknown_documents<'a>(
    output: &PassimOutput,
    ids: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let known: std::collections::HashSet<&str> = ids.into_iter().collect();
    let unknown: std::collections::BTreeSet<&str> =
        output.ids().filter(|id| !known.contains(id)).collect();
    unknown.into_iter().map(String::from).collect()
}

/// Character offsets → byte offsets of one text, computed once per text.
struct CharIndex<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Self { text, bytes }
    }

    /// The byte span of characters `begin..end`, clamped to the text.
    fn span(&self, begin: usize, end: usize) -> Span {
        let last = self.bytes.len() - 1;
        Span::new(
            self.bytes[begin.min(last)],
            self.bytes[end.max(begin).min(last)],
        )
    }
}

/// Checks that passim's echoed passage text is this corpus's text at the same offsets (`-` left
/// out on both sides: passim's alignment strings use it for gaps).
fn check_text(
    id: &str,
    index: &CharIndex,
    (begin, end): (usize, usize),
    passim: &str,
    recorded: Option<&str>,
    current: &str,
) -> Result<(), PassimError> {
    let ours = index.span(begin, end).of(index.text);
    // passim's alignments write gaps as '-' and the text's own hyphens as U+2010 (its
    // seriatim.py); its cluster texts keep the hyphens. Neither hyphen is compared.
    let unhyphenated = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !matches!(c, '-' | '\u{2010}'))
            .collect()
    };
    let (ours, theirs) = (unhyphenated(ours), unhyphenated(passim));
    let Some(first_difference) =
        (0..ours.len().max(theirs.len())).find(|&i| ours.get(i) != theirs.get(i))
    else {
        return Ok(());
    };
    let options = match recorded {
        Some(r) if r != current => format!("the export used `{r}`, this run `{current}`"),
        Some(r) => format!("the export recorded `{r}`, as this run"),
        None => "the export recorded none".to_string(),
    };
    // Both texts from a little before the first difference, so that it shows.
    let from = first_difference.saturating_sub(10);
    let around = |s: &[char]| s.iter().skip(from).take(30).collect::<String>();
    Err(PassimError::TextMismatch {
        id: id.to_string(),
        begin,
        end,
        passim: around(&theirs),
        tifa: around(&ours),
        options,
    })
}

/// passim's findings as pairs with passages, oriented and with stock passages flagged like
/// tifa's own. `tifa_options` are this run's text-shaping options, named when a text differs.
pub fn to_result(
    docs: &[ReuseDoc],
    output: &PassimOutput,
    tifa_options: &str,
) -> Result<ReuseResult, PassimError> {
    let index: FxHashMap<&str, u32> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i as u32))
        .collect();
    let chars: Vec<CharIndex> = docs.iter().map(|d| CharIndex::new(&d.text)).collect();
    let mut pairs: FxHashMap<(u32, u32), Vec<Passage>> = FxHashMap::default();
    let mut add = |x: u32, y: u32, passage: Passage| {
        let (source, target, _) = orient(docs, x, y);
        let passage = if source == x {
            passage
        } else {
            Passage {
                a: passage.b,
                b: passage.a,
                ..passage
            }
        };
        pairs.entry((source, target)).or_default().push(passage);
    };
    if output.alignments.is_empty() {
        for (x, y, passage) in cluster_pairs(docs, &index, &chars, output, tifa_options)? {
            add(x, y, passage);
        }
    } else {
        // passim's spans bridge unmatched text (most of its "shared" characters sit in spans
        // less than half matched): only tifa's own passages inside them count, found as tifa
        // finds them, so shares mean what tifa's shares mean.
        let mut members: Vec<(u32, Span, u32, Span)> = Vec::new();
        for a in &output.alignments {
            let (Some(&x), Some(&y)) = (index.get(a.id.as_str()), index.get(a.id2.as_str())) else {
                continue;
            };
            if x == y {
                continue;
            }
            let recorded = a.tifa_options.as_deref();
            for (doc, id, range, side) in [
                (x, &a.id, (a.begin, a.end), &a.s1),
                (y, &a.id2, (a.begin2, a.end2), &a.s2),
            ] {
                if let Some(side) = side {
                    check_text(
                        id,
                        &chars[doc as usize],
                        range,
                        side,
                        recorded,
                        tifa_options,
                    )?;
                }
            }
            members.push((
                x,
                chars[x as usize].span(a.begin, a.end),
                y,
                chars[y as usize].span(a.begin2, a.end2),
            ));
        }
        for (x, y, passage) in passages_within(docs, &members) {
            add(x, y, passage);
        }
    }
    let options = ReuseOptions::default();
    let frequent = super::frequent_shingles(docs, &options);
    let mut out: Vec<ReusePair> = pairs
        .into_iter()
        .map(|((source, target), passages)| {
            let oriented = orient(docs, source, target);
            let shared = flag_stock(
                &docs[target as usize].text,
                passages,
                &frequent,
                options.shingle,
            );
            ReusePair::new(docs, oriented, shared)
        })
        .collect();
    out.sort_by_key(|p| (p.source, p.target));
    Ok(ReuseResult {
        candidates: out.len(),
        pairs: out,
    })
}

/// Pairs of cluster members whose spans align here too, with the passages found between them.
fn cluster_pairs(
    docs: &[ReuseDoc],
    index: &FxHashMap<&str, u32>,
    chars: &[CharIndex],
    output: &PassimOutput,
    tifa_options: &str,
) -> Result<Vec<(u32, u32, Passage)>, PassimError> {
    let mut clusters: FxHashMap<i64, Vec<(u32, Span)>> = FxHashMap::default();
    for r in &output.clusters {
        let Some(&doc) = index.get(r.id.as_str()) else {
            continue;
        };
        if let Some(text) = &r.text {
            check_text(
                &r.id,
                &chars[doc as usize],
                (r.begin, r.end),
                text,
                r.tifa_options.as_deref(),
                tifa_options,
            )?;
        }
        let span = chars[doc as usize].span(r.begin, r.end);
        clusters.entry(r.cluster).or_default().push((doc, span));
    }
    let mut members: Vec<(u32, Span, u32, Span)> = Vec::new();
    for cluster in clusters.values() {
        for (i, x) in cluster.iter().enumerate() {
            for y in &cluster[i + 1..] {
                if x.0 != y.0 {
                    members.push((x.0, x.1, y.0, y.1));
                }
            }
        }
    }
    Ok(passages_within(docs, &members))
}

/// tifa's own passages between the spans of each pair of members (document, span).
fn passages_within(
    docs: &[ReuseDoc],
    members: &[(u32, Span, u32, Span)],
) -> Vec<(u32, u32, Passage)> {
    let min_chars = ReuseOptions::default().min_chars;
    let aligned = crate::parallel::parallel_map(members, |&(x, xs, y, ys)| {
        let (xt, yt) = (&docs[x as usize].text, &docs[y as usize].text);
        find_passages(xs.of(xt), ys.of(yt), min_chars)
            .into_iter()
            .map(|p| {
                let shift = |s: Span, by: usize| Span::new(s.start + by, s.end + by);
                (
                    x,
                    y,
                    Passage {
                        a: shift(p.a, xs.start),
                        b: shift(p.b, ys.start),
                        ..p
                    },
                )
            })
            .collect::<Vec<_>>()
    });
    aligned.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_passim_rewrote_and_alignment_gaps_are_not_differences() {
        let text = "规划（2021-2025年）\n--坚持创新";
        let index = CharIndex::new(text);
        let end = text.chars().count();
        // An alignment string: the text's hyphens as U+2010, a gap as '-'.
        let aligned = "规划（2021\u{2010}2025年）\n\u{2010}\u{2010}坚持-创新";
        assert!(check_text("x", &index, (0, end), aligned, None, "defaults").is_ok());
        // A cluster text keeps them as they are.
        assert!(check_text("x", &index, (0, end), text, None, "defaults").is_ok());
        let Err(PassimError::TextMismatch { passim, tifa, .. }) = check_text(
            "x",
            &index,
            (0, end),
            "规划（2021-2025年）\n--坚持创造",
            None,
            "defaults",
        ) else {
            panic!("a changed character is a difference");
        };
        // The excerpts start a little before the difference, so that it shows.
        assert!(
            passim.ends_with("坚持创造") && tifa.ends_with("坚持创新"),
            "{passim} {tifa}"
        );
    }
}
