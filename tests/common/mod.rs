//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tifa::ingest::{self, Document, LoadOptions};

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared/corpora`, when this checkout sits beside it; tests that need it skip otherwise.
pub fn shared_corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpora is not present");
        None
    }
}

/// A sample document loaded on its own, without the manifest, so that metadata is inferred.
pub fn sample_without_manifest(prefix: &str) -> Document {
    let path = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample {prefix}"));
    ingest::load_document(
        &path,
        path.file_name().unwrap().to_str().unwrap(),
        None,
        &LoadOptions::default(),
    )
    .unwrap()
}

/// A sample document loaded through the corpus manifest.
pub fn sample(prefix: &str) -> Document {
    let corpus = ingest::load(&corpus_dir(), &LoadOptions::default()).unwrap();
    corpus
        .find(prefix)
        .unwrap_or_else(|| panic!("no sample {prefix}"))
        .clone()
}

/// The tifa binary, run from the repository root (so `corpus` is the bundled corpus).
pub fn tifa() -> Command {
    let mut cmd = Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// What `tifa ARGS` prints on stdout; fails the test with its stderr when it fails.
pub fn stdout(args: &[&str]) -> String {
    let out = tifa().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
