//! A [`Collation`] → bytes: the terminal view, one offline HTML page (the base column fixed while
//! the documents scroll; for print, A4 landscape pages of a few documents each) and one XLSX
//! sheet (the base column frozen, wrapped cells, inserted words red and left-out words struck
//! through as rich text). The writers print the collation as it is; they choose nothing.

use crate::align::PairKind;
use crate::collate::{Cell, Collation, CollationRow, Mark};
use crate::render::report::html::escape;
use std::fmt::Write;

/// Documents per printed table: an A4 landscape page holds the base and this many columns.
pub const PRINT_COLUMNS: usize = 4;

/// The heat count of a row, in words: 保留 3 · 改写 10 · 移动 0 · 未用 3.
pub fn heat_label(row: &CollationRow) -> String {
    format!(
        "相同 {} · 改写 {} · 移动 {} · 未用 {}",
        row.heat.identical, row.heat.changed, row.heat.moved, row.heat.dropped
    )
}

fn kind_zh(kind: PairKind) -> &'static str {
    match kind {
        PairKind::Identical => "相同",
        PairKind::Changed => "改写",
        PairKind::Moved => "移动",
        PairKind::Added => "新增",
        PairKind::Dropped => "未用",
    }
}

/// What the rows leave out, if anything: `；另有 320 句不足 1 份文件采用，未列出`.
pub fn left_out_note(c: &Collation) -> String {
    if c.left_out == 0 {
        String::new()
    } else if c.min_kept <= 1 {
        format!(
            "；另有 {} 句无文件采用，未列出（--min-kept 0 列出全部）",
            c.left_out
        )
    } else {
        format!(
            "；另有 {} 句采用的文件不足 {} 份，未列出（--min-kept 0 列出全部）",
            c.left_out, c.min_kept
        )
    }
}

/// The terminal view: per base sentence its heat, the base, and each document's marked wording
/// (`[-left out-]{+inserted+}`) with where it is; documents that drop it listed on one line.
pub fn terminal(c: &Collation) -> String {
    let mut s = format!(
        "{} 对照 {} 份文件，{} 句{}{}\n标记：[-底本有、文件删去-]{{+文件加入+}}\n",
        c.base,
        c.documents.len(),
        c.rows.len(),
        c.section
            .as_deref()
            .map(|x| format!("（{x}）"))
            .unwrap_or_default(),
        left_out_note(c)
    );
    for row in &c.rows {
        let _ = writeln!(
            s,
            "\n[{}] {}  {}  {}",
            row.sentence,
            row.section,
            row.citation,
            heat_label(row)
        );
        let _ = writeln!(s, "  底本  {}", row.base);
        let mut dropped: Vec<&str> = Vec::new();
        for (doc, cell) in c.documents.iter().zip(&row.cells) {
            if cell.kind == PairKind::Dropped {
                dropped.push(&doc.id);
                continue;
            }
            let _ = writeln!(
                s,
                "  {}（{}）  {}  {}",
                doc.id,
                kind_zh(cell.kind),
                cell.marked(),
                cell.citation
            );
        }
        if row.heat.kept() == 0 {
            let _ = writeln!(s, "  未用：全部 {} 份", dropped.len());
        } else if !dropped.is_empty() {
            let _ = writeln!(s, "  未用：{}", dropped.join(" "));
        }
    }
    s
}

const STYLE: &str = "\
:root{--ink:#1d1d1f;--muted:#6b6b70;--line:#dcdce0;--ins:#b3261e}\
*{box-sizing:border-box}\
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;\
color:var(--ink);line-height:1.7;margin:0;padding:1rem;font-size:15px}\
h1{font-size:1.5rem;margin:.2rem 0 .5rem}p{margin:.3rem 0}\
.legend{color:var(--muted);font-size:.9rem}\
ins{color:var(--ins);text-decoration:none;font-weight:600}\
del{color:var(--muted);text-decoration:line-through}\
.scroll{overflow-x:auto;max-width:100%}\
table{border-collapse:separate;border-spacing:0;font-size:.92rem}\
th,td{border-bottom:1px solid var(--line);border-right:1px solid var(--line);padding:.35rem .5rem;\
text-align:left;vertical-align:top;min-width:15em;max-width:22em}\
thead th{background:#f4f4f6;position:sticky;top:0;z-index:2;font-weight:600}\
th.base{position:sticky;left:0;background:#fff;z-index:1;min-width:18em;font-weight:400}\
thead th.base{z-index:3;background:#f4f4f6}\
td.heat,th.heat{min-width:4.5em;max-width:5em;width:5em;text-align:center;font-variant-numeric:tabular-nums}\
.cite{display:block;color:var(--muted);font-size:.78rem}\
td.dropped{background:#fafafa}\
.print{display:none}\
@media (max-width:600px){body{padding:.5rem;font-size:14px}th.base{min-width:9em;max-width:42vw}\
th,td{min-width:10em}td.heat,th.heat{min-width:3.5em;width:3.5em}}\
@media print{@page{size:A4 landscape;margin:12mm}body{padding:0;font-size:9pt}.screen{display:none}\
.print{display:block}.scroll{overflow:visible}table{width:100%;table-layout:fixed;break-after:page}\
th,td{min-width:0;max-width:none}th.base{position:static;width:28%}td.heat,th.heat{width:7%}\
thead th{position:static}tr{break-inside:avoid}thead{display:table-header-group}}";

/// The heat cell's background: white where no document keeps the sentence, deep where all do.
fn heat_colour(share: f64) -> String {
    // From #ffffff to #f4a259 (a warm orange), linear in the kept share.
    let mix = |to: u8| (255.0 - (255.0 - f64::from(to)) * share.clamp(0.0, 1.0)).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0xf4), mix(0xa2), mix(0x59))
}

fn cell_html(cell: &Cell) -> String {
    if cell.kind == PairKind::Dropped {
        return "<td class=\"dropped\"></td>".to_string();
    }
    let mut s = String::from("<td>");
    for p in &cell.pieces {
        let text = escape(&p.text);
        match p.mark {
            Mark::Same => s.push_str(&text),
            Mark::Inserted => {
                let _ = write!(s, "<ins>{text}</ins>");
            }
            Mark::Deleted => {
                let _ = write!(s, "<del>{text}</del>");
            }
        }
    }
    let _ = write!(
        s,
        "<span class=\"cite\">{} · {} · {:.2}</span></td>",
        kind_zh(cell.kind),
        escape(&cell.citation),
        cell.similarity
    );
    s
}

/// One table of the base and the documents `columns` (indices into `c.documents`).
fn table_html(c: &Collation, columns: &[usize], out: &mut String) {
    out.push_str("<table><thead><tr><th class=\"base\" scope=\"col\">底本 ");
    out.push_str(&escape(&c.base));
    out.push_str("</th><th scope=\"col\" class=\"heat\">采用</th>");
    for &d in columns {
        let doc = &c.documents[d];
        let _ = write!(
            out,
            "<th scope=\"col\">{}<span class=\"cite\">保留底本 {:.0}%</span></th>",
            escape(&doc.id),
            doc.base_kept * 100.0
        );
    }
    out.push_str("</tr></thead><tbody>");
    for row in &c.rows {
        let _ = write!(
            out,
            "<tr><th class=\"base\" scope=\"row\"><span class=\"cite\">第{}句 · {} · {}</span>{}</th>\
             <td class=\"heat\" style=\"background:{}\" title=\"{}\">{}/{}</td>",
            row.sentence,
            escape(&row.section),
            escape(&row.citation),
            escape(&row.base),
            heat_colour(row.heat.kept_share()),
            heat_label(row),
            row.heat.kept(),
            row.heat.total()
        );
        for &d in columns {
            out.push_str(&cell_html(&row.cells[d]));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// The collation as one self-contained HTML page: no script, nothing fetched, all text escaped.
pub fn html(c: &Collation) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>对照表：{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>对照表：{}</h1>\n",
        escape(&c.base),
        escape(&c.base)
    );
    let _ = write!(
        s,
        "<p>底本 {} 的 {} 句{}，对照 {} 份文件{}。</p>\n\
         <p class=\"legend\"><ins>红色</ins>：文件加入或改写的词；<del>删除线</del>：底本有、文件删去的词；\
         “移动”：文件在别处采用；空格：未采用。“采用”列：采用该句的文件数 / 文件总数，颜色越深采用越多。\
         每格下方为出处与相似度。</p>\n",
        escape(&c.base),
        c.rows.len(),
        c.section
            .as_deref()
            .map(|x| format!("（{}部分）", escape(x)))
            .unwrap_or_default(),
        c.documents.len(),
        escape(&left_out_note(c))
    );
    let all: Vec<usize> = (0..c.documents.len()).collect();
    s.push_str("<div class=\"screen scroll\">");
    table_html(c, &all, &mut s);
    s.push_str("</div>\n<div class=\"print\">");
    for chunk in all.chunks(PRINT_COLUMNS) {
        table_html(c, chunk, &mut s);
    }
    s.push_str("</div>\n</body>\n</html>\n");
    s
}

/// The collation as one sheet: row 1 the headers, column A the base (frozen with the header),
/// column B the heat count, then one column per document; inserted words red, left-out words
/// grey and struck through.
pub fn xlsx(c: &Collation, date: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    };
    let mut workbook = Workbook::new();
    if let Some(created) = chrono::DateTime::parse_from_rfc3339(date)
        .ok()
        .and_then(|d| ExcelDateTime::from_timestamp(d.timestamp()).ok())
    {
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("对照表")?;
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(0xdcdce0));
    let header = wrap
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xf4f4f6));
    let plain = Format::new();
    let inserted = Format::new()
        .set_font_color(Color::RGB(0xb3261e))
        .set_bold();
    let deleted = Format::new()
        .set_font_color(Color::RGB(0x8a8a90))
        .set_font_strikethrough();
    sheet.write_string_with_format(0, 0, format!("底本 {}", c.base), &header)?;
    sheet.write_string_with_format(0, 1, "采用（相同/改写/移动/未用）", &header)?;
    sheet.set_column_width(0, BASE_WIDTH)?;
    sheet.set_column_width(1, 14)?;
    for (d, doc) in c.documents.iter().enumerate() {
        let col = (d + 2) as u16;
        sheet.write_string_with_format(
            0,
            col,
            format!("{}（保留底本 {:.0}%）", doc.id, doc.base_kept * 100.0),
            &header,
        )?;
        sheet.set_column_width(col, DOC_WIDTH)?;
    }
    sheet.set_row_height(0, 32)?;
    for (r, row) in c.rows.iter().enumerate() {
        let line = (r + 1) as u32;
        let base = format!(
            "[{}] {} {}\n{}",
            row.sentence, row.section, row.citation, row.base
        );
        // Excel and LibreOffice do not grow rows for rich text on opening: the height is set
        // from the longest cell's wrapped lines (its wording, then its citation line).
        let mut lines = wrapped_lines(&base, BASE_WIDTH);
        for cell in &row.cells {
            if cell.kind != PairKind::Dropped {
                let shown: String = cell.pieces.iter().map(|p| p.text.as_str()).collect();
                lines = lines.max(wrapped_lines(&shown, DOC_WIDTH) + 2);
            }
        }
        sheet.set_row_height(line, (lines as f64 * LINE_POINTS).min(409.0))?;
        sheet.write_string_with_format(line, 0, base, &wrap)?;
        let colour = heat_colour(row.heat.kept_share());
        let rgb = u32::from_str_radix(&colour[1..], 16).unwrap_or(0xffffff);
        sheet.write_string_with_format(
            line,
            1,
            format!(
                "{}/{}\n{}/{}/{}/{}",
                row.heat.kept(),
                row.heat.total(),
                row.heat.identical,
                row.heat.changed,
                row.heat.moved,
                row.heat.dropped
            ),
            &wrap.clone().set_background_color(Color::RGB(rgb)),
        )?;
        for (d, cell) in row.cells.iter().enumerate() {
            let col = (d + 2) as u16;
            if cell.kind == PairKind::Dropped {
                continue;
            }
            let note = format!(
                "\n（{} · {} · {:.2}）",
                kind_zh(cell.kind),
                cell.citation,
                cell.similarity
            );
            let mut rich: Vec<(&Format, &str)> = cell
                .pieces
                .iter()
                .filter(|p| !p.text.is_empty())
                .map(|p| {
                    let format = match p.mark {
                        Mark::Same => &plain,
                        Mark::Inserted => &inserted,
                        Mark::Deleted => &deleted,
                    };
                    (format, p.text.as_str())
                })
                .collect();
            rich.push((&plain, note.as_str()));
            let chars: usize = rich.iter().map(|(_, t)| t.chars().count()).sum();
            if chars > MAX_RICH_CHARS {
                // Longer than a cell holds: the wording in wdiff notation, cut.
                let marked: String = cell.marked().chars().take(MAX_RICH_CHARS).collect();
                sheet.write_string_with_format(line, col, marked, &wrap)?;
            } else {
                sheet.write_rich_string_with_format(line, col, &rich, &wrap)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, 1)?;
    workbook.save_to_buffer()
}

/// Column widths (in widths of a Latin digit) of the base and of each document.
const BASE_WIDTH: f64 = 48.0;
const DOC_WIDTH: f64 = 36.0;
/// The height of one line of 11-point text.
const LINE_POINTS: f64 = 15.0;

/// Lines `text` takes in a wrapped column `width` digits wide (a Chinese character is two).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width - 2.0).max(1.0);
    text.split('\n')
        .map(|l| {
            let w = unicode_width::UnicodeWidthStr::width(l) as f64;
            ((w / per_line).ceil() as usize).max(1)
        })
        .sum()
}

/// Characters of one rich-text cell, below Excel's 32,767 with room for the formatting runs.
const MAX_RICH_CHARS: usize = 30_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_runs_from_white_to_orange() {
        assert_eq!(heat_colour(0.0), "#ffffff");
        assert_eq!(heat_colour(1.0), "#f4a259");
        assert_eq!(heat_colour(2.0), "#f4a259");
    }
}
