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
use tifa::ingest::{self, LoadOptions};

fn corpus(name: &str) -> Option<PathBuf> {
    Some(common::shared_corpora()?.join(name))
}

/// Each document's normalized text, by id.
fn texts(dir: &Path) -> BTreeMap<String, String> {
    let corpus = ingest::load(dir, &LoadOptions::default()).unwrap();
    corpus
        .documents
        .into_iter()
        .map(|d| (d.id.clone(), d.normalized.text))
        .collect()
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
    let Some(dir) = corpus("provincial-gwr-2026") else {
        return;
    };
    let texts = texts(&dir);
    let table = rows(&["formulations"], &dir);
    let counts = rows(&["terms", "--counts"], &dir);
    for f in FORMULATIONS {
        // The whole-word count of the normalized text, document by document.
        let expected: BTreeMap<&str, usize> = texts
            .iter()
            .map(|(id, text)| (id.as_str(), text.matches(f).count()))
            .filter(|&(_, n)| n > 0)
            .collect();
        let total: usize = expected.values().sum();
        assert!(total > 10, "{f}: {total}");
        // kwic finds every occurrence, in the documents that have them.
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for line in json_of::<Vec<Value>>(
            tifa()
                .args(["kwic", f])
                .arg(&dir)
                .args(["--format", "json"]),
        ) {
            *found
                .entry(line["doc"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        let found: BTreeMap<&str, usize> = found.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(found, expected, "kwic {f}");
        // The long counts table gives the same count in every document.
        let counted: BTreeMap<&str, usize> = counts
            .iter()
            .filter(|r| r["term"] == f)
            .map(|r| {
                (
                    r["doc"].as_str().unwrap(),
                    r["count"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        assert_eq!(counted, expected, "terms --counts {f}");
        if f == "人工智能" {
            continue; // a word, not a formulation
        }
        // The formulation table has one row with every occurrence and document.
        let row = table
            .iter()
            .find(|r| r["formulation"] == f)
            .unwrap_or_else(|| panic!("no row for {f}"));
        assert_eq!(row["count"].as_u64().unwrap() as usize, total, "{f}");
        assert_eq!(
            row["docs"].as_u64().unwrap() as usize,
            expected.len(),
            "{f}"
        );
    }
    // 人工智能+ and 人工智能＋ are one formulation; none of the fragments is a row.
    for not_a_row in ["人工智能＋", "全国统一大", "统一大市场", "低空", "银发"] {
        assert!(
            !table.iter().any(|r| r["formulation"] == not_a_row),
            "{not_a_row}"
        );
    }
    // Formulations no report quotes are found by corpus statistics, and say so.
    for (f, kind) in [
        ("全国统一大市场", "recurrent"),
        ("银发经济", "recurrent"),
        ("首发经济", "recurrent"),
        ("投资于人", "quoted"),
    ] {
        let row = table.iter().find(|r| r["formulation"] == f).unwrap();
        assert_eq!(row["kind"], kind, "{f}");
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
    let Some(dir) = corpus("provincial-gwr-2026") else {
        return;
    };
    let sources = rows(&["reuse", "--table", "sources"], &dir);
    assert!(sources.len() > 100, "{}", sources.len());
    for s in &sources {
        assert_eq!(s["likely_source"], "gwr-2025", "{s}");
    }
    // What the provinces share only with one another is said, with the peers it is shared with.
    let coverage = rows(&["reuse", "--table", "coverage"], &dir);
    let provinces: Vec<&Value> = coverage
        .iter()
        .filter(|r| r["target"].as_str().unwrap().starts_with("prov-"))
        .collect();
    assert_eq!(provinces.len(), 16);
    for r in provinces {
        assert_eq!(r["sources"], 1, "{r}");
        assert!(r["share_shared_with_peers"].as_f64().unwrap() > 0.05, "{r}");
    }
    let peers = rows(&["reuse", "--table", "peers"], &dir);
    assert!(
        peers
            .iter()
            .all(|p| p["kind"] == "shared-with-peers" && !p["peers"].as_str().unwrap().is_empty())
    );
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
    let (mut national, mut versions, mut all) = (0u64, 0u64, 0u64);
    for s in &sources {
        let target = &meta[s["target"].as_str().unwrap()];
        let source = &meta[s["likely_source"].as_str().unwrap()];
        if target.0 == "national" {
            continue;
        }
        let chars = s["chars"].as_u64().unwrap();
        all += chars;
        if source.0 == "national" {
            national += chars;
        } else {
            // Never a peer: the same province's earlier version of the same measure.
            assert_eq!(source.1, target.1, "{s}");
            let named = |title: &str| {
                let inner = title.split('《').nth(1).unwrap_or_default();
                inner.split('》').next().unwrap_or_default().to_string()
            };
            assert_eq!(named(&source.2), named(&target.2), "{s}");
            versions += chars;
        }
    }
    assert!(all > 40_000, "{all}");
    assert_eq!(national + versions, all);
    // Set aside what a revised measure keeps of its own earlier version, every source character
    // comes from a national law.
    assert_eq!(national, all - versions);
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
        .args(["-q", "--formats", "csv", "--out"])
        .arg(&report)
        .assert()
        .success();
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
    let Some(dir) = corpus("provincial-gwr-2026") else {
        return;
    };
    let variants = json_of::<Vec<Value>>(
        tifa()
            .args(["trace", "gwr-2025"])
            .arg(&dir)
            .args(["--table", "variants", "--format", "json"]),
    );
    let kept: Vec<&Value> = variants.iter().filter(|v| v["kind"] != "dropped").collect();
    assert!(kept.len() > 100, "{}", kept.len());
    for v in &kept {
        assert!(v["similarity"].as_f64().unwrap() >= 0.5, "{v}");
    }
    assert!(
        !variants
            .iter()
            .any(|v| v["base_text"].as_str().unwrap().starts_with("各位代表")),
        "a greeting is no base sentence to keep"
    );
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
