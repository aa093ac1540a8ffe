//! Exact expectations on the four sample documents and their real defects (corpus/README.md).

use crate::common;

use common::{sample, sample_without_manifest};
use tifa::ingest::metadata::{Level, Origin};
use tifa::normalize::FindingKind;
use tifa::words::{Segmenter, TokenKind};

fn findings_of(doc: &tifa::ingest::Document, kind: FindingKind) -> Vec<(u32, String, String)> {
    doc.normalized
        .findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| (f.line, f.before.clone(), f.after.clone()))
        .collect()
}

#[test]
fn the_corpus_loads_all_four_with_manifest_values_and_no_problems() {
    let corpus = tifa::ingest::load(&common::corpus_dir(), &Default::default()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "000_9ef17a759cacbb40",
            "001_1e4f3ad92249e6af",
            "002_bc77ca63347c2d83",
            "003_8f909af7e5320190"
        ]
    );
    let years: Vec<Option<i32>> = corpus.documents.iter().map(|d| d.meta.year.value).collect();
    assert_eq!(years, [Some(2023), Some(2018), Some(2019), Some(2018)]);
    assert!(
        corpus
            .documents
            .iter()
            .all(|d| d.meta.year.origin == Origin::Manifest)
    );
    assert!(corpus.documents.iter().all(|d| d.encoding == "UTF-8"));
}

#[test]
fn traditional_news_report_003_comes_out_simplified_without_glosses() {
    let doc = sample("003");
    let text = &doc.normalized.text;
    assert!(doc.normalized.converted_from_traditional);
    assert!(
        text.contains("习近平总书记亲自部署实施网络强国战略"),
        "{text}"
    );
    assert!(text.starts_with("李建成在讲话中指出，党的十八大以来，"));
    let gloss = regex::Regex::new(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]").unwrap();
    assert!(!gloss.is_match(text), "a pinyin gloss is left");
    for traditional in ["習", "網", "絡", "國", "黨", "區", "書", "記", "為", "會"] {
        assert!(!text.contains(traditional), "{traditional} is left");
    }
    assert!(!text.contains(','), "ASCII commas are left");
    assert!(text.contains("把互联网作为意识形态工作的主阵地、主战场；巩固壮大主流思想舆论"));
}

#[test]
fn the_lost_character_in_003_is_reported_as_damage_not_hidden() {
    let doc = sample("003");
    let damage = findings_of(&doc, FindingKind::Damage);
    assert_eq!(
        damage,
        [
            (2, "?xùn)|".to_string(), "□".to_string()),
            (5, "?xùn)|".to_string(), "□".to_string())
        ]
    );
    assert!(doc.normalized.text.contains("打造智慧河□，"));
    assert!(doc.normalized.text.contains("公安河□分局"));
}

#[test]
fn provincial_summary_002_is_rejoined_and_cleaned() {
    let doc = sample("002");
    let text = &doc.normalized.text;
    assert!(text.contains("习近平总书记科学作出了宣传思想工作从正本清源进入守正创新的重大判断"));
    assert!(text.contains("加强对党员干部的网络安全教育，"));
    assert!(text.contains("再接再厉，守正创新，奋发有为"));
    assert!(text.contains("要发现及时，坚持舆情监看"));
    assert!(text.contains("全面总结了2018年全省网信工作"));
    assert!(!text.contains("**"));
    assert!(!text.contains("秘 密") && !text.contains("材料之一"));
    assert_eq!(text.lines().next(), Some("全省网信办主任会议精神传达提纲"));
    assert_eq!(text.lines().nth(1), Some("（2019年2月18日）"));
    let joined: Vec<u32> = findings_of(&doc, FindingKind::JoinedLine)
        .iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(joined, [13, 21, 27, 29, 31, 33, 37]);
    let boilerplate = findings_of(&doc, FindingKind::Boilerplate);
    assert_eq!(boilerplate.len(), 2);
    assert_eq!((boilerplate[0].0, boilerplate[0].1.as_str()), (3, "秘 密"));
    assert!(findings_of(&doc, FindingKind::Markdown).contains(&(
        13,
        "**省委副书记喻红秋同志**".to_string(),
        "省委副书记喻红秋同志".to_string()
    )));
}

#[test]
fn offsets_of_a_rejoined_word_lead_back_to_both_original_lines() {
    let doc = sample("002");
    let text = &doc.normalized.text;
    let pos = text.find("习近平总书记科学").unwrap();
    let ping = pos + "习近".len();
    assert_eq!(doc.normalized.map.original_line(pos), 27);
    assert_eq!(doc.normalized.map.original_line(ping), 29);
    let raw = std::fs::read(common::corpus_dir().join("002_bc77ca63347c2d83.txt")).unwrap();
    let at = doc.normalized.map.original_offset(ping) as usize;
    assert_eq!(&raw[at..at + 3], "平".as_bytes());
}

#[test]
fn county_speech_001_loses_its_disclaimer_and_keeps_its_title() {
    let doc = sample("001");
    let text = &doc.normalized.text;
    assert!(!text.contains("本文系邮箱投稿") && !text.contains("请勿照搬照抄"));
    assert!(text.starts_with("把准政治方向\n提高网络安全和信息化工作水平\n——在全县网络安全和信息化工作会议上的讲话\n同志们："));
    let boilerplate = findings_of(&doc, FindingKind::Boilerplate);
    assert_eq!(
        boilerplate,
        [(
            1,
            "本文系邮箱投稿，仅供学习参考，请勿照搬照抄！".to_string(),
            String::new()
        )]
    );
}

#[test]
fn county_speech_000_has_its_sections_and_its_defects_kept() {
    let doc = sample("000");
    let text = &doc.normalized.text;
    // Typos and the redacted name are the author's, not the file's: normalization keeps them.
    assert!(
        text.contains("刚才，的讲话") && text.contains("饿宣传") && text.contains("网路意识形态")
    );
    let s = &doc.structure;
    assert_eq!(s.headings.len(), 9);
    let i = s
        .sentences
        .iter()
        .position(|x| {
            x.span
                .of(text)
                .contains("加快构建关键信息基础设施安全保护体系")
        })
        .unwrap();
    assert_eq!(s.section_label(text, i), "一、/（二）");
    let markers: Vec<&str> = s
        .enumerations
        .iter()
        .map(|e| e.marker.as_str())
        .take(5)
        .collect();
    assert_eq!(markers, ["一是", "二是", "一要", "二要", "三要"]);
}

#[test]
fn numbered_formulations_are_single_tokens() {
    for (prefix, formula) in [
        ("000", "十个坚持"),
        ("001", "五个明确"),
        ("002", "六强化、六提升"),
        ("003", "四个之区"),
    ] {
        let doc = sample(prefix);
        let text = &doc.normalized.text;
        let tokens = Segmenter::shared().tokenize(text);
        let hits = tokens
            .iter()
            .filter(|t| t.span.of(text) == formula && matches!(t.kind, TokenKind::Formulation(_)))
            .count();
        assert!(hits >= 1, "{formula} is not a single token in {prefix}");
        let covered: usize = tokens.iter().map(|t| t.span.len()).sum();
        assert_eq!(
            covered,
            text.len(),
            "tokens of {prefix} do not cover the text"
        );
    }
}

#[test]
fn domain_terms_are_single_words() {
    let doc = sample("001");
    let text = &doc.normalized.text;
    let words: Vec<&str> = Segmenter::shared()
        .tokenize(text)
        .iter()
        .map(|t| t.span.of(text))
        .collect();
    for term in [
        "习近平新时代中国特色社会主义思想",
        "网络强国",
        "关键信息基础设施",
        "网络意识形态",
        "网信工作",
    ] {
        assert!(words.contains(&term), "{term} was split");
    }
    assert!(tifa::words::domain_lexicon().len() >= 300);
}

#[test]
fn metadata_is_inferred_right_or_left_unknown() {
    let expected = [
        ("000", None, Some(Level::County), Some("承德县")),
        ("001", Some(2018), Some(Level::County), Some("XX县")),
        ("002", Some(2019), Some(Level::Provincial), Some("河南省")),
        ("003", None, Some(Level::County), None),
    ];
    for (prefix, year, level, region) in expected {
        let doc = sample_without_manifest(prefix);
        let m = &doc.meta;
        assert_eq!(m.year.value, year, "year of {prefix}");
        assert_eq!(m.level.value, level, "level of {prefix}");
        assert_eq!(m.region.value.as_deref(), region, "region of {prefix}");
        for origin in [m.year.origin, m.level.origin, m.region.origin] {
            assert_ne!(origin, Origin::Manifest);
        }
    }
    let d002 = sample_without_manifest("002");
    assert_eq!(d002.meta.date.value.as_deref(), Some("2019-02-18"));
    assert_eq!(
        d002.meta.title.value.as_deref(),
        Some("全省网信办主任会议精神传达提纲")
    );
    let d001 = sample_without_manifest("001");
    assert_eq!(
        d001.meta.title.value.as_deref(),
        Some("把准政治方向 提高网络安全和信息化工作水平")
    );
    let d000 = sample_without_manifest("000");
    assert_eq!(d000.meta.year.origin, Origin::Unknown);
    assert_eq!(
        d000.meta.year.evidence.as_deref(),
        Some("mentions 二十大: 2022 or later")
    );
}
