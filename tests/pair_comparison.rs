//! The pair comparison a briefing needs, checked on real text: what is new in B, what was dropped,
//! what changed as a formulation, shown in every output of `tifa diff` and in the report's pair
//! sections; and a text aligned with itself is identical sentence by sentence.

use crate::common;

use tifa::align::{AlignOptions, PairKind};
use tifa::compare::{Comparison, compare};
use tifa::diff::ChangeKind;
use tifa::ingest::{self, LoadOptions};
use tifa::present::pair::PairPresentation;
use tifa::words::Segmenter;

fn national(year: u32) -> Option<std::path::PathBuf> {
    Some(common::shared_corpora()?.join(format!("national-gwr/gwr-{year}.txt")))
}

fn load(path: &std::path::Path) -> tifa::ingest::Document {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    ingest::load_document(path, &name, None, &LoadOptions::default()).unwrap()
}

fn compared(a: &std::path::Path, b: &std::path::Path) -> Comparison {
    compare(
        load(a),
        load(b),
        Segmenter::shared(),
        &AlignOptions::default(),
    )
}

/// The part of a rendering before the first heading that follows the summary.
fn summary_part<'t>(out: &'t str, next_heading: &str) -> &'t str {
    let at = out
        .find(next_heading)
        .unwrap_or_else(|| panic!("no {next_heading} in {out}"));
    &out[..at]
}

#[test]
fn the_2024_report_shows_what_is_new_dropped_and_reworded_in_every_format() {
    let (Some(a), Some(b)) = (national(2023), national(2024)) else {
        return;
    };
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let text = common::stdout(&["diff", a, b, "--color", "never", "--width", "200"]);
    assert!(
        summary_part(&text, "── 新增提法").contains("新质生产力"),
        "{text}"
    );
    let md = common::stdout(&["diff", a, b, "--format", "md"]);
    assert!(summary_part(&md, "## 新增提法").contains("新质生产力"));
    let html = common::stdout(&["diff", a, b, "--format", "html"]);
    assert!(summary_part(&html, ">新增提法</h2>").contains("新质生产力"));
    // A dropped sentence and an added one, each with its file and line.
    let dropped = "疫情发生前，消费已经成为我国经济增长的主要拉动力";
    let line = md
        .lines()
        .find(|l| l.contains(dropped))
        .unwrap_or_else(|| panic!("{dropped} not shown"));
    assert!(
        line.contains("~~") && line.contains("`gwr-2023.txt:"),
        "{line}"
    );
    let added = md
        .lines()
        .find(|l| l.starts_with("- `gwr-2024.txt:") && l.contains("加快发展新质生产力"))
        .expect("the added section on 新质生产力 is shown");
    assert!(added.contains("**"), "{added}");
    // The terminal lists the longest runs; --show chooses what it shows.
    let only_added = common::stdout(&["diff", a, b, "--color", "never", "--show", "added"]);
    assert!(only_added.contains("新增内容") && !only_added.contains("删去内容"));
}

#[test]
fn the_2024_changes_of_formulation_are_formulations_not_function_words() {
    let (Some(a), Some(b)) = (national(2023), national(2024)) else {
        return;
    };
    let c = compared(&a, &b);
    let changes: Vec<(&str, &str, ChangeKind)> = c
        .diff
        .formulation_changes
        .iter()
        .map(|f| (f.before.as_str(), f.after.as_str(), f.kind))
        .collect();
    let find = |before: &str, after: &str| changes.iter().find(|c| c.0 == before && c.1 == after);
    assert_eq!(find("与", "和"), None, "a function-word swap is no change");
    assert_eq!(
        find("为", "以中国式现代化"),
        None,
        "an insertion is no change"
    );
    assert_eq!(find("一", "三"), None, "a heading's number is no change");
    for (before, after) in [
        ("诚挚感谢", "衷心感谢"),
        ("坚定反“独”促统", "坚决反对“台独”分裂和外来干涉"),
        ("推进祖国和平统一进程", "坚定不移推进祖国统一大业"),
    ] {
        let found =
            find(before, after).unwrap_or_else(|| panic!("{before} → {after}: {changes:?}"));
        assert_eq!(found.2, ChangeKind::Formulation);
    }
    // Ranked by weight: the thanks said three times comes first.
    assert_eq!(changes[0].0, "诚挚感谢");
    assert!(
        changes
            .iter()
            .all(|(before, after, _)| !before.contains('，') && !after.contains('，')),
        "no side is longer than a clause"
    );
    let p = PairPresentation::of(&c);
    assert!(
        p.new_formulations
            .iter()
            .any(|t| t.term == "新质生产力" && t.b_count >= 1)
    );
    assert!(
        p.dropped_formulations
            .iter()
            .any(|t| t.term == "全面建成小康社会")
    );
}

#[test]
fn samples_001_to_000_show_ten_adherences_new_and_five_clarities_dropped() {
    let c = compare(
        common::sample("001"),
        common::sample("000"),
        Segmenter::shared(),
        &AlignOptions::default(),
    );
    let p = PairPresentation::of(&c);
    let new = p
        .new_formulations
        .iter()
        .find(|t| t.term == "十个坚持")
        .expect("十个坚持 new");
    assert_eq!((new.a_count, new.b_count), (0, 2));
    assert_eq!(new.cite.file, "000_9ef17a759cacbb40.txt");
    let dropped = p
        .dropped_formulations
        .iter()
        .find(|t| t.term == "五个明确")
        .expect("五个明确 dropped");
    assert_eq!((dropped.a_count, dropped.b_count), (2, 0));
    assert_eq!(p.a.label, "把准政治方向 提高网络安全和信息化工作水平");
    let text = common::stdout(&["diff", "001", "000", "--color", "never"]);
    let summary = summary_part(&text, "── 新增提法");
    assert!(
        summary.contains("十个坚持") && summary.contains("五个明确"),
        "{summary}"
    );
    assert!(
        !text.contains("001_1e4f3ad92249e6af →"),
        "headings use titles, not ids"
    );
}

#[test]
fn every_national_report_aligned_with_itself_is_identical_throughout() {
    let Some(root) = common::shared_corpora() else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(root.join("national-gwr"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.push(root.join("encodings/crlf-notice-1.txt"));
    for path in files {
        let d = load(&path);
        let c = compare(d.clone(), d, Segmenter::shared(), &AlignOptions::default());
        for p in &c.alignment.pairs {
            assert_eq!(p.kind, PairKind::Identical, "{}: {p:?}", path.display());
            assert_eq!(p.a, p.b, "{}", path.display());
        }
        assert!(c.diff.formulation_changes.is_empty(), "{}", path.display());
        let pres = PairPresentation::of(&c);
        assert!(pres.added.is_empty() && pres.dropped.is_empty() && pres.new_terms.is_empty());
    }
}

/// `tifa diff` segments with only the dictionary words of its two texts; on two whole reports
/// every part of the comparison must come out as with the whole dictionary.
#[test]
fn a_pair_compared_with_its_own_dictionary_subset_is_unchanged() {
    let (Some(a), Some(b)) = (national(2023), national(2024)) else {
        eprintln!("skipped: ../shared/corpora is not here");
        return;
    };
    let (a, b) = (load(&a), load(&b));
    let within = Segmenter::for_texts(&[&a.normalized.text, &b.normalized.text], &[]).unwrap();
    let compared = |segmenter: &Segmenter| {
        let c = compare(a.clone(), b.clone(), segmenter, &AlignOptions::default());
        (c.a_tokens, c.b_tokens, c.alignment, c.diff, c.terms)
    };
    let (ours, whole) = (compared(&within), compared(Segmenter::shared()));
    assert_eq!(ours.0, whole.0, "tokens of gwr-2023");
    assert_eq!(ours.1, whole.1, "tokens of gwr-2024");
    assert!(ours.2 == whole.2, "the alignments differ");
    assert!(ours.3 == whole.3, "the diffs differ");
    assert!(ours.4 == whole.4, "the term changes differ");
}

/// A national law of five articles and a provincial measure that renumbers, adapts, leaves out
/// and adds articles, and cites the law by article.
const LAW: &str = "# 中华人民共和国示例水源法\n\n## 第一章 总则\n\n\
第一条 为了合理开发、利用、节约和保护水资源，防治水害，实现水资源的可持续利用，适应国民经济和社会发展的需要，制定本法。\n\n\
第二条 在中华人民共和国领域内开发、利用、节约、保护、管理水资源，防治水害，适用本法。\n\n\
第三条 水资源属于国家所有。水资源的所有权由国务院代表国家行使。\n\n\
## 第二章 管理\n\n\
第四条 县级以上人民政府水行政主管部门按照规定的权限，负责本行政区域内水资源的统一管理和监督工作。\n\n\
第五条 国家对用水实行总量控制和定额管理相结合的制度，各级人民政府应当推行节水灌溉方式和节水技术。\n";
const MEASURE: &str = "# 某省实施《中华人民共和国示例水源法》办法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n\
第一条 根据《中华人民共和国示例水源法》第二条的规定，结合本省实际情况，制定本办法。\n\n\
第二条 县级以上人民政府水行政主管部门按照规定的权限，负责本行政区域内水资源的统一管理和监督工作。\n\n\
第三条 为了合理开发、利用、节约和保护本省水资源，防治水害，实现水资源的可持续利用，制定本办法。\n\n\
第四条 省人民政府设立水资源保护专项资金，用于饮用水水源地保护和地下水超采区治理。\n\n\
第五条 国家对用水实行总量控制和定额管理相结合的制度，各级人民政府应当推行节水灌溉方式和节水技术。\n";

#[test]
fn a_law_and_its_measure_pair_article_by_article_by_content_not_number() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "law.md", LAW.as_bytes());
    common::write(dir.path(), "measure.md", MEASURE.as_bytes());
    let c = compared(&dir.path().join("law.md"), &dir.path().join("measure.md"));
    let map = c.articles.as_ref().expect("both are written in articles");
    let labels: Vec<&str> = map.b.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["第一条", "第二条", "第三条", "第四条", "第五条"]);
    // The heading line and the comment are no part of an article, nor joined to one.
    assert_eq!(map.a[2].number, 3);
    assert_eq!(map.a.len(), 5);
    let p = PairPresentation::of(&c);
    let articles = p.articles.expect("shown article by article");
    let rows: Vec<(&str, &str, &str)> = articles
        .rows
        .iter()
        .map(|r| (r.a.as_str(), r.b.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("第一条", "第三条", "adapted"),
            ("第二条", "", "left-out"),
            ("第三条", "", "left-out"),
            ("第四条", "第二条", "verbatim"),
            ("第五条", "第五条", "verbatim"),
            ("", "第一条", "new"),
            ("", "第四条", "new"),
        ]
    );
    assert_eq!(
        (
            articles.verbatim,
            articles.adapted,
            articles.left_out,
            articles.new,
            articles.citing
        ),
        (2, 1, 2, 2, 1)
    );
    let new_first = articles.rows.iter().find(|r| r.b == "第一条").unwrap();
    assert_eq!(new_first.cites, ["《中华人民共和国示例水源法》第二条"]);
    assert_eq!(map.citations[0].a_number, Some(2));
    // tifa diff shows the table before the sentence detail.
    let out = common::stdout(&[
        "diff",
        dir.path().join("law.md").to_str().unwrap(),
        dir.path().join("measure.md").to_str().unwrap(),
    ]);
    let articles_at = out.find("条文对应").expect("an article table");
    let detail_at = out.find("新增提法").expect("the term lists");
    assert!(articles_at < detail_at, "{out}");
    assert!(
        out.contains("B 原文照录 A 的 2 条、改写 1 条，未采用 A 的 2 条，新增 2 条"),
        "{out}"
    );
}

/// The article rows of two files of ../shared/corpora/law-implementation, as (A, B, kind).
fn law_rows(a: &str, b: &str) -> Option<Vec<(String, String, String)>> {
    let dir = common::shared_corpora()?.join("law-implementation");
    let c = compared(&dir.join(a), &dir.join(b));
    let p = PairPresentation::of(&c);
    Some(
        p.articles
            .expect("both are laws")
            .rows
            .into_iter()
            .map(|r| (r.a, r.b, r.kind.as_str().to_string()))
            .collect(),
    )
}

fn has(rows: &[(String, String, String)], a: &str, b: &str, kind: &str) -> bool {
    rows.iter().any(|r| r.0 == a && r.1 == b && r.2 == kind)
}

#[test]
fn renumbered_articles_of_two_versions_of_a_law_pair_by_content() {
    let Some(rows) = law_rows(
        "national-突发事件应对法-2007.md",
        "national-突发事件应对法-2024.md",
    ) else {
        return;
    };
    // Read in both texts: the same words under new numbers, and 第四条's system restated.
    for (a, b, kind) in [
        ("第二十八条", "第四十一条", "verbatim"),
        ("第四十一条", "第五十八条", "verbatim"),
        ("第四条", "第十六条", "adapted"),
        ("第七条", "第十七条", "adapted"),
    ] {
        assert!(has(&rows, a, b, kind), "{a} → {b} {kind}: {rows:?}");
    }
    // 2024's new principles (第五条) are its own.
    assert!(has(&rows, "", "第五条", "new"));
}

#[test]
fn an_implementing_measure_takes_over_adapts_and_cites_its_law_by_article() {
    let Some(rows) = law_rows("national-水法-2016.md", "河南-实施水法-2018.md") else {
        return;
    };
    // Read in both texts: 河南 第三十八条 is 水法 第五十八条 word for word; 第十二条 and
    // 第十三条 adapt 第二十条 and 第二十一条; 第十一条 rewrites 第十九条 keeping its phrases.
    for (a, b, kind) in [
        ("第五十八条", "第三十八条", "verbatim"),
        ("第二十条", "第十二条", "adapted"),
        ("第二十一条", "第十三条", "adapted"),
        ("第十九条", "第十一条", "adapted"),
    ] {
        assert!(has(&rows, a, b, kind), "{a} → {b} {kind}: {rows:?}");
    }
    // The provincial definition of 主要河道 is new.
    assert!(has(&rows, "", "第四十六条", "new"));
    let dir = common::shared_corpora().unwrap().join("law-implementation");
    let c = compared(
        &dir.join("national-消费者权益保护法-2013.md"),
        &dir.join("浙江-实施消费者权益保护法-2017.md"),
    );
    let map = c.articles.unwrap();
    let cited: Vec<(&str, Option<u32>)> = map
        .citations
        .iter()
        .map(|x| (map.b[x.b].label.as_str(), x.a_number))
        .filter(|x| x.1.is_some())
        .collect();
    assert_eq!(cited, [("第十七条", Some(55)), ("第二十八条", Some(55))]);
}

#[test]
fn articles_rewritten_in_other_words_pair_by_the_wording_only_they_share() {
    let Some(rows) = law_rows("national-献血法-1997.md", "山东-实施献血法-2020.md")
    else {
        return;
    };
    // Read in both texts: 青岛 第八条 restates 献血法 第五条 (普及献血的科学知识 → 普及献血、临床合理
    // 用血等科学知识) and 第十四条 its 第十条 (严格遵守有关操作规程和制度, the testing of the
    // blood); neither is new, and the penalties 第十八条–第二十三条 青岛 leaves out.
    assert!(has(&rows, "第五条", "第八条", "adapted"), "{rows:?}");
    assert!(has(&rows, "第十条", "第十四条", "adapted"), "{rows:?}");
    assert!(!rows.iter().any(|r| r.1 == "第十四条" && r.2 == "new"));
    assert_eq!(
        rows.iter().filter(|r| r.0 == "第十条").count(),
        1,
        "one row per pair: {rows:?}"
    );
    for a in [
        "第十八条",
        "第十九条",
        "第二十条",
        "第二十一条",
        "第二十二条",
    ] {
        assert!(has(&rows, a, "", "left-out"), "{a}: {rows:?}");
    }
    let Some(rows) = law_rows(
        "national-残疾人保障法-2018.md",
        "上海-实施残疾人保障法-2017.md",
    ) else {
        return;
    };
    // 上海 第五十七条 (with its items （一）（二）) punishes officials who 未依法履行职责 … 未及时制止
    // 或者未给予受害残疾人必要帮助: the law's 第六十一条, not 第六十三条 (schools refusing pupils),
    // though both end in the same stock penalty.
    assert!(
        has(&rows, "第六十一条", "第五十七条", "adapted"),
        "{rows:?}"
    );
    assert!(has(&rows, "第六十三条", "", "left-out"), "{rows:?}");
    // 第五十九条 (残疾军人 … 特别保障) adapts the law's 第十二条, which is then not left out too.
    assert!(has(&rows, "第十二条", "第五十九条", "adapted"), "{rows:?}");
    assert!(!has(&rows, "第十二条", "", "left-out"), "{rows:?}");
}
