//! The Word redline of a pair: accepting every tracked change gives B's text, rejecting every one
//! gives A's (whitespace aside: Word paragraphs are not the text's line breaks).

use crate::common;

use std::io::Read;
use tifa::align::AlignOptions;
use tifa::compare::compare;
use tifa::words::Segmenter;

/// `word/document.xml` of a .docx.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text Word shows after accepting (`accept`) or rejecting every tracked change.
fn resolved(xml: &str, accept: bool) -> String {
    let tag =
        regex::Regex::new(r"<(/?)(w:ins|w:del|w:moveTo|w:moveFrom|w:t|w:delText)\b[^>]*?(/?)>")
            .unwrap();
    let (mut in_ins, mut in_del) = (0, 0);
    let mut capture: Option<bool> = None;
    let mut out = String::new();
    let mut last = 0;
    for m in tag.captures_iter(xml) {
        let whole = m.get(0).unwrap();
        if capture == Some(true) {
            out.push_str(&unescape(&xml[last..whole.start()]));
        }
        let closing = &m[1] == "/";
        let empty = &m[3] == "/";
        match (&m[2], closing) {
            ("w:ins" | "w:moveTo", false) if !empty => in_ins += 1,
            ("w:ins" | "w:moveTo", true) => in_ins -= 1,
            ("w:del" | "w:moveFrom", false) if !empty => in_del += 1,
            ("w:del" | "w:moveFrom", true) => in_del -= 1,
            ("w:t" | "w:delText", false) if !empty => {
                capture = Some(if accept { in_del == 0 } else { in_ins == 0 });
            }
            ("w:t" | "w:delText", true) => capture = None,
            _ => {}
        }
        last = whole.end();
    }
    out
}

/// The paragraphs Word shows after accepting or rejecting every change: a paragraph whose mark
/// was inserted joins the next one when changes are rejected, one whose mark was deleted when
/// they are accepted.
fn resolved_paragraphs(xml: &str, accept: bool) -> Vec<String> {
    let paragraph = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>").unwrap();
    let mark = regex::Regex::new(r"(?s)<w:pPr>.*?<w:rPr>(.*?)</w:rPr>.*?</w:pPr>").unwrap();
    let body = &xml[xml.find("<w:body>").unwrap_or(0)..];
    let mut out = Vec::new();
    let mut current = String::new();
    for p in paragraph.find_iter(body) {
        let p = p.as_str();
        current.push_str(&without_space(&resolved(p, accept)));
        let (inserted, deleted) = match mark.captures(p) {
            Some(m) => (m[1].contains("<w:ins "), m[1].contains("<w:del ")),
            None => (false, false),
        };
        let ends = if accept { !deleted } else { !inserted };
        if ends && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A document's paragraphs as the redline should give them back: its sentences, grouped.
fn paragraphs(d: &tifa::ingest::Document) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for s in &d.structure.sentences {
        let text = without_space(s.span.of(&d.normalized.text));
        match out.last_mut() {
            Some((p, t)) if *p == s.paragraph => t.push_str(&text),
            _ => out.push((s.paragraph, text)),
        }
    }
    out.into_iter()
        .map(|(_, t)| t)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The share of `expected` paragraphs found whole in `got`.
fn whole_share(expected: &[String], got: &[String]) -> f64 {
    let got: std::collections::HashSet<&String> = got.iter().collect();
    expected.iter().filter(|p| got.contains(p)).count() as f64 / expected.len().max(1) as f64
}

fn without_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn sentences(d: &tifa::ingest::Document) -> String {
    without_space(
        &d.structure
            .sentences
            .iter()
            .map(|s| s.span.of(&d.normalized.text))
            .collect::<String>(),
    )
}

/// Every move's two ends: a `w:moveFrom` and a `w:moveTo`, each inside its named range, one name
/// for both. Returns how many moves there are.
fn linked_moves(xml: &str) -> usize {
    let named = |kind: &str| {
        let pattern = format!(
            r#"<w:{kind}RangeStart w:id="(\d+)"[^>]*w:name="(move\d+)" /><w:{kind} [^>]*>.*?</w:{kind}><w:{kind}RangeEnd w:id="(\d+)" />"#
        );
        let mut names: Vec<String> = regex::Regex::new(&pattern)
            .unwrap()
            .captures_iter(xml)
            .inspect(|m| assert_eq!(m[1], m[3], "a range ends with its own id"))
            .map(|m| m[2].to_string())
            .collect();
        assert_eq!(
            names.len(),
            xml.matches(&format!("<w:{kind} ")).count(),
            "every {kind} in a named range"
        );
        names.sort();
        names
    };
    let from = named("moveFrom");
    assert_eq!(from, named("moveTo"), "every move has both ends");
    from.len()
}

fn check(a: tifa::ingest::Document, b: tifa::ingest::Document) -> usize {
    let c = compare(a, b, Segmenter::shared(), &AlignOptions::default());
    let docx = tifa::render::redline::render(&c, "2026-01-01T00:00:00Z", "宋体").unwrap();
    let xml = document_xml(&docx);
    let moves = linked_moves(&xml);
    let tracked = [
        "<w:ins ",
        "<w:del ",
        "<w:moveFrom ",
        "<w:moveTo ",
        "<w:moveFromRangeStart ",
        "<w:moveToRangeStart ",
    ]
    .iter()
    .map(|t| xml.matches(t).count())
    .sum::<usize>();
    let signed = xml
        .matches("w:author=\"tifa\" w:date=\"2026-01-01T00:00:00Z\"")
        .count();
    assert_eq!(signed, tracked, "every change by tifa, dated");
    assert_eq!(
        without_space(&resolved(&xml, true)),
        sentences(&c.b),
        "accept all ≠ B"
    );
    assert_eq!(
        without_space(&resolved(&xml, false)),
        sentences(&c.a),
        "reject all ≠ A"
    );
    // Paragraphs too: rejecting gives A's, accepting B's (a pair that spans a paragraph break of
    // one side keeps the other side's break only).
    let (a_back, b_back) = (
        resolved_paragraphs(&xml, false),
        resolved_paragraphs(&xml, true),
    );
    let (a_share, b_share) = (
        whole_share(&paragraphs(&c.a), &a_back),
        whole_share(&paragraphs(&c.b), &b_back),
    );
    assert!(
        a_share >= 0.9,
        "reject all gives {a_share:.2} of A's paragraphs whole"
    );
    assert!(
        b_share >= 0.9,
        "accept all gives {b_share:.2} of B's paragraphs whole"
    );
    eprintln!(
        "{} → {}: {a_share:.3} of A's {} paragraphs whole after reject, {b_share:.3} of B's {} after accept",
        c.a.id,
        c.b.id,
        paragraphs(&c.a).len(),
        paragraphs(&c.b).len()
    );
    moves
}

#[test]
fn accepting_all_changes_gives_b_and_rejecting_all_gives_a_on_the_samples() {
    for (a, b) in [
        ("001", "000"),
        ("002", "000"),
        ("003", "001"),
        ("000", "000"),
    ] {
        check(common::sample(a), common::sample(b));
    }
}

#[test]
fn a_sentence_moved_unchanged_is_one_tracked_move() {
    let doc = |text: &str, name: &str| {
        tifa::ingest::document_from_bytes(
            text.as_bytes(),
            name,
            None,
            &tifa::ingest::LoadOptions::default(),
        )
        .unwrap()
    };
    let moves = check(
        doc(
            "甲说了第一句话。乙说了第二句话。丙说了第三句话。\n丁说了第四句话。",
            "a.txt",
        ),
        doc(
            "丁说了第四句话。\n甲说了第一句话。乙说了第二句话。丙改说了第三句话。",
            "b.txt",
        ),
    );
    assert_eq!(moves, 1);
}

#[test]
fn accepting_all_changes_gives_b_and_rejecting_all_gives_a_on_the_2024_report() {
    let Some(root) = common::shared_corpora() else {
        return;
    };
    let load = |name: &str| {
        tifa::ingest::load_document(
            &root.join("national-gwr").join(name),
            name,
            None,
            &tifa::ingest::LoadOptions::default(),
        )
        .unwrap()
    };
    let moves = check(load("gwr-2023.txt"), load("gwr-2024.txt"));
    assert!(moves > 0, "the 2024 report moves some sentences unchanged");
}

#[test]
fn the_redline_and_the_side_by_side_table_are_written_with_out_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("red.docx");
    common::tifa()
        .args(["diff", "001", "000", "--format", "docx"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--out"));
    common::tifa()
        .args(["diff", "001", "000", "--format", "docx", "--out"])
        .arg(&out)
        .assert()
        .success();
    let xml = document_xml(&std::fs::read(&out).unwrap());
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del "));
    let table = dir.path().join("side.docx");
    common::tifa()
        .args(["diff", "001", "000", "--format", "docx-table", "--out"])
        .arg(&table)
        .assert()
        .success();
    let xml = document_xml(&std::fs::read(&table).unwrap());
    assert!(xml.contains("<w:tbl>") && xml.contains("十个坚持"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

#[test]
fn libreoffice_opens_the_redline_where_it_is_installed() {
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("red.docx");
    common::tifa()
        .args(["diff", "001", "000", "--format", "docx", "--out"])
        .arg(&out)
        .assert()
        .success();
    let converted = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(converted.status.success());
    assert!(
        dir.path().join("red.pdf").exists(),
        "LibreOffice could not open the redline"
    );
}
