//! `tifa report` from the outside: every file of the report folder on the samples, hostile text,
//! safe replacement, and a snapshot of report.md.

use crate::common;
use crate::generator;

use common::tifa;
use polars::prelude::{ParquetReader, SerReader};
use predicates::str::contains;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

fn report(corpus: &Path, out: &Path, extra: &[&str]) {
    tifa()
        .arg("report")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(extra)
        .arg("-q")
        .assert()
        .success();
}

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

fn docx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    let mut file = zip.by_name(part).unwrap();
    assert_eq!(
        file.compression(),
        zip::CompressionMethod::Deflated,
        "{part} is compressed"
    );
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_sample_report_has_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples");
    report(&common::corpus_dir(), &out, &[]);

    // index.html parses, is self-contained and names every document and every planned pair.
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    assert!(dom.query_selector("h1").unwrap().next().is_some());
    assert!(dom.query_selector("figure").unwrap().count() >= 4);
    assert!(dom.query_selector("svg").unwrap().count() >= 4);
    // Nothing is fetched: no stylesheets, images, fonts or scripts from elsewhere; the page's
    // two scripts (its data and its code) are inline.
    for fetch in ["<link", "<img", "src=", "@import", "url("] {
        assert!(!html.contains(fetch), "index.html contains {fetch}");
    }
    assert_eq!(html.matches("<script").count(), 2);
    // Links stay inside the page (the table of contents) or the folder (the redlines), and lead
    // somewhere.
    let href = regex::Regex::new(r#"href="([^"]*)""#).unwrap();
    let mut files = 0;
    for m in href.captures_iter(&html) {
        let target = &m[1];
        if let Some(anchor) = target.strip_prefix('#') {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "no anchor {target}"
            );
        } else {
            assert!(
                !target.contains(':') && !target.starts_with('/'),
                "{target}"
            );
            assert!(out.join(target).is_file(), "{target} is not in the folder");
            files += 1;
        }
    }
    // One pair: 001 → 000 (XX县 2018 → 承德县 2023); the Tianjin district's 2018 news is a
    // peer of 承德县 (same level, another region), never its previous document.
    assert_eq!(files, 1, "one redline per pair");
    let ids = [
        "000_9ef17a759cacbb40",
        "001_1e4f3ad92249e6af",
        "002_bc77ca63347c2d83",
        "003_8f909af7e5320190",
    ];
    for id in ids {
        assert!(html.contains(id), "{id} missing from index.html");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let plan = manifest["plan"].as_array().unwrap();
    // One county speech year over year (XX县 2018 → 承德县 2023); Henan's provincial summary is
    // no source for a county of Hebei (the division table knows 承德县 is in Hebei), and the
    // Tianjin district is a peer of 承德县, not its previous document.
    assert_eq!(plan.len(), 1, "{plan:?}");
    assert_eq!(plan[0]["a"], "001_1e4f3ad92249e6af", "{plan:?}");
    assert!(
        !plan.iter().any(|p| p["a"] == "002_bc77ca63347c2d83"),
        "{plan:?}"
    );
    // Pair headings name the documents by title (from the manifest), not by id.
    let titles: std::collections::HashMap<&str, &str> = [
        (
            "000_9ef17a759cacbb40",
            "全县网络安全和信息化工作会议主持词和讲话",
        ),
        (
            "001_1e4f3ad92249e6af",
            "把准政治方向 提高网络安全和信息化工作水平",
        ),
        ("002_bc77ca63347c2d83", "全省网信办主任会议精神传达提纲"),
        ("003_8f909af7e5320190", "河东区召开网络安全和信息化工作会议"),
    ]
    .into();
    for pair in plan {
        let title = |side: &str| {
            let t = titles[pair[side].as_str().unwrap()];
            if t.chars().count() > 24 {
                format!("{}…", t.chars().take(23).collect::<String>())
            } else {
                t.to_string()
            }
        };
        let heading = format!("\">{} → {}</h3>", title("a"), title("b"));
        assert!(html.contains(&heading), "{heading} missing");
    }
    assert!(
        !html.contains("<h3>001_1e4f3ad92249e6af"),
        "no id in a pair heading"
    );
    // Inputs hashed, parameters and versions recorded.
    let inputs = manifest["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 4);
    assert!(
        inputs
            .iter()
            .all(|i| i["sha256"].as_str().unwrap().len() == 64)
    );
    assert_eq!(manifest["lexicon_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["min_similarity"], 0.5);

    // At least four charts, each as SVG and as PNG.
    let svgs = files_with(&out.join("charts"), "svg");
    let pngs = files_with(&out.join("charts"), "png");
    assert!(
        svgs.len() >= 4 && svgs.len() == pngs.len(),
        "{svgs:?} {pngs:?}"
    );
    for png in &pngs {
        assert!(
            fs::read(png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"),
            "{png:?}"
        );
    }
    for svg in &svgs {
        assert!(fs::read_to_string(svg).unwrap().contains("<svg"), "{svg:?}");
    }

    // report.docx is a Word package with the headings and the chart pictures.
    let docx = out.join("report.docx");
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("提法对比报告") && document.contains("逐对比较"));
    assert!(document.contains("Heading2"));
    assert!(docx_part(&docx, "[Content_Types].xml").contains("png"));
    let zip = zip::ZipArchive::new(fs::File::open(&docx).unwrap()).unwrap();
    let media = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/"))
        .count();
    assert!(media >= 4, "{media} pictures");

    // report.md links the PNG charts that exist.
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    for png in &pngs {
        let name = png.file_name().unwrap().to_str().unwrap();
        assert!(
            md.contains(&format!("(charts/{name})")),
            "{name} not linked"
        );
    }

    // Every CSV starts with a BOM; every Parquet table reads back in polars.
    let csvs = files_with(&out.join("tables"), "csv");
    assert!(csvs.len() >= 8);
    for csv in &csvs {
        assert!(
            fs::read(csv).unwrap().starts_with("\u{feff}".as_bytes()),
            "{csv:?}"
        );
    }
    for parquet in files_with(&out.join("tables"), "parquet") {
        let df = ParquetReader::new(fs::File::open(&parquet).unwrap())
            .finish()
            .unwrap();
        assert!(df.width() >= 2, "{parquet:?}");
    }
    let counts =
        ParquetReader::new(fs::File::open(out.join("tables/term_counts.parquet")).unwrap())
            .finish()
            .unwrap();
    assert!(counts.height() > 1000);
}

fn hostile_corpus(dir: &Path) {
    fs::write(
        dir.join("a.txt"),
        "全县网络安全工作会议讲话\n同志们：我们要坚持网络强国战略。<script>alert(1)</script>是错误的写法。\n=HYPERLINK(\"http://x\")\n要加强网络安全工作，落实主体责任。\n",
    )
    .unwrap();
    fs::write(
        dir.join("b.txt"),
        "全县网络安全工作会议讲话\n同志们：我们要坚持网络强国战略。<script>alert(1)</script>是错误的写法。\n=HYPERLINK(\"http://x\")\n要全面加强网络安全工作，压实主体责任。\n",
    )
    .unwrap();
    fs::write(
        dir.join("manifest.csv"),
        "file,title,date,year,level,region,speaker,genre\na.txt,=HYPERLINK(\"http://x\"),,2018,county,某县,,speech\nb.txt,<script>alert(1)</script>,,2019,county,某县,,speech\n",
    )
    .unwrap();
}

#[test]
fn hostile_text_comes_out_inert() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    hostile_corpus(&corpus);
    let out = dir.path().join("report");
    let watch = dir.path().join("watch.txt");
    fs::write(&watch, "# terms to chart\nHYPERLINK\n网络强国\n").unwrap();
    report(
        &corpus,
        &out,
        &["--watch", watch.to_str().unwrap(), "--watch", "主体责任"],
    );
    let series = fs::read_to_string(out.join("tables/series.csv")).unwrap();
    for term in ["HYPERLINK", "网络强国", "主体责任"] {
        assert!(series.contains(term), "watch term {term} not charted");
    }

    let html = fs::read_to_string(out.join("index.html")).unwrap();
    // The page's own two scripts (its data, its code) and no other: the hostile text is
    // escaped in the page and in the embedded data, where no `<` is left to close the element.
    assert_eq!(
        html.to_lowercase().matches("<script").count(),
        2,
        "script tags in HTML"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let data_start = html.find("id=\"tifa-data\">").unwrap();
    let data = &html[data_start..data_start + html[data_start..].find("</script>").unwrap()];
    assert!(!data[1..].contains('<'), "a raw < in the embedded data");
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        !md.to_lowercase().contains("<script"),
        "script tag in Markdown"
    );
    let document = docx_part(&out.join("report.docx"), "word/document.xml");
    assert!(!document.contains("<script"), "script tag in Word XML");
    assert!(document.contains("&lt;script&gt;"));
    for svg in files_with(&out.join("charts"), "svg") {
        assert!(
            !fs::read_to_string(&svg).unwrap().contains("<script"),
            "{svg:?}"
        );
    }
    let mut checked = 0;
    for csv in files_with(&out.join("tables"), "csv") {
        let text = fs::read_to_string(&csv).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for field in record.unwrap().iter() {
                let number = field.parse::<f64>().is_ok();
                assert!(
                    number || !field.starts_with(['=', '+', '-', '@']),
                    "{csv:?}: {field}"
                );
                checked += usize::from(field.contains("HYPERLINK"));
            }
        }
    }
    assert!(checked > 0, "the hostile cell reached no table");
}

#[test]
fn a_failure_midway_keeps_the_previous_report_and_leaves_no_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples");
    report(&common::corpus_dir(), &out, &["--formats", "md,csv"]);
    let before = fs::read_to_string(out.join("report.md")).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let files_before = listing(&out);
    tifa()
        .env("TIFA_FAIL_AFTER", "5")
        .args(["report", "corpus", "--force", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("failure injected"))
        .stderr(contains("nothing there changed"));
    assert_eq!(fs::read_to_string(out.join("report.md")).unwrap(), before);
    assert_eq!(listing(&out), files_before);
    assert_eq!(
        listing(dir.path()),
        ["samples"],
        "a temporary folder was left behind"
    );
}

#[test]
fn existing_folders_are_replaced_only_when_ours_and_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    report(&common::corpus_dir(), &out, &["--formats", "md"]);
    tifa()
        .args(["report", "corpus", "--formats", "md", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("--force"));
    report(&common::corpus_dir(), &out, &["--formats", "md", "--force"]);
    let mine = dir.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "my notes").unwrap();
    tifa()
        .args(["report", "corpus", "--force", "--out"])
        .arg(&mine)
        .assert()
        .failure()
        .stderr(contains("not written by tifa"));
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn report_md_of_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples");
    report(&common::corpus_dir(), &out, &["--formats", "md"]);
    insta::assert_snapshot!(fs::read_to_string(out.join("report.md")).unwrap());
    // The presentation every writer prints, one JSON value per line: report.md above holds its
    // blocks in full, so only their headings here; the Word briefing, the charts (without their
    // data), the tables and the linked files whole.
    let presentation: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let mut lines = Vec::new();
    for (key, value) in presentation.as_object().unwrap() {
        lines.push(format!("{key}:"));
        if key == "explore" {
            // The documents and labels whole; per term its count and how many contexts the page
            // carries (their text is the KWIC's, tested there).
            lines.push(format!("  docs {}", value["docs"]));
            lines.push(format!("  labels {}", value["labels"]));
            for term in value["terms"].as_array().unwrap() {
                lines.push(format!(
                    "  {} {} {}×/{} docs, {} contexts",
                    term["term"],
                    term["kind"],
                    term["count"],
                    term["docs"],
                    term["lines"].as_array().unwrap().len()
                ));
            }
            // The charts the page draws again: which figure, and what it follows.
            for chart in value["charts"].as_array().unwrap() {
                let follow = &chart["follow"];
                let what = match follow["follow"].as_str().unwrap() {
                    "docs" => format!("rows {} columns {}", follow["rows"], follow["columns"]),
                    "whole" => format!("docs {}", follow["docs"]),
                    _ => {
                        let mut f = follow.clone();
                        f.as_object_mut().unwrap().remove("follow");
                        f.to_string()
                    }
                };
                lines.push(format!(
                    "  chart {} {} {}: {what}",
                    chart["id"], chart["data"]["kind"], follow["follow"]
                ));
            }
            continue;
        }
        match value.as_array() {
            Some(items) => {
                for item in items {
                    if key == "blocks" && item.get("heading").is_none() {
                        continue;
                    }
                    let mut item = item.clone();
                    if key == "charts" {
                        item["data"] = item["data"]["kind"].clone();
                    }
                    lines.push(format!("  {item}"));
                }
            }
            None => lines.push(format!("  {value}")),
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn english_labels_and_user_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en");
    report(
        &common::corpus_dir(),
        &out,
        &["--lang", "en", "--pairs", "002:003", "--formats", "md"],
    );
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("# tifa comparison report") && md.contains("requested"));
    assert!(
        md.contains("### 全省网信办主任会议精神传达提纲 → 河东区召开网络安全和信息化工作会议"),
        "{md}"
    );
    tifa()
        .args(["report", "corpus", "--pairs", "009:000", "--out"])
        .arg(dir.path().join("bad"))
        .assert()
        .failure()
        .stderr(contains("no document `009`"));
}

#[test]
fn a_large_corpus_gets_reuse_tables_and_a_bounded_heatmap() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let pool = generator::sentence_pool(&[&common::corpus_dir()]);
    generator::generate(80, &pool, 11).write(&corpus);
    let out = dir.path().join("report");
    report(&corpus, &out, &["--formats", "md,csv"]);
    let similarity = fs::read_to_string(out.join("tables/similarity.csv")).unwrap();
    assert_eq!(
        similarity.lines().count(),
        1 + 60 * 60,
        "heatmap of the 60 most reused"
    );
    let pairs = fs::read_to_string(out.join("tables/reuse_pairs.csv")).unwrap();
    assert!(pairs.lines().count() > 10, "{pairs}");
    let sources = fs::read_to_string(out.join("tables/reuse_sources.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(sources.trim_start_matches('\u{feff}').as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "likely_source")
        .unwrap();
    let mut rows = 0;
    for record in reader.records() {
        let source = record.unwrap()[column].to_string();
        assert!(
            source.starts_with('p'),
            "a county document as a source: {source}"
        );
        rows += 1;
    }
    assert!(rows > 10, "{rows} reused stretches");
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("沿用比例最高的文件"),
        "coverage from corpus-wide reuse"
    );
    // 80 documents are summed up by level, not listed one by one (they are in tables/documents).
    assert!(
        md.contains("共 80 份文件，按层级汇总如下"),
        "no corpus summary"
    );
    assert!(md.contains("| 省级 | 8 | 2015–2018 |"), "provincial row");
    assert!(md.contains("| 县级 | 72 | 2019–2023 |"), "county row");
    assert!(
        !md.contains("编码（规范化处理数）"),
        "a table with a row per document"
    );
    let documents = fs::read_to_string(out.join("tables/documents.csv")).unwrap();
    assert_eq!(documents.lines().count(), 1 + 80);
}

#[test]
fn passims_clusters_drive_the_reuse_part_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = "全市网络安全和信息化工作会议精神";
    let (passim, _) = common::passim_output(dir.path(), phrase, &["001", "000"]);
    let out = dir.path().join("r");
    let corpus = common::corpus_dir();
    report(
        &corpus,
        &out,
        &[
            "--from-passim",
            passim.to_str().unwrap(),
            "--formats",
            "html,csv",
        ],
    );
    let pairs = fs::read_to_string(out.join("tables/reuse_pairs.csv")).unwrap();
    let rows: Vec<&str> = pairs.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{pairs}");
    assert!(
        rows[0].starts_with("001_") && rows[0].contains(",000_"),
        "the 2018 speech is the source: {pairs}"
    );
    let sources = fs::read_to_string(out.join("tables/reuse_sources.csv")).unwrap();
    assert!(sources.contains(phrase), "{sources}");
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains("全语料文本复用（passim 的结果）：1 对文件共享段落"),
        "no summary"
    );
    assert!(
        html.contains("passim 找到的"),
        "coverage caption names passim"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["from_passim"], passim.to_str().unwrap());

    // Output of another corpus: refused, and nothing written.
    let foreign = dir.path().join("foreign");
    fs::create_dir_all(foreign.join("out.json")).unwrap();
    fs::write(
        foreign.join("out.json/part-00000.json"),
        "{\"cluster\": 1, \"id\": \"elsewhere-1\", \"begin\": 0, \"end\": 20}\n{\"cluster\": 1, \"id\": \"elsewhere-2\", \"begin\": 0, \"end\": 20}\n",
    )
    .unwrap();
    let refused = dir.path().join("refused");
    tifa()
        .arg("report")
        .arg(&corpus)
        .arg("--out")
        .arg(&refused)
        .arg("--from-passim")
        .arg(&foreign)
        .assert()
        .failure()
        .stderr(contains("none of the 2 documents in passim's output"));
    assert!(!refused.exists());
    // Partly foreign: a warning, and the known documents are kept.
    fs::write(
        passim.join("part-00001.json"),
        "{\"cluster\": 2, \"id\": \"elsewhere-1\", \"begin\": 0, \"end\": 20}\n",
    )
    .unwrap();
    tifa()
        .args(["reuse", "corpus", "--from-passim"])
        .arg(&passim)
        .assert()
        .success()
        .stderr(contains("1 of the 3 documents in passim's output"))
        .stdout(contains("001_"));
}

#[test]
fn a_report_of_two_documents_lists_what_one_has_and_the_other_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("two");
    fs::create_dir(&corpus).unwrap();
    let manifest = fs::read_to_string(common::corpus_dir().join("manifest.csv")).unwrap();
    let mut lines = vec![manifest.lines().next().unwrap().to_string()];
    for prefix in ["000_", "001_"] {
        let row = manifest.lines().find(|l| l.starts_with(prefix)).unwrap();
        let file = row.split(',').next().unwrap();
        fs::copy(common::corpus_dir().join(file), corpus.join(file)).unwrap();
        lines.push(row.to_string());
    }
    fs::write(corpus.join("manifest.csv"), lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    report(&corpus, &out, &["--formats", "md"]);
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    let trends = &md[md.find("## 四、用词趋势").expect("a trends part")..];
    let emerging = &trends[trends.find("### 新出现的提法与词语").expect("emerging")..];
    let vanishing_at = emerging
        .find("### 不再出现的提法与词语")
        .expect("vanishing");
    assert!(
        emerging[..vanishing_at].contains("| 十个坚持 | 0 → 2 |"),
        "{emerging}"
    );
    assert!(
        emerging[vanishing_at..].contains("| 五个明确 | 2 → 0 |"),
        "{emerging}"
    );
}

#[test]
fn report_docx_is_made_for_a_chinese_office_and_survives_a_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let manifest = fs::read_to_string(common::corpus_dir().join("manifest.csv")).unwrap();
    let mut lines = Vec::new();
    for (k, line) in manifest.lines().enumerate() {
        if k > 0 {
            let file = line.split(',').next().unwrap();
            fs::copy(common::corpus_dir().join(file), corpus.join(file)).unwrap();
        }
        // A control character in a title, as a pasted spreadsheet cell may bring.
        lines.push(line.replacen("全省网信办主任会议", "全省网信办\u{1}主任会议", 1));
    }
    fs::write(corpus.join("manifest.csv"), lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    report(
        &corpus,
        &out,
        &["--formats", "docx", "--east-asian-font", "仿宋"],
    );
    let docx = out.join("report.docx");
    let document = docx_part(&docx, "word/document.xml");
    assert!(!document.contains('\u{1}'));
    assert!(document.contains("全省网信办主任会议"));
    assert!(
        document.contains("<w:tblGrid><w:gridCol"),
        "column widths by content"
    );
    assert!(document.contains("<w:tblHeader />"), "header rows repeat");
    assert!(
        document.contains("TOC \\o \"2-3\"") && document.contains("w:dirty=\"true\""),
        "a table-of-contents field Word fills on opening"
    );
    assert!(
        document.contains(">三、逐对比较</w:t>"),
        "its entries written in"
    );
    // The Word report is the briefing and the summaries by default; --full-word adds the evidence.
    assert!(document.contains(">一、要点</w:t>"));
    assert!(
        !document.contains("新增内容（B 有、A 无）"),
        "no text lists by default"
    );
    let full = dir.path().join("full");
    report(
        &common::corpus_dir(),
        &full,
        &["--formats", "docx", "--full-word"],
    );
    assert!(
        docx_part(&full.join("report.docx"), "word/document.xml")
            .contains("新增内容（B 有、A 无）")
    );
    assert!(
        document.contains("<w:ftr")
            || docx_part(&docx, "word/_rels/document.xml.rels").contains("footer")
    );
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"zh-CN\""));
    assert!(styles.contains("w:eastAsia=\"仿宋\""));
    assert!(styles.contains("w:default=\"1\" w:styleId=\"Normal\""));
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>tifa</dc:creator>")
            && core.contains("<dc:title>提法对比报告：corpus</dc:title>")
    );
    assert!(!core.contains("1970"));
    // LibreOffice, where it is installed, opens it.
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok()
    {
        let status = std::process::Command::new("soffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx)
            .output()
            .unwrap();
        assert!(status.status.success());
        assert!(
            dir.path().join("report.pdf").exists(),
            "LibreOffice could not open report.docx"
        );
    }
}

#[test]
fn index_html_has_a_table_of_contents_landmarks_and_titled_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    report(&common::corpus_dir(), &out, &["--formats", "html"]);
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<title>提法对比报告：corpus</title>"));
    assert!(html.contains("<header><h1>") && html.contains("<main>") && html.contains("</main>"));
    let nav = &html[html
        .find("<nav aria-label=\"目录\">")
        .expect("a table of contents")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let links = regex::Regex::new(r##"href="#(s\d+)""##).unwrap();
    let targets: Vec<&str> = links
        .captures_iter(nav)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(targets.len() >= 6, "{nav}");
    for id in targets {
        assert!(html.contains(&format!(" id=\"{id}\">")), "no heading #{id}");
    }
    assert!(
        !html.contains("<figure id=\"heatmap\" role="),
        "figure keeps its own role"
    );
    let figures = html.matches("<figure ").count();
    assert!(figures > 0);
    assert_eq!(
        html.matches("role=\"img\">\n<title>").count(),
        figures,
        "every chart titled"
    );
}

#[test]
fn report_xlsx_holds_the_tables_as_typed_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    report(&common::corpus_dir(), &out, &["--formats", "xlsx"]);
    let book = out.join("report.xlsx");
    let part = |name: &str| {
        let mut zip = zip::ZipArchive::new(fs::File::open(&book).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = part("xl/workbook.xml");
    // Sheets named in Chinese (the report's default language), term counts included.
    for sheet in [
        "文档",
        "逐对比较",
        "句子对齐",
        "用词趋势",
        "提法",
        "关注词语境",
        "词频",
    ] {
        assert!(
            workbook.contains(&format!("<sheet name=\"{sheet}\"")),
            "{sheet}"
        );
    }
    let strings = part("xl/sharedStrings.xml");
    // Chinese intact, ids as text, headers and levels in Chinese.
    assert!(strings.contains("<t>承德县</t>") && strings.contains("<t>天津市河东区</t>"));
    assert!(strings.contains("<t>000_9ef17a759cacbb40</t>"));
    assert!(strings.contains("<t>年份</t>") && strings.contains("<t>文档</t>"));
    assert!(strings.contains("<t>县级</t>") && !strings.contains("<t>county</t>"));
    // Years are numbers shown without a thousands separator (no "number stored as text" flag),
    // measures with three decimals, shares as percentages.
    assert!(!strings.contains("<t>2023</t>"), "years are not text");
    let styles = part("xl/styles.xml");
    for code in [
        "formatCode=\"0\"",
        "formatCode=\"0.000\"",
        "formatCode=\"0.0%\"",
    ] {
        assert!(styles.contains(code), "{code}: {styles}");
    }
    let documents = part("xl/worksheets/sheet1.xml");
    assert!(documents.contains("state=\"frozen\""), "header row frozen");
    assert!(documents.contains("<autoFilter"));
    assert!(documents.contains("<col "), "column widths set");
    // Counts are numbers: a numeric cell has no t="s".
    assert!(
        regex::Regex::new(r#"<c r="[A-Z]+2"( s="\d+")?><v>\d+</v>"#)
            .unwrap()
            .is_match(&documents)
    );
}

/// Debian's headless Chromium (or Chrome), when installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// The page's DOM after its script ran, opened at `#fragment`.
fn dom(browser: &str, page: &Path, fragment: &str) -> String {
    let url = format!("file://{}#{fragment}", page.display());
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of the element with `id` in a dumped DOM.
fn element<'d>(dom: &'d str, open: &str, close: &str) -> &'d str {
    let start = dom
        .find(open)
        .unwrap_or_else(|| panic!("{open} in the page"));
    let end = start + dom[start..].find(close).unwrap();
    &dom[start..end]
}

#[test]
fn index_html_searches_filters_and_shows_contexts_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no headless Chromium");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples");
    report(&common::corpus_dir(), &out, &["--formats", "html,csv"]);
    let page = out.join("index.html");
    let html = fs::read_to_string(&page).unwrap();
    // Without the script the page is the static report: the controls are hidden.
    assert!(html.contains("<div id=\"explore\" hidden>"));
    for fetch in [
        "src=\"http",
        "href=\"http",
        "<link",
        "fetch(",
        "XMLHttpRequest",
        "import(",
    ] {
        assert!(!html.contains(fetch), "nothing fetched: {fetch}");
    }

    // A click on a formulation named in a table opens its contexts, each with file:line: 网络强国
    // stands 14 times in the samples (5 in 000, 3 in 001, 6 in 003), as `tifa kwic` counts.
    let opened = dom(browser, &page, "term=网络强国");
    assert!(
        !opened.contains("<div id=\"explore\" hidden"),
        "the script ran"
    );
    let contexts = element(&opened, "<aside id=\"contexts\"", "</aside>");
    assert_eq!(contexts.matches("<li>").count(), 14, "{contexts}");
    assert!(contexts.contains("<mark>网络强国</mark>"));
    assert!(
        contexts.contains("000_9ef17a759cacbb40.txt:9"),
        "{contexts}"
    );
    assert!(contexts.contains("003_8f909af7e5320190.txt:1"));

    // Search: the box lists the matching terms; typing one whole and picking it shows it.
    let searched = dom(browser, &page, "q=网络");
    let results = element(&searched, "<div id=\"explore-results\"", "</div>");
    assert!(results.contains(">网络强国</button>"), "{results}");
    let picked = dom(browser, &page, "q=网络强国");
    let contexts = element(&picked, "<aside id=\"contexts\"", "</aside>");
    assert_eq!(contexts.matches("<li>").count(), 14, "{contexts}");
    // A decade: the 2010s hold 001, 002 and 003 (2018, 2019, 2018), not 000 (2023).
    let decade = dom(browser, &page, "term=网络强国&year=2010s");
    let contexts = element(&decade, "<aside id=\"contexts\"", "</aside>");
    assert_eq!(contexts.matches("<li>").count(), 9, "{contexts}");
    assert!(!contexts.contains("000_9ef17a759cacbb40"));

    // Filters: the county documents only — the contexts keep 000, 001 and 003 (all county);
    // the provincial level leaves none, and table rows naming only 002 (provincial) are hidden
    // under a county filter, those naming a county document shown.
    let county = dom(browser, &page, "term=网络强国&level=县级");
    let contexts = element(&county, "<aside id=\"contexts\"", "</aside>");
    assert_eq!(contexts.matches("<li>").count(), 14);
    let provincial = dom(browser, &page, "term=网络强国&level=省级");
    let contexts = element(&provincial, "<aside id=\"contexts\"", "</aside>");
    assert_eq!(contexts.matches("<li>").count(), 0);
    assert!(contexts.contains("当前筛选下没有出现"));
    let hidden_rows: Vec<&str> = county
        .split("<tr")
        .filter(|row| row.starts_with(" hidden"))
        .map(|row| &row[..row.find("</tr>").unwrap_or(row.len())])
        .collect();
    assert!(
        !hidden_rows.is_empty(),
        "some rows name the provincial document only"
    );
    for row in &hidden_rows {
        assert!(row.contains("002_bc77ca63347c2d83"), "{row}");
        assert!(!row.contains("000_9ef17a759cacbb40"), "{row}");
    }

    // Charts follow the filters. In the 2010s (001 and 003 of 2018, 002 of 2019; not 000 of
    // 2023) the trends are drawn again from those documents: each year's rate equals the series
    // table's (every document of 2018 and 2019 passes), and 2023 is gone.
    let decade_page = dom(browser, &page, "year=2010s");
    let trends = element(&decade_page, "<figure id=\"trends\"", "</figure>");
    assert!(trends.contains("class=\"redrawn\""), "{trends}");
    assert!(!trends.contains("data-year=\"2023\""), "{trends}");
    let series = fs::read_to_string(out.join("tables/series.csv")).unwrap();
    let mut checked = 0;
    for row in series.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let (term, year, rate) = (cells[0], cells[1], cells[4].parse::<f64>().unwrap());
        if year == "2023" {
            continue;
        }
        let point = format!("data-series=\"{term}\" data-year=\"{year}\" data-value=\"{rate:.4}\"");
        assert!(trends.contains(&point), "{point}: {trends}");
        checked += 1;
    }
    assert!(checked >= 10, "{series}");
    // The similarity heatmap keeps the three documents of the decade.
    let heatmap = element(&decade_page, "<figure id=\"heatmap\"", "</figure>");
    let redrawn = &heatmap[heatmap.find("class=\"redrawn\"").expect("drawn again")..];
    assert_eq!(redrawn.matches("<rect").count(), 1 + 3 * 3, "{redrawn}");
    // The one compared pair, 001 → 000 (both county): its dot plot stays in the 2010s (001
    // passes, as the pair's table rows do) and goes under the provincial level.
    let plan = fs::read_to_string(out.join("tables/pairs.csv")).unwrap();
    let first_pair = plan.lines().nth(1).unwrap();
    assert!(
        first_pair.contains("000_9ef17a759cacbb40") && first_pair.contains("001_1e4f3ad92249e6af"),
        "{plan}"
    );
    let opening = |page: &str, id: &str| -> String {
        let at = page.find(&format!("<figure id=\"{id}\"")).unwrap();
        page[at..at + page[at..].find('>').unwrap()].to_string()
    };
    assert!(!opening(&decade_page, "dotplot-0").contains("hidden"));
    let provincial = dom(browser, &page, "level=省级");
    assert!(opening(&provincial, "dotplot-0").contains("hidden"));
    // The pair's sections (their headings name A → B) go whole under the provincial level; in
    // the 2010s they stay, but a list item citing 000 alone (B's new formulations) goes.
    assert!(provincial.contains(" class=\"filtered-out\">把准政治方向"));
    assert!(!decade_page.contains("filtered-out\">把准政治方向"));
    let hidden_items: Vec<&str> = decade_page
        .split("<li hidden=\"\">")
        .skip(1)
        .map(|item| &item[..item.find("</li>").unwrap()])
        .collect();
    assert!(!hidden_items.is_empty());
    for item in &hidden_items {
        assert!(item.contains("000_9ef17a759cacbb40"), "{item}");
        assert!(!item.contains("001_1e4f3ad92249e6af"), "{item}");
    }
    // The formulation timeline under the provincial level: first uses in 002 only.
    let provincial_timeline = element(&provincial, "<figure id=\"formulations\"", "</figure>");
    let groups: Vec<&str> = provincial_timeline
        .split("data-group=\"")
        .skip(1)
        .map(|g| &g[..g.find('"').unwrap()])
        .collect();
    assert!(!groups.is_empty(), "{provincial_timeline}");
    assert!(groups.iter().all(|g| *g == "省级"), "{groups:?}");
    assert!(provincial_timeline.contains("data-year=\"2019\""));

    // Sorting: the document table by its Han characters, ascending.
    let tables: Vec<&str> = html.split("<table>").skip(1).collect();
    let (t, c) = tables
        .iter()
        .enumerate()
        .find_map(|(t, table)| {
            let header = &table[..table.find("</thead>").unwrap()];
            let cells: Vec<&str> = header.split("<th>").skip(1).collect();
            cells
                .iter()
                .position(|h| h.starts_with("汉字数"))
                .map(|c| (t, c))
        })
        .unwrap();
    let sorted = dom(browser, &page, &format!("sort={t}.{c}"));
    let table = sorted.split("<table>").nth(t + 1).unwrap();
    let column: Vec<u64> = table
        .split("<tr")
        .skip(2)
        .filter_map(|row| {
            let cell = row.split("<td>").nth(c + 1)?;
            cell[..cell.find("</td>")?].replace(',', "").parse().ok()
        })
        .collect();
    assert_eq!(column.len(), 4, "{table}");
    assert!(column.windows(2).all(|w| w[0] <= w[1]), "{column:?}");
    assert!(sorted.contains("aria-sort=\"ascending\""));
}
