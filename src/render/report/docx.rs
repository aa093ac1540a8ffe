//! `report.docx`: the outline ([`Block`]s) and the PNG charts → a Word document (docx-rs):
//! Heading 1–4 styles, tables with a header row, charts as inline pictures with a caption,
//! deleted words struck through in red and inserted words underlined in green. docx-rs escapes
//! all text, so document text stays text.

use crate::present::{Block, Inline};
use crate::render::charts::{self, Chart};
use docx_rs::{
    AlignmentType, Docx, Paragraph, Pic, Run, RunFonts, Style, StyleType, Table, TableCell,
    TableRow, WidthType,
};

/// Widest a chart is placed on an A4 page with default margins, in pixels at 96 dpi.
const MAX_PICTURE_PX: u32 = 600;

pub fn render(blocks: &[Block], charts: &[Chart]) -> Result<Vec<u8>, String> {
    let fonts = RunFonts::new()
        .east_asia("Noto Sans CJK SC")
        .ascii("Calibri")
        .hi_ansi("Calibri");
    let mut doc = Docx::new().default_fonts(fonts).default_size(21);
    for (level, size) in [(1usize, 36usize), (2, 30), (3, 26), (4, 23)] {
        doc = doc.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .size(size)
                .bold()
                .outline_lvl(level - 1),
        );
    }
    doc = doc.add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("Caption")
            .size(18)
            .italic(),
    );
    for block in blocks {
        doc = match block {
            Block::Heading(level, text) => doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(text.as_str()))
                    .style(&format!("Heading{level}")),
            ),
            Block::Paragraph(inlines) => doc.add_paragraph(paragraph(inlines)),
            Block::Table { header, rows } => doc.add_table(table(header, rows)),
            Block::List(items) => items.iter().fold(doc, |doc, item| {
                let mut bullet = vec![Inline::Text("• ".into())];
                bullet.extend(item.iter().cloned());
                doc.add_paragraph(paragraph(&bullet))
            }),
            Block::Chart(id) => {
                let Some(chart) = charts::find(charts, *id) else {
                    continue;
                };
                let (w, h) = fit(chart.width, chart.height);
                let picture = Pic::new_with_dimensions(chart.png.clone(), w, h);
                doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_image(picture))
                        .align(AlignmentType::Center),
                )
                .add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{}。{}", chart.title, chart.caption)))
                        .style("Caption"),
                )
            }
        };
    }
    let mut bytes = Vec::new();
    doc.build()
        .pack(std::io::Cursor::new(&mut bytes))
        .map_err(|e| e.to_string())?;
    deflated(&bytes).map_err(|e| e.to_string())
}

/// The package with every part compressed: docx-rs stores them as they are, and the document XML
/// of a large corpus's report ran to 20 MB.
pub(crate) fn deflated(package: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut stored = zip::ZipArchive::new(std::io::Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..stored.len() {
        let mut part = stored.by_index(i)?;
        if part.is_dir() {
            out.add_directory(part.name(), options)?;
            continue;
        }
        let mut content = Vec::with_capacity(part.size() as usize);
        std::io::copy(&mut part, &mut content)?;
        out.start_file(part.name(), options)?;
        out.write_all(&content)?;
    }
    Ok(out.finish()?.into_inner())
}

fn fit(width: u32, height: u32) -> (u32, u32) {
    if width <= MAX_PICTURE_PX {
        (width, height)
    } else {
        (MAX_PICTURE_PX, height * MAX_PICTURE_PX / width)
    }
}

fn paragraph(parts: &[Inline]) -> Paragraph {
    parts.iter().fold(Paragraph::new(), |p, part| {
        p.add_run(match part {
            Inline::Text(s) => Run::new().add_text(s.as_str()),
            Inline::Strong(s) => Run::new().add_text(s.as_str()).bold(),
            Inline::Del(s) => Run::new().add_text(s.as_str()).strike().color("B91C1C"),
            Inline::Ins(s) => Run::new()
                .add_text(s.as_str())
                .underline("single")
                .color("15803D"),
            Inline::Cite(s) => Run::new().add_text(s.as_str()).size(16).color("6B6B70"),
        })
    })
}

fn table(header: &[String], rows: &[Vec<Vec<Inline>>]) -> Table {
    let head = TableRow::new(
        header
            .iter()
            .map(|h| {
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(h.as_str()).bold()))
            })
            .collect(),
    );
    let body = rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .map(|cell| TableCell::new().add_paragraph(paragraph(cell)))
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect()).width(5000, WidthType::Pct)
}
