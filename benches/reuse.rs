//! Corpus-wide reuse on generated corpora of 1,000 and 10,000 documents (see benches/generator):
//! candidate generation alone, and candidates + local alignment; recall and precision on the
//! planted passages are printed once per size.
//!
//! cargo bench --bench reuse

#[path = "generator/mod.rs"]
mod generator;

use criterion::{Criterion, criterion_group, criterion_main};
use tifa::reuse::{ReuseDoc, ReuseOptions, candidate_pairs, detect};

fn quality(generated: &generator::Generated, docs: &[ReuseDoc]) {
    let result = detect(docs, &ReuseOptions::default());
    let score = generated.score(&result);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{} documents ({:.1} MB): {} candidates, {} pairs; recall {:.3}, precision {:.3}",
        docs.len(),
        bytes as f64 / 1e6,
        result.candidates,
        score.found,
        score.recall,
        score.precision
    );
}

fn bench_reuse(c: &mut Criterion) {
    let pool = generator::default_pool();
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
        let docs = generated.reuse_docs();
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
