//! 提法 on real text: the examples of issue 11, checked with the real segmenter, and over the
//! national government work reports (../shared/corpora, skipped without it).

use crate::common;

use common::{corpus_dir, shared_corpora, stdout};
use std::path::Path;
use tifa::ingest::{self, Corpus, LoadOptions};
use tifa::stats::counts::{CountOptions, DocInfo, TermCounts, count, phrase_count};
use tifa::stats::filter::Filter;
use tifa::stats::formulations::{LagStatus, formulations, level_starts};
use tifa::stats::kwic::kwic;
use tifa::stats::terms::keyness;
use tifa::stats::trends::{query_counts, resolve_query_counts, vocabulary_trends};
use tifa::words::Segmenter;
use tifa::words::formulation::FormulationKind;

fn found(text: &str) -> Vec<(String, FormulationKind)> {
    Segmenter::shared()
        .formulations(text)
        .iter()
        .map(|f| (f.span.of(text).to_string(), f.kind))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn numbered_formulations_of_the_issue_end_on_word_boundaries() {
    assert_eq!(texts("坚持四个现代化建设的方针"), ["四个现代化"]);
    assert_eq!(texts("坚持四项基本原则，"), ["四项基本原则"]);
    assert_eq!(texts("实现两个一百年奋斗目标"), ["两个一百年"]);
    assert_eq!(texts("坚持两个毫不动摇。"), ["两个毫不动摇"]);
    assert_eq!(texts("坚持两手抓、两手都要硬。"), ["两手抓、两手都要硬"]);
    assert_eq!(texts("打好三大攻坚战。"), ["三大攻坚战"]);
    assert_eq!(texts("实施十大行动。"), ["十大行动"]);
    assert_eq!(texts("打赢三大标志性战役。"), ["三大标志性战役"]);
    assert_eq!(texts("推动大众创业、万众创新，"), ["大众创业、万众创新"]);
}

#[test]
fn no_numbered_formulation_starts_inside_a_number() {
    for prose in [
        "执行第六个五年计划。",
        "建设一百五十六个工业单位。",
        "依照第五条第一项的规定。",
        "提前完成四十三种产品的计划。",
    ] {
        let numbered: Vec<_> = found(prose)
            .into_iter()
            .filter(|(_, k)| *k == FormulationKind::Numbered)
            .collect();
        assert!(numbered.is_empty(), "{prose}: {numbered:?}");
    }
}

#[test]
fn a_user_dictionary_entry_makes_a_numbered_formulation() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict.txt");
    std::fs::write(&dict, "八个明确 10 n\n").unwrap();
    let text = "深刻领会八个明确要求";
    let plain = Segmenter::shared().formulations(text);
    assert!(
        plain.iter().all(|f| f.span.of(text) != "八个明确"),
        "{plain:?}"
    );
    let segmenter = Segmenter::with_dictionaries(&[dict.as_path()]).unwrap();
    let with_dict: Vec<&str> = segmenter
        .formulations(text)
        .iter()
        .map(|f| f.span.of(text))
        .collect();
    assert_eq!(with_dict, ["八个明确"]);
}

#[test]
fn corner_quotes_count_and_single_characters_idioms_do_not() {
    assert_eq!(texts("开展「三反」和『五反』运动"), ["三反", "五反"]);
    assert!(texts("反对“左”的和右的错误，做到“稳”和“好”").is_empty());
    assert!(texts("仅仅是“不劳而获”，就好象“山重水复”").is_empty());
    assert_eq!(
        found("贯彻新发展理念，推进供给侧结构性改革"),
        [
            ("新发展理念".to_string(), FormulationKind::Slogan),
            ("供给侧结构性改革".to_string(), FormulationKind::Slogan)
        ]
    );
}

fn load(dir: &Path) -> Corpus {
    ingest::load(dir, &LoadOptions::default()).unwrap()
}

fn national() -> Option<Corpus> {
    Some(load(&shared_corpora()?.join("national-gwr")))
}

/// The national reports and their term counts, loaded and counted once for all tests.
fn national_counts() -> Option<&'static (Corpus, TermCounts)> {
    static COUNTED: std::sync::OnceLock<Option<(Corpus, TermCounts)>> = std::sync::OnceLock::new();
    COUNTED
        .get_or_init(|| {
            let corpus = national()?;
            let counts = count(
                &corpus.documents,
                Segmenter::shared(),
                &CountOptions::default(),
            );
            Some((corpus, counts))
        })
        .as_ref()
}

#[test]
fn over_national_reports_numbered_formulations_respect_words_and_numbers() {
    let Some((corpus, _)) = national_counts() else {
        return;
    };
    let segmenter = Segmenter::shared();
    let mut numbered = 0;
    for doc in &corpus.documents {
        let text = &doc.normalized.text;
        let bounds = segmenter.word_boundaries(text);
        for f in segmenter.formulations(text) {
            if f.kind != FormulationKind::Numbered {
                continue;
            }
            numbered += 1;
            let phrase = f.span.of(text);
            assert!(
                bounds.binary_search(&f.span.end).is_ok(),
                "{}: {phrase} ends inside a word",
                doc.id
            );
            let before = text[..f.span.start].chars().next_back();
            assert!(
                !before.is_some_and(|c| "第一二三四五六七八九十百千万".contains(c)),
                "{}: {phrase} starts after {before:?}",
                doc.id
            );
        }
    }
    assert!(numbered > 300, "{numbered}");
}

#[test]
fn over_national_reports_the_licence_footer_and_its_formulations_are_gone() {
    let Some((corpus, counts)) = national_counts() else {
        return;
    };
    for doc in corpus
        .documents
        .iter()
        .filter(|d| d.id.as_str() >= "gwr-2018")
    {
        let text = &doc.normalized.text;
        assert!(!text.contains("本作品是中华人民共和国"), "{}", doc.id);
        assert!(!text.contains("Public domain"), "{}", doc.id);
    }
    let infos: Vec<DocInfo> = corpus.documents.iter().map(|d| DocInfo::of(d, 0)).collect();
    let stats = formulations(&corpus.documents, &infos, Segmenter::shared());
    for gone in ["中华人民共和国著作权法", "五条第一"] {
        assert!(stats.iter().all(|s| s.text != gone), "{gone}");
    }
    // A slogan's count in the formulation table is its count as a term.
    for slogan in ["改革开放", "高质量发展", "一带一路"] {
        let id = counts.vocabulary.id(slogan).unwrap();
        let as_term: u64 = counts.counts_of(id).iter().map(|&c| u64::from(c)).sum();
        let stat = stats.iter().find(|s| s.text == slogan).unwrap();
        assert_eq!(stat.count, as_term, "{slogan}");
    }
    let four = stats.iter().find(|s| s.text == "四个现代化").unwrap();
    assert_eq!(four.kind, FormulationKind::Numbered);
    assert!(four.docs <= corpus.documents.len() as u32);
    // Quoted words ending in a particle are someone's words (1958: 帝国主义……“破产了”), not a
    // formulation; the slogans quoted beside them stay.
    for speech in ["破产了", "垮台了", "失败了", "崩溃了"] {
        assert!(stats.iter().all(|s| s.text != speech), "{speech}");
    }
    for slogan in ["按既定方针办", "大水漫灌", "两新一重"] {
        assert!(stats.iter().any(|s| s.text == slogan), "{slogan}");
    }
}

#[test]
fn over_national_reports_document_frequency_never_exceeds_the_documents() {
    let Some((_, counts)) = national_counts() else {
        return;
    };
    let n = counts.docs.len();
    let mut docs_of = vec![0usize; counts.vocabulary.len()];
    let mut last = None;
    for cell in &counts.cells {
        assert_ne!(
            last,
            Some((cell.doc, cell.term)),
            "two cells for one term in one document"
        );
        last = Some((cell.doc, cell.term));
        docs_of[cell.term as usize] += 1;
    }
    assert!(docs_of.iter().all(|&d| d <= n));
    let target: Filter = "year>=2000".parse().unwrap();
    let reference: Filter = "year<2000".parse().unwrap();
    let rows = keyness(counts, &target, Some(&reference), 2).unwrap();
    let (t, r) = (
        counts.docs.iter().filter(|d| d.year >= Some(2000)).count() as u32,
        counts.docs.iter().filter(|d| d.year < Some(2000)).count() as u32,
    );
    for row in &rows {
        assert!(row.docs_target <= t && row.docs_reference <= r, "{row:?}");
        assert!(row.docs_target + row.docs_reference >= 2, "{row:?}");
    }
    let hao = rows.iter().find(|row| row.term == "好").unwrap();
    assert!(hao.docs_reference <= r);
}

/// Per document: the count of `term` by `terms`, by `kwic` and by `trend`, over the whole corpus.
fn three_counts(
    corpus: &Corpus,
    counts: &tifa::stats::counts::TermCounts,
    term: &str,
) -> Vec<[u64; 3]> {
    let segmenter = Segmenter::shared();
    let by_terms: Vec<u64> = match counts.vocabulary.id(term) {
        Some(id) => counts.counts_of(id).into_iter().map(u64::from).collect(),
        None => vec![0; corpus.documents.len()],
    };
    let lines = kwic(&corpus.documents, term, 10, segmenter);
    let queries = vec![term.to_string()];
    let hits = corpus
        .documents
        .iter()
        .map(|d| query_counts(d, &queries, segmenter))
        .collect();
    let by_trend = resolve_query_counts(hits);
    corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let by_kwic = lines.iter().filter(|l| l.doc == d.id).count() as u64;
            [by_terms[i], by_kwic, by_trend[i][0]]
        })
        .collect()
}

#[test]
fn over_national_reports_terms_trend_and_kwic_give_one_count() {
    let Some((corpus, counts)) = national_counts() else {
        return;
    };
    let at = |id: &str| corpus.documents.iter().position(|d| d.id == id).unwrap();
    for term in [
        "高质量发展",
        "社会主义",
        "改革开放",
        "化债",
        "网络安全",
        "新质生产力",
        "好",
    ] {
        let all = three_counts(corpus, counts, term);
        for (i, [t, k, r]) in all.iter().enumerate() {
            let id = &corpus.documents[i].id;
            assert!(
                t == k && k == r,
                "{term} in {id}: terms {t}, kwic {k}, trend {r}"
            );
        }
        let text = |id: &str| phrase_count(&corpus.documents[at(id)].normalized.text, term);
        match term {
            // Nested in 黄河流域生态保护和高质量发展 and in 中国特色社会主义, across 深化改革 | 开放.
            "高质量发展" => assert_eq!(all[at("gwr-2024")][0], text("gwr-2024")),
            "社会主义" => assert_eq!(all[at("gwr-2025")][0], text("gwr-2025")),
            "改革开放" => {
                let total: u64 = all.iter().map(|c| c[0]).sum();
                let in_text: u64 = corpus
                    .documents
                    .iter()
                    .map(|d| phrase_count(&d.normalized.text, term))
                    .sum();
                assert_eq!(total, in_text);
            }
            // 化债 (debt resolution) is a word of 2024 on: 优化 | 债券 (2021), 优化 | 债务 (2023)
            // and 市场化 | 债转股 (2017) are not occurrences.
            "化债" => {
                assert_eq!(all[at("gwr-2021")][0], 0);
                assert_eq!(all[at("gwr-2023")][0], 0);
                assert_eq!(all[at("gwr-2025")][0], 3);
            }
            _ => {}
        }
    }
    assert!(
        phrase_count(
            &corpus.documents[at("gwr-2025")].normalized.text,
            "社会主义"
        ) >= 7
    );
}

#[test]
fn over_national_reports_emerging_and_vanishing_mean_something() {
    let Some((_, counts)) = national_counts() else {
        return;
    };
    let trends = vocabulary_trends(counts, None, 2);
    let n = trends.len() as f64;
    let emerging = trends.iter().filter(|t| t.emerging).count() as f64;
    let vanishing = trends.iter().filter(|t| t.vanishing).count() as f64;
    assert!(emerging / n < 0.15, "emerging on {:.3}", emerging / n);
    assert!(vanishing / n < 0.15, "vanishing on {:.3}", vanishing / n);
    let tuijin = trends.iter().find(|t| t.term == "推进").unwrap();
    assert!(!tuijin.emerging, "{tuijin:?}");
    let mut top: Vec<_> = trends
        .iter()
        .filter(|t| t.emerging && t.hidden.is_none())
        .collect();
    top.sort_by(|x, y| y.first_year.cmp(&x.first_year).then(y.count.cmp(&x.count)));
    let top20: Vec<&str> = top.iter().take(20).map(|t| t.term.as_str()).collect();
    for term in ["新质生产力", "化债", "低空经济"] {
        assert!(top20.contains(&term), "{term} not in {top20:?}");
    }
    // Numbers in Han numerals are numbers, never terms of the vocabulary lists.
    assert!(
        trends
            .iter()
            .all(|t| t.term != "一九五七年" || t.hidden.is_some())
    );
    for t in trends.iter().filter(|t| t.emerging || t.vanishing) {
        let p = if t.emerging {
            t.p_absent_before
        } else {
            t.p_absent_after
        };
        assert!(p.is_some_and(|p| p < 0.05), "{t:?}");
    }
}

#[test]
fn over_national_reports_function_words_head_no_headline_list() {
    let Some((_, counts)) = national_counts() else {
        return;
    };
    let target: Filter = "year>=2000".parse().unwrap();
    let reference: Filter = "year<2000".parse().unwrap();
    let rows = keyness(counts, &target, Some(&reference), 2).unwrap();
    let shown: Vec<&str> = rows
        .iter()
        .filter(|r| r.hidden.is_none())
        .take(40)
        .map(|r| r.term.as_str())
        .chain(
            rows.iter()
                .rev()
                .filter(|r| r.hidden.is_none())
                .take(40)
                .map(|r| r.term.as_str()),
        )
        .collect();
    for function_word in ["地", "所", "对于", "由于", "应该", "一", "年", "到"] {
        assert!(
            !shown.contains(&function_word),
            "{function_word} in {shown:?}"
        );
        if let Some(row) = rows.iter().find(|r| r.term == function_word) {
            assert!(row.hidden.is_some(), "{row:?}");
        }
    }
}

#[test]
fn the_traditional_1954_report_has_its_variant_characters_read() {
    let Some(shared) = shared_corpora() else {
        return;
    };
    let path = shared.join("encodings/gwr-1954-traditional.txt");
    let doc = ingest::load_document(
        &path,
        "gwr-1954-traditional.txt",
        None,
        &LoadOptions::default(),
    )
    .unwrap();
    let text = &doc.normalized.text;
    for variant in ['衞', '擧', '汚', '刼', '啣', '鶏', '倣', '砲'] {
        assert!(!text.contains(variant), "{variant} left");
    }
    assert!(!kwic(std::slice::from_ref(&doc), "卫生", 10, Segmenter::shared()).is_empty());
    let infos = vec![DocInfo::of(&doc, 0)];
    let quoted = formulations(std::slice::from_ref(&doc), &infos, Segmenter::shared());
    let simplified = national().unwrap();
    let edition = simplified.find("gwr-1954").unwrap();
    let edition_quoted = formulations(
        std::slice::from_ref(edition),
        &[DocInfo::of(edition, 0)],
        Segmenter::shared(),
    );
    let count = |stats: &[tifa::stats::formulations::FormulationStat]| {
        stats
            .iter()
            .filter(|s| s.kind == FormulationKind::Quoted)
            .count()
    };
    // 「」 quotes of the Traditional edition count as the “” of the Simplified one.
    assert!(
        count(&quoted) + 3 >= count(&edition_quoted),
        "{} vs {}",
        count(&quoted),
        count(&edition_quoted)
    );
}

#[test]
fn invisible_characters_inside_words_do_not_hide_them() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(
        corpus_dir().join(
            std::fs::read_dir(corpus_dir())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .find(|n| n.starts_with("000"))
                .unwrap(),
        ),
    )
    .unwrap();
    let want = original.matches("网络安全").count();
    assert!(want >= 10);
    let marks = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{00AD}', '\u{200E}'];
    let mut k = 0;
    let mut text = String::new();
    for (i, piece) in original.split("网络安全").enumerate() {
        if i > 0 {
            text.push_str(&format!("网{}络安{}全", marks[k % 5], marks[(k + 1) % 5]));
            k += 1;
        }
        text.push_str(piece);
    }
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    let out = stdout(&[
        "kwic",
        "网络安全",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.lines().count() - 1, want);
}

#[test]
fn lags_are_censored_where_the_lower_level_enters_late() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", 2015, "national", "全面推进“数字乡村”建设。"),
        ("b.txt", 2020, "county", "我县推进“数字乡村”建设。"),
        ("c.txt", 2015, "national", "建设“智慧口岸”。"),
        ("d.txt", 2015, "county", "我县工作情况。"),
        ("e.txt", 2018, "county", "我县建设“智慧口岸”。"),
        ("f.txt", 2019, "county", "我县推行“河长制”。"),
        ("g.txt", 2021, "national", "全面推行“河长制”。"),
    ];
    let mut manifest = String::from("file,title,date,year,level,region,speaker,genre\n");
    for (file, year, level, text) in files {
        std::fs::write(dir.path().join(file), text).unwrap();
        manifest.push_str(&format!("{file},,,{year},{level},某地,,speech\n"));
    }
    std::fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    let corpus = load(dir.path());
    let infos: Vec<DocInfo> = corpus.documents.iter().map(|d| DocInfo::of(d, 0)).collect();
    let stats = formulations(&corpus.documents, &infos, Segmenter::shared());
    let starts = level_starts(&infos);
    let lag = |text: &str| stats.iter().find(|s| s.text == text).unwrap().lag(&starts);
    // Counties are in the corpus from 2015: 智慧口岸 took them three years.
    assert_eq!(lag("智慧口岸"), (Some(3), LagStatus::Measured));
    assert_eq!(lag("河长制"), (Some(-2), LagStatus::LowerFirst));
    // Without a county document of 2015, the county's 2020 could be late or early: censored.
    let without_d: Vec<DocInfo> = infos
        .iter()
        .filter(|i| !i.id.starts_with('d'))
        .cloned()
        .collect();
    let starts = level_starts(&without_d);
    let stats = formulations(
        &corpus
            .documents
            .iter()
            .filter(|d| !d.id.starts_with('d'))
            .cloned()
            .collect::<Vec<_>>(),
        &without_d,
        Segmenter::shared(),
    );
    let s = stats.iter().find(|s| s.text == "数字乡村").unwrap();
    assert_eq!(s.lag(&starts), (None, LagStatus::Censored));
}
