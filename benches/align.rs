//! Alignment + diff of two reports: two consecutive national government work reports cut to
//! 10,000, 20,000 and 40,000 Chinese characters each (from ../shared/corpora when present, else the
//! bundled samples repeated to size), to see how time grows with length.
//!
//! cargo bench --bench align

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use tifa::align::AlignOptions;
use tifa::compare::compare;
use tifa::ingest::{LoadOptions, document_from_bytes};
use tifa::words::Segmenter;

/// The first `n` Han characters of `text`, cut at a line end.
fn cut(text: &str, n: usize) -> String {
    let mut seen = 0;
    let mut out = String::new();
    for line in text.lines() {
        if seen >= n {
            break;
        }
        seen += tifa::chars::han_count(line);
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn sources() -> (String, String, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gwr = root.join("../shared/corpora/national-gwr");
    if let (Ok(a), Ok(b)) = (
        std::fs::read_to_string(gwr.join("gwr-2022.txt")),
        std::fs::read_to_string(gwr.join("gwr-2023.txt")),
    ) {
        // A report is ~20k characters: two years back to back give room for 40k.
        let older = std::fs::read_to_string(gwr.join("gwr-2021.txt")).unwrap_or_default();
        return (
            format!("{older}\n{a}"),
            format!("{a}\n{b}"),
            "national-gwr 2021+2022 vs 2022+2023",
        );
    }
    let sample = |p: &str| std::fs::read_to_string(root.join("corpus").join(p)).unwrap();
    let a = sample("001_1e4f3ad92249e6af.txt").repeat(14);
    let b = sample("000_9ef17a759cacbb40.txt").repeat(14);
    (a, b, "samples 001 vs 000 repeated")
}

fn align(c: &mut Criterion) {
    let (a_text, b_text, what) = sources();
    eprintln!("align bench on {what}");
    let segmenter = Segmenter::shared();
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("align+diff");
    group.sample_size(10);
    for chars in [10_000, 20_000, 40_000] {
        let a = document_from_bytes(cut(&a_text, chars).as_bytes(), "a", None, &options).unwrap();
        let b = document_from_bytes(cut(&b_text, chars).as_bytes(), "b", None, &options).unwrap();
        group.throughput(Throughput::Elements((a.han_chars() + b.han_chars()) as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(chars),
            &(a, b),
            |bench, (a, b)| {
                bench.iter(|| compare(a.clone(), b.clone(), segmenter, &AlignOptions::default()))
            },
        );
    }
    group.finish();
}

/// The Python peer's alignment stage on the same input: every consecutive pair of the national
/// reports (by file name, i.e. by year), tokens computed once per document as the peer does.
fn consecutive_reports(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/national-gwr");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let options = LoadOptions::default();
    let segmenter = Segmenter::shared();
    let docs: Vec<_> = files
        .iter()
        .map(|p| {
            let doc = document_from_bytes(
                &std::fs::read(p).unwrap(),
                &p.display().to_string(),
                None,
                &options,
            )
            .unwrap();
            let tokens = segmenter.tokenize(&doc.normalized.text);
            (doc, tokens)
        })
        .collect();
    let mut group = c.benchmark_group("national-gwr consecutive pairs");
    group.sample_size(10);
    group.bench_function(format!("{} pairs align+diff", docs.len() - 1), |bench| {
        bench.iter(|| {
            for w in docs.windows(2) {
                let ((a, ta), (b, tb)) = (&w[0], &w[1]);
                let alignment = tifa::align::align(a, ta, b, tb, &AlignOptions::default());
                std::hint::black_box(tifa::diff::diff_alignment(
                    &alignment, a, ta, b, tb, segmenter,
                ));
            }
        })
    });
    group.finish();
}

// tifa's plotters build has no system-font backend (its charts carry their own font), so
// criterion's own plots are turned off; the figures are in the terminal output.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = align, consecutive_reports
}
criterion_main!(benches);
