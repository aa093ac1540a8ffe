//! The pair comparison as a reader needs it: a [`Comparison`] → a [`PairPresentation`] (typed,
//! serializable: the headline share, B's new sections, new and dropped formulations and terms,
//! frequency shifts, changes of formulation, added and dropped text in runs, each section's own
//! and taken-over text, the changed and moved sentences) → [`Block`]s in Chinese or English, the
//! same for `tifa diff` in every format and for each pair section of the report.

use super::{Block, Inline, distinct_labels, table, text};
use crate::align::PairKind;
use crate::compare::Comparison;
use crate::diff::{ChangeKind, EditClass, EditOp};
use crate::ingest::Document;
use crate::present::fmt::percent;
use crate::present::labels::Lang;
use crate::stats::counts::TermKind;
use crate::stats::pair_terms::TermDelta;
use serde::Serialize;

/// Where a claim comes from: a file and a line of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// The file as citations print it: its name, or its whole path when both documents of the
    /// pair have the same name.
    pub file: String,
    /// The line of the (extracted) text.
    pub line: u32,
    /// The citation as printed: `讲话.txt:12`, `讲话.docx ¶23`, `通知.pdf p.4:12`.
    pub shown: String,
}

impl Cite {
    fn inline(&self) -> Inline {
        Inline::Cite(self.shown.clone())
    }
}

/// The file name of a document's path (`gwr-2024.txt`), or its path when it has none.
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// Makes the citations of one pair: by file name, or by whole path when both share a name.
struct Citer {
    whole_paths: bool,
}

impl Citer {
    fn of(c: &Comparison) -> Self {
        Self {
            whole_paths: file_name(&c.a.path) == file_name(&c.b.path),
        }
    }
    fn at(&self, doc: &Document, offset: usize) -> Cite {
        let file = if self.whole_paths {
            doc.path.clone()
        } else {
            file_name(&doc.path).to_string()
        };
        let line = doc.normalized.map.original_line(offset);
        Cite {
            shown: format!("{file}{}", doc.places.suffix(line)),
            file,
            line,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocLabel {
    pub id: String,
    pub path: String,
    /// The title as headings show it (shortened; the year added when both share one title).
    pub label: String,
    pub year: Option<i32>,
}

/// A term one document has and the other lacks, or whose rate changed most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermItem {
    pub term: String,
    pub formulation: bool,
    pub a_count: u32,
    pub b_count: u32,
    pub g2: f64,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeItem {
    pub before: String,
    pub after: String,
    pub count: usize,
    pub kind: ChangeKind,
    pub a: Cite,
    pub b: Cite,
}

/// Consecutive added (or dropped) sentences of one section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextRun {
    /// The section's heading path (`二、/（三）`), empty before the first heading.
    pub section: String,
    /// The innermost heading's text.
    pub heading: String,
    pub cite: Cite,
    pub sentences: usize,
    /// Han characters, letters and digits.
    pub chars: usize,
    pub text: String,
}

/// How much of one top-level section of B comes from A.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionShare {
    pub heading: String,
    pub chars: usize,
    pub taken_chars: usize,
    pub own_chars: usize,
    pub taken_ratio: f64,
}

/// A piece of an inline diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffPiece {
    pub op: EditOp,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub old: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub new: String,
}

/// A changed or moved sentence pair with its word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedPair {
    pub kind: PairKind,
    pub class: Option<EditClass>,
    pub similarity: f64,
    pub section: String,
    pub a: Cite,
    pub b: Cite,
    pub diff: Vec<DiffPiece>,
}

/// The headline figures, as shares of characters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Share of B's characters in sentences taken over or adapted from A: the figure to quote.
    pub taken_from_a: f64,
    /// Share of B's characters in sentences identical to A's.
    pub verbatim: f64,
    /// Share of A's characters that B kept, changed or not.
    pub a_kept: f64,
    /// Share of B's characters inside passages shared with A.
    pub in_shared_passages: f64,
    pub b_chars: usize,
    pub a_chars: usize,
    pub added_sentences: usize,
    pub dropped_sentences: usize,
    pub changed_sentences: usize,
    pub moved_sentences: usize,
    pub identical_sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairPresentation {
    pub a: DocLabel,
    pub b: DocLabel,
    pub headline: Headline,
    /// B's sections that are mostly B's own (less than half taken from A), most own text first.
    pub new_sections: Vec<SectionShare>,
    pub sections: Vec<SectionShare>,
    pub new_formulations: Vec<TermItem>,
    pub new_terms: Vec<TermItem>,
    pub dropped_formulations: Vec<TermItem>,
    pub dropped_terms: Vec<TermItem>,
    /// Terms both have, much more frequent in B (rises) or in A (falls).
    pub rises: Vec<TermItem>,
    pub falls: Vec<TermItem>,
    /// Changes of formulation (kind 提法) first, then the other kinds, by weight.
    pub changes: Vec<ChangeItem>,
    /// Runs of added text, longest first.
    pub added: Vec<TextRun>,
    pub dropped: Vec<TextRun>,
    /// Changed and moved pairs, in B's order.
    pub changed: Vec<ChangedPair>,
    /// Article by article, when both documents are written in 第X条 articles.
    pub articles: Option<ArticleRows>,
}

/// The article correspondence as shown: counts per kind and one row per link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRows {
    pub verbatim: usize,
    pub adapted: usize,
    pub left_out: usize,
    pub new: usize,
    /// B's articles that cite A by article, and those that cite it by name only.
    pub citing: usize,
    pub rows: Vec<ArticleRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    /// `第十二条`, empty for a new article of B.
    pub a: String,
    pub a_cite: Option<Cite>,
    pub b: String,
    pub b_cite: Option<Cite>,
    pub kind: crate::articles::ArticleKind,
    pub similarity: f64,
    /// B's citations of A in this article: `《中华人民共和国水法》第二十条`.
    pub cites: Vec<String>,
}

fn article_rows(c: &Comparison, citer: &Citer) -> Option<ArticleRows> {
    use crate::articles::ArticleKind;
    let map = c.articles.as_ref()?;
    let cite = |doc: &Document, art: &crate::articles::Article| {
        citer.at(doc, doc.structure.sentences[art.sentences.start].span.start)
    };
    let rows = map
        .links
        .iter()
        .map(|l| ArticleRow {
            a: l.a.map(|i| map.a[i].label.clone()).unwrap_or_default(),
            a_cite: l.a.map(|i| cite(&c.a, &map.a[i])),
            b: l.b.map(|j| map.b[j].label.clone()).unwrap_or_default(),
            b_cite: l.b.map(|j| cite(&c.b, &map.b[j])),
            kind: l.kind,
            similarity: (l.similarity * 100.0).round() / 100.0,
            cites: l
                .b
                .map(|j| map.cited_by(j).iter().map(|x| x.text.clone()).collect())
                .unwrap_or_default(),
        })
        .collect();
    let citing: std::collections::BTreeSet<usize> = map.citations.iter().map(|x| x.b).collect();
    Some(ArticleRows {
        verbatim: map.count(ArticleKind::Verbatim),
        adapted: map.count(ArticleKind::Adapted),
        left_out: map.count(ArticleKind::LeftOut),
        new: map.count(ArticleKind::New),
        citing: citing.len(),
        rows,
    })
}

/// Which kinds of text a rendering shows (`--show added,dropped,changed,moved`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Show {
    pub added: bool,
    pub dropped: bool,
    pub changed: bool,
    pub moved: bool,
}

impl Default for Show {
    fn default() -> Self {
        Self {
            added: true,
            dropped: true,
            changed: true,
            moved: true,
        }
    }
}

impl std::str::FromStr for Show {
    type Err = String;
    /// `added,dropped,changed,moved` or any of them; `all` for every one.
    fn from_str(s: &str) -> Result<Self, String> {
        let mut show = Show {
            added: false,
            dropped: false,
            changed: false,
            moved: false,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "added" => show.added = true,
                "dropped" => show.dropped = true,
                "changed" => show.changed = true,
                "moved" => show.moved = true,
                "all" => show = Show::default(),
                other => {
                    return Err(format!(
                        "`{other}` is not a kind to show: write added, dropped, changed, moved (comma-separated) or all"
                    ));
                }
            }
        }
        Ok(show)
    }
}

/// How the blocks are laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub lang: Lang,
    /// Level of the pair's own heading (1 for `tifa diff`, 3 inside the report).
    pub level: u8,
    /// Rows per list.
    pub top: usize,
    /// Runs of added and of dropped text listed (longest first).
    pub runs: usize,
    pub show: Show,
    /// Terminal: runs cut to a line or two, fewer rows.
    pub compact: bool,
}

/// Most items of each list kept in the model (the tables of the report hold all pairs).
const KEPT: usize = 60;
/// A section is new when less than this share of it comes from A.
const NEW_SECTION_SHARE: f64 = 0.5;

impl PairPresentation {
    pub fn of(c: &Comparison) -> Self {
        let citer = Citer::of(c);
        let labels = distinct_labels(&[&c.a, &c.b], 24);
        let label = |d: &Document, l: &str| DocLabel {
            id: d.id.clone(),
            path: d.path.clone(),
            label: l.to_string(),
            year: d.meta.year.value,
        };
        let sections = section_shares(c);
        let mut new_sections: Vec<SectionShare> = sections
            .iter()
            .filter(|s| s.taken_ratio < NEW_SECTION_SHARE && !s.heading.is_empty())
            .cloned()
            .collect();
        new_sections.sort_by_key(|s| std::cmp::Reverse(s.own_chars));
        let items = |deltas: &[TermDelta], formulation: bool, doc: &Document| -> Vec<TermItem> {
            deltas
                .iter()
                .filter(|d| (d.kind == TermKind::Formulation || d.lexicon) == formulation)
                .take(KEPT)
                .map(|d| term_item(d, doc, &citer))
                .collect()
        };
        let shift = |rising: bool| -> Vec<TermItem> {
            c.terms
                .shifts
                .iter()
                .filter(|d| (d.g2 > 0.0) == rising)
                .take(KEPT)
                .map(|d| term_item(d, &c.b, &citer))
                .collect()
        };
        Self {
            a: label(&c.a, &labels[0]),
            b: label(&c.b, &labels[1]),
            headline: headline(c),
            new_sections,
            sections,
            new_formulations: items(&c.terms.new, true, &c.b),
            new_terms: items(&c.terms.new, false, &c.b),
            dropped_formulations: items(&c.terms.dropped, true, &c.a),
            dropped_terms: items(&c.terms.dropped, false, &c.a),
            rises: shift(true),
            falls: shift(false),
            changes: changes(c, &citer),
            added: runs(c, PairKind::Added, &citer),
            dropped: runs(c, PairKind::Dropped, &citer),
            changed: changed_pairs(c, &citer),
            articles: article_rows(c, &citer),
        }
    }
}

fn term_item(d: &TermDelta, doc: &Document, citer: &Citer) -> TermItem {
    TermItem {
        term: d.term.clone(),
        formulation: d.kind == TermKind::Formulation || d.lexicon,
        a_count: d.a_count,
        b_count: d.b_count,
        g2: (d.g2 * 100.0).round() / 100.0,
        cite: citer.at(doc, d.at),
    }
}

fn headline(c: &Comparison) -> Headline {
    let cov = &c.alignment.coverage;
    let n = |k: PairKind| c.alignment.count(k);
    Headline {
        taken_from_a: cov.copy_ratio,
        verbatim: cov.verbatim_ratio,
        a_kept: cov.kept_ratio,
        in_shared_passages: cov.passage_ratio,
        b_chars: cov.b_chars,
        a_chars: cov.a_chars,
        added_sentences: n(PairKind::Added),
        dropped_sentences: n(PairKind::Dropped),
        changed_sentences: n(PairKind::Changed),
        moved_sentences: n(PairKind::Moved),
        identical_sentences: n(PairKind::Identical),
    }
}

fn section_shares(c: &Comparison) -> Vec<SectionShare> {
    c.alignment
        .coverage
        .b_sections
        .iter()
        .map(|s| SectionShare {
            heading: s.heading.clone(),
            chars: s.chars,
            taken_chars: s.shared_chars,
            own_chars: s.chars - s.shared_chars,
            taken_ratio: s.ratio,
        })
        .collect()
}

fn changes(c: &Comparison, citer: &Citer) -> Vec<ChangeItem> {
    // Changes of formulation first: the list a reader scans for 提法.
    let mut changes: Vec<&crate::diff::FormulationChange> =
        c.diff.formulation_changes.iter().collect();
    changes.sort_by_key(|f| f.kind != ChangeKind::Formulation);
    changes
        .into_iter()
        .take(KEPT)
        .map(|f| ChangeItem {
            before: f.before.clone(),
            after: f.after.clone(),
            count: f.count,
            kind: f.kind,
            a: citer.at(&c.a, f.a_at),
            b: citer.at(&c.b, f.b_at),
        })
        .collect()
}

/// Consecutive added (or dropped) sentences of one section as runs, longest first.
fn runs(c: &Comparison, kind: PairKind, citer: &Citer) -> Vec<TextRun> {
    let doc = if kind == PairKind::Added { &c.b } else { &c.a };
    let mut indices: Vec<usize> = c
        .alignment
        .pairs
        .iter()
        .filter(|p| p.kind == kind)
        .filter_map(|p| p.b.clone().or(p.a.clone()))
        .flatten()
        .collect();
    indices.sort_unstable();
    let sentences = &doc.structure.sentences;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in indices {
        match groups.last_mut() {
            Some(g)
                if *g.last().expect("never empty") + 1 == i
                    && sentences[i].section == sentences[g[0]].section =>
            {
                g.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    let text = &doc.normalized.text;
    let mut runs: Vec<TextRun> = groups
        .into_iter()
        .map(|g| {
            let first = &sentences[g[0]];
            let last = &sentences[*g.last().expect("never empty")];
            let body = &text[first.span.start..last.span.end];
            let heading = first
                .section
                .last()
                .map(|&h| doc.structure.headings[h].span.of(text).to_string())
                .unwrap_or_default();
            TextRun {
                section: doc.structure.section_label(text, g[0]),
                heading,
                cite: citer.at(doc, first.span.start),
                sentences: g.len(),
                chars: body
                    .chars()
                    .filter(|&ch| crate::align::features::comparable(ch))
                    .count(),
                text: body.to_string(),
            }
        })
        .filter(|r| r.chars > 0)
        .collect();
    runs.sort_by(|x, y| y.chars.cmp(&x.chars).then(x.cite.line.cmp(&y.cite.line)));
    runs
}

fn changed_pairs(c: &Comparison, citer: &Citer) -> Vec<ChangedPair> {
    c.alignment
        .pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, PairKind::Changed | PairKind::Moved))
        .filter_map(|(k, p)| {
            let (ar, br) = (p.a.as_ref()?, p.b.as_ref()?);
            let a_span = crate::diff::sentence_span(&c.a, ar.clone());
            let b_span = crate::diff::sentence_span(&c.b, br.clone());
            let d = c.diff.for_pair(k);
            let diff = d
                .map(|d| {
                    d.edits
                        .iter()
                        .map(|e| DiffPiece {
                            op: e.op,
                            old: e.a.of(&c.a.normalized.text).to_string(),
                            new: if e.op == EditOp::Equal {
                                String::new()
                            } else {
                                e.b.of(&c.b.normalized.text).to_string()
                            },
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(ChangedPair {
                kind: p.kind,
                class: d.map(|d| d.class),
                similarity: (p.similarity * 1000.0).round() / 1000.0,
                section: c.b.structure.section_label(&c.b.normalized.text, br.start),
                a: citer.at(&c.a, a_span.start),
                b: citer.at(&c.b, b_span.start),
                diff,
            })
        })
        .collect()
}

/// Joins items as `X（3 次，file:line）、Y（…）`.
fn cited_list(items: &[(String, String, &Cite)], lang: Lang) -> Vec<Inline> {
    let mut out = Vec::new();
    for (k, (name, count, cite)) in items.iter().enumerate() {
        if k > 0 {
            out.push(Inline::Text(lang.pick("、", "; ").into()));
        }
        out.push(Inline::Strong(name.clone()));
        out.push(Inline::Text(format!(
            "{}{count}{}",
            lang.pick("（", " ("),
            lang.pick("，", ", ")
        )));
        out.push(cite.inline());
        out.push(Inline::Text(lang.pick("）", ")").into()));
    }
    out
}

fn times(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 次"),
        Lang::En => format!("{n}×"),
    }
}

impl PairPresentation {
    /// The summary: a few sentences written from the results, each item cited.
    pub fn summary(&self, lang: Lang, top: usize) -> Vec<Vec<Inline>> {
        let h = &self.headline;
        let mut out = Vec::new();
        out.push(vec![Inline::Text(match lang {
            Lang::Zh => format!(
                "《{}》约 {} 的文字（按字数计，下同）沿用或改写自《{}》，其中原样照搬 {}；《{}》的 {} 被保留。新增 {} 句、删去 {} 句、改动 {} 句、移位 {} 句。",
                self.b.label,
                percent(h.taken_from_a),
                self.a.label,
                percent(h.verbatim),
                self.a.label,
                percent(h.a_kept),
                h.added_sentences,
                h.dropped_sentences,
                h.changed_sentences,
                h.moved_sentences
            ),
            Lang::En => format!(
                "About {} of “{}” (by characters, as below) is taken over or adapted from “{}”, {} verbatim; {} of “{}” was kept. {} sentences added, {} dropped, {} changed, {} moved.",
                percent(h.taken_from_a),
                self.b.label,
                self.a.label,
                percent(h.verbatim),
                percent(h.a_kept),
                self.a.label,
                h.added_sentences,
                h.dropped_sentences,
                h.changed_sentences,
                h.moved_sentences
            ),
        })]);
        if !self.new_sections.is_empty() {
            let mut line = vec![Inline::Text(
                lang.pick("新写为主的部分：", "Mostly new sections: ")
                    .into(),
            )];
            for (k, s) in self.new_sections.iter().take(3).enumerate() {
                if k > 0 {
                    line.push(Inline::Text(lang.pick("；", "; ").into()));
                }
                line.push(Inline::Strong(s.heading.clone()));
                line.push(Inline::Text(match lang {
                    Lang::Zh => format!(
                        "（{} 字中 {} 为新写）",
                        s.chars,
                        percent(1.0 - s.taken_ratio)
                    ),
                    Lang::En => format!(
                        " ({} of {} characters new)",
                        percent(1.0 - s.taken_ratio),
                        s.chars
                    ),
                }));
            }
            line.push(Inline::Text(lang.pick("。", ".").into()));
            out.push(line);
        }
        let terms_line = |label: &str, items: &[&TermItem], count: fn(&TermItem) -> u32| {
            let listed: Vec<(String, String, &Cite)> = items
                .iter()
                .take(top)
                .map(|t| (t.term.clone(), times(count(t), lang), &t.cite))
                .collect();
            let mut line = vec![Inline::Text(label.to_string())];
            line.extend(cited_list(&listed, lang));
            line.push(Inline::Text(lang.pick("。", ".").into()));
            line
        };
        let new: Vec<&TermItem> = self
            .new_formulations
            .iter()
            .chain(&self.new_terms)
            .collect();
        if !new.is_empty() {
            out.push(terms_line(
                lang.pick("B 新出现的提法与词语：", "New in B: "),
                &new,
                |t| t.b_count,
            ));
        }
        let dropped: Vec<&TermItem> = self
            .dropped_formulations
            .iter()
            .chain(&self.dropped_terms)
            .collect();
        if !dropped.is_empty() {
            out.push(terms_line(
                lang.pick("B 不再出现的提法与词语：", "No longer in B: "),
                &dropped,
                |t| t.a_count,
            ));
        }
        let formulation_changes: Vec<&ChangeItem> = self
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Formulation)
            .take(top)
            .collect();
        if !formulation_changes.is_empty() {
            let mut line = vec![Inline::Text(
                lang.pick("主要提法变化：", "Main changes of formulation: ")
                    .into(),
            )];
            for (k, c) in formulation_changes.iter().enumerate() {
                if k > 0 {
                    line.push(Inline::Text(lang.pick("；", "; ").into()));
                }
                line.push(Inline::Del(c.before.clone()));
                line.push(Inline::Text(" → ".into()));
                line.push(Inline::Ins(c.after.clone()));
                line.push(Inline::Text(lang.pick("（", " (").into()));
                line.push(c.b.inline());
                line.push(Inline::Text(lang.pick("）", ")").into()));
            }
            line.push(Inline::Text(lang.pick("。", ".").into()));
            out.push(line);
        }
        out
    }

    /// The pair's points for a report's briefing, each cited: the share of B taken from A, B's new
    /// formulations (those `new_to_corpus` says are new first, marked *), those dropped, the main
    /// changes of formulation and B's own sections; at most `top` of each list.
    pub fn briefing(
        &self,
        lang: Lang,
        top: usize,
        new_to_corpus: &dyn Fn(&str) -> bool,
    ) -> Vec<Vec<Inline>> {
        let h = &self.headline;
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let mut items: Vec<Vec<Inline>> = vec![vec![
            Inline::Text(match lang {
                Lang::Zh => format!(
                    "B 的 {} 文字取自 A（其中原文照录 {}），A 的 {} 在 B 中保留；B 新增 {} 句、删去 A 的 {} 句、改写 {} 句。",
                    pct(h.taken_from_a),
                    pct(h.verbatim),
                    pct(h.a_kept),
                    h.added_sentences,
                    h.dropped_sentences,
                    h.changed_sentences
                ),
                Lang::En => format!(
                    "{} of B's text comes from A ({} verbatim); B keeps {} of A; B adds {} sentences, drops {} of A's and rewrites {}. ",
                    pct(h.taken_from_a),
                    pct(h.verbatim),
                    pct(h.a_kept),
                    h.added_sentences,
                    h.dropped_sentences,
                    h.changed_sentences
                ),
            }),
            Inline::Cite(self.a.path.clone()),
            Inline::Text(" → ".into()),
            Inline::Cite(self.b.path.clone()),
        ]];
        let mut new: Vec<&TermItem> = self.new_formulations.iter().collect();
        // New to the corpus (first used in B's year) before formulations that stood already.
        new.sort_by_key(|t| (!new_to_corpus(&t.term), std::cmp::Reverse(t.b_count)));
        let named = |label: &str, terms: &[&TermItem], mark_new: bool| {
            let mut item = vec![Inline::Text(label.to_string())];
            for (k, t) in terms.iter().take(top).enumerate() {
                if k > 0 {
                    item.push(Inline::Text(lang.pick("、", ", ").into()));
                }
                item.push(Inline::Strong(t.term.clone()));
                let star = if mark_new && new_to_corpus(&t.term) {
                    "*"
                } else {
                    ""
                };
                item.push(Inline::Text(format!(
                    "{star}（{}）",
                    if mark_new { t.b_count } else { t.a_count }
                )));
                item.push(t.cite.inline());
            }
            item
        };
        if !new.is_empty() {
            items.push(named(
                lang.pick(
                    "新提法（* 为语料中首次出现，括号内为 B 中次数）：",
                    "New formulations (* new to the corpus; count in B): ",
                ),
                &new,
                true,
            ));
        }
        let dropped: Vec<&TermItem> = self.dropped_formulations.iter().collect();
        if !dropped.is_empty() {
            items.push(named(
                lang.pick(
                    "不再出现的提法（括号内为 A 中次数）：",
                    "Formulations dropped (count in A): ",
                ),
                &dropped,
                false,
            ));
        }
        let changes: Vec<&ChangeItem> = self
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Formulation)
            .take(3)
            .collect();
        if !changes.is_empty() {
            let mut item = vec![Inline::Text(
                lang.pick("主要提法变化：", "Main changes of formulation: ")
                    .into(),
            )];
            for (k, ch) in changes.iter().enumerate() {
                if k > 0 {
                    item.push(Inline::Text(lang.pick("；", "; ").into()));
                }
                item.push(Inline::Del(ch.before.clone()));
                item.push(Inline::Text(" → ".into()));
                item.push(Inline::Ins(ch.after.clone()));
                item.push(Inline::Text(" ".into()));
                item.push(ch.b.inline());
            }
            items.push(item);
        }
        if !self.new_sections.is_empty() {
            let sections: Vec<String> = self
                .new_sections
                .iter()
                .take(3)
                .map(|s| match lang {
                    Lang::Zh => format!("{}（自有 {} 字）", s.heading, s.own_chars),
                    Lang::En => format!("{} ({} own characters)", s.heading, s.own_chars),
                })
                .collect();
            items.push(vec![Inline::Text(format!(
                "{}{}",
                lang.pick("B 自有的部分：", "B's own sections: "),
                sections.join(lang.pick("；", "; "))
            ))]);
        }
        items
    }

    /// The whole pair as blocks: heading, summary, terms, changes, sections, added and dropped
    /// text, changed sentences.
    pub fn blocks(&self, layout: &Layout) -> Vec<Block> {
        self.blocks_with(layout, None)
    }

    /// [`Self::blocks`] with a figure (the report's dot plot) after the summary, term and change
    /// tables, before the sections and the long lists of text.
    pub fn blocks_with(&self, layout: &Layout, figure: Option<Block>) -> Vec<Block> {
        let lang = layout.lang;
        let (h1, h2) = (layout.level, layout.level + 1);
        let mut out = vec![Block::Heading(
            h1,
            format!("{} → {}", self.a.label, self.b.label),
        )];
        out.push(Block::Paragraph(vec![
            Inline::Text("A ".into()),
            Inline::Cite(self.a.path.clone()),
            Inline::Text(" → B ".into()),
            Inline::Cite(self.b.path.clone()),
        ]));
        out.push(Block::Heading(h2, lang.pick("摘要", "Summary").into()));
        out.push(Block::List(
            self.summary(lang, if layout.compact { 3 } else { 5 }),
        ));
        self.article_blocks(layout, &mut out);
        self.term_blocks(layout, &mut out);
        self.change_blocks(layout, &mut out);
        out.extend(figure);
        self.section_blocks(layout, &mut out);
        if layout.show.added {
            self.run_blocks(layout, PairKind::Added, &mut out);
        }
        if layout.show.dropped {
            self.run_blocks(layout, PairKind::Dropped, &mut out);
        }
        self.changed_blocks(layout, &mut out);
        out
    }

    /// The article correspondence, before the sentence detail: a line of counts, then one row
    /// per article (A's in order, B's new ones last).
    fn article_blocks(&self, layout: &Layout, out: &mut Vec<Block>) {
        let Some(articles) = &self.articles else {
            return;
        };
        let lang = layout.lang;
        out.push(Block::Heading(
            layout.level + 1,
            lang.pick("条文对应", "Articles").into(),
        ));
        out.push(super::para(match lang {
            Lang::Zh => format!(
                "B 原文照录 A 的 {} 条、改写 {} 条，未采用 A 的 {} 条，新增 {} 条；B 有 {} 条写明依据 A。对应按内容而非条号：条号变了的条文也能对上。",
                articles.verbatim, articles.adapted, articles.left_out, articles.new, articles.citing
            ),
            Lang::En => format!(
                "B takes over {} articles of A word for word and adapts {}; it leaves out {} of A's and adds {} of its own; {} of B's articles cite A. Articles pair by content, not by number, so renumbered ones still match.",
                articles.verbatim, articles.adapted, articles.left_out, articles.new, articles.citing
            ),
        }));
        let cite = |c: &Option<Cite>| c.as_ref().map(|c| vec![c.inline()]).unwrap_or_default();
        let rows = articles
            .rows
            .iter()
            .map(|r| {
                vec![
                    text(if r.a.is_empty() {
                        "—".into()
                    } else {
                        r.a.clone()
                    }),
                    text(if r.b.is_empty() {
                        "—".into()
                    } else {
                        r.b.clone()
                    }),
                    text(match lang {
                        Lang::Zh => r.kind.zh(),
                        Lang::En => r.kind.as_str(),
                    }),
                    text(if r.a.is_empty() || r.b.is_empty() {
                        "—".to_string()
                    } else {
                        format!("{:.2}", r.similarity)
                    }),
                    // B's article first (the one the reader holds), then A's after an arrow.
                    match (&r.b_cite, &r.a_cite) {
                        (Some(b), Some(a)) => {
                            vec![b.inline(), Inline::Text(" ← ".into()), a.inline()]
                        }
                        (b, a) => cite(b).into_iter().chain(cite(a)).collect(),
                    },
                    text(r.cites.join("；")),
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("A 条", "A article"),
                lang.pick("B 条", "B article"),
                lang.pick("类型", "kind"),
                lang.pick("相似度", "similarity"),
                lang.pick("出处", "where"),
                lang.pick("B 中的依据", "B cites"),
            ],
            rows,
        ));
    }

    fn term_blocks(&self, layout: &Layout, out: &mut Vec<Block>) {
        let lang = layout.lang;
        let top = layout.top;
        let row = |t: &TermItem| {
            vec![
                text(t.term.clone()),
                text(if t.formulation {
                    lang.pick("提法", "formulation")
                } else {
                    lang.pick("词语", "term")
                }),
                text(format!("{} → {}", t.a_count, t.b_count)),
                vec![t.cite.inline()],
            ]
        };
        let header = [
            lang.pick("提法或词语", "formulation or term"),
            lang.pick("类型", "kind"),
            lang.pick("次数 A → B", "count A → B"),
            lang.pick("出处", "where"),
        ];
        let lists: [(&str, &str, Vec<&TermItem>); 2] = [
            (
                "新增提法",
                "New formulations and terms",
                self.new_formulations
                    .iter()
                    .chain(&self.new_terms)
                    .collect(),
            ),
            (
                "不再出现的提法",
                "Formulations and terms no longer used",
                self.dropped_formulations
                    .iter()
                    .chain(&self.dropped_terms)
                    .collect(),
            ),
        ];
        for (zh, en, items) in lists {
            out.push(Block::Heading(layout.level + 1, lang.pick(zh, en).into()));
            if items.is_empty() {
                out.push(super::para(lang.pick("（无）", "(none)")));
                continue;
            }
            // Formulations and terms side by side in one table, formulations first.
            let shown: Vec<&TermItem> = items
                .iter()
                .filter(|t| t.formulation)
                .take(top)
                .chain(items.iter().filter(|t| !t.formulation).take(top))
                .copied()
                .collect();
            out.push(table(&header, shown.into_iter().map(row).collect()));
        }
        if self.rises.is_empty() && self.falls.is_empty() {
            return;
        }
        out.push(Block::Heading(
            layout.level + 1,
            lang.pick("频率变化最大的词语", "Largest changes in frequency")
                .into(),
        ));
        let shifts: Vec<&TermItem> = self
            .rises
            .iter()
            .take(top)
            .chain(self.falls.iter().take(top))
            .collect();
        out.push(table(
            &[
                lang.pick("词语", "term"),
                lang.pick("次数 A → B", "count A → B"),
                "G²",
                lang.pick("出处（B）", "where (B)"),
            ],
            shifts
                .into_iter()
                .map(|t| {
                    vec![
                        text(t.term.clone()),
                        text(format!("{} → {}", t.a_count, t.b_count)),
                        text(format!("{:+.1}", t.g2)),
                        vec![t.cite.inline()],
                    ]
                })
                .collect(),
        ));
        out.push(super::para(lang.pick(
            "G² 为对数似然比（正值：B 中相对更多），只列 |G²| ≥ 3.84（p < 0.05）的词语；次数按两份文件的词次计。",
            "G²: log-likelihood (positive: relatively more in B), listed when |G²| ≥ 3.84 (p < 0.05); counts are each document's.",
        )));
    }

    fn change_blocks(&self, layout: &Layout, out: &mut Vec<Block>) {
        let lang = layout.lang;
        out.push(Block::Heading(
            layout.level + 1,
            lang.pick("主要提法变化", "Changes of formulation").into(),
        ));
        if self.changes.is_empty() {
            out.push(super::para(lang.pick("（无）", "(none)")));
            return;
        }
        let rows = self
            .changes
            .iter()
            .take(layout.top)
            .map(|c| {
                vec![
                    vec![Inline::Del(c.before.clone())],
                    vec![Inline::Ins(c.after.clone())],
                    text(c.count.to_string()),
                    text(lang.change(c.kind)),
                    vec![c.a.inline(), Inline::Text(" → ".into()), c.b.inline()],
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("原提法", "before"),
                lang.pick("新提法", "after"),
                lang.pick("次数", "times"),
                lang.pick("类型", "kind"),
                lang.pick("出处", "where"),
            ],
            rows,
        ));
    }

    fn section_blocks(&self, layout: &Layout, out: &mut Vec<Block>) {
        let lang = layout.lang;
        if self.sections.is_empty() {
            return;
        }
        out.push(Block::Heading(
            layout.level + 1,
            lang.pick("各部分：沿用与新写", "Each section: taken over and own")
                .into(),
        ));
        let rows = self
            .sections
            .iter()
            .map(|s| {
                vec![
                    text(if s.heading.is_empty() {
                        lang.pick("（开头）", "(opening)").to_string()
                    } else {
                        s.heading.clone()
                    }),
                    text(s.chars.to_string()),
                    text(percent(s.taken_ratio)),
                    text(percent(1.0 - s.taken_ratio)),
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("B 的部分", "section of B"),
                lang.pick("字数", "characters"),
                lang.pick("沿用自 A", "taken from A"),
                lang.pick("新写", "own"),
            ],
            rows,
        ));
    }

    fn run_blocks(&self, layout: &Layout, kind: PairKind, out: &mut Vec<Block>) {
        let lang = layout.lang;
        let (runs, title, none) = if kind == PairKind::Added {
            (
                &self.added,
                lang.pick("新增内容（B 有、A 无）", "Added text (in B, not in A)"),
                lang.pick("没有新增的句子。", "No sentence was added."),
            )
        } else {
            (
                &self.dropped,
                lang.pick("删去内容（A 有、B 无）", "Dropped text (in A, not in B)"),
                lang.pick("没有删去的句子。", "No sentence was dropped."),
            )
        };
        out.push(Block::Heading(layout.level + 1, title.into()));
        if runs.is_empty() {
            out.push(super::para(none));
            return;
        }
        let total: usize = runs.iter().map(|r| r.sentences).sum();
        let shown = runs.len().min(layout.runs);
        out.push(super::para(match lang {
            Lang::Zh if shown == runs.len() => {
                format!("共 {total} 句，连成 {shown} 段，按长短排列。")
            }
            Lang::Zh => format!(
                "共 {total} 句，连成 {} 段，按长短列出前 {shown} 段。",
                runs.len()
            ),
            Lang::En if shown == runs.len() => {
                format!("{total} sentences in {shown} runs, longest first.")
            }
            Lang::En => format!(
                "{total} sentences in {} runs; the {shown} longest are listed.",
                runs.len()
            ),
        }));
        let items = runs
            .iter()
            .take(shown)
            .map(|r| {
                let mut item = vec![r.cite.inline(), Inline::Text(" ".into())];
                if !r.heading.is_empty() && !r.text.starts_with(&r.heading) {
                    // The space after the strong text, not inside it: CommonMark does not close
                    // `**…**` after a space.
                    item.push(Inline::Strong(format!(
                        "[{}]",
                        compact_text(&r.heading, 24)
                    )));
                    item.push(Inline::Text(" ".into()));
                }
                let body = if layout.compact {
                    compact_text(&r.text, 120)
                } else {
                    r.text.clone()
                };
                item.push(if kind == PairKind::Added {
                    Inline::Ins(body)
                } else {
                    Inline::Del(body)
                });
                item
            })
            .collect();
        out.push(Block::Details {
            summary: match lang {
                Lang::Zh => format!("展开 {shown} 段"),
                Lang::En => format!("Show {shown} runs"),
            },
            blocks: vec![Block::List(items)],
        });
    }

    fn changed_blocks(&self, layout: &Layout, out: &mut Vec<Block>) {
        let lang = layout.lang;
        let wanted = |k: PairKind| match k {
            PairKind::Changed => layout.show.changed,
            PairKind::Moved => layout.show.moved,
            _ => false,
        };
        if !layout.show.changed && !layout.show.moved {
            return;
        }
        out.push(Block::Heading(
            layout.level + 1,
            lang.pick(
                "改动与移位的句子（逐词差异）",
                "Changed and moved sentences (word diff)",
            )
            .into(),
        ));
        let rows: Vec<Vec<Vec<Inline>>> = self
            .changed
            .iter()
            .filter(|p| wanted(p.kind))
            .map(|p| {
                let mut diff = Vec::new();
                for piece in &p.diff {
                    match piece.op {
                        EditOp::Equal => diff.push(Inline::Text(piece.old.clone())),
                        EditOp::Delete => diff.push(Inline::Del(piece.old.clone())),
                        EditOp::Insert => diff.push(Inline::Ins(piece.new.clone())),
                        EditOp::Replace => {
                            diff.push(Inline::Del(piece.old.clone()));
                            diff.push(Inline::Ins(piece.new.clone()));
                        }
                    }
                }
                let class = p.class.map(|c| lang.class(c)).unwrap_or_default();
                vec![
                    diff,
                    vec![p.a.inline(), Inline::Text(" → ".into()), p.b.inline()],
                    text(format!(
                        "{} · {class} · {:.2}",
                        lang.kind(p.kind),
                        p.similarity
                    )),
                ]
            })
            .collect();
        if rows.is_empty() {
            out.push(super::para(lang.pick(
                "没有改动或移位的句子对。",
                "No changed or moved sentence pairs.",
            )));
            return;
        }
        let summary = match lang {
            Lang::Zh => format!("展开 {} 对句子", rows.len()),
            Lang::En => format!("Show {} sentence pairs", rows.len()),
        };
        out.push(Block::Details {
            summary,
            blocks: vec![table(
                &[
                    lang.pick("B 句（删除/新增）", "B sentence (deleted/inserted)"),
                    lang.pick("出处", "where"),
                    lang.pick("类型 · 程度 · 相似度", "kind · class · similarity"),
                ],
                rows,
            )],
        });
    }
}

/// `s` cut to `max` characters with …, on one line.
fn compact_text(s: &str, max: usize) -> String {
    let one_line: String = s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
/// The side-by-side variant: one row per sentence pair in B's order (dropped sentences where A
/// had them): A's sentence, B's sentence with A's words struck and B's marked, and the kind.
pub fn side_by_side(c: &Comparison, lang: Lang) -> Vec<Block> {
    let labels = crate::present::distinct_labels(&[&c.a, &c.b], 40);
    let mut rows = Vec::new();
    for (k, p) in c.alignment.pairs.iter().enumerate() {
        let side = |doc: &Document, range: &Option<std::ops::Range<usize>>| {
            range.clone().map_or(String::new(), |r| {
                crate::diff::sentence_span(doc, r)
                    .of(&doc.normalized.text)
                    .to_string()
            })
        };
        let a = side(&c.a, &p.a);
        let b = match c.diff.for_pair(k) {
            Some(d) if p.kind != PairKind::Identical => d
                .edits
                .iter()
                .flat_map(|e| {
                    let (old, new) = (
                        e.a.of(&c.a.normalized.text).to_string(),
                        e.b.of(&c.b.normalized.text).to_string(),
                    );
                    match e.op {
                        EditOp::Equal => vec![Inline::Text(new)],
                        EditOp::Delete => vec![Inline::Del(old)],
                        EditOp::Insert => vec![Inline::Ins(new)],
                        EditOp::Replace => vec![Inline::Del(old), Inline::Ins(new)],
                    }
                })
                .collect(),
            _ => match p.kind {
                PairKind::Added => vec![Inline::Ins(side(&c.b, &p.b))],
                _ => vec![Inline::Text(side(&c.b, &p.b))],
            },
        };
        let a = if p.kind == PairKind::Dropped {
            vec![Inline::Del(a)]
        } else {
            vec![Inline::Text(a)]
        };
        rows.push(vec![
            a,
            b,
            vec![Inline::Text(lang.kind(p.kind).to_string())],
        ]);
    }
    vec![
        Block::Heading(1, format!("{} → {}", labels[0], labels[1])),
        crate::present::table(
            &[
                lang.pick("A 原文", "A"),
                lang.pick("B（删除/新增）", "B (deleted/inserted)"),
                lang.pick("类型", "kind"),
            ],
            rows,
        ),
    ]
}
