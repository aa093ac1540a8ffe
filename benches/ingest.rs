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

fn ingest(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_corpus(c, "samples", &text_files(&root.join("corpus")));
    let gwr = root.join("../shared/corpora/national-gwr");
    if gwr.is_dir() {
        bench_corpus(c, "national-gwr", &text_files(&gwr));
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
