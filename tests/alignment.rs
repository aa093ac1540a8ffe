//! Alignment invariants and a synthetic-edit benchmark on real text: every edit a drafter makes
//! (delete, insert foreign sentences, move blocks, substitute words, paraphrase, split, merge,
//! truncate) applied with a fixed seed, and the pairs found scored against the truth.

use crate::common;

use std::collections::BTreeSet;
use tifa::align::{AlignOptions, PairKind};
use tifa::compare::{Comparison, compare};
use tifa::ingest::{Document, LoadOptions, document_from_bytes};
use tifa::words::Segmenter;

fn doc(text: &str, name: &str) -> Document {
    document_from_bytes(text.as_bytes(), name, None, &LoadOptions::default()).unwrap()
}

fn compare_texts(a: &str, b: &str) -> Comparison {
    compare(
        doc(a, "a.txt"),
        doc(b, "b.txt"),
        Segmenter::shared(),
        &AlignOptions::default(),
    )
}

/// Real sentences of a sample: at least 10 Han characters, one sentence each, ending in 。.
fn sentences_of(prefix: &str) -> Vec<String> {
    let d = common::sample(prefix);
    d.structure
        .sentences
        .iter()
        .filter(|s| s.heading.is_none())
        .map(|s| s.span.of(&d.normalized.text).to_string())
        .filter(|s| {
            tifa::chars::han_count(s) >= 10 && s.ends_with('。') && !s.contains(['“', '”', '：'])
        })
        .collect()
}

/// Joins sentences into paragraphs of three.
fn text_of(sentences: &[String]) -> String {
    sentences
        .chunks(3)
        .map(|c| c.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small deterministic generator (xorshift), so the test needs no dependency and never varies.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SUBSTITUTIONS: &[(&str, &str)] = &[
    ("全县", "全省"),
    ("县委", "省委"),
    ("加强", "强化"),
    ("推进", "推动"),
    ("进一步", "切实"),
    ("网络安全", "网络安全工作"),
    ("坚持", "始终坚持"),
    ("我县", "我省"),
    ("要", "必须"),
    ("工作", "任务"),
];

fn substitute(s: &str, rng: &mut Rng) -> String {
    let mut out = s.to_string();
    let mut done = 0;
    for _ in 0..SUBSTITUTIONS.len() * 2 {
        let (from, to) = SUBSTITUTIONS[rng.below(SUBSTITUTIONS.len())];
        if out.contains(from) {
            out = out.replacen(from, to, 1);
            done += 1;
        }
        if done == 2 {
            break;
        }
    }
    out
}

/// Swaps two clauses and drops a few characters: the same content, said in another order.
fn paraphrase(s: &str, rng: &mut Rng) -> String {
    let body = s.trim_end_matches('。');
    let mut clauses: Vec<&str> = body.split('，').collect();
    if clauses.len() >= 2 {
        let k = rng.below(clauses.len() - 1);
        clauses.swap(k, k + 1);
    }
    let joined = clauses.join("，");
    let chars: Vec<char> = joined.chars().collect();
    let cut = rng.below(chars.len().max(2) - 1);
    let kept: String = chars
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != cut && *i != cut + 1)
        .map(|(_, c)| *c)
        .collect();
    format!("{kept}。")
}

/// A heavy rewrite: two clauses swapped and about a quarter of the Han characters replaced, in
/// runs of two, by characters of an unrelated sentence.
fn rewrite(s: &str, foreign: &str, rng: &mut Rng) -> String {
    let swapped = paraphrase_order(s, rng);
    let mut chars: Vec<char> = swapped.chars().collect();
    let other: Vec<char> = foreign
        .chars()
        .filter(|&c| tifa::chars::is_han(c))
        .collect();
    let han = chars.iter().filter(|&&c| tifa::chars::is_han(c)).count();
    let mut replaced = 0;
    let mut tries = 0;
    while replaced * 4 < han && tries < 200 && !other.is_empty() {
        tries += 1;
        let at = rng.below(chars.len().max(2) - 1);
        for k in at..(at + 2).min(chars.len()) {
            if tifa::chars::is_han(chars[k]) {
                chars[k] = other[rng.below(other.len())];
                replaced += 1;
            }
        }
    }
    chars.into_iter().collect()
}

/// Two neighbouring clauses swapped, nothing else changed.
fn paraphrase_order(s: &str, rng: &mut Rng) -> String {
    let body = s.trim_end_matches('。');
    let mut clauses: Vec<&str> = body.split('，').collect();
    if clauses.len() >= 2 {
        let k = rng.below(clauses.len() - 1);
        clauses.swap(k, k + 1);
    }
    format!("{}。", clauses.join("，"))
}

/// The kinds of edit the generator makes, as the per-kind scores name them.
const EDIT_KINDS: [&str; 9] = [
    "kept",
    "substituted",
    "paraphrased",
    "rewritten",
    "split",
    "merged",
    "truncated",
    "inserted",
    "moved",
];

/// One sentence of B: its text, the A sentences it comes from, and the edit that made it.
type Generated = (String, BTreeSet<usize>, &'static str);

/// B's sentences and, for each, the A sentences it comes from and the edit that made it.
fn edited(a: &[String], foreign: &[String], rng: &mut Rng) -> Vec<Generated> {
    let mut b: Vec<Generated> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        let s = &a[i];
        let from = BTreeSet::from([i]);
        let roll = rng.below(100);
        match roll {
            0..=9 => {} // deleted
            10..=21 => b.push((substitute(s, rng), from, "substituted")),
            22..=29 => b.push((paraphrase(s, rng), from, "paraphrased")),
            30..=37 => {
                let other = &foreign[rng.below(foreign.len())];
                b.push((rewrite(s, other, rng), from, "rewritten"));
            }
            38..=41 if s.matches('，').count() >= 2 => {
                let body = s.trim_end_matches('。');
                let commas: Vec<usize> = body.match_indices('，').map(|(p, _)| p).collect();
                let at = commas[commas.len() / 2];
                b.push((format!("{}。", &body[..at]), from.clone(), "split"));
                b.push((
                    format!("{}。", &body[at + '，'.len_utf8()..]),
                    from,
                    "split",
                ));
            }
            42..=45 if i + 1 < a.len() => {
                let merged = format!("{}，{}", s.trim_end_matches('。'), a[i + 1]);
                b.push((merged, BTreeSet::from([i, i + 1]), "merged"));
                i += 1;
            }
            46..=49 => {
                let chars: Vec<char> = s.trim_end_matches('。').chars().collect();
                let kept: String = chars[..chars.len() * 3 / 4].iter().collect();
                b.push((format!("{kept}。"), from, "truncated"));
            }
            _ => b.push((s.clone(), from, "kept")),
        }
        if rng.chance(10) {
            let other = foreign[rng.below(foreign.len())].clone();
            b.push((other, BTreeSet::new(), "inserted"));
        }
        i += 1;
    }
    for _ in 0..2 {
        let len = 3.min(b.len());
        let start = rng.below(b.len() - len);
        let mut block: Vec<_> = b.drain(start..start + len).collect();
        for sentence in &mut block {
            if sentence.2 == "kept" {
                sentence.2 = "moved";
            }
        }
        let to = rng.below(b.len());
        b.splice(to..to, block);
    }
    b
}

/// Links found and missed per edit kind (by the kind of the B sentence), over several runs.
#[derive(Default)]
struct Scores {
    /// kind → (true links, predicted links, predicted links that are true).
    by_kind: std::collections::BTreeMap<&'static str, (usize, usize, usize)>,
}

impl Scores {
    fn add(
        &mut self,
        kinds: &[&'static str],
        truth: &BTreeSet<(usize, usize)>,
        predicted: &BTreeSet<(usize, usize)>,
    ) {
        for l in truth {
            self.by_kind.entry(kinds[l.1]).or_default().0 += 1;
        }
        for l in predicted {
            let entry = self.by_kind.entry(kinds[l.1]).or_default();
            entry.1 += 1;
            entry.2 += usize::from(truth.contains(l));
        }
    }
    /// (true links, precision, recall) of one kind, or of all with `None`.
    fn of(&self, kind: Option<&str>) -> (usize, f64, f64) {
        let (t, p, h) = self
            .by_kind
            .iter()
            .filter(|(k, _)| kind.is_none_or(|kind| **k == kind))
            .fold((0, 0, 0), |acc, (_, v)| {
                (acc.0 + v.0, acc.1 + v.1, acc.2 + v.2)
            });
        let ratio = |x: usize, y: usize| if y == 0 { 1.0 } else { x as f64 / y as f64 };
        (t, ratio(h, p), ratio(h, t))
    }
}

/// Runs the generator with `runs` seeds from `seed` and scores the alignment under `options`.
fn synthetic_scores(seed: u64, runs: u64, options: &AlignOptions, show: bool) -> Scores {
    let mut source = sentences_of("000");
    source.extend(sentences_of("001"));
    let foreign = sentences_of("002");
    let mut scores = Scores::default();
    for run in 0..runs {
        let mut rng = Rng(seed.wrapping_add(run.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
        let generated = edited(&source, &foreign, &mut rng);
        let b_sentences: Vec<String> = generated.iter().map(|g| g.0.clone()).collect();
        let kinds: Vec<&'static str> = generated.iter().map(|g| g.2).collect();
        let c = compare(
            doc(&text_of(&source), "a.txt"),
            doc(&text_of(&b_sentences), "b.txt"),
            Segmenter::shared(),
            options,
        );
        assert_eq!(
            c.a.structure.sentences.len(),
            source.len(),
            "A splits as generated"
        );
        assert_eq!(
            c.b.structure.sentences.len(),
            b_sentences.len(),
            "B splits as generated"
        );
        let truth: BTreeSet<(usize, usize)> = generated
            .iter()
            .enumerate()
            .flat_map(|(j, g)| g.1.iter().map(move |&i| (i, j)))
            .collect();
        let predicted = predicted_links(&c);
        if show {
            for missed in truth.difference(&predicted).take(3) {
                println!(
                    "missed {missed:?}: {} ⇒ {}",
                    source[missed.0], b_sentences[missed.1]
                );
            }
            for wrong in predicted.difference(&truth).take(3) {
                println!(
                    "wrong {wrong:?}: {} ⇒ {}",
                    source[wrong.0], b_sentences[wrong.1]
                );
            }
        }
        scores.add(&kinds, &truth, &predicted);
    }
    scores
}

/// (a sentence, b sentence) links of the alignment.
fn predicted_links(c: &Comparison) -> BTreeSet<(usize, usize)> {
    let mut links = BTreeSet::new();
    for p in &c.alignment.pairs {
        if let (Some(a), Some(b)) = (&p.a, &p.b) {
            for i in a.clone() {
                for j in b.clone() {
                    links.insert((i, j));
                }
            }
        }
    }
    links
}

fn print_scores(label: &str, scores: &Scores) {
    let (links, p, r) = scores.of(None);
    println!("{label}: {links} true links; precision {p:.3}, recall {r:.3}");
    for kind in EDIT_KINDS {
        let (links, p, r) = scores.of(Some(kind));
        println!("  {kind:<12} {links:>4} true links  precision {p:.3}  recall {r:.3}");
    }
}

#[test]
fn synthetic_edits_are_recovered_with_high_precision_and_recall() {
    let seed = std::env::var("TIFA_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7469_6661_2024);
    let defaults = AlignOptions::default();
    let scores = synthetic_scores(seed, 12, &defaults, true);
    print_scores("synthetic edits, 12 runs, defaults", &scores);
    let (_, precision, recall) = scores.of(None);
    assert!(precision >= 0.97, "precision {precision:.3}");
    assert!(recall >= 0.97, "recall {recall:.3}");
    for kind in EDIT_KINDS {
        let (_, p, r) = scores.of(Some(kind));
        assert!(p >= 0.95, "{kind}: precision {p:.3}");
        assert!(r >= 0.9, "{kind}: recall {r:.3}");
    }
    // The in-order rule is what pairs the heavy rewrites: without it (one threshold for all),
    // fewer of them pair.
    let one_threshold = AlignOptions {
        min_in_order_similarity: defaults.min_similarity,
        ..defaults
    };
    let without = synthetic_scores(seed, 12, &one_threshold, false);
    print_scores("without the in-order threshold", &without);
    let (_, _, rewritten_with) = scores.of(Some("rewritten"));
    let (_, _, rewritten_without) = without.of(Some("rewritten"));
    assert!(
        rewritten_with > rewritten_without,
        "rewritten recall {rewritten_with:.3} with the rule, {rewritten_without:.3} without"
    );
}

#[test]
fn a_document_aligned_with_itself_is_all_identical() {
    for prefix in ["000", "001", "002", "003"] {
        let d = common::sample(prefix);
        let c = compare(
            d.clone(),
            d.clone(),
            Segmenter::shared(),
            &AlignOptions::default(),
        );
        // "……" and "好。" lines included: they pair with themselves too.
        for (k, p) in c.alignment.pairs.iter().enumerate() {
            assert_eq!(p.kind, PairKind::Identical, "{prefix} pair {k}: {p:?}");
            assert_eq!(p.a, p.b);
        }
        assert!(c.alignment.coverage.copy_ratio > 0.99);
        assert!(c.diff.formulation_changes.is_empty());
    }
}

#[test]
fn shuffled_sentences_are_all_found_and_all_moved() {
    let source = sentences_of("000");
    let mut rng = Rng(42);
    let mut order: Vec<usize> = (0..source.len()).collect();
    for k in (1..order.len()).rev() {
        order.swap(k, rng.below(k + 1));
    }
    let shuffled: Vec<String> = order.iter().map(|&k| source[k].clone()).collect();
    let c = compare_texts(&text_of(&source), &text_of(&shuffled));
    let found = c
        .alignment
        .pairs
        .iter()
        .filter(|p| p.a.is_some() && p.b.is_some())
        .count();
    assert_eq!(found, source.len());
    for p in &c.alignment.pairs {
        assert_eq!(p.kind, PairKind::Moved, "{p:?}");
        let (a, b) = (p.a.clone().unwrap(), p.b.clone().unwrap());
        assert_eq!(order[b.start], a.start, "paired with the wrong sentence");
    }
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    fn sentence() -> impl Strategy<Value = String> {
        (
            "[网络安全信息化工作会议精神习近平总书记全县省市党委领导坚持推进数字经济]{0,30}",
            prop::sample::select(vec!["。", "！", "？", "；", "", "\n"]),
        )
            .prop_map(|(body, end)| format!("{body}{end}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]

        /// Any text aligned with itself: every sentence is identical and paired with itself, and
        /// nothing panics on odd input (empty sentences, repeats).
        #[test]
        fn any_text_aligned_with_itself_is_identical(sentences in prop::collection::vec(sentence(), 1..40)) {
            let text = sentences.concat();
            let Ok(d) = document_from_bytes(text.as_bytes(), "t.txt", None, &LoadOptions::default()) else { return Ok(()) };
            let c = compare(d.clone(), d.clone(), Segmenter::shared(), &AlignOptions::default());
            for p in &c.alignment.pairs {
                prop_assert_eq!(p.kind, PairKind::Identical, "{:?}", p);
                prop_assert_eq!(&p.a, &p.b);
            }
        }
    }
}

#[test]
fn a_split_sentence_is_one_to_two_and_merged_sentences_are_two_to_one() {
    let a = "同志们，今年全县网信工作取得新进展。\
             我们要坚持以人民为中心，走群众路线，增进人民福祉，让人民在信息化发展中有更多获得感。\
             要加强关键信息基础设施安全保护。要提高网络安全防御能力和威慑能力。\
             最后，大家要认真抓好工作落实。";
    let b = "同志们，今年全县网信工作取得新进展。\
             我们要坚持以人民为中心，走群众路线。增进人民福祉，让人民在信息化发展中有更多获得感。\
             要加强关键信息基础设施安全保护，提高网络安全防御能力和威慑能力。\
             最后，大家要认真抓好工作落实。";
    let c = compare_texts(a, b);
    type Row = (
        PairKind,
        Option<std::ops::Range<usize>>,
        Option<std::ops::Range<usize>>,
    );
    let ranges: Vec<Row> = c
        .alignment
        .pairs
        .iter()
        .map(|p| (p.kind, p.a.clone(), p.b.clone()))
        .collect();
    assert_eq!(
        ranges,
        [
            (PairKind::Identical, Some(0..1), Some(0..1)),
            (PairKind::Identical, Some(1..2), Some(1..3)),
            (PairKind::Changed, Some(2..4), Some(3..4)),
            (PairKind::Identical, Some(4..5), Some(4..5)),
        ]
    );
}
