//! Own against inherited text, the report's trace part, and the diffusion of formulations: on
//! the constructed 河北 corpus of `tests/trace.rs` (a county text takes one sentence of the
//! provincial base and adds “一部手机游承德” of its own), and with ../shared on
//! policy-central-shandong.

use crate::common::{self, tifa};
use serde_json::Value;

fn rows(args: &[&str], dir: &std::path::Path) -> Vec<Value> {
    common::json_of(tifa().args(args).arg(dir).args(["--format", "json"]))
}

/// The row of `rows` whose fields hold these values.
fn row<'r>(rows: &'r [Value], fields: &[(&str, &str)]) -> Option<&'r Value> {
    rows.iter()
        .find(|r| fields.iter().all(|(k, v)| r[*k].as_str() == Some(*v)))
}

fn counted(rows: &[Value], doc: &str, term: &str) -> (u64, u64) {
    let r =
        row(rows, &[("doc", doc), ("term", term)]).unwrap_or_else(|| panic!("no {term} in {doc}"));
    (
        r["count"].as_u64().unwrap(),
        r["inherited"].as_u64().unwrap(),
    )
}

#[test]
fn a_county_text_counts_what_it_takes_over_as_inherited_and_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    crate::trace::constructed(dir.path());
    let counts = rows(&["terms", "--counts", "--own-text"], dir.path());
    // own.txt: the base's first sentence (党的二十大精神) between two sentences of its own.
    assert_eq!(counted(&counts, "own", "二十大"), (1, 1));
    assert_eq!(counted(&counts, "own", "一部手机游承德"), (1, 0));
    assert_eq!(
        counted(&counts, "own", "精神"),
        (2, 1),
        "塞罕坝精神 is its own"
    );
    assert_eq!(counted(&counts, "own", "塞罕坝"), (1, 0));
    // The base has no source: nothing of it is inherited.
    assert!(
        counts
            .iter()
            .filter(|r| r["doc"] == "base")
            .all(|r| r["inherited"] == 0)
    );
    // Without --own-text the long table has no inherited column.
    let plain = rows(&["terms", "--counts"], dir.path());
    assert!(plain[0].get("inherited").is_none(), "{}", plain[0]);

    // terms --own-text lists only the own text: 二十大 is gone from own.txt.
    let own_terms = rows(&["terms", "--own-text", "--top", "100"], dir.path());
    let in_own = |term: &str| row(&own_terms, &[("doc", "own"), ("term", term)]).is_some();
    assert!(in_own("一部手机游承德") && in_own("塞罕坝"));
    assert!(!in_own("二十大") && !in_own("一网通办"));

    // formulations --own-text: 二十大 stays only where nothing earlier or higher has it.
    let docs_of = |rows: &[Value], f: &str| {
        row(rows, &[("formulation", f)]).map(|r| r["docs"].as_u64().unwrap())
    };
    let all = rows(&["formulations"], dir.path());
    let own = rows(&["formulations", "--own-text"], dir.path());
    assert_eq!(docs_of(&all, "二十大"), Some(8));
    // The earliest county text (2022) shares the base's wording with the 2023 counties of other
    // regions: peers, so that text is shared with peers (同级共有), not its own; the base has
    // no source and no peer.
    assert_eq!(docs_of(&own, "二十大"), Some(1), "the base alone");
    assert_eq!(docs_of(&own, "一部手机游承德"), Some(1));
}

/// Writes the report of `corpus` in these formats under `dir`/report and returns that folder.
fn report(corpus: &std::path::Path, dir: &std::path::Path, formats: &str) -> std::path::PathBuf {
    let out = dir.join("report");
    tifa()
        .arg("report")
        .arg(corpus)
        .args(["-q", "--formats", formats, "--out"])
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn the_report_traces_the_base_and_lists_each_county_s_own_formulations() {
    let dir = tempfile::tempdir().unwrap();
    crate::trace::constructed(dir.path());
    let out = report(dir.path(), dir.path(), "md,csv");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("## 四、上级文件在下级文件中的落实"), "{md}");
    // The trace grid's caption names its columns' sections, not only their markers.
    assert!(md.contains("各列：前言"), "{md}");
    // keep, change and move take over 200 characters or more; drop and own take less.
    assert!(md.contains("### 全省网信工作会议讲话 (base) → 3 份下级文件"));
    assert!(
        md.contains("![全省网信工作会议讲话 各部分在下级文件中的保留比例](charts/trace-0.png)")
    );
    assert!(out.join("charts/trace-0.png").is_file());
    // The sentence the counties reword, in each one's wording, and the collation page.
    assert!(
        md.contains("上级文件原句（3 份文件中 3 份沿用，其中 1 份改写）：要压实网络安全工作责任制"),
        "{md}"
    );
    assert!(
        md.contains("| 乙 (change) | 要压实网络安全工作责任制，建立健全**本县**关键信息基础设施安全保护体系，**坚决**守住安全底线。 | `change.txt:3` |"),
        "{md}"
    );
    assert!(md.contains("[collations/01.html](collations/01.html)"));
    let page = std::fs::read_to_string(out.join("collations/01.html")).unwrap();
    assert!(page.contains("<ins>本县</ins>"));
    let table = |name: &str| std::fs::read_to_string(out.join("tables").join(name)).unwrap();
    let collation = table("collation.csv");
    assert!(collation.starts_with("\u{feff}base,base_sentence,section,document,kind,"));
    let traced = table("trace_documents.csv");
    let traced: Vec<&str> = traced.lines().skip(1).collect();
    assert_eq!(
        traced,
        [
            "base,change,5,1,0,0,1,1,",
            "base,keep,6,0,0,0,1,1,",
            "base,move,5,0,1,0,1,1,"
        ]
    );
    assert_eq!(
        table("own_formulations.csv").trim_start_matches('\u{feff}'),
        "doc,formulation,own_count,sources\nown,一部手机游承德,1,base\n"
    );
    assert!(md.contains("| own | base | 一部手机游承德（1） |"), "{md}");
    let counts = table("term_counts.csv");
    assert!(counts.lines().next().unwrap().ends_with(",count,inherited"));
    assert!(counts.contains("\nown,2023,county,丰宁满族自治县,二十大,formulation,1,1\n"));
    // Diffusion: the 2022 county text used 二十大 before the 2023 provincial base.
    let lags = table("formulation_lags.csv");
    assert!(
        lags.contains("\n二十大,provincial,county,-1,lower-first\n"),
        "{lags}"
    );
    // 二十大 is used in 2022 and 2023: its curve is drawn.
    assert!(out.join("charts/adoption.png").is_file());
}

#[test]
fn a_word_quoted_in_another_document_is_not_an_own_formulation_where_it_is_unquoted() {
    let dir = tempfile::tempdir().unwrap();
    crate::trace::constructed(dir.path());
    // Another county quotes 游客 each time it uses it: a formulation there. own.txt's own text
    // says 游客 unquoted, as the ordinary word.
    common::write(
        dir.path(),
        "quote.txt",
        "要把“游客”当亲人，让“游客”满意成为全县的工作标准。\n".as_bytes(),
    );
    let manifest = std::fs::read_to_string(dir.path().join("manifest.csv")).unwrap()
        + "quote.txt,辛,2023,2023-04-06,county,兴隆县\n";
    common::write(dir.path(), "manifest.csv", manifest.as_bytes());
    let out = report(dir.path(), dir.path(), "csv");
    let table = |name: &str| std::fs::read_to_string(out.join("tables").join(name)).unwrap();
    // One counting rule: the formulation counts wherever it stands, quoted or not (2 quoted
    // in quote.txt, 1 unquoted in own.txt), as term_counts says.
    assert!(
        table("formulations.csv").contains("\n游客,quoted,3,2,"),
        "{}",
        table("formulations.csv")
    );
    assert!(
        table("term_counts.csv")
            .contains("\nown,2023,county,丰宁满族自治县,游客,formulation,1,0\n"),
        "own.txt uses 游客 once in its own text"
    );
    assert_eq!(
        table("own_formulations.csv").trim_start_matches('\u{feff}'),
        "doc,formulation,own_count,sources\nown,一部手机游承德,1,base\n"
    );
}

#[test]
fn formulations_diffusion_tables_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    crate::trace::constructed(dir.path());
    let firsts = rows(&["formulations", "--diffusion", "first-uses"], dir.path());
    let first = |f: &str, region: &str| {
        row(&firsts, &[("formulation", f), ("region", region)]).map(|r| {
            (
                r["first_year"].as_i64().unwrap(),
                r["doc"].as_str().unwrap().to_string(),
            )
        })
    };
    assert_eq!(first("二十大", "河北省"), Some((2022, "earlier".into())));
    assert_eq!(first("二十大", "广东省"), Some((2023, "elsewhere".into())));
    let adoption = rows(&["formulations", "--diffusion", "adoption"], dir.path());
    let all_regions = adoption
        .iter()
        .find(|r| {
            r["formulation"] == "二十大"
                && r["level"] == "county"
                && r["year"] == 2023
                && r["region"].is_null()
        })
        .expect("a row for all county documents of 2023");
    assert_eq!(
        (
            all_regions["docs_using"].as_u64(),
            all_regions["docs"].as_u64()
        ),
        (Some(6), Some(6))
    );
    tifa()
        .args(["formulations", "--diffusion", "lags", "--lists"])
        .arg(dir.path())
        .assert()
        .code(2);
    // Lists are not counted: own text has no meaning for them.
    tifa()
        .args(["formulations", "--lists", "--own-text"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--own-text"));
}

#[test]
fn shandong_036_s_own_text_keeps_its_qingdao_terms() {
    let Some(shared) = common::shared_corpora() else {
        eprintln!("skipped: ../shared/corpora is not here");
        return;
    };
    let corpus = shared.join("policy-central-shandong");
    let counts = rows(&["terms", "--counts", "--own-text"], &corpus);
    // Most of shandong_036 is central_070 and central_134 adapted: its counts fall by about
    // seven tenths; 青岛 is in its own text but once.
    let of_036: Vec<&Value> = counts
        .iter()
        .filter(|r| r["doc"] == "shandong_036")
        .collect();
    let total = |k: &str| of_036.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
    let share = total("inherited") as f64 / total("count") as f64;
    assert!((0.65..0.8).contains(&share), "inherited share {share}");
    assert_eq!(counted(&counts, "shandong_036", "青岛"), (10, 1));
    assert_eq!(counted(&counts, "shandong_036", "联席工作小组"), (21, 0));
    let own = rows(&["terms", "--own-text", "--top", "30"], &corpus);
    assert!(row(&own, &[("doc", "shandong_036"), ("term", "联席工作小组")]).is_some());
}

#[test]
fn the_shandong_report_traces_central_070_and_lists_own_formulations() {
    let Some(shared) = common::shared_corpora() else {
        eprintln!("skipped: ../shared/corpora is not here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = report(
        &shared.join("policy-central-shandong"),
        dir.path(),
        "md,csv",
    );
    let table = |name: &str| std::fs::read_to_string(out.join("tables").join(name)).unwrap();
    let traced = table("trace_documents.csv");
    assert!(
        traced.contains("\ncentral_070,shandong_036,63,65,8,17,"),
        "{traced}"
    );
    let own = table("own_formulations.csv");
    for row in ["\nshandong_006,数字山东,7,", "\nshandong_006,爱山东,3,"] {
        assert!(own.contains(row), "{row} in {own}");
    }
    // National documents are not lower-level: they list no own formulations.
    assert!(!own.contains("\ncentral_"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("上级文件在下级文件中的落实") && md.contains("### 各文件自己的提法"));
    assert!(md.contains("### 提法的扩散") && out.join("charts/adoption.png").is_file());
}
