//! The real corpora in ../shared/corpora (skipped cleanly when absent): everything ingests, the
//! GBK pair is read as GBK, the Traditional 1954 report comes out Simplified.

mod common;

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
        assert!(
            corpus.problems.is_empty(),
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
                    .is_some_and(|x| x == "txt")
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
