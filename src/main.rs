use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    match tifa::cli::run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(tifa::cli::exit_code_of(&error))
        }
    }
}

/// `tifa show … | head` should end quietly like any Unix tool, not panic on a closed pipe.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
