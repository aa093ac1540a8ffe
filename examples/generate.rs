//! Writes a generated corpus with planted reuse (benches/generator) to a folder, with its
//! manifest.csv, for end-to-end runs of `tifa reuse` and `tifa report` on large corpora.
//!
//! cargo run --release --example generate -- 10000 /tmp/gen10k

#[path = "../benches/generator/mod.rs"]
mod generator;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(out)) = (args.next().and_then(|n| n.parse().ok()), args.next()) else {
        eprintln!("usage: generate N FOLDER");
        std::process::exit(2);
    };
    let pool = generator::default_pool();
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("output folder");
    generator::generate(n, &pool, 42).write(&out);
    eprintln!("{n} documents written to {}", out.display());
}
