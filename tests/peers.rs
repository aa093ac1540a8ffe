//! A corpus of peers and their sources (`../shared/corpora/provincial-gwr-2026`: sixteen
//! provinces' 2026 reports and the national 2025 report; `law-implementation`: national laws and
//! the provinces' implementing measures): counts agree with the texts whether a formulation is
//! quoted or not, peers are never sources, plans compare national with province, traces keep
//! only what is kept, pair terms and changes hold in the texts, small groups are said to be small.
//! Every test skips without `../shared`.

use crate::common::{self, json_of, tifa};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tifa::ingest::{self, LoadOptions};
use tifa::reuse::ReuseDoc;
use tifa::stats::counts::{CountOptions, count};
use tifa::stats::formulations::formulations;
use tifa::stats::kwic::kwic_many;
use tifa::words::Segmenter;

fn corpus(name: &str) -> Option<PathBuf> {
    Some(common::shared_corpora()?.join(name))
}

/// provincial-gwr-2026, loaded once for all the tests that read it.
fn provincial() -> Option<&'static ingest::Corpus> {
    static CORPUS: OnceLock<Option<ingest::Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let dir = corpus("provincial-gwr-2026")?;
            Some(ingest::load(&dir, &LoadOptions::default()).unwrap())
        })
        .as_ref()
}

/// Each document's normalized text, by id.
fn texts(corpus: &ingest::Corpus) -> BTreeMap<&str, &str> {
    corpus
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.normalized.text.as_str()))
        .collect()
}

/// Corpus-wide reuse of a loaded corpus, its likely sources and what is shared with peers.
fn reuse_of(
    corpus: &ingest::Corpus,
) -> (
    Vec<ReuseDoc>,
    Vec<tifa::reuse::LikelySource>,
    Vec<tifa::reuse::PeerShared>,
) {
    let docs: Vec<ReuseDoc> = corpus.documents.iter().map(ReuseDoc::of).collect();
    let result = tifa::reuse::detect(&docs, &Default::default());
    let sources = tifa::reuse::likely_sources(&docs, &result);
    let peers = tifa::reuse::shared_with_peers(&docs, &result, &sources);
    (docs, sources, peers)
}

fn rows(args: &[&str], dir: &Path) -> Vec<Value> {
    json_of(tifa().args(args).arg(dir).args(["--format", "json"]))
}

/// Formulations the provinces use quoted in some reports and unquoted in others, with ASCII and
/// full-width signs, and formulations none of them quotes.
const FORMULATIONS: [&str; 10] = [
    "投资于人",
    "以旧换新",
    "全国统一大市场",
    "低空经济",
    "新质生产力",
    "银发经济",
    "首发经济",
    "人工智能+",
    "零碳园区",
    "人工智能",
];

#[test]
fn formulations_count_wherever_they_stand_quoted_or_not() {
    let Some(corpus) = provincial() else {
        return;
    };
    let texts = texts(corpus);
    let segmenter = Segmenter::shared();
    let docs = &corpus.documents;
    let counts = count(docs, segmenter, &CountOptions::default());
    let infos = counts.docs.clone();
    let table = formulations(docs, &infos, segmenter);
    // Sixteen provinces of 2026 say 全国统一大市场 unquoted: a recurrent phrase among peers;
    // 进出口总额 and 地区生产总值 (增长…%) are quantities, no formulations.
    let kind = |text: &str| table.iter().find(|s| s.text == text).map(|s| s.kind);
    assert_eq!(
        kind("全国统一大市场"),
        Some(tifa::words::formulation::FormulationKind::Recurrent)
    );
    assert_eq!(kind("进出口总额"), None);
    assert_eq!(kind("地区生产总值"), None);
    let phrases: Vec<String> = FORMULATIONS.iter().map(|f| f.to_string()).collect();
    let kwic = kwic_many(docs, &phrases, 10, segmenter);
    for (f, (_, lines)) in FORMULATIONS.iter().zip(&kwic) {
        // The whole-word count of the normalized text, document by document.
        let expected: BTreeMap<&str, usize> = texts
            .iter()
            .map(|(&id, text)| (id, text.matches(f).count()))
            .filter(|&(_, n)| n > 0)
            .collect();
        let total: usize = expected.values().sum();
        assert!(total > 10, "{f}: {total}");
        // kwic finds every occurrence, in the documents that have them.
        let mut found: BTreeMap<&str, usize> = BTreeMap::new();
        for line in lines {
            *found.entry(line.doc.as_str()).or_default() += 1;
        }
        assert_eq!(found, expected, "kwic {f}");
        // The counts (terms, keyness, trend) give the same count in every document.
        let id = counts
            .vocabulary
            .id(f)
            .unwrap_or_else(|| panic!("{f} is no term"));
        let counted: BTreeMap<&str, usize> = counts
            .counts_of(id)
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(d, n)| (counts.docs[d].id.as_str(), n as usize))
            .collect();
        assert_eq!(counted, expected, "counts {f}");
        if *f == "人工智能" {
            continue; // a word, not a formulation
        }
        // The formulation table has one row with every occurrence and document.
        let row = table
            .iter()
            .find(|r| r.text == *f)
            .unwrap_or_else(|| panic!("no row for {f}"));
        assert_eq!(row.count as usize, total, "{f}");
        assert_eq!(row.docs as usize, expected.len(), "{f}");
    }
    // 人工智能+ and 人工智能＋ are one formulation; none of the fragments is a row.
    // Nor are phrases that modify a longer name: 规上工业 | 增加值, 长期护理 | 保险,
    // 中华民族共同体 | 意识.
    for not_a_row in [
        "人工智能＋",
        "全国统一大",
        "统一大市场",
        "低空",
        "银发",
        "规上工业",
        "长期护理",
        "中华民族共同体",
    ] {
        assert!(!table.iter().any(|r| r.text == not_a_row), "{not_a_row}");
    }
    // Formulations no report quotes are found by corpus statistics, and say so.
    for (f, kind) in [
        ("全国统一大市场", "recurrent"),
        ("银发经济", "recurrent"),
        ("首发经济", "recurrent"),
        ("投资于人", "quoted"),
    ] {
        let row = table.iter().find(|r| r.text == f).unwrap();
        assert_eq!(row.kind.as_str(), kind, "{f}");
    }
    // Two-character words marked once and used freely are scare quotes or a journal: “提质”
    // (湖北, once; 187 uses), 《科学》 (陕西); three-character policy words quoted rarely stay
    // (保交房), as do counted formulas (“三保”).
    for scare in ["提质", "科学", "高地", "优先"] {
        assert!(!table.iter().any(|r| r.text == scare), "{scare}");
    }
    for kept in ["保交房", "三保", "挑大梁"] {
        assert!(table.iter().any(|r| r.text == kept), "{kept}");
    }
    // The matrix: the shared formulations are in every document, a province's own in it alone.
    let m = tifa::stats::matrix::formulation_matrix(&table, &infos).unwrap();
    assert_eq!(m.docs.len(), 17);
    assert_eq!(m.docs[0], "gwr-2025");
    use tifa::stats::matrix::MatrixGroup;
    let shared: Vec<_> = m
        .rows
        .iter()
        .filter(|r| r.group == MatrixGroup::Shared)
        .collect();
    assert!(shared.len() >= 10);
    assert!(shared.iter().all(|r| r.counts.iter().all(|&n| n > 0)));
    for (own, doc) in [
        ("八八战略", "prov-2026-浙江省"),
        ("强富美高", "prov-2026-江苏省"),
    ] {
        let row = m.rows.iter().find(|r| r.formulation == own).unwrap();
        assert_eq!(row.group, MatrixGroup::Own);
        let used: Vec<&str> = m
            .docs
            .iter()
            .zip(&row.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(d, _)| d.as_str())
            .collect();
        assert_eq!(used, [doc], "{own}");
        // The count is the text's.
        let text = texts.get(doc).unwrap();
        assert_eq!(
            row.counts.iter().sum::<u32>() as usize,
            text.matches(own).count()
        );
    }
}

#[test]
fn a_full_width_plus_is_the_ascii_plus() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "a.txt",
        "开展“人工智能＋”行动，推进人工智能 + 制造。\n".as_bytes(),
    );
    common::write(dir.path(), "b.txt", "深化“人工智能+”行动。\n".as_bytes());
    let table: Vec<Value> = json_of(
        tifa()
            .arg("formulations")
            .arg(dir.path())
            .args(["--format", "json"]),
    );
    let ai: Vec<&Value> = table
        .iter()
        .filter(|r| r["formulation"].as_str().unwrap().starts_with("人工智能"))
        .collect();
    assert_eq!(ai.len(), 1, "{ai:?}");
    assert_eq!(ai[0]["formulation"], "人工智能+");
    assert_eq!(
        (ai[0]["count"].as_u64(), ai[0]["docs"].as_u64()),
        (Some(3), Some(2))
    );
}

#[test]
fn no_province_is_another_provinces_source() {
    let Some(corpus) = provincial() else {
        return;
    };
    let (docs, sources, peers) = reuse_of(corpus);
    assert!(sources.len() > 100, "{}", sources.len());
    for s in &sources {
        assert_eq!(docs[s.source as usize].id, "gwr-2025", "{s:?}");
    }
    // What the provinces share only with one another is said, with the peers it is shared with.
    let shares = tifa::reuse::reused_shares(&docs, &sources, &peers);
    let provinces: Vec<_> = shares
        .iter()
        .filter(|s| docs[s.doc as usize].id.starts_with("prov-"))
        .collect();
    assert_eq!(provinces.len(), 16);
    for s in provinces {
        assert_eq!(s.sources, 1, "{s:?}");
        assert!(s.peer_share > 0.05, "{s:?}");
    }
    for p in &peers {
        assert!(!p.peers.is_empty() && !p.peers.contains(&p.doc));
        for &q in &p.peers {
            assert_eq!(docs[q as usize].level, docs[p.doc as usize].level);
            assert_ne!(docs[q as usize].division, docs[p.doc as usize].division);
        }
    }
}

#[test]
fn implementing_measures_draw_on_national_laws() {
    let Some(dir) = corpus("law-implementation") else {
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("manifest.csv")).unwrap();
    let mut meta: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let id = f[0].trim_end_matches(".md").to_string();
        meta.insert(id, (f[4].into(), f[5].into(), f[1].into()));
    }
    let sources = rows(&["reuse", "--table", "sources"], &dir);
    let named = |title: &str| {
        let inner = title.split('《').nth(1).unwrap_or(title);
        let inner = inner.split('》').next().unwrap_or_default();
        inner.trim_start_matches("中华人民共和国").to_string()
    };
    let (mut national, mut versions, mut all) = (0u64, 0u64, 0u64);
    // Per measure: characters from its national law, from its own earlier version.
    let mut per: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for s in &sources {
        let target = &meta[s["target"].as_str().unwrap()];
        let source = &meta[s["likely_source"].as_str().unwrap()];
        // Every source, of a law or of a measure, is of the same law: legal boilerplate shared
        // with other laws (构成犯罪的，依法追究刑事责任) names no source.
        assert_eq!(named(&source.2), named(&target.2), "{s}");
        if target.0 == "national" {
            continue;
        }
        let chars = s["chars"].as_u64().unwrap();
        all += chars;
        let mine = per.entry(s["target"].as_str().unwrap()).or_default();
        if source.0 == "national" {
            national += chars;
            mine.0 += chars;
        } else {
            // Never a peer: the same province's earlier version of the same measure.
            assert_eq!(source.1, target.1, "{s}");
            versions += chars;
            mine.1 += chars;
        }
    }
    assert!(all > 40_000, "{all}");
    // Set aside what a revised measure keeps of its own earlier version, every source character
    // comes from the national law it implements: all of it for 36 of the 39 measures, and
    // 85% over all the measures' source characters. The three others are the revised ones.
    let revised: Vec<&str> = per
        .iter()
        .filter(|(_, (_, v))| *v > 0)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(
        revised,
        [
            "北京-实施水法-2022",
            "山东-实施水法-2017",
            "行政法规-实施药品管理法-2025"
        ],
        "{per:?}"
    );
    assert_eq!(per.len(), 39, "{per:?}");
    assert!(
        versions > 0 && versions * 100 < all * 15,
        "{versions} of {all}"
    );
    assert!(national * 100 >= all * 85, "{national} of {all}");
}

#[test]
fn the_report_compares_national_with_province_and_no_peers() {
    let Some(dir) = corpus("provincial-gwr-2026") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("r");
    tifa()
        .arg("report")
        .arg(&dir)
        .args(["-q", "--formats", "csv,md", "--out"])
        .arg(&report)
        .assert()
        .success();
    // The briefing opens with what is new in 2026: no earlier document (the 2025 national
    // report) says 共同富裕, 15 provinces do, 39 times (grep agrees); Shanghai's line 53 first.
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    let briefing = &md[..md.find("近五年首见").unwrap()];
    assert!(briefing.contains("2026年新出现的提法"), "{briefing}");
    assert!(
        briefing.contains("- **共同富裕**：15 份文件使用 39 次。`prov-2026-上海市:53`"),
        "{briefing}"
    );
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(report.join("manifest.json")).unwrap())
            .unwrap();
    let plan = manifest["plan"].as_array().unwrap();
    assert_eq!(plan.len(), 16, "{plan:?}");
    for p in plan {
        assert_eq!(p["a"], "gwr-2025", "{p}");
        assert_eq!(p["reason"], "cross-level", "{p}");
    }
    // Keyness of the one national document against the provinces is said to rest on one.
    let keyness = std::fs::read_to_string(report.join("tables/keyness.csv")).unwrap();
    assert!(keyness.contains("small group: the target is 1 document"));
}

#[test]
fn a_trace_keeps_only_what_is_kept() {
    let Some(corpus) = provincial() else {
        return;
    };
    let base = corpus.find("gwr-2025").unwrap();
    let docs: Vec<&ingest::Document> = corpus
        .documents
        .iter()
        .filter(|d| tifa::trace::may_draw_on(base, d))
        .collect();
    assert_eq!(docs.len(), 16);
    let options = tifa::align::AlignOptions::default();
    let trace = tifa::trace::trace(base, &docs, Segmenter::shared(), &options);
    let mut kept = 0;
    for (s, sentence) in trace.sentences.iter().enumerate() {
        for v in &trace.variants[s] {
            if v.kind != tifa::align::PairKind::Dropped {
                kept += 1;
                assert!(v.similarity >= options.min_similarity, "{v:?}");
                assert!(sentence.chars >= 10, "{}", sentence.text);
            }
        }
    }
    assert!(kept > 100, "{kept}");
    let greeting = trace
        .sentences
        .iter()
        .position(|s| s.text.starts_with("各位代表"))
        .expect("the base greets the deputies");
    assert_eq!(trace.carried(greeting), 0, "a greeting is never kept");
}

#[test]
fn a_pairs_new_and_dropped_terms_hold_in_the_texts() {
    let Some(dir) = corpus("national-gwr") else {
        return;
    };
    let (a, b) = (dir.join("gwr-2024.txt"), dir.join("gwr-2025.txt"));
    let diff: Value = json_of(
        tifa()
            .arg("diff")
            .arg(&a)
            .arg(&b)
            .args(["--format", "json"]),
    );
    let normalized = |p: &Path| {
        ingest::load_document(p, "x", None, &LoadOptions::default())
            .unwrap()
            .normalized
            .text
    };
    let (ta, tb) = (normalized(&a), normalized(&b));
    let terms = &diff["terms"];
    let mut listed = 0;
    for (list, side, other) in [("new", &tb, &ta), ("dropped", &ta, &tb)] {
        for t in terms[list].as_array().unwrap() {
            let term = t["term"].as_str().unwrap();
            listed += 1;
            assert!(side.contains(term), "{list} {term}");
            assert!(!other.contains(term), "{list} {term} is in the other text");
        }
    }
    assert!(listed > 60, "{listed}");
    // A formulation the later report keeps, reworded around it, is no change.
    let changes = diff["formulation_changes"].as_array().unwrap();
    assert!(!changes.iter().any(|c| c["before"] == "开展“人工智能+”行动"));
    assert!(
        changes
            .iter()
            .any(|c| c["before"] == "二十届二中全会" && c["after"] == "二十届二中、三中全会")
    );
}

#[test]
fn a_law_is_traced_through_its_own_implementing_measures_only() {
    let Some(dir) = corpus("law-implementation") else {
        return;
    };
    let docs = rows(
        &["trace", "national-水法-2016", "--table", "documents"],
        &dir,
    );
    let mut ids: Vec<&str> = docs
        .iter()
        .map(|d| d["document"].as_str().unwrap())
        .collect();
    ids.sort();
    // Measures of 《献血法》 or 《气象法》 are later and lower, but implement another law. The
    // undated 青岛 text takes 1992 from its legislative history, before the 2016 law.
    assert_eq!(
        ids,
        [
            "北京-实施水法-2019",
            "北京-实施水法-2022",
            "山东-实施水法-2017",
            "河南-实施水法-2018"
        ]
    );
}

/// The top changes of formulation of a pair, as `tifa diff --format json` ranks them.
fn top_changes(a: &Path, b: &Path, n: usize) -> Vec<(String, String)> {
    let diff: Value = json_of(tifa().arg("diff").arg(a).arg(b).args(["--format", "json"]));
    diff["formulation_changes"]
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|c| {
            let side = |k: &str| c[k].as_str().unwrap().to_string();
            (side("before"), side("after"))
        })
        .collect()
}

#[test]
fn formulation_changes_are_one_clause_said_two_ways() {
    let (Some(national), Some(provincial)) =
        (corpus("national-gwr"), corpus("provincial-gwr-2026"))
    else {
        return;
    };
    let top = top_changes(
        &national.join("gwr-2024.txt"),
        &national.join("gwr-2025.txt"),
        15,
    );
    let has = |top: &[(String, String)], a: &str, b: &str| {
        top.iter().any(|(x, y)| (x.as_str(), y.as_str()) == (a, b))
    };
    // Real: 教育强国建设规划纲要 → 教育强国建设三年行动计划.
    assert!(has(&top, "规划纲要", "三年行动计划"), "{top:?}");
    assert!(has(&top, "积极培育新兴产业", "培育壮大新兴产业"), "{top:?}");
    // Reordered (促进医疗、医保、医药), and a change of emphasis where 2025 still says
    // 科技自立自强 and 2024 said 对外开放.
    assert!(!top.iter().any(|(x, _)| x == "促进医保、医疗"), "{top:?}");
    assert!(!has(&top, "科技自立自强", "对外开放"), "{top:?}");
    // A clause dropped beside 学习教育成果 added to the clause before.
    let top = top_changes(
        &provincial.join("gwr-2025.txt"),
        &provincial.join("prov-2026-广西壮族自治区.txt"),
        15,
    );
    assert!(has(&top, "纵深推进", "积极参与"), "{top:?}");
    assert!(!top.iter().any(|(_, y)| y == "学习教育成果"), "{top:?}");
}

#[test]
fn a_yearly_series_has_no_recurrent_phrases() {
    let Some(national) = corpus("national-gwr") else {
        return;
    };
    // One report a year: what it says year after year is standing vocabulary.
    let rows = rows(&["formulations"], &national);
    assert!(rows.len() > 500);
    assert!(
        !rows.iter().any(|r| r["kind"] == "recurrent"),
        "{:?}",
        rows[0]
    );
}

/// The provincial reports as a user copies them from the portals, with no year in the file
/// names and no manifest: every title, year, level and region comes from the text, no interface
/// line is left, and the national report's year comes from its part headings.
#[test]
fn scraped_reports_without_years_in_their_names_are_read_from_their_own_title_blocks() {
    let Some(source) = corpus("provincial-gwr-2026") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let to = match name.strip_prefix("prov-2026-") {
            Some(region) => region.to_string(),
            None if name == "gwr-2025.txt" => "国务院.txt".to_string(),
            None => continue,
        };
        std::fs::copy(&path, dir.path().join(to)).unwrap();
    }
    let corpus = ingest::load(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(corpus.documents.len(), 17);
    let interface = [
        "下载",
        "打印",
        "全屏",
        "收藏",
        "字号",
        "加大",
        "还原",
        "减小",
        "相关报道",
    ];
    for d in &corpus.documents {
        let meta = &d.meta;
        if d.id == "国务院" {
            assert_eq!(meta.year.value, Some(2025), "{:?}", meta.year);
            assert_eq!(
                meta.level.value,
                Some(tifa::ingest::metadata::Level::National)
            );
            continue;
        }
        let title = meta.title.value.as_deref().unwrap_or_default();
        assert!(
            title.contains(&d.id) && title.contains("2026年") && title.ends_with("政府工作报告"),
            "{}: title {title}",
            d.id
        );
        assert_eq!(meta.year.value, Some(2026), "{}: {:?}", d.id, meta.year);
        assert!(
            meta.date
                .value
                .as_deref()
                .is_some_and(|date| date.starts_with("2026-0")),
            "{}: date {:?}",
            d.id,
            meta.date
        );
        assert_eq!(
            meta.level.value,
            Some(tifa::ingest::metadata::Level::Provincial),
            "{}",
            d.id
        );
        assert_eq!(meta.region.value.as_deref(), Some(d.id.as_str()));
        for line in d
            .normalized
            .text
            .lines()
            .filter(|l| l.chars().count() <= 12)
        {
            assert!(
                !interface.iter().any(|w| line.contains(w)),
                "{}: interface line {line}",
                d.id
            );
        }
    }
}
