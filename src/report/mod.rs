//! Report: a [`Corpus`] + [`ReportOptions`] → a [`Report`]: the comparison plan and a
//! [`Comparison`] per planned pair, document similarity, term counts, trends, keyness,
//! formulations, enumeration lists, KWIC and the [`Trace`]s of the higher-level documents the
//! lower ones take text from — everything the report folder shows, computed once.
//! `render::report` turns it into files; `report::folder` writes them safely.

pub mod folder;
pub mod plan;

use crate::align::AlignOptions;
use crate::compare::{Comparison, Side, compare_sides};
use crate::ingest::Corpus;
use crate::ingest::metadata::Level;
use crate::parallel::parallel_map;
use crate::reuse::inherited::Inherited;
use crate::reuse::passim::{PassimError, PassimOutput, to_result};
use crate::reuse::{
    LikelySource, PeerShared, ReuseDoc, ReuseOptions, ReuseResult, ReusedShare, detect,
    likely_sources, may_be_source, reused_shares, shared_with_peers,
};
use crate::stats::counts::{CountOptions, DocInfo, TermCounts, count};
use crate::stats::filter::Filter;
use crate::stats::formulations::{EnumerationList, FormulationStat, enumeration_lists};
use crate::stats::kwic::{KwicLine, kwic_many_placed};
use crate::stats::terms::{KeynessRow, keyness};
use crate::stats::trends::{
    Direction, TermTrend, query_counts, resolve_query_counts, series, trends_per_level,
};
use crate::table::Table;
use crate::trace::{Trace, trace};
use crate::words::Segmenter;
use plan::{PairReason, PlanError, PlannedPair, auto_plan, user_plan};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("the corpus has no document to report on")]
    Empty,
    #[error(transparent)]
    Passim(#[from] PassimError),
}

/// The options a report is built with; manifest.json records them (passim's output by its
/// folder, in the run information).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportOptions {
    /// `A:B,…` pairs instead of the automatic plan.
    pub pairs: Option<String>,
    /// Terms whose yearly rates are always charted.
    pub watch: Vec<String>,
    #[serde(flatten)]
    pub align: AlignOptions,
    /// Rows per ranked list (terms, keyness, formulation changes).
    pub top: usize,
    /// Least documents a term must occur in for trends and keyness.
    pub min_docs: u32,
    /// passim's output (`--from-passim`) and this run's text options, checked against the ones
    /// the export recorded: corpus-wide reuse is taken from it instead of being detected here.
    #[serde(skip)]
    pub passim: Option<(PassimOutput, String)>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            pairs: None,
            watch: Vec::new(),
            align: AlignOptions::default(),
            top: 10,
            min_docs: 2,
            passim: None,
        }
    }
}

/// Which documents a keyness comparison sets against which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeynessGroup {
    /// One level against all the others.
    Level(Level),
    /// The latest year against the earlier ones.
    LatestYear(i32),
}

/// One keyness comparison: which documents against which.
#[derive(Debug, Clone)]
pub struct KeynessComparison {
    pub group: KeynessGroup,
    /// The filters it ran with (`level=county`, `level!=county`), as the tables record them.
    pub target: String,
    pub reference: String,
    /// Documents on each side.
    pub target_docs: u32,
    pub reference_docs: u32,
    pub rows: Vec<KeynessRow>,
}

impl KeynessComparison {
    /// A side of fewer than [`crate::stats::terms::MIN_SIDE_DOCS`] documents: its results are
    /// said to rest on few texts and are not headlined (no chart).
    pub fn is_small(&self) -> bool {
        crate::stats::terms::small_group_warning(self.target_docs, self.reference_docs).is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub corpus: Corpus,
    pub docs: Vec<DocInfo>,
    pub plan: Vec<PlannedPair>,
    /// Each planned pair's shared text, from the corpus-wide reuse.
    pub shared: Vec<PairShared>,
    /// The first [`PAIRS_COMPARED`] planned pairs, compared in full.
    pub comparisons: Vec<Comparison>,
    /// The documents of the heatmap: all of them, or on a large corpus the most reused ones.
    pub heatmap_docs: Vec<usize>,
    /// Corpus-wide reuse (tifa's own, or passim's), which always plans the comparisons: kept for
    /// the reuse part of the report on a corpus of more than [`MAX_HEATMAP`] documents, or from
    /// passim.
    pub reuse: Option<CorpusReuse>,
    /// Cosine similarity of the heatmap documents' word counts, `similarity[i][j]`.
    pub similarity: Vec<Vec<f64>>,
    /// Planned pairs left out because the plan was longer than [`MAX_COMPARED`].
    pub plan_left_out: Vec<PlannedPair>,
    pub counts: TermCounts,
    /// Vocabulary trends for all documents and per level.
    pub trends: Vec<TermTrend>,
    /// Yearly series of the watch terms and of the top rising and falling terms.
    pub series: Table,
    pub charted_terms: Vec<String>,
    /// Per document (corpus order), the count of each charted term (`charted_terms` order).
    pub series_counts: Vec<Vec<u64>>,
    pub keyness: Vec<KeynessComparison>,
    pub formulations: Vec<FormulationStat>,
    /// How the formulations spread: adoption by level and region, first uses, step lags.
    pub diffusion: crate::stats::diffusion::Diffusion,
    /// The formulations new in the corpus's last year (the briefing's first list).
    pub newest: Vec<crate::stats::formulations::Newest>,
    /// The recent formulations taken up most after their first use (the briefing's list).
    pub spread: Vec<crate::stats::formulations::Spread>,
    /// The formulations most documents share and those one document uses, against the
    /// documents (a corpus of at least 4).
    pub matrix: Option<crate::stats::matrix::FormulationMatrix>,
    pub lists: Vec<EnumerationList>,
    pub kwic: Vec<(String, Vec<KwicLine>)>,
    /// The contexts of every term the report's tables name (formulations, trends, key terms,
    /// each shown pair's new and dropped formulations), for the interactive page to look up.
    pub contexts: Vec<(String, Vec<KwicLine>)>,
    /// Where the first watched terms fall in each document (at most [`MAX_DISPERSION_TERMS`]).
    pub dispersions: Vec<crate::stats::dispersion::Dispersion>,
    /// The same terms' collocates (±5 words, log Dice, at least twice), per year when the corpus
    /// spans years.
    pub collocates: Vec<crate::stats::collocates::Collocates>,
    /// The higher-level documents whose text lower-level ones take over, each traced through
    /// them (at most [`MAX_TRACED_BASES`]).
    pub traces: Vec<Trace>,
    /// Each trace as a collation (one per trace, in the same order): every document's wording of
    /// each base sentence some document keeps, columns by level and region.
    pub collations: Vec<crate::collate::Collation>,
    /// Per document that takes text from earlier or higher-level ones: the formulations of its
    /// own text that none of those sources has.
    pub own_formulations: Vec<OwnFormulations>,
    pub inputs: Vec<InputFile>,
    pub options: ReportOptions,
}

/// An input file as recorded in the manifest: where it is, its size and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputFile {
    pub id: String,
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    pub encoding: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Hashes the input files as they are on disk now (a file that cannot be read again gets an
/// empty hash rather than stopping the report).
fn input_files(corpus: &Corpus) -> Vec<InputFile> {
    corpus
        .documents
        .iter()
        .map(|d| {
            let on_disk = corpus
                .root
                .as_ref()
                .map_or_else(|| std::path::PathBuf::from(&d.path), |r| r.join(&d.path));
            let sha256 = std::fs::read(&on_disk)
                .map(|b| sha256_hex(&b))
                .unwrap_or_default();
            InputFile {
                id: d.id.clone(),
                path: d.path.clone(),
                bytes: d.bytes,
                sha256,
                encoding: d.encoding.clone(),
            }
        })
        .collect()
}

/// The stages of [`build`], reported to `on_stage` as they start.
pub const STAGES: [&str; 5] = ["count", "compare", "trends", "keyness", "formulations"];

pub fn build(
    corpus: Corpus,
    segmenter: &Segmenter,
    mut options: ReportOptions,
    on_stage: &mut dyn FnMut(&str),
) -> Result<Report, ReportError> {
    if corpus.documents.is_empty() {
        return Err(ReportError::Empty);
    }
    on_stage("count");
    // Reuse first: it tells each document's inherited text from its own, and the pairs sharing
    // most text are compared, whatever the rules planned.
    let reuse_docs: Vec<ReuseDoc> = corpus.documents.iter().map(ReuseDoc::of).collect();
    let passim = match options.passim.take() {
        Some((output, text_options)) => Some(to_result(&reuse_docs, &output, &text_options)?),
        None => None,
    };
    let reuse = corpus_reuse(&reuse_docs, passim);
    let inherited = Inherited::of_corpus(corpus.documents.len(), &reuse.sources, &reuse.peers);
    let count_options = CountOptions {
        inherited: Some(inherited.into()),
        ..Default::default()
    };
    let counts = count(&corpus.documents, segmenter, &count_options);
    let docs = counts.docs.clone();
    let mut plan = match &options.pairs {
        Some(spec) => user_plan(spec, &docs)?,
        None => auto_plan(&docs),
    };
    on_stage("compare");
    let traces = traced_bases(&corpus, &reuse.result, segmenter, &options.align);
    let collations = collate_traces(&corpus, &traces, segmenter);
    let from_rules = options.pairs.is_none();
    let (compared, plan_left_out) = pairs_to_compare(
        plan,
        from_rules.then_some((reuse_docs.as_slice(), &reuse.result)),
        MAX_COMPARED,
    );
    plan = compared;
    let shared = pair_shared(&plan, &reuse_docs, &reuse.result);
    drop(reuse_docs);
    // The reuse part of the report (tables, coverage chart) is shown for a corpus too large to
    // read pair by pair, or when passim found it; a small one keeps the pairs' own charts.
    let shown = reuse.from_passim || corpus.documents.len() > MAX_HEATMAP;
    // Each document's sources stay for its own formulations, shown or not.
    let sources = reuse.sources.clone();
    let reuse = shown.then_some(reuse);
    // The pairs shown in detail are compared in full; each of their documents is tokenized,
    // counted and copied once, for all the pairs it is in.
    let detailed = &plan[..plan.len().min(PAIRS_COMPARED)];
    let mut in_plan: Vec<usize> = detailed.iter().flat_map(|p| [p.a, p.b]).collect();
    in_plan.sort_unstable();
    in_plan.dedup();
    let sides: rustc_hash::FxHashMap<usize, Side> = in_plan
        .iter()
        .copied()
        .zip(parallel_map(&in_plan, |&d| {
            Side::of(std::sync::Arc::new(corpus.documents[d].clone()), segmenter)
        }))
        .collect();
    let done = crate::progress::Count::new(detailed.len(), "compare: pairs");
    let comparisons = parallel_map(detailed, |p| {
        let comparison = compare_sides(&sides[&p.a], &sides[&p.b], segmenter, &options.align);
        done.tick();
        comparison
    });
    drop(sides);
    let heatmap_docs = heatmap_docs(corpus.documents.len(), reuse.as_ref().map(|r| &r.result));
    let similarity = cosine_matrix(&counts, &heatmap_docs);
    on_stage("trends");
    let trends = trends_per_level(&counts, options.min_docs);
    let charted_terms = charted_terms(&trends, &options.watch, options.top.min(4));
    let query_counts = resolve_query_counts(parallel_map(&corpus.documents, |d| {
        query_counts(d, &charted_terms, segmenter)
    }));
    let series = series(&docs, &query_counts, &charted_terms, false);
    on_stage("keyness");
    let keyness = keyness_comparisons(&counts, options.min_docs);
    on_stage("formulations");
    let formulations = crate::stats::formulations::formulations_with_recurrent(
        &corpus.documents,
        &docs,
        segmenter,
        &counts.recurrent,
    );
    let diffusion = crate::stats::diffusion::diffusion(&formulations, &docs);
    let newest = crate::stats::formulations::newest(&formulations, &docs);
    let spread = crate::stats::formulations::spread(&formulations, &docs);
    let matrix = crate::stats::matrix::formulation_matrix(&formulations, &docs);
    let own_formulations = own_formulations(&counts, &sources, &formulations, |f| {
        f.reads_as_a_word(segmenter)
    });
    let lists = corpus
        .documents
        .iter()
        .flat_map(enumeration_lists)
        .collect();
    let kwic_terms = kwic_terms(&comparisons, &trends, options.top.min(5));
    // Every term the report's tables name, with its contexts for the interactive page; each
    // document segmented once for all of them.
    let shown_terms = Shown {
        newest: &newest,
        spread: &spread,
        kwic_terms: &kwic_terms,
        matrix: matrix.as_ref(),
    };
    let named = named_terms(shown_terms, &comparisons, &formulations, &trends, &keyness);
    let (placed, contexts): (Vec<_>, Vec<_>) =
        kwic_many_placed(&corpus.documents, &named, 20, segmenter)
            .into_iter()
            .filter(|(_, lines, _)| !lines.is_empty())
            .partition(|(term, _, _)| kwic_terms.contains(term));
    // The most changed terms in their own order, wherever the named list put them.
    let mut placed = placed;
    placed.sort_by_key(|(term, _, _)| kwic_terms.iter().position(|t| t == term));
    let contexts: Vec<(String, Vec<KwicLine>)> = placed
        .iter()
        .map(|(term, lines, _)| (term.clone(), lines.clone()))
        .chain(contexts.into_iter().map(|(term, lines, _)| (term, lines)))
        .collect();
    let dispersions: Vec<crate::stats::dispersion::Dispersion> = placed
        .iter()
        .take(MAX_DISPERSION_TERMS)
        .map(|(term, _, at)| crate::stats::dispersion::of_documents(term, &corpus.documents, at))
        .collect();
    let kwic = placed
        .into_iter()
        .map(|(term, lines, _)| (term, lines))
        .collect();
    // The watched terms' company, year by year when the corpus spans years.
    let years: std::collections::BTreeSet<i32> = docs.iter().filter_map(|d| d.year).collect();
    let split = if years.len() >= 2 {
        crate::stats::collocates::Split::Year
    } else {
        crate::stats::collocates::Split::None
    };
    let mut counters: Vec<crate::stats::collocates::CollocateCounter> = dispersions
        .iter()
        .map(|d: &crate::stats::dispersion::Dispersion| {
            crate::stats::collocates::CollocateCounter::new(segmenter, &d.term, 5, false, split)
        })
        .collect();
    crate::stats::collocates::CollocateCounter::add_to_all(&mut counters, &corpus.documents, &docs);
    let collocates = counters
        .into_iter()
        .map(|c| {
            c.finish(
                crate::stats::collocates::Measure::LogDice,
                2,
                COLLOCATES_SHOWN,
            )
        })
        .collect();
    let inputs = input_files(&corpus);
    Ok(Report {
        inputs,
        corpus,
        docs,
        plan,
        plan_left_out,
        shared,
        comparisons,
        heatmap_docs,
        reuse,
        similarity,
        counts,
        trends,
        series,
        charted_terms,
        series_counts: query_counts,
        keyness,
        formulations,
        diffusion,
        newest,
        spread,
        matrix,
        lists,
        kwic,
        contexts,
        dispersions,
        collocates,
        traces,
        collations,
        own_formulations,
        options,
    })
}

/// Each trace as a collation of the sentences at least one document keeps.
fn collate_traces(
    corpus: &Corpus,
    traces: &[Trace],
    segmenter: &Segmenter,
) -> Vec<crate::collate::Collation> {
    let options = crate::collate::CollateOptions {
        min_kept: 1,
        ..Default::default()
    };
    traces
        .iter()
        .filter_map(|trace| {
            let base = corpus.find(&trace.base)?;
            let docs: Option<Vec<&crate::ingest::Document>> =
                trace.documents.iter().map(|d| corpus.find(&d.id)).collect();
            crate::collate::collate(trace, base, &docs?, segmenter, &options).ok()
        })
        .collect()
}

/// One document's formulations of its own: in its own text, and in none of its sources.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnFormulations {
    pub doc: usize,
    /// The documents it takes text from, by position.
    pub sources: Vec<usize>,
    /// Each formulation with its occurrences in the document's own text, most first.
    pub formulations: Vec<(String, u32)>,
}

/// For every lower-level document (provincial, municipal, county) with likely sources: the
/// formulations of the report (scare quotes left out) occurring in its own text, outside what
/// it shares with them, that none of its sources contains anywhere. A quoted formulation that
/// reads as an ordinary word (`reads_as_a_word`: “联合”, “线上”) counts only in documents that
/// quote it themselves: elsewhere it is the word.
fn own_formulations(
    counts: &TermCounts,
    sources: &[LikelySource],
    formulations: &[FormulationStat],
    reads_as_a_word: impl Fn(&FormulationStat) -> bool,
) -> Vec<OwnFormulations> {
    if !counts.measures_inherited() {
        return Vec::new();
    }
    let known: rustc_hash::FxHashSet<u32> = formulations
        .iter()
        .filter_map(|f| counts.vocabulary.id(&f.text))
        .collect();
    let quoting_docs: rustc_hash::FxHashMap<u32, rustc_hash::FxHashSet<&str>> = formulations
        .iter()
        .filter(|f| reads_as_a_word(f))
        .filter_map(|f| {
            let docs = f.written_in.iter().map(String::as_str).collect();
            Some((counts.vocabulary.id(&f.text)?, docs))
        })
        .collect();
    let used_as_formulation = |doc: usize, term: u32| {
        quoting_docs
            .get(&term)
            .is_none_or(|docs| docs.contains(counts.docs[doc].id.as_str()))
    };
    let lower = |doc: usize| counts.docs[doc].level.is_some_and(|l| l != Level::National);
    let mut sources_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for s in sources {
        sources_of
            .entry(s.target as usize)
            .or_default()
            .push(s.source as usize);
    }
    let cells_of = |doc: usize| {
        let from = counts.cells.partition_point(|c| (c.doc as usize) < doc);
        let to = counts.cells.partition_point(|c| (c.doc as usize) <= doc);
        from..to
    };
    let has = |doc: usize, term: u32| {
        let range = cells_of(doc);
        counts.cells[range]
            .binary_search_by_key(&term, |c| c.term)
            .is_ok()
    };
    sources_of
        .into_iter()
        .filter(|(doc, _)| lower(*doc))
        .filter_map(|(doc, mut from)| {
            from.sort_unstable();
            from.dedup();
            let mut own: Vec<(String, u32)> = cells_of(doc)
                .filter(|&k| known.contains(&counts.cells[k].term))
                .filter(|&k| used_as_formulation(doc, counts.cells[k].term))
                .map(|k| (counts.cells[k], counts.cells[k].count - counts.inherited[k]))
                .filter(|(cell, n)| *n > 0 && !from.iter().any(|&s| has(s, cell.term)))
                .map(|(cell, n)| (counts.vocabulary.term(cell.term).to_string(), n))
                .collect();
            own.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (!own.is_empty()).then_some(OwnFormulations {
                doc,
                sources: from,
                formulations: own,
            })
        })
        .collect()
}

/// Collocates kept per group and watched term.
pub const COLLOCATES_SHOWN: usize = 8;

/// Watched terms drawn in a dispersion plot.
pub const MAX_DISPERSION_TERMS: usize = 3;

/// Most bases a report traces.
pub const MAX_TRACED_BASES: usize = 3;
/// Most documents a base is traced through in a report (`tifa trace` takes any number).
pub const MAX_TRACED_DOCS: usize = 40;

/// The report's traces: the higher-level documents from which the most lower-level documents
/// (of known levels, allowed by [`crate::trace::may_draw_on`]) take at least
/// [`MIN_PLANNED_SHARED_CHARS`] non-stock characters, each traced through those documents.
fn traced_bases(
    corpus: &Corpus,
    reuse: &ReuseResult,
    segmenter: &Segmenter,
    align: &AlignOptions,
) -> Vec<Trace> {
    let docs = &corpus.documents;
    let known = |d: usize| docs[d].meta.level.value.is_some();
    let mut drawing: rustc_hash::FxHashMap<usize, Vec<(usize, usize)>> = Default::default();
    for p in reuse
        .pairs
        .iter()
        .filter(|p| p.shared_chars >= MIN_PLANNED_SHARED_CHARS)
    {
        let (s, t) = (p.source as usize, p.target as usize);
        for (base, doc) in [(s, t), (t, s)] {
            if known(base) && known(doc) && crate::trace::may_draw_on(&docs[base], &docs[doc]) {
                drawing.entry(base).or_default().push((doc, p.shared_chars));
            }
        }
    }
    let mut bases: Vec<(usize, Vec<(usize, usize)>)> = drawing.into_iter().collect();
    let shared = |targets: &[(usize, usize)]| targets.iter().map(|t| t.1).sum::<usize>();
    bases.sort_by_key(|(base, targets)| {
        (
            std::cmp::Reverse(targets.len()),
            std::cmp::Reverse(shared(targets)),
            *base,
        )
    });
    bases.truncate(MAX_TRACED_BASES);
    bases
        .into_iter()
        .map(|(base, mut targets)| {
            targets.sort_by_key(|&(doc, chars)| (std::cmp::Reverse(chars), doc));
            targets.truncate(MAX_TRACED_DOCS);
            let through: Vec<&crate::ingest::Document> =
                targets.iter().map(|&(doc, _)| &docs[doc]).collect();
            trace(&docs[base], &through, segmenter, align)
        })
        .collect()
}

/// Most planned pairs in one report; `--pairs` chooses others.
pub const MAX_COMPARED: usize = 300;
/// Planned pairs compared in full (sentence alignment, phrase diff, formulation changes, redline):
/// those the report shows in detail. The rest of the plan is measured by the corpus-wide reuse
/// ([`PairShared`]), which the report has computed anyway.
pub const PAIRS_COMPARED: usize = 30;

/// A planned pair as the corpus-wide reuse measures it, whether compared in full or not.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PairShared {
    /// Characters in passages the two share (stock phrases left out), each counted once, on the
    /// side the reuse stage counts them (B's, unless B came first).
    pub shared_chars: usize,
    /// `shared_chars` over B's characters (at most 1).
    pub share_of_b: f64,
}

/// Each planned pair's shared text from the corpus-wide reuse (none when they share nothing).
fn pair_shared(plan: &[PlannedPair], docs: &[ReuseDoc], result: &ReuseResult) -> Vec<PairShared> {
    let by_pair: rustc_hash::FxHashMap<(usize, usize), &crate::reuse::ReusePair> = result
        .pairs
        .iter()
        .map(|p| ((p.source as usize, p.target as usize), p))
        .collect();
    plan.iter()
        .map(|p| {
            if let Some(r) = by_pair.get(&(p.a, p.b)) {
                return PairShared {
                    shared_chars: r.shared_chars,
                    share_of_b: r.share_of_target,
                };
            }
            by_pair
                .get(&(p.b, p.a))
                .map_or_else(PairShared::default, |r| {
                    let b_chars = docs[p.b].text.chars().count().max(1);
                    PairShared {
                        shared_chars: r.shared_chars,
                        share_of_b: (r.shared_chars as f64 / b_chars as f64).min(1.0),
                    }
                })
        })
        .collect()
}
/// Most documents in the heatmap.
pub const MAX_HEATMAP: usize = 60;

/// What corpus-wide reuse found: pairs, the likely source of each reused stretch, and each
/// document's reused share.
#[derive(Debug, Clone)]
pub struct CorpusReuse {
    /// Whether passim found the passages (`--from-passim`) rather than tifa.
    pub from_passim: bool,
    pub result: ReuseResult,
    pub sources: Vec<LikelySource>,
    /// Stretches each document shares with peers only (同级共有，来源不在语料中).
    pub peers: Vec<PeerShared>,
    pub shares: Vec<ReusedShare>,
}

/// Corpus-wide reuse: passim's, when given; else detected here.
fn corpus_reuse(docs: &[ReuseDoc], passim: Option<ReuseResult>) -> CorpusReuse {
    let from_passim = passim.is_some();
    let result = passim.unwrap_or_else(|| detect(docs, &ReuseOptions::default()));
    let sources = likely_sources(docs, &result);
    let peers = shared_with_peers(docs, &result, &sources);
    let shares = reused_shares(docs, &sources, &peers);
    CorpusReuse {
        from_passim,
        result,
        sources,
        peers,
        shares,
    }
}

/// Least non-stock characters two documents share for reuse alone to plan their comparison.
pub const MIN_PLANNED_SHARED_CHARS: usize = 200;

/// The pairs a report compares, at most `max`, and the planned pairs left out: the rule plan's
/// pairs (a lower-level document against its higher-level ones, each document against its own
/// region's previous one) and the pairs corpus-wide reuse finds with an allowed source
/// ([`may_be_source`]: never a peer) sharing at least [`MIN_PLANNED_SHARED_CHARS`] non-stock
/// characters (reason `shared text`, source before target); across levels first (a higher-level
/// document against a lower one), then within a level, each the pairs sharing the most non-stock
/// text first, then in plan order. A pair both find keeps the rule's orientation and reason.
fn pairs_to_compare(
    plan: Vec<PlannedPair>,
    reuse: Option<(&[ReuseDoc], &ReuseResult)>,
    max: usize,
) -> (Vec<PlannedPair>, Vec<PlannedPair>) {
    let Some((docs, result)) = reuse else {
        let mut plan = plan;
        let left_out = plan.split_off(max.min(plan.len()));
        return (plan, left_out);
    };
    let shared: rustc_hash::FxHashMap<(usize, usize), usize> = result
        .pairs
        .iter()
        .flat_map(|p| {
            let (s, t) = (p.source as usize, p.target as usize);
            [((s, t), p.shared_chars), ((t, s), p.shared_chars)]
        })
        .collect();
    let unordered = |a: usize, b: usize| (a.min(b), a.max(b));
    let mut seen: rustc_hash::FxHashSet<(usize, usize)> =
        plan.iter().map(|p| unordered(p.a, p.b)).collect();
    let mut candidates = plan;
    let mut by_reuse: Vec<&crate::reuse::ReusePair> = result
        .pairs
        .iter()
        .filter(|p| p.shared_chars >= MIN_PLANNED_SHARED_CHARS && may_be_source(docs, p))
        .collect();
    by_reuse.sort_by_key(|p| (std::cmp::Reverse(p.shared_chars), p.source, p.target));
    for p in by_reuse {
        if seen.insert(unordered(p.source as usize, p.target as usize)) {
            candidates.push(PlannedPair {
                a: p.source as usize,
                b: p.target as usize,
                reason: PairReason::SharedText,
            });
        }
    }
    let across_levels = |p: &PlannedPair| match (docs[p.a].level, docs[p.b].level) {
        (Some(a), Some(b)) => a < b,
        _ => matches!(
            p.reason,
            PairReason::CrossLevel | PairReason::CrossLevelEarlier
        ),
    };
    let mut ranked: Vec<(usize, PlannedPair)> = candidates.into_iter().enumerate().collect();
    ranked.sort_by_key(|(i, p)| {
        let chars = shared.get(&(p.a, p.b)).copied().unwrap_or(0);
        (!across_levels(p), std::cmp::Reverse(chars), *i)
    });
    let mut chosen: Vec<PlannedPair> = ranked.into_iter().map(|(_, p)| p).collect();
    let left_out = chosen
        .split_off(max.min(chosen.len()))
        .into_iter()
        .filter(|p| p.reason != PairReason::SharedText)
        .collect();
    (chosen, left_out)
}

/// All documents when there are few; else the ones sharing the most text with others.
fn heatmap_docs(n: usize, reuse: Option<&ReuseResult>) -> Vec<usize> {
    let Some(result) = reuse else {
        return (0..n).collect();
    };
    let mut shared = vec![0usize; n];
    for pair in &result.pairs {
        shared[pair.source as usize] += pair.shared_chars;
        shared[pair.target as usize] += pair.shared_chars;
    }
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by_key(|&i| (std::cmp::Reverse(shared[i]), i));
    ranked.truncate(MAX_HEATMAP);
    ranked.sort_unstable();
    ranked
}

/// Cosine similarity of word-count vectors of the chosen documents: cheap, unlike alignment.
fn cosine_matrix(counts: &TermCounts, chosen: &[usize]) -> Vec<Vec<f64>> {
    let n = chosen.len();
    let position: rustc_hash::FxHashMap<usize, usize> =
        chosen.iter().enumerate().map(|(k, &d)| (d, k)).collect();
    let mut vectors: Vec<rustc_hash::FxHashMap<u32, f64>> = vec![Default::default(); n];
    for cell in &counts.cells {
        if let Some(&k) = position.get(&(cell.doc as usize)) {
            vectors[k].insert(cell.term, f64::from(cell.count));
        }
    }
    let norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.values().map(|x| x * x).sum::<f64>().sqrt())
        .collect();
    let mut matrix = vec![vec![0.0; n]; n];
    for i in 0..n {
        matrix[i][i] = 1.0;
        for j in i + 1..n {
            let (small, large) = if vectors[i].len() < vectors[j].len() {
                (&vectors[i], &vectors[j])
            } else {
                (&vectors[j], &vectors[i])
            };
            let dot: f64 = small
                .iter()
                .filter_map(|(t, x)| large.get(t).map(|y| x * y))
                .sum();
            let cos = if norms[i] > 0.0 && norms[j] > 0.0 {
                dot / (norms[i] * norms[j])
            } else {
                0.0
            };
            matrix[i][j] = cos;
            matrix[j][i] = cos;
        }
    }
    matrix
}

/// Watch terms first, then the terms of the whole corpus with the strongest rise and fall:
/// formulations and lexicon terms (高质量发展, 数字经济) before plain words, which are mostly
/// generic verbs (推进, 实施, 加快) a reader does not chart.
fn charted_terms(trends: &[TermTrend], watch: &[String], per_direction: usize) -> Vec<String> {
    let mut terms: Vec<String> = watch.to_vec();
    let all: Vec<&TermTrend> = trends
        .iter()
        .filter(|t| t.level == "all" && t.hidden.is_none())
        .collect();
    let telling = |t: &TermTrend| t.kind == "formulation" || crate::words::is_domain_term(&t.term);
    // Trends are sorted by z: the strongest rises first, the strongest falls last. On a small
    // corpus none may be significant; the chart still shows the strongest, and the table says q.
    let pick = |rising: bool| -> Vec<&TermTrend> {
        let side: Vec<&TermTrend> = if rising {
            all.iter().filter(|t| t.z > 0.0).copied().collect()
        } else {
            all.iter().rev().filter(|t| t.z < 0.0).copied().collect()
        };
        let mut chosen: Vec<&TermTrend> = side
            .iter()
            .filter(|t| telling(t))
            .take(per_direction)
            .copied()
            .collect();
        for t in side.iter().filter(|t| !telling(t)) {
            if chosen.len() >= per_direction {
                break;
            }
            chosen.push(t);
        }
        chosen
    };
    for t in pick(true).into_iter().chain(pick(false)) {
        if !terms.contains(&t.term) {
            terms.push(t.term.clone());
        }
    }
    terms
}

/// Each level against the other levels, and the latest year against the earlier ones.
fn keyness_comparisons(counts: &TermCounts, min_docs: u32) -> Vec<KeynessComparison> {
    let mut levels: Vec<Level> = counts.docs.iter().filter_map(|d| d.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut specs: Vec<(KeynessGroup, String, String)> = Vec::new();
    if levels.len() >= 2 {
        for level in &levels {
            specs.push((
                KeynessGroup::Level(*level),
                format!("level={level}"),
                format!("level!={level}"),
            ));
        }
    }
    let years: Vec<i32> = counts.docs.iter().filter_map(|d| d.year).collect();
    if let (Some(first), Some(last)) = (years.iter().min(), years.iter().max())
        && first < last
    {
        specs.push((
            KeynessGroup::LatestYear(*last),
            format!("year={last}"),
            format!("year<{last}"),
        ));
    }
    specs
        .into_iter()
        .filter_map(|(group, target, reference)| {
            let t: Filter = target.parse().ok()?;
            let r: Filter = reference.parse().ok()?;
            let rows = keyness(counts, &t, Some(&r), min_docs.min(2)).ok()?;
            let (target_docs, reference_docs) =
                crate::stats::terms::keyness_sides(counts, &t, Some(&r));
            Some(KeynessComparison {
                group,
                target,
                reference,
                target_docs,
                reference_docs,
                rows,
            })
        })
        .collect()
}

/// The most changed terms: the formulations a planned pair gained or lost, then the strongest
/// trends.
fn kwic_terms(comparisons: &[Comparison], trends: &[TermTrend], n: usize) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for c in comparisons {
        let gained_or_lost = alternate(&c.terms.new, &c.terms.dropped);
        for delta in gained_or_lost {
            let formulation = delta.kind == crate::stats::counts::TermKind::Formulation;
            if formulation && !terms.contains(&delta.term) {
                terms.push(delta.term.clone());
            }
        }
    }
    terms.truncate(n);
    for t in trends
        .iter()
        .filter(|t| t.level == "all" && t.direction != Direction::Flat)
    {
        if terms.len() >= n * 2 {
            break;
        }
        if t.hidden.is_none() && !terms.contains(&t.term) {
            terms.push(t.term.clone());
        }
    }
    terms
}

/// Most terms whose contexts the interactive page carries.
pub const MAX_NAMED_TERMS: usize = 600;

/// What the report's prose and charts name besides its tables: the briefing's new formulations
/// and those that spread, the most changed terms, the matrix's formulations.
#[derive(Clone, Copy)]
struct Shown<'a> {
    newest: &'a [crate::stats::formulations::Newest],
    spread: &'a [crate::stats::formulations::Spread],
    kwic_terms: &'a [String],
    matrix: Option<&'a crate::stats::matrix::FormulationMatrix>,
}
/// Rows of each ranked list whose terms the page can look up.
const NAMED_PER_LIST: usize = 20;

/// The terms the report names, each once, most prominent first: the briefing's new formulations
/// and those that spread, the most changed terms, the matrix's formulations, the formulations, each shown pair's
/// new and dropped formulations, the strongest trends and the key terms of each comparison; at
/// most [`MAX_NAMED_TERMS`].
fn named_terms(
    shown: Shown<'_>,
    comparisons: &[Comparison],
    formulations: &[FormulationStat],
    trends: &[TermTrend],
    keyness: &[KeynessComparison],
) -> Vec<String> {
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    let mut out: Vec<String> = Vec::new();
    let lists: Vec<Vec<&str>> = vec![
        shown
            .newest
            .iter()
            .take(NAMED_PER_LIST)
            .map(|f| f.text.as_str())
            .collect(),
        shown
            .spread
            .iter()
            .take(NAMED_PER_LIST)
            .map(|f| f.text.as_str())
            .collect(),
        shown.kwic_terms.iter().map(String::as_str).collect(),
        shown
            .matrix
            .map(|m| m.rows.iter().map(|r| r.formulation.as_str()).collect())
            .unwrap_or_default(),
        formulations
            .iter()
            .take(MAX_NAMED_TERMS / 4)
            .map(|f| f.text.as_str())
            .collect(),
        comparisons
            .iter()
            .flat_map(|c| {
                let new = c.terms.new.iter().take(NAMED_PER_LIST / 2);
                let dropped = c.terms.dropped.iter().take(NAMED_PER_LIST / 2);
                new.chain(dropped).map(|d| d.term.as_str())
            })
            .collect(),
        trends
            .iter()
            .filter(|t| t.level == "all" && t.hidden.is_none())
            .take(NAMED_PER_LIST * 2)
            .map(|t| t.term.as_str())
            .collect(),
        keyness
            .iter()
            .flat_map(|k| {
                k.rows
                    .iter()
                    .filter(|r| r.hidden.is_none())
                    .take(NAMED_PER_LIST)
                    .map(|r| r.term.as_str())
            })
            .collect(),
    ];
    for term in lists.into_iter().flatten() {
        if out.len() >= MAX_NAMED_TERMS {
            break;
        }
        if seen.insert(term) {
            out.push(term.to_string());
        }
    }
    out
}

/// The items of two lists taken in turn (a, b, a, b, …, then the rest of the longer one).
fn alternate<'a, T>(a: &'a [T], b: &'a [T]) -> Vec<&'a T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    for k in 0..a.len().max(b.len()) {
        out.extend(a.get(k));
        out.extend(b.get(k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::{Direction, ReusePair};

    fn planned(a: usize, b: usize) -> PlannedPair {
        PlannedPair {
            a,
            b,
            reason: PairReason::CrossLevel,
        }
    }

    fn shared(source: u32, target: u32, chars: usize) -> ReusePair {
        ReusePair {
            source,
            target,
            direction: Direction::Earlier,
            passages: Vec::new(),
            shared_chars: chars,
            share_of_target: 0.0,
        }
    }

    fn docs(n: usize) -> Vec<ReuseDoc> {
        (0..n)
            .map(|i| ReuseDoc {
                id: format!("{i}"),
                year: Some(2000 + i as i32),
                ..ReuseDoc::default()
            })
            .collect()
    }

    #[test]
    fn cross_level_pairs_first_most_shared_text_first_and_the_left_out_named() {
        let plan: Vec<PlannedPair> = (0..6).map(|b| planned(9, b)).collect();
        let docs = docs(10);
        let reuse = ReuseResult {
            candidates: 4,
            // (9, 4) shares most and is planned; (1, 3) is not planned but shares much text;
            // (2, 9) seen from the other side; (9, 5) shares too little to be planned by reuse.
            pairs: vec![
                shared(9, 4, 3000),
                shared(1, 3, 900),
                shared(2, 9, 250),
                shared(9, 5, 40),
            ],
        };
        let (compared, left_out) = pairs_to_compare(plan.clone(), Some((&docs, &reuse)), 4);
        let ab: Vec<(usize, usize, PairReason)> =
            compared.iter().map(|p| (p.a, p.b, p.reason)).collect();
        // The rule's cross-level pairs first, most shared text first; (1, 3), shared text
        // between documents of unknown levels, after them.
        assert_eq!(
            ab,
            [
                (9, 4, PairReason::CrossLevel),
                (9, 2, PairReason::CrossLevel),
                (9, 5, PairReason::CrossLevel),
                (9, 0, PairReason::CrossLevel),
            ]
        );
        let left: Vec<usize> = left_out.iter().map(|p| p.b).collect();
        assert_eq!(left, [1, 3], "the planned pairs that did not fit, named");
        // All fit: the whole plan, then the pair found by reuse alone.
        let (all, left_out) = pairs_to_compare(plan.clone(), Some((&docs, &reuse)), 20);
        let ab: Vec<(usize, usize)> = all.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(ab, [(9, 4), (9, 2), (9, 5), (9, 0), (9, 1), (9, 3), (1, 3)]);
        assert!(left_out.is_empty());
        // Without reuse (a --pairs plan), the plan is cut as it is.
        let (cut, left_out) = pairs_to_compare(plan.clone(), None, 2);
        assert_eq!(cut, plan[..2]);
        assert_eq!(left_out, plan[2..]);
    }
}
