//! One base through 200 documents: `trace::trace` (the base tokenized once, documents aligned on
//! every core) against 200 separate pair comparisons (`compare::compare`, as `tifa diff` or a
//! report's pair would run them, one after the other). The base is the bundled provincial summary
//! (sample 002); the documents are the three county samples, repeated.
//!
//! cargo bench --bench trace

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use tifa::align::AlignOptions;
use tifa::ingest::{self, Document, LoadOptions};
use tifa::words::Segmenter;

const DOCUMENTS: usize = 200;

fn corpus() -> (Document, Vec<Document>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = ingest::load(&dir, &LoadOptions::default()).unwrap();
    let base = corpus.find("002").unwrap().clone();
    let counties: Vec<&Document> = ["000", "001", "003"]
        .iter()
        .map(|p| corpus.find(p).unwrap())
        .collect();
    let docs = (0..DOCUMENTS)
        .map(|i| {
            let mut d = counties[i % counties.len()].clone();
            d.id = format!("{}-{i}", d.id);
            d
        })
        .collect();
    (base, docs)
}

fn bench(c: &mut Criterion) {
    let (base, docs) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let segmenter = Segmenter::shared();
    let options = AlignOptions::default();
    let mut group = c.benchmark_group("trace 200");
    group.sample_size(10);
    group.bench_function("tifa::trace::trace", |b| {
        b.iter(|| tifa::trace::trace(&base, &refs, segmenter, &options))
    });
    group.bench_function("200 × compare::compare", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| tifa::compare::compare(base.clone(), d.clone(), segmenter, &options))
                .map(|c| c.alignment.pairs.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
