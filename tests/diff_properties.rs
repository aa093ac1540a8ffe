//! Invariants of the phrase diff: applied to A's text it gives B's text; equal steps are equal.

use proptest::prelude::*;
use tifa::diff::{EditOp, diff_spans};
use tifa::structure::Span;
use tifa::words::Segmenter;

const BASE: &str = "深刻把握新时代网信工作的战略部署，坚定树牢全局观念，用“五个明确”回答了2018年全县网信事业发展的重大问题。";
const WORDS: &[&str] = &[
    "全省",
    "十个坚持",
    "2023年",
    "加强",
    "网络安全",
    "，",
    "的",
    "XX",
    "承德县",
    "数字经济",
    "高质量发展",
];

/// B: A with some characters cut out and some words put in.
fn variant() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..BASE.chars().count(),
            0..3usize,
            prop::sample::select(WORDS),
        ),
        0..8,
    )
    .prop_map(|edits| {
        let mut chars: Vec<String> = BASE.chars().map(String::from).collect();
        for (at, cut, word) in edits {
            let at = at.min(chars.len());
            let end = (at + cut).min(chars.len());
            chars.splice(at..end, [word.to_string()]);
        }
        chars.concat()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_diff_applied_reproduces_the_new_text(a in variant(), b in variant()) {
        let segmenter = Segmenter::shared();
        let (ta, tb) = (segmenter.tokenize(&a), segmenter.tokenize(&b));
        let edits = diff_spans(&a, &ta, Span::new(0, a.len()), &b, &tb, Span::new(0, b.len()));
        let mut old = String::new();
        let mut new = String::new();
        for e in &edits {
            old.push_str(e.a.of(&a));
            new.push_str(e.b.of(&b));
            match e.op {
                EditOp::Equal => prop_assert_eq!(e.a.of(&a), e.b.of(&b)),
                EditOp::Delete => prop_assert!(e.b.is_empty()),
                EditOp::Insert => prop_assert!(e.a.is_empty()),
                EditOp::Replace => prop_assert!(e.a.of(&a) != e.b.of(&b)),
            }
        }
        prop_assert_eq!(&old, &a);
        prop_assert_eq!(&new, &b);
        for pair in edits.windows(2) {
            prop_assert!(pair[0].op == EditOp::Equal || pair[1].op == EditOp::Equal, "two edits in a row: {:?}", pair);
        }
    }
}
