//! Formulations (提法) across a corpus: documents (at once, or batch by batch through a
//! [`FormulationTally`]) → [`FormulationStat`]s (each quoted phrase,
//! numbered formula and 《title》 with counts, first and last year by level, and where it occurs)
//! and [`EnumerationList`]s (一是…二是… lists: the list head and its items in order).

use super::counts::DocInfo;
use super::grid::{WordGrid, recurrent_phrases, whole_word_hits};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
use crate::reuse::inherited::Inherited;
use crate::structure::EnumerationItem;
use crate::table::{ColumnType, Table, Value};
use crate::words::Segmenter;
use crate::words::formulation::FormulationKind;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Where a formulation or list occurs: document id and line in the original file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub doc: String,
    /// The page of a PDF (`line` is then the line on that page), else `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub line: u32,
}

impl Place {
    /// Line `line` of the extracted text of a document whose lines are `places`.
    pub fn new(doc: &str, places: &crate::extract::Places, line: u32) -> Self {
        let (page, line) = places.locate(line);
        Self {
            doc: doc.to_string(),
            page,
            line,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let suffix = crate::extract::line_suffix(self.page, self.line);
        write!(f, "{}{suffix}", self.doc)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulationStat {
    pub text: String,
    pub kind: FormulationKind,
    pub count: u64,
    pub docs: u32,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    /// First year seen at each level, national first.
    pub first_by_level: [Option<i32>; 4],
    pub last_by_level: [Option<i32>; 4],
    pub places: Vec<Place>,
    /// The documents where it is written as a formulation (quoted, numbered, a title …), not
    /// only used: a quoted ordinary word is a formulation there alone.
    #[serde(skip)]
    pub written_in: Vec<String>,
}

/// How a formulation's diffusion lag stands (ARCHITECTURE.md, "Diffusion lag").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LagStatus {
    /// Years from the highest level's first use to the lowest level's, where the lower level had
    /// documents that early: the lag is measured.
    Measured,
    /// The lower level first used it before the higher level did (a local formulation taken up
    /// above, or a higher-level text missing from the corpus): the lag is negative.
    LowerFirst,
    /// The lower level's documents start after the higher level's first use: it may have taken
    /// the formulation up earlier, so no lag is given.
    Censored,
    /// Seen at one level only.
    OneLevel,
}

impl LagStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Measured => "measured",
            Self::LowerFirst => "lower-first",
            Self::Censored => "censored",
            Self::OneLevel => "one-level",
        }
    }
}

/// The first year of any document at each level, national first: when each level enters the
/// corpus, which bounds what a lag can show.
pub type LevelStarts = [Option<i32>; 4];

pub fn level_starts(infos: &[DocInfo]) -> LevelStarts {
    let mut starts = [None; 4];
    for info in infos {
        if let (Some(year), Some(i)) = (info.year, level_index(info.level)) {
            starts[i] = Some(starts[i].map_or(year, |y: i32| y.min(year)));
        }
    }
    starts
}

fn level_index(level: Option<Level>) -> Option<usize> {
    level.map(Level::rank)
}

impl FormulationStat {
    /// A quoted formulation that is also an ordinary word: one word of the general dictionary, or
    /// no longer than [`MAX_SCARE_QUOTED_CHARS`] (“联合”, “线上”). Unquoted, it is that word.
    pub fn reads_as_a_word(&self, segmenter: &Segmenter) -> bool {
        self.kind == FormulationKind::Quoted
            && (self.text.chars().count() <= MAX_SCARE_QUOTED_CHARS
                || segmenter.is_plain_word(&self.text))
    }

    /// (level index, first year) of each level it was seen at, national first.
    pub fn levels_seen(&self) -> Vec<(usize, i32)> {
        self.first_by_level
            .iter()
            .enumerate()
            .filter_map(|(i, y)| y.map(|y| (i, y)))
            .collect()
    }

    /// Years from its first appearance at the highest level to its first at the lowest level
    /// where it was seen, with how far that figure can be trusted given when each level's
    /// documents start (`starts`, from [`level_starts`]).
    pub fn lag(&self, starts: &LevelStarts) -> (Option<i32>, LagStatus) {
        let seen = self.levels_seen();
        let (Some(&(_, top)), Some(&(low_level, low))) = (seen.first(), seen.last()) else {
            return (None, LagStatus::OneLevel);
        };
        if seen.len() < 2 {
            return (None, LagStatus::OneLevel);
        }
        lag_between(top, low, starts[low_level])
    }
}

/// The lag from a higher level's first use (`higher`) to a lower level's (`lower`), given the
/// first year of any document of the lower level (`lower_start`): measured when the lower level
/// had documents by the higher level's first use, negative when the lower level came first,
/// censored otherwise.
pub fn lag_between(higher: i32, lower: i32, lower_start: Option<i32>) -> (Option<i32>, LagStatus) {
    if lower < higher {
        return (Some(lower - higher), LagStatus::LowerFirst);
    }
    match lower_start {
        Some(start) if start <= higher => (Some(lower - higher), LagStatus::Measured),
        _ => (None, LagStatus::Censored),
    }
}

/// Every formulation of every document, most frequent first.
pub fn formulations(
    docs: &[Document],
    infos: &[DocInfo],
    segmenter: &Segmenter,
) -> Vec<FormulationStat> {
    let mut tally = FormulationTally::new(segmenter);
    tally.add(docs, infos);
    tally.finish()
}

/// [`formulations`], with the corpus's recurrent phrases found before (by the term counts of the
/// same documents, [`super::counts::TermCounts::recurrent`]) rather than found again.
pub fn formulations_with_recurrent(
    docs: &[Document],
    infos: &[DocInfo],
    segmenter: &Segmenter,
    recurrent: &[String],
) -> Vec<FormulationStat> {
    let mut tally = FormulationTally::new(segmenter);
    tally.add(docs, infos);
    tally.finish_with(Some(recurrent))
}

/// Formulations gathered document by document, so that a corpus can be read in batches and
/// dropped: each document's formulations by their form (quoted, numbered, titles, paired, slogans)
/// and its [`WordGrid`] are kept; [`FormulationTally::finish`] adds the corpus's recurrent phrases
/// and counts every formulation in every document by the counting rule ([`super::grid`]): quoted
/// or not, wherever it stands on word boundaries. One row per text, listed under its strongest
/// kind ([`FormulationKind::rank`]); each document counts once in `docs`.
pub struct FormulationTally<'s> {
    segmenter: &'s Segmenter,
    kinds: BTreeMap<String, FormulationKind>,
    /// Per formulation text, the documents that write it as one.
    written_in: BTreeMap<String, Vec<String>>,
    /// For quoted phrases that are one dictionary word: (times quoted, times in the text of the
    /// documents quoting it), to tell scare quotes (“自由”, “帽子”) from formulations (“三农”).
    quoted_words: BTreeMap<String, (u64, u64)>,
    grids: Vec<WordGrid>,
    infos: Vec<DocInfo>,
    inherited: Vec<Option<Inherited>>,
}

/// A quoted dictionary word is a formulation when at least this share of its occurrences, in the
/// documents that quote it, are quoted: “三农” is quoted nearly always, “自由” in a few places of
/// texts that use it freely (scare quotes).
pub const MIN_QUOTED_SHARE: f64 = 0.4;
/// Longest word taken for scare quotes: four-character sayings quoted once and used freely
/// (“古为今用”, “除四害”) are formulations all the same.
pub const MAX_SCARE_QUOTED_CHARS: usize = 3;

impl<'s> FormulationTally<'s> {
    pub fn new(segmenter: &'s Segmenter) -> Self {
        Self {
            segmenter,
            kinds: BTreeMap::new(),
            written_in: BTreeMap::new(),
            quoted_words: BTreeMap::new(),
            grids: Vec::new(),
            infos: Vec::new(),
            inherited: Vec::new(),
        }
    }

    /// Adds documents (with their [`DocInfo`]s, in the same order) after those already added.
    pub fn add(&mut self, docs: &[Document], infos: &[DocInfo]) {
        self.add_own(docs, infos, None);
    }

    /// As [`FormulationTally::add`]; with `inherited` (one per document, in the same order),
    /// only the occurrences in each document's own text: none wholly inside inherited text.
    pub fn add_own(
        &mut self,
        docs: &[Document],
        infos: &[DocInfo],
        inherited: Option<&[Inherited]>,
    ) {
        let found = crate::parallel::parallel_map(docs, |doc| {
            let text = doc.normalized.text.as_str();
            let tokens = self.segmenter.tokenize(text);
            let found = self.segmenter.formulations_in(text, &tokens);
            (
                found,
                WordGrid::new(text, &tokens, &doc.normalized.map, &doc.places),
            )
        });
        for (k, ((doc, info), (found, grid))) in docs.iter().zip(infos).zip(found).enumerate() {
            self.add_document(doc, info, &found);
            self.grids.push(grid);
            self.infos.push(info.clone());
            self.inherited
                .push(inherited.and_then(|i| i.get(k)).cloned());
        }
    }

    fn add_document(
        &mut self,
        doc: &Document,
        info: &DocInfo,
        found: &[crate::words::formulation::Formulation],
    ) {
        let text = &doc.normalized.text;
        let mut quoted_here: BTreeMap<&str, u64> = BTreeMap::new();
        for f in found {
            let phrase = f.span.of(text);
            if marked_word(f.kind, phrase)
                && (phrase.chars().count() <= MAX_FREE_CHARS
                    || self.segmenter.is_plain_word(phrase))
            {
                *quoted_here.entry(phrase).or_default() += 1;
            }
            let kind = self.kinds.entry(phrase.to_string()).or_insert(f.kind);
            if f.kind.rank() < kind.rank() {
                *kind = f.kind;
            }
            let written = self.written_in.entry(phrase.to_string()).or_default();
            if written.last() != Some(&info.id) {
                written.push(info.id.clone());
            }
        }
        for (word, quoted) in quoted_here {
            let entry = self.quoted_words.entry(word.to_string()).or_default();
            entry.0 += quoted;
            entry.1 += text.matches(word).count() as u64;
        }
    }

    /// The formulations, most frequent first.
    pub fn finish(self) -> Vec<FormulationStat> {
        self.finish_with(None)
    }

    /// [`FormulationTally::finish`] with the recurrent phrases given, or found here (`None`).
    pub fn finish_with(self, recurrent: Option<&[String]>) -> Vec<FormulationStat> {
        let scare_quoted = |text: &str, kind: FormulationKind| {
            (kind == FormulationKind::Quoted && reported_speech(text))
                || matches!(kind, FormulationKind::Quoted | FormulationKind::Title)
                    && self.quoted_words.get(text).is_some_and(|&(quoted, all)| {
                        (quoted as f64) < MIN_QUOTED_SHARE * all as f64
                    })
        };
        let mut inventory: BTreeMap<String, FormulationKind> = self
            .kinds
            .iter()
            .filter(|(t, k)| !scare_quoted(t, **k))
            .map(|(t, k)| (t.clone(), *k))
            .collect();
        let found;
        let recurrent = match recurrent {
            Some(given) => given,
            None => {
                let peers = super::grid::peer_groups(&self.infos);
                found = recurrent_phrases(&self.grids, &peers, self.segmenter);
                &found
            }
        };
        for phrase in recurrent {
            inventory
                .entry(phrase.clone())
                .or_insert(FormulationKind::Recurrent);
        }
        let texts: Vec<&str> = inventory.keys().map(String::as_str).collect();
        let mut stats: Vec<FormulationStat> = inventory
            .iter()
            .map(|(text, &kind)| FormulationStat {
                text: text.clone(),
                kind,
                count: 0,
                docs: 0,
                first_year: None,
                last_year: None,
                first_by_level: [None; 4],
                last_by_level: [None; 4],
                places: Vec::new(),
                written_in: self.written_in.get(text).cloned().unwrap_or_default(),
            })
            .collect();
        let position: rustc_hash::FxHashMap<&str, usize> = self
            .infos
            .iter()
            .enumerate()
            .map(|(k, i)| (i.id.as_str(), k))
            .collect();
        let written: rustc_hash::FxHashSet<(usize, usize)> = stats
            .iter()
            .enumerate()
            .flat_map(|(p, s)| {
                s.written_in
                    .iter()
                    .filter_map(|id| position.get(id.as_str()).map(|&d| (d, p)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let hits = whole_word_hits(&self.grids, &texts, |d, p| written.contains(&(d, p)));
        for (d, doc_hits) in hits.into_iter().enumerate() {
            let (grid, info) = (&self.grids[d], &self.infos[d]);
            for (p, positions) in doc_hits {
                let len = texts[p].len();
                let own: Vec<usize> = match &self.inherited[d] {
                    Some(i) => positions
                        .into_iter()
                        .filter(|&at| !i.holds(at, at + len))
                        .collect(),
                    None => positions,
                };
                if own.is_empty() {
                    continue;
                }
                let stat = &mut stats[p];
                stat.count += own.len() as u64;
                stat.docs += 1;
                stat.places.extend(
                    own.iter()
                        .map(|&at| Place::new(&info.id, grid.places(), grid.line(at))),
                );
                note_year(stat, info);
            }
        }
        // A marked word of two characters is a scare quote when the corpus uses it freely:
        // quoted in fewer than MIN_QUOTED_SHARE of its uses anywhere (“提质” quoted once, used
        // 187 times; 《科学》 the journal).
        let quoted_words = &self.quoted_words;
        stats.retain(|s| {
            s.count > 0
                && !(matches!(s.kind, FormulationKind::Quoted | FormulationKind::Title)
                    && s.text.chars().count() <= MAX_FREE_CHARS
                    && quoted_words.get(&s.text).is_some_and(|&(quoted, _)| {
                        (quoted as f64) < MIN_QUOTED_SHARE * s.count as f64
                    }))
        });
        stats.sort_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then(y.docs.cmp(&x.docs))
                .then_with(|| x.text.cmp(&y.text))
        });
        stats
    }
}

/// Quoted words that end in a sentence-final or aspect particle are someone's words, not a
/// formulation: “破产了”, “垮台了”, “酒肉穿肠过”.
fn reported_speech(text: &str) -> bool {
    text.chars().count() >= 2
        && text
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '了' | '过' | '着' | '吗' | '呢' | '吧' | '啊' | '嘛'))
}

/// Longest marked phrase judged against the whole corpus's use of it: two characters (“提质”,
/// 《科学》); three-character words (保交房, 走出去) only against the documents that mark them.
pub const MAX_FREE_CHARS: usize = 2;

/// A short phrase marked in the text (“提质”, 《科学》) that may be a word used freely elsewhere:
/// at most [`MAX_SCARE_QUOTED_CHARS`] characters, quoted or a title, no numeral (“三保”, “四化”)
/// and no + (“智能+”) in it: those are counted formulas however they are used.
fn marked_word(kind: FormulationKind, phrase: &str) -> bool {
    matches!(kind, FormulationKind::Quoted | FormulationKind::Title)
        && phrase.chars().count() <= MAX_SCARE_QUOTED_CHARS
        && !phrase
            .chars()
            .any(|c| crate::chars::is_cn_numeral(c) || matches!(c, '双' | '千' | '万' | '+'))
}

fn note_year(stat: &mut FormulationStat, info: &DocInfo) {
    let Some(year) = info.year else { return };
    let earliest = |old: Option<i32>| Some(old.map_or(year, |o| o.min(year)));
    let latest = |old: Option<i32>| Some(old.map_or(year, |o| o.max(year)));
    stat.first_year = earliest(stat.first_year);
    stat.last_year = latest(stat.last_year);
    if let Some(i) = level_index(info.level) {
        stat.first_by_level[i] = earliest(stat.first_by_level[i]);
        stat.last_by_level[i] = latest(stat.last_by_level[i]);
    }
}

/// The formulation table; `starts` ([`level_starts`]) decides which lags are measured.
pub fn formulations_table(stats: &[FormulationStat], starts: &LevelStarts) -> Table {
    let mut table = Table::new(&[
        ("formulation", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("count", ColumnType::Int),
        ("docs", ColumnType::Int),
        ("first_year", ColumnType::Int),
        ("last_year", ColumnType::Int),
        ("first_national", ColumnType::Int),
        ("first_provincial", ColumnType::Int),
        ("first_municipal", ColumnType::Int),
        ("first_county", ColumnType::Int),
        ("lag_years", ColumnType::Int),
        ("lag_status", ColumnType::Str),
        ("places", ColumnType::Str),
    ]);
    for s in stats {
        let places: Vec<String> = s.places.iter().map(Place::to_string).collect();
        let mut row = vec![
            Value::from(s.text.as_str()),
            s.kind.as_str().into(),
            s.count.into(),
            s.docs.into(),
            s.first_year.into(),
            s.last_year.into(),
        ];
        row.extend(s.first_by_level.iter().map(|y| Value::from(*y)));
        let (lag, status) = s.lag(starts);
        row.push(lag.into());
        row.push(status.as_str().into());
        row.push(places.join(" ").into());
        table.push(row);
    }
    table
}

/// An enumeration: 我讲三点意见：一是…；二是…；三是…
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumerationList {
    pub place: Place,
    /// What the list is about: the words before the colon that opens it, or the sentence before it.
    pub head: String,
    /// Each item's first clause, marker included, in order.
    pub items: Vec<String>,
}

/// Longest item shown, in characters.
const ITEM_CHARS: usize = 40;
/// Items further apart than this many sentences do not belong to one list.
const MAX_SENTENCE_GAP: usize = 40;

/// The enumeration lists of one document: runs of items numbered 1, 2, 3 … (最后 may close one).
pub fn enumeration_lists(doc: &Document) -> Vec<EnumerationList> {
    let items = &doc.structure.enumerations;
    let mut lists = Vec::new();
    let mut run: Vec<&EnumerationItem> = Vec::new();
    for item in items {
        let continues = run.last().is_some_and(|last| {
            (item.ordinal == last.ordinal + 1 || item.ordinal == 99)
                && item.sentence >= last.sentence
                && item.sentence - last.sentence <= MAX_SENTENCE_GAP
                && last.ordinal != 99
        });
        if !continues {
            flush(doc, &mut run, &mut lists);
        }
        if continues || item.ordinal == 1 {
            run.push(item);
        }
    }
    flush(doc, &mut run, &mut lists);
    lists
}

fn flush(doc: &Document, run: &mut Vec<&EnumerationItem>, lists: &mut Vec<EnumerationList>) {
    if run.len() >= 2 {
        let text = &doc.normalized.text;
        let first = run[0];
        lists.push(EnumerationList {
            place: Place::new(
                &doc.id,
                &doc.places,
                doc.normalized.map.original_line(first.span.start),
            ),
            head: list_head(doc, first),
            items: run
                .iter()
                .map(|item| first_clause(item.span.of(text)))
                .collect(),
        });
    }
    run.clear();
}

fn list_head(doc: &Document, first: &EnumerationItem) -> String {
    let text = &doc.normalized.text;
    let sentence = doc.structure.sentences[first.sentence].span;
    if first.span.start > sentence.start {
        return text[sentence.start..first.span.start]
            .trim_end_matches('：')
            .to_string();
    }
    first
        .sentence
        .checked_sub(1)
        .map(|i| {
            doc.structure.sentences[i]
                .span
                .of(text)
                .trim_end_matches(['：', '。'])
                .to_string()
        })
        .unwrap_or_default()
}

fn first_clause(item: &str) -> String {
    let clause: String = item
        .chars()
        .take_while(|c| !matches!(c, '，' | '；' | '。' | '：' | '！' | '？'))
        .collect();
    if clause.chars().count() > ITEM_CHARS {
        let cut: String = clause.chars().take(ITEM_CHARS).collect();
        format!("{cut}…")
    } else {
        clause
    }
}

pub fn lists_table(lists: &[EnumerationList]) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("line", ColumnType::Int),
        ("head", ColumnType::Str),
        ("n_items", ColumnType::Int),
        ("items", ColumnType::Str),
    ]);
    for list in lists {
        table.push(vec![
            Value::from(list.place.doc.as_str()),
            list.place.line.into(),
            list.head.as_str().into(),
            list.items.len().into(),
            list.items.join(" | ").into(),
        ]);
    }
    table
}

/// Formulations first seen within this many latest years of the corpus are news; older ones
/// (社会主义 since 1954) are standing.
pub const SPREAD_YEARS: i32 = 5;

/// A formulation that spread: where it was first seen, and how many documents took it up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub text: String,
    /// The earliest year's highest-level document that uses it.
    pub origin: Place,
    pub origin_level: Option<Level>,
    pub origin_year: Option<i32>,
    /// Documents of a later year, or of that year and a lower level, that use it.
    pub takers: usize,
    pub docs: u32,
    pub count: u64,
}

/// Where the documents stand, by id: their year and level, and so the first place of a
/// formulation in a year (the highest level's document first).
struct Standing<'d> {
    by_id: HashMap<&'d str, &'d DocInfo>,
}

impl<'d> Standing<'d> {
    fn of(docs: &'d [DocInfo]) -> Self {
        Self {
            by_id: docs.iter().map(|d| (d.id.as_str(), d)).collect(),
        }
    }

    fn year(&self, doc: &str) -> Option<i32> {
        self.by_id.get(doc).and_then(|d| d.year)
    }

    fn level(&self, doc: &str) -> Option<Level> {
        self.by_id.get(doc).and_then(|d| d.level)
    }

    /// The level's place, national first.
    fn rank(&self, doc: &str) -> Option<usize> {
        self.level(doc).map(Level::rank)
    }

    /// The first place of `f` in `year`: in the highest-level document of that year using it.
    fn first_in<'f>(&self, f: &'f FormulationStat, year: i32) -> Option<&'f Place> {
        f.places
            .iter()
            .filter(|p| self.year(&p.doc) == Some(year))
            .min_by_key(|p| self.rank(&p.doc).unwrap_or(usize::MAX))
    }
}

/// The recent formulations (first seen in the last [`SPREAD_YEARS`]) of three characters or more
/// taken up by at least two documents after their first use, the most taken up first; phrases
/// found by statistics alone (names, set phrases) after those a text marks.
pub fn spread(formulations: &[FormulationStat], docs: &[DocInfo]) -> Vec<Spread> {
    let standing = Standing::of(docs);
    let last_year = docs.iter().filter_map(|d| d.year).max();
    let mut out: Vec<(bool, Spread)> = formulations
        .iter()
        .filter(|f| f.text.chars().count() >= 3)
        .filter(|f| {
            last_year
                .zip(f.first_year)
                .is_none_or(|(last, first)| first > last - SPREAD_YEARS)
        })
        .filter_map(|f| {
            let first_year = f.first_year?;
            let origin = standing.first_in(f, first_year)?;
            let origin_rank = standing.rank(&origin.doc);
            let mut takers: Vec<&str> = f
                .places
                .iter()
                .map(|p| p.doc.as_str())
                .filter(|d| match standing.year(d) {
                    Some(y) if y > first_year => true,
                    Some(y) if y == first_year => standing
                        .rank(d)
                        .zip(origin_rank)
                        .is_some_and(|(r, o)| r > o),
                    _ => false,
                })
                .collect();
            takers.sort_unstable();
            takers.dedup();
            (takers.len() >= 2).then(|| {
                (
                    f.kind == FormulationKind::Recurrent,
                    Spread {
                        text: f.text.clone(),
                        origin: origin.clone(),
                        origin_level: standing.level(&origin.doc),
                        origin_year: Some(first_year),
                        takers: takers.len(),
                        docs: f.docs,
                        count: f.count,
                    },
                )
            })
        })
        .collect();
    out.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then(b.takers.cmp(&a.takers))
            .then(b.count.cmp(&a.count))
    });
    out.into_iter().map(|(_, s)| s).collect()
}

/// Least documents a formulation of the corpus's last year is used in to be named new there.
pub const MIN_NEWEST_DOCS: u32 = 2;

/// A formulation new in the corpus's last year ([`newest`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Newest {
    pub text: String,
    pub year: i32,
    /// Its first place that year, in the highest-level document using it.
    pub first: Place,
    pub docs: u32,
    pub count: u64,
}

/// The formulations new in the corpus's last year: first used in that year (no earlier document
/// of the corpus says them), of three characters or more, not a document's title, in at least
/// [`MIN_NEWEST_DOCS`] documents; those a text marks (quoted, numbered, a slogan) before phrases
/// found by statistics alone, then by documents and uses. Empty when no document is of an
/// earlier year.
pub fn newest(formulations: &[FormulationStat], docs: &[DocInfo]) -> Vec<Newest> {
    let Some(last) = docs.iter().filter_map(|d| d.year).max() else {
        return Vec::new();
    };
    if !docs.iter().any(|d| d.year.is_some_and(|y| y < last)) {
        return Vec::new();
    }
    let standing = Standing::of(docs);
    let mut out: Vec<(bool, Newest)> = formulations
        .iter()
        .filter(|f| {
            f.first_year == Some(last)
                && f.docs >= MIN_NEWEST_DOCS
                && f.kind != FormulationKind::Title
                && f.text.chars().count() >= 3
        })
        .filter_map(|f| {
            let first = standing.first_in(f, last)?;
            let newest = Newest {
                text: f.text.clone(),
                year: last,
                first: first.clone(),
                docs: f.docs,
                count: f.count,
            };
            Some((f.kind == FormulationKind::Recurrent, newest))
        })
        .collect();
    out.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then(b.docs.cmp(&a.docs))
            .then(b.count.cmp(&a.count))
            .then(a.text.cmp(&b.text))
    });
    out.into_iter().map(|(_, n)| n).collect()
}
