//! Corpus-wide reuse: documents (`&[ReuseDoc]`) → candidate pairs from a shingle index with a
//! document-frequency cap (passim's approach: no pair of documents is compared unless they share
//! rare character n-grams) → [`Passage`]s by local alignment of the candidates only, on every core
//! → [`ReuseResult`]: pairs with their passages, the reuse network and, per passage of a target,
//! its likely source among earlier or higher-level documents.

pub mod inherited;
pub mod passim;
pub mod stock;

use crate::align::passages::{Passage, Source, find_passages_from};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
use crate::normalize::OffsetMap;
use crate::parallel::parallel_map;
use rayon::slice::ParallelSliceMut;
use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;
use std::hash::Hasher;
use stock::{FrequentShingles, Stock};

/// What reuse detection needs of a document: an id, its text and its place in time and hierarchy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReuseDoc {
    pub id: String,
    pub text: String,
    pub year: Option<i32>,
    /// `YYYY-MM-DD` when known.
    pub date: Option<String>,
    pub level: Option<Level>,
    /// The region's administrative division code, when the division table knows it.
    pub division: Option<u32>,
    /// The text its title names in 《…》 ([`crate::hierarchy::series_of`]), when it names one: two documents of one
    /// region and level naming different texts are no series ([`crate::hierarchy::same_series`]).
    pub series: Option<String>,
}

use crate::hierarchy::{Placed, are_peers, division_of, series_of};

impl Placed for ReuseDoc {
    fn level(&self) -> Option<Level> {
        self.level
    }
    fn division(&self) -> Option<u32> {
        self.division
    }
    fn year(&self) -> Option<i32> {
        self.year
    }
    fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
    fn series(&self) -> Option<String> {
        self.series.clone()
    }
}

impl ReuseDoc {
    pub fn of(doc: &Document) -> Self {
        Self {
            id: doc.id.clone(),
            text: doc.normalized.text.clone(),
            year: doc.meta.year.value,
            date: doc.meta.date.value.clone(),
            level: doc.meta.level.value,
            division: division_of(&doc.meta),
            series: series_of(doc.meta.title.value.as_deref()),
        }
    }

    /// What reuse needs of a document, and its offset map for citing original lines; the rest
    /// (structure, findings, metadata) is dropped, so a corpus read in batches is kept lean.
    pub fn take(doc: Document) -> (Self, (OffsetMap, crate::extract::Places)) {
        let Document {
            id,
            meta,
            normalized,
            places,
            ..
        } = doc;
        let reuse = Self {
            id,
            text: normalized.text,
            year: meta.year.value,
            division: division_of(&meta),
            date: meta.date.value,
            level: meta.level.value,
            series: series_of(meta.title.value.as_deref()),
        };
        (reuse, (normalized.map, places))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReuseOptions {
    /// Shortest shared passage, in comparable characters.
    pub min_chars: usize,
    /// Shingle length in comparable characters.
    pub shingle: usize,
    /// Shingles found in more documents than this are stock phrases, not evidence of reuse.
    pub max_doc_frequency: usize,
    /// Least shared shingles for two documents to be aligned.
    pub min_shared_shingles: u32,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        Self {
            min_chars: 12,
            shingle: 8,
            max_doc_frequency: 100,
            min_shared_shingles: 3,
        }
    }
}

/// The hashed shingles of one text, each once.
fn shingles(text: &str, k: usize) -> Vec<u64> {
    // The same characters, and the same paragraph barrier, as the passages aligned later.
    let keyed = crate::align::passages::keyed(text);
    let mut out: Vec<u64> = keyed
        .windows(k)
        .map(|(_, w)| {
            let mut h = FxHasher::default();
            for c in w {
                h.write_u32(*c as u32);
            }
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs of documents (lower index first) sharing at least `min_shared` shingles that occur in
/// at most `max_df` documents, with the number they share.
pub fn candidate_pairs(docs: &[ReuseDoc], options: &ReuseOptions) -> Vec<(u32, u32, u32)> {
    index(docs, options).0
}

/// Every (shingle, document) of the corpus, sorted.
fn postings(docs: &[ReuseDoc], options: &ReuseOptions) -> Vec<(u64, u32)> {
    let per_doc = parallel_map(docs, |d| shingles(&d.text, options.shingle));
    let mut postings: Vec<(u64, u32)> = per_doc
        .iter()
        .enumerate()
        .flat_map(|(doc, hashes)| hashes.iter().map(move |h| (*h, doc as u32)))
        .collect();
    drop(per_doc);
    // Twenty million postings for 10,000 documents: sorted on every core.
    postings.par_sort_unstable();
    postings
}

fn empty_frequent(docs: &[ReuseDoc], options: &ReuseOptions) -> FrequentShingles {
    FrequentShingles {
        threshold: FrequentShingles::threshold_for(docs.len(), options.max_doc_frequency),
        hashes: Default::default(),
    }
}

/// The shingles found in so many documents of the corpus that a passage made of them is stock.
pub fn frequent_shingles(docs: &[ReuseDoc], options: &ReuseOptions) -> FrequentShingles {
    let mut frequent = empty_frequent(docs, options);
    for group in postings(docs, options).chunk_by(|x, y| x.0 == y.0) {
        if group.len() >= frequent.threshold {
            frequent.hashes.insert(group[0].0);
        }
    }
    frequent
}

/// The candidate pairs, and the shingles frequent enough to be stock.
fn index(docs: &[ReuseDoc], options: &ReuseOptions) -> (Vec<(u32, u32, u32)>, FrequentShingles) {
    let mut frequent = empty_frequent(docs, options);
    let postings = postings(docs, options);
    let mut shared: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for group in postings.chunk_by(|x, y| x.0 == y.0) {
        if group.len() >= frequent.threshold {
            frequent.hashes.insert(group[0].0);
        }
        if group.len() < 2 || group.len() > options.max_doc_frequency {
            continue;
        }
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                *shared.entry((x.1, y.1)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(u32, u32, u32)> = shared
        .into_iter()
        .filter(|(_, n)| *n >= options.min_shared_shingles)
        .map(|((a, b), n)| (a, b, n))
        .collect();
    pairs.sort_unstable();
    (pairs, frequent)
}

/// Which way reuse can run between two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The source is of an earlier year.
    Earlier,
    /// Same year, the source is of a higher level.
    HigherLevel,
    /// Same year and level, or unknown: either could be the source.
    Undetermined,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Earlier => "earlier",
            Self::HigherLevel => "higher-level",
            Self::Undetermined => "undetermined",
        }
    }
}

/// A passage two documents share, `a` in the source and `b` in the target, and whether it is
/// stock (then it is evidence of no reuse, see [`stock`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedPassage {
    #[serde(flatten)]
    pub passage: Passage,
    pub stock: Option<Stock>,
}

/// Two documents that share passages, the source first when the order is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReusePair {
    pub source: u32,
    pub target: u32,
    pub direction: Direction,
    pub passages: Vec<SharedPassage>,
    /// Characters of the target inside shared passages that are not stock, each counted once.
    pub shared_chars: usize,
    /// shared_chars over the target's characters.
    pub share_of_target: f64,
}

impl ReusePair {
    /// A pair of `passages`, with its shared characters: the union of the target's non-stock
    /// stretches, so overlapping passages never count a character twice.
    pub fn new(
        docs: &[ReuseDoc],
        (source, target, direction): (u32, u32, Direction),
        mut passages: Vec<SharedPassage>,
    ) -> Self {
        passages.sort_by_key(|p| (p.passage.b.start, p.passage.a.start));
        let text = &docs[target as usize].text;
        let spans: Vec<(usize, usize)> = passages
            .iter()
            .filter(|p| p.stock.is_none())
            .map(|p| (p.passage.b.start, p.passage.b.end))
            .collect();
        let shared_chars = union_chars(text, spans);
        Self {
            source,
            target,
            direction,
            passages,
            shared_chars,
            share_of_target: shared_chars as f64 / text.chars().count().max(1) as f64,
        }
    }

    /// Whether the pair shares any text that is not stock: a link of the reuse network.
    pub fn is_link(&self) -> bool {
        self.shared_chars > 0
    }
}

/// Characters of `text` inside the union of byte spans.
fn union_chars(text: &str, mut spans: Vec<(usize, usize)>) -> usize {
    spans.sort_unstable();
    let mut chars = 0;
    let mut at = 0;
    for (start, end) in spans {
        let start = start.max(at);
        if start < end {
            chars += chars_in(text, start, end);
            at = end;
        }
    }
    chars
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseResult {
    pub candidates: usize,
    pub pairs: Vec<ReusePair>,
}

/// A candidate (by its index) oriented source → target.
type Targeted = (usize, (u32, u32, Direction));

/// Finds every pair of documents that shares passages of at least `min_chars`.
pub fn detect(docs: &[ReuseDoc], options: &ReuseOptions) -> ReuseResult {
    let (candidates, frequent) = index(docs, options);
    // The candidates grouped by their source, so that each source's seeds are indexed once for
    // all its targets ([`Source`]), one group at a time on each core.
    let mut by_source: FxHashMap<u32, Vec<Targeted>> = FxHashMap::default();
    for (k, &(a, b, _)) in candidates.iter().enumerate() {
        let oriented = orient(docs, a, b);
        by_source.entry(oriented.0).or_default().push((k, oriented));
    }
    let mut groups: Vec<(u32, Vec<Targeted>)> = by_source.into_iter().collect();
    groups.sort_unstable_by_key(|(s, _)| *s);
    let found = parallel_map(&groups, |(s, targets)| {
        let source = Source::new(&docs[*s as usize].text);
        targets
            .iter()
            .filter_map(|&(k, oriented)| {
                let t = &docs[oriented.1 as usize];
                let passages = find_passages_from(&source, &t.text, options.min_chars);
                if passages.is_empty() {
                    return None;
                }
                let passages = flag_stock(&t.text, passages, &frequent, options.shingle);
                Some((k, ReusePair::new(docs, oriented, passages)))
            })
            .collect::<Vec<_>>()
    });
    // In the candidates' order, as before the grouping.
    let mut pairs: Vec<(usize, ReusePair)> = found.into_iter().flatten().collect();
    pairs.sort_unstable_by_key(|(k, _)| *k);
    ReuseResult {
        candidates: candidates.len(),
        pairs: pairs.into_iter().map(|(_, p)| p).collect(),
    }
}

/// Each passage with whether it is stock, judged on the target's text.
pub fn flag_stock(
    target_text: &str,
    passages: Vec<Passage>,
    frequent: &FrequentShingles,
    shingle: usize,
) -> Vec<SharedPassage> {
    passages
        .into_iter()
        .map(|passage| SharedPassage {
            stock: stock::classify(passage.b.of(target_text), frequent, shingle),
            passage,
        })
        .collect()
}

fn chars_in(text: &str, start: usize, end: usize) -> usize {
    text[start..end].chars().count()
}

/// Source and target of a pair: the earlier document (by date when both have one, else by
/// year), or the higher-level one of the same date or year.
fn orient(docs: &[ReuseDoc], a: u32, b: u32) -> (u32, u32, Direction) {
    let (x, y) = (&docs[a as usize], &docs[b as usize]);
    let order = match (&x.date, &y.date) {
        (Some(p), Some(q)) => Some(p.cmp(q)),
        _ => x.year.zip(y.year).map(|(p, q)| p.cmp(&q)),
    };
    match order {
        Some(std::cmp::Ordering::Less) => return (a, b, Direction::Earlier),
        Some(std::cmp::Ordering::Greater) => return (b, a, Direction::Earlier),
        _ => {}
    }
    match (x.level, y.level) {
        (Some(p), Some(q)) if p < q && order.is_some() => (a, b, Direction::HigherLevel),
        (Some(p), Some(q)) if q < p && order.is_some() => (b, a, Direction::HigherLevel),
        _ => (a, b, Direction::Undetermined),
    }
}

/// Whether `source` may be the likely source of `target`: the order is known and the hierarchy
/// allows it ([`crate::hierarchy::may_be_source`]: never a peer).
pub fn may_be_source(docs: &[ReuseDoc], pair: &ReusePair) -> bool {
    let (s, t) = (&docs[pair.source as usize], &docs[pair.target as usize]);
    pair.direction != Direction::Undetermined && crate::hierarchy::may_be_source(s, t)
}

/// A stretch of a document that it shares with peers only ([`crate::hierarchy::are_peers`]): the source is a
/// higher-level text that is not in the corpus (同级共有，来源不在语料中).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerShared {
    pub doc: u32,
    /// Byte span in the document's text.
    pub start: usize,
    pub end: usize,
    pub chars: usize,
    /// The peers that share (part of) the stretch, in corpus order.
    pub peers: Vec<u32>,
}

/// Per document, the stretches it shares with peers and with no allowed source: non-stock
/// passages of peer pairs (either side), less the stretches of its likely `sources`, overlapping
/// ones merged (their peers together), pieces under 12 characters left out.
pub fn shared_with_peers(
    docs: &[ReuseDoc],
    result: &ReuseResult,
    sources: &[LikelySource],
) -> Vec<PeerShared> {
    let mut by_doc: FxHashMap<u32, Vec<(usize, usize, u32)>> = FxHashMap::default();
    for pair in &result.pairs {
        let (s, t) = (&docs[pair.source as usize], &docs[pair.target as usize]);
        if !are_peers(s, t) {
            continue;
        }
        for shared in pair.passages.iter().filter(|p| p.stock.is_none()) {
            let p = &shared.passage;
            by_doc
                .entry(pair.target)
                .or_default()
                .push((p.b.start, p.b.end, pair.source));
            by_doc
                .entry(pair.source)
                .or_default()
                .push((p.a.start, p.a.end, pair.target));
        }
    }
    let mut taken: FxHashMap<u32, Vec<(usize, usize)>> = FxHashMap::default();
    for s in sources {
        taken.entry(s.target).or_default().push((s.start, s.end));
    }
    let mut out = Vec::new();
    for (doc, mut spans) in by_doc {
        spans.sort_unstable();
        let text = &docs[doc as usize].text;
        let none = Vec::new();
        let taken = taken.get(&doc).unwrap_or(&none);
        // Merge overlapping spans, then cut out what a likely source covers.
        let mut merged: Vec<(usize, usize, Vec<u32>)> = Vec::new();
        for (start, end, peer) in spans {
            match merged.last_mut() {
                Some(last) if start < last.1 => {
                    last.1 = last.1.max(end);
                    last.2.push(peer);
                }
                _ => merged.push((start, end, vec![peer])),
            }
        }
        for (start, end, mut peers) in merged {
            peers.sort_unstable();
            peers.dedup();
            for (s, e) in uncovered(start, end, taken) {
                let chars = chars_in(text, s, e);
                if chars >= MIN_SOURCE_PIECE {
                    out.push(PeerShared {
                        doc,
                        start: s,
                        end: e,
                        chars,
                        peers: peers.clone(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|p| (p.doc, p.start));
    out
}

/// The likely source of one stretch of a target: the source document whose passage covers it,
/// chosen among the allowed sources ([`may_be_source`]) by level, length and similarity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LikelySource {
    pub target: u32,
    pub source: u32,
    /// Byte span of the passage in the target's text.
    pub start: usize,
    pub end: usize,
    pub chars: usize,
}

/// The shortest piece of a passage, in characters, still attributed to its source once better
/// sources took the rest.
const MIN_SOURCE_PIECE: usize = 12;

/// The parts of `start..end` that no stretch of `taken` covers.
fn uncovered(start: usize, end: usize, taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut covering: Vec<(usize, usize)> = taken
        .iter()
        .copied()
        .filter(|&(s, e)| s < end && start < e)
        .collect();
    covering.sort_unstable();
    let mut pieces = Vec::new();
    let mut at = start;
    for (s, e) in covering {
        if s > at {
            pieces.push((at, s));
        }
        at = at.max(e);
    }
    if at < end {
        pieces.push((at, end));
    }
    pieces
}

pub fn likely_sources(docs: &[ReuseDoc], result: &ReuseResult) -> Vec<LikelySource> {
    let mut by_target: FxHashMap<u32, Vec<(&ReusePair, &Passage)>> = FxHashMap::default();
    for pair in result.pairs.iter().filter(|p| may_be_source(docs, p)) {
        for shared in pair.passages.iter().filter(|p| p.stock.is_none()) {
            by_target
                .entry(pair.target)
                .or_default()
                .push((pair, &shared.passage));
        }
    }
    let mut out = Vec::new();
    for (target, mut found) in by_target {
        // The best evidence first: the higher level (a sibling that copied the same passage
        // never hides the source they both copied), then the longest passage (lengths within a
        // tenth of each other count as one), then the most similar, then the latest (closest)
        // earlier source. Not the oldest: an old stock phrase must not hide the text a document
        // was copied from; overlapping passages split the stretch (below), none is dropped whole.
        let length_class =
            |chars: usize| -((chars.max(1) as f64).ln() / 1.1f64.ln()).floor() as i64;
        let level = |d: &ReuseDoc| d.level.map_or(9, |l| l as u8);
        found.sort_by(|(x_pair, x), (y_pair, y)| {
            let (xs, ys) = (&docs[x_pair.source as usize], &docs[y_pair.source as usize]);
            level(xs)
                .cmp(&level(ys))
                .then(length_class(x.matched_chars).cmp(&length_class(y.matched_chars)))
                .then(y.similarity.total_cmp(&x.similarity))
                .then(ys.year.cmp(&xs.year))
                .then(x_pair.source.cmp(&y_pair.source))
        });
        let text = &docs[target as usize].text;
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (pair, p) in found {
            // What the better sources left of this passage is still this source's.
            for (start, end) in uncovered(p.b.start, p.b.end, &taken) {
                let chars = chars_in(text, start, end);
                if chars < MIN_SOURCE_PIECE {
                    continue;
                }
                taken.push((start, end));
                out.push(LikelySource {
                    target,
                    source: pair.source,
                    start,
                    end,
                    chars,
                });
            }
        }
    }
    out.sort_by_key(|s| (s.target, s.start));
    out
}

/// How much of one document comes from earlier or higher-level documents, and how much it shares
/// with peers only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReusedShare {
    pub doc: u32,
    /// Distinct source documents.
    pub sources: usize,
    pub chars: usize,
    /// chars over the document's characters.
    pub share: f64,
    /// Characters shared with peers only ([`shared_with_peers`]), and the distinct peers.
    pub peer_chars: usize,
    pub peers: usize,
    /// peer_chars over the document's characters.
    pub peer_share: f64,
}

/// Per document with a likely source or text shared with peers: its reused characters, its
/// characters shared with peers only, and their shares, in document order.
pub fn reused_shares(
    docs: &[ReuseDoc],
    sources: &[LikelySource],
    peers: &[PeerShared],
) -> Vec<ReusedShare> {
    let mut by_doc: std::collections::BTreeMap<u32, ReusedShare> = Default::default();
    for group in sources.chunk_by(|x, y| x.target == y.target) {
        let doc = group[0].target;
        let mut ids: Vec<u32> = group.iter().map(|s| s.source).collect();
        ids.sort_unstable();
        ids.dedup();
        let share = by_doc.entry(doc).or_insert_with(|| ReusedShare::empty(doc));
        share.sources = ids.len();
        share.chars = group.iter().map(|s| s.chars).sum();
    }
    for group in peers.chunk_by(|x, y| x.doc == y.doc) {
        let doc = group[0].doc;
        let mut ids: Vec<u32> = group.iter().flat_map(|p| p.peers.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        let share = by_doc.entry(doc).or_insert_with(|| ReusedShare::empty(doc));
        share.peers = ids.len();
        share.peer_chars = group.iter().map(|p| p.chars).sum();
    }
    by_doc
        .into_values()
        .map(|mut s| {
            let total = docs[s.doc as usize].text.chars().count().max(1) as f64;
            s.share = (s.chars as f64 / total).min(1.0);
            s.peer_share = (s.peer_chars as f64 / total).min(1.0);
            s
        })
        .collect()
}

impl ReusedShare {
    fn empty(doc: u32) -> Self {
        Self {
            doc,
            sources: 0,
            chars: 0,
            share: 0.0,
            peer_chars: 0,
            peers: 0,
            peer_share: 0.0,
        }
    }
}

/// Result tables: the reuse network (one row per pair), every passage with its lines, the likely
/// source of each stretch of a target, and coverage per target. `docs` are the documents reuse ran
/// on, in the same order: whole [`Document`]s, or `CitedDoc`s kept while streaming.
pub mod tables {
    use super::{LikelySource, PeerShared, ReuseDoc, ReuseResult, ReusedShare};
    use crate::ingest::Document;
    use crate::normalize::OffsetMap;
    use crate::table::{ColumnType, Table, Value};

    /// What the tables need of a document: its id, its normalized text and its original lines.
    pub trait Cited {
        fn id(&self) -> &str;
        fn text(&self) -> &str;
        /// 1-based line in the original file of normalized byte `pos`.
        fn original_line(&self, pos: usize) -> u32;
        /// How the file's lines are cited.
        fn places(&self) -> &crate::extract::Places;
        /// The page (of a PDF) and line on it of normalized byte `pos`, as two table cells.
        fn located(&self, pos: usize) -> (Value, Value) {
            let (page, line) = self.places().locate(self.original_line(pos));
            (page.map_or(Value::Null, Value::from), line.into())
        }
    }

    impl Cited for Document {
        fn id(&self) -> &str {
            &self.id
        }
        fn text(&self) -> &str {
            &self.normalized.text
        }
        fn original_line(&self, pos: usize) -> u32 {
            self.normalized.map.original_line(pos)
        }
        fn places(&self) -> &crate::extract::Places {
            &self.places
        }
    }

    /// A document as `tifa reuse` keeps it ([`ReuseDoc::take`]): its text and its offset map.
    pub struct CitedDoc<'a> {
        pub doc: &'a ReuseDoc,
        pub map: &'a OffsetMap,
        pub places: &'a crate::extract::Places,
    }

    impl Cited for CitedDoc<'_> {
        fn id(&self) -> &str {
            &self.doc.id
        }
        fn text(&self) -> &str {
            &self.doc.text
        }
        fn original_line(&self, pos: usize) -> u32 {
            self.map.original_line(pos)
        }
        fn places(&self) -> &crate::extract::Places {
            self.places
        }
    }

    pub fn network(docs: &[impl Cited], result: &ReuseResult) -> Table {
        let mut t = Table::new(&[
            ("source", ColumnType::Str),
            ("target", ColumnType::Str),
            ("direction", ColumnType::Str),
            ("passages", ColumnType::Int),
            ("stock_passages", ColumnType::Int),
            ("shared_chars", ColumnType::Int),
            ("share_of_target", ColumnType::Float),
        ]);
        // Pairs that share only stock text are no links; their passages stay in `passages`.
        for p in result.pairs.iter().filter(|p| p.is_link()) {
            let stock = p.passages.iter().filter(|s| s.stock.is_some()).count();
            t.push(vec![
                Value::from(docs[p.source as usize].id()),
                docs[p.target as usize].id().into(),
                p.direction.as_str().into(),
                (p.passages.len() - stock).into(),
                stock.into(),
                p.shared_chars.into(),
                p.share_of_target.into(),
            ]);
        }
        t
    }

    /// Every shared passage: ids, original lines, and the span in each normalized text as
    /// character offsets (`start..end`, as `tifa export` writes the text and passim counts).
    pub fn passages(docs: &[impl Cited], result: &ReuseResult) -> Table {
        let mut t = Table::new(&[
            ("source", ColumnType::Str),
            ("source_page", ColumnType::Int),
            ("source_line", ColumnType::Int),
            ("source_start", ColumnType::Int),
            ("source_end", ColumnType::Int),
            ("target", ColumnType::Str),
            ("target_page", ColumnType::Int),
            ("target_line", ColumnType::Int),
            ("target_start", ColumnType::Int),
            ("target_end", ColumnType::Int),
            ("chars", ColumnType::Int),
            ("similarity", ColumnType::Float),
            ("stock", ColumnType::Str),
            ("text", ColumnType::Str),
        ]);
        let chars_before = |text: &str, byte: usize| text[..byte].chars().count();
        for p in &result.pairs {
            let (s, d) = (&docs[p.source as usize], &docs[p.target as usize]);
            for shared in &p.passages {
                let passage = &shared.passage;
                let text = passage.b.of(d.text());
                let source_start = chars_before(s.text(), passage.a.start);
                let target_start = chars_before(d.text(), passage.b.start);
                let (source_page, source_line) = s.located(passage.a.start);
                let (target_page, target_line) = d.located(passage.b.start);
                t.push(vec![
                    Value::from(s.id()),
                    source_page,
                    source_line,
                    source_start.into(),
                    (source_start + passage.a.of(s.text()).chars().count()).into(),
                    d.id().into(),
                    target_page,
                    target_line,
                    target_start.into(),
                    (target_start + text.chars().count()).into(),
                    text.chars().count().into(),
                    passage.similarity.into(),
                    shared.stock.map_or("", |s| s.as_str()).into(),
                    text.into(),
                ]);
            }
        }
        t
    }

    pub fn sources(docs: &[impl Cited], sources: &[LikelySource]) -> Table {
        let mut t = Table::new(&[
            ("target", ColumnType::Str),
            ("target_page", ColumnType::Int),
            ("target_line", ColumnType::Int),
            ("likely_source", ColumnType::Str),
            ("chars", ColumnType::Int),
            ("text", ColumnType::Str),
        ]);
        for s in sources {
            let d = &docs[s.target as usize];
            let (page, line) = d.located(s.start);
            t.push(vec![
                Value::from(d.id()),
                page,
                line,
                docs[s.source as usize].id().into(),
                s.chars.into(),
                d.text()[s.start..s.end].into(),
            ]);
        }
        t
    }

    /// Per target: how much of it comes from earlier or higher-level documents, and from how
    /// many; how much it shares with peers only (同级共有，来源不在语料中), and with how many.
    pub fn coverage(docs: &[impl Cited], shares: &[ReusedShare]) -> Table {
        let mut t = Table::new(&[
            ("target", ColumnType::Str),
            ("sources", ColumnType::Int),
            ("reused_chars", ColumnType::Int),
            ("share_reused", ColumnType::Float),
            ("peers", ColumnType::Int),
            ("shared_with_peers_chars", ColumnType::Int),
            ("share_shared_with_peers", ColumnType::Float),
        ]);
        for s in shares {
            t.push(vec![
                Value::from(docs[s.doc as usize].id()),
                s.sources.into(),
                s.chars.into(),
                s.share.into(),
                s.peers.into(),
                s.peer_chars.into(),
                s.peer_share.into(),
            ]);
        }
        t
    }

    /// Each stretch a document shares with peers only, with the peers (同级共有，来源不在语料中).
    pub fn peers(docs: &[impl Cited], shared: &[PeerShared]) -> Table {
        let mut t = Table::new(&[
            ("doc", ColumnType::Str),
            ("page", ColumnType::Int),
            ("line", ColumnType::Int),
            ("kind", ColumnType::Str),
            ("peers", ColumnType::Str),
            ("chars", ColumnType::Int),
            ("text", ColumnType::Str),
        ]);
        for p in shared {
            let d = &docs[p.doc as usize];
            let peers: Vec<&str> = p.peers.iter().map(|&i| docs[i as usize].id()).collect();
            let (page, line) = d.located(p.start);
            t.push(vec![
                Value::from(d.id()),
                page,
                line,
                "shared-with-peers".into(),
                peers.join(" ").into(),
                p.chars.into(),
                d.text()[p.start..p.end].into(),
            ]);
        }
        t
    }
}
