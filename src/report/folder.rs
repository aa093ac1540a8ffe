//! Safe report folders: named files ([`ReportFile`]s, all at once or handed over one by one as they
//! are rendered) → a folder on disk, all or nothing. The files are written into a temporary folder
//! beside the target and renamed into place when all
//! are written, so a failure or Ctrl-C never leaves half a report. A folder tifa did not make
//! (no marker file) is never replaced; one it made is replaced only with `force`, and as a whole.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Present in every report folder tifa writes; its absence protects a user's own folder.
pub use crate::files::REPORT_MARKER as MARKER;

#[derive(Debug, Error)]
pub enum FolderError {
    #[error(
        "{0} exists and was not written by tifa (no {MARKER} inside): choose another --out folder"
    )]
    NotOurs(PathBuf),
    #[error("{0} exists: add --force to replace it")]
    Exists(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{target} is being written by another tifa run (process {pid}): wait for it to finish")]
    Busy { target: PathBuf, pid: u32 },
    #[error("{0}")]
    Failed(String),
    #[error("interrupted")]
    Interrupted,
}

/// Set by a Ctrl-C handler: the writer stops before its next file and removes the staging
/// folder itself, so that no other thread deletes it while files are still being written.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A file of the report: a path relative to the report folder and its bytes.
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl ReportFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// A temporary folder beside the target, removed on drop unless it was moved into place.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
    lock: PathBuf,
}

impl Staging {
    /// Checks that `target` may be written (before any work is done) and makes the staging folder.
    pub fn begin(target: &Path, force: bool) -> Result<Self, FolderError> {
        let parent = parent_of(target);
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        // One run at a time per report folder; the lock goes with the Staging (on drop).
        let lock = take_lock(target)?;
        let locked = Self {
            dir: PathBuf::new(),
            target: target.to_path_buf(),
            done: true,
            lock,
        };
        // Checked under the lock: a run that began before another finished sees its report.
        check_target(target, force)?;
        remove_dead_runs(target);
        let dir = staging_path(target);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        let mut staging = locked;
        staging.dir = dir;
        staging.done = false;
        Ok(staging)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn write(&self, file: &ReportFile) -> Result<(), FolderError> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_error(&path))
    }

    /// Moves the finished folder into place, replacing an earlier tifa report as a whole.
    pub fn commit(mut self) -> Result<PathBuf, FolderError> {
        // The marker lists what tifa wrote, so that a later --force knows what is the user's.
        let written = files_under(&self.dir);
        let mut marker = String::from("written by tifa\n");
        for file in &written {
            marker.push_str(&file.to_string_lossy());
            marker.push('\n');
        }
        fs::write(self.dir.join(MARKER), marker).map_err(io_error(&self.dir))?;
        let old = hidden_beside(&self.target, "tifa-old");
        let replacing = self.target.exists();
        if replacing {
            // What the user added to the earlier report is carried into the new one, not deleted.
            let kept = self.carry_over_foreign_files(&written)?;
            if !kept.is_empty() && !crate::progress::quiet() {
                let names: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
                eprintln!(
                    "note: {} holds {} not written by tifa, kept in the new report: {}",
                    self.target.display(),
                    match kept.len() {
                        1 => "a file".to_string(),
                        n => format!("{n} files"),
                    },
                    names.join(", ")
                );
            }
        }
        if replacing {
            fs::rename(&self.target, &old).map_err(io_error(&self.target))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if replacing {
                // Put the previous report back: the user keeps what they had.
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_error(&self.target)(e));
        }
        self.done = true;
        if replacing {
            fs::remove_dir_all(&old).map_err(io_error(&old))?;
        }
        Ok(self.target.clone())
    }
}

impl Staging {
    /// Moves into the staging folder the files of the earlier report that tifa did not write (not
    /// in its marker's list, when it has one) and does not write now; returns them.
    fn carry_over_foreign_files(&self, written: &[PathBuf]) -> Result<Vec<PathBuf>, FolderError> {
        let marker = fs::read_to_string(self.target.join(MARKER)).unwrap_or_default();
        let listed: std::collections::HashSet<&str> = marker.lines().skip(1).collect();
        let ours_now: std::collections::HashSet<&PathBuf> = written.iter().collect();
        let mut kept = Vec::new();
        for file in files_under(&self.target) {
            if file == Path::new(MARKER)
                || ours_now.contains(&file)
                || listed.contains(file.to_string_lossy().as_ref())
            {
                continue;
            }
            let to = self.dir.join(&file);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            let from = self.target.join(&file);
            fs::rename(&from, &to).map_err(io_error(&from))?;
            kept.push(file);
        }
        Ok(kept)
    }
}

/// The files under `dir`, as paths relative to it, sorted (links not followed).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let Ok(entries) = fs::read_dir(dir.join(&relative)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = relative.join(entry.file_name());
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) => out.push(path),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
        let _ = fs::remove_file(&self.lock);
    }
}

/// `.NAME.KIND-PID` beside the target: this process's hidden companion of the report folder.
fn hidden_beside(target: &Path, kind: &str) -> PathBuf {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("report");
    parent_of(target).join(format!(".{name}.{kind}-{}", std::process::id()))
}

fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("report");
    parent_of(target).join(format!(".{name}.tifa-lock"))
}

/// Whether process `pid` is still running (a lock or staging folder of a dead run is stale).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Takes the report folder's lock file (its content: this process's id). A lock left by a run
/// that died is taken over; one held by a live run is [`FolderError::Busy`].
fn take_lock(target: &Path) -> Result<PathBuf, FolderError> {
    let lock = lock_path(target);
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(mut file) => {
                use std::io::Write;
                let _ = write!(file, "{}", std::process::id());
                return Ok(lock);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&lock)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if alive(pid) && pid != std::process::id() => {
                        return Err(FolderError::Busy {
                            target: target.to_path_buf(),
                            pid,
                        });
                    }
                    _ => {
                        let _ = fs::remove_file(&lock);
                    }
                }
            }
            Err(e) => return Err(io_error(&lock)(e)),
        }
    }
    Err(FolderError::Failed(format!(
        "cannot take the lock {}",
        lock.display()
    )))
}

/// Removes the staging and old folders that runs which died (SIGTERM, power loss) left beside
/// the target.
fn remove_dead_runs(target: &Path) {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("report");
    let Ok(entries) = fs::read_dir(parent_of(target)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&format!(".{name}.")))
        else {
            continue;
        };
        let pid = rest
            .strip_prefix("tifa-tmp-")
            .or_else(|| rest.strip_prefix("tifa-old-"))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !alive(pid)
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Where the report for `target` is staged by this process (beside the target, hidden), so that
/// a Ctrl-C handler can remove it.
pub fn staging_path(target: &Path) -> PathBuf {
    hidden_beside(target, "tifa-tmp")
}

fn parent_of(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Whether a report may be written to `target`: it does not exist, is an empty folder (removed),
/// or is a report tifa wrote and `force` is given. Call it before any work to refuse early.
pub fn check_target(target: &Path, force: bool) -> Result<(), FolderError> {
    if !target.exists() {
        return Ok(());
    }
    let ours = target.is_dir() && target.join(MARKER).is_file();
    let empty = target.is_dir()
        && fs::read_dir(target)
            .map_err(io_error(target))?
            .next()
            .is_none();
    if empty {
        fs::remove_dir(target).map_err(io_error(target))?;
        return Ok(());
    }
    if !ours {
        return Err(FolderError::NotOurs(target.to_path_buf()));
    }
    if !force {
        return Err(FolderError::Exists(target.to_path_buf()));
    }
    Ok(())
}

/// Writes `files` to `target` through a staging folder.
pub fn write_report(
    target: &Path,
    files: &[ReportFile],
    force: bool,
) -> Result<PathBuf, FolderError> {
    write_streamed(target, force, |sink| {
        files.iter().try_for_each(|file| sink.write(file))
    })
}

/// A failure the all-or-nothing tests inject after this many files (`TIFA_FAIL_AFTER`), read
/// here and nowhere else.
fn injected_failure() -> Option<usize> {
    std::env::var("TIFA_FAIL_AFTER").ok()?.parse().ok()
}

/// Writes to `target` through a staging folder the files that `produce` hands to the sink one at
/// a time, as they are made, so that a report is never held whole in memory. Nothing reaches the
/// target unless `produce` and every write succeed.
pub fn write_streamed<E: From<FolderError>>(
    target: &Path,
    force: bool,
    produce: impl FnOnce(&mut FileSink) -> Result<(), E>,
) -> Result<PathBuf, E> {
    write_failing_after(target, force, injected_failure(), produce)
}

/// [`write_streamed`], failing after `fail_after` files when given.
fn write_failing_after<E: From<FolderError>>(
    target: &Path,
    force: bool,
    fail_after: Option<usize>,
    produce: impl FnOnce(&mut FileSink) -> Result<(), E>,
) -> Result<PathBuf, E> {
    let staging = Staging::begin(target, force)?;
    let mut sink = FileSink {
        staging: &staging,
        written: 0,
        fail_after,
    };
    produce(&mut sink)?;
    Ok(staging.commit()?)
}

/// Where [`write_streamed`] takes the files: each goes straight into the staging folder.
pub struct FileSink<'a> {
    staging: &'a Staging,
    written: usize,
    fail_after: Option<usize>,
}

impl FileSink<'_> {
    /// Writes one file, unless Ctrl-C was pressed or a failure is injected at this point.
    pub fn write(&mut self, file: &ReportFile) -> Result<(), FolderError> {
        if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(FolderError::Interrupted);
        }
        if self.fail_after == Some(self.written) {
            return Err(FolderError::Failed(format!(
                "failure injected after {} files (TIFA_FAIL_AFTER)",
                self.written
            )));
        }
        self.staging.write(file)?;
        self.written += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<ReportFile> {
        vec![
            ReportFile::new("index.html", "<p>new</p>"),
            ReportFile::new("tables/a.csv", "x"),
        ]
    }

    #[test]
    fn a_live_runs_lock_is_respected_and_a_dead_runs_leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report");
        // A lock held by a live process (this test's parent, pid 1 is always alive).
        fs::write(dir.path().join(".report.tifa-lock"), "1").unwrap();
        assert!(matches!(
            write_report(&target, &files(), false),
            Err(FolderError::Busy { pid: 1, .. })
        ));
        // A lock and a staging folder of a process that no longer exists.
        let dead = 2_000_000_000; // above any pid_max (at most 2^22)
        fs::write(dir.path().join(".report.tifa-lock"), dead.to_string()).unwrap();
        let leftover = dir.path().join(format!(".report.tifa-tmp-{dead}"));
        fs::create_dir(&leftover).unwrap();
        write_report(&target, &files(), false).unwrap();
        assert!(
            !leftover.exists(),
            "the dead run's staging folder is removed"
        );
        assert!(
            !dir.path().join(".report.tifa-lock").exists(),
            "the lock is released"
        );
        // A second run without --force after the first finished: refused, not replaced.
        assert!(matches!(
            write_report(&target, &files(), false),
            Err(FolderError::Exists(_))
        ));
    }

    #[test]
    fn writes_replaces_with_force_and_refuses_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r");
        write_report(&target, &files(), false).unwrap();
        assert!(target.join(MARKER).is_file() && target.join("tables/a.csv").is_file());
        assert!(matches!(
            write_report(&target, &files(), false),
            Err(FolderError::Exists(_))
        ));
        // A file the user put into the report is kept by --force, which replaces only tifa's.
        fs::write(target.join("my-notes.txt"), "mine").unwrap();
        fs::write(target.join("tables/a.csv"), "edited").unwrap();
        write_report(&target, &files(), true).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("my-notes.txt")).unwrap(),
            "mine"
        );
        assert_ne!(
            fs::read_to_string(target.join("tables/a.csv")).unwrap(),
            "edited"
        );
        assert!(
            fs::read_to_string(target.join(MARKER))
                .unwrap()
                .lines()
                .any(|l| l == "tables/a.csv")
        );
        write_report(&target, &files(), true).unwrap();
        assert!(target.join("my-notes.txt").is_file(), "kept again");
        let foreign = dir.path().join("mine");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "keep").unwrap();
        assert!(matches!(
            write_report(&foreign, &files(), true),
            Err(FolderError::NotOurs(_))
        ));
        assert_eq!(
            fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_failure_midway_leaves_the_previous_report_and_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r");
        write_report(&target, &[ReportFile::new("index.html", "old")], false).unwrap();
        assert!(
            write_failing_after(&target, true, Some(1), |sink| files()
                .iter()
                .try_for_each(|f| sink.write(f)))
            .is_err()
        );
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the report itself remains");
    }

    #[test]
    fn a_file_that_cannot_be_made_midway_leaves_the_previous_report() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r");
        write_report(&target, &files(), false).unwrap();
        let result = write_streamed(&target, true, |sink| {
            sink.write(&ReportFile::new("index.html", "<p>newer</p>"))?;
            Err(FolderError::Failed(
                "the Word file could not be rendered".into(),
            ))
        });
        assert!(matches!(result, Err(FolderError::Failed(_))), "{result:?}");
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "<p>new</p>"
        );
        assert!(target.join("tables/a.csv").is_file());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder left");
        let written = write_streamed(&target, true, |sink| {
            sink.write(&ReportFile::new("index.html", "<p>newer</p>"))
        })
        .unwrap();
        assert_eq!(
            fs::read_to_string(written.join("index.html")).unwrap(),
            "<p>newer</p>"
        );
        assert!(!target.join("tables/a.csv").exists(), "replaced as a whole");
    }
}
