//! `report.docx` (and the side-by-side table of `tifa diff --format docx-table`): [`Block`]s and
//! the PNG charts → a Word document for a Chinese office (docx-rs): an East Asian font every
//! Chinese Windows has (宋体 by default), zh-CN as the East Asian language, Normal as the default
//! style, Heading 1–4 styles, a table-of-contents field after the title, page numbers in the footer, tables with
//! column widths by content and a header row repeated on every page, charts as inline pictures
//! with a caption, deleted words struck through in red and inserted words underlined in green.
//!
//! Characters XML cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF) are left out
//! of every text, and every XML part is parsed back before the package is handed over: an invalid
//! part is an error, so the report folder is not replaced.

use crate::present::{Block, Inline};
use crate::render::charts::{self, Chart};
use docx_rs::{
    AlignmentType, Docx, Footer, PageNum, Paragraph, Pic, Run, RunFonts, Style, StyleType, Table,
    TableCell, TableLayoutType, TableRow, WidthType,
};
use std::borrow::Cow;

/// Widest a chart is placed on an A4 page with default margins, in pixels at 96 dpi.
const MAX_PICTURE_PX: u32 = 600;
/// Width of the text on an A4 page with docx-rs's margins (11906 − 2 × 1701 twips).
const TEXT_WIDTH_TWIPS: usize = 8504;
/// Narrowest column, in twips: two Chinese characters at 10.5 pt and the cell's margins, so a
/// four-character header (中央首见) wraps two and two.
const MIN_COLUMN_TWIPS: usize = 700;

/// What the document says about itself and which font it sets.
#[derive(Debug, Clone)]
pub struct DocxOptions {
    pub title: String,
    /// The East Asian font (宋体, 仿宋, 黑体 …).
    pub east_asian_font: String,
    /// The creation date in the properties (RFC 3339), deterministic for a given input.
    pub date: String,
    /// The headings a table of contents after the title lists, as (level, text); none, none.
    pub contents: Vec<(u8, String)>,
}

pub fn render(
    blocks: &[Block],
    charts: &[Chart],
    options: &DocxOptions,
) -> Result<Vec<u8>, String> {
    let fonts = RunFonts::new()
        .east_asia(options.east_asian_font.as_str())
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let mut doc = Docx::new().default_fonts(fonts).default_size(21);
    for (level, size) in [(1usize, 36usize), (2, 30), (3, 26), (4, 23)] {
        doc = doc.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .based_on("Normal")
                .size(size)
                .bold()
                .outline_lvl(level - 1),
        );
    }
    doc = doc.add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("Caption")
            .based_on("Normal")
            .size(18)
            .italic(),
    );
    doc = doc.footer(
        Footer::new().add_paragraph(
            Paragraph::new()
                .add_page_num(PageNum::new())
                .align(AlignmentType::Center),
        ),
    );
    for block in crate::present::unfolded(blocks).iter() {
        doc = match block {
            // Unfolded above.
            Block::Details { .. } => doc,
            Block::Heading(level, text) => doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(xml_safe(text)))
                    .style(&format!("Heading{level}"))
                    // Never left alone at the foot of a page.
                    .keep_next(true)
                    .keep_lines(true),
            ),
            Block::Paragraph(inlines) => doc.add_paragraph(paragraph(inlines)),
            Block::List(items) => items.iter().fold(doc, |doc, item| {
                let mut bullet = vec![Inline::Text("• ".into())];
                bullet.extend(item.iter().cloned());
                doc.add_paragraph(paragraph(&bullet))
            }),
            Block::Table { header, rows } => doc.add_table(table(header, rows)),
            Block::Chart(id) => {
                let Some(chart) = charts::find(charts, *id) else {
                    continue;
                };
                let (w, h) = fit(chart.width, chart.height);
                let picture = Pic::new_with_dimensions(chart.png.clone(), w, h);
                doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_image(picture))
                        .align(AlignmentType::Center)
                        .keep_next(true),
                )
                .add_paragraph(
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(xml_safe(&format!("{}。{}", chart.title, chart.caption))),
                        )
                        .style("Caption"),
                )
            }
        };
    }
    let mut bytes = Vec::new();
    doc.build()
        .pack(std::io::Cursor::new(&mut bytes))
        .map_err(|e| e.to_string())?;
    finish(&bytes, options)
}

/// Text without the characters XML 1.0 cannot hold.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if s.chars().any(bad) {
        Cow::Owned(s.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The package as an office expects it, every part compressed (docx-rs stores them as they are,
/// and the document XML of a large corpus's report ran to 20 MB): properties with a title, tifa as
/// creator and the given date; zh-CN as the East Asian language and Normal as the default style;
/// each table's first row repeated on every page. Every XML part is parsed back.
pub(crate) fn finish(package: &[u8], options: &DocxOptions) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let err = |e: zip::result::ZipError| e.to_string();
    let mut stored = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(err)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let zip_options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..stored.len() {
        let mut part = stored.by_index(i).map_err(err)?;
        let name = part.name().to_string();
        if part.is_dir() {
            out.add_directory(name, zip_options).map_err(err)?;
            continue;
        }
        let mut content = Vec::with_capacity(part.size() as usize);
        std::io::copy(&mut part, &mut content).map_err(|e| e.to_string())?;
        let content = match name.as_str() {
            "docProps/core.xml" => core_properties(options).into_bytes(),
            "word/styles.xml" => office_styles(&String::from_utf8_lossy(&content)).into_bytes(),
            "word/document.xml" => {
                let xml = linked_moves(&repeated_headers(&String::from_utf8_lossy(&content)));
                with_contents(&xml, &options.contents).into_bytes()
            }
            _ => content,
        };
        if name.ends_with(".xml") || name.ends_with(".rels") {
            check_xml(&name, &content)?;
        }
        out.start_file(name, zip_options).map_err(err)?;
        out.write_all(&content).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

/// Parses an XML part to its end: a part Word could not read is an error here.
fn check_xml(name: &str, content: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(quick_xml::events::Event::Text(t)) => {
                let text = String::from_utf8_lossy(t.as_ref());
                if text
                    .chars()
                    .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                {
                    return Err(format!("{name}: a control character in the text"));
                }
            }
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "{name} is not well-formed XML at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
        }
        buf.clear();
    }
}

fn escape_xml(s: &str) -> String {
    xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn core_properties(options: &DocxOptions) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>tifa</dc:creator><cp:lastModifiedBy>tifa</cp:lastModifiedBy>\
<dc:language>zh-CN</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified><cp:revision>1</cp:revision>\
</cp:coreProperties>",
        title = escape_xml(&options.title),
        date = escape_xml(&options.date),
    )
}

/// zh-CN as the East Asian language of every run, and Normal marked as the default style.
fn office_styles(xml: &str) -> String {
    xml.replacen(
        "<w:rPrDefault><w:rPr>",
        "<w:rPrDefault><w:rPr><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\" />",
        1,
    )
    .replacen(
        "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">",
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">",
        1,
    )
}

/// A table-of-contents field after the first paragraph (the title): `TOC \o "2-3"`, marked dirty so
/// that Word rebuilds it with page numbers on opening, with the headings written in as its result so
/// that a reader that does not update fields (LibreOffice, a preview) still lists them.
fn with_contents(xml: &str, headings: &[(u8, String)]) -> String {
    // Before the second part (after the briefing, which opens the document), else after the title.
    let second_part = xml
        .match_indices("w:val=\"Heading2\"")
        .nth(1)
        .and_then(|(at, _)| {
            xml[..at]
                .rfind("<w:p>")
                .or_else(|| xml[..at].rfind("<w:p "))
        });
    let Some(end) = second_part.or_else(|| xml.find("</w:p>").map(|at| at + "</w:p>".len())) else {
        return xml.to_string();
    };
    if headings.is_empty() {
        return xml.to_string();
    }
    // Each paragraph's properties come first, before its runs (the schema's order): the field's
    // opening runs follow the first entry's properties.
    let mut field = String::new();
    for (k, (level, text)) in headings.iter().enumerate() {
        let indent = if *level > 2 { 420 } else { 0 };
        field.push_str(&format!(
            "<w:p><w:pPr><w:ind w:left=\"{indent}\" /></w:pPr>"
        ));
        if k == 0 {
            field.push_str(
                "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\" /></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"2-3\" \\h \\z \\u </w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>",
            );
        }
        field.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape_xml(text)
        ));
    }
    field.push_str("<w:p><w:r><w:fldChar w:fldCharType=\"end\" /></w:r></w:p>");
    format!("{}{field}{}", &xml[..end], &xml[end..])
}

/// Each table's first row marked as a header row, repeated at the top of every page.
/// The author written on a tracked move of pair `pair`; [`linked_moves`] turns it back into
/// `author` and a move name, since docx-rs writes `w:moveFrom`/`w:moveTo` without the named
/// range Word links a move's two ends by.
pub(crate) fn move_author(author: &str, pair: usize) -> String {
    format!("{author}#move{pair}")
}

/// Wraps every `w:moveFrom` and `w:moveTo` written by [`move_author`] in its named range
/// (`w:moveFromRangeStart w:name="moveN"` … `w:moveFromRangeEnd`), so both ends read as one move.
fn linked_moves(xml: &str) -> String {
    static OPENING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r##"<w:(moveFrom|moveTo) w:id="(\d+)" w:author="([^"#]*)#move(\d+)" w:date="([^"]*)">"##,
        )
        .expect("a valid pattern")
    });
    // Range ids apart from docx-rs's revision ids, which count up from 0.
    const RANGE_IDS: usize = 900_000;
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = 0;
    for m in OPENING.captures_iter(xml) {
        let whole = m.get(0).expect("the match");
        if whole.start() < rest {
            continue;
        }
        let (kind, id, author, pair, date) = (&m[1], &m[2], &m[3], &m[4], &m[5]);
        let closing = format!("</w:{kind}>");
        let Some(end) = xml[whole.end()..].find(&closing) else {
            break;
        };
        let end = whole.end() + end + closing.len();
        let range =
            RANGE_IDS + 2 * pair.parse::<usize>().unwrap_or(0) + usize::from(kind == "moveTo");
        out.push_str(&xml[rest..whole.start()]);
        out.push_str(&format!(
            r#"<w:{kind}RangeStart w:id="{range}" w:author="{author}" w:date="{date}" w:name="move{pair}" /><w:{kind} w:id="{id}" w:author="{author}" w:date="{date}">"#
        ));
        out.push_str(&xml[whole.end()..end]);
        out.push_str(&format!(r#"<w:{kind}RangeEnd w:id="{range}" />"#));
        rest = end;
    }
    out.push_str(&xml[rest..]);
    out
}

fn repeated_headers(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        match table.find("<w:tr><w:trPr />") {
            Some(row) => {
                out.push_str(&table[..row]);
                out.push_str("<w:tr><w:trPr><w:tblHeader /></w:trPr>");
                rest = &table[row + "<w:tr><w:trPr />".len()..];
            }
            None => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn fit(width: u32, height: u32) -> (u32, u32) {
    if width <= MAX_PICTURE_PX {
        (width, height)
    } else {
        (MAX_PICTURE_PX, height * MAX_PICTURE_PX / width)
    }
}

/// Chinese punctuation before a Latin id (`central_117、central_139`) gets a zero-width space
/// after it: LibreOffice finds no line break there and would cut the ids instead.
fn with_break_hints(s: &str) -> Cow<'_, str> {
    let before_latin = |pair: &[char]| {
        matches!(pair[0], '、' | '，' | '；' | '：') && pair[1].is_ascii_alphanumeric()
    };
    let chars: Vec<char> = s.chars().collect();
    if !chars.windows(2).any(before_latin) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        out.push(c);
        if chars
            .get(k + 1)
            .is_some_and(|&next| before_latin(&[c, next]))
        {
            out.push('\u{200B}');
        }
    }
    Cow::Owned(out)
}

fn paragraph(parts: &[Inline]) -> Paragraph {
    styled_paragraph(parts, |s| Run::new().add_text(xml_safe(s)))
}

/// A table cell's paragraph: narrow columns are where ids need [`with_break_hints`]; body text
/// keeps none, so a quotation copied out of the report is the document's own text.
fn cell_paragraph(parts: &[Inline]) -> Paragraph {
    styled_paragraph(parts, |s| {
        Run::new().add_text(xml_safe(&with_break_hints(s)))
    })
}

fn styled_paragraph(parts: &[Inline], text_run: impl Fn(&str) -> Run) -> Paragraph {
    parts.iter().fold(Paragraph::new(), |p, part| {
        p.add_run(match part {
            Inline::Text(s) => text_run(s),
            Inline::Strong(s) => text_run(s).bold(),
            Inline::Del(s) => text_run(s).strike().color("B91C1C"),
            Inline::Ins(s) => text_run(s).underline("single").color("15803D"),
            Inline::Cite(s) | Inline::File(s) => text_run(s).size(16).color("6B6B70"),
        })
    })
}

/// The text of an inline and whether it is set smaller (citations and file names).
fn text_and_size(part: &Inline) -> (&str, bool) {
    match part {
        Inline::Text(s) | Inline::Strong(s) | Inline::Del(s) | Inline::Ins(s) => (s, false),
        Inline::Cite(s) | Inline::File(s) => (s, true),
    }
}

/// Display width of a cell's text (CJK characters count two; citations, set smaller, two
/// thirds of their bytes).
fn cell_width(parts: &[Inline]) -> usize {
    parts
        .iter()
        .map(|p| match text_and_size(p) {
            (s, false) => unicode_width::UnicodeWidthStr::width(s),
            (s, true) => s.len() * 2 / 3,
        })
        .sum()
}

/// Twips per display column of body text (half a Chinese character at 10.5 pt).
const TWIPS_PER_COLUMN: usize = 105;
/// A cell's left and right margins, with a little room for the font's own spacing.
const CELL_PADDING_TWIPS: usize = 260;
/// The widest unbreakable run a column is widened for; longer ones may wrap.
const MAX_UNBREAKABLE: usize = 24;
/// A column's typical cell is kept on one line up to this many display columns (six Chinese
/// characters).
const KEPT_WHOLE: usize = 12;

/// The widest run a line cannot break inside (an id, a number, a Latin word), in display
/// columns: Chinese text can break after any character, `shandong_002` cannot.
fn unbreakable_width(parts: &[Inline]) -> usize {
    parts
        .iter()
        .flat_map(|p| {
            let (s, small) = text_and_size(p);
            s.split(|c: char| {
                c.is_whitespace() || unicode_width::UnicodeWidthChar::width(c) == Some(2)
            })
            .map(move |run| {
                let w = unicode_width::UnicodeWidthStr::width(run);
                if small { w * 2 / 3 } else { w }
            })
        })
        .max()
        .unwrap_or(0)
}

/// Column widths in twips from the content: each column's typical width (the longest header
/// word, and the 90th-percentile cell, capped), scaled to the page. None is narrower than
/// [`MIN_COLUMN_TWIPS`], than its widest unbreakable run (up to [`MAX_UNBREAKABLE`]) or than its
/// typical cell up to [`KEPT_WHOLE`]: a short 提法 stays on one line, and long text columns
/// share what is left.
fn column_widths(header: &[String], rows: &[Vec<Vec<Inline>>]) -> Vec<usize> {
    let columns = header.len().max(1);
    let cells = |k: usize| rows.iter().filter_map(move |r| r.get(k));
    let typical: Vec<usize> = (0..columns)
        .map(|k| {
            let mut widths: Vec<usize> = cells(k).map(|c| cell_width(c)).collect();
            widths.sort_unstable();
            widths.get(widths.len() * 9 / 10).copied().unwrap_or(0)
        })
        .collect();
    let wants: Vec<f64> = (0..columns)
        .map(|k| {
            let head = header
                .get(k)
                .map_or(0, |h| unicode_width::UnicodeWidthStr::width(h.as_str()));
            (typical[k].max(head).clamp(4, 60)) as f64
        })
        .collect();
    let floors: Vec<usize> = (0..columns)
        .map(|k| {
            let run = cells(k).map(|c| unbreakable_width(c)).max().unwrap_or(0);
            let whole = run.min(MAX_UNBREAKABLE).max(typical[k].min(KEPT_WHOLE));
            (whole * TWIPS_PER_COLUMN + CELL_PADDING_TWIPS).max(MIN_COLUMN_TWIPS)
        })
        .collect();
    share_page(&wants, &floors)
}

/// The page's text width shared in proportion to `wants`, no column below its floor: a column
/// its share would squeeze gets its floor, and the others share what is left.
fn share_page(wants: &[f64], floors: &[usize]) -> Vec<usize> {
    let floored: usize = floors.iter().sum();
    if floored >= TEXT_WIDTH_TWIPS {
        // Too many wide columns to keep them whole: the floors shrink together.
        return floors
            .iter()
            .map(|f| f * TEXT_WIDTH_TWIPS / floored)
            .collect();
    }
    let mut pinned = vec![false; wants.len()];
    loop {
        let pinned_twips: usize = (0..wants.len())
            .filter(|&k| pinned[k])
            .map(|k| floors[k])
            .sum();
        let free_want: f64 = (0..wants.len())
            .filter(|&k| !pinned[k])
            .map(|k| wants[k])
            .sum();
        let free = TEXT_WIDTH_TWIPS.saturating_sub(pinned_twips) as f64;
        let share = |k: usize| (free * wants[k] / free_want.max(1.0)) as usize;
        let squeezed: Vec<usize> = (0..wants.len())
            .filter(|&k| !pinned[k] && share(k) < floors[k])
            .collect();
        if squeezed.is_empty() {
            return (0..wants.len())
                .map(|k| if pinned[k] { floors[k] } else { share(k) })
                .collect();
        }
        for k in squeezed {
            pinned[k] = true;
        }
    }
}

fn table(header: &[String], rows: &[Vec<Vec<Inline>>]) -> Table {
    let widths = column_widths(header, rows);
    let cell = |k: usize, p: Paragraph| {
        TableCell::new().add_paragraph(p).width(
            widths.get(k).copied().unwrap_or(MIN_COLUMN_TWIPS),
            WidthType::Dxa,
        )
    };
    let head = TableRow::new(
        header
            .iter()
            .enumerate()
            .map(|(k, h)| {
                cell(
                    k,
                    Paragraph::new().add_run(Run::new().add_text(xml_safe(h)).bold()),
                )
            })
            .collect(),
    );
    let body = rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .enumerate()
                .map(|(k, c)| cell(k, cell_paragraph(c)))
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect())
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_ids_may_break_after_its_commas() {
        assert_eq!(
            with_break_hints("central_117、central_139、等 6 份"),
            "central_117、\u{200B}central_139、等 6 份"
        );
        assert!(matches!(
            with_break_hints("数字山东、爱山东"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_id_column_is_not_squeezed_by_long_text() {
        let text = |s: &str| vec![Inline::Text(s.to_string())];
        let long = "沿用较早或上级文件文字的文件，在自写部分中使用、而其来源文件都没有的提法，数字山东、爱山东";
        let rows: Vec<Vec<Vec<Inline>>> = (0..5)
            .map(|_| vec![text("shandong_002"), text("2023"), text(long), text(long)])
            .collect();
        let header = ["文件", "年份", "提法", "来源"].map(String::from);
        let widths = column_widths(&header, &rows);
        // `shandong_002` is 12 columns wide: 12 × 105 + 260 twips keep it on one line.
        assert!(
            widths[0] >= 12 * TWIPS_PER_COLUMN + CELL_PADDING_TWIPS,
            "{widths:?}"
        );
        assert!(widths[1] >= MIN_COLUMN_TWIPS);
        assert!(
            widths.iter().sum::<usize>() <= TEXT_WIDTH_TWIPS,
            "{widths:?}"
        );
        assert!(widths[2] > widths[0] && widths[3] > widths[0], "{widths:?}");
    }

    #[test]
    fn a_short_formulation_column_keeps_its_formulations_whole() {
        let text = |s: &str| vec![Inline::Text(s.to_string())];
        let cite = |s: &str| vec![Inline::Cite(s.to_string())];
        let places = "shandong_001.txt:2 central_034.txt:62 central_038.txt:65 central_041.txt:19";
        let rows: Vec<Vec<Vec<Inline>>> = ["高质量发展", "中国制造2025", "一网通办", "数字中国"]
            .iter()
            .map(|f| {
                let mut row = vec![text(f), text("14"), text("9")];
                row.extend((0..4).map(|_| text("2021")));
                row.push(cite(places));
                row
            })
            .collect();
        let header = [
            "提法",
            "次数",
            "文档数",
            "中央首见",
            "省级首见",
            "市级首见",
            "县级首见",
            "出处",
        ]
        .map(String::from);
        let widths = column_widths(&header, &rows);
        // 中国制造2025 is 12 display columns.
        assert!(
            widths[0] >= 12 * TWIPS_PER_COLUMN + CELL_PADDING_TWIPS,
            "{widths:?}"
        );
        assert!(
            widths.iter().sum::<usize>() <= TEXT_WIDTH_TWIPS,
            "{widths:?}"
        );
        assert!(widths[7] > widths[0], "{widths:?}");
    }

    #[test]
    fn text_keeps_no_character_xml_cannot_hold() {
        assert_eq!(xml_safe("全县\u{1}网信\u{FFFF}工作\t"), "全县网信工作\t");
        assert!(matches!(xml_safe("全县"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_part_that_is_not_well_formed_is_refused() {
        assert!(check_xml("word/document.xml", b"<w:p><w:t>ok</w:t></w:p>").is_ok());
        assert!(check_xml("word/document.xml", b"<w:p><w:t>\x01</w:t></w:p>").is_err());
        assert!(check_xml("word/document.xml", b"<w:p><w:t>ok</w:p>").is_err());
    }

    #[test]
    fn every_table_gets_its_first_row_as_a_header() {
        let xml = "<w:tbl><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:trPr /></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>";
        let out = repeated_headers(xml);
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        assert_eq!(out.matches("<w:trPr />").count(), 1);
    }

    #[test]
    fn the_fixed_blocks_print_as_a_word_document_that_follows_the_schema() {
        let blocks = super::super::fixture::blocks();
        let options = DocxOptions {
            title: "提法对比报告：样例".into(),
            east_asian_font: "宋体".into(),
            date: "2023-11-14T22:13:20Z".into(),
            contents: crate::present::report::ReportPresentation::contents(&blocks),
        };
        let docx = render(&blocks, &super::super::fixture::charts(), &options).unwrap();
        let xml = super::super::fixture::zip_part(&docx, "word/document.xml");
        // No paragraph has its properties after a run (the schema's order).
        let paragraph = regex::Regex::new(r"(?s)<w:p>(.*?)</w:p>").unwrap();
        for p in paragraph.captures_iter(&xml) {
            let body = &p[1];
            if let (Some(props), Some(run)) = (body.find("<w:pPr>"), body.find("<w:r>")) {
                assert!(props < run, "properties after a run: {body}");
            }
        }
        // Headings keep with the next paragraph; the contents list both parts once.
        assert!(xml.matches("<w:keepNext />").count() >= 4, "{xml}");
        assert_eq!(
            xml.matches("一、要点").count(),
            2,
            "the heading and its contents line"
        );
        for text in ["投资于人", "加紧", "加快", "人工智能+", "gwr-2026.txt:30"] {
            assert!(xml.contains(text), "{text} is in the document");
        }
        // Inserted words green and underlined, deleted ones red and struck through.
        assert!(
            xml.contains("<w:strike />") && xml.contains("<w:u w:val=\"single\" />"),
            "{xml}"
        );
        // The drawn chart is an image; the one not drawn is not there.
        assert_eq!(xml.matches("<w:drawing>").count(), 1);
    }
}
