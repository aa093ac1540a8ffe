//! The integration tests, one binary so that they link once (as ripgrep's `tests/tests.rs`):
//! each module is one area; `interrupt.rs` stays its own binary, as its flag is global.

mod common;
#[path = "../benches/generator/mod.rs"]
mod generator;

mod alignment;
mod bad_input;
mod cli_stats;
mod diff_properties;
mod formats;
mod formulations;
mod hostile;
mod inputs;
mod own_text;
mod packaging;
mod pair_comparison;
mod peers;
mod properties;
mod redline;
mod report;
mod reuse;
mod samples;
mod samples_align;
mod shared_corpora;
mod snapshots_cli;
mod stats;
mod trace;
