//! Renderers: results and the presentation model ([`crate::present`]) → bytes. `views` resolves
//! spans into text for the JSON and CSV tables; `text` and `report::{markdown, html, docx}` print
//! blocks, one format each. Nothing here computes a result.

pub mod align_table;
pub mod charts;
pub mod collation;
pub mod labels;
pub mod redline;
pub mod report;
pub mod table;
pub mod text;
pub mod views;

/// A CSV cell safe to open in Excel: cells starting with = + - @ (or a tab / CR) are prefixed with
/// an apostrophe so that they are not run as formulas.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Excel needs a BOM to read UTF-8 CSV as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// `0.1234` → `12.3%`.
pub fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// Pads `s` to `width` terminal columns (CJK characters count two).
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Cuts `s` to at most `width` terminal columns, marking the cut with …
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}
