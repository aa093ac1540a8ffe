//! PDF text through poppler's `pdftotext` (the reader that handles CJK fonts and ToUnicode maps
//! best) when it is on PATH: its pages (split at form feeds) → the text, a line per PDF line, and
//! the first line of every page. A PDF without a text layer (a scan) or without `pdftotext` is an
//! error that says what to do.

use super::ExtractError;
use std::path::Path;
use std::process::{Command, Stdio};

pub(super) fn pdf_text(bytes: &[u8], path: &Path) -> Result<(String, Vec<u32>), ExtractError> {
    let output = run_pdftotext(bytes, path)?;
    let text = String::from_utf8_lossy(&output);
    let mut out = String::with_capacity(text.len());
    let mut first_lines = Vec::new();
    let mut line = 1u32;
    for page in text.split('\u{c}') {
        if page.trim().is_empty() {
            continue;
        }
        first_lines.push(line);
        for l in page.lines() {
            out.push_str(l);
            out.push('\n');
            line += 1;
        }
    }
    if crate::chars::han_count(&out) == 0 && out.trim().len() < 20 {
        return Err(ExtractError::Pdf(
            "the PDF has no text layer (a scan?): run OCR on it first (for example ocrmypdf -l chi_sim), or type or paste the text into a .txt file".into(),
        ));
    }
    Ok((out, first_lines))
}

/// `pdftotext -enc UTF-8 FILE -` on the file itself; the bytes go through a temporary file when
/// the path cannot be read again (it was standard input or has gone).
fn run_pdftotext(bytes: &[u8], path: &Path) -> Result<Vec<u8>, ExtractError> {
    let temporary;
    let input = if path.is_file() {
        path
    } else {
        temporary = tempfile::NamedTempFile::new()
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, bytes)?;
                Ok(f)
            })
            .map_err(|e| ExtractError::Pdf(format!("cannot stage the PDF for pdftotext: {e}")))?;
        temporary.path()
    };
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(input)
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            ExtractError::Pdf(if e.kind() == std::io::ErrorKind::NotFound {
                "a PDF, which tifa reads through poppler's pdftotext, and pdftotext is not on PATH: install poppler-utils (Debian/Ubuntu), poppler (Homebrew) or Xpdf tools, or save the PDF's text as .txt".into()
            } else {
                format!("pdftotext could not be run: {e}")
            })
        })?;
    if !output.status.success() {
        let reason = String::from_utf8_lossy(&output.stderr);
        return Err(ExtractError::Pdf(format!(
            "pdftotext cannot read this PDF ({}); open it in a PDF reader and save its text as .txt",
            reason.trim()
        )));
    }
    Ok(output.stdout)
}
