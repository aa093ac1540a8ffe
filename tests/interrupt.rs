//! Ctrl-C while a report is being written: the writer stops at its next file, removes its staging
//! folder and leaves the previous report as it was. (Its own test binary: the flag is global.)

use std::fs;
use std::sync::atomic::Ordering;
use tifa::report::folder::{FolderError, INTERRUPTED, ReportFile, write_report};

#[test]
fn an_interrupted_write_leaves_the_previous_report_and_no_staging_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r");
    write_report(&target, &[ReportFile::new("index.html", "old")], false).unwrap();
    INTERRUPTED.store(true, Ordering::SeqCst);
    let files = [
        ReportFile::new("index.html", "new"),
        ReportFile::new("tables/a.csv", "x"),
    ];
    let result = write_report(&target, &files, true);
    INTERRUPTED.store(false, Ordering::SeqCst);
    assert!(
        matches!(result, Err(FolderError::Interrupted)),
        "{result:?}"
    );
    assert_eq!(
        fs::read_to_string(target.join("index.html")).unwrap(),
        "old"
    );
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the previous report remains");
}
