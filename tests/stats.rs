//! Statistics on the samples, on a constructed corpus with known answers, and on the national
//! government work reports when `../shared/corpora` is present.

use crate::common;

use common::{corpus_dir, shared_corpora};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use tifa::ingest::{self, Corpus, LoadOptions};
use tifa::stats::counts::{CountOptions, Counter, TermCounts, count, phrase_count};
use tifa::stats::filter::Filter;
use tifa::stats::formulations::{enumeration_lists, formulations};
use tifa::stats::kwic::kwic;
use tifa::stats::terms::keyness;
use tifa::stats::trends::{
    Direction, query_counts, resolve_query_counts, series, trends_per_level, vocabulary_trends,
};
use tifa::stats::{counts::DocInfo, frame};
use tifa::table::Value;
use tifa::words::Segmenter;

fn load(dir: &Path) -> Corpus {
    ingest::load(dir, &LoadOptions::default()).unwrap()
}

fn counts_of(corpus: &Corpus) -> TermCounts {
    count(
        &corpus.documents,
        Segmenter::shared(),
        &CountOptions::default(),
    )
}

fn term_count(counts: &TermCounts, doc: usize, term: &str) -> u32 {
    counts
        .vocabulary
        .id(term)
        .map_or(0, |id| counts.counts_of(id)[doc])
}

#[test]
fn sample_counts_match_substring_counts_for_unsplittable_terms() {
    let corpus = load(&corpus_dir());
    let counts = counts_of(&corpus);
    // Lexicon terms that no longer term of the samples contains: the segmenter keeps each whole,
    // so the word count equals a plain substring count of the normalized text.
    let expected: [(&str, [u32; 4]); 6] = [
        ("关键信息基础设施", [2, 1, 1, 0]),
        ("习近平新时代中国特色社会主义思想", [1, 3, 6, 1]),
        ("网信工作", [21, 16, 18, 9]),
        ("网信办", [3, 1, 5, 1]),
        ("高质量发展", [4, 0, 1, 0]),
        ("区委", [0, 0, 0, 4]),
    ];
    for (term, per_doc) in expected {
        for (i, doc) in corpus.documents.iter().enumerate() {
            let substring = phrase_count(&doc.normalized.text, term) as u32;
            let counted = term_count(&counts, i, term);
            assert_eq!(counted, per_doc[i], "{term} in {}", doc.id);
            assert_eq!(
                counted, substring,
                "{term} in {}: tokens vs substring",
                doc.id
            );
        }
    }
    // Sizes: Han characters as the base of rates.
    let sizes: Vec<u64> = counts.docs.iter().map(|d| d.han_chars).collect();
    let by_hand: Vec<u64> = corpus
        .documents
        .iter()
        .map(|d| {
            d.normalized
                .text
                .chars()
                .filter(|c| tifa::chars::is_han(*c))
                .count() as u64
        })
        .collect();
    assert_eq!(sizes, by_hand);
}

#[test]
fn a_phrase_query_counts_what_the_segmenter_split() {
    let corpus = load(&corpus_dir());
    let counts = counts_of(&corpus);
    let doc = corpus.find("000").unwrap();
    let i = corpus
        .documents
        .iter()
        .position(|d| d.id == doc.id)
        .unwrap();
    // 网络安全 is also inside 网络安全和信息化 (a lexicon term): the term count includes those, as
    // the phrase query does (one counting rule, ARCHITECTURE.md "Counting").
    let phrase = phrase_count(&doc.normalized.text, "网络安全");
    assert_eq!(
        phrase,
        doc.normalized.text.matches("网络安全").count() as u64
    );
    assert!(doc.normalized.text.contains("网络安全和信息化"));
    assert_eq!(u64::from(term_count(&counts, i, "网络安全")), phrase);
    let infos: Vec<DocInfo> = corpus.documents.iter().map(|d| DocInfo::of(d, 0)).collect();
    let queries = ["网络安全".to_string()];
    let per_doc = resolve_query_counts(
        corpus
            .documents
            .iter()
            .map(|d| query_counts(d, &queries, Segmenter::shared()))
            .collect(),
    );
    let table = series(&infos, &per_doc, &queries, false);
    let year_2023 = (0..table.len())
        .find(|&r| table.row(r)[1] == &Value::Int(2023))
        .unwrap();
    assert_eq!(table.row(year_2023)[3], &Value::Int(phrase as i64));
}

#[test]
fn formulations_gathered_one_document_at_a_time_are_those_of_the_whole_corpus() {
    use tifa::stats::formulations::FormulationTally;
    let corpus = load(&corpus_dir());
    let infos: Vec<DocInfo> = corpus.documents.iter().map(|d| DocInfo::of(d, 0)).collect();
    let mut tally = FormulationTally::new(Segmenter::shared());
    for (doc, info) in corpus.documents.chunks(1).zip(infos.chunks(1)) {
        tally.add(doc, info);
    }
    let batched = tally.finish();
    assert_eq!(
        batched,
        formulations(&corpus.documents, &infos, Segmenter::shared())
    );
    let ten = batched.iter().find(|s| s.text == "十个坚持").unwrap();
    assert_eq!(ten.places.len(), 2);
}

#[test]
fn every_numbered_formula_of_the_samples_is_extracted() {
    let corpus = load(&corpus_dir());
    let infos: Vec<DocInfo> = corpus.documents.iter().map(|d| DocInfo::of(d, 0)).collect();
    let stats = formulations(&corpus.documents, &infos, Segmenter::shared());
    let found: BTreeSet<(&str, String)> = stats
        .iter()
        .flat_map(|s| {
            s.places
                .iter()
                .map(move |p| (s.text.as_str(), p.doc[..3].to_string()))
        })
        .collect();
    // Listed by hand from the four files.
    let by_hand = [
        ("十个坚持", "000"),
        ("二十大", "000"),
        ("十四五", "000"),
        ("一网通办", "000"),
        ("5332工作机制", "000"),
        ("五个明确", "001"),
        ("六强化、六提升", "002"),
        ("五个一", "002"),
        ("两个所有", "002"),
        ("十八大", "003"),
        ("四个之区", "003"),
        ("六场硬仗", "003"),
    ];
    for (formula, doc) in by_hand {
        assert!(
            found.contains(&(formula, doc.to_string())),
            "{formula} in {doc} not found; found {found:?}"
        );
    }
    let ten = stats.iter().find(|s| s.text == "十个坚持").unwrap();
    assert_eq!((ten.count, ten.docs), (2, 1));
    assert_eq!(
        (ten.first_year, ten.first_by_level[3]),
        (Some(2023), Some(2023))
    );
    // The second 十个坚持 of 000 is on a later line of the original file.
    let lines: Vec<u32> = ten.places.iter().map(|p| p.line).collect();
    assert!(lines[0] < lines[1], "{lines:?}");
}

#[test]
fn enumeration_lists_keep_head_and_items_in_order() {
    let corpus = load(&corpus_dir());
    let doc = corpus.find("000").unwrap();
    let lists = enumeration_lists(doc);
    let agenda = lists
        .iter()
        .find(|l| l.items.first().is_some_and(|i| i.starts_with("一是传达")))
        .unwrap_or_else(|| panic!("{lists:#?}"));
    assert!(agenda.head.contains("两项议程"), "{agenda:?}");
    assert!(agenda.items[1].starts_with("二是"), "{agenda:?}");
    for list in &lists {
        assert!(list.items.len() >= 2);
    }
}

#[test]
fn keyness_of_county_against_provincial_on_the_samples() {
    let corpus = load(&corpus_dir());
    let counts = counts_of(&corpus);
    let target: Filter = "level=county".parse().unwrap();
    let reference: Filter = "level=provincial".parse().unwrap();
    let rows = keyness(&counts, &target, Some(&reference), 1).unwrap();
    let county: u64 = counts
        .docs
        .iter()
        .filter(|d| d.id != counts.docs[2].id)
        .map(|d| d.han_chars)
        .sum();
    for row in &rows {
        assert_eq!((row.c, row.d), (county, counts.docs[2].han_chars));
        assert!(row.q >= row.p && row.q <= 1.0, "{row:?}");
        assert_eq!(row.g2 > 0.0, row.log_ratio > 0.0 || row.b == 0, "{row:?}");
    }
    // 网评员 occurs in 001 only: over-represented at county level, absent from the provincial text.
    let row = rows.iter().find(|r| r.term == "网评员").unwrap();
    assert_eq!(
        (row.a, row.b, row.docs_target, row.docs_reference),
        (1, 0, 1, 0)
    );
    // Sorted by signed G², most key for the target first.
    assert!(rows.windows(2).all(|w| w[0].g2 >= w[1].g2));
    let empty: Filter = "year=1990".parse().unwrap();
    assert!(keyness(&counts, &empty, None, 1).is_err());
}

#[test]
fn kwic_cites_the_original_line() {
    let corpus = load(&corpus_dir());
    let lines = kwic(&corpus.documents, "十个坚持", 6, Segmenter::shared());
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let doc = corpus.find(&l.doc).unwrap();
        let original = fs::read_to_string(corpus_dir().join(&doc.path)).unwrap();
        let line = original.lines().nth(l.line as usize - 1).unwrap();
        assert!(
            line.contains("十个坚持"),
            "line {} of {}: {line}",
            l.line,
            l.doc
        );
        assert!(l.left.chars().count() <= 6 && l.right.chars().count() <= 6);
    }
}

/// Three years, documents of equal size: 创新驱动 rises 1 → 2 → 3 per document, 网络谣言 falls,
/// 数字政府 appears in 2020 only, 智慧城市 is seen in 2018 only, 数字经济 stays at one per document.
fn constructed_corpus(dir: &Path) {
    let filler = "今年我们继续推进各项工作取得明显成效";
    let docs = [
        (
            "a.txt",
            2018,
            "county",
            &[
                ("创新驱动", 1),
                ("网络谣言", 3),
                ("智慧城市", 2),
                ("数字经济", 1),
            ][..],
        ),
        (
            "b.txt",
            2019,
            "county",
            &[
                ("创新驱动", 2),
                ("网络谣言", 2),
                ("智慧城市", 0),
                ("数字经济", 1),
            ][..],
        ),
        (
            "c.txt",
            2020,
            "county",
            &[
                ("创新驱动", 3),
                ("网络谣言", 1),
                ("数字政府", 2),
                ("数字经济", 1),
            ][..],
        ),
        (
            "d.txt",
            2020,
            "provincial",
            &[
                ("创新驱动", 3),
                ("网络谣言", 1),
                ("数字政府", 2),
                ("数字经济", 1),
            ][..],
        ),
    ];
    let mut manifest = String::from("file,title,date,year,level,region,speaker,genre\n");
    for (file, year, level, terms) in docs {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str(filler);
            text.push('。');
        }
        for (term, n) in terms {
            for _ in 0..*n {
                text.push_str(&format!("{term}。"));
            }
            // Keep every document the same size: pad with filler characters for absent ones.
            for _ in *n..3 {
                text.push_str("其他事项。");
            }
        }
        fs::write(dir.join(file), text).unwrap();
        manifest.push_str(&format!("{file},,,{year},{level},某地,,speech\n"));
    }
    fs::write(dir.join("manifest.csv"), manifest).unwrap();
}

#[test]
fn trends_on_a_constructed_corpus() {
    let dir = tempfile::tempdir().unwrap();
    constructed_corpus(dir.path());
    let corpus = load(dir.path());
    let counts = counts_of(&corpus);
    let size = counts.docs[0].han_chars as f64;
    assert!(counts.docs.iter().all(|d| d.han_chars as f64 == size));
    let trends = vocabulary_trends(&counts, None, 1);
    let get = |term: &str| trends.iter().find(|t| t.term == term).unwrap();

    // 创新驱动: 1, 2, 6 in years of size s, s, 2s → rates 1/s, 2/s, 3/s per character: the
    // size-weighted least-squares slope is exactly 1/s per year (times 10,000).
    let rising = get("创新驱动");
    assert!((rising.slope - 10_000.0 / size).abs() < 1e-9, "{rising:?}");
    assert!(rising.z > 0.0);
    assert_eq!((rising.first_year, rising.last_year), (2018, 2020));
    assert!(!rising.emerging && !rising.vanishing);

    let falling = get("网络谣言");
    assert!(falling.slope < 0.0 && falling.z < 0.0, "{falling:?}");

    let new = get("数字政府");
    assert!(new.emerging && !new.vanishing, "{new:?}");
    assert_eq!(new.first_year, 2020);
    let old = get("智慧城市");
    assert!(old.vanishing && !old.emerging, "{old:?}");
    assert_eq!(old.last_year, 2018);

    // A term at a constant rate has no trend.
    let constant = get("数字经济");
    assert_eq!(constant.direction, Direction::Flat);
    assert!(
        constant.slope.abs() < 1e-9 && (constant.p - 1.0).abs() < 1e-9,
        "{constant:?}"
    );

    // Per level: within county documents only, 数字政府 still emerges in 2020; the provincial
    // level has one year and so no trend at all.
    let per_level = trends_per_level(&counts, 1);
    let county_new = per_level
        .iter()
        .find(|t| t.level == "county" && t.term == "数字政府")
        .unwrap();
    assert!(county_new.emerging);
    assert!(
        per_level
            .iter()
            .filter(|t| t.level == "provincial")
            .all(|t| t.slope == 0.0 && t.p == 1.0 && !t.emerging && !t.vanishing)
    );
}

#[test]
fn tables_become_polars_frames() {
    let corpus = load(&corpus_dir());
    let counts = counts_of(&corpus);
    let long = frame::counts_table(&counts);
    let df = frame::to_frame(&long).unwrap();
    assert_eq!(df.height(), counts.cells.len());
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        names,
        ["doc", "year", "level", "region", "term", "kind", "count"]
    );
    let column = df.column("count").unwrap().i64().unwrap();
    let total: i64 = (0..column.len()).filter_map(|i| column.get(i)).sum();
    let by_hand: i64 = counts.cells.iter().map(|c| i64::from(c.count)).sum();
    assert_eq!(total, by_hand);
}

#[test]
fn counting_batch_by_batch_gives_the_counts_of_the_whole_corpus() {
    let corpus = load(&corpus_dir());
    let whole = counts_of(&corpus);
    let options = CountOptions {
        ngrams: 1..=2,
        ..Default::default()
    };
    let mut counter = Counter::new(Segmenter::shared(), options.clone());
    for doc in corpus.documents.chunks(1) {
        counter.add(doc);
    }
    let batched = counter.finish();
    let at_once = count(&corpus.documents, Segmenter::shared(), &options);
    assert_eq!(batched.docs, at_once.docs);
    assert_eq!(batched.cells, at_once.cells);
    assert_eq!(batched.vocabulary.len(), at_once.vocabulary.len());
    // Bigrams add terms but leave the single words' counts alone.
    let id = whole.vocabulary.id("网信工作").unwrap();
    let batched_id = batched.vocabulary.id("网信工作").unwrap();
    assert_eq!(whole.counts_of(id), batched.counts_of(batched_id));
    assert_eq!(whole.counts_of(id), [21, 16, 18, 9]);
}

#[test]
fn the_counts_frame_has_categorical_columns_holding_the_table_values() {
    use polars::prelude::DataType;
    let corpus = load(&corpus_dir());
    let counts = counts_of(&corpus);
    let df = frame::counts_frame(&counts).unwrap();
    assert_eq!(df.height(), counts.cells.len());
    for name in ["doc", "level", "region", "term", "kind"] {
        let dtype = df.column(name).unwrap().dtype();
        assert!(
            matches!(dtype, DataType::Categorical(..)),
            "{name}: {dtype:?}"
        );
    }
    let table = frame::counts_table(&counts);
    for name in ["doc", "level", "region", "term", "kind"] {
        let strings = df.column(name).unwrap().cast(&DataType::String).unwrap();
        let strings = strings.str().unwrap();
        let column = table.columns.iter().find(|c| c.name == name).unwrap();
        for (row, value) in column.values.iter().enumerate() {
            let expected = match value {
                Value::Str(s) => Some(s.as_str()),
                _ => None,
            };
            assert_eq!(strings.get(row), expected, "{name} row {row}");
        }
    }
}

#[test]
fn national_reports_whole_vocabulary() {
    let Some(shared) = shared_corpora() else {
        return;
    };
    let corpus = load(&shared.join("national-gwr"));
    let counts = counts_of(&corpus);
    assert!(counts.docs.len() >= 57);
    let trends = vocabulary_trends(&counts, None, 3);
    assert!(trends.len() > 5_000, "{} terms", trends.len());
    assert!(
        trends
            .iter()
            .all(|t| t.p.is_finite() && (0.0..=1.0).contains(&t.q))
    );
    let get = |term: &str| trends.iter().find(|t| t.term == term).unwrap();
    // 高质量发展 entered the reports in 2017–2018 and rose since; 阶级斗争 belongs to the early years.
    let hq = get("高质量发展");
    assert_eq!(hq.direction, Direction::Rising, "{hq:?}");
    assert!(hq.first_year >= 2017, "{hq:?}");
    let class_struggle = get("阶级斗争");
    assert_eq!(
        class_struggle.direction,
        Direction::Falling,
        "{class_struggle:?}"
    );
    let recent: Filter = "year>=2013".parse().unwrap();
    let rows = keyness(&counts, &recent, None, 3).unwrap();
    assert!(rows.len() > 5_000);
    let top: Vec<&str> = rows.iter().take(30).map(|r| r.term.as_str()).collect();
    assert!(top.contains(&"高质量发展"), "{top:?}");
}
