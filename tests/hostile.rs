//! Input that must never crash, hang, be swapped or read from elsewhere: deep HTML, missing paths,
//! link cycles, settings naming outside files, pipes and devices as settings, zip parts that
//! inflate, quoted line breaks in a manifest, and the mode of what is written.

use crate::common::{self, write};
use predicates::prelude::*;
use std::fs;
use std::time::Duration;

const SPEECH: &str = "同志们：\n今天召开全县网络安全和信息化工作会议，主要任务是贯彻落实上级会议精神。\n我们要坚持以人民为中心的发展思想，推进网络强国建设。\n";

#[test]
fn deeply_nested_html_is_read_in_linear_time_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let text = "全县网络安全和信息化工作会议今天召开。";
    let depth = 100_000;
    for (name, tag) in [("spans.html", "span"), ("divs.html", "div")] {
        let page = format!(
            "<html><body><p>{}{text}{}</p></body></html>",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        );
        write(dir.path(), name, page.as_bytes());
        let out = common::tifa()
            .args(["show", "--json"])
            .arg(dir.path().join(name))
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {out:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["text"].as_str().unwrap().trim(), text, "{name}");
    }
    // What was flattened is a finding of the file.
    common::tifa()
        .args(["show", "--findings"])
        .arg(dir.path().join("divs.html"))
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::contains("nested deeper than 512 levels"));
}

#[test]
fn a_missing_path_is_an_error_never_a_search_of_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that would take long to read as a corpus.
    write(dir.path(), "讲话.txt", SPEECH.as_bytes());
    for args in [
        vec!["show", "/no/such/file.txt"],
        vec!["show", "missing.txt"],
        vec!["diff", "讲话.txt", "sub/missing.docx"],
    ] {
        let mut cmd = assert_cmd::Command::cargo_bin("tifa").unwrap();
        cmd.current_dir(dir.path())
            .args(&args)
            .timeout(Duration::from_secs(10))
            .assert()
            .code(3)
            .stderr(predicate::str::contains("does not exist"))
            .stderr(predicate::str::contains(*args.last().unwrap()));
    }
    // An id is still looked up in the corpus.
    common::tifa()
        .args(["show", "000", "--corpus", "corpus"])
        .assert()
        .success();
    // One document on standard input is not a corpus to compare.
    common::tifa()
        .args(["reuse", "-"])
        .write_stdin(SPEECH)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("cannot be compared").or(predicate::str::contains(
                "compares the documents of a folder",
            )),
        );
}

#[test]
fn link_cycles_and_second_links_are_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "a.txt", SPEECH.as_bytes());
    write(
        &root,
        "sub/b.txt",
        "各位代表：坚持稳中求进，扎实推进乡村全面振兴。\n".as_bytes(),
    );
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("../sub", root.join("sub/again")).unwrap();
    std::os::unix::fs::symlink("a.txt", root.join("same.txt")).unwrap();
    let out = common::tifa()
        .args(["corpus", "--json"])
        .arg(&root)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "sub/b"], "{json}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for link in ["same.txt", "sub/again", "sub/up"] {
        assert!(
            stderr.contains(&format!("skipped: {link}: the same file or folder as")),
            "{link}: {stderr}"
        );
    }
}

#[test]
fn settings_name_only_files_of_their_own_folder_and_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "a.txt", SPEECH.as_bytes());
    let private = dir.path().join("private.txt");
    fs::write(&private, "不得外传\n").unwrap();
    write(
        &root,
        "tifa.toml",
        format!("watch = [{:?}]\n", private.display().to_string()).as_bytes(),
    );
    common::tifa()
        .arg("terms")
        .arg(&root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("which is outside its folder"));
    // Inside its folder, a watch list is read (and the settings file is no document).
    write(&root, "watch.txt", "网络强国\n".as_bytes());
    write(&root, "tifa.toml", b"watch = [\"watch.txt\"]\n");
    common::tifa()
        .arg("corpus")
        .arg(&root)
        .assert()
        .success()
        .stderr(predicate::str::contains("tifa.toml").not());
    // A device or a pipe given as a dictionary is refused at once.
    fs::remove_file(root.join("tifa.toml")).unwrap();
    common::tifa()
        .args(["terms", "--dict", "/dev/zero"])
        .arg(&root)
        .timeout(Duration::from_secs(10))
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a regular file"));
    let fifo = dir.path().join("words.fifo");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        common::tifa()
            .args(["terms", "--boilerplate"])
            .arg(&fifo)
            .arg(&root)
            .timeout(Duration::from_secs(10))
            .assert()
            .failure()
            .stderr(predicate::str::contains("not a regular file"));
    }
}

/// A .docx (a zip) holding `document` as word/document.xml.
fn docx_of(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_docx_of_zeros_is_damaged_and_an_inflating_part_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zeros.docx", &docx_of(&vec![0u8; 1 << 20]));
    common::tifa()
        .arg("show")
        .arg(dir.path().join("zeros.docx"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("word/document.xml holds no XML"));
    // 300 MiB of spaces inflate from a few hundred KiB: refused at the limit, in bounded memory.
    let spaces = vec![b' '; 300 << 20];
    write(dir.path(), "bomb.docx", &docx_of(&spaces));
    drop(spaces);
    common::tifa()
        .arg("show")
        .arg(dir.path().join("bomb.docx"))
        .timeout(Duration::from_secs(30))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("larger than 256 MiB"));
}

#[test]
fn a_line_break_quoted_in_a_manifest_cell_is_read_as_csv_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", SPEECH.as_bytes());
    write(
        dir.path(),
        "manifest.csv",
        "file,title,year\na.txt,\"全县网络安全\n工作会议讲话\",2023\n".as_bytes(),
    );
    let corpus = tifa::ingest::load(dir.path(), &tifa::ingest::LoadOptions::default()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(
        corpus.documents[0].meta.title.value.as_deref(),
        Some("全县网络安全工作会议讲话")
    );
}

#[test]
fn an_output_file_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("terms.csv");
    // The test harness's umask is inherited: compute what it allows.
    let probe = dir.path().join("probe");
    fs::write(&probe, "").unwrap();
    let expected = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    common::tifa()
        .args(["terms", "corpus", "--format", "csv", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, expected, "{mode:o} vs {expected:o}");
    assert_ne!(mode, 0o600, "a temporary file's private mode leaked");
}

#[test]
fn an_odt_heading_level_outside_one_to_nine_is_a_finding() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(
        "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>\
         <text:h text:outline-level=\"12\">一、总体要求</text:h><text:p>坚持稳中求进工作总基调。</text:p>\
         <text:h text:outline-level=\"0\">二、重点任务</text:h><text:p>加快发展新质生产力。</text:p>\
         </office:text></office:body></office:document-content>"
            .as_bytes(),
    )
    .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let doc = tifa::ingest::document_from_bytes(
        &bytes,
        "a.odt",
        None,
        &tifa::ingest::LoadOptions::default(),
    )
    .unwrap();
    let notes: Vec<&str> = doc
        .normalized
        .findings
        .iter()
        .filter(|f| f.kind == tifa::normalize::FindingKind::Extraction)
        .map(|f| f.before.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "heading outline level `12` is outside 1–9: read as level 9",
            "heading outline level `0` is outside 1–9: read as level 1"
        ]
    );
    assert!(doc.normalized.text.contains("加快发展新质生产力。"));
}

#[test]
fn a_pdf_is_read_from_where_it_came_never_from_a_namesake_or_as_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = fs::read(common::corpus_dir().join("../tests/fixtures/formats/page.pdf")).unwrap();
    let expected = "李建成在讲话中指出";
    // A file named like an option of pdftotext.
    write(dir.path(), "-v", &pdf);
    let mut cmd = assert_cmd::Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(dir.path())
        .args(["show", "--", "-v"])
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::contains(expected));
    // A PDF on standard input beside a file named stdin.txt is the PDF.
    write(
        dir.path(),
        "stdin.txt",
        "这是另一个文件，不是标准输入。\n".as_bytes(),
    );
    let mut cmd = assert_cmd::Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(dir.path())
        .args(["show", "-"])
        .write_stdin(pdf)
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::contains(expected))
        .stdout(predicate::str::contains("不是标准输入").not());
}
