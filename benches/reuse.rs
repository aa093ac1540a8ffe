//! Corpus-wide reuse on generated corpora of 1,000 and 10,000 documents (see benches/generator):
//! candidate generation alone, and candidates + local alignment; recall and precision on the
//! planted passages are printed once per size.
//!
//! cargo bench --bench reuse

#[path = "generator/mod.rs"]
mod generator;

use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeSet;
use std::path::Path;
use tifa::ingest::metadata::Level;
use tifa::reuse::{ReuseDoc, ReuseOptions, candidate_pairs, detect};

fn pool() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpora");
    let mut folders = vec![root.join("corpus")];
    if let Ok(entries) = std::fs::read_dir(&shared) {
        folders.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    generator::sentence_pool(&refs)
}

fn quality(generated: &generator::Generated, docs: &[ReuseDoc]) {
    let result = detect(docs, &ReuseOptions::default());
    let found: BTreeSet<(usize, usize)> = result
        .pairs
        .iter()
        .map(|p| {
            (
                p.source.min(p.target) as usize,
                p.source.max(p.target) as usize,
            )
        })
        .collect();
    let planted: BTreeSet<(usize, usize)> = generated
        .docs
        .iter()
        .enumerate()
        .flat_map(|(t, d)| d.copied_from.iter().map(move |&s| (s.min(t), s.max(t))))
        .collect();
    let recall = planted.iter().filter(|p| found.contains(p)).count() as f64 / planted.len() as f64;
    let precision = found
        .iter()
        .filter(|&&(a, b)| generated.share(a, b))
        .count() as f64
        / found.len().max(1) as f64;
    let chars: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{} documents ({:.1} MB): {} candidates, {} pairs; recall {recall:.3}, precision {precision:.3}",
        docs.len(),
        chars as f64 / 1e6,
        result.candidates,
        found.len()
    );
}

fn bench_reuse(c: &mut Criterion) {
    let pool = pool();
    eprintln!("sentence pool: {} distinct sentences", pool.len());
    let mut group = c.benchmark_group("reuse");
    group.sample_size(10);
    // `cargo test --all-targets` runs benchmarks once in a debug build: a small corpus is enough
    // to check that they run; `cargo bench` passes --bench and gets the real sizes.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if benchmarking {
        &[1_000, 10_000]
    } else {
        &[200]
    };
    for &n in sizes {
        let generated = generator::generate(n, &pool, 42);
        let docs: Vec<ReuseDoc> = generated
            .docs
            .iter()
            .map(|d| ReuseDoc {
                id: d.id.clone(),
                text: d.text.clone(),
                year: Some(d.year),
                level: Level::parse(d.level),
            })
            .collect();
        quality(&generated, &docs);
        group.bench_function(format!("candidates {n}"), |b| {
            b.iter(|| std::hint::black_box(candidate_pairs(&docs, &ReuseOptions::default())))
        });
        group.bench_function(format!("detect {n}"), |b| {
            b.iter(|| std::hint::black_box(detect(&docs, &ReuseOptions::default())))
        });
    }
    group.finish();
}

// tifa's plotters build has no system-font backend (its charts carry their own font), so
// criterion's own plots are turned off; the figures are in the terminal output.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_reuse
}
criterion_main!(benches);
