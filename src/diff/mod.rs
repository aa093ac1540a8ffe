//! Phrase diff: an [`Alignment`] and both documents' tokens → a [`DiffReport`]: for every matched
//! pair the word-level [`Edit`]s (spans into both normalized texts), its [`EditClass`], and across
//! pairs the ranked [`FormulationChange`]s (“五个明确” → “十个坚持”, 全县 → 全省, 2018年 → 2023年;
//! the rules are in [`changes`]).
//!
//! Words come from jieba with formulations kept whole; a number and its unit (2018年) is one unit.
//! After `similar`'s diff, a semantic cleanup folds one-character islands between two edits into
//! them, so that a reader sees phrases replaced, not a comb of single characters.

pub mod changes;
mod substitution;

use crate::align::features::comparable;
use crate::align::{Alignment, PairKind};
use crate::ingest::Document;
use crate::structure::Span;
use crate::words::{Segmenter, Token, TokenKind};
pub use changes::{ChangeKind, FormulationChange};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, capture_diff_slices};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    Equal,
    Delete,
    Insert,
    Replace,
}

/// One step of a diff: `a` in A's normalized text, `b` in B's (empty on the side that has nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub op: EditOp,
    pub a: Span,
    pub b: Span,
}

/// How much a matched pair was edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditClass {
    /// The same words (punctuation aside).
    Verbatim,
    /// Only places, levels, years, numbers or anonymised names replaced (县→省, XX→承德, 2018→2019).
    Substitution,
    /// Less than a third of the characters changed.
    LightEdit,
    HeavyRewrite,
}

impl EditClass {
    pub const ALL: [EditClass; 4] = [
        Self::Verbatim,
        Self::Substitution,
        Self::LightEdit,
        Self::HeavyRewrite,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verbatim => "verbatim",
            Self::Substitution => "substitution",
            Self::LightEdit => "light-edit",
            Self::HeavyRewrite => "heavy-rewrite",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairDiff {
    /// Index into `Alignment::pairs`.
    pub pair: usize,
    pub class: EditClass,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffReport {
    pub pairs: Vec<PairDiff>,
    pub formulation_changes: Vec<FormulationChange>,
}

impl DiffReport {
    pub fn for_pair(&self, pair: usize) -> Option<&PairDiff> {
        self.pairs.iter().find(|d| d.pair == pair)
    }
    pub fn count(&self, class: EditClass) -> usize {
        self.pairs.iter().filter(|d| d.class == class).count()
    }
}

/// Share of changed characters up to which an edit is light.
const LIGHT_EDIT_SHARE: f64 = 1.0 / 3.0;

pub fn diff_alignment(
    alignment: &Alignment,
    a: &Document,
    a_tokens: &[Token],
    b: &Document,
    b_tokens: &[Token],
    segmenter: &Segmenter,
) -> DiffReport {
    let mut pairs = Vec::new();
    for (k, pair) in alignment.pairs.iter().enumerate() {
        let (Some(ar), Some(br)) = (&pair.a, &pair.b) else {
            continue;
        };
        let a_span = sentence_span(a, ar.clone());
        let b_span = sentence_span(b, br.clone());
        let edits = if pair.kind == PairKind::Identical
            && a_span.of(&a.normalized.text) == b_span.of(&b.normalized.text)
        {
            vec![Edit {
                op: EditOp::Equal,
                a: a_span,
                b: b_span,
            }]
        } else {
            diff_spans(
                &a.normalized.text,
                a_tokens,
                a_span,
                &b.normalized.text,
                b_tokens,
                b_span,
            )
        };
        let class = classify(&edits, &a.normalized.text, &b.normalized.text);
        pairs.push(PairDiff {
            pair: k,
            class,
            edits,
        });
    }
    let sides = changes::Sides {
        a,
        a_tokens,
        b,
        b_tokens,
    };
    // Only pairs at the documented similarity say which phrase replaced which: the in-order
    // pairs below it are neighbours by place, whose differences are not rewordings.
    let formulation_changes = changes::formulation_changes(
        pairs
            .iter()
            .filter(|p| alignment.pairs[p.pair].similarity >= changes::MIN_CHANGE_SIMILARITY)
            .map(|p: &PairDiff| p.edits.as_slice()),
        &sides,
        segmenter,
    );
    DiffReport {
        pairs,
        formulation_changes,
    }
}

/// Byte span from the first to the last sentence of a range.
pub fn sentence_span(doc: &Document, range: std::ops::Range<usize>) -> Span {
    let sentences = &doc.structure.sentences;
    Span::new(
        sentences[range.start].span.start,
        sentences[range.end - 1].span.end,
    )
}

/// Diff units of a span: tokens, with a number and its unit (年, 月, 日, 周年, 个, 点) joined.
fn units(text: &str, tokens: &[Token], span: Span) -> Vec<Span> {
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let mut out: Vec<Span> = Vec::new();
    let mut previous_number = false;
    for t in tokens[first..]
        .iter()
        .take_while(|t| t.span.start < span.end)
    {
        let unit = Span::new(t.span.start.max(span.start), t.span.end.min(span.end));
        let word = unit.of(text);
        if previous_number
            && matches!(
                word,
                "年" | "月" | "日" | "周年" | "个" | "点" | "%" | "年度"
            )
        {
            out.last_mut().expect("a number came before").end = unit.end;
        } else {
            out.push(unit);
        }
        previous_number = t.kind == TokenKind::Number;
    }
    out
}

/// Word diff of two spans with semantic cleanup.
pub fn diff_spans(
    a_text: &str,
    a_tokens: &[Token],
    a_span: Span,
    b_text: &str,
    b_tokens: &[Token],
    b_span: Span,
) -> Vec<Edit> {
    let ua = units(a_text, a_tokens, a_span);
    let ub = units(b_text, b_tokens, b_span);
    let wa: Vec<&str> = ua.iter().map(|s| s.of(a_text)).collect();
    let wb: Vec<&str> = ub.iter().map(|s| s.of(b_text)).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &wa, &wb);
    let steps: Vec<Step> = ops
        .iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            let kind = match tag {
                DiffTag::Equal => EditOp::Equal,
                DiffTag::Delete => EditOp::Delete,
                DiffTag::Insert => EditOp::Insert,
                DiffTag::Replace => EditOp::Replace,
            };
            (kind, ra, rb)
        })
        .collect();
    let steps = fold_small_islands(steps, &wa);
    let span_of = |units: &[Span], r: &std::ops::Range<usize>, at: usize| {
        if r.is_empty() {
            let pos = units.get(r.start).map_or(at, |s| s.start);
            Span::new(pos, pos)
        } else {
            Span::new(units[r.start].start, units[r.end - 1].end)
        }
    };
    steps
        .iter()
        .map(|(op, ra, rb)| Edit {
            op: *op,
            a: span_of(&ua, ra, a_span.end),
            b: span_of(&ub, rb, b_span.end),
        })
        .collect()
}

/// A diff step over units: operation, unit range in A, unit range in B.
type Step = (EditOp, std::ops::Range<usize>, std::ops::Range<usize>);

/// Joins neighbouring edits into one replace, and folds an equal run of at most one character
/// that sits between two edits into them (the 个 of 五个明确 → 十个坚持), like diff-match-patch's
/// semantic cleanup: a reader sees phrases replaced, not a comb of single characters.
fn fold_small_islands(steps: Vec<Step>, wa: &[&str]) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    for (k, step) in steps.iter().enumerate() {
        let after_edit = out.last().is_some_and(|last| last.0 != EditOp::Equal);
        let island = step.0 == EditOp::Equal
            && steps.get(k + 1).is_some_and(|next| next.0 != EditOp::Equal)
            && wa[step.1.clone()]
                .iter()
                .map(|w| w.chars().count())
                .sum::<usize>()
                <= 1;
        match out.last_mut() {
            Some(last) if after_edit && (island || step.0 != EditOp::Equal) => {
                last.0 = EditOp::Replace;
                last.1.end = last.1.end.max(step.1.end);
                last.2.end = last.2.end.max(step.2.end);
            }
            _ => out.push(step.clone()),
        }
    }
    out
}

fn is_punctuation_only(s: &str) -> bool {
    !s.chars().any(comparable)
}

fn trim_punctuation(s: &str) -> &str {
    s.trim_matches(|c: char| !comparable(c))
}

fn classify(edits: &[Edit], a_text: &str, b_text: &str) -> EditClass {
    let changes: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.op != EditOp::Equal)
        .filter(|e| !(is_punctuation_only(e.a.of(a_text)) && is_punctuation_only(e.b.of(b_text))))
        .collect();
    if changes.is_empty() {
        return EditClass::Verbatim;
    }
    let all_substitutions = changes.iter().all(|e| {
        e.op == EditOp::Replace
            && substitution::kind(
                trim_punctuation(e.a.of(a_text)),
                trim_punctuation(e.b.of(b_text)),
            )
            .is_some()
    });
    if all_substitutions {
        return EditClass::Substitution;
    }
    let count = |s: &str| s.chars().filter(|&c| comparable(c)).count();
    let changed: usize = changes
        .iter()
        .map(|e| count(e.a.of(a_text)) + count(e.b.of(b_text)))
        .sum();
    let total: usize = edits
        .iter()
        .map(|e| count(e.a.of(a_text)) + count(e.b.of(b_text)))
        .sum();
    if (changed as f64) <= LIGHT_EDIT_SHARE * total.max(1) as f64 {
        EditClass::LightEdit
    } else {
        EditClass::HeavyRewrite
    }
}
