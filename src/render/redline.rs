//! Word redline: a [`Comparison`] → a `.docx` whose body is B's text with the changes from A as
//! real tracked changes (`w:del` / `w:ins`, author tifa, one date), so that accepting every change
//! in Word or WPS gives B's text and rejecting every change gives A's.
//!
//! The order both documents share is the chain of identical and changed pairs increasing in A and
//! in B; between two pairs of the chain, A's other sentences (dropped, or moved away) are deleted
//! and B's other sentences (added, or moved here) inserted, then the pair itself is written with its
//! word edits. A pair outside that chain whose two sides are the same text is a tracked move
//! (`w:moveFrom` where A had it, `w:moveTo` where B has it, linked by one move name); a pair outside
//! the chain that was also reworded is a deletion and an insertion, since Word's move carries one
//! text. Paragraph marks are tracked as well: A's where only A breaks, B's where only B does.
//!
//! When both documents are written in 第X条 articles, the articles lead: the article pairs of the
//! [`crate::articles::ArticleMap`] that keep their order in both are written one after the other,
//! each with its own sentence pairs, so an article adapted in other words stands struck out right
//! before its rewording.

use super::report::docx::xml_safe;
use crate::align::PairKind;
use crate::compare::Comparison;
use crate::diff::EditOp;
use crate::ingest::Document;
use docx_rs::{Delete, Docx, Insert, MoveFrom, MoveTo, Paragraph, Run, RunFonts};
use std::ops::Range;

/// Who the tracked changes are by.
const AUTHOR: &str = "tifa";

/// One step of the redline, in reading order.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// A sentence of A that B does not have here.
    Deleted(usize),
    /// A sentence of B that A does not have here.
    Inserted(usize),
    /// An identical or changed pair of the shared order (index into the alignment's pairs).
    Kept(usize),
    /// Where A had the unchanged text of pair `k` that B has elsewhere.
    MovedFrom(usize),
    /// Where B has the unchanged text of pair `k` that A had elsewhere.
    MovedTo(usize),
}

/// The pairs outside the shared order whose two sides are the same text.
fn moved_pairs(c: &Comparison, kept: &[usize]) -> Vec<(usize, Range<usize>, Range<usize>)> {
    c.alignment
        .pairs
        .iter()
        .enumerate()
        .filter(|(k, _)| !kept.contains(k))
        .filter_map(|(k, p)| Some((k, p.a.clone()?, p.b.clone()?)))
        .filter(|(_, a, b)| {
            crate::diff::sentence_span(&c.a, a.clone()).of(&c.a.normalized.text)
                == crate::diff::sentence_span(&c.b, b.clone()).of(&c.b.normalized.text)
        })
        .collect()
}

/// The steps for the sentences `range` of one side outside the shared order: a moved pair's
/// sentences are one move step, every other sentence its own `single` step.
fn gap_steps(
    range: Range<usize>,
    moves: &[(usize, Range<usize>)],
    single: fn(usize) -> Step,
    moved: fn(usize) -> Step,
) -> Vec<Step> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        match moves.iter().find(|(_, r)| r.start == i) {
            Some((k, r)) => {
                out.push(moved(*k));
                i = r.end.max(i + 1);
            }
            None => {
                out.push(single(i));
                i += 1;
            }
        }
    }
    out
}

/// A pair of the shared order: its index in the alignment, its sentences in A and in B.
type Link = (usize, Range<usize>, Range<usize>);
/// Sentences of A and of B.
type Stretch = (Range<usize>, Range<usize>);

/// The stretches the redline is written in, in order, covering every sentence of both documents
/// once: the whole of both; or, when both are written in articles, each article pair that keeps
/// its order in both (the most of them), with the stretch between two of them. Nothing is paired
/// across a stretch's bounds, so an article adapted in other words is A's article struck out
/// right before B's, not pages away.
fn stretches(c: &Comparison) -> Vec<Stretch> {
    let (na, nb) = (c.a.structure.sentences.len(), c.b.structure.sentences.len());
    let Some(map) = &c.articles else {
        return vec![(0..na, 0..nb)];
    };
    let mut articles: Vec<Stretch> = map
        .links
        .iter()
        .filter_map(|l| Some((map.a[l.a?].sentences.clone(), map.b[l.b?].sentences.clone())))
        .collect();
    articles.sort_by_key(|(a, b)| (b.start, a.start));
    let mut out = Vec::new();
    let (mut a_next, mut b_next) = (0, 0);
    for (a, b) in longest_increasing(&articles) {
        out.push((a_next..a.start, b_next..b.start));
        (a_next, b_next) = (a.end, b.end);
        out.push((a, b));
    }
    out.push((a_next..na, b_next..nb));
    out.retain(|(a, b)| !a.is_empty() || !b.is_empty());
    out
}

/// The longest chain of `ranges` (sorted by B) increasing in A and in B without overlap.
fn longest_increasing(ranges: &[Stretch]) -> Vec<Stretch> {
    let n = ranges.len();
    // best[i]: the length of the longest chain ending in i, and the link before i in it.
    let mut best: Vec<(usize, Option<usize>)> = vec![(1, None); n];
    for i in 0..n {
        for j in 0..i {
            let (x, y) = (&ranges[j], &ranges[i]);
            if x.0.end <= y.0.start && x.1.end <= y.1.start && best[j].0 + 1 > best[i].0 {
                best[i] = (best[j].0 + 1, Some(j));
            }
        }
    }
    let mut at = (0..n).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i)));
    let mut chain = Vec::new();
    while let Some(i) = at {
        chain.push(ranges[i].clone());
        at = best[i].1;
    }
    chain.reverse();
    chain
}

/// The steps of the redline: every sentence of A and of B exactly once, each in its document's
/// order.
fn steps(c: &Comparison) -> Vec<Step> {
    let stretches = stretches(c);
    let inside = |r: &Range<usize>, bound: &Range<usize>| {
        r.start >= bound.start && r.end <= bound.end && !r.is_empty()
    };
    // In each stretch, its identical and changed pairs that increase in both documents.
    let mut pairs: Vec<Link> = c
        .alignment
        .pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, PairKind::Identical | PairKind::Changed))
        .filter_map(|(k, p)| Some((k, p.a.clone()?, p.b.clone()?)))
        .collect();
    pairs.sort_by_key(|(_, a, b)| (b.start, a.start));
    let kept: Vec<Vec<Link>> = stretches
        .iter()
        .map(|(sa, sb)| {
            let mut kept: Vec<Link> = Vec::new();
            for pair in pairs
                .iter()
                .filter(|p| inside(&p.1, sa) && inside(&p.2, sb))
            {
                if kept
                    .last()
                    .is_none_or(|last| pair.1.start >= last.1.end && pair.2.start >= last.2.end)
                {
                    kept.push(pair.clone());
                }
            }
            kept
        })
        .collect();
    let kept_pairs: Vec<usize> = kept.iter().flatten().map(|(k, _, _)| *k).collect();
    // A move's side lies inside one stretch of its document.
    let within_one = |r: &Range<usize>, side: fn(&Stretch) -> &Range<usize>| {
        stretches.iter().any(|s| inside(r, side(s)))
    };
    let moved: Vec<Link> = moved_pairs(c, &kept_pairs)
        .into_iter()
        .filter(|(_, a, b)| within_one(a, |s| &s.0) && within_one(b, |s| &s.1))
        .collect();
    let moved_a: Vec<(usize, Range<usize>)> =
        moved.iter().map(|(k, a, _)| (*k, a.clone())).collect();
    let moved_b: Vec<(usize, Range<usize>)> =
        moved.iter().map(|(k, _, b)| (*k, b.clone())).collect();
    let deleted = |r: Range<usize>| gap_steps(r, &moved_a, Step::Deleted, Step::MovedFrom);
    let inserted = |r: Range<usize>| gap_steps(r, &moved_b, Step::Inserted, Step::MovedTo);
    let mut out = Vec::new();
    for ((sa, sb), kept) in stretches.iter().zip(kept) {
        let (mut a_next, mut b_next) = (sa.start, sb.start);
        for (k, a, b) in kept {
            out.extend(deleted(a_next..a.start));
            out.extend(inserted(b_next..b.start));
            out.push(Step::Kept(k));
            (a_next, b_next) = (a.end, b.end);
        }
        out.extend(deleted(a_next..sa.end));
        out.extend(inserted(b_next..sb.end));
    }
    out
}

fn sentence_text(doc: &Document, i: usize) -> &str {
    doc.structure.sentences[i].span.of(&doc.normalized.text)
}

/// Where a step's text lies: the paragraph of A its first and last sentences are in (none when
/// A does not have it), and the same for B.
struct Place {
    a: Option<(usize, usize)>,
    b: Option<(usize, usize)>,
}

fn place_of(c: &Comparison, step: &Step) -> Place {
    let paragraphs = |doc: &Document, r: Range<usize>| {
        let s = &doc.structure.sentences;
        (
            s[r.start].paragraph,
            s[r.end.max(r.start + 1) - 1].paragraph,
        )
    };
    let pair = |k: usize| &c.alignment.pairs[k];
    match step {
        Step::Deleted(i) => Place {
            a: Some(paragraphs(&c.a, *i..*i + 1)),
            b: None,
        },
        Step::Inserted(j) => Place {
            a: None,
            b: Some(paragraphs(&c.b, *j..*j + 1)),
        },
        Step::Kept(k) => Place {
            a: pair(*k).a.clone().map(|r| paragraphs(&c.a, r)),
            b: pair(*k).b.clone().map(|r| paragraphs(&c.b, r)),
        },
        Step::MovedFrom(k) => Place {
            a: pair(*k).a.clone().map(|r| paragraphs(&c.a, r)),
            b: None,
        },
        Step::MovedTo(k) => Place {
            a: None,
            b: pair(*k).b.clone().map(|r| paragraphs(&c.b, r)),
        },
    }
}

/// Writes the redline of `c`, with `date` (RFC 3339) on every change.
///
/// Paragraph marks are tracked too: a mark where both A and B end a paragraph is plain, one where
/// only B does is inserted, one where only A does is deleted. So rejecting every change gives A's
/// paragraphs and accepting every change B's, not only their text.
pub fn render(c: &Comparison, date: &str, east_asia_font: &str) -> Result<Vec<u8>, String> {
    let writer = Writer { date };
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut current = Paragraph::new();
    // The paragraph of A and of B the text written so far ends in.
    let (mut a_paragraph, mut b_paragraph): (Option<usize>, Option<usize>) = (None, None);
    for step in steps(c) {
        let place = place_of(c, &step);
        let a_break = place
            .a
            .zip(a_paragraph)
            .is_some_and(|((first, _), last)| first != last);
        let b_break = place
            .b
            .zip(b_paragraph)
            .is_some_and(|((first, _), last)| first != last);
        if a_break || b_break {
            let ended = std::mem::replace(&mut current, Paragraph::new());
            paragraphs.push(match (a_break, b_break) {
                (true, true) => ended,
                (false, true) => ended.insert(AUTHOR, date),
                _ => ended.delete(AUTHOR, date),
            });
        }
        if let Some((_, last)) = place.a {
            a_paragraph = Some(last);
        }
        if let Some((_, last)) = place.b {
            b_paragraph = Some(last);
        }
        current = match step {
            Step::Deleted(i) => current.add_delete(writer.deleted(sentence_text(&c.a, i))),
            Step::Inserted(j) => current.add_insert(writer.inserted(sentence_text(&c.b, j))),
            Step::Kept(k) => writer.pair(current, c, k),
            Step::MovedFrom(k) => {
                let a = c.alignment.pairs[k].a.clone().expect("a moved pair has A");
                let span = crate::diff::sentence_span(&c.a, a);
                current.add_move_from(writer.moved_from(span.of(&c.a.normalized.text), k))
            }
            Step::MovedTo(k) => {
                let b = c.alignment.pairs[k].b.clone().expect("a moved pair has B");
                let span = crate::diff::sentence_span(&c.b, b);
                current.add_move_to(writer.moved_to(span.of(&c.b.normalized.text), k))
            }
        };
    }
    paragraphs.push(current);
    let fonts = RunFonts::new()
        .east_asia(east_asia_font)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let doc = paragraphs
        .into_iter()
        .fold(Docx::new().default_fonts(fonts).default_size(24), |d, p| {
            d.add_paragraph(p)
        });
    let mut bytes = Vec::new();
    doc.build()
        .pack(std::io::Cursor::new(&mut bytes))
        .map_err(|e| e.to_string())?;
    let options = super::report::docx::DocxOptions {
        title: format!("{} → {}", c.a.id, c.b.id),
        east_asian_font: east_asia_font.to_string(),
        date: date.to_string(),
        contents: Vec::new(),
    };
    super::report::docx::finish(&bytes, &options)
}

struct Writer<'d> {
    date: &'d str,
}

impl Writer<'_> {
    fn deleted(&self, text: &str) -> Delete {
        Delete::new()
            .add_run(Run::new().add_delete_text(xml_safe(text)))
            .author(AUTHOR)
            .date(self.date)
    }

    fn inserted(&self, text: &str) -> Insert {
        Insert::new(Run::new().add_text(xml_safe(text)))
            .author(AUTHOR)
            .date(self.date)
    }

    /// A move's source; its author names the move (see [`super::report::docx::linked_moves`]).
    fn moved_from(&self, text: &str, pair: usize) -> MoveFrom {
        MoveFrom::new()
            .add_run(Run::new().add_text(xml_safe(text)))
            .author(super::report::docx::move_author(AUTHOR, pair))
            .date(self.date)
    }

    fn moved_to(&self, text: &str, pair: usize) -> MoveTo {
        MoveTo::new(Run::new().add_text(xml_safe(text)))
            .author(super::report::docx::move_author(AUTHOR, pair))
            .date(self.date)
    }

    /// A kept pair: B's text with A's words deleted and B's inserted where they differ.
    fn pair(&self, mut p: Paragraph, c: &Comparison, k: usize) -> Paragraph {
        let pair = &c.alignment.pairs[k];
        let Some(d) = c.diff.for_pair(k) else {
            let b = pair.b.clone().expect("a kept pair has B");
            let span = crate::diff::sentence_span(&c.b, b);
            return p.add_run(Run::new().add_text(xml_safe(span.of(&c.b.normalized.text))));
        };
        let (a_text, b_text) = (&c.a.normalized.text, &c.b.normalized.text);
        for e in &d.edits {
            let (old, new) = (e.a.of(a_text), e.b.of(b_text));
            p = match e.op {
                EditOp::Equal => p.add_run(Run::new().add_text(xml_safe(new))),
                EditOp::Delete => p.add_delete(self.deleted(old)),
                EditOp::Insert => p.add_insert(self.inserted(new)),
                EditOp::Replace => p
                    .add_delete(self.deleted(old))
                    .add_insert(self.inserted(new)),
            };
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignOptions;
    use crate::ingest::{LoadOptions, document_from_bytes};

    fn doc(text: &str, name: &str) -> Document {
        document_from_bytes(text.as_bytes(), name, None, &LoadOptions::default()).unwrap()
    }

    #[test]
    fn every_sentence_of_both_documents_is_one_step_in_its_order() {
        let c = crate::compare::compare(
            doc(
                "甲说了第一句话。乙说了第二句话。丙说了第三句话。丁说了第四句话。",
                "a.txt",
            ),
            doc(
                "丁说了第四句话。甲说了第一句话。丙改说了第三句话。戊说了新的话。",
                "b.txt",
            ),
            crate::words::Segmenter::shared(),
            &AlignOptions::default(),
        );
        let steps = steps(&c);
        let a_order: Vec<usize> = steps
            .iter()
            .filter_map(|s| match s {
                Step::Deleted(i) => Some(*i),
                Step::Kept(k) | Step::MovedFrom(k) => Some(c.alignment.pairs[*k].a.clone()?.start),
                Step::Inserted(_) | Step::MovedTo(_) => None,
            })
            .collect();
        assert_eq!(a_order, [0, 1, 2, 3]);
        let b_order: Vec<usize> = steps
            .iter()
            .filter_map(|s| match s {
                Step::Inserted(j) => Some(*j),
                Step::Kept(k) | Step::MovedTo(k) => Some(c.alignment.pairs[*k].b.clone()?.start),
                Step::Deleted(_) | Step::MovedFrom(_) => None,
            })
            .collect();
        assert_eq!(b_order, [0, 1, 2, 3]);
        let moved: Vec<&Step> = steps
            .iter()
            .filter(|s| matches!(s, Step::MovedFrom(_) | Step::MovedTo(_)))
            .collect();
        assert_eq!(moved.len(), 2, "丁说了第四句话 moved unchanged: {steps:?}");
    }

    #[test]
    fn an_article_adapted_in_other_words_is_struck_out_right_before_its_rewording() {
        let law = "第一条 为了保障献血者和用血者身体健康，制定本法。\n\n第二条 国家实行无偿献血制度并提倡健康公民自愿献血。\n\n第三条 各级人民政府和红十字会对献血工作中成绩显著的单位和个人给予奖励。\n\n第四条 本法自一九九八年十月一日起施行。\n";
        let measure = "第一条 为了保障献血者和用血者身体健康，制定本规定。\n\n第二条 市人民政府应当制定本辖区的医疗急救用血预案。\n\n第三条 有下列情形之一的由市人民政府和市红十字会给予表彰。\n\n第四条 本法自一九九八年十月一日起施行。\n";
        let mut c = crate::compare::compare(
            doc(law, "law.md"),
            doc(measure, "measure.md"),
            crate::words::Segmenter::shared(),
            &AlignOptions::default(),
        );
        let kinds = |c: &Comparison| -> Vec<String> {
            steps(c)
                .iter()
                .map(|s| match s {
                    Step::Deleted(i) => format!("-A{i}"),
                    Step::Inserted(j) => format!("+B{j}"),
                    Step::Kept(k) => {
                        format!("=A{}", c.alignment.pairs[*k].a.clone().unwrap().start)
                    }
                    other => format!("{other:?}"),
                })
                .collect()
        };
        // Sentence by sentence, the two rewordings lie apart: A's second and third articles
        // struck out, then B's second and third put in.
        let mut map = c.articles.clone().expect("both in articles");
        c.articles = None;
        assert_eq!(kinds(&c), ["=A0", "-A1", "-A2", "+B1", "+B2", "=A3"]);
        // Article by article, with 第三条 adapted by 第三条 (the rewards): side by side.
        map.links = [(0, Some(0)), (1, None), (2, Some(2)), (3, Some(3))]
            .into_iter()
            .map(|(a, b)| crate::articles::ArticleLink {
                a: Some(a),
                b,
                kind: if b.is_some() {
                    crate::articles::ArticleKind::Adapted
                } else {
                    crate::articles::ArticleKind::LeftOut
                },
                similarity: 0.5,
            })
            .chain(std::iter::once(crate::articles::ArticleLink {
                a: None,
                b: Some(1),
                kind: crate::articles::ArticleKind::New,
                similarity: 0.0,
            }))
            .collect();
        c.articles = Some(map);
        assert_eq!(kinds(&c), ["=A0", "-A1", "+B1", "-A2", "+B2", "=A3"]);
    }
}
