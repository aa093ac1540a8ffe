//! Formulation changes: the replaced phrases of every matched pair's [`Edit`]s, with both
//! documents' tokens and the segmenter's lexicon → the ranked [`FormulationChange`]s a reader means
//! by "what was reworded": 五个明确 → 十个坚持, 诚挚感谢 → 衷心感谢, 全县 → 全省, 2018年 → 2023年.
//!
//! Rules (ARCHITECTURE.md, "Formulation changes"): a heading's numbering or an enumeration's
//! marker is not part of a change ((一) → (三), 五是 are the text's places); a side longer than a clause is not a phrase; a side with
//! no content word (与 → 和, 为 → 以中国式现代化) is a function-word swap or an insertion, not a
//! change; numbers, dates, years, levels, places and proper names are their own kinds; a change is
//! a 提法 change only when a side holds a formulation or a term of the lexicon, or is a content
//! phrase of several words or of four characters or more; one content word for another is 用词.

use super::substitution;
use super::{Edit, EditOp};
use crate::ingest::Document;
use crate::stats::counts::phrase_counts;
use crate::structure::Span;
use crate::words::formulation::Lexicon;
use crate::words::{Hidden, Segmenter, Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What kind of change a replaced phrase is, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A formulation, a lexicon term or a content phrase replaced: 五个明确 → 十个坚持.
    Formulation,
    /// One content word for another: 加强 → 强化.
    Wording,
    /// One proper name for another: 二十国集团 → 金砖国家.
    Name,
    Level,
    Place,
    Year,
    Date,
    Number,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        Self::Formulation,
        Self::Wording,
        Self::Name,
        Self::Level,
        Self::Place,
        Self::Year,
        Self::Date,
        Self::Number,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Formulation => "formulation",
            Self::Wording => "wording",
            Self::Name => "name",
            Self::Level => "level",
            Self::Place => "place",
            Self::Year => "year",
            Self::Date => "date",
            Self::Number => "number",
        }
    }

    /// How much one occurrence of the kind weighs in the ranking.
    fn weight(self) -> f64 {
        match self {
            Self::Formulation => 3.0,
            Self::Wording | Self::Name => 1.0,
            _ => 0.5,
        }
    }

    /// Whether the change only swaps a place, a level, a year, a date or a number: a sentence
    /// whose changes are all of these was taken over as it was.
    pub fn is_substitution(self) -> bool {
        matches!(
            self,
            Self::Level | Self::Place | Self::Year | Self::Date | Self::Number
        )
    }
}

/// A phrase of A replaced by a phrase of B, how often, and where first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationChange {
    pub before: String,
    pub after: String,
    pub count: usize,
    pub kind: ChangeKind,
    /// count × the kind's weight × √(Han characters of both sides, at most 16), × 1.5 when a side
    /// holds a formulation or a lexicon term: the ranking key.
    pub weight: f64,
    /// Byte offsets of the first occurrence in A's and B's normalized texts.
    pub a_at: usize,
    pub b_at: usize,
}

/// Longest unchanged stretch inside one change (推进祖国 between 坚定不移 and 和平统一进程 → 统一大业):
/// beyond it, two edits of a clause are two changes (2023年 … 第一次 and 2024年 … 第二次).
const MAX_BRIDGE_CHARS: usize = 4;
/// Characters beyond which a longer change weighs no more: a rewritten clause is not a bigger
/// change of formulation than a replaced term.
const MAX_WEIGHED_CHARS: usize = 16;

/// Least similarity of a sentence pair whose edits are read for formulation changes: the
/// alignment's `min_similarity` default.
pub const MIN_CHANGE_SIMILARITY: f64 = 0.5;

/// A change whose one side has this many times the other's Han characters is an insertion or a
/// deletion beside a word, not a rewording.
const MAX_SIDE_RATIO: usize = 4;

/// Longest side of a change, in characters: a clause, not a paragraph.
const MAX_SIDE_CHARS: usize = 40;

/// How much more a change weighs when a side holds a formulation or a lexicon term.
const TERM_BONUS: f64 = 1.5;

/// What a change made once weighs, relative to others, when both texts still say both of its
/// phrases.
const BOTH_KEPT_FACTOR: f64 = 0.25;

/// What separates clauses: a side holding one of these is more than a phrase.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '；' | '。' | '！' | '？' | '：' | ',' | ';')
}

/// Both documents and their tokens, as the change rules read them.
pub struct Sides<'d> {
    pub a: &'d Document,
    pub a_tokens: &'d [Token],
    pub b: &'d Document,
    pub b_tokens: &'d [Token],
}

/// The ranked changes of all matched pairs' edits (`edits` per pair, in pair order).
pub fn formulation_changes<'e>(
    edits: impl IntoIterator<Item = &'e [Edit]>,
    sides: &Sides,
    segmenter: &Segmenter,
) -> Vec<FormulationChange> {
    let a_markers = marker_spans(sides.a);
    let b_markers = marker_spans(sides.b);
    let (a_text, b_text) = (&sides.a.normalized.text, &sides.b.normalized.text);
    let mut candidates: Vec<FormulationChange> = Vec::new();
    for (a_side, b_side) in edits
        .into_iter()
        .flat_map(|pair| clause_edits(pair, a_text))
    {
        let a_span = phrase(a_text, a_side, &a_markers);
        let b_span = phrase(b_text, b_side, &b_markers);
        let (Some(a_span), Some(b_span)) = (a_span, b_span) else {
            continue;
        };
        let before = a_span.of(&sides.a.normalized.text);
        let after = b_span.of(&sides.b.normalized.text);
        let bare = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric() && *c != '的')
                .collect()
        };
        if before == after || bare(before) == bare(after) {
            continue;
        }
        // One side four times the other is a clause put in or taken out beside a word (推进 →
        // 持续扩大面向全球的高标准自由贸易区网络), not one phrase said another way.
        let (ha, hb) = (
            crate::chars::han_count(before).max(1),
            crate::chars::han_count(after).max(1),
        );
        if ha.max(hb) >= MAX_SIDE_RATIO * ha.min(hb) {
            continue;
        }
        // A real change: B no longer says A's phrase, nor the formulation it holds, and A did
        // not say B's (2025 keeps “人工智能+”行动 in another sentence: 开展“人工智能+”行动 →
        // 加快工业互联网创新发展 is no change). Phrases are checked against the counterpart
        // sentences (规范 → 实施细则 stays a change where B says 规范 elsewhere), the
        // formulations they hold against the whole other text, since a kept formulation may have
        // moved to another sentence.
        let a_sentence = sentence_around(sides.a, a_span);
        let b_sentence = sentence_around(sides.b, b_span);
        if b_sentence.contains(before) || a_sentence.contains(after) {
            continue;
        }
        // One clause said another way: the rest of the two clauses has words in common (纵深推进 →
        // 积极参与 | 全国统一大市场建设), or both clauses are wholly the phrases. A clause dropped
        // beside words added to another (坚定不移推进政府党风廉政建设和反腐败斗争 → 学习教育成果)
        // is no change of formulation.
        if !same_clause(a_text, a_span, b_text, b_span) {
            continue;
        }
        let a_words = content_words(&sides.a.normalized.text, sides.a_tokens, a_span, segmenter);
        let b_words = content_words(&sides.b.normalized.text, sides.b_tokens, b_span, segmenter);
        // Words put in another order are no replacement: the changed stretch of B still says
        // every content word of A's phrase (促进医保、医疗 → 实施健康优先发展战略，促进医疗、医保,
        // a clause put in before the same words reordered), or A's stretch every one of B's.
        let all_said = |words: &[(&str, TokenKind)], stretch: Span, text: &str| {
            let stretch = stretch.of(text);
            words.len() >= 2 && words.iter().all(|(w, _)| stretch.contains(w))
        };
        if all_said(&a_words, b_side, b_text) || all_said(&b_words, a_side, a_text) {
            continue;
        }
        let Some((kind, holds_term)) = change_kind(before, after, &a_words, &b_words, segmenter)
        else {
            continue;
        };
        candidates.push(FormulationChange {
            before: before.to_string(),
            after: after.to_string(),
            count: 1,
            kind,
            weight: if holds_term { TERM_BONUS } else { 1.0 },
            a_at: a_span.start,
            b_at: b_span.start,
        });
    }
    // What the other whole text still says, looked up for all candidates in one pass over each
    // text (a search per candidate would make long texts quadratic): each side's phrase, and the
    // formulations it holds.
    let befores: Vec<(&str, Vec<&str>)> = candidates
        .iter()
        .map(|c| (c.before.as_str(), held(&c.before, segmenter)))
        .collect();
    let afters: Vec<(&str, Vec<&str>)> = candidates
        .iter()
        .map(|c| (c.after.as_str(), held(&c.after, segmenter)))
        .collect();
    let (in_b, in_a) = (said(b_text, &befores), said(a_text, &afters));
    // Each change once, with how often it was made and whether both texts still say both its
    // phrases.
    let mut found: HashMap<(String, String), (FormulationChange, bool)> = HashMap::new();
    for (k, c) in candidates.into_iter().enumerate() {
        // B no longer says a formulation A's phrase holds, nor A one of B's: otherwise the phrase
        // was reworded around it, not replaced.
        if in_b[k].1 || in_a[k].1 {
            continue;
        }
        // Both texts still say both phrases (推动高水平科技自立自强 → 扩大高水平对外开放, where
        // 2025 says 科技自立自强 elsewhere and 2024 said 对外开放).
        let both_kept = in_b[k].0 && in_a[k].0;
        found
            .entry((c.before.clone(), c.after.clone()))
            .and_modify(|(f, _)| f.count += 1)
            .or_insert((c, both_kept));
    }
    let mut changes: Vec<FormulationChange> = found
        .into_values()
        .map(|(mut c, both_kept)| {
            let chars = crate::chars::han_count(&c.before) + crate::chars::han_count(&c.after);
            let chars = chars.clamp(1, MAX_WEIGHED_CHARS) as f64;
            c.weight *= c.count as f64 * c.kind.weight() * chars.sqrt();
            // Made once where both texts keep both phrases: a change of emphasis, not a
            // replacement; it ranks behind the others (a replacement made throughout, 本规范 →
            // 本实施细则, stays one whatever else is said).
            if c.count == 1 && both_kept {
                c.weight *= BOTH_KEPT_FACTOR;
            }
            c
        })
        .collect();
    // Heaviest first; ties by kind, then in B's order, which a reader can follow.
    changes.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then(x.kind.cmp(&y.kind))
            .then(x.b_at.cmp(&y.b_at))
            .then_with(|| (&x.before, &x.after).cmp(&(&y.before, &y.after)))
    });
    changes
}

/// The formulations a phrase holds (a quoted phrase, a numbered formula, a slogan of the
/// lexicon), of two characters or more.
fn held<'p>(phrase: &'p str, segmenter: &Segmenter) -> Vec<&'p str> {
    segmenter
        .formulations(phrase)
        .iter()
        .map(|f| f.span.of(phrase))
        .filter(|f| f.chars().nth(1).is_some())
        .collect()
}

/// For each candidate `(phrase, the formulations it holds)`: whether `text` says the phrase, and
/// whether it says one of those formulations; all looked up in one pass ([`phrase_counts`]).
fn said(text: &str, candidates: &[(&str, Vec<&str>)]) -> Vec<(bool, bool)> {
    let phrases = candidates
        .iter()
        .flat_map(|(phrase, held)| std::iter::once(*phrase).chain(held.iter().copied()));
    let mut found = phrase_counts(text, phrases).into_iter().map(|n| n > 0);
    candidates
        .iter()
        .map(|(_, held)| {
            let phrase = found.next().unwrap_or(false);
            let holds = found.by_ref().take(held.len()).fold(false, |a, b| a | b);
            (phrase, holds)
        })
        .collect()
}

/// The text of the sentence of `doc` that holds `span`, with the sentences on either side (a
/// pair may join two sentences: its counterpart is wider than one), or the span itself when no
/// sentence holds it.
fn sentence_around(doc: &Document, span: Span) -> &str {
    let text = &doc.normalized.text;
    let sentences = &doc.structure.sentences;
    let i = sentences.partition_point(|s| s.span.end <= span.start);
    match sentences.get(i) {
        Some(s) if s.span.start <= span.start => {
            let from = sentences[i.saturating_sub(1)].span.start;
            let to = sentences[(i + 1).min(sentences.len() - 1)].span.end;
            &text[from.min(s.span.start)..to.max(s.span.end)]
        }
        _ => span.of(text),
    }
}

/// The clause of `text` that holds `span`, without the span: (before it, after it).
fn rest_of_clause(text: &str, span: Span) -> (&str, &str) {
    let ends = |c: char| is_clause_break(c) || c == '\n';
    let start = text[..span.start].rfind(ends).map_or(0, |at| {
        at + text[at..].chars().next().map_or(0, char::len_utf8)
    });
    let end = text[span.end..]
        .find(ends)
        .map_or(text.len(), |at| span.end + at);
    (&text[start..span.start], &text[span.end..end])
}

/// Whether two phrases stand in one clause said two ways: the rest of their clauses shares two
/// adjacent Han characters, or neither clause has anything beside its phrase.
fn same_clause(a_text: &str, a_span: Span, b_text: &str, b_span: Span) -> bool {
    let han = |s: &str| -> Vec<char> { s.chars().filter(|&c| crate::chars::is_han(c)).collect() };
    let (a_before, a_after) = rest_of_clause(a_text, a_span);
    let (b_before, b_after) = rest_of_clause(b_text, b_span);
    let (a_rest, b_rest) = ([han(a_before), han(a_after)], [han(b_before), han(b_after)]);
    if a_rest.iter().chain(&b_rest).all(Vec::is_empty) {
        return true;
    }
    let pairs = |parts: &[Vec<char>; 2]| -> std::collections::HashSet<(char, char)> {
        parts
            .iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
            .collect()
    };
    !pairs(&a_rest).is_disjoint(&pairs(&b_rest))
}

/// The edits of one pair merged by clause: the changes of a clause, with the unchanged words
/// between them, are one change (推进祖国和平统一进程 → 坚定不移推进祖国统一大业 is one insertion and
/// one replacement). Only groups that change both sides are returned.
fn clause_edits(edits: &[Edit], a_text: &str) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    // The first and last edit of the group, whether it replaces anything yet, and whether
    // unchanged words came after its last edit.
    let mut group: Option<(Edit, Edit, bool)> = None;
    let mut bridged = false;
    let close = |group: &mut Option<(Edit, Edit, bool)>, out: &mut Vec<(Span, Span)>| {
        if let Some((first, last, _)) = group.take() {
            let a = Span::new(first.a.start, last.a.end);
            let b = Span::new(first.b.start, last.b.end);
            if !a.is_empty() && !b.is_empty() {
                out.push((a, b));
            }
        }
    };
    for edit in edits {
        if edit.op == EditOp::Equal {
            let kept = edit.a.of(a_text);
            if kept.chars().any(is_clause_break) || kept.chars().count() > MAX_BRIDGE_CHARS {
                close(&mut group, &mut out);
            }
            bridged = group.is_some();
            continue;
        }
        let replaces = edit.op == EditOp::Replace;
        // Across unchanged words, an insertion or deletion joins its neighbour; two
        // replacements stay two changes (规范 → 实施细则 … 境内 → 行政区域内).
        if bridged && replaces && group.is_some_and(|g| g.2) {
            close(&mut group, &mut out);
        }
        group = Some(match group.take() {
            Some((first, _, had)) => (first, *edit, had || replaces),
            None => (*edit, *edit, replaces),
        });
        bridged = false;
    }
    close(&mut group, &mut out);
    out
}

/// The byte ranges of a document's heading numbers (一、, （三）, 第二部分) and enumeration
/// markers (一是, 二要, 首先).
fn marker_spans(doc: &Document) -> Vec<Span> {
    let headings = doc
        .structure
        .headings
        .iter()
        .map(|h| Span::new(h.span.start, h.span.start + h.marker.len));
    let items = doc
        .structure
        .enumerations
        .iter()
        .map(|e| Span::new(e.span.start, e.span.start + e.marker.len()));
    headings.chain(items).collect()
}

/// The phrase of an edit's side: without the heading numbers it overlaps, up to its first clause
/// break, trimmed of punctuation; `None` when nothing is left or it is longer than a clause.
fn phrase(text: &str, side: Span, markers: &[Span]) -> Option<Span> {
    let mut span = side;
    for m in markers {
        if m.start < span.end && span.start < m.end {
            if m.start <= span.start {
                span.start = span.start.max(m.end).min(span.end);
            } else {
                span.end = m.start;
            }
        }
    }
    let body = span.of(text);
    let mut lead = body.len()
        - body
            .trim_start_matches(|c: char| !super::comparable(c))
            .len();
    // An article's number (第十二条) is where the text stands, not what it says.
    if let Some(m) = ARTICLE.find(&body[lead..]) {
        lead += m.end();
    }
    let rest = &body[lead..];
    let clause = rest.find(is_clause_break).map_or(rest, |at| &rest[..at]);
    // A conjunction left at an edge joins the phrase to words the other side kept
    // (积极培育新兴产业和 | 未来产业): it is not part of what changed.
    let mut trimmed = clause.trim_end_matches(|c: char| !super::comparable(c));
    if let Some(before) = trimmed.strip_suffix(EDGE_CONJUNCTIONS)
        && !WORDS_ENDING_IN_A_CONJUNCTION
            .iter()
            .any(|w| trimmed.ends_with(w))
    {
        trimmed = before.trim_end_matches(|c: char| !super::comparable(c));
    }
    let span = Span::new(span.start + lead, span.start + lead + trimmed.len());
    let span = with_its_marks(text, span);
    let s = span.of(text);
    (!s.is_empty() && s.chars().count() <= MAX_SIDE_CHARS).then_some(span)
}

/// Conjunctions cut off the end of a phrase.
const EDGE_CONJUNCTIONS: [char; 2] = ['和', '与'];
/// Words that end in one of [`EDGE_CONJUNCTIONS`] and are kept whole.
const WORDS_ENDING_IN_A_CONJUNCTION: [&str; 10] = [
    "参与", "给与", "赋与", "缓和", "温和", "饱和", "平和", "调和", "总和", "祥和",
];

/// An article number opening a phrase: 第十二条, 第 3 条, with the space after it.
static ARTICLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^第[一二三四五六七八九十百千零〇两0-9]+条[\s　]*").expect("a valid pattern")
});

/// Quotation marks and brackets that a phrase holds one of, the other being just outside it.
const PAIRED_MARKS: [(char, char); 6] = [
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('（', '）'),
    ('【', '】'),
    ('「', '」'),
];

/// `span` widened by one character on a side where trimming punctuation left a mark alone:
/// “四好农村路”建设, not 四好农村路”建设.
fn with_its_marks(text: &str, span: Span) -> Span {
    let mut span = span;
    for (open, close) in PAIRED_MARKS {
        let inside = span.of(text);
        let opens = inside.matches(open).count();
        let closes = inside.matches(close).count();
        if closes > opens && text[..span.start].ends_with(open) {
            span.start -= open.len_utf8();
        } else if opens > closes && text[span.end..].starts_with(close) {
            span.end += close.len_utf8();
        }
    }
    span
}

/// The content words of a span: words, formulations and Latin words that are neither stopwords
/// nor function words nor numbers.
fn content_words<'t>(
    text: &'t str,
    tokens: &[Token],
    span: Span,
    segmenter: &Segmenter,
) -> Vec<(&'t str, TokenKind)> {
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    tokens[first..]
        .iter()
        .take_while(|t| t.span.start < span.end)
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Word | TokenKind::Formulation(_) | TokenKind::Latin
            ) && !t.stop
        })
        .map(|t| {
            let word = Span::new(t.span.start.max(span.start), t.span.end.min(span.end));
            (word.of(text), t.kind)
        })
        .filter(|(w, _)| {
            !w.is_empty()
                && !matches!(
                    segmenter.hidden(w),
                    Some(Hidden::FunctionWord | Hidden::Number)
                )
        })
        .collect()
}

/// The kind of a replaced phrase and whether a side holds a formulation or a lexicon term, or
/// `None` when it is no change of wording at all.
fn change_kind(
    before: &str,
    after: &str,
    a_words: &[(&str, TokenKind)],
    b_words: &[(&str, TokenKind)],
    segmenter: &Segmenter,
) -> Option<(ChangeKind, bool)> {
    if let Some(kind) = substitution::kind(before, after) {
        return Some((kind, false));
    }
    if a_words.is_empty() || b_words.is_empty() {
        return None;
    }
    let holds_term = |words: &[(&str, TokenKind)], side: &str| {
        words
            .iter()
            .any(|(w, kind)| matches!(kind, TokenKind::Formulation(_)) || segmenter.is_own_term(w))
            || !segmenter.slogans_in(side).is_empty()
    };
    if holds_term(a_words, before) || holds_term(b_words, after) {
        return Some((ChangeKind::Formulation, true));
    }
    let is_name = |w: &&(&str, TokenKind)| {
        segmenter
            .tag(w.0)
            .is_some_and(|t| matches!(t.as_str(), "nr" | "ns" | "nt" | "nz" | "nrt"))
    };
    if a_words.iter().all(|w| is_name(&w)) && b_words.iter().all(|w| is_name(&w)) {
        return Some((ChangeKind::Name, false));
    }
    let phrase_like = |words: &[(&str, TokenKind)], side: &str| {
        words.len() >= 2 || crate::chars::han_count(side) >= 4
    };
    let kind = if phrase_like(a_words, before) || phrase_like(b_words, after) {
        ChangeKind::Formulation
    } else {
        ChangeKind::Wording
    };
    Some((kind, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase_of(text: &str, side: &str) -> String {
        let start = text.find(side).unwrap();
        let span = phrase(text, Span::new(start, start + side.len()), &[]).unwrap();
        span.of(text).to_string()
    }

    #[test]
    fn a_phrase_keeps_both_marks_of_a_quoted_formulation() {
        // The 2023 Guangdong report: 五是深入推进“四好农村路”建设和农村生活污水治理。
        let text = "五是深入推进“四好农村路”建设和农村生活污水治理。";
        assert_eq!(phrase_of(text, "“四好农村路”建设"), "“四好农村路”建设");
        // Marks at both ends are trimmed as before.
        assert_eq!(phrase_of(text, "“四好农村路”"), "四好农村路");
        assert_eq!(phrase_of(text, "建设和农村"), "建设和农村");
        let opened = "全面建设“数字政府”工程";
        assert_eq!(phrase_of(opened, "建设“数字政府"), "建设“数字政府”");
    }

    #[test]
    fn a_conjunction_left_at_the_end_of_a_phrase_is_cut_off_but_not_from_a_word() {
        let text = "积极培育新兴产业和未来产业。推动群众广泛参与。";
        assert_eq!(phrase_of(text, "积极培育新兴产业和"), "积极培育新兴产业");
        assert_eq!(phrase_of(text, "推动群众广泛参与"), "推动群众广泛参与");
    }

    #[test]
    fn two_phrases_are_one_clause_when_the_rest_of_their_clauses_agrees() {
        fn at<'t>(text: &'t str, phrase: &str) -> (&'t str, Span) {
            let start = text.find(phrase).unwrap();
            (text, Span::new(start, start + phrase.len()))
        }
        // gwr-2025 → 广西 2026: the same clause, its verb replaced.
        let (a, a_span) = at("纵深推进全国统一大市场建设。", "纵深推进");
        let (b, b_span) = at("提高民间投资比重。积极参与全国统一大市场建设。", "积极参与");
        assert!(same_clause(a, a_span, b, b_span));
        // A clause dropped beside words added to the clause before it.
        let (a, a_span) = at(
            "深入贯彻中央八项规定精神，坚定不移推进政府党风廉政建设和反腐败斗争。",
            "坚定不移推进政府党风廉政建设和反腐败斗争",
        );
        let (b, b_span) = at(
            "巩固拓展深入贯彻中央八项规定精神学习教育成果。",
            "学习教育成果",
        );
        assert!(!same_clause(a, a_span, b, b_span));
        // Two whole clauses said two ways.
        let (a, a_span) = at(
            "新征程新使命，对政府工作提出了新的更高要求。",
            "新征程新使命",
        );
        let (b, b_span) = at(
            "应对新挑战、完成新任务，对政府工作提出新的更高要求。",
            "应对新挑战、完成新任务",
        );
        assert!(same_clause(a, a_span, b, b_span));
        assert_eq!(rest_of_clause(a, a_span), ("", ""));
    }
}
