//! Exact expectations of alignment and diff on the bundled samples: the 2018 and the 2023 county
//! speeches (001 → 000) and the provincial summary against the county speech (002 → 000). These
//! are different counties and a different province, so they share stock passages, not sentences.

use crate::common;

use tifa::align::{AlignOptions, PairKind};
use tifa::compare::{Comparison, compare};
use tifa::diff::EditClass;
use tifa::words::Segmenter;

fn compared(a: &str, b: &str, min_similarity: f64) -> Comparison {
    let options = AlignOptions {
        min_similarity,
        ..AlignOptions::default()
    };
    compare(
        common::sample(a),
        common::sample(b),
        Segmenter::shared(),
        &options,
    )
}

fn b_text(c: &Comparison, range: &std::ops::Range<usize>) -> String {
    tifa::present::views::side(&c.b, range).text
}

fn passages(c: &Comparison) -> Vec<String> {
    c.alignment
        .passages
        .iter()
        .map(|p| p.b.of(&c.b.normalized.text).to_string())
        .collect()
}

#[test]
fn county_2018_to_county_2023_shares_one_sentence_and_stock_passages() {
    let c = compared("001", "000", AlignOptions::default().min_similarity);
    let counts: Vec<usize> = PairKind::ALL
        .iter()
        .map(|&k| c.alignment.count(k))
        .collect();
    // identical, changed, moved, added, dropped: the two changed pairs are sentences in order
    // between aligned neighbours (the 讲三点意见 transition formula, the 加强组织领导 heading).
    assert_eq!(counts, [1, 2, 0, 69, 55]);
    let shared: Vec<_> = c
        .alignment
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Identical)
        .collect();
    assert_eq!(b_text(&c, shared[0].b.as_ref().unwrap()), "同志们：");
    let found = passages(&c);
    for expected in [
        "学习贯彻习近平总书记关于网络强国",
        "全国网络安全和信息化工作会议",
        "全市网络安全和信息化工作会议精神",
    ] {
        assert!(
            found.iter().any(|p| p == expected),
            "{expected} not in {found:?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|p| p == "习近平新时代中国特色社会主义思想"),
        "a stock term counted as a passage"
    );
    assert!(c.alignment.coverage.copy_ratio < 0.01);
    assert!(
        (0.03..0.08).contains(&c.alignment.coverage.passage_ratio),
        "{}",
        c.alignment.coverage.passage_ratio
    );
}

#[test]
fn the_adapted_transition_formula_pairs_in_order_at_the_default_threshold() {
    let c = compared("001", "000", AlignOptions::default().min_similarity);
    let pair = c
        .alignment
        .pairs
        .iter()
        .enumerate()
        .find(|(_, p)| {
            p.b.as_ref()
                .is_some_and(|b| b_text(&c, b) == "下面，就贯彻落实好本次会议精神，我讲三点意见。")
        })
        .expect("the 讲三点意见 sentence is paired");
    let a = tifa::present::views::side(&c.a, pair.1.a.as_ref().unwrap());
    assert_eq!(
        a.text,
        "下面，我就贯彻落实全国和省市网信工作会议精神，进一步提升全县网络安全和信息化工作水平讲五点意见。"
    );
    assert_eq!(a.line, 8);
    assert_eq!(pair.1.kind, PairKind::Changed);
    assert_eq!(
        c.diff.for_pair(pair.0).unwrap().class,
        EditClass::HeavyRewrite
    );
    let changes: Vec<(&str, &str)> = c
        .diff
        .formulation_changes
        .iter()
        .map(|f| (f.before.as_str(), f.after.as_str()))
        .collect();
    // The sentences are a heavy rewrite below the documented similarity (0.5): they pair by
    // place, and their differences are no formulation change (全国和省市网信工作 → 好本次 was
    // noise).
    assert!(
        pair.1.similarity < AlignOptions::default().min_similarity,
        "{}",
        pair.1.similarity
    );
    assert!(
        !changes.contains(&("全国和省市网信工作", "好本次")),
        "{changes:?}"
    );
    // The heading's number and the enumeration marker are places in the text, not wording.
    assert!(
        !changes
            .iter()
            .any(|(a, b)| a.contains("五、") || b.contains("一是")),
        "{changes:?}"
    );
}

#[test]
fn provincial_summary_and_county_speech_share_no_sentence() {
    let c = compared("002", "000", AlignOptions::default().min_similarity);
    assert_eq!(
        c.alignment.count(PairKind::Added),
        c.b.structure.sentences.len()
    );
    assert_eq!(
        c.alignment.count(PairKind::Dropped),
        c.a.structure.sentences.len()
    );
    // Their only common stretch, 习近平新时代中国特色社会主义思想, is a stock term, not a passage.
    assert!(passages(&c).is_empty(), "{:?}", passages(&c));
    assert_eq!(c.alignment.coverage.copy_ratio, 0.0);
}
