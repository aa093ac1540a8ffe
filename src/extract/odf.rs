//! Word (.docx) and OpenDocument (.odt) text: the zip's main XML part → one line per paragraph
//! with text, and the level of each paragraph its style makes a heading (Word's 标题 1 / Heading 1
//! or an outline level, through `word/styles.xml`; OpenDocument's `text:h`). Deleted text of
//! tracked changes (`w:delText`) is left out, inserted text kept: what the document shows once its
//! changes are accepted.

use super::{ExtractError, Line};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

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

pub(super) fn docx_text(bytes: &[u8]) -> Result<super::Paragraphs, ExtractError> {
    paragraphs(bytes, &DOCX)
}

pub(super) fn odt_text(bytes: &[u8]) -> Result<super::Paragraphs, ExtractError> {
    paragraphs(bytes, &ODT)
}

/// The value of attribute `name` of an element.
fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// A heading level from a style's name (`heading 2`, `标题 2`, `Title`) or outline level (0-based).
fn level_of_style(name: Option<&str>, outline: Option<&str>) -> Option<u8> {
    if let Some(level) = outline
        .and_then(|o| o.parse::<u8>().ok())
        .filter(|l| *l < 9)
    {
        return Some(level + 1);
    }
    let name = name?.trim().to_lowercase();
    if name == "title" || name == "标题" {
        return Some(1);
    }
    let number = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?
        .trim();
    number.parse().ok().filter(|l| (1..=9).contains(l))
}

/// Word's paragraph styles that are headings: style id → level.
fn docx_heading_styles(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>) -> HashMap<String, u8> {
    let Ok(part) = zip.by_name("word/styles.xml") else {
        return HashMap::new();
    };
    let Some(xml) = crate::files::read_limited(part, crate::files::XML_PART_LIMIT)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return HashMap::new();
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut styles = HashMap::new();
    let (mut id, mut name, mut outline): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:style" => {
                (id, name, outline) = (attribute(&e, b"w:styleId"), None, None);
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == b"w:name" => {
                name = attribute(&e, b"w:val");
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == b"w:outlineLvl" => {
                outline = attribute(&e, b"w:val");
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"w:style" => {
                if let (Some(id), Some(level)) = (
                    id.take(),
                    level_of_style(name.as_deref(), outline.as_deref()),
                ) {
                    styles.insert(id, level);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

fn paragraphs(bytes: &[u8], v: &Vocabulary) -> Result<super::Paragraphs, ExtractError> {
    let damaged = |reason: String| ExtractError::Damaged {
        format: v.format,
        reason,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a zip archive: {e}")))?;
    let part = zip
        .by_name(v.part)
        .map_err(|_| damaged(format!("no {}", v.part)))?;
    // Bounded: a small file may inflate to gigabytes (a zip bomb).
    let xml = crate::files::read_limited(part, crate::files::XML_PART_LIMIT)
        .map_err(|e| damaged(format!("{}: {e}", v.part)))
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| damaged(format!("{} is not UTF-8", v.part)))
        })?;
    if !xml
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        return Err(damaged(format!("{} holds no XML", v.part)));
    }
    let heading_styles = docx_heading_styles(&mut zip);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut lines: Vec<Line> = Vec::new();
    let mut current = String::new();
    // The heading level the current paragraph's style or element gives it.
    let mut level: Option<u8> = None;
    // Paragraphs nest in OpenDocument (a note's paragraph inside a paragraph): count the depth.
    let mut paragraph_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut in_text = v.text.is_empty();
    let mut notes: Vec<String> = Vec::new();
    let mut bad_levels = std::collections::HashSet::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            damaged(format!(
                "{} at byte {}: {e}",
                v.part,
                reader.buffer_position()
            ))
        })?;
        if let Event::Start(e) | Event::Empty(e) = &event {
            match e.name().as_ref() {
                b"w:pStyle" if paragraph_depth == 1 => {
                    level = attribute(e, b"w:val").and_then(|id| heading_styles.get(&id).copied());
                }
                b"w:outlineLvl" if paragraph_depth == 1 => {
                    level = level_of_style(None, attribute(e, b"w:val").as_deref()).or(level);
                }
                b"text:h" if paragraph_depth == 0 => {
                    let given = attribute(e, b"text:outline-level");
                    let parsed = given.as_deref().map(|l| l.trim().parse::<i64>());
                    level = Some(match parsed {
                        None => 1,
                        Some(Ok(l)) if (1..=9).contains(&l) => l as u8,
                        Some(_) => {
                            // Outside OpenDocument's 1–10 as tifa keeps them (1–9): the nearest.
                            let shown = given.unwrap_or_default();
                            let near = match parsed {
                                Some(Ok(l)) if l > 9 => 9,
                                _ => 1,
                            };
                            if bad_levels.insert(shown.clone()) {
                                notes.push(format!(
                                    "heading outline level `{shown}` is outside 1–9: read as level {near}"
                                ));
                            }
                            near
                        }
                    });
                }
                _ => {}
            }
        }
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if v.skipped.contains(&name) {
                    skip_depth += 1;
                } else if v.paragraphs.contains(&name) {
                    if paragraph_depth == 0 && name != b"text:h" {
                        level = None;
                    }
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
                        lines.push((std::mem::take(&mut current), level.take()));
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
    Ok((lines, notes))
}
