//! Progress on stderr: bars for long work (`u64` steps → an indicatif bar) and [`Stages`] for a
//! command made of named stages. Hidden when stderr is not a terminal, so scripts and tests see
//! clean output.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `-q` / `-v` of the command line, for every command.
pub fn set_verbosity(quiet: bool, verbose: bool) {
    use std::sync::atomic::Ordering::Relaxed;
    QUIET.store(quiet, Relaxed);
    VERBOSE.store(verbose && !quiet, Relaxed);
}

/// `-q`: no progress, no notes, no summaries on stderr (warnings and errors still).
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// `-v`: what each stage did and how long it took.
pub fn verbose() -> bool {
    VERBOSE.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn bar(len: u64, what: &str) -> ProgressBar {
    if len < 20 || quiet() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}

/// The spinner of the running [`Stages`], for a stage's own count ([`Count`]).
static SPINNER: std::sync::Mutex<Option<ProgressBar>> = std::sync::Mutex::new(None);

/// Work done out of a known total inside a stage (pairs compared: 5/16), safe to tick from any
/// thread: shown in the stage's spinner on a terminal, as a line per tenth with -v.
pub struct Count {
    spinner: Option<ProgressBar>,
    done: std::sync::atomic::AtomicUsize,
    total: usize,
    what: String,
    verbose: bool,
}

impl Count {
    pub fn new(total: usize, what: &str) -> Self {
        let spinner = SPINNER.lock().ok().and_then(|s| s.clone());
        if let Some(bar) = &spinner {
            bar.set_message(format!("{what} 0/{total}"));
        }
        Self {
            spinner,
            done: std::sync::atomic::AtomicUsize::new(0),
            total,
            what: what.to_string(),
            verbose: verbose() && !quiet(),
        }
    }

    /// One more done.
    pub fn tick(&self) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(bar) = &self.spinner {
            bar.set_message(format!("{} {n}/{}", self.what, self.total));
        }
        let step = self.total.div_ceil(10).max(1);
        if self.verbose && (n.is_multiple_of(step) || n == self.total) {
            eprintln!("         {}: {n}/{}", self.what, self.total);
        }
    }
}

/// Stage messages on stderr: a spinner on a terminal, plain lines with -v, nothing with -q.
pub struct Stages {
    spinner: Option<ProgressBar>,
    verbose: bool,
    started: Instant,
    last: Instant,
}

impl Stages {
    /// `steps` stages in all; `quiet` silences everything, `verbose` prints a line per stage.
    pub fn new(steps: u64, quiet: bool, verbose: bool) -> Self {
        let spinner = (!quiet && !verbose && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(steps);
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} [{bar:20}] {pos}/{len}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        if let Ok(mut current) = SPINNER.lock() {
            current.clone_from(&spinner);
        }
        Self {
            spinner,
            verbose: verbose && !quiet,
            started: Instant::now(),
            last: Instant::now(),
        }
    }
    pub fn stage(&mut self, name: &str) {
        if self.verbose {
            eprintln!(
                "[{:>6.2}s] {name} (the stage before took {:.2}s)",
                self.started.elapsed().as_secs_f64(),
                self.last.elapsed().as_secs_f64()
            );
        }
        self.last = Instant::now();
        if let Some(bar) = &self.spinner {
            bar.set_message(name.to_string());
            bar.inc(1);
        }
    }
    /// A message on stderr that does not tear the bar.
    pub fn note(&self, text: &str) {
        match &self.spinner {
            Some(bar) => bar.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.spinner {
            bar.finish_and_clear();
        }
        if let Ok(mut current) = SPINNER.lock() {
            *current = None;
        }
    }
}
