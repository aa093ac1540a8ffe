//! Extraction: a file's bytes and name (`&[u8]`, `&Path`) → [`Extracted`]: the bytes of a plain
//! text file as they are, or the text taken out of a Word (.docx), OpenDocument (.odt), web page
//! (.html, .htm) or PDF file as UTF-8, one paragraph (or PDF line) per line, with the [`Places`]
//! that turn a line back into somewhere the user can find it (`讲话.docx ¶23`, `通知.pdf p.4:12`).
//!
//! Formats tifa cannot read but can name (.doc, .wps, .rtf, by their signature) are errors that
//! give the conversion command. A format is known by its signature first and its extension second,
//! so a .docx renamed .txt is still read as Word.

mod html;
mod odf;
mod pdf;

use serde::{Deserialize, Serialize};
use std::path::Path;
use thiserror::Error;

/// The kinds of file tifa reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
    Odt,
    Html,
    Pdf,
}

impl Format {
    /// File endings (lower case) that a corpus folder takes, and the format each one means.
    pub const EXTENSIONS: &[(&str, Format)] = &[
        ("txt", Format::Text),
        ("text", Format::Text),
        ("md", Format::Text),
        ("docx", Format::Docx),
        ("odt", Format::Odt),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("pdf", Format::Pdf),
    ];

    /// The format a file's name says, without regard to case.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    }
}

/// Where the lines of an extracted text are in the file the user has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "first_lines")]
pub enum Places {
    /// A text file: line N is line N.
    #[default]
    Lines,
    /// A Word, OpenDocument or web page: line N is its N-th paragraph with text.
    Paragraphs,
    /// A PDF: the first line (1-based) of each page, in page order.
    Pages(Vec<u32>),
}

impl Places {
    /// How a citation names line `line` (1-based) of the text: `:23`, ` ¶23` or ` p.4:12`.
    pub fn suffix(&self, line: u32) -> String {
        match (self, self.locate(line)) {
            (Places::Paragraphs, _) => format!(" ¶{line}"),
            (_, (page, line)) => line_suffix(page, line),
        }
    }

    /// Line `line` (1-based) of the text as the user finds it: for a PDF its page and its line on
    /// that page, else no page and the line itself.
    pub fn locate(&self, line: u32) -> (Option<u32>, u32) {
        match self {
            Places::Lines | Places::Paragraphs => (None, line),
            Places::Pages(first_lines) => {
                let page = first_lines.partition_point(|&first| first <= line).max(1);
                let first = first_lines.get(page - 1).copied().unwrap_or(1);
                (Some(page as u32), line + 1 - first.min(line))
            }
        }
    }
}

/// The end of a citation of a line already located ([`Places::locate`]): ` p.4:12` on a PDF's
/// page, else `:12`.
pub fn line_suffix(page: Option<u32>, line: u32) -> String {
    match page {
        Some(page) => format!(" p.{page}:{line}"),
        None => format!(":{line}"),
    }
}

/// A file's text ready to decode, and how to cite its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub format: Format,
    /// The file's own bytes for a text file; UTF-8 text for every other format.
    pub bytes: Vec<u8>,
    pub places: Places,
    /// Lines (1-based) that the file marks as headings by their style, with their level (1–9).
    pub headings: Vec<(u32, u8)>,
    /// What reading the file had to simplify or leave out (nesting beyond a limit, a heading level
    /// outside 1–9), each said once: they become findings of the document.
    pub notes: Vec<String>,
}

/// The paragraphs of a file and what reading it simplified.
type Paragraphs = (Vec<Line>, Vec<String>);

/// Why a file's text could not be taken out.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ExtractError {
    #[error(
        "a {0} file, which tifa does not read: convert it with `soffice --headless --convert-to docx FILE` (LibreOffice) or save it as .docx in Word or WPS"
    )]
    Legacy(&'static str),
    #[error("not a readable {format} file ({reason}); open and save it again, or save it as .txt")]
    Damaged {
        format: &'static str,
        reason: String,
    },
    #[error("{0}")]
    Pdf(String),
}

/// Takes the text out of `bytes`, named `path`; `file` is the file they were read from, when there
/// is one (a PDF reader may read it again), and `None` for standard input.
pub fn extract(bytes: &[u8], path: &Path, file: Option<&Path>) -> Result<Extracted, ExtractError> {
    if let Some(legacy) = legacy_format(bytes) {
        return Err(ExtractError::Legacy(legacy));
    }
    let format = signature_format(bytes)
        .or_else(|| Format::of_path(path))
        .unwrap_or(Format::Text);
    let paragraphs = |(lines, notes): Paragraphs| {
        let (text, headings) = join_paragraphs(lines);
        Extracted {
            format,
            bytes: text.into_bytes(),
            places: Places::Paragraphs,
            headings,
            notes,
        }
    };
    match format {
        Format::Text => Ok(Extracted {
            format,
            bytes: bytes.to_vec(),
            places: Places::Lines,
            headings: Vec::new(),
            notes: Vec::new(),
        }),
        Format::Docx => odf::docx_text(bytes).map(paragraphs),
        Format::Odt => odf::odt_text(bytes).map(paragraphs),
        Format::Html => Ok(paragraphs(html::main_text(bytes))),
        Format::Pdf => {
            let (text, first_lines, notes) = pdf::pdf_text(bytes, file)?;
            Ok(Extracted {
                format,
                bytes: text.into_bytes(),
                places: Places::Pages(first_lines),
                headings: Vec::new(),
                notes,
            })
        }
    }
}

/// Formats known by their first bytes: a zip holding `word/document.xml` or an OpenDocument
/// text's mimetype, or `%PDF-`.
fn signature_format(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<&str> = zip.file_names().collect();
    if names.contains(&"word/document.xml") {
        Some(Format::Docx)
    } else if names.contains(&"content.xml") && names.contains(&"mimetype") {
        Some(Format::Odt)
    } else {
        None
    }
}

/// Word 97–2003 and WPS files (OLE2 compound documents) and RTF, by their signature.
fn legacy_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(".doc or .wps (Word 97–2003 / WPS)")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("RTF")
    } else {
        None
    }
}

/// A paragraph of a Word, OpenDocument or web page, and its heading level if its style or tag
/// makes it a heading.
type Line = (String, Option<u8>);

/// Paragraphs joined for output, one per line, blank ones dropped; and the headings' lines.
fn join_paragraphs(paragraphs: impl IntoIterator<Item = Line>) -> (String, Vec<(u32, u8)>) {
    let mut out = String::new();
    let mut headings = Vec::new();
    let mut line = 0u32;
    for (p, level) in paragraphs {
        let p = p.trim();
        if !p.is_empty() {
            line += 1;
            out.push_str(p);
            out.push('\n');
            if let Some(level) = level {
                headings.push((line, level));
            }
        }
    }
    (out, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_line_is_cited_by_page_and_line_on_the_page() {
        let places = Places::Pages(vec![1, 40, 75]);
        assert_eq!(places.suffix(1), " p.1:1");
        assert_eq!(places.suffix(39), " p.1:39");
        assert_eq!(places.suffix(40), " p.2:1");
        assert_eq!(places.suffix(86), " p.3:12");
        assert_eq!(Places::Paragraphs.suffix(23), " ¶23");
        assert_eq!(Places::Lines.suffix(7), ":7");
    }

    #[test]
    fn legacy_files_are_named_with_the_conversion_command() {
        let doc = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let e = extract(&doc, Path::new("讲话.doc"), None).unwrap_err();
        assert!(
            e.to_string()
                .contains("soffice --headless --convert-to docx")
        );
        let e = extract(b"{\\rtf1\\ansi hello}", Path::new("a.rtf"), None).unwrap_err();
        assert!(e.to_string().contains("RTF"));
    }

    #[test]
    fn extensions_are_matched_without_regard_to_case() {
        assert_eq!(Format::of_path(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(Format::of_path(Path::new("讲话.DocX")), Some(Format::Docx));
        assert_eq!(Format::of_path(Path::new("x.jpg")), None);
    }
}
