//! `tifa trace`: a constructed provincial text and five county texts that keep, change, move and
//! drop known sentences and add their own; and, with ../shared, central_070 through Shandong.

use crate::common::{self, tifa};
use std::path::Path;
use tifa::align::{AlignOptions, PairKind};
use tifa::ingest::{self, Document, LoadOptions};
use tifa::trace::{may_draw_on, trace};
use tifa::words::Segmenter;

const BASE: [&str; 6] = [
    "全省上下要深入学习贯彻党的二十大精神，把网络安全和信息化工作摆在更加突出的位置。",
    "各地要加快推进数字政府建设，推动政务数据共享开放，提升一网通办服务水平。",
    "要压实网络安全工作责任制，建立健全关键信息基础设施安全保护体系，守住安全底线。",
    "要大力发展数字经济，推动数字产业化和产业数字化，培育壮大新产业新业态新模式。",
    "要加强网络生态治理，深入开展清朗系列专项行动，营造风清气正的网络空间。",
    "要加强干部队伍建设，提升领导干部运用互联网的能力，为网信事业发展提供坚强保障。",
];
const OWN: [&str; 2] = [
    "我县将围绕承德避暑山庄文化旅游品牌打造智慧景区，推进“一部手机游承德”，让游客畅游全县。",
    "全县要抓好塞罕坝精神宣传教育，讲好绿色发展的县域故事，筑牢京津生态屏障。",
];
/// Sentence 3 as the changing county writes it.
const CHANGED_3: &str =
    "要压实网络安全工作责任制，建立健全本县关键信息基础设施安全保护体系，坚决守住安全底线。";

fn lines(sentences: &[&str]) -> String {
    sentences.iter().map(|s| format!("{s}\n")).collect()
}

/// The corpus: the provincial base (2023), five county texts of 2023 in its province, and two
/// that may not draw on it (an earlier county text, a county of another province).
pub(crate) fn constructed(dir: &Path) {
    let b = BASE;
    let texts: [(&str, String); 8] = [
        ("base.txt", lines(&b)),
        ("keep.txt", lines(&b)),
        (
            "change.txt",
            lines(&[b[0], b[1], CHANGED_3, b[3], b[4], b[5]]),
        ),
        ("move.txt", lines(&[b[0], b[2], b[3], b[4], b[5], b[1]])),
        ("drop.txt", lines(&[b[0], b[1], b[2], b[5]])),
        ("own.txt", lines(&[OWN[0], b[0], OWN[1]])),
        ("earlier.txt", lines(&b)),
        ("elsewhere.txt", lines(&b)),
    ];
    for (name, text) in &texts {
        common::write(dir, name, text.as_bytes());
    }
    let manifest = "file,title,year,date,level,region\n\
        base.txt,全省网信工作会议讲话,2023,2023-03-01,provincial,河北省\n\
        keep.txt,甲,2023,2023-04-01,county,承德县\n\
        change.txt,乙,2023,2023-04-02,county,滦平县\n\
        move.txt,丙,2023,2023-04-03,county,隆化县\n\
        drop.txt,丁,2023,2023-04-04,county,平泉县\n\
        own.txt,戊,2023,2023-04-05,county,丰宁满族自治县\n\
        earlier.txt,己,2022,2022-04-01,county,承德县\n\
        elsewhere.txt,庚,2023,2023-04-01,county,连山壮族瑶族自治县\n";
    common::write(dir, "manifest.csv", manifest.as_bytes());
}

/// The constructed corpus, read.
fn constructed_corpus() -> ingest::Corpus {
    let dir = tempfile::tempdir().unwrap();
    constructed(dir.path());
    ingest::load(dir.path(), &LoadOptions::default()).unwrap()
}

/// The base and the documents that may draw on it, in corpus order.
fn base_and_targets(corpus: &ingest::Corpus) -> (&Document, Vec<&Document>) {
    let base = corpus.find("base").unwrap();
    let targets = corpus
        .documents
        .iter()
        .filter(|d| may_draw_on(base, d))
        .collect();
    (base, targets)
}

#[test]
fn every_kept_changed_moved_and_dropped_sentence_is_where_it_was_put() {
    let corpus = constructed_corpus();
    let (base, targets) = base_and_targets(&corpus);
    let ids: Vec<&str> = targets.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["keep", "change", "move", "drop", "own"]);
    let traced = trace(
        base,
        &targets,
        Segmenter::shared(),
        &AlignOptions::default(),
    );
    assert_eq!(traced.sentences.len(), 6);
    use PairKind::{Changed as C, Dropped as D, Identical as I, Moved as M};
    // Columns in the order of `ids`.
    let expected = [
        [I, I, I, I, I],
        [I, I, M, I, D],
        [I, C, I, I, D],
        [I, I, I, D, D],
        [I, I, I, D, D],
        [I, I, I, I, D],
    ];
    for (s, row) in expected.iter().enumerate() {
        let kinds: Vec<PairKind> = traced.variants[s].iter().map(|v| v.kind).collect();
        assert_eq!(&kinds, row, "base sentence {}", s + 1);
    }
    // Sentence 2 sits last in the moving county, and a citation says so.
    assert_eq!(traced.variants[1][2].citation, "move.txt:6");
    assert!(traced.variants[2][1].similarity < 1.0 && traced.variants[2][1].similarity > 0.5);
    let doc = |id: &str| traced.documents.iter().find(|d| d.id == id).unwrap();
    assert!((doc("keep").base_kept - 1.0).abs() < 1e-9);
    assert!((doc("keep").share_from_base - 1.0).abs() < 1e-9);
    assert!(doc("own").share_from_base < 0.5 && doc("own").base_kept < 0.25);
    assert_eq!(
        (
            doc("drop").dropped,
            doc("own").identical,
            doc("own").dropped
        ),
        (2, 1, 5)
    );
}

#[test]
fn the_shares_agree_with_the_pair_alignment_of_the_same_two_documents() {
    let corpus = constructed_corpus();
    let (base, targets) = base_and_targets(&corpus);
    let traced = trace(
        base,
        &targets,
        Segmenter::shared(),
        &AlignOptions::default(),
    );
    for (doc, traced_doc) in targets.iter().zip(&traced.documents) {
        let pair = tifa::compare::compare(
            base.clone(),
            (*doc).clone(),
            Segmenter::shared(),
            &AlignOptions::default(),
        );
        assert_eq!(
            traced_doc.share_from_base,
            pair.alignment.coverage.copy_ratio
        );
        assert_eq!(traced_doc.base_kept, pair.alignment.coverage.kept_ratio);
        assert_eq!(
            traced_doc.dropped,
            base.structure.sentences.len()
                - pair
                    .alignment
                    .pairs
                    .iter()
                    .filter_map(|p| p.a.as_ref().filter(|_| p.b.is_some()))
                    .flat_map(|a| a.clone())
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
            "{}",
            doc.id
        );
    }
}

#[test]
fn trace_from_the_command_line_as_summary_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    constructed(dir.path());
    let summary = tifa()
        .args(["trace", "base"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        summary.status.success(),
        "{}",
        String::from_utf8_lossy(&summary.stderr)
    );
    let summary = String::from_utf8(summary.stdout).unwrap();
    assert!(
        summary.starts_with("base traced through 5 documents (6 sentences)"),
        "{summary}"
    );
    // The closest document first, the loosest last.
    let keep = summary.find("keep ").unwrap();
    let own = summary.find("own ").unwrap();
    assert!(keep < own, "{summary}");
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["trace", "base"])
            .arg(dir.path())
            .args(["--table", "variants", "--format", "json"]),
    );
    assert_eq!(rows.len(), 6 * 5);
    let moved: Vec<_> = rows.iter().filter(|r| r["kind"] == "moved").collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["document"], "move");
    assert_eq!(moved[0]["base_sentence"], 2);
    // --to names the documents instead: the earlier county text too.
    let rows: Vec<serde_json::Value> =
        common::json_of(tifa().args(["trace", "base"]).arg(dir.path()).args([
            "--to",
            "level=county",
            "--table",
            "documents",
            "--format",
            "json",
        ]));
    assert_eq!(rows.len(), 7);
    // A base nothing may draw on says how to name the documents.
    tifa()
        .args(["trace", "earlier"])
        .arg(dir.path())
        .args(["--to", "level=national"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("matches `level=national`"));
}

#[test]
fn central_070_through_shandong_is_kept_or_changed_by_shandong_036() {
    let Some(shared) = common::shared_corpora() else {
        return;
    };
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["trace", "central_070"])
            .arg(shared.join("policy-central-shandong"))
            .args(["--table", "documents", "--format", "json"]),
    );
    assert!(
        rows.iter()
            .all(|r| r["document"].as_str().unwrap().starts_with("shandong_"))
    );
    // Closest first: shandong_036 adapts central_070.
    assert_eq!(rows[0]["document"], "shandong_036");
    let count = |k: &str| rows[0][k].as_u64().unwrap();
    let kept = count("identical") + count("changed") + count("moved");
    assert!(kept > 2 * count("dropped"), "{}", rows[0]);
    assert!(rows[0]["base_kept"].as_f64().unwrap() > 0.8, "{}", rows[0]);
}

/// The collation of the constructed corpus, columns by level and region.
fn constructed_collation(
    corpus: &ingest::Corpus,
    options: &tifa::collate::CollateOptions,
) -> Result<tifa::collate::Collation, tifa::collate::CollateError> {
    let (base, targets) = base_and_targets(corpus);
    let traced = trace(
        base,
        &targets,
        Segmenter::shared(),
        &AlignOptions::default(),
    );
    tifa::collate::collate(&traced, base, &targets, Segmenter::shared(), options)
}

#[test]
fn a_collation_shows_each_documents_wording_with_its_changes_marked() {
    use tifa::collate::{CollateOptions, DocOrder, Mark};
    let corpus = constructed_corpus();
    let all = CollateOptions {
        min_kept: 0,
        ..CollateOptions::default()
    };
    let c = constructed_collation(&corpus, &all).unwrap();
    assert_eq!(c.rows.len(), 6);
    assert_eq!(c.left_out, 0);
    // By level, then division code: 承德县 130821, 平泉县 130823, 滦平县 130824, 隆化县 130825,
    // 丰宁满族自治县 130826.
    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["keep", "drop", "change", "move", "own"]);
    let column = |id: &str| ids.iter().position(|&d| d == id).unwrap();
    // Sentence 3: the changing county inserts 本县 and 坚决, and keeps every other word.
    let row = &c.rows[2];
    assert_eq!(row.sentence, 3);
    assert_eq!(row.base, BASE[2]);
    let cell = &row.cells[column("change")];
    assert_eq!(cell.kind, PairKind::Changed);
    assert_eq!(cell.text(), CHANGED_3);
    let inserted: Vec<&str> = cell
        .pieces
        .iter()
        .filter(|p| p.mark == Mark::Inserted)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(inserted, ["本县", "坚决"]);
    assert!(!cell.pieces.iter().any(|p| p.mark == Mark::Deleted));
    assert_eq!(
        cell.marked(),
        "要压实网络安全工作责任制，建立健全{+本县+}关键信息基础设施安全保护体系，{+坚决+}守住安全底线。"
    );
    // An identical cell is one unmarked piece; a dropped one is empty.
    assert_eq!(row.cells[column("keep")].marked(), BASE[2]);
    assert_eq!(row.cells[column("own")].kind, PairKind::Dropped);
    assert!(row.cells[column("own")].pieces.is_empty());
    // Sentence 2 is marked as moved where the moving county put it last.
    let moved = &c.rows[1].cells[column("move")];
    assert_eq!(
        (moved.kind, moved.citation.as_str()),
        (PairKind::Moved, "move.txt:6")
    );
    // The heat column: identical, changed, moved, dropped per row.
    let heats: Vec<(usize, usize, usize, usize)> = c
        .rows
        .iter()
        .map(|r| {
            (
                r.heat.identical,
                r.heat.changed,
                r.heat.moved,
                r.heat.dropped,
            )
        })
        .collect();
    assert_eq!(
        heats,
        [
            (5, 0, 0, 0),
            (3, 0, 1, 1),
            (3, 1, 0, 1),
            (3, 0, 0, 2),
            (3, 0, 0, 2),
            (4, 0, 0, 1)
        ]
    );
    // Ordered by what they keep: keep first, own last.
    let kept = constructed_collation(
        &corpus,
        &CollateOptions {
            order: DocOrder::Kept,
            ..all.clone()
        },
    )
    .unwrap();
    // keep and change both keep every sentence (changed or not): by id among equals.
    let ids: Vec<&str> = kept.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["change", "keep", "move", "drop", "own"]);
    // Only what four documents keep.
    let four = constructed_collation(
        &corpus,
        &CollateOptions {
            min_kept: 4,
            ..all.clone()
        },
    )
    .unwrap();
    let sentences: Vec<usize> = four.rows.iter().map(|r| r.sentence).collect();
    assert_eq!((sentences, four.left_out), (vec![1, 2, 3, 6], 2));
    // A section the base does not have is named with those it has.
    let none = constructed_collation(
        &corpus,
        &CollateOptions {
            section: Some("九、".into()),
            ..all
        },
    );
    assert!(matches!(
        none,
        Err(tifa::collate::CollateError::NoSuchSection { .. })
    ));
}

#[test]
fn collate_from_the_command_line_agrees_with_the_variant_table() {
    let dir = tempfile::tempdir().unwrap();
    constructed(dir.path());
    let variants: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["trace", "base"])
            .arg(dir.path())
            .args(["--table", "variants", "--format", "json"]),
    );
    let jsonl = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = tifa()
            .args(["collate", "base"])
            .arg(dir.path())
            .args(["--format", "jsonl"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let long = jsonl(&["--min-kept", "0"]);
    assert_eq!(long.len(), variants.len());
    for v in &variants {
        let cell = long
            .iter()
            .find(|c| c["base_sentence"] == v["base_sentence"] && c["document"] == v["document"])
            .unwrap();
        for key in ["kind", "similarity", "citation"] {
            assert_eq!(cell[key], v[key], "{key} of {v}");
        }
    }
    // The wide table: one row per sentence, one column per document.
    let wide = jsonl(&["--wide"]);
    assert_eq!(wide.len(), 6);
    assert_eq!(wide[2]["changed"], 1);
    assert_eq!(
        wide[2]["change"],
        "要压实网络安全工作责任制，建立健全{+本县+}关键信息基础设施安全保护体系，{+坚决+}守住安全底线。"
    );
    // HTML and XLSX by the --out extension; the workbook's inserted words are red rich text.
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("对照.html");
    let xlsx = out.path().join("对照.xlsx");
    for out in [&html, &xlsx] {
        tifa()
            .args(["collate", "base"])
            .arg(dir.path())
            .arg("--out")
            .arg(out)
            .assert()
            .success();
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("建立健全<ins>本县</ins>关键信息"), "{page}");
    assert!(!page.contains("<script"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(
        strings.contains("<color rgb=\"FFB3261E\"/>") && strings.contains("<t>本县</t>"),
        "{strings}"
    );
    // A section the base does not have: a clear message, no output.
    let missing = tifa()
        .args(["collate", "base"])
        .arg(dir.path())
        .args(["--section", "九、"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no section `九、`"));
}

/// One fixed collation: two base sentences, three documents (identical, changed, moved, dropped).
fn fixed_collation() -> tifa::collate::Collation {
    use tifa::collate::{Cell, CollatedDoc, Collation, CollationRow, DocOrder, Heat, Mark, Piece};
    use tifa::ingest::metadata::Level;
    let piece = |mark, text: &str| Piece {
        mark,
        text: text.into(),
    };
    let cell = |kind, similarity, citation: &str, pieces: Vec<Piece>| Cell {
        kind,
        similarity,
        citation: citation.into(),
        pieces,
    };
    let dropped = || cell(PairKind::Dropped, 0.0, "", Vec::new());
    let doc = |id: &str, region: &str, kept| CollatedDoc {
        id: id.into(),
        level: Some(Level::Provincial),
        region: Some(region.into()),
        year: Some(2026),
        base_kept: kept,
    };
    Collation {
        base: "gwr-2025".into(),
        section: Some("三、".into()),
        order: DocOrder::Level,
        left_out: 3,
        min_kept: 1,
        documents: vec![
            doc("prov-2026-河北省", "河北省", 0.5),
            doc("prov-2026-江苏省", "江苏省", 0.25),
            doc("prov-2026-甘肃省", "甘肃省", 0.0),
        ],
        rows: vec![
            CollationRow {
                sentence: 12,
                section: "三、/（一）".into(),
                base: "深入实施“人工智能+”行动。".into(),
                citation: "gwr-2025.txt:40".into(),
                heat: Heat {
                    identical: 1,
                    changed: 1,
                    moved: 0,
                    dropped: 1,
                },
                cells: vec![
                    cell(
                        PairKind::Identical,
                        1.0,
                        "prov-2026-河北省.txt:51",
                        vec![piece(Mark::Same, "深入实施“人工智能+”行动。")],
                    ),
                    cell(
                        PairKind::Changed,
                        0.72,
                        "prov-2026-江苏省.txt:60",
                        vec![
                            piece(Mark::Same, "深入实施“人工智能+"),
                            piece(Mark::Inserted, "江苏"),
                            piece(Mark::Same, "”行动"),
                            piece(Mark::Deleted, "。"),
                            piece(Mark::Inserted, "，打造<创新高地>。"),
                        ],
                    ),
                    dropped(),
                ],
            },
            CollationRow {
                sentence: 15,
                section: "三、/（二）".into(),
                base: "培育壮大新兴产业和未来产业。".into(),
                citation: "gwr-2025.txt:44".into(),
                heat: Heat {
                    identical: 0,
                    changed: 0,
                    moved: 1,
                    dropped: 2,
                },
                cells: vec![
                    cell(
                        PairKind::Moved,
                        0.9,
                        "prov-2026-河北省.txt:90",
                        vec![
                            piece(Mark::Same, "培育壮大新兴产业和未来产业"),
                            piece(Mark::Deleted, "。"),
                        ],
                    ),
                    dropped(),
                    dropped(),
                ],
            },
        ],
    }
}

#[test]
fn collation_writers_print_one_fixed_collation() {
    let c = fixed_collation();
    insta::assert_snapshot!("collation_terminal", tifa::render::collation::terminal(&c));
    insta::assert_snapshot!("collation_html", tifa::render::collation::html(&c));
    insta::assert_snapshot!(
        "collation_wide_csv",
        tifa::render::table::to_csv(&tifa::collate::wide_table(&c))
    );
    let book = tifa::render::collation::xlsx(&c, "2026-12-07T00:00:00Z").unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    // The changed cell as rich text: kept words plain, 江苏 red and bold, the full stop struck.
    assert!(
        strings.contains("<r><rPr><b/><sz val=\"11\"/><color rgb=\"FFB3261E\"/>"),
        "{strings}"
    );
    assert!(strings.contains("<t>江苏</t>"), "{strings}");
    assert!(strings.contains("<strike/>"), "{strings}");
    assert!(
        strings.contains("（改写 · prov-2026-江苏省.txt:60 · 0.72）"),
        "{strings}"
    );
}
