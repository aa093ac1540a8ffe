//! Statistics on ../shared/corpora/national-gwr (58 reports, 1954–2025) when present, else on the
//! bundled samples: term counts (tokenizing included), keyness of the reports since 2013 against
//! the earlier ones, vocabulary trends per level, and the three together.
//!
//! cargo bench --bench stats

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use tifa::ingest::{self, LoadOptions};
use tifa::stats::counts::{CountOptions, count};
use tifa::stats::filter::Filter;
use tifa::stats::terms::keyness;
use tifa::stats::trends::trends_per_level;
use tifa::words::Segmenter;

fn bench_stats(c: &mut Criterion) {
    let national = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/national-gwr");
    // The recent years against the earlier ones: since 2013 for the national reports, since
    // 2019 for the samples (2018–2023).
    let (name, dir, recent) = if national.is_dir() {
        ("national-gwr", national, "year>=2013")
    } else {
        eprintln!("../shared/corpora/national-gwr is not present: benchmarking the samples");
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        ("samples", samples, "year>=2019")
    };
    let corpus = ingest::load(&dir, &LoadOptions::default()).unwrap();
    let segmenter = Segmenter::shared();
    let options = CountOptions::default();
    let recent: Filter = recent.parse().unwrap();
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("counts", |b| {
        b.iter(|| std::hint::black_box(count(&corpus.documents, segmenter, &options)))
    });
    let counts = count(&corpus.documents, segmenter, &options);
    group.bench_function("keyness", |b| {
        b.iter(|| std::hint::black_box(keyness(&counts, &recent, None, 1).unwrap()))
    });
    group.bench_function("trends per level", |b| {
        b.iter(|| std::hint::black_box(trends_per_level(&counts, 2)))
    });
    group.bench_function("counts+keyness+trends", |b| {
        b.iter(|| {
            let counts = count(&corpus.documents, segmenter, &options);
            std::hint::black_box(keyness(&counts, &recent, None, 1).unwrap());
            std::hint::black_box(trends_per_level(&counts, 2))
        })
    });
    let ngrams = CountOptions {
        ngrams: 1..=4,
        ..Default::default()
    };
    group.bench_function("counts with 1-4-grams", |b| {
        b.iter(|| std::hint::black_box(count(&corpus.documents, segmenter, &ngrams)))
    });
    group.finish();
}

// tifa's plotters build has no system-font backend (its charts carry their own font), so
// criterion's own plots are turned off; the figures are in the terminal output.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_stats
}
criterion_main!(benches);
