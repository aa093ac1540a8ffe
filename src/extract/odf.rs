//! Word (.docx) and OpenDocument (.odt) text: the zip's main XML part → one line per paragraph
//! with text. Deleted text of tracked changes (`w:delText`) is left out, inserted text kept: what
//! the document shows once its changes are accepted.

use super::ExtractError;
use quick_xml::events::Event;
use std::io::Read;

/// The elements that shape the text of one format.
struct Vocabulary {
    format: &'static str,
    part: &'static str,
    /// Elements that are paragraphs (a line each).
    paragraphs: &'static [&'static [u8]],
    /// Elements whose text is read.
    text: &'static [&'static [u8]],
    /// Elements whose content is skipped (deleted text, notes).
    skipped: &'static [&'static [u8]],
    /// Empty elements that stand for a tab or a space.
    spaces: &'static [&'static [u8]],
}

const DOCX: Vocabulary = Vocabulary {
    format: "Word (.docx)",
    part: "word/document.xml",
    paragraphs: &[b"w:p"],
    text: &[b"w:t"],
    skipped: &[b"w:delText", b"w:instrText"],
    spaces: &[b"w:tab"],
};

const ODT: Vocabulary = Vocabulary {
    format: "OpenDocument (.odt)",
    part: "content.xml",
    paragraphs: &[b"text:p", b"text:h"],
    // OpenDocument keeps text directly inside paragraphs and spans.
    text: &[],
    skipped: &[b"text:note", b"office:annotation", b"text:tracked-changes"],
    spaces: &[b"text:s", b"text:tab"],
};

pub(super) fn docx_text(bytes: &[u8]) -> Result<String, ExtractError> {
    paragraphs(bytes, &DOCX)
}

pub(super) fn odt_text(bytes: &[u8]) -> Result<String, ExtractError> {
    paragraphs(bytes, &ODT)
}

fn paragraphs(bytes: &[u8], v: &Vocabulary) -> Result<String, ExtractError> {
    let damaged = |reason: String| ExtractError::Damaged {
        format: v.format,
        reason,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a zip archive: {e}")))?;
    let mut xml = String::new();
    zip.by_name(v.part)
        .map_err(|_| damaged(format!("no {}", v.part)))?
        .read_to_string(&mut xml)
        .map_err(|e| damaged(format!("{}: {e}", v.part)))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // Paragraphs nest in OpenDocument (a note's paragraph inside a paragraph): count the depth.
    let mut paragraph_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut in_text = v.text.is_empty();
    loop {
        let event = reader.read_event().map_err(|e| {
            damaged(format!(
                "{} at byte {}: {e}",
                v.part,
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if v.skipped.contains(&name) {
                    skip_depth += 1;
                } else if v.paragraphs.contains(&name) {
                    paragraph_depth += 1;
                } else if v.text.contains(&name) {
                    in_text = true;
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if v.skipped.contains(&name) {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if v.paragraphs.contains(&name) {
                    paragraph_depth = paragraph_depth.saturating_sub(1);
                    if paragraph_depth == 0 {
                        lines.push(std::mem::take(&mut current));
                    }
                } else if v.text.contains(&name) {
                    in_text = false;
                }
            }
            Event::Empty(e)
                if skip_depth == 0
                    && paragraph_depth > 0
                    && v.spaces.contains(&e.name().as_ref()) =>
            {
                current.push(' ');
            }
            Event::Text(t) if skip_depth == 0 && paragraph_depth > 0 && in_text => {
                current.push_str(&t.decode().map_err(|e| damaged(e.to_string()))?);
            }
            Event::GeneralRef(r) if skip_depth == 0 && paragraph_depth > 0 && in_text => {
                let name = r.decode().map_err(|e| damaged(e.to_string()))?;
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    current.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(super::join_paragraphs(lines))
}
