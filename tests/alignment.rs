//! Alignment invariants and a synthetic-edit benchmark on real text: every edit a drafter makes
//! (delete, insert foreign sentences, move blocks, substitute words, paraphrase, split, merge,
//! truncate) applied with a fixed seed, and the pairs found scored against the truth.

mod common;

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

/// B's sentences and, for each, the A sentences it comes from.
fn edited(a: &[String], foreign: &[String], rng: &mut Rng) -> (Vec<String>, Vec<BTreeSet<usize>>) {
    let mut b: Vec<(String, BTreeSet<usize>)> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        let s = &a[i];
        let from = BTreeSet::from([i]);
        let roll = rng.below(100);
        match roll {
            0..=9 => {} // deleted
            10..=24 => b.push((substitute(s, rng), from)),
            25..=34 => b.push((paraphrase(s, rng), from)),
            35..=39 if s.matches('，').count() >= 2 => {
                let body = s.trim_end_matches('。');
                let commas: Vec<usize> = body.match_indices('，').map(|(p, _)| p).collect();
                let at = commas[commas.len() / 2];
                b.push((format!("{}。", &body[..at]), from.clone()));
                b.push((format!("{}。", &body[at + '，'.len_utf8()..]), from));
            }
            40..=44 if i + 1 < a.len() => {
                let merged = format!("{}，{}", s.trim_end_matches('。'), a[i + 1]);
                b.push((merged, BTreeSet::from([i, i + 1])));
                i += 1;
            }
            45..=49 => {
                let chars: Vec<char> = s.trim_end_matches('。').chars().collect();
                let kept: String = chars[..chars.len() * 3 / 4].iter().collect();
                b.push((format!("{kept}。"), from));
            }
            _ => b.push((s.clone(), from)),
        }
        if rng.chance(10) {
            b.push((foreign[rng.below(foreign.len())].clone(), BTreeSet::new()));
        }
        i += 1;
    }
    for _ in 0..2 {
        let len = 3.min(b.len());
        let start = rng.below(b.len() - len);
        let block: Vec<_> = b.drain(start..start + len).collect();
        let to = rng.below(b.len());
        b.splice(to..to, block);
    }
    b.into_iter().unzip()
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

#[test]
fn synthetic_edits_are_recovered_with_high_precision_and_recall() {
    let seed = std::env::var("TIFA_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7469_6661_2024);
    let mut rng = Rng(seed);
    let mut source = sentences_of("000");
    source.extend(sentences_of("001"));
    let foreign = sentences_of("002");
    let (b_sentences, truth_sources) = edited(&source, &foreign, &mut rng);
    let c = compare_texts(&text_of(&source), &text_of(&b_sentences));
    assert_eq!(
        c.a.structure.sentences.len(),
        source.len(),
        "A must split as generated"
    );
    assert_eq!(
        c.b.structure.sentences.len(),
        b_sentences.len(),
        "B must split as generated"
    );
    let truth: BTreeSet<(usize, usize)> = truth_sources
        .iter()
        .enumerate()
        .flat_map(|(j, from)| from.iter().map(move |&i| (i, j)))
        .collect();
    let predicted = predicted_links(&c);
    let hits = predicted.intersection(&truth).count() as f64;
    let precision = hits / predicted.len() as f64;
    let recall = hits / truth.len() as f64;
    println!(
        "synthetic edits: {} A sentences, {} B sentences, {} true links; precision {precision:.3}, recall {recall:.3}",
        source.len(),
        b_sentences.len(),
        truth.len()
    );
    for missed in truth.difference(&predicted).take(10) {
        println!(
            "missed {missed:?}: {} ⇒ {}",
            source[missed.0], b_sentences[missed.1]
        );
    }
    for wrong in predicted.difference(&truth).take(10) {
        println!(
            "wrong {wrong:?}: {} ⇒ {}",
            source[wrong.0], b_sentences[wrong.1]
        );
    }
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
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
        let trivial = |k: &usize| {
            tifa::chars::han_count(d.structure.sentences[*k].span.of(&d.normalized.text)) < 2
        };
        for (k, p) in c.alignment.pairs.iter().enumerate() {
            let b = p.b.clone().or(p.a.clone()).unwrap();
            if trivial(&b.start) {
                continue; // "……" lines have nothing to compare
            }
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

        /// Any text aligned with itself: every sentence with something to compare is identical,
        /// paired with itself, and nothing panics on odd input (empty sentences, repeats).
        #[test]
        fn any_text_aligned_with_itself_is_identical(sentences in prop::collection::vec(sentence(), 1..40)) {
            let text = sentences.concat();
            let Ok(d) = document_from_bytes(text.as_bytes(), "t.txt", None, &LoadOptions::default()) else { return Ok(()) };
            let c = compare(d.clone(), d.clone(), Segmenter::shared(), &AlignOptions::default());
            for p in &c.alignment.pairs {
                let range = p.b.clone().or(p.a.clone()).unwrap();
                let key: String = d.structure.sentences[range.start].span.of(&d.normalized.text)
                    .chars().filter(|&ch| tifa::align::features::comparable(ch)).collect();
                if key.chars().count() < 2 {
                    continue;
                }
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
