//! The statistics commands from the outside: every format, snapshots of the tables, bad filters.

use crate::common;

use common::{stdout, tifa};
use polars::prelude::{ParquetReader, SerReader};
use predicates::str::contains;

#[test]
fn terms_by_year_table() {
    insta::assert_snapshot!(stdout(&["terms", "--by", "year", "--top", "8"]));
}

#[test]
fn keyness_county_against_provincial_table() {
    insta::assert_snapshot!(stdout(&[
        "keyness",
        "--target",
        "level=county",
        "--reference",
        "level=provincial",
        "--top",
        "12"
    ]));
}

#[test]
fn formulations_table() {
    insta::assert_snapshot!(stdout(&["formulations"]));
}

#[test]
fn enumeration_lists_table() {
    insta::assert_snapshot!(stdout(&["formulations", "--lists"]));
}

#[test]
fn kwic_table() {
    insta::assert_snapshot!(stdout(&["kwic", "网络强国", "--width", "10"]));
}

#[test]
fn trend_series_split_by_level() {
    insta::assert_snapshot!(stdout(&[
        "trend",
        "网络强国",
        "供给侧结构性改革",
        "corpus",
        "--split",
        "level"
    ]));
}

#[test]
fn traditional_query_finds_simplified_text() {
    let out = stdout(&["kwic", "網絡強國", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["hit"] == "网络强国"));
}

#[test]
fn json_rows_are_keyed_by_column_name() {
    let out = stdout(&["keyness", "--target", "year=2018", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "term",
        "a",
        "b",
        "c",
        "d",
        "rate_target",
        "rate_reference",
        "g2",
        "p",
        "q",
        "log_ratio",
        "docs_target",
        "docs_reference",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    let terms = stdout(&["terms", "--by", "year", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&terms).unwrap();
    for key in ["term", "year", "count", "rate_per_10k", "docs"] {
        assert!(rows[0].get(key).is_some(), "{key} missing from {}", rows[0]);
    }
}

#[test]
fn csv_has_a_bom_and_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "关于=HYPERLINK(\"http://x\")的说明。我们要坚持“=SUM(全县)”的原则，坚持“=SUM(全县)”。\n",
    )
    .unwrap();
    let out = stdout(&[
        "formulations",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.starts_with('\u{feff}'), "no BOM");
    assert!(out.contains("'=SUM（全县）"), "{out}");
    assert!(
        !out.contains(",=") && !out.lines().any(|l| l.starts_with('=')),
        "{out}"
    );
    let kwic = stdout(&[
        "kwic",
        "=HYPERLINK",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
        "--width",
        "3",
    ]);
    assert!(kwic.starts_with('\u{feff}'), "no BOM");
    assert!(kwic.contains(",'=HYPERLINK,"), "{kwic}");
}

#[test]
fn parquet_reads_back_in_polars() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keyness.parquet");
    tifa()
        .args(["keyness", "--target", "level=county", "--out"])
        .arg(&path)
        .assert()
        .success();
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    assert!(df.height() > 100);
    assert!(df.column("g2").unwrap().f64().is_ok());
    assert!(df.column("term").unwrap().str().is_ok());
    let counts = dir.path().join("counts.parquet");
    tifa()
        .args(["terms", "--counts", "--out"])
        .arg(&counts)
        .assert()
        .success();
    let df = ParquetReader::new(std::fs::File::open(&counts).unwrap())
        .finish()
        .unwrap();
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        names,
        ["doc", "year", "level", "region", "term", "kind", "count"]
    );
}

#[test]
fn bad_filters_and_ranges_are_usage_errors() {
    tifa()
        .args(["keyness", "--target", "colour=red"])
        .assert()
        .code(2)
        .stderr(contains("unknown field `colour`"));
    tifa()
        .args(["keyness", "--target", "year=1990"])
        .assert()
        .failure()
        .stderr(contains("no document matches `year=1990`"));
    tifa()
        .args(["terms", "--ngrams", "0-9"])
        .assert()
        .failure()
        .stderr(contains("not an n-gram range"));
}

#[test]
fn trend_needs_years() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "我们要坚持网络强国战略。\n").unwrap();
    tifa()
        .args(["trend", "网络强国", dir.path().to_str().unwrap()])
        .assert()
        .failure()
        .stderr(contains("no document"))
        .stderr(contains("known year"));
}

#[test]
fn json_keys_follow_the_columns_and_jsonl_gives_a_row_per_line() {
    let csv = stdout(&["terms", "--top", "3", "--format", "csv"]);
    let header: Vec<String> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let json = stdout(&["terms", "--top", "3", "--format", "json"]);
    let first_row = json.lines().nth(1).unwrap();
    let keys: Vec<String> = regex::Regex::new(r#""([a-z_0-9]+)": "#)
        .unwrap()
        .captures_iter(first_row)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(keys, header);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let jsonl = stdout(&["terms", "--top", "3", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, rows);
}

#[test]
fn a_reference_that_only_repeats_the_target_is_explained() {
    tifa()
        .args([
            "keyness",
            "--target",
            "level=county",
            "--reference",
            "level=county",
        ])
        .assert()
        .code(2)
        .stderr(contains("also in the target"));
}

#[test]
fn the_formulation_matrix_puts_shared_formulations_first_and_each_documents_own_after() {
    let out = stdout(&["formulations", "--matrix", "--format", "csv"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap().trim_start_matches('\u{feff}');
    assert!(header.starts_with("formulation,group,docs,"), "{header}");
    // 网络强国 is in three of the four samples; 出彩河南 in one, five times.
    assert!(
        lines
            .clone()
            .next()
            .unwrap()
            .starts_with("网络强国,shared,3,"),
        "{out}"
    );
    assert!(out.contains("\n出彩河南,own,1,"), "{out}");
    // Too few documents for a matrix: a message, not an empty table.
    let one = tifa()
        .args(["formulations", "--matrix", "-"])
        .write_stdin("深入推进“出彩河南”建设。")
        .output()
        .unwrap();
    assert!(!one.status.success());
    assert!(String::from_utf8_lossy(&one.stderr).contains("at least 4 documents"));
}

#[test]
fn collocates_count_the_company_in_the_window_with_the_documented_measures() {
    let dir = tempfile::tempdir().unwrap();
    // Two documents of 2018 and 2023: 网络安全 (cut 网络 | 安全 by jieba or not) with its company.
    common::write(
        dir.path(),
        "a.txt",
        "筑牢网络安全屏障。加强网络安全保障。\n".as_bytes(),
    );
    common::write(
        dir.path(),
        "b.txt",
        "筑牢网络安全屏障。提升网络安全能力。\n".as_bytes(),
    );
    common::write(
        dir.path(),
        "manifest.csv",
        "file,title,year\na.txt,甲,2018\nb.txt,乙,2023\n".as_bytes(),
    );
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["collocates", "网络安全"])
            .arg(dir.path())
            .args([
                "--window",
                "1",
                "--min-freq",
                "1",
                "--by",
                "year",
                "--format",
                "json",
            ]),
    );
    let row = |group: &str, word: &str| {
        rows.iter()
            .find(|r| r["group"] == group && r["collocate"] == word)
            .unwrap_or_else(|| panic!("{group} {word}: {rows:?}"))
    };
    // 2018: node twice among 6 words (筑牢 网络安全 屏障 加强 网络安全 保障, however 网络安全
    // is cut, it is one node); 屏障 follows the first, and precedes 加强… within ±1 only once.
    let r = row("2018", "屏障");
    assert_eq!(
        (r["together"].as_u64(), r["node_freq"].as_u64()),
        (Some(1), Some(2))
    );
    let words = r["words"].as_u64().unwrap();
    // MI = log2(O11 × N / (R1 × C1)) = log2(1 × N / (2 × 1)).
    let mi = (words as f64 / 2.0).log2();
    assert!((r["mi"].as_f64().unwrap() - mi).abs() < 1e-3, "{r}");
    // log Dice = 14 + log2(2 × 1 / (2 + 1)).
    let log_dice = 14.0 + (2.0f64 / 3.0).log2();
    assert!(
        (r["log_dice"].as_f64().unwrap() - log_dice).abs() < 1e-3,
        "{r}"
    );
    // 2023 keeps 筑牢 and 屏障 and has 提升 and 能力 new.
    assert_eq!(row("2023", "提升")["change"], "new");
    assert_eq!(row("2023", "屏障")["change"], "kept");
    assert!(row("2018", "筑牢")["change"].is_null());
}

#[test]
fn collocates_of_reform_change_by_decade_in_the_national_reports() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    // Twenty years of reports, copied: the 1980s and the 2020s.
    let dir = tempfile::tempdir().unwrap();
    let national = shared.join("national-gwr");
    for entry in std::fs::read_dir(&national).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("gwr-198") || name.starts_with("gwr-202") {
            std::fs::copy(national.join(&name), dir.path().join(&name)).unwrap();
        }
    }
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["collocates", "改革"])
            .arg(dir.path())
            .args(["--by", "decade", "--top", "10", "--format", "json"]),
    );
    let top = |group: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r["group"] == group)
            .map(|r| r["collocate"].as_str().unwrap())
            .collect()
    };
    // The 1980s reform the economic system and the institutions (经济体制改革, 机构改革); the 2020s
    // deepen it and streamline administration (放管服改革), which the 1980s never say.
    assert!(top("1980s").contains(&"经济体制"), "{:?}", top("1980s"));
    assert!(top("2020s").contains(&"放管服"), "{:?}", top("2020s"));
    let fangguanfu = rows
        .iter()
        .find(|r| r["group"] == "2020s" && r["collocate"] == "放管服")
        .unwrap();
    assert_eq!(fangguanfu["change"], "new");
}

#[test]
fn dispersion_places_each_occurrence_and_draws_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    // 甲 holds the term at its start and its end; 乙 never.
    common::write(
        dir.path(),
        "a.txt",
        "新质生产力加快发展。一二三四五六七八九十。我们要发展新质生产力\n".as_bytes(),
    );
    common::write(dir.path(), "b.txt", "推进现代化产业体系建设。\n".as_bytes());
    let out = tempfile::tempdir().unwrap();
    let chart = out.path().join("plot.svg");
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["dispersion", "新质生产力"])
            .arg(dir.path())
            .arg("--chart")
            .arg(&chart)
            .args(["--format", "json"]),
    );
    let a = rows.iter().find(|r| r["doc"] == "a").unwrap();
    assert_eq!(a["count"], 2);
    assert_eq!(a["first_position"], 0.0);
    let b = rows.iter().find(|r| r["doc"] == "b").unwrap();
    assert_eq!(b["count"], 0);
    // All in one of two documents: DP = ½ (|1 − s_a| + |0 − s_b|) = s_b.
    let (ha, hb) = (
        a["han_chars"].as_f64().unwrap(),
        b["han_chars"].as_f64().unwrap(),
    );
    let dp = hb / (ha + hb);
    assert!((a["dp"].as_f64().unwrap() - dp).abs() < 1e-3, "{a}");
    assert!(chart.is_file() && out.path().join("plot.png").is_file());
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("<svg"));
}

#[test]
fn new_quality_productive_forces_first_appear_in_2024() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for year in [2023, 2024, 2025] {
        let name = format!("gwr-{year}.txt");
        std::fs::copy(
            shared.join("national-gwr").join(&name),
            dir.path().join(&name),
        )
        .unwrap();
    }
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["dispersion", "新质生产力"])
            .arg(dir.path())
            .args(["--format", "json"]),
    );
    let counts: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    // As the texts hold it: none in 2023, once in 2024 (加快发展新质生产力), twice in 2025.
    assert_eq!(
        counts,
        [
            ("gwr-2023".to_string(), 0),
            ("gwr-2024".to_string(), 1),
            ("gwr-2025".to_string(), 2)
        ]
    );
}
