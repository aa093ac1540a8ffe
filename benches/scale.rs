//! Scale: each stage, then each command end to end, on generated corpora of 1,000 and 10,000
//! documents (benches/generator), with the growth from one size to the next. Stages run in this
//! process and are timed once (a stage on 10,000 documents takes seconds: criterion's repetitions
//! would add nothing but minutes); commands run the release binary as a child process, whose peak
//! RSS is its `VmHWM` read every 10 ms (growth in the last 10 ms before it exits is missed).
//!
//! cargo bench --bench scale            # 1,000 and 10,000 documents (about 2 minutes)
//! cargo bench --bench scale -- 2000    # other sizes
//!
//! Under `cargo test` it runs once on 60 documents, to check that it runs.

#[path = "generator/mod.rs"]
mod generator;

use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tifa::ingest::{self, LoadOptions};
use tifa::render::report::{RenderConfig, RunInfo, write_folder};
use tifa::report::{ReportOptions, build};
use tifa::reuse::{ReuseDoc, ReuseOptions, candidate_pairs, detect};
use tifa::stats::counts::{CountOptions, count};
use tifa::stats::terms::keyness;
use tifa::stats::trends::trends_per_level;
use tifa::words::Segmenter;

/// One measured size: stage and command names with seconds (and peak RSS for commands).
struct Run {
    documents: usize,
    megabytes: f64,
    stages: Vec<(String, f64)>,
    commands: Vec<(String, f64, u64)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benchmarking = args.iter().any(|a| a == "--bench");
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = if benchmarking {
            vec![1_000, 10_000]
        } else {
            vec![60]
        };
    }
    let pool = generator::default_pool();
    let runs: Vec<Run> = sizes.iter().map(|&n| measure(n, &pool)).collect();
    print_runs(&runs);
}

fn measure(n: usize, pool: &[String]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir(&corpus_dir).unwrap();
    generator::generate(n, pool, 42).write(&corpus_dir);
    let mut stages = Vec::new();
    let mut timed = |name: &str, started: Instant| {
        stages.push((name.to_string(), started.elapsed().as_secs_f64()));
    };

    let started = Instant::now();
    let corpus = ingest::load(&corpus_dir, &LoadOptions::default()).unwrap();
    timed("load (read, decode, normalize, structure)", started);
    let megabytes = corpus.documents.iter().map(|d| d.bytes as f64).sum::<f64>() / 1e6;

    let started = Instant::now();
    let counts = count(
        &corpus.documents,
        Segmenter::shared(),
        &CountOptions::default(),
    );
    timed("count (tokenize, intern)", started);

    let started = Instant::now();
    std::hint::black_box(trends_per_level(&counts, 2));
    timed("trends per level", started);

    let started = Instant::now();
    let county = "level=county".parse().unwrap();
    std::hint::black_box(keyness(&counts, &county, None, 2).unwrap());
    timed("keyness (county vs the rest)", started);

    let reuse_docs: Vec<ReuseDoc> = corpus.documents.iter().map(ReuseDoc::of).collect();
    let started = Instant::now();
    std::hint::black_box(candidate_pairs(&reuse_docs, &ReuseOptions::default()));
    timed("reuse candidates", started);
    let started = Instant::now();
    std::hint::black_box(detect(&reuse_docs, &ReuseOptions::default()));
    timed("reuse candidates + alignment", started);
    drop(reuse_docs);
    drop(counts);

    let started = Instant::now();
    let report = build(
        corpus,
        Segmenter::shared(),
        ReportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    timed("report: build (all of the above again, pairs)", started);
    let started = Instant::now();
    let run = RunInfo::of(&corpus_dir);
    let out = dir.path().join("report");
    write_folder(&report, &run, &RenderConfig::default(), &out, true).unwrap();
    timed("report: render and write", started);
    drop(report);

    let commands = [
        vec!["reuse", "DIR"],
        vec!["terms", "DIR", "--top", "5"],
        vec!["trend", "DIR", "--split", "level"],
        vec!["report", "DIR", "--out", "OUT", "--force", "-q"],
    ]
    .iter()
    .map(|args| run_command(args, &corpus_dir, &dir.path().join("cli-report")))
    .collect();
    Run {
        documents: n,
        megabytes,
        stages,
        commands,
    }
}

/// Runs `tifa ARGS` (DIR and OUT replaced) and returns its name, seconds and peak RSS in bytes.
fn run_command(args: &[&str], corpus_dir: &Path, out: &Path) -> (String, f64, u64) {
    let resolved: Vec<&std::ffi::OsStr> = args
        .iter()
        .map(|a| match *a {
            "DIR" => corpus_dir.as_os_str(),
            "OUT" => out.as_os_str(),
            other => std::ffi::OsStr::new(other),
        })
        .collect();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(&resolved)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    // The child's high-water mark, read until it exits. Not wait4's ru_maxrss: a child forked from
    // this process starts with this process's peak as its own.
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some(kb) = high_water_kb(&status_file) {
            peak_kb = kb;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success(), "tifa {args:?} failed: {status}");
    (format!("tifa {}", args.join(" ")), seconds, peak_kb * 1024)
}

/// `VmHWM` (peak resident memory of the current program image) from /proc/PID/status.
fn high_water_kb(status_file: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_file).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn print_runs(runs: &[Run]) {
    let header: Vec<String> = runs
        .iter()
        .map(|r| format!("{} docs ({:.1} MB)", r.documents, r.megabytes))
        .collect();
    let growth = |values: &[f64]| match values {
        [.., a, b] if *a > 0.0 => format!("×{:.1}", b / a),
        _ => String::new(),
    };
    println!("| stage | {} | growth |", header.join(" | "));
    println!("| --- |{} --- |", " --- |".repeat(runs.len()));
    for (i, (name, _)) in runs[0].stages.iter().enumerate() {
        let seconds: Vec<f64> = runs.iter().map(|r| r.stages[i].1).collect();
        let cells: Vec<String> = seconds.iter().map(|s| format!("{s:.2} s")).collect();
        println!("| {name} | {} | {} |", cells.join(" | "), growth(&seconds));
    }
    println!();
    println!("| command | {} | growth |", header.join(" | "));
    println!("| --- |{} --- |", " --- |".repeat(runs.len()));
    for (i, (name, _, _)) in runs[0].commands.iter().enumerate() {
        let seconds: Vec<f64> = runs.iter().map(|r| r.commands[i].1).collect();
        let cells: Vec<String> = runs
            .iter()
            .map(|r| {
                let (_, s, rss) = &r.commands[i];
                format!("{s:.2} s, {:.0} MB", *rss as f64 / 1e6)
            })
            .collect();
        println!(
            "| `{name}` | {} | {} |",
            cells.join(" | "),
            growth(&seconds)
        );
    }
}
