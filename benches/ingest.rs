//! Throughput of ingest (decode + normalize + structure + metadata) and of segmentation, in bytes
//! per second, on the bundled samples and, when present, on ../shared/corpora/national-gwr.
//!
//! cargo bench --bench ingest

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use tifa::ingest::{LoadOptions, document_from_bytes};
use tifa::words::Segmenter;

fn text_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn bench_corpus(c: &mut Criterion, name: &str, files: &[(String, Vec<u8>)]) {
    if files.is_empty() {
        eprintln!("{name}: no files, skipped");
        return;
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let options = LoadOptions::default();
    let segmenter = Segmenter::shared();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("ingest+normalize+structure", |b| {
        b.iter(|| {
            for (path, raw) in files {
                std::hint::black_box(document_from_bytes(raw, path, None, &options).unwrap());
            }
        })
    });
    let docs: Vec<_> = files
        .iter()
        .map(|(p, raw)| document_from_bytes(raw, p, None, &options).unwrap())
        .collect();
    group.bench_function("segment", |b| {
        b.iter(|| {
            for doc in &docs {
                std::hint::black_box(segmenter.tokenize(&doc.normalized.text));
            }
        })
    });
    group.bench_function("all three", |b| {
        b.iter(|| {
            for (path, raw) in files {
                let doc = document_from_bytes(raw, path, None, &options).unwrap();
                std::hint::black_box(segmenter.tokenize(&doc.normalized.text));
            }
        })
    });
    group.finish();
}

/// The worst case for joining broken lines: whole reports flattened to one paragraph each and
/// broken after every "，" (a copy-paste from a narrow PDF column), and a line of 50,000 spaces.
/// Normalization must stay linear: compare with the same texts unbroken.
fn flattened(c: &mut Criterion, files: &[(String, Vec<u8>)]) {
    let options = LoadOptions::default();
    let texts: Vec<String> = files
        .iter()
        .take(8)
        .map(|(_, raw)| String::from_utf8_lossy(raw).replace(['\n', '\r'], ""))
        .collect();
    let broken: Vec<String> = texts.iter().map(|t| t.replace('，', "，\n")).collect();
    let spaces = format!("开头{}结尾。", " ".repeat(50_000));
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("normalize-flattened");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, set) in [
        ("one line each", &texts),
        ("broken after every comma", &broken),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for t in set {
                    let doc = document_from_bytes(t.as_bytes(), "flat.txt", None, &options);
                    std::hint::black_box(doc.unwrap());
                }
            })
        });
    }
    group.bench_function("50,000 spaces", |b| {
        b.iter(|| {
            std::hint::black_box(document_from_bytes(
                spaces.as_bytes(),
                "s.txt",
                None,
                &options,
            ))
        })
    });
    group.finish();
}

fn ingest(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = text_files(&root.join("corpus"));
    bench_corpus(c, "samples", &samples);
    let gwr = root.join("../shared/corpora/national-gwr");
    if gwr.is_dir() {
        let reports = text_files(&gwr);
        bench_corpus(c, "national-gwr", &reports);
        flattened(c, &reports[reports.len() - 8..]);
    } else {
        flattened(c, &samples);
    }
}

// tifa's plotters build has no system-font backend (its charts carry their own font), so
// criterion's own plots are turned off; the figures are in the terminal output.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = ingest
}
criterion_main!(benches);
