//! Renderers: results and the presentation model ([`crate::present`]) → bytes. `views` resolves
//! spans into text for the JSON and CSV tables; `text` and `report::{markdown, html, docx}` print
//! blocks, one format each. Nothing here computes a result.

pub mod align_table;
pub mod charts;
pub mod collation;
pub mod redline;
pub mod report;
pub mod table;
pub mod text;

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

pub use crate::present::fmt::{pad, percent, truncate};
