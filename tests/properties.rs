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
