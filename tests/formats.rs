//! The files users have: Word, OpenDocument, web pages and PDFs made from a bundled sample with
//! LibreOffice and Chromium (`tests/fixtures/formats/`), read back to nearly all of the text's Han
//! characters, with citations that point at the real paragraph or page line.

use crate::common;

use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tifa::extract::Format;
use tifa::ingest::{Document, LoadOptions, load_document};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn load(name: &str) -> Document {
    load_document(&fixture(name), name, None, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn han(doc: &Document) -> usize {
    doc.han_chars()
}

fn has_pdftotext() -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        eprintln!("skipped: pdftotext is not on PATH");
    }
    found
}

/// The first `n` characters of the text's `k`-th paragraph (1-based).
fn paragraph_start(doc: &Document, k: usize, n: usize) -> String {
    let p = doc.structure.paragraphs[k - 1];
    p.of(&doc.normalized.text).chars().take(n).collect()
}

#[test]
fn word_opendocument_and_web_pages_keep_the_text_and_cite_paragraphs() {
    let txt = load("speech.txt");
    for (name, format) in [
        ("speech.docx", Format::Docx),
        ("speech.odt", Format::Odt),
        ("speech.html", Format::Html),
        ("page.html", Format::Html),
    ] {
        let doc = load(name);
        assert_eq!(doc.format, format, "{name}");
        let (got, want) = (han(&doc), han(&txt));
        assert!(
            got * 100 >= want * 95 && got * 100 <= want * 105,
            "{name}: {got} Han characters, the text has {want}"
        );
        // The fourth paragraph of the text is the fourth paragraph of the file.
        let start = paragraph_start(&txt, 4, 12);
        let at = doc
            .normalized
            .text
            .find(&start)
            .unwrap_or_else(|| panic!("{name}: no {start}"));
        assert_eq!(doc.cite(at), format!("{name} ¶4"), "{name}");
    }
}

#[test]
fn a_saved_web_page_loses_its_navigation_footer_and_scripts() {
    let doc = load("page.html");
    for furniture in [
        "首页",
        "政务公开",
        "统计代码",
        "主办单位",
        "网站地图",
        "打印本页",
        "当前位置",
    ] {
        assert!(
            !doc.normalized.text.contains(furniture),
            "page.html keeps {furniture}"
        );
    }
}

#[test]
fn pdfs_from_libreoffice_and_chromium_keep_the_text_and_cite_page_and_line() {
    if !has_pdftotext() {
        return;
    }
    let txt = load("speech.txt");
    for name in ["speech.pdf", "page.pdf"] {
        let doc = load(name);
        assert_eq!(doc.format, Format::Pdf);
        let (got, want) = (han(&doc), han(&txt));
        assert!(
            got * 100 >= want * 95,
            "{name}: {got} Han characters, the text has {want}"
        );
        // A citation names the page and the line on it where pdftotext, asked for that page
        // alone, prints the phrase.
        let phrase = paragraph_start(&txt, 4, 8);
        let at = doc.normalized.text.find(&phrase).unwrap();
        let cite = doc.cite(at);
        let place = cite
            .strip_prefix(&format!("{name} p."))
            .unwrap_or_else(|| panic!("{cite}"));
        let (page, line) = place.split_once(':').unwrap();
        let page_text = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-f", page, "-l", page])
            .arg(fixture(name))
            .arg("-")
            .output()
            .unwrap()
            .stdout;
        let page_text = String::from_utf8(page_text).unwrap();
        let cited_line = page_text
            .lines()
            .nth(line.parse::<usize>().unwrap() - 1)
            .unwrap_or_default();
        // The sample is Traditional with pinyin glosses: normalize the line as tifa does.
        let cited = tifa::ingest::document_from_bytes(
            cited_line.as_bytes(),
            "line.txt",
            None,
            &LoadOptions::default(),
        )
        .unwrap();
        let head: String = phrase.chars().take(4).collect();
        assert!(
            cited.normalized.text.starts_with(&head),
            "{cite}: that line reads {cited_line:?}"
        );
    }
}

#[test]
fn without_pdftotext_the_built_in_reader_reads_both_pdfs() {
    let txt = load("speech.txt");
    for name in ["speech.pdf", "page.pdf"] {
        let out = common::tifa()
            .args(["show", "--json"])
            .arg(fixture(name))
            .env("PATH", "")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let got = tifa::chars::han_count(json["text"].as_str().unwrap());
        let want = han(&txt);
        assert!(
            got * 100 >= want * 95,
            "{name}: {got} Han characters of {want}"
        );
    }
}

#[test]
fn a_pdf_neither_reader_can_read_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("通知.pdf");
    std::fs::write(&broken, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken").unwrap();
    common::tifa()
        .args(["show"])
        .arg(&broken)
        .env("PATH", "")
        .assert()
        .failure()
        .stderr(predicates::str::contains("pdftotext"))
        .stderr(predicates::str::contains("poppler-utils"))
        .stderr(predicates::str::contains("panicked").not());
}

#[test]
fn a_word_97_file_is_named_with_the_conversion_command() {
    common::tifa()
        .args(["show"])
        .arg(fixture("speech.doc"))
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "soffice --headless --convert-to docx",
        ));
}

#[test]
fn a_word_file_renamed_txt_is_still_read_as_word() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("讲话.txt");
    std::fs::copy(fixture("speech.docx"), &renamed).unwrap();
    let doc = load_document(&renamed, "讲话.txt", None, &LoadOptions::default()).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert!(doc.normalized.text.contains("网络强国"));
}

#[test]
fn heading_styles_and_tags_make_sections_without_numbers() {
    for name in ["headings.docx", "headings.odt", "headings.html"] {
        let doc = load(name);
        let text = &doc.normalized.text;
        let headings: Vec<&str> = doc
            .structure
            .headings
            .iter()
            .map(|h| h.span.of(text))
            .collect();
        for expected in ["过去一年的工作", "今年的重点任务", "压实网络安全责任"]
        {
            assert!(headings.contains(&expected), "{name}: {headings:?}");
        }
        // The sentence under 压实网络安全责任 sits in 今年的重点任务 → 压实网络安全责任.
        let k = doc
            .structure
            .sentences
            .iter()
            .position(|s| s.span.of(text).starts_with("各乡镇"))
            .unwrap();
        let label = doc.structure.section_label(text, k);
        assert!(
            label.ends_with("今年的重点任…/压实网络安全…"),
            "{name}: {label}"
        );
    }
}
