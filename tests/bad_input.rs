//! Bad input through the command line: every problem is named with its file (and manifest line),
//! the good documents still load, the exit code is non-zero only when nothing usable is left,
//! and nothing outside the corpus folder is read.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn tifa() -> Command {
    Command::cargo_bin("tifa").unwrap()
}

const GOOD: &str =
    "同志们：\n今天我们召开2018年全县网络安全和信息化工作会议。全县各级要提高政治站位。\n";

use common::write;

#[test]
fn a_folder_of_bad_files_reports_each_and_keeps_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", GOOD.as_bytes());
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "binary.txt", b"PK\x03\x04\x00\x00\x08\x00zip");
    write(
        dir.path(),
        "latin.txt",
        &[
            0xC9, 0x74, 0xE9, 0x20, 0x8F, 0x8F, 0x20, 0xFF, 0xFE, 0xFD, 0x80, 0x81,
        ],
    );
    let out = tifa()
        .args(["corpus", "--json"])
        .arg(dir.path())
        .assert()
        .success();
    let out = out.get_output();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);
    assert_eq!(json["documents"][0]["id"], "good");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
    assert!(
        stderr.contains("binary.txt: the file is binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("latin.txt: the bytes are not UTF-8") && stderr.contains("--encoding"),
        "{stderr}"
    );
    assert_eq!(json["problems"].as_array().unwrap().len(), 3);
}

#[test]
fn nothing_usable_means_a_non_zero_exit_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"   \n\n");
    tifa()
        .arg("corpus")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.txt: the file is empty"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn a_broken_manifest_names_its_lines_and_never_reads_outside_the_corpus() {
    let top = tempfile::tempdir().unwrap();
    let corpus = top.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    write(
        top.path(),
        "secret.txt",
        "全省机密内容，不应读取。".as_bytes(),
    );
    write(&corpus, "good.txt", GOOD.as_bytes());
    write(&corpus, "also.txt", GOOD.as_bytes());
    let manifest = "file,title,year,level,colour\n\
                    good.txt,好文件,2018,county,red\n\
                    missing.txt,不存在,2019,county,\n\
                    ../secret.txt,越界,2019,county,\n\
                    also.txt,坏年份,twenty,township,\n";
    write(&corpus, "manifest.csv", manifest.as_bytes());
    let out = tifa()
        .args(["corpus", "--json"])
        .arg(&corpus)
        .assert()
        .success();
    let out = out.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "{stderr}");
    assert!(
        stderr.contains("manifest.csv:1: unknown column `colour`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("manifest.csv:3: `missing.txt` does not exist"),
        "{stderr}"
    );
    assert!(
        stderr.contains("manifest.csv:4: `../secret.txt` is outside the corpus folder"),
        "{stderr}"
    );
    assert!(stderr.contains("manifest.csv:5: year `twenty`"), "{stderr}");
    assert!(
        stderr.contains("manifest.csv:5: level `township`"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("机密内容"));
    // The bad year falls back to the text, and says so.
    assert_eq!(docs[1]["year"]["value"], 2018);
    assert_eq!(docs[1]["year"]["origin"], "inferred");
    assert_eq!(docs[0]["year"]["origin"], "manifest");
}

#[test]
fn a_manifest_without_a_file_column_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "manifest.csv", b"name,year\na.txt,2018\n");
    tifa()
        .arg("corpus")
        .arg(dir.path())
        .assert()
        .code(3)
        .stderr(predicate::str::contains("has no `file` column"));
}

#[test]
fn corpus_init_writes_a_manifest_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "speech.txt", GOOD.as_bytes());
    tifa()
        .args(["corpus", "init"])
        .arg(dir.path())
        .assert()
        .success();
    let manifest = fs::read_to_string(dir.path().join("manifest.csv")).unwrap();
    // A BOM, so that Excel and WPS read it as UTF-8.
    assert_eq!(
        manifest.lines().next(),
        Some("\u{feff}file,title,date,year,level,region,speaker,genre,encoding,inferred")
    );
    // Every value written is inferred, and the `inferred` column says which.
    assert_eq!(
        manifest.lines().nth(1),
        Some("speech.txt,,,2018,county,,,,,year level")
    );
    fs::write(dir.path().join("manifest.csv"), "file\nspeech.txt\n").unwrap();
    tifa()
        .args(["corpus", "init"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --update"));
    assert_eq!(
        fs::read_to_string(dir.path().join("manifest.csv")).unwrap(),
        "file\nspeech.txt\n"
    );
    tifa()
        .args(["corpus", "init", "--force"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("manifest.csv")).unwrap(),
        manifest
    );
}

#[test]
fn gbk_and_big5_files_are_decoded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("今天我们召开全县网络安全和信息化工作会议，全县各级要提高政治站位。");
    let (big5, _, _) =
        encoding_rs::BIG5.encode("黨的十八大以來，習近平總書記親自部署實施網絡強國戰略。");
    write(dir.path(), "a-gbk.txt", &gbk);
    write(dir.path(), "b-big5.txt", &big5);
    let out = tifa()
        .args(["corpus", "--json"])
        .arg(dir.path())
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["documents"][0]["encoding"], "GBK");
    assert_eq!(json["documents"][1]["encoding"], "Big5");
    tifa()
        .arg("show")
        .arg(dir.path().join("b-big5.txt"))
        .assert()
        .success()
        .stdout("党的十八大以来，习近平总书记亲自部署实施网络强国战略。\n");
}

#[test]
fn show_an_unknown_id_lists_the_ids() {
    tifa()
        .args(["show", "999", "--corpus"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document with that id"))
        .stderr(predicate::str::contains("000_9ef17a759cacbb40"));
}

#[test]
fn an_unknown_encoding_label_is_refused_clearly() {
    tifa()
        .args(["show", "000", "--encoding", "klingon", "--corpus"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown encoding label \"klingon\"",
        ));
}

#[test]
fn a_user_dictionary_keeps_a_new_term_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "speech.txt",
        "要推进紫塞净网专项行动。".as_bytes(),
    );
    write(
        dir.path(),
        "user.dict",
        "紫塞净网专项行动 100 n\n".as_bytes(),
    );
    let tokens = |extra: &[&str]| {
        let out = tifa()
            .arg("show")
            .arg(dir.path().join("speech.txt"))
            .args(["--tokens", "--json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(!tokens(&[]).contains(&"紫塞净网专项行动".to_string()));
    let dict = dir.path().join("user.dict");
    assert!(tokens(&["--dict", dict.to_str().unwrap()]).contains(&"紫塞净网专项行动".to_string()));
}

#[test]
fn user_boilerplate_rules_drop_their_lines_and_say_which_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "page.txt",
        "责任校对：张三\n今天我们召开全县网络安全和信息化工作会议。\n".as_bytes(),
    );
    write(
        dir.path(),
        "rules.txt",
        "# our site's footer\nproofreader\t责任校对[:：].*\n".as_bytes(),
    );
    let page = dir.path().join("page.txt");
    let rules = dir.path().join("rules.txt");
    tifa()
        .arg("show")
        .arg(&page)
        .assert()
        .success()
        .stdout(predicate::str::contains("责任校对"));
    tifa()
        .arg("show")
        .arg(&page)
        .arg("--boilerplate")
        .arg(&rules)
        .assert()
        .success()
        .stdout("今天我们召开全县网络安全和信息化工作会议。\n");
    tifa()
        .arg("show")
        .arg(&page)
        .args(["--findings", "--boilerplate"])
        .arg(&rules)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "责任校对：张三 → ∅  [proofreader]",
        ));
    write(dir.path(), "bad-rules.txt", "([\n".as_bytes());
    tifa()
        .arg("show")
        .arg(&page)
        .arg("--boilerplate")
        .arg(dir.path().join("bad-rules.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad-rules.txt:1: not a valid regular expression",
        ));
}

#[test]
fn diff_and_align_take_paths_to_any_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "一、总体要求\n全县要加强网络安全工作，推进信息化建设。今年是关键之年。\n".as_bytes(),
    );
    write(
        dir.path(),
        "b.txt",
        "一、总体要求\n全省要加强网络安全工作，推进信息化建设。明年还要继续努力。\n".as_bytes(),
    );
    let out = tifa()
        .arg("align")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["identical", "changed", "dropped", "added"]);
    let changed = &json["pairs"][1];
    assert_eq!(
        changed["a"]["text"],
        "全县要加强网络安全工作，推进信息化建设。"
    );
    assert_eq!(changed["b"]["line"], 2);
    assert_eq!(changed["b"]["section"], "一、");
    assert_eq!(changed["class"], "substitution");
    assert!(json["pairs"][2]["b"].is_null() && json["pairs"][3]["a"].is_null());
    tifa()
        .arg("diff")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "[-全县-] │ {+全省+} │ 1 │ 层级 │ a.txt:2 → b.txt:2",
        ))
        .stdout(predicate::str::contains(
            "[-全县-]{+全省+}要加强网络安全工作",
        ));
}

#[test]
fn a_file_of_boilerplate_only_is_reported_as_having_no_text() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", GOOD.as_bytes());
    write(
        dir.path(),
        "footer.txt",
        "秘 密\n- 3 -\n本文系网友投稿，仅供学习参考\n".as_bytes(),
    );
    tifa()
        .arg("corpus")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "footer.txt: no text left after normalization",
        ));
}

#[test]
fn streaming_a_corpus_hands_out_the_loaded_documents_in_order_with_the_same_problems() {
    use tifa::ingest::{self, LoadOptions};
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut manifest = std::fs::read_to_string(samples.join("manifest.csv")).unwrap();
    for entry in std::fs::read_dir(&samples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    // An empty file and a line naming a missing file: both problems, in corpus order.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    manifest
        .push_str("empty.txt,,,2020,county,某县,,speech\nmissing.txt,,,2020,county,某县,,speech\n");
    std::fs::write(dir.path().join("manifest.csv"), manifest).unwrap();

    let options = LoadOptions::default();
    let loaded = ingest::load(dir.path(), &options).unwrap();
    let mut streamed = Vec::new();
    let mut batches = 0;
    let listing = ingest::list(dir.path()).unwrap();
    let listed = listing.len();
    let read = listing.stream(&options, 1, |batch| {
        assert!(batch.len() <= 1);
        batches += 1;
        streamed.extend(batch);
    });
    assert_eq!(loaded.documents.len(), 4);
    assert_eq!(streamed, loaded.documents);
    assert_eq!(read.documents, 4);
    assert_eq!(batches, listed, "one batch per listed file");
    assert!(listed >= 5);
    assert_eq!(read.problems, loaded.problems);
    let problems: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    // The manifest's own problems come first (found while listing), then the files'.
    assert!(problems[0].contains("manifest.csv:7") && problems[0].contains("missing.txt"));
    assert!(problems[1].starts_with("empty.txt:6: "), "{problems:?}");
}
