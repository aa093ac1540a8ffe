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

/// Writes `bytes` to `dir/name`, making the folders on the way.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The tifa binary, run from the repository root (so `corpus` is the bundled corpus).
pub fn tifa() -> Command {
    let mut cmd = Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// What `tifa ARGS` prints on stdout; fails the test with its stderr when it fails.
/// Runs `cmd`, fails the test with its stderr unless it succeeds, and reads its stdout as JSON.
pub fn json_of<T: serde::de::DeserializeOwned>(cmd: &mut Command) -> T {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn stdout(args: &[&str]) -> String {
    let out = tifa().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// passim's output as passim writes it (`OUT/out.json/part-00000.json`: cluster members with
/// character offsets into the text `tifa export` gave it) for one cluster: `phrase` in each
/// document of the bundled corpus whose id starts with one of `prefixes`. Returns the `out.json`
/// folder and the exported lines.
pub fn passim_output(
    dir: &Path,
    phrase: &str,
    prefixes: &[&str],
) -> (PathBuf, Vec<serde_json::Value>) {
    let input = dir.join("passim-in.json");
    tifa()
        .args(["export", "--format", "passim", "corpus"])
        .arg(&input)
        .assert()
        .success();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let members: Vec<String> = prefixes
        .iter()
        .map(|prefix| {
            let doc = lines
                .iter()
                .find(|l| l["id"].as_str().unwrap().starts_with(prefix))
                .unwrap_or_else(|| panic!("no document {prefix}"));
            let text = doc["text"].as_str().unwrap();
            let begin = text[..text.find(phrase).unwrap()].chars().count();
            serde_json::json!({"cluster": 17, "size": prefixes.len(), "uid": 1, "id": doc["id"],
                "series": doc["series"], "begin": begin, "end": begin + phrase.chars().count(),
                "text": phrase})
            .to_string()
        })
        .collect();
    let out = dir.join("out.json");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("part-00000.json"), members.join("\n") + "\n").unwrap();
    (out, lines)
}
