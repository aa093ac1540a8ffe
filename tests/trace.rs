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
