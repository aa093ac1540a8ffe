//! Folders, manifests and encodings as users keep them: nested folders with `.TXT` files and a
//! README, manifests saved by a spreadsheet, damaged or unusual encodings, pipes and links.

use crate::common;

use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::Duration;
use tifa::ingest::{self, LoadOptions};

const SPEECH: &str = "同志们：\n今天召开全县网络安全和信息化工作会议，主要任务是贯彻落实上级会议精神。\n一、提高认识\n我们要坚持以人民为中心的发展思想，推进网络强国建设。\n";

use common::write;

#[test]
fn a_nested_folder_is_read_with_its_subfolders_and_every_file_left_out_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "2018/县委讲话.TXT", SPEECH.as_bytes());
    write(
        root,
        "2023/县委讲话.txt",
        SPEECH.replace("上级", "省委").as_bytes(),
    );
    write(root, "README.md", "# 说明\n这个文件夹收集讲话。".as_bytes());
    write(root, "2023/照片.jpg", b"\xFF\xD8\xFF\xE0 not text");
    write(
        root,
        "2023/manifest.csv",
        b"path,year\n\xe5\x8e\xbf\xe5\xa7\x94\xe8\xae\xb2\xe8\xaf\x9d.txt,2023\n",
    );
    write(root, "reports/old/.tifa-report", b"written by tifa\n");
    write(
        root,
        "reports/old/report.md",
        "# 旧报告\n全县网络安全。".as_bytes(),
    );
    let corpus = ingest::load(root, &LoadOptions::default()).unwrap();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["2018/县委讲话", "2023/县委讲话"]);
    let skipped: Vec<(&str, bool)> = corpus
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.skipped))
        .collect();
    assert_eq!(
        skipped,
        [
            ("2023/manifest.csv", true),
            ("2023/照片.jpg", true),
            ("README.md", true)
        ]
    );
    common::tifa()
        .arg("corpus")
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "skipped: 2023/照片.jpg: a .jpg file",
        ))
        .stderr(predicate::str::contains(
            "skipped: README.md: describes the folder",
        ))
        .stderr(predicate::str::contains(
            "skipped: 2023/manifest.csv: a subfolder's manifest.csv: only the named folder's own is read; name ",
        ))
        .stderr(predicate::str::contains(
            "2023 to use it",
        ));
}

#[test]
fn a_folder_with_nothing_readable_says_what_tifa_reads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "scan.jpg", b"\xFF\xD8\xFF");
    common::tifa()
        .arg("corpus")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "scan.jpg: a .jpg file: tifa reads .txt",
        ))
        .stderr(predicate::str::contains("no document of"))
        .stderr(predicate::str::contains("one file left out or unreadable"));
}

#[cfg(unix)]
#[test]
fn a_pipe_never_hangs_and_a_link_out_of_the_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "speech.txt", SPEECH.as_bytes());
    let outside = dir.path().join("secret.txt");
    fs::write(&outside, "机密材料：不得外传的全县网络工作内容。".repeat(3)).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("link.txt")).unwrap();
    let fifo = root.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    common::tifa()
        .args(["kwic", "机密"])
        .arg(&root)
        .timeout(Duration::from_secs(20))
        .assert()
        .stderr(predicate::str::contains(
            "skipped: link.txt: a link to something outside the corpus folder",
        ))
        .stderr(predicate::str::contains(
            "skipped: pipe.txt: not a regular file",
        ))
        .stdout(predicate::str::contains("机密").not());
    // Named as a document in a manifest, the pipe is refused, not read.
    write(&root, "manifest.csv", b"file\nspeech.txt\npipe.txt\n");
    common::tifa()
        .arg("corpus")
        .arg(&root)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stderr(predicate::str::contains("pipe.txt:3: not a regular file"));
}

#[test]
fn a_manifest_saved_as_gbk_by_a_spreadsheet_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "讲话.txt", SPEECH.as_bytes());
    let (manifest, _, _) = encoding_rs::GBK
        .encode("file,title,year,level,region\n讲话.txt,全县网信工作会议讲话,2023,county,承德县\n");
    write(dir.path(), "manifest.csv", &manifest);
    let corpus = ingest::load(dir.path(), &LoadOptions::default()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let doc = &corpus.documents[0];
    assert_eq!(
        doc.meta.title.value.as_deref(),
        Some("全县网信工作会议讲话")
    );
    assert_eq!(doc.meta.region.value.as_deref(), Some("承德县"));
}

fn manifest_error(manifest: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", SPEECH.as_bytes());
    write(dir.path(), "b.txt", SPEECH.as_bytes());
    write(dir.path(), "manifest.csv", manifest.as_bytes());
    let out = common::tifa()
        .arg("corpus")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "{manifest:?} was accepted");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn broken_manifests_are_errors_naming_their_lines() {
    let unclosed = manifest_error("file,title\na.txt,\"全县会议\nb.txt,讲话\n");
    assert!(
        unclosed.contains("line 2") && unclosed.contains("never closed"),
        "{unclosed}"
    );
    let duplicate = manifest_error("file,year\na.txt,2018\nb.txt,2019\na.txt,2020\n");
    assert!(duplicate.contains("lines 2 and 4"), "{duplicate}");
    let header_only = manifest_error("file,title,year\n");
    assert!(header_only.contains("lists no file"), "{header_only}");
}

#[test]
fn impossible_dates_conflicts_and_unlisted_files_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", SPEECH.as_bytes());
    write(dir.path(), "b.txt", SPEECH.as_bytes());
    write(dir.path(), "c.txt", SPEECH.as_bytes());
    write(
        dir.path(),
        "manifest.csv",
        b"file,date,year\na.txt,2019-02-30,\nb.txt,2018-03-05,2019\n",
    );
    let corpus = ingest::load(dir.path(), &LoadOptions::default()).unwrap();
    let messages: Vec<String> = corpus.problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(
        has("manifest.csv:2: date `2019-02-30` is not a real date"),
        "{messages:?}"
    );
    assert!(
        has("manifest.csv:3: year 2019 contradicts date 2018-03-05"),
        "{messages:?}"
    );
    assert!(has("c.txt: not listed in manifest.csv"), "{messages:?}");
    let b = corpus.find("b").unwrap();
    assert_eq!(b.meta.year.value, Some(2018), "the date's year is used");
    // corpus init --update keeps the rows and adds c.txt.
    common::tifa()
        .args(["corpus", "init", "--update"])
        .arg(dir.path())
        .assert()
        .success();
    let manifest = fs::read_to_string(dir.path().join("manifest.csv")).unwrap();
    assert!(manifest.starts_with('\u{feff}'), "written with a BOM");
    let lines: Vec<&str> = manifest.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        &lines[..3],
        [
            "file,date,year,inferred",
            "a.txt,2019-02-30,,",
            "b.txt,2018-03-05,2019,"
        ]
    );
    // The added row: no date or year in the text, so nothing written and nothing marked.
    assert_eq!(lines[3], "c.txt,,,", "{lines:?}");
}

#[test]
fn a_manifest_encoding_column_sets_one_files_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (big5, _, _) = encoding_rs::BIG5.encode("網絡安全和信息化工作會議。");
    write(dir.path(), "big5.txt", &big5);
    write(dir.path(), "utf8.txt", SPEECH.as_bytes());
    write(
        dir.path(),
        "manifest.csv",
        b"file,encoding\nbig5.txt,big5\nutf8.txt,\n",
    );
    let corpus = ingest::load(dir.path(), &LoadOptions::default()).unwrap();
    let big5 = corpus.find("big5").unwrap();
    assert_eq!(big5.encoding, "Big5");
    assert!(big5.normalized.text.contains("网络安全"));
    assert_eq!(corpus.find("utf8").unwrap().encoding, "UTF-8");
}

#[test]
fn a_cr_only_file_cites_its_real_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "old-mac.txt",
        SPEECH.replace('\n', "\r").as_bytes(),
    );
    let out = common::stdout(&[
        "kwic",
        "网络强国",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
    ]);
    // The hit's row names the document and line 4, where 网络强国 stands.
    let row = out.lines().nth(1).unwrap_or_default();
    assert!(row.starts_with("old-mac,,4,"), "{out}");
}

#[test]
fn a_stray_byte_in_utf8_is_repaired_and_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = SPEECH.as_bytes().to_vec();
    let at = SPEECH.find("我们").unwrap();
    bytes.insert(at, 0xFF);
    write(dir.path(), "damaged.txt", &bytes);
    let out = common::tifa()
        .args(["show", "--findings"])
        .arg(dir.path().join("damaged.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("UTF-8 with damaged bytes repaired"),
        "{stdout}"
    );
    assert!(stdout.contains("damaged.txt:4"), "{stdout}");
}

#[test]
fn exit_status_says_what_happened() {
    // 1: nothing found, like grep.
    common::tifa()
        .args(["kwic", "火星殖民", "corpus"])
        .assert()
        .code(1);
    common::tifa()
        .args(["kwic", "网络强国", "corpus"])
        .assert()
        .code(0);
    // 2: a usage error.
    common::tifa().args(["kwic"]).assert().code(2);
    // 3: an input that cannot be read.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "manifest.csv", b"file\n\"a.txt\n");
    common::tifa()
        .arg("corpus")
        .arg(dir.path())
        .assert()
        .code(3);
    // 4: an output that cannot be written; nothing is left behind.
    let out = dir.path().join("no-such-folder").join("terms.csv");
    common::tifa()
        .args(["terms", "corpus", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("cannot write"));
    common::tifa()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Exit status: 0 success, 1 nothing found",
        ));
}

#[test]
fn completions_and_a_manual_page_are_printed() {
    common::tifa()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_tifa()"));
    common::tifa()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH tifa"));
}

#[test]
fn colour_follows_no_color_clicolor_force_and_dumb_terminals() {
    let diff = |envs: &[(&str, &str)]| {
        let mut cmd = common::tifa();
        cmd.args(["diff", "001", "000"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(
        diff(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}["),
        "forced colour"
    );
    assert!(!diff(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains("\u{1b}["));
    assert!(
        !diff(&[("TERM", "dumb")]).contains("\u{1b}["),
        "not a terminal, dumb"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ctl.txt",
        "全县网络安全工作会议\u{1b}[2J召开\u{7}。\n我们要推进网络强国建设，落实责任。\n".as_bytes(),
    );
    let out = common::stdout(&["show", dir.path().join("ctl.txt").to_str().unwrap()]);
    assert!(!out.contains(['\u{1b}', '\u{7}']), "{out:?}");
    let findings = common::stdout(&[
        "show",
        "--findings",
        dir.path().join("ctl.txt").to_str().unwrap(),
    ]);
    assert!(
        findings.contains("U+001B") && findings.contains("U+0007"),
        "{findings}"
    );
}

#[test]
fn impossible_numbers_are_refused() {
    for bad in ["nan", "inf", "-0.1", "1.5", "half"] {
        common::tifa()
            .args(["diff", "001", "000", &format!("--min-similarity={bad}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(bad));
        common::tifa()
            .args(["report", &format!("--min-in-order-similarity={bad}")])
            .assert()
            .code(2);
    }
}

#[test]
fn a_missing_or_misspelt_folder_says_what_is_wrong() {
    let outside = tempfile::tempdir().unwrap();
    // Outside the repository, with nothing to read here: say how to name a folder.
    let mut cmd = assert_cmd::Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(outside.path())
        .arg("corpus")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no corpus folder named"));
    // A folder of documents is the corpus when none is named.
    write(outside.path(), "讲话.txt", SPEECH.as_bytes());
    let mut cmd = assert_cmd::Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(outside.path())
        .arg("corpus")
        .assert()
        .success()
        .stdout(predicate::str::contains("讲话"));
    common::tifa()
        .args(["trend", "网络强国", "corpu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`corpu` is neither a folder nor a Chinese term",
        ));
    // A missing corpus is reported as such, before the report folder is looked at.
    common::tifa()
        .args(["report", "/nonexistent/corpus"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "/nonexistent/corpus: does not exist",
        ));
}

#[test]
fn a_dash_reads_the_document_from_standard_input() {
    let speech = fs::read(common::corpus_dir().join("001_1e4f3ad92249e6af.txt")).unwrap();
    let piped = |args: &[&str], shows: &str| {
        common::tifa()
            .args(args)
            .write_stdin(speech.clone())
            .assert()
            .success()
            .stdout(predicate::str::contains(shows.to_string()))
    };
    piped(&["diff", "-", "000"], "A stdin.txt");
    piped(&["show", "-"], "网络安全");
    common::tifa()
        .args(["show", "-"])
        .write_stdin(Vec::new())
        .assert()
        .failure()
        .stderr(predicate::str::contains("standard input (`-`) is empty"));
    // In place of a corpus, `-` is a corpus of one document.
    piped(&["kwic", "网络强国", "-"], "stdin");
    piped(&["formulations", "-", "--format", "csv"], "五个明确");
    let counted = piped(&["terms", "-", "--format", "csv", "--top", "3"], "stdin");
    let csv = String::from_utf8(counted.get_output().stdout.clone()).unwrap();
    let docs: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(docs, ["stdin", "stdin", "stdin"], "{csv}");
    // A command that needs a folder says so.
    common::tifa()
        .args(["report", "-"])
        .write_stdin(speech.clone())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`-` (standard input) is one document",
        ));
}

#[test]
fn an_output_never_replaces_an_input_or_lands_in_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", SPEECH.as_bytes());
    write(&corpus, "manifest.csv", b"file,year\na.txt,2023\n");
    common::tifa()
        .args(["terms"])
        .arg(&corpus)
        .arg("--out")
        .arg(corpus.join("manifest.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the corpus folder"));
    assert_eq!(
        fs::read_to_string(corpus.join("manifest.csv")).unwrap(),
        "file,year\na.txt,2023\n"
    );
    let b = dir.path().join("b.txt");
    fs::write(&b, SPEECH.replace("上级", "省委")).unwrap();
    common::tifa()
        .arg("diff")
        .arg(corpus.join("a.txt"))
        .arg(&b)
        .arg("--out")
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over the input"));
    // Elsewhere is fine, and leaves no temporary file.
    let out = dir.path().join("terms.csv");
    common::tifa()
        .args(["terms"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let hidden: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn quiet_and_verbose_work_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", SPEECH.as_bytes());
    write(dir.path(), "photo.jpg", b"\xFF\xD8");
    for command in [
        &["corpus"][..],
        &["terms"],
        &["kwic", "网络强国"],
        &["formulations"],
    ] {
        let run = |flag: &str| {
            let out = common::tifa()
                .args(command)
                .arg(dir.path())
                .arg(flag)
                .output()
                .unwrap();
            assert!(out.status.success(), "{command:?} {flag}");
            String::from_utf8(out.stderr).unwrap()
        };
        assert!(run("-v").contains("read 1 documents"), "{command:?} -v");
        assert!(!run("-q").contains("skipped"), "{command:?} -q");
    }
}

#[test]
fn tifa_toml_in_the_corpus_sets_options_the_command_line_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for f in [
        "000_9ef17a759cacbb40.txt",
        "001_1e4f3ad92249e6af.txt",
        "manifest.csv",
    ] {
        write(&corpus, f, &fs::read(common::corpus_dir().join(f)).unwrap());
    }
    // The samples' manifest names four files: keep the two copied.
    let manifest = fs::read_to_string(corpus.join("manifest.csv")).unwrap();
    let kept: String = manifest
        .lines()
        .filter(|l| !l.starts_with("002") && !l.starts_with("003"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&corpus, "manifest.csv", kept.as_bytes());
    write(&corpus, "words.dict", "网信铁军 10 n\n".as_bytes());
    write(
        &corpus,
        "tifa.toml",
        "lang = \"en\"\ndict = [\"words.dict\"]\neast_asian_font = \"仿宋\"\n".as_bytes(),
    );
    let report = |out: &Path, extra: &[&str]| {
        common::tifa()
            .arg("report")
            .arg(&corpus)
            .args(["--formats", "md", "-q", "--out"])
            .arg(out)
            .args(extra)
            .assert()
            .success();
        fs::read_to_string(out.join("report.md")).unwrap()
    };
    let english = report(&dir.path().join("en"), &[]);
    assert!(english.contains("Pair by pair"), "lang from tifa.toml");
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("en/manifest.json")).unwrap())
            .unwrap();
    let run = &manifest; // the run's settings sit at the top level
    assert_eq!(run["east_asian_font"], "仿宋");
    let roles: Vec<&str> = run["settings_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["config", "dict", "manifest"], "{run}");
    assert!(run["settings_files"][1]["sha256"].as_str().unwrap().len() == 64);
    // The command line wins.
    let chinese = report(&dir.path().join("zh"), &["--lang", "zh"]);
    assert!(chinese.contains("逐对比较"));
    // A broken file is an error naming it.
    write(&corpus, "tifa.toml", b"lang = \n");
    common::tifa()
        .arg("corpus")
        .arg(&corpus)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "tifa.toml is not a valid tifa.toml",
        ));
}

#[test]
fn an_error_names_its_file_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    let path = dir.path().join("empty.txt");
    let out = common::tifa().arg("show").arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("empty.txt").count(), 1, "{stderr}");
    assert!(stderr.contains("the file is empty"), "{stderr}");
}

/// A 32 KiB tmpfs, where root may mount one; `None` (the test skips) elsewhere.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=32k", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
            return None;
        }
        Some(Self(dir))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_leaves_nothing_behind() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let root = disk.0.path();
    common::tifa()
        .args([
            "terms", "corpus", "--ngrams", "1-4", "--counts", "--format", "csv", "--out",
        ])
        .arg(root.join("counts.csv"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains("cannot write"));
    common::tifa()
        .args(["report", "corpus", "-q", "--out"])
        .arg(root.join("report"))
        .assert()
        .code(4);
    let left: Vec<_> = fs::read_dir(root).unwrap().filter_map(|e| e.ok()).collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Two pages copied from one portal (its name, slogan and footer round each report) and a clean
/// text: the portal's lines go, whether a vocabulary knows them or only the pages repeat them;
/// titles and years come from the reports' own title blocks and date lines.
#[test]
fn pages_of_one_portal_lose_the_furniture_they_repeat_and_keep_their_titles_and_years() {
    let page = |subtitle: &str, body: &str| {
        format!(
            "首页 > 政务公开 > 政府工作报告\n无障碍 | 关怀版\n清河市人民政府门户网站\n山水清河 幸福家园\n政府工作报告\n{subtitle}\n发布时间：2026-02-01 09:30 来源：清河日报\n【字体：大 中 小】 打印 分享\n各位代表：\n{body}\n【打印本页】 【关闭窗口】\n山水清河 幸福家园\n主办：清河市人民政府办公室\n技术支持：清河市大数据中心\n清ICP备12345678号 网站标识码：3300000001\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "清河-甲.txt",
        page(
            "——二〇二六年一月二十日在清河市第十届人民代表大会第五次会议上",
            "现在，我代表市人民政府，向大会报告政府工作，请予审议。全市上下团结奋斗，我市经济持续向好。",
        )
        .as_bytes(),
    );
    write(
        root,
        "清河-乙.txt",
        page(
            "——2025年1月18日在清河市第十届人民代表大会第四次会议上",
            "过去一年，全市经济运行稳中有进，我市城乡居民收入稳步增长，全市就业稳定。",
        )
        .as_bytes(),
    );
    write(
        root,
        "讲话.txt",
        "在全县工作会议上的讲话\n山水清河 幸福家园\n同志们：\n今天召开全县工作会议，全县上下要抓好落实。\n".as_bytes(),
    );
    let corpus = ingest::load(root, &LoadOptions::default()).unwrap();
    let doc = |id: &str| corpus.find(id).unwrap();
    for id in ["清河-甲", "清河-乙"] {
        let d = doc(id);
        let text = &d.normalized.text;
        for furniture in [
            "首页",
            "无障碍",
            "门户网站",
            "山水清河",
            "打印",
            "主办",
            "技术支持",
            "ICP",
            "标识码",
        ] {
            assert!(!text.contains(furniture), "{id} keeps {furniture}:\n{text}");
        }
        assert!(text.starts_with("政府工作报告\n——"), "{id}:\n{text}");
        assert_eq!(
            d.meta
                .title
                .value
                .as_deref()
                .map(|t| t.starts_with("政府工作报告")),
            Some(true)
        );
        assert!(
            d.normalized
                .findings
                .iter()
                .any(|f| f.rule.as_deref() == Some("repeated-furniture")
                    && f.before == "山水清河 幸福家园"),
            "{id}: the slogan is a finding"
        );
    }
    assert_eq!(
        doc("清河-甲").meta.date.value.as_deref(),
        Some("2026-01-20")
    );
    assert_eq!(doc("清河-甲").meta.year.value, Some(2026));
    assert_eq!(doc("清河-乙").meta.year.value, Some(2025));
    // A text outside the portal keeps the same line: it is no page of that source.
    assert!(doc("讲话").normalized.text.contains("山水清河 幸福家园"));
}
