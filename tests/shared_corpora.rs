//! The real corpora in ../shared/corpora (skipped cleanly when absent): everything ingests, the
//! GBK pair is read as GBK, the Traditional 1954 report comes out Simplified.

use crate::common;

use tifa::ingest::{self, LoadOptions};

#[test]
fn every_shared_corpus_file_ingests_without_problems() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let mut total = 0;
    for entry in std::fs::read_dir(&shared).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let corpus = ingest::load(&dir, &LoadOptions::default()).unwrap();
        // Files left out on purpose are named, but only licences and READMEs are left out here.
        assert!(
            corpus
                .problems
                .iter()
                .all(|p| p.skipped && p.message.contains("describes the folder")),
            "{}: {:?}",
            dir.display(),
            corpus.problems
        );
        let files = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "txt" || x == "md")
            })
            .count();
        assert_eq!(corpus.documents.len(), files, "{}", dir.display());
        for doc in &corpus.documents {
            assert!(
                doc.han_chars() > 100,
                "{} has almost no Chinese text",
                doc.path
            );
            assert!(!doc.structure.sentences.is_empty());
        }
        total += corpus.documents.len();
    }
    assert!(total >= 300, "only {total} documents");
}

#[test]
fn the_gbk_pair_is_reported_as_gbk_and_decodes() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    for name in ["gbk-source.txt", "gbk-suspicious.txt"] {
        let path = shared.join("encodings").join(name);
        let doc = ingest::load_document(&path, name, None, &LoadOptions::default()).unwrap();
        assert_eq!(doc.encoding, "GBK", "{name}");
        assert!(!doc.normalized.text.contains('\u{FFFD}'));
        assert!(
            doc.normalized.text.contains("供给侧结构性改革")
                || doc.normalized.text.contains("经济"),
            "{name}"
        );
    }
}

#[test]
fn the_traditional_1954_report_comes_out_simplified_and_matches_the_simplified_edition() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let load = |path: std::path::PathBuf| {
        ingest::load_document(&path, "gwr", None, &LoadOptions::default())
            .unwrap()
            .normalized
    };
    let traditional = load(shared.join("encodings/gwr-1954-traditional.txt"));
    let simplified = load(shared.join("national-gwr/gwr-1954.txt"));
    assert!(traditional.converted_from_traditional);
    assert!(!simplified.converted_from_traditional);
    for c in ["們", "會", "國", "經", "過", "這", "來", "為"] {
        assert!(!traditional.text.contains(c), "{c} left");
    }
    assert!(
        traditional
            .text
            .contains("我们第一届全国人民代表大会第一次会议，在听了刘少奇同志关于宪法草案的报告")
    );
    // The two editions agree on nearly every character once converted.
    let bigrams = |t: &str| {
        let chars: Vec<char> = t.chars().filter(|c| tifa::chars::is_han(*c)).collect();
        chars
            .windows(2)
            .map(|w| (w[0], w[1]))
            .collect::<std::collections::HashSet<_>>()
    };
    let (a, b) = (bigrams(&traditional.text), bigrams(&simplified.text));
    let shared_share = a.intersection(&b).count() as f64 / a.len().max(b.len()) as f64;
    assert!(
        shared_share > 0.9,
        "only {shared_share:.3} of character pairs agree"
    );
}

#[test]
fn crlf_notices_lose_their_database_headers() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let path = shared.join("encodings/crlf-notice-1.txt");
    let doc =
        ingest::load_document(&path, "crlf-notice-1.txt", None, &LoadOptions::default()).unwrap();
    assert!(!doc.normalized.text.contains('\r'));
    assert!(!doc.normalized.text.contains("法宝引证码") && !doc.normalized.text.contains("pkulaw"));
    assert!(
        doc.normalized
            .findings
            .iter()
            .any(|f| f.kind == tifa::normalize::FindingKind::LineEnding)
    );
    assert!(
        doc.meta
            .title
            .value
            .as_deref()
            .is_some_and(|t| t.starts_with("包头市人民政府办公室关于印发"))
    );
}

fn compare_shared(a: &str, b: &str) -> Option<tifa::compare::Comparison> {
    let shared = common::shared_corpora()?;
    let load =
        |p: &str| ingest::load_document(&shared.join(p), p, None, &LoadOptions::default()).unwrap();
    Some(tifa::compare::compare(
        load(a),
        load(b),
        tifa::words::Segmenter::shared(),
        &Default::default(),
    ))
}

#[test]
fn shandong_036_is_an_adaptation_of_central_070() {
    let Some(c) = compare_shared(
        "policy-central-shandong/central_070.txt",
        "policy-central-shandong/shandong_036.txt",
    ) else {
        return;
    };
    let cov = &c.alignment.coverage;
    println!(
        "central_070 → shandong_036: copy {:.3}, kept {:.3}, verbatim {:.3}",
        cov.copy_ratio, cov.kept_ratio, cov.verbatim_ratio
    );
    assert!(cov.copy_ratio > 0.7 && cov.kept_ratio > 0.7);
    // The two heaviest changes: the measure's name and the body in charge. 规范 → 实施细则 is
    // not counted where B's sentence still says 规范 (规范青岛市…, 《…管理规范（试行）》).
    let top: Vec<(&str, &str, u32)> = c.diff.formulation_changes[..2]
        .iter()
        .map(|f| (f.before.as_str(), f.after.as_str(), f.count as u32))
        .collect();
    let named = top
        .iter()
        .find(|t| (t.0, t.1) == ("规范", "实施细则"))
        .unwrap_or_else(|| panic!("{top:?}"));
    assert!(named.2 >= 5, "{top:?}");
    assert!(
        top.iter()
            .any(|t| (t.0, t.1) == ("省、市级政府相关主管部门", "联席工作小组")),
        "{top:?}"
    );
    let changes: Vec<(&str, &str)> = c
        .diff
        .formulation_changes
        .iter()
        .map(|f| (f.before.as_str(), f.after.as_str()))
        .collect();
    assert!(
        changes.contains(&("中华人民共和国境内", "青岛市行政区域内")),
        "{changes:?}"
    );
    assert!(c.diff.count(tifa::diff::EditClass::Verbatim) > 50);
}

#[test]
fn national_and_provincial_reports_of_2023_share_a_few_passages() {
    let Some(c) = compare_shared("national-gwr/gwr-2023.txt", "guangdong-gwr/gd-gwr-2023.txt")
    else {
        return;
    };
    let b_sentences = c.b.structure.sentences.len();
    let shared_pairs = c
        .alignment
        .pairs
        .iter()
        .filter(|p| p.a.is_some() && p.b.is_some())
        .count();
    assert!(
        b_sentences > 400 && shared_pairs < b_sentences / 10,
        "{shared_pairs} of {b_sentences}"
    );
    let passages: Vec<&str> = c
        .alignment
        .passages
        .iter()
        .map(|p| p.b.of(&c.b.normalized.text))
        .collect();
    for expected in [
        "把实施扩大内需战略同深化供给侧结构性改革有机结合起来",
        "以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神",
    ] {
        assert!(passages.contains(&expected), "{expected} not found");
    }
    assert!(
        passages
            .iter()
            .any(|p| p.starts_with("坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念"))
    );
}

#[test]
fn national_reports_without_their_manifest_get_the_file_names_years_and_no_local_level() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shared.join("national-gwr")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let corpus = ingest::load(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(corpus.documents.len(), 57);
    let year_in_name = regex::Regex::new(r"(19|20)\d\d").unwrap();
    for doc in &corpus.documents {
        let named: i32 = year_in_name
            .find(&doc.path)
            .unwrap()
            .as_str()
            .parse()
            .unwrap();
        assert_eq!(doc.meta.year.value, Some(named), "{}", doc.path);
        assert_ne!(
            doc.meta.level.value,
            Some(tifa::ingest::metadata::Level::Municipal),
            "{}: {:?}",
            doc.path,
            doc.meta.level
        );
    }
}

#[test]
fn no_shared_passage_crosses_a_paragraph_break_on_real_pairs() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let corpus = ingest::load(&shared.join("national-gwr"), &LoadOptions::default()).unwrap();
    let mut checked = 0;
    for (a, b) in [
        ("gwr-2023", "gwr-2024"),
        ("gwr-2018", "gwr-2019"),
        ("gwr-2013", "gwr-2014"),
    ] {
        let (Some(a), Some(b)) = (corpus.find(a), corpus.find(b)) else {
            continue;
        };
        let passages =
            tifa::align::passages::find_passages(&a.normalized.text, &b.normalized.text, 12);
        assert!(!passages.is_empty());
        for p in &passages {
            assert!(
                !p.a.of(&a.normalized.text).contains('\n'),
                "{}: {:?}",
                a.id,
                p.a.of(&a.normalized.text)
            );
            assert!(
                !p.b.of(&b.normalized.text).contains('\n'),
                "{}: {:?}",
                b.id,
                p.b.of(&b.normalized.text)
            );
        }
        checked += passages.len();
    }
    assert!(checked > 50, "{checked} passages checked");
}

#[test]
fn likely_sources_name_the_document_copied_not_an_older_stock_phrase() {
    let Some((docs, result)) = shandong_reuse() else {
        return;
    };
    let sources = tifa::reuse::likely_sources(&docs, &result);
    let index = |id: &str| docs.iter().position(|d| d.id == id).unwrap() as u32;
    let from = |target: &str, source: &str| -> (usize, usize) {
        let of_target = sources.iter().filter(|s| s.target == index(target));
        let all: usize = of_target.clone().map(|s| s.chars).sum();
        let named: usize = of_target
            .filter(|s| s.source == index(source))
            .map(|s| s.chars)
            .sum();
        (named, all)
    };
    let (named, all) = from("shandong_033", "central_037");
    assert!(
        named * 100 >= all * 95 && all > 10_000,
        "shandong_033: {named} of {all} from central_037"
    );
    let (named, all) = from("shandong_036", "central_070");
    assert!(
        named * 100 >= all * 80,
        "shandong_036: {named} of {all} from central_070"
    );
    for share in tifa::reuse::reused_shares(&docs, &sources, &[]) {
        assert!(share.share <= 1.0 + 1e-9, "{share:?}");
    }
}

/// policy-central-shandong as reuse reads it, with tifa's own detection.
fn shandong_reuse() -> Option<(Vec<tifa::reuse::ReuseDoc>, tifa::reuse::ReuseResult)> {
    let shared = common::shared_corpora()?;
    let corpus = ingest::load(
        &shared.join("policy-central-shandong"),
        &LoadOptions::default(),
    )
    .unwrap();
    let docs: Vec<tifa::reuse::ReuseDoc> = corpus
        .documents
        .iter()
        .map(tifa::reuse::ReuseDoc::of)
        .collect();
    let result = tifa::reuse::detect(&docs, &tifa::reuse::ReuseOptions::default());
    Some((docs, result))
}

#[test]
fn stock_phrases_are_flagged_and_are_never_sources_or_shares() {
    let Some((docs, result)) = shandong_reuse() else {
        return;
    };
    let text_of = |p: &tifa::reuse::ReusePair, s: &tifa::reuse::SharedPassage| {
        s.passage.b.of(&docs[p.target as usize].text).to_string()
    };
    let mut flagged = std::collections::BTreeMap::<&str, usize>::new();
    for pair in &result.pairs {
        for s in &pair.passages {
            let text = text_of(pair, s);
            for (phrase, key) in [
                (
                    "以习近平新时代中国特色社会主义思想为指导",
                    "guiding thought",
                ),
                ("责任单位：", "duty line"),
                ("国家治理体系和治理能力现代化", "governance"),
            ] {
                if text == phrase || (key == "duty line" && text.starts_with(phrase)) {
                    assert!(s.stock.is_some(), "{text} is not flagged");
                    *flagged.entry(key).or_default() += 1;
                }
            }
        }
        // Shared characters count only non-stock text, each character once.
        assert!(pair.share_of_target <= 1.0 + 1e-9, "{pair:?}");
    }
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    let stock: usize = result
        .pairs
        .iter()
        .map(|p| p.passages.iter().filter(|s| s.stock.is_some()).count())
        .sum();
    assert!(stock > 1000, "{stock} stock passages");
    // No likely source rests on a duty line or a stock phrase.
    let sources = tifa::reuse::likely_sources(&docs, &result);
    for s in &sources {
        let text = &docs[s.target as usize].text[s.start..s.end];
        assert!(!text.starts_with("责任单位："), "{text}");
        assert_ne!(text, "以习近平新时代中国特色社会主义思想为指导");
    }
    for share in tifa::reuse::reused_shares(&docs, &sources, &[]) {
        assert!(share.share <= 1.0 + 1e-9, "{share:?}");
    }
}

#[test]
fn no_likely_source_is_of_a_lower_level_or_outside_the_hierarchy() {
    let Some((docs, result)) = shandong_reuse() else {
        return;
    };
    let sources = tifa::reuse::likely_sources(&docs, &result);
    assert!(sources.len() > 1000, "{} sources", sources.len());
    for s in &sources {
        let (source, target) = (&docs[s.source as usize], &docs[s.target as usize]);
        if let (Some(sl), Some(tl)) = (source.level, target.level) {
            assert!(sl <= tl, "{} ({sl:?}) → {} ({tl:?})", source.id, target.id);
        }
        if let (Some(a), Some(b)) = (&source.date, &target.date) {
            assert!(a <= b, "{} {a} → {} {b}", source.id, target.id);
        }
    }
}

#[test]
fn the_report_of_policy_central_shandong_compares_central_070_with_shandong_036() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    common::tifa()
        .arg("report")
        .arg(shared.join("policy-central-shandong"))
        .args(["--formats", "csv", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let pairs = std::fs::read_to_string(out.join("tables/pairs.csv")).unwrap();
    let row = pairs
        .lines()
        .find(|l| l.contains(",central_070,shandong_036,"))
        .unwrap_or_else(|| panic!("central_070 → shandong_036 not compared:\n{pairs}"));
    assert!(row.contains("shared text"), "{row}");
    // The copy of central_037 comes first: the pair sharing most text.
    let first = pairs.lines().nth(1).unwrap();
    assert!(first.contains(",central_037,shandong_033,"), "{first}");
}
