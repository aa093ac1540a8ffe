//! The whole report (load, plan, compare, statistics, charts, HTML/Markdown/Word/CSV/Parquet,
//! written to a folder) on the bundled samples and, when present, on
//! ../shared/corpora/national-gwr (58 reports, 57 year-over-year pairs).
//!
//! cargo bench --bench report

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use tifa::ingest::{self, LoadOptions};
use tifa::render::report::{RenderConfig, RunInfo, write_folder};
use tifa::report::{ReportOptions, build};
use tifa::words::Segmenter;

fn whole_report(corpus_dir: &Path, out: &Path) {
    let corpus = ingest::load(corpus_dir, &LoadOptions::default()).unwrap();
    let report = build(
        corpus,
        Segmenter::shared(),
        ReportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let run = RunInfo::of(corpus_dir);
    write_folder(&report, &run, &RenderConfig::default(), out, true).unwrap();
}

fn bench_report(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("samples", |b| {
        b.iter(|| whole_report(&root.join("corpus"), &out.path().join("samples")))
    });
    let national = root.join("../shared/corpora/national-gwr");
    if national.is_dir() {
        group.bench_function("national-gwr", |b| {
            b.iter(|| whole_report(&national, &out.path().join("national")))
        });
    } else {
        eprintln!("../shared/corpora/national-gwr is not present: national-gwr skipped");
    }
    group.finish();
}

// tifa's plotters build has no system-font backend (its charts carry their own font), so
// criterion's own plots are turned off; the figures are in the terminal output.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_report
}
criterion_main!(benches);
