//! Corpus-wide reuse: recall and precision on a generated corpus with planted passages, the CLI
//! tables, and the passim hand-off both ways.

use crate::common;
use crate::generator;

use common::tifa;
use predicates::str::contains;
use std::fs;
use tifa::reuse::passim::{PassimOutput, PassimRecord, to_result};
use tifa::reuse::{Direction, ReuseDoc, ReuseOptions, candidate_pairs, detect, likely_sources};

#[test]
fn planted_reuse_is_found_with_high_recall_and_precision() {
    let pool = generator::sentence_pool(&[&common::corpus_dir()]);
    assert!(pool.len() > 100, "{} sentences", pool.len());
    let generated = generator::generate(300, &pool, 7);
    let docs = generated.reuse_docs();
    let result = detect(&docs, &ReuseOptions::default());
    let score = generated.score(&result);
    let (recall, precision) = (score.recall, score.precision);
    eprintln!(
        "planted {} pairs, found {} ({} candidates): recall {recall:.3}, precision {precision:.3}",
        score.planted, score.found, result.candidates
    );
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
    // Candidates are few: far fewer than all pairs.
    assert!(
        result.candidates < 300 * 299 / 2 / 4,
        "{} candidates",
        result.candidates
    );
    // Planted copies run from the provincial (earlier) document to the county one.
    for p in &result.pairs {
        if generated.docs[p.target as usize]
            .copied_from
            .contains(&(p.source as usize))
        {
            assert_eq!(p.direction, Direction::Earlier);
        }
    }
    // Every likely source is earlier than its target.
    for s in likely_sources(&docs, &result) {
        assert!(docs[s.source as usize].year < docs[s.target as usize].year);
    }
}

#[test]
fn stock_phrases_above_the_frequency_cap_make_no_candidates() {
    let stock = "坚持以习近平新时代中国特色社会主义思想为指导";
    let own = [
        "春耕备耕物资储备充足",
        "老旧小区改造稳步推进",
        "河湖长制落到实处",
        "夏粮收购价格保持平稳",
        "冬季供暖保障有力有序",
    ];
    let docs: Vec<ReuseDoc> = own
        .iter()
        .enumerate()
        .map(|(i, own)| ReuseDoc {
            id: format!("d{i}"),
            text: format!("{stock}。{own}。"),
            year: Some(2020),
            ..ReuseDoc::default()
        })
        .collect();
    let capped = ReuseOptions {
        max_doc_frequency: 3,
        ..ReuseOptions::default()
    };
    assert!(candidate_pairs(&docs, &capped).is_empty());
    assert_eq!(candidate_pairs(&docs, &ReuseOptions::default()).len(), 10);
}

#[test]
fn reuse_tables_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let pool = generator::sentence_pool(&[&common::corpus_dir()]);
    generator::generate(40, &pool, 3).write(dir.path());
    let out = tifa()
        .args(["reuse", dir.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty());
    for key in [
        "source",
        "target",
        "direction",
        "passages",
        "shared_chars",
        "share_of_target",
    ] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }
    for table in ["passages", "sources", "coverage"] {
        tifa()
            .args([
                "reuse",
                dir.path().to_str().unwrap(),
                "--table",
                table,
                "--format",
                "csv",
            ])
            .assert()
            .success()
            .stdout(contains("\u{feff}"));
    }
}

#[test]
fn passim_export_and_output_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    // A phrase the two county speeches share, as passim would report it.
    let phrase = "全市网络安全和信息化工作会议精神";
    let (out, lines) = common::passim_output(dir.path(), phrase, &["001", "000"]);
    assert_eq!(lines.len(), 4);
    for line in &lines {
        for key in ["id", "series", "year", "level", "tifa_options", "text"] {
            assert!(line.get(key).is_some(), "{key} missing");
        }
        assert_eq!(line["tifa_options"], "defaults");
        // A date only when the document has one, never a year made into January 1st.
        if let Some(date) = line.get("date") {
            assert!(!date.as_str().unwrap().ends_with("-01-01"), "{date}");
        }
    }
    let county = lines
        .iter()
        .find(|l| l["id"].as_str().unwrap().starts_with("000"))
        .unwrap();
    assert_eq!(county["series"], "county/承德县");
    assert_eq!(county["level"], 3);
    let table = tifa()
        .args([
            "reuse",
            "corpus",
            "--table",
            "passages",
            "--format",
            "json",
            "--from-passim",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        table.status.success(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&table.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["text"], phrase);
    assert!(
        rows[0]["source"].as_str().unwrap().starts_with("001"),
        "the 2018 speech is the source"
    );
    assert!(rows[0]["target"].as_str().unwrap().starts_with("000"));
    // The spans are the character offsets passim gave, in the text `tifa export` wrote.
    let begin = |prefix: &str| {
        let doc = lines
            .iter()
            .find(|l| l["id"].as_str().unwrap().starts_with(prefix))
            .unwrap();
        let text = doc["text"].as_str().unwrap();
        text[..text.find(phrase).unwrap()].chars().count() as u64
    };
    let length = phrase.chars().count() as u64;
    assert_eq!(rows[0]["source_start"], begin("001"));
    assert_eq!(rows[0]["source_end"], begin("001") + length);
    assert_eq!(rows[0]["target_start"], begin("000"));
    assert_eq!(rows[0]["target_end"], begin("000") + length);
    // A broken record names the file and line.
    fs::write(out.join("part-00001.json"), "{\"cluster\": \"x\"}\n").unwrap();
    tifa()
        .args(["reuse", "corpus", "--from-passim"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("part-00001.json:1"));
}

#[test]
fn passim_records_of_one_document_make_no_pair() {
    let docs = vec![ReuseDoc {
        id: "a".into(),
        text: "同一文件内的重复段落同一文件内的重复段落".into(),
        year: Some(2020),
        ..ReuseDoc::default()
    }];
    let records = vec![
        PassimRecord {
            cluster: 1,
            id: "a".into(),
            begin: 0,
            end: 10,
            text: None,
            tifa_options: None,
        },
        PassimRecord {
            cluster: 1,
            id: "a".into(),
            begin: 10,
            end: 20,
            text: None,
            tifa_options: None,
        },
    ];
    let output = PassimOutput {
        clusters: records,
        alignments: Vec::new(),
    };
    assert!(
        to_result(&docs, &output, "defaults")
            .unwrap()
            .pairs
            .is_empty()
    );
}

#[test]
fn the_real_source_wins_over_an_older_stock_phrase() {
    // Y is a speech; Z copies Y whole; X, older, shares only one 34-character stock phrase.
    let sentences: Vec<String> =
        fs::read_to_string(common::corpus_dir().join("000_9ef17a759cacbb40.txt"))
            .unwrap()
            .split('。')
            .map(str::trim)
            .filter(|s| s.chars().count() > 20)
            .take(12)
            .map(|s| format!("{s}。"))
            .collect();
    let stock = "推进国家治理体系和治理能力现代化，以习近平同志为核心的党中央坚强领导。";
    assert!(stock.chars().count() >= 34);
    let y_text = format!(
        "{}{stock}{}",
        sentences[..6].concat(),
        sentences[6..].concat()
    );
    let x_text = format!(
        "二〇一〇年的老文件只有一句话与后来的讲话相同。{stock}其余内容完全是另外的事情，说的是农田水利和道路养护。"
    );
    let doc = |id: &str, year: i32, text: &str| ReuseDoc {
        id: id.into(),
        text: text.into(),
        year: Some(year),
        level: Some(tifa::ingest::metadata::Level::County),
        ..ReuseDoc::default()
    };
    let docs = vec![
        doc("x", 2010, &x_text),
        doc("y", 2015, &y_text),
        doc("z", 2020, &y_text),
    ];
    let result = detect(&docs, &ReuseOptions::default());
    let sources = likely_sources(&docs, &result);
    let of_z: Vec<_> = sources.iter().filter(|s| s.target == 2).collect();
    let from_y: usize = of_z.iter().filter(|s| s.source == 1).map(|s| s.chars).sum();
    let total = y_text.chars().count();
    assert!(
        from_y * 100 >= total * 95,
        "{from_y} of {total} characters from y: {of_z:?}"
    );
    // Stretches never overlap, so coverage never passes 100%.
    let shares = tifa::reuse::reused_shares(&docs, &sources, &[]);
    assert!(shares.iter().all(|s| s.share <= 1.0 + 1e-9), "{shares:?}");
}

#[test]
fn passim_options_that_do_not_apply_are_refused_and_no_reuse_is_a_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("OUT");
    fs::create_dir_all(out.join("out.json")).unwrap();
    fs::write(out.join("out.json/part-00000.json"), "").unwrap();
    tifa()
        .args(["reuse", "corpus", "--min-chars", "20", "--from-passim"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("--min-chars"));
    // An empty out.json: passim found nothing, which is an answer, not an error.
    let table = tifa()
        .args(["reuse", "corpus", "--format", "csv", "--from-passim"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("passim found no reuse"));
    let csv = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert_eq!(csv.lines().count(), 1, "a header only: {csv}");
    // A folder without out.json is not passim's output.
    tifa()
        .args(["reuse", "corpus", "--from-passim"])
        .arg(dir.path())
        .assert()
        .code(3)
        .stderr(contains("has no out.json"));
}

#[test]
fn passim_text_that_is_not_tifas_stops_the_import_and_names_the_options() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = "全市网络安全和信息化工作会议精神";
    let (out, _) = common::passim_output(dir.path(), phrase, &["001", "000"]);
    let part = out.join("part-00000.json");
    let shifted = fs::read_to_string(&part)
        .unwrap()
        .replace(phrase, "别的文字别的文字别的文字别的文字");
    fs::write(&part, shifted).unwrap();
    tifa()
        .args(["reuse", "corpus", "--from-passim"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("passim ran on text made with other options"));
}

/// passim installed by `../shared/passim/setup.sh` (in `$PASSIM_HOME`, else `/tmp/passim`), with
/// Java to run it; the real-passim test skips without them.
fn installed_passim() -> Option<std::path::PathBuf> {
    let home = std::env::var_os("PASSIM_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/tmp/passim".into());
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if java && home.join("venv/bin/passim").is_file() && home.join("env.sh").is_file() {
        Some(home)
    } else {
        eprintln!(
            "skipped: passim is not installed (bash ../shared/passim/setup.sh, needs Java 17)"
        );
        None
    }
}

/// Real passim on Spark over three national reports, read back: the pairs are the consecutive
/// reports tifa itself finds, every echoed passage is tifa's text (else the import would stop),
/// and what counts inside passim's spans is what tifa finds shared there.
#[test]
fn real_passim_output_on_national_reports_reads_back() {
    let (Some(shared), Some(home)) = (common::shared_corpora(), installed_passim()) else {
        return;
    };
    let national = shared.join("national-gwr");
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("gwr");
    fs::create_dir(&corpus).unwrap();
    let manifest = fs::read_to_string(national.join("manifest.csv")).unwrap();
    let mut rows = vec![manifest.lines().next().unwrap().to_string()];
    for year in ["2022", "2023", "2024"] {
        let file = format!("gwr-{year}.txt");
        fs::copy(national.join(&file), corpus.join(&file)).unwrap();
        rows.extend(
            manifest
                .lines()
                .filter(|l| l.starts_with(&format!("{file},")))
                .map(str::to_string),
        );
    }
    fs::write(corpus.join("manifest.csv"), rows.join("\n") + "\n").unwrap();
    let input = work.path().join("passim-in.json");
    tifa()
        .args(["export", "--format", "passim"])
        .arg(&corpus)
        .arg(&input)
        .assert()
        .success();
    let out = work.path().join("passim-out");
    // The README's command.
    let script = format!(
        ". '{}/env.sh' && passim --floating-ngrams -n 6 --min-align 12 --pairwise \
         --fields year level --filterpairs 'uid <> uid2 AND year <= year2 AND level <= level2' \
         '{}' '{}'",
        home.display(),
        input.display(),
        out.display()
    );
    let run = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "passim failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let table = |name: &str, extra: &[&std::ffi::OsStr]| -> Vec<serde_json::Value> {
        common::json_of(
            tifa()
                .arg("reuse")
                .arg(&corpus)
                .args(["--table", name, "--format", "json"])
                .args(extra),
        )
    };
    let key = |rows: &[serde_json::Value]| -> std::collections::BTreeSet<(String, String)> {
        rows.iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().to_string(),
                    r["target"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let passim_args = ["--from-passim".as_ref(), out.as_os_str()];
    let from_passim = table("pairs", &passim_args);
    let own = table("pairs", &[]);
    for pair in [("gwr-2022", "gwr-2023"), ("gwr-2023", "gwr-2024")] {
        assert!(
            key(&from_passim).contains(&(pair.0.to_string(), pair.1.to_string())),
            "passim's pairs {:?} lack {pair:?}",
            key(&from_passim)
        );
    }
    assert_eq!(key(&from_passim), key(&own), "passim and tifa disagree");
    for row in &from_passim {
        assert!(row["share_of_target"].as_f64().unwrap() <= 1.0, "{row}");
    }
    // passim's spans bridge unmatched text; only tifa's own passages inside them count, each
    // at least half matched.
    let passages = table("passages", &passim_args);
    assert!(!passages.is_empty());
    for row in &passages {
        let similarity = row["similarity"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&similarity), "{row}");
    }
}

/// passim's pairwise spans bridge unmatched text: a span of 30 characters either side of the
/// phrase two speeches share counts only the phrase, as tifa's own passage, not the whole span.
#[test]
fn passims_pairwise_spans_count_only_the_text_tifa_finds_shared_inside_them() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = "全市网络安全和信息化工作会议精神";
    let (out, lines) = common::passim_output(dir.path(), phrase, &["001", "000"]);
    let span = |prefix: &str| {
        let doc = lines
            .iter()
            .find(|l| l["id"].as_str().unwrap().starts_with(prefix))
            .unwrap();
        let text = doc["text"].as_str().unwrap();
        let begin = text[..text.find(phrase).unwrap()].chars().count();
        let len = text.chars().count();
        let (from, to) = (
            begin.saturating_sub(30),
            (begin + phrase.chars().count() + 30).min(len),
        );
        (doc["id"].as_str().unwrap().to_string(), from, to)
    };
    let ((id, begin, end), (id2, begin2, end2)) = (span("001"), span("000"));
    // Clusters none; the pairwise alignment of the two spans, as `passim --pairwise` writes it.
    fs::write(out.join("part-00000.json"), "").unwrap();
    let alignment = serde_json::json!({"id": id, "id2": id2, "begin": begin, "end": end,
        "begin2": begin2, "end2": end2, "matches": phrase.chars().count()});
    fs::write(dir.path().join("align.json"), format!("{alignment}\n")).unwrap();
    let rows: Vec<serde_json::Value> = common::json_of(
        tifa()
            .args(["reuse", "corpus", "--table", "passages", "--format", "json"])
            .arg("--from-passim")
            .arg(&out),
    );
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, [phrase], "{rows:?}");
    assert!(rows[0]["similarity"].as_f64().unwrap() >= 0.5);
}
