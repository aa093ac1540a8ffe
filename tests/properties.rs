//! Invariants of decoding and normalization, on generated text that looks like the real thing:
//! Han characters, Chinese and ASCII punctuation, headings, quotes, glosses, Markdown, spaces, breaks.

use proptest::prelude::*;
use tifa::decode::decode;
use tifa::normalize::{BoilerplateRules, normalize};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[网络安全信息化工作会议精神习近平总书记全县省市党委领导坚持]{1,12}",
        2 => prop::sample::select(vec!["，", "。", "、", "；", "：", "！", "？", "“", "”", "（", "）", "……", "——"]).prop_map(String::from),
        1 => prop::sample::select(vec![",", ";", ":", "?", "!", "(", ")", ".", "\"", "―"]).prop_map(String::from),
        1 => prop::sample::select(vec!["一、", "（二）", "3.", "（4）", "一是", "二要", "第一部分"]).prop_map(String::from),
        1 => prop::sample::select(vec!["(xí)", "(wǎng)", "?xùn)|", "**", "__", "《网络安全法》", "十个坚持"]).prop_map(String::from),
        1 => prop::sample::select(vec![" ", "　", "  2018 ", "２０２３", "ＡＰＰ", "\n", "\n\n", "\r\n", "\t"]).prop_map(String::from),
        1 => prop::sample::select(vec!["網絡", "習近平", "黨的", "秘 密", "本文系邮箱投稿，仅供学习参考"]).prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn normalization_is_idempotent(text in document()) {
        let rules = BoilerplateRules::default();
        let Ok(decoded) = decode(text.as_bytes(), None) else { return Ok(()) };
        let once = normalize(&decoded, &rules);
        if once.text.is_empty() {
            return Ok(()); // nothing left to normalize a second time
        }
        let again = normalize(&decode(once.text.as_bytes(), None).expect("normalized text decodes"), &rules);
        prop_assert_eq!(&again.text, &once.text);
    }

    #[test]
    fn every_normalized_character_maps_into_the_original(text in document()) {
        let Ok(decoded) = decode(text.as_bytes(), None) else { return Ok(()) };
        let n = normalize(&decoded, &BoilerplateRules::default());
        let origins = n.map.origins();
        prop_assert_eq!(origins.len(), n.text.chars().count());
        for (k, &at) in origins.iter().enumerate() {
            prop_assert!((at as usize) < text.len(), "origin {} beyond {}", at, text.len());
            prop_assert!(text.is_char_boundary(at as usize));
            if k > 0 {
                prop_assert!(origins[k - 1] <= at, "origins go backwards at {}", k);
            }
        }
        let lines = text.split('\n').count() as u32;
        for (pos, _) in n.text.char_indices() {
            let line = n.map.original_line(pos);
            prop_assert!(line >= 1 && line <= lines);
        }
    }

    #[test]
    fn decoding_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = decode(&bytes, None) {
            prop_assert_eq!(d.char_origins.len(), d.text.chars().count());
            prop_assert!(d.char_origins.iter().all(|&o| (o as usize) < bytes.len()));
            let _ = normalize(&d, &BoilerplateRules::default());
        }
    }

    #[test]
    fn decoding_gbk_text_reproduces_it(text in "[网络安全信息化工作会议，。、“”0-9a-z]{1,200}") {
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        let d = decode(&bytes, Some(encoding_rs::GB18030)).unwrap();
        prop_assert_eq!(d.text, text);
    }
}

/// Inputs proptest once found, kept so they are checked on every run.
#[test]
fn normalization_is_idempotent_on_inputs_that_once_broke_it() {
    let rules = BoilerplateRules::default();
    for text in [
        "秘 密(xí)\n书",
        "網絡黨的\n本文系邮箱投稿，仅供学习参考持持坚习全县会络工作记化习持近精总络作领持神导网领坚安议息党络书会全安信党息化议习息省省坚书神工工习作第一部分第一部分息持领市精记精会议信会平安精息持书络书精化神坚络化",
    ] {
        let once = normalize(&decode(text.as_bytes(), None).unwrap(), &rules);
        let again = normalize(&decode(once.text.as_bytes(), None).unwrap(), &rules);
        assert_eq!(again.text, once.text, "{text}");
    }
    let marked = normalize(&decode("秘 密(xí)\n书".as_bytes(), None).unwrap(), &rules);
    assert_eq!(marked.text, "书");
}

/// Slices of the four sample documents, cut anywhere, mixed with generated pieces: text whose
/// words jieba's dictionary knows, and odd ends it does not.
fn sample_slices() -> impl Strategy<Value = String> {
    let texts: Vec<String> = ["000", "001", "002", "003"]
        .iter()
        .map(|p| crate::common::sample(p).normalized.text)
        .collect();
    let slice = (0..texts.len(), any::<prop::sample::Index>(), 1usize..400).prop_map(
        move |(doc, start, len)| {
            let chars: Vec<char> = texts[doc].chars().collect();
            let from = start.index(chars.len());
            chars[from..chars.len().min(from + len)]
                .iter()
                .collect::<String>()
        },
    );
    prop::collection::vec(prop_oneof![3 => slice, 1 => piece()], 1..5)
        .prop_map(|pieces| pieces.concat())
}

fn words_of(segmenter: &tifa::words::Segmenter, text: &str) -> Vec<(String, String, bool)> {
    segmenter
        .tokenize(text)
        .into_iter()
        .map(|t| {
            let word = &text[t.span.start..t.span.end];
            let hidden = format!("{:?}", segmenter.hidden(word));
            (word.to_string(), format!("{:?} {hidden}", t.kind), t.stop)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// `tifa diff` builds its segmenter from the dictionary words of its two texts: it must cut
    /// them, find their formulations and judge their words exactly as the whole dictionary does.
    #[test]
    fn a_segmenter_for_two_texts_cuts_them_as_the_whole_dictionary(
        a in sample_slices(),
        b in sample_slices(),
    ) {
        use tifa::words::Segmenter;
        let full = Segmenter::shared();
        let within = Segmenter::for_texts(&[&a, &b], &[]).expect("no user dictionary");
        for text in [&a, &b] {
            prop_assert_eq!(words_of(&within, text), words_of(full, text));
            prop_assert_eq!(
                format!("{:?}", within.formulations(text)),
                format!("{:?}", full.formulations(text))
            );
        }
    }
}

#[test]
fn a_segmenter_for_two_texts_keeps_user_dictionaries() {
    use tifa::words::Segmenter;
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("user.txt");
    std::fs::write(&dict, "数字乡村建设 20 n\n高标准农田 5\n").unwrap();
    let text = crate::common::sample("003").normalized.text + "推进数字乡村建设，建设高标准农田。";
    let full = Segmenter::with_dictionaries(&[&dict]).unwrap();
    let within = Segmenter::for_texts(&[&text], &[&dict]).unwrap();
    let words = words_of(&within, &text);
    assert_eq!(words, words_of(&full, &text));
    assert!(words.iter().any(|(w, _, _)| w == "数字乡村建设"));
}

fn formulation_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => "[十九大全感党的二十届三中全会精神两个确立四个意识五位一体新质生产力人工智能]{1,10}",
            1 => prop::sample::select(vec!["“", "”", "《", "》", "，", "。", "+", "＋", "、", "“两个维护”", "“人工智能+”"]).prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Tokens follow each other without gap or overlap and cover the text exactly.
    #[test]
    fn tokens_never_overlap_and_cover_the_text(text in formulation_text()) {
        let tokens = tifa::words::Segmenter::shared().tokenize(&text);
        let mut at = 0;
        for t in &tokens {
            prop_assert_eq!(t.span.start, at, "{:?} in {:?}", t, text);
            prop_assert!(t.span.end > t.span.start);
            at = t.span.end;
        }
        prop_assert_eq!(at, text.len());
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any nesting of elements is read without a panic or a stack overflow, keeping the text.
    #[test]
    fn html_of_any_nesting_keeps_its_text(
        tags in prop::collection::vec(prop::sample::select(vec!["div", "span", "p", "li", "b", "table", "td", "section", "font"]), 0..1500),
        closed in any::<bool>(),
    ) {
        let text = "全县网络安全工作会议召开。";
        let mut page = String::from("<html><body>");
        for tag in &tags {
            page.push_str(&format!("<{tag}>"));
        }
        page.push_str(text);
        if closed {
            for tag in tags.iter().rev() {
                page.push_str(&format!("</{tag}>"));
            }
        }
        let doc = tifa::ingest::document_from_bytes(page.as_bytes(), "p.html", None, &tifa::ingest::LoadOptions::default());
        let doc = doc.expect("a page with text is read");
        prop_assert!(doc.normalized.text.contains("全县网络安全工作会议召开"), "{}", doc.normalized.text);
    }
}

#[test]
fn tokens_cover_inputs_that_once_overlapped() {
    for text in ["十九大全感", "党的十九大全面部署，十九大全感"] {
        let tokens = tifa::words::Segmenter::shared().tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(words.concat(), text, "{words:?}");
    }
    let tokens = tifa::words::Segmenter::shared().tokenize("十九大全感");
    let words: Vec<&str> = tokens.iter().map(|t| t.span.of("十九大全感")).collect();
    assert_eq!(words, ["十九大", "全", "感"]);
}
