//! Term counts: documents (`&[Document]`, all at once or batch by batch through a [`Counter`]) + a
//! [`Segmenter`] → [`TermCounts`]: each document's size and metadata ([`DocInfo`]), an interned
//! [`Vocabulary`] of terms, and a long table of [`Cell`]s (document, term, count). Everything else
//! in `stats` reads this one table.

use super::grid::{WordGrid, recurrent_phrases, whole_word_hits};
use crate::ingest::Document;
use crate::ingest::metadata::Level;
use crate::parallel::parallel_map;
use crate::reuse::inherited::Inherited;
use crate::structure::Span;
use crate::words::{Hidden, Segmenter, Token, TokenKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;
use std::sync::Arc;

/// What a document contributes to every rate: its size, and the metadata that groups it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub year: Option<i32>,
    pub level: Option<Level>,
    pub region: Option<String>,
    /// The date (YYYY-MM-DD), when known: a document never draws on one dated later.
    #[serde(default)]
    pub date: Option<String>,
    /// The region's administrative division code, when the division table knows it: which
    /// province and city the document belongs to.
    #[serde(default)]
    pub division: Option<u32>,
    pub genre: Option<String>,
    /// Han characters: the base of every rate, unmoved by the segmenter.
    pub han_chars: u64,
    /// Counted tokens (words and formulations, stopwords included, punctuation and numbers not).
    pub tokens: u64,
}

impl DocInfo {
    /// A document of known year, level and region, for tests.
    #[cfg(test)]
    pub(crate) fn for_test(id: &str, year: i32, level: Level, region: &str) -> Self {
        Self {
            id: id.into(),
            year: Some(year),
            level: Some(level),
            region: Some(region.into()),
            date: None,
            division: crate::ingest::divisions::lookup(region).map(|d| d.code),
            genre: None,
            han_chars: 100,
            tokens: 50,
        }
    }

    /// Where the document stands in the hierarchy for ordering: highest level first, then the
    /// administrative division code (regions in the official order), unknowns last; ties by id.
    pub fn hierarchy_cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |i: &Self| {
            (
                i.level.map_or(u8::MAX, |l| l as u8),
                i.division.unwrap_or(u32::MAX),
            )
        };
        key(self)
            .cmp(&key(other))
            .then_with(|| self.id.cmp(&other.id))
    }

    pub fn of(doc: &Document, tokens: u64) -> Self {
        Self {
            id: doc.id.clone(),
            year: doc.meta.year.value,
            level: doc.meta.level.value,
            region: doc.meta.region.value.clone(),
            date: doc.meta.date.value.clone(),
            division: doc
                .meta
                .region
                .value
                .as_deref()
                .and_then(crate::ingest::divisions::lookup)
                .map(|d| d.code),
            genre: doc.meta.genre.clone(),
            han_chars: doc.han_chars() as u64,
            tokens,
        }
    }
}

impl crate::hierarchy::Placed for DocInfo {
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
    /// The counts keep no title: no series.
    fn series(&self) -> Option<String> {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// A word of the segmenter (stopwords left out).
    Word,
    /// A 提法 found before segmentation: quoted, numbered or a 《title》.
    Formulation,
    /// Two to four adjacent words.
    Ngram,
}

impl TermKind {
    /// In the order of their discriminants (`kind as u32` indexes it).
    pub const ALL: [TermKind; 3] = [Self::Word, Self::Formulation, Self::Ngram];

    /// Of two kinds a term was seen under, the one it is listed under: formulation, then word,
    /// then n-gram.
    pub fn strongest(self, other: TermKind) -> TermKind {
        let rank = |k: TermKind| match k {
            Self::Formulation => 0,
            Self::Word => 1,
            Self::Ngram => 2,
        };
        if rank(other) < rank(self) {
            other
        } else {
            self
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Word => "word",
            Self::Formulation => "formulation",
            Self::Ngram => "ngram",
        }
    }
}

/// Distinct strings with `u32` ids in first-seen order: the vocabulary's terms, and the labels of
/// the categorical columns of a frame.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    strings: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl Interner {
    /// The id of `s`, given it now if it is new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }
    pub fn id(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
    pub fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }
    /// Every string, in id order.
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        self.strings.iter().map(String::as_str)
    }
    pub fn len(&self) -> usize {
        self.strings.len()
    }
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

/// Terms interned as `u32` ids, so that counts for thousands of documents hold no string per token.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    terms: Interner,
    kinds: Vec<TermKind>,
}

impl Vocabulary {
    /// The id of `term`; a term seen under several kinds keeps the strongest (formulation, then
    /// word, then n-gram), so that it has one row wherever it is counted.
    pub fn intern(&mut self, term: &str, kind: TermKind) -> u32 {
        let id = self.terms.intern(term);
        if id as usize == self.kinds.len() {
            self.kinds.push(kind);
        } else {
            let known = &mut self.kinds[id as usize];
            *known = known.strongest(kind);
        }
        id
    }
    pub fn id(&self, term: &str) -> Option<u32> {
        self.terms.id(term)
    }
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id)
    }
    /// Every term, in id order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.strings()
    }
    pub fn kind(&self, id: u32) -> TermKind {
        self.kinds[id as usize]
    }
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// How often one term occurs in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub doc: u32,
    pub term: u32,
    pub count: u32,
}

#[derive(Debug, Clone)]
pub struct TermCounts {
    pub docs: Vec<DocInfo>,
    pub vocabulary: Vocabulary,
    /// Sorted by document, then term id; no zero counts.
    pub cells: Vec<Cell>,
    /// Per term id: why the word stays out of headline lists (function word, number, one
    /// character); `None` for content words, formulations and n-grams.
    pub hidden: Vec<Option<Hidden>>,
    /// Per cell: how many of its occurrences lie in text the document shares with an earlier or
    /// higher-level source; empty when that was not measured ([`CountOptions::inherited`]).
    pub inherited: Vec<u32>,
    /// Per document: its Han characters inside inherited text (empty when not measured).
    pub inherited_chars: Vec<u64>,
    /// The corpus's recurrent phrases ([`super::grid::recurrent_phrases`]), counted as
    /// formulations: what a formulation table of the same documents lists as `recurrent`.
    pub recurrent: Vec<String>,
}

/// Which terms to count.
#[derive(Debug, Clone)]
pub struct CountOptions {
    /// Word n-gram lengths; 1 means single words and formulations, 2–4 add n-grams.
    pub ngrams: RangeInclusive<usize>,
    /// Every document's inherited text, by its place in the corpus: when given, each cell also
    /// counts its occurrences inside it ([`TermCounts::inherited`]).
    pub inherited: Option<Arc<[Inherited]>>,
}

impl Default for CountOptions {
    fn default() -> Self {
        Self {
            ngrams: 1..=1,
            inherited: None,
        }
    }
}

/// Tokenizes every document (on every core) and counts its terms.
pub fn count(docs: &[Document], segmenter: &Segmenter, options: &CountOptions) -> TermCounts {
    let mut counter = Counter::new(segmenter, options.clone());
    // In batches: the per-document tallies of a whole large corpus would outweigh the counts.
    for batch in docs.chunks(crate::ingest::STREAM_BATCH) {
        counter.add(batch);
    }
    counter.finish()
}

/// Counts terms batch by batch as documents are read ([`crate::ingest::Listing::stream`]), so
/// that the counts of a large corpus are built without holding its documents.
pub struct Counter<'s> {
    segmenter: &'s Segmenter,
    options: CountOptions,
    counts: TermCounts,
    /// Every document's text and word boundaries, for the corpus-wide formulation pass.
    grids: Vec<WordGrid>,
}

impl<'s> Counter<'s> {
    pub fn new(segmenter: &'s Segmenter, options: CountOptions) -> Self {
        Self {
            segmenter,
            options,
            counts: TermCounts {
                docs: Vec::new(),
                vocabulary: Vocabulary::default(),
                cells: Vec::new(),
                hidden: Vec::new(),
                inherited: Vec::new(),
                inherited_chars: Vec::new(),
                recurrent: Vec::new(),
            },
            grids: Vec::new(),
        }
    }

    /// Tokenizes a batch on every core and adds its documents after those already counted.
    pub fn add(&mut self, docs: &[Document]) {
        let first = self.counts.docs.len();
        let inherited = self.options.inherited.clone();
        let indexed: Vec<(usize, &Document)> = docs.iter().enumerate().collect();
        let per_doc = parallel_map(&indexed, |&(k, doc)| {
            let text = doc.normalized.text.as_str();
            let tokens = self.segmenter.tokenize(text);
            let own = inherited.as_ref().and_then(|i| i.get(first + k));
            let (terms, size) = terms_of(text, &tokens, &self.options.ngrams, self.segmenter, own);
            let inherited_chars = own.map_or(0, |i| i.han_chars(text));
            let grid = WordGrid::new(text, &tokens, &doc.normalized.map, &doc.places);
            (DocInfo::of(doc, size), terms, inherited_chars, grid)
        });
        let counts = &mut self.counts;
        for (info, terms, inherited_chars, grid) in per_doc {
            self.grids.push(grid);
            let doc = counts.docs.len() as u32;
            let mut row: Vec<(Cell, u32)> = terms
                .into_iter()
                .map(|(term, tally)| {
                    let cell = Cell {
                        doc,
                        term: counts.vocabulary.intern(term, tally.kind),
                        count: tally.count,
                    };
                    (cell, tally.inherited)
                })
                .collect();
            row.sort_unstable_by_key(|(c, _)| c.term);
            if inherited.is_some() {
                counts.inherited.extend(row.iter().map(|(_, i)| *i));
                counts.inherited_chars.push(inherited_chars);
            }
            counts.cells.extend(row.into_iter().map(|(c, _)| c));
            counts.docs.push(info);
        }
    }

    pub fn finish(mut self) -> TermCounts {
        self.count_formulations_everywhere();
        self.counts.cells.shrink_to_fit();
        let vocabulary = &self.counts.vocabulary;
        let ids: Vec<u32> = (0..vocabulary.len() as u32).collect();
        self.counts.hidden = parallel_map(&ids, |&id| {
            (vocabulary.kind(id) == TermKind::Word)
                .then(|| self.segmenter.hidden(vocabulary.term(id)))
                .flatten()
        });
        self.counts
    }
}

impl Counter<'_> {
    /// The counting rule for formulations ([`super::grid`]): every formulation of the corpus
    /// (a term of kind formulation in any document, or a recurrent phrase of the corpus) is
    /// counted in every document where it stands on word boundaries, quoted or not.
    fn count_formulations_everywhere(&mut self) {
        let peers = super::grid::peer_groups(&self.counts.docs);
        self.counts.recurrent = recurrent_phrases(&self.grids, &peers, self.segmenter);
        for phrase in &self.counts.recurrent {
            self.counts.vocabulary.intern(phrase, TermKind::Formulation);
        }
        let vocabulary = &self.counts.vocabulary;
        let ids: Vec<u32> = (0..vocabulary.len() as u32)
            .filter(|&id| {
                vocabulary.kind(id) == TermKind::Formulation
                    && vocabulary.term(id).chars().nth(1).is_some()
            })
            .collect();
        let phrases: Vec<&str> = ids.iter().map(|&id| vocabulary.term(id)).collect();
        // A document that has the term itself (quoted, a slogan inside a longer word) keeps
        // its count below whatever the boundaries.
        let hits = whole_word_hits(&self.grids, &phrases, |_, _| false);
        let measured = self.options.inherited.is_some();
        let old_cells = std::mem::take(&mut self.counts.cells);
        let old_inherited = std::mem::take(&mut self.counts.inherited);
        let mut cells = Vec::with_capacity(old_cells.len());
        let mut inherited_out = Vec::with_capacity(old_inherited.len());
        let mut k = 0;
        for (doc, doc_hits) in hits.into_iter().enumerate() {
            let mut row: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
            while k < old_cells.len() && old_cells[k].doc as usize == doc {
                let inside = old_inherited.get(k).copied().unwrap_or(0);
                row.insert(old_cells[k].term, (old_cells[k].count, inside));
                k += 1;
            }
            let own = self.options.inherited.as_ref().and_then(|i| i.get(doc));
            for (p, positions) in doc_hits {
                let len = phrases[p].len();
                let inside = own.map_or(0, |i| {
                    positions
                        .iter()
                        .filter(|&&at| i.holds(at, at + len))
                        .count() as u32
                });
                row.insert(ids[p], (positions.len() as u32, inside));
            }
            let mut row: Vec<(u32, (u32, u32))> = row.into_iter().collect();
            row.sort_unstable_by_key(|(term, _)| *term);
            for (term, (count, inside)) in row {
                cells.push(Cell {
                    doc: doc as u32,
                    term,
                    count,
                });
                if measured {
                    inherited_out.push(inside);
                }
            }
        }
        self.counts.cells = cells;
        self.counts.inherited = inherited_out;
    }
}

/// One term of one document: its kind, its occurrences, and how many of them are inherited.
#[derive(Debug, Clone, Copy)]
struct Tally {
    kind: TermKind,
    count: u32,
    inherited: u32,
}

type TermTally<'t> = FxHashMap<&'t str, Tally>;

/// The terms of one document (words and formulations, no n-grams) with their kinds and counts by
/// the counting rule, and its size in counted tokens: what [`count`] records, for one document
/// already tokenized.
pub fn document_terms_counted<'t>(
    text: &'t str,
    tokens: &[Token],
    segmenter: &Segmenter,
) -> (Vec<(&'t str, TermKind, u32)>, u64) {
    let (tally, size) = terms_of(text, tokens, &(1..=1), segmenter, None);
    let terms = tally
        .into_iter()
        .map(|(term, t)| (term, t.kind, t.count))
        .collect();
    (terms, size)
}

/// The terms of one document with their kinds and counts, and the document's size in counted
/// tokens.
///
/// One counting rule for every command (ARCHITECTURE.md, "Counting"): the terms a document has
/// are [`document_terms`]; a term of two characters or more is counted as its non-overlapping
/// occurrences in the normalized text — so 高质量发展 inside 黄河流域生态保护和高质量发展 and
/// 改革开放 across 深化改革 | 开放 count — and a single character as its tokens (a phrase count of
/// 党 would count every 党中央). `trend` and `kwic` count a term the same way ([`TermIndex`]). A
/// term is counted once per document, under its strongest kind (formulation, then word, then
/// n-gram).
fn terms_of<'t>(
    text: &'t str,
    tokens: &[Token],
    ngrams: &RangeInclusive<usize>,
    segmenter: &Segmenter,
    inherited: Option<&Inherited>,
) -> (TermTally<'t>, u64) {
    let mut tally = TermTally::default();
    let size = tokens
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Formulation(_) | TokenKind::Word | TokenKind::Latin
            )
        })
        .count() as u64;
    if *ngrams.start() <= 1 {
        let index = TermIndex::new(text, tokens, segmenter);
        for (term, kind) in index.terms {
            note(term, kind, &mut tally);
        }
        for (term, positions) in index.singles {
            if let Some(entry) = tally.get_mut(term) {
                entry.count = positions.len() as u32;
                entry.inherited = inherited.map_or(0, |i| {
                    positions
                        .iter()
                        .filter(|&&at| i.holds(at, at + term.len()))
                        .count() as u32
                });
            }
        }
    }
    for n in (*ngrams.start()).max(2)..=*ngrams.end() {
        for run in word_runs(tokens) {
            for window in run.windows(n) {
                let (first, last) = (window[0], window[n - 1]);
                if first.stop || last.stop {
                    continue;
                }
                // Tokens cover the text without gaps, so adjacent tokens are one slice.
                let gram = &text[first.span.start..last.span.end];
                note(gram, TermKind::Ngram, &mut tally);
            }
        }
    }
    count_phrases(text, &mut tally, inherited);
    (tally, size)
}

/// The terms one document has, by the counting rule: its tokens (words and formulations,
/// stopwords out), the words inside its longer tokens ([`Segmenter::inside`]: 社会主义 inside
/// 中国特色社会主义) and the lexicon slogans it contains; with where each single-character term
/// stands (those are counted as tokens).
pub struct TermIndex<'t> {
    pub terms: FxHashMap<&'t str, TermKind>,
    pub singles: FxHashMap<&'t str, Vec<usize>>,
    /// The boundaries a whole-word occurrence respects.
    bounds: super::grid::WordBounds,
}

impl<'t> TermIndex<'t> {
    pub fn new(text: &'t str, tokens: &[Token], segmenter: &Segmenter) -> Self {
        let mut terms: FxHashMap<&'t str, TermKind> = FxHashMap::default();
        let mut singles: FxHashMap<&'t str, Vec<usize>> = FxHashMap::default();
        let mut add = |term: &'t str, kind: TermKind| {
            let known = terms.entry(term).or_insert(kind);
            *known = known.strongest(kind);
        };
        let mut long_words: Vec<Span> = Vec::new();
        let bounds = super::grid::WordBounds::new(text, tokens);
        for token in tokens {
            let kind = match token.kind {
                TokenKind::Formulation(_) => TermKind::Formulation,
                TokenKind::Word | TokenKind::Latin => TermKind::Word,
                _ => continue,
            };
            if token.stop {
                continue;
            }
            let term = token.span.of(text);
            add(term, kind);
            if term.chars().nth(1).is_none() {
                singles.entry(term).or_default().push(token.span.start);
            } else if kind == TermKind::Word && term.chars().nth(2).is_some() {
                long_words.push(token.span);
            } else if kind == TermKind::Formulation {
                // The words of a quoted phrase or a title are words of the text too: 人工智能
                // inside “人工智能+” stands on word boundaries.
                let mut at = token.span.start;
                for word in segmenter.cut_words(term) {
                    let (start, end) = (at, at + word.len());
                    at = end;
                    if word.chars().nth(1).is_some()
                        && !segmenter.is_stopword(word)
                        && segmenter.hidden(word).is_none()
                    {
                        add(&text[start..end], TermKind::Word);
                    }
                }
            }
        }
        long_words.sort_unstable_by_key(|s| (s.of(text), s.start));
        long_words.dedup_by_key(|s| s.of(text));
        for span in long_words {
            let word = span.of(text);
            for inner in segmenter.inside(word).iter() {
                if let Some(at) = word.find(inner.as_str()) {
                    add(
                        &text[span.start + at..span.start + at + inner.len()],
                        TermKind::Word,
                    );
                }
            }
        }
        for span in segmenter.slogans_in(text) {
            add(span.of(text), TermKind::Formulation);
        }
        Self {
            terms,
            singles,
            bounds,
        }
    }

    /// Where `query` occurs in `text`: as a term of this document (its non-overlapping
    /// occurrences; its tokens, for one character) and as a bare phrase. Which of the two counts
    /// is decided over the whole corpus ([`QueryHits::resolve`]).
    pub fn hits(&self, text: &str, query: &str) -> QueryHits {
        let phrase: Vec<usize> = text.match_indices(query).map(|(at, _)| at).collect();
        self.hits_at(query, phrase)
    }

    /// [`Self::hits`] of a query whose occurrences in the text (`str::match_indices`) are known.
    pub fn hits_at(&self, query: &str, phrase: Vec<usize>) -> QueryHits {
        if query.is_empty() {
            return QueryHits::default();
        }
        let term = if let Some(at) = self.singles.get(query) {
            Some(at.clone())
        } else if self.terms.contains_key(query) && query.chars().nth(1).is_some() {
            Some(phrase.clone())
        } else {
            None
        };
        let formulation = self.terms.get(query) == Some(&TermKind::Formulation);
        let whole = if query.chars().nth(1).is_some() {
            super::grid::whole_if_one_is(phrase.clone(), query.len(), |at| self.bounds.is_bound(at))
        } else {
            term.clone().unwrap_or_default()
        };
        QueryHits {
            term,
            phrase,
            whole,
            formulation,
        }
    }
}

/// Each query's hits in one document ([`QueryHits`]), the document segmented once for all of
/// them (not at all when it holds none of them).
pub fn query_hits(doc: &Document, queries: &[String], segmenter: &Segmenter) -> Vec<QueryHits> {
    let text = &doc.normalized.text;
    let phrases: Vec<&str> = queries.iter().map(String::as_str).collect();
    let positions = phrase_positions(text, &phrases);
    if positions.iter().all(Vec::is_empty) {
        return vec![QueryHits::default(); queries.len()];
    }
    let tokens = segmenter.tokenize(text);
    let index = TermIndex::new(text, &tokens, segmenter);
    queries
        .iter()
        .zip(positions)
        .map(|(q, at)| index.hits_at(q, at))
        .collect()
}

/// A query's occurrences in one document: as a term of it (`None` when it is not one) and as a
/// phrase. The counting rule: a query that is a formulation of any document is counted wherever
/// it stands on word boundaries, quoted or not; a query that is a term of any document of the
/// corpus is counted as a term everywhere — so `trend` and `kwic` give what `terms` gives, and 化债 across 优化 | 债券 is
/// not an occurrence; any other phrase is counted wherever it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryHits {
    pub term: Option<Vec<usize>>,
    pub phrase: Vec<usize>,
    /// Its occurrences when one of them stands on word boundaries, else none
    /// ([`super::grid::whole_word_positions`]).
    pub whole: Vec<usize>,
    /// Whether the document has it as a formulation (quoted, numbered, a slogan …).
    pub formulation: bool,
}

impl QueryHits {
    /// The hits of a query of `len` bytes outside `inherited` text: those of the own text.
    pub fn own(self, len: usize, inherited: &Inherited) -> QueryHits {
        let outside = |at: &usize| !inherited.holds(*at, *at + len);
        QueryHits {
            term: self
                .term
                .map(|t| t.into_iter().filter(|at| outside(at)).collect()),
            phrase: self.phrase.into_iter().filter(|at| outside(at)).collect(),
            whole: self.whole.into_iter().filter(|at| outside(at)).collect(),
            formulation: self.formulation,
        }
    }

    /// The positions to count in each document, given every document's hits for one query.
    pub fn resolve(per_doc: Vec<QueryHits>) -> Vec<Vec<usize>> {
        let choice = QueryChoice::of(&per_doc);
        per_doc.into_iter().map(|h| h.take(choice)).collect()
    }

    /// The positions this document counts, once the corpus decided how the query is counted.
    pub fn take(self, choice: QueryChoice) -> Vec<usize> {
        match choice {
            QueryChoice::Whole => match self.term {
                // A document with the formulation as a term of its own (quoted, a slogan
                // inside a longer word) counts it as a term; any other wherever it stands on
                // word boundaries.
                Some(term) if self.formulation => term,
                _ => self.whole,
            },
            QueryChoice::Term => self.term.unwrap_or_default(),
            QueryChoice::Phrase => self.phrase,
        }
    }
}

/// How a query is counted over a corpus ([`QueryHits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryChoice {
    /// A formulation of some document: wherever it stands on word boundaries, quoted or not
    /// (the counting rule, [`super::grid`]).
    Whole,
    /// A term of some document: as a term, in the documents that have it.
    Term,
    /// Any other phrase: wherever it stands.
    Phrase,
}

impl QueryChoice {
    pub fn of<'h>(per_doc: impl IntoIterator<Item = &'h QueryHits>) -> Self {
        let mut choice = Self::Phrase;
        for h in per_doc {
            if h.formulation {
                return Self::Whole;
            }
            if h.term.is_some() {
                choice = Self::Term;
            }
        }
        choice
    }
}

/// The tally's entry for `term`, now also seen as `kind`.
fn note<'a, 't>(term: &'t str, kind: TermKind, tally: &'a mut TermTally<'t>) -> &'a mut Tally {
    let entry = tally.entry(term).or_insert(Tally {
        kind,
        count: 0,
        inherited: 0,
    });
    entry.kind = entry.kind.strongest(kind);
    entry
}

/// Sets the count of every term of two characters or more to its non-overlapping occurrences in
/// `text` (what [`phrase_count`] gives), all terms found in one pass of an Aho–Corasick automaton.
fn count_phrases(text: &str, tally: &mut TermTally<'_>, inherited: Option<&Inherited>) {
    let phrases: Vec<&str> = tally
        .keys()
        .copied()
        .filter(|t| t.chars().nth(1).is_some())
        .collect();
    if phrases.is_empty() {
        return;
    }
    let automaton = aho_corasick::AhoCorasick::new(&phrases).expect("phrases make an automaton");
    let mut counts = vec![(0u32, 0u32); phrases.len()];
    let mut next_free = vec![0usize; phrases.len()];
    for m in automaton.find_overlapping_iter(text) {
        let p = m.pattern().as_usize();
        if m.start() >= next_free[p] {
            counts[p].0 += 1;
            if inherited.is_some_and(|i| i.holds(m.start(), m.end())) {
                counts[p].1 += 1;
            }
            next_free[p] = m.end();
        }
    }
    for (phrase, (count, inside)) in phrases.into_iter().zip(counts) {
        let entry = tally.get_mut(phrase).expect("from the tally");
        entry.count = count;
        entry.inherited = inside;
    }
    tally.retain(|_, t| t.count > 0);
}

/// Runs of adjacent words: n-grams never reach across punctuation, numbers or formulations.
fn word_runs(tokens: &[Token]) -> impl Iterator<Item = &[Token]> {
    tokens
        .split(|t| !matches!(t.kind, TokenKind::Word | TokenKind::Latin))
        .filter(|run| !run.is_empty())
}

impl TermCounts {
    /// Whether inherited occurrences were counted ([`CountOptions::inherited`]).
    pub fn measures_inherited(&self) -> bool {
        self.inherited_chars.len() == self.docs.len() && !self.docs.is_empty()
    }

    /// The counts of each document's own text: inherited occurrences taken off every cell (cells
    /// left at zero dropped) and inherited characters off every size, so that rates are per
    /// 10,000 characters of own text. Unchanged when inherited text was not measured.
    pub fn own_text(mut self) -> TermCounts {
        if !self.measures_inherited() {
            return self;
        }
        let inherited = std::mem::take(&mut self.inherited);
        self.cells = self
            .cells
            .into_iter()
            .zip(inherited)
            .filter_map(|(mut cell, inside)| {
                cell.count -= inside;
                (cell.count > 0).then_some(cell)
            })
            .collect();
        for (info, chars) in self
            .docs
            .iter_mut()
            .zip(std::mem::take(&mut self.inherited_chars))
        {
            info.han_chars = info.han_chars.saturating_sub(chars);
        }
        self
    }

    /// Why `term` stays out of headline lists, if it does.
    pub fn hidden(&self, term: u32) -> Option<Hidden> {
        self.hidden.get(term as usize).copied().flatten()
    }

    /// Per document: the count of `term` (0 where absent).
    pub fn counts_of(&self, term: u32) -> Vec<u32> {
        let mut counts = vec![0; self.docs.len()];
        for cell in self.cells.iter().filter(|c| c.term == term) {
            counts[cell.doc as usize] = cell.count;
        }
        counts
    }

    /// Sums counts over groups of documents: `group_of` gives each document's group (or none to
    /// leave it out). Returns, per group, the totals of every term that occurs in it.
    pub fn by_group(&self, groups: &[Option<usize>], n_groups: usize) -> Vec<GroupTotals> {
        let mut totals: Vec<GroupTotals> = (0..n_groups).map(|_| GroupTotals::default()).collect();
        for (doc, info) in self.docs.iter().enumerate() {
            if let Some(g) = groups[doc] {
                totals[g].han_chars += info.han_chars;
                totals[g].tokens += info.tokens;
                totals[g].docs += 1;
            }
        }
        for cell in &self.cells {
            if let Some(g) = groups[cell.doc as usize] {
                let entry = totals[g].terms.entry(cell.term).or_default();
                entry.count += u64::from(cell.count);
                entry.docs += 1;
            }
        }
        totals
    }
}

/// One group of documents (a year, a level, a filter's side): its size and its terms' totals.
#[derive(Debug, Clone, Default)]
pub struct GroupTotals {
    pub han_chars: u64,
    pub tokens: u64,
    pub docs: u32,
    pub terms: FxHashMap<u32, TermTotal>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermTotal {
    pub count: u64,
    /// Documents of the group the term occurs in.
    pub docs: u32,
}

impl GroupTotals {
    pub fn get(&self, term: u32) -> TermTotal {
        self.terms.get(&term).copied().unwrap_or_default()
    }
}

/// Occurrences per 10,000 Han characters.
pub fn rate_per_10k(count: u64, han_chars: u64) -> f64 {
    if han_chars == 0 {
        0.0
    } else {
        count as f64 * 10_000.0 / han_chars as f64
    }
}

/// Non-overlapping occurrences of `phrase` in `text`, whatever the words around them: the raw
/// count, which the counting rule ([`TermIndex::hits`], [`QueryHits`]) refines for words of the dictionary.
pub fn phrase_count(text: &str, phrase: &str) -> u64 {
    if phrase.is_empty() {
        return 0;
    }
    text.matches(phrase).count() as u64
}

/// [`phrase_count`] of each of `phrases` (non-overlapping occurrences of each, left to right), in
/// one pass over `text` whatever their number: thousands of terms of one document counted in
/// another cost one scan, not one each.
pub fn phrase_counts<'p>(text: &str, phrases: impl IntoIterator<Item = &'p str>) -> Vec<u64> {
    let phrases: Vec<&str> = phrases.into_iter().collect();
    phrase_positions(text, &phrases)
        .into_iter()
        .map(|at| at.len() as u64)
        .collect()
}

/// Where each of `phrases` stands in `text`: the byte offsets `str::match_indices` gives
/// (non-overlapping, left to right), for all of them in one Aho–Corasick pass.
pub fn phrase_positions(text: &str, phrases: &[&str]) -> Vec<Vec<usize>> {
    let mut positions = vec![Vec::new(); phrases.len()];
    let searched: Vec<usize> = (0..phrases.len())
        .filter(|&i| !phrases[i].is_empty())
        .collect();
    if searched.is_empty() || text.is_empty() {
        return positions;
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(searched.iter().map(|&i| phrases[i])) else {
        // Too many patterns for the automaton: one search each.
        for i in searched {
            positions[i] = text.match_indices(phrases[i]).map(|(at, _)| at).collect();
        }
        return positions;
    };
    super::grid::each_occurrence(&automaton, text, |p, start, _| {
        positions[searched[p]].push(start)
    });
    positions
}

#[cfg(test)]
mod phrase_tests {
    use super::*;

    #[test]
    fn phrases_are_counted_in_one_pass_as_one_by_one() {
        let text = "加快建设全国统一大市场，全国统一大市场建设；哈哈哈哈哈，统一统一";
        let phrases = ["全国统一大市场", "统一", "哈哈", "", "市场建设", "不在"];
        let one_by_one: Vec<u64> = phrases.iter().map(|p| phrase_count(text, p)).collect();
        assert_eq!(phrase_counts(text, phrases), one_by_one);
        assert_eq!(one_by_one, [2, 4, 2, 0, 1, 0]);
        let at: Vec<Vec<usize>> = phrases
            .iter()
            .map(|p| {
                if p.is_empty() {
                    Vec::new()
                } else {
                    text.match_indices(p).map(|(i, _)| i).collect()
                }
            })
            .collect();
        assert_eq!(phrase_positions(text, &phrases), at);
    }
}
