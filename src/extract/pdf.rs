//! PDF text: poppler's `pdftotext` (the reader that handles CJK fonts and ToUnicode maps best)
//! when it is on PATH, else the built-in reader (pdf-extract); their pages → the text, a line per
//! PDF line, and the first line of every page. A PDF without a text layer (a scan), or one neither
//! reader can read, is an error that says what to do.

use super::ExtractError;
use std::path::Path;
use std::process::{Command, Stdio};

pub(super) fn pdf_text(
    bytes: &[u8],
    file: Option<&Path>,
) -> Result<(String, Vec<u32>, Vec<String>), ExtractError> {
    let mut pages: Vec<String> = match run_pdftotext(bytes, file) {
        Ok(output) => String::from_utf8_lossy(&output)
            .split('\u{c}')
            .map(str::to_string)
            .collect(),
        Err(Missing::Pdftotext) => built_in(bytes)?,
        Err(Missing::Failed(e)) => return Err(e),
    };
    let mut notes = Vec::new();
    let running = drop_running_lines(&mut pages);
    if running > 0 {
        notes.push(format!(
            "{running} running header or footer lines (the same line at the top or foot of most pages) left out, so that a paragraph continued on the next page reads as one"
        ));
    }
    let mut out = String::new();
    let mut first_lines = Vec::new();
    let mut line = 1u32;
    for page in &pages {
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
    Ok((out, first_lines, notes))
}

/// A page's line as a running header or footer is compared: digits (page numbers) made one.
fn running_key(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Removes the running headers and footers of a PDF's pages: the first or last non-blank line of a
/// page when the same line (page numbers aside) opens or closes at least 3 pages and half of them.
/// They sit between the two halves of a paragraph that runs on to the next page. The lines stay
/// in place as blank ones, so that a line still cites its page and line. Returns how many went.
fn drop_running_lines(pages: &mut [String]) -> usize {
    let edge = |page: &str, last: bool| -> Option<String> {
        let mut lines = page.lines().filter(|l| !l.trim().is_empty());
        let line = if last {
            lines.next_back()
        } else {
            lines.next()
        };
        line.map(running_key)
    };
    let mut removed = 0;
    let page_count = pages.len();
    for last in [false, true] {
        let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for page in pages.iter() {
            if let Some(key) = edge(page, last) {
                *counts.entry(key).or_default() += 1;
            }
        }
        let running = |key: &str| {
            counts
                .get(key)
                .is_some_and(|&n| n >= 3 && n * 2 >= page_count)
        };
        for page in pages.iter_mut() {
            let Some(key) = edge(page, last) else {
                continue;
            };
            if !running(&key) {
                continue;
            }
            let lines: Vec<&str> = page.split('\n').collect();
            let target = if last {
                lines.iter().rposition(|l| !l.trim().is_empty())
            } else {
                lines.iter().position(|l| !l.trim().is_empty())
            };
            if let Some(at) = target {
                let mut kept: Vec<&str> = lines;
                kept[at] = "";
                *page = kept.join("\n");
                removed += 1;
            }
        }
    }
    removed
}

/// The built-in reader's pages. It may panic on a malformed file: that is its error, not ours.
fn built_in(bytes: &[u8]) -> Result<Vec<String>, ExtractError> {
    let read = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match read {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(neither(&e.to_string())),
        Err(_) => return Err(neither("the reader failed on this file")),
    };
    // Glyphs without a Unicode mapping come out as replacement or private-use characters.
    let text: String = pages.concat();
    let unmapped = text
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER || ('\u{E000}'..='\u{F8FF}').contains(&c))
        .count();
    if unmapped * 20 > text.chars().count().max(1) {
        return Err(neither(&format!(
            "{unmapped} characters have no Unicode mapping in its fonts"
        )));
    }
    Ok(pages)
}

fn neither(reason: &str) -> ExtractError {
    ExtractError::Pdf(format!(
        "the built-in PDF reader cannot read this PDF ({reason}), and poppler's pdftotext, which reads more PDFs, is not on PATH: install poppler-utils (Debian/Ubuntu), poppler (Homebrew) or Xpdf tools, or save the PDF's text as .txt"
    ))
}

enum Missing {
    Pdftotext,
    Failed(ExtractError),
}

/// `pdftotext -enc UTF-8 FILE -` on the file the bytes were read from; they go through a
/// temporary file when there is none (standard input) or it has gone. Never a file of the same
/// name elsewhere, and never a name pdftotext could take for an option.
fn run_pdftotext(bytes: &[u8], file: Option<&Path>) -> Result<Vec<u8>, Missing> {
    let temporary;
    let input = if let Some(path) = file.filter(|path| path.is_file()) {
        path
    } else {
        temporary = tempfile::NamedTempFile::new()
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, bytes)?;
                Ok(f)
            })
            .map_err(|e| {
                Missing::Failed(ExtractError::Pdf(format!(
                    "cannot stage the PDF for pdftotext: {e}"
                )))
            })?;
        temporary.path()
    };
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(not_an_option(input))
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Missing::Pdftotext
            } else {
                Missing::Failed(ExtractError::Pdf(format!(
                    "pdftotext could not be run: {e}"
                )))
            }
        })?;
    if !output.status.success() {
        return Err(Missing::Failed(ExtractError::Pdf(format!(
            "pdftotext cannot read this PDF ({}); open it in a PDF reader and save its text as .txt",
            last_complaint(&String::from_utf8_lossy(&output.stderr))
        ))));
    }
    Ok(output.stdout)
}

/// A relative path starting with `-` (a file named `-v`) is given as `./-v`, which no program
/// reads as an option.
fn not_an_option(path: &Path) -> std::path::PathBuf {
    if path.is_relative() && path.to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// pdftotext may print a line per bad byte before the one that made it give up, its last: a
/// note on a skipped file stays one line.
fn last_complaint(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    match lines.as_slice() {
        [] => "no reason given".to_string(),
        [only] => only.to_string(),
        [.., last] => format!("{last}, after {} more complaints", lines.len() - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::{drop_running_lines, last_complaint, not_an_option};

    #[test]
    fn running_headers_and_page_numbers_go_and_pages_keep_their_lines() {
        let mut pages: Vec<String> = (1..=4)
            .map(|n| {
                format!(
                    "国务院公报 2026年第{n}号\n正文第{n}页的内容，接着写\n下去的句子。\n- {n} -\n"
                )
            })
            .collect();
        assert_eq!(drop_running_lines(&mut pages), 8);
        assert_eq!(pages[1], "\n正文第2页的内容，接着写\n下去的句子。\n\n");
        // Fewer than three pages: nothing is taken for a running line.
        let mut two: Vec<String> = vec!["标题\n甲。\n".into(), "标题\n乙。\n".into()];
        assert_eq!(drop_running_lines(&mut two), 0);
    }
    use std::path::Path;

    #[test]
    fn a_file_named_like_an_option_is_passed_as_a_path() {
        assert_eq!(not_an_option(Path::new("-v")), Path::new("./-v"));
        assert_eq!(
            not_an_option(Path::new("-layout.pdf")),
            Path::new("./-layout.pdf")
        );
        assert_eq!(not_an_option(Path::new("a/-v")), Path::new("a/-v"));
        assert_eq!(not_an_option(Path::new("/tmp/-v")), Path::new("/tmp/-v"));
    }

    #[test]
    fn a_skipped_pdf_is_explained_in_one_line() {
        let stderr = "Syntax Warning: May not be a PDF file (continuing anyway)\n\
                      Syntax Error (7): Illegal character <2f> in hex string\n\
                      Syntax Error: Couldn't read xref table\n";
        assert_eq!(
            last_complaint(stderr),
            "Syntax Error: Couldn't read xref table, after 2 more complaints"
        );
        assert_eq!(
            last_complaint("Syntax Error: Couldn't find trailer dictionary\n"),
            "Syntax Error: Couldn't find trailer dictionary"
        );
        assert_eq!(last_complaint("\n"), "no reason given");
    }
}
