//! Shared passages of two texts: two normalized texts → [`Passage`]s they share of at least
//! `min_chars` comparable characters, wherever they sit, tolerant of small edits. Seeds are exact
//! k-grams (frequent ones capped out); seeds on one diagonal are chained, and chains that nearly
//! touch are merged across a small insertion or deletion — always inside one paragraph of each
//! text. (The corpus-wide search for reuse is the `reuse` stage; this is its local alignment.)

use super::features::comparable;
use crate::structure::Span;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// Seed length in characters.
const K: usize = 6;
/// A seed occurring more often than this in A is too common to anchor anything.
const MAX_SEED_OCCURRENCES: usize = 30;
/// Largest gap (characters) bridged inside one passage, on either side.
const MAX_GAP: usize = 8;

/// A stretch of text shared by A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Byte span in A's normalized text.
    pub a: Span,
    /// Byte span in B's normalized text.
    pub b: Span,
    /// Comparable characters covered by exact seeds in both texts.
    pub matched_chars: usize,
    /// matched_chars over the longer side's comparable characters.
    pub similarity: f64,
}

/// The comparable characters of a text, the byte offset of each and the paragraph it is in: the
/// one character filter of passage finding and of the corpus-wide shingles, so that no seed, no
/// shingle and no passage spans a paragraph break.
pub(crate) struct Keyed {
    pub chars: Vec<char>,
    offsets: Vec<usize>,
    paragraph: Vec<u32>,
}

pub(crate) fn keyed(text: &str) -> Keyed {
    let mut keyed = Keyed {
        chars: Vec::with_capacity(text.len() / 3),
        offsets: Vec::with_capacity(text.len() / 3),
        paragraph: Vec::with_capacity(text.len() / 3),
    };
    let mut paragraph = 0u32;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            paragraph += 1;
        } else if comparable(c) {
            keyed.chars.push(c);
            keyed.offsets.push(i);
            keyed.paragraph.push(paragraph);
        }
    }
    keyed
}

impl Keyed {
    /// Whether characters `from..=to` lie in one paragraph.
    pub(crate) fn one_paragraph(&self, from: usize, to: usize) -> bool {
        self.paragraph[from] == self.paragraph[to]
    }

    /// Whether a gap `a_gap` of A bridged against `b_gap` of B changes a number or an ordinal
    /// (第八次 / 第十五次, 2018 / 2019): then the texts on either side are not one passage.
    fn number_changes(
        &self,
        a_gap: std::ops::Range<usize>,
        other: &Keyed,
        b_gap: std::ops::Range<usize>,
    ) -> bool {
        let numeral = |c: &char| c.is_ascii_digit() || crate::chars::is_cn_numeral(*c);
        let digits = |k: &Keyed, r: std::ops::Range<usize>| -> Vec<char> {
            // Overlapping seeds leave no gap at all.
            let end = r.end.min(k.chars.len());
            k.chars[r.start.min(end)..end]
                .iter()
                .copied()
                .filter(numeral)
                .collect()
        };
        digits(self, a_gap) != digits(other, b_gap)
    }

    /// The starts of the `k`-character windows that lie in one paragraph.
    pub(crate) fn windows(&self, k: usize) -> impl Iterator<Item = (usize, &[char])> {
        self.chars
            .windows(k)
            .enumerate()
            .filter(move |(i, _)| self.one_paragraph(*i, i + k - 1))
    }
}

#[derive(Debug, Clone, Copy)]
struct Run {
    a_start: usize,
    b_start: usize,
    a_end: usize,
    b_end: usize,
    matched: usize,
}

pub fn find_passages(a_text: &str, b_text: &str, min_chars: usize) -> Vec<Passage> {
    find_passages_from(&Source::new(a_text), b_text, min_chars)
}

/// A text prepared as the A side of passage finding: its comparable characters and the index of
/// its seeds, made once for all the texts it is compared with.
pub struct Source {
    keyed: Keyed,
    index: HashMap<[char; K], Vec<usize>>,
    len: usize,
}

impl Source {
    pub fn new(text: &str) -> Self {
        let keyed = keyed(text);
        let mut index: HashMap<[char; K], Vec<usize>> = HashMap::default();
        if keyed.chars.len() >= K {
            for (i, w) in keyed.windows(K) {
                index.entry(seed(w)).or_default().push(i);
            }
        }
        Self {
            keyed,
            index,
            len: text.len(),
        }
    }
}

/// A window of [`K`] characters as a seed key.
fn seed(window: &[char]) -> [char; K] {
    let mut key = ['\0'; K];
    key.copy_from_slice(window);
    key
}

/// [`find_passages`] with A prepared once ([`Source`]).
pub fn find_passages_from(a: &Source, b_text: &str, min_chars: usize) -> Vec<Passage> {
    let b = keyed(b_text);
    if a.keyed.chars.len() < K || b.chars.len() < K {
        return Vec::new();
    }
    let runs = diagonal_runs(&a.index, &a.keyed, &b);
    let long: Vec<Run> = merge_runs(runs, &a.keyed, &b)
        .into_iter()
        .filter(|r| r.matched >= min_chars)
        .collect();
    one_source_per_stretch(long)
        .iter()
        .map(|r| to_passage(r, &a.keyed, &b, a.len, b_text.len()))
        .collect()
}

/// A stretch of B has one source: where runs overlap in B, the longest wins.
fn one_source_per_stretch(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_by(|x, y| {
        y.matched
            .cmp(&x.matched)
            .then((x.b_start, x.a_start).cmp(&(y.b_start, y.a_start)))
    });
    let mut kept: Vec<Run> = Vec::new();
    for run in runs {
        if kept
            .iter()
            .all(|k| run.b_end <= k.b_start || run.b_start >= k.b_end)
        {
            kept.push(run);
        }
    }
    kept.sort_by_key(|r| (r.b_start, r.a_start));
    kept
}

/// Chains seeds that sit on one diagonal (a − b constant) into runs, never across a paragraph
/// break of either text.
fn diagonal_runs(index: &HashMap<[char; K], Vec<usize>>, a: &Keyed, b: &Keyed) -> Vec<Run> {
    let mut open: HashMap<isize, Run> = HashMap::default();
    let mut done = Vec::new();
    for (j, w) in b.windows(K) {
        let Some(hits) = index
            .get(&seed(w))
            .filter(|h| h.len() <= MAX_SEED_OCCURRENCES)
        else {
            continue;
        };
        for &i in hits {
            let diagonal = i as isize - j as isize;
            match open.get_mut(&diagonal) {
                Some(run)
                    if j <= run.b_end + MAX_GAP
                        && a.one_paragraph(run.a_start, i + K - 1)
                        && b.one_paragraph(run.b_start, j + K - 1)
                        && !a.number_changes(run.a_end..i, b, run.b_end..j) =>
                {
                    run.matched += (j + K).saturating_sub(run.b_end.max(j));
                    run.a_end = i + K;
                    run.b_end = j + K;
                }
                _ => {
                    let run = Run {
                        a_start: i,
                        b_start: j,
                        a_end: i + K,
                        b_end: j + K,
                        matched: K,
                    };
                    if let Some(old) = open.insert(diagonal, run) {
                        done.push(old);
                    }
                }
            }
        }
    }
    done.extend(open.into_values());
    done
}

/// Joins runs that follow each other closely in both texts (an edit shifted the diagonal) inside
/// one paragraph of each, and drops runs contained in a longer one.
fn merge_runs(mut runs: Vec<Run>, a: &Keyed, b: &Keyed) -> Vec<Run> {
    runs.sort_by_key(|r| (r.b_start, r.a_start));
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        if let Some(last) = merged.last_mut() {
            let close_in_b = run.b_start <= last.b_end + MAX_GAP;
            // A may overlap by a character or two (a repeated character at the edit), never go back.
            let close_in_a = run.a_start + 2 >= last.a_end && run.a_start <= last.a_end + MAX_GAP;
            if run.b_end <= last.b_end && run.a_start >= last.a_start && run.a_end <= last.a_end {
                continue;
            }
            let same_paragraphs = a.one_paragraph(last.a_start, run.a_end - 1)
                && b.one_paragraph(last.b_start, run.b_end - 1)
                && !a.number_changes(last.a_end..run.a_start, b, last.b_end..run.b_start);
            if close_in_b
                && close_in_a
                && same_paragraphs
                && run.a_end > last.a_end
                && run.b_end > last.b_end
            {
                last.matched += run.matched.min(run.b_end - last.b_end);
                last.a_end = run.a_end;
                last.b_end = run.b_end;
                continue;
            }
        }
        merged.push(run);
    }
    merged
}

fn to_passage(r: &Run, a: &Keyed, b: &Keyed, a_len: usize, b_len: usize) -> Passage {
    let a_span = Span::new(a.offsets[r.a_start], last_char_end(a, r.a_end, a_len));
    let b_span = Span::new(b.offsets[r.b_start], last_char_end(b, r.b_end, b_len));
    let longer = (r.a_end - r.a_start).max(r.b_end - r.b_start);
    Passage {
        a: a_span,
        b: b_span,
        matched_chars: r.matched,
        similarity: r.matched.min(longer) as f64 / longer as f64,
    }
}

/// Byte offset just after the last comparable character of a run ending at key index `end`.
fn last_char_end(k: &Keyed, end: usize, text_len: usize) -> usize {
    let last = k.offsets[end - 1];
    let width = k.chars[end - 1].len_utf8();
    (last + width).min(text_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_passage_with_a_small_edit_is_one_passage() {
        let a = "今年的工作很多。我们要坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。其他内容完全不同。";
        let b = "开头不一样。全省要坚持以习近平新时代中国特色社会主义思想为指引，深入贯彻党的二十大精神。结尾也不一样。";
        let passages = find_passages(a, b, 12);
        assert_eq!(passages.len(), 1, "{passages:?}");
        let p = &passages[0];
        assert_eq!(
            p.a.of(a),
            "要坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神"
        );
        assert!(p.b.of(b).ends_with("二十大精神"), "{}", p.b.of(b));
        assert!(p.similarity > 0.85);
    }

    #[test]
    fn a_passage_never_crosses_a_paragraph_break() {
        // The title runs straight into the first paragraph in B, one line apart in A.
        let a = "关于加强网络安全和信息化工作的意见\n各县区要坚持以人民为中心的发展思想推进网络强国建设";
        let b =
            "关于加强网络安全和信息化工作的意见各县区要坚持以人民为中心的发展思想推进网络强国建设";
        let passages = find_passages(a, b, 8);
        assert_eq!(passages.len(), 2, "{passages:?}");
        for p in &passages {
            assert!(!p.a.of(a).contains('\n'), "{:?}", p.a.of(a));
        }
    }

    #[test]
    fn names_differing_in_their_ordinal_are_not_one_passage() {
        let a = "中国共产党第八次全国代表大会开幕词";
        let b = "中国共产党第十五次全国代表大会开幕词";
        for p in find_passages(a, b, 6) {
            let (x, y) = (p.a.of(a), p.b.of(b));
            assert!(!(x.contains('八') && y.contains('十')), "{x} ≈ {y}");
        }
        // The same ordinal on both sides still joins across a small edit.
        let a = "坚持以人民为中心的发展思想全面推进第二个百年奋斗目标";
        let b = "坚持以人民为中心的发展理念全面推进第二个百年奋斗目标";
        assert_eq!(find_passages(a, b, 12).len(), 1);
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        assert!(
            find_passages(
                "今年是新中国成立七十周年，要做好各项工作。",
                "网络安全和信息化是一体之两翼。",
                12
            )
            .is_empty()
        );
    }
}
