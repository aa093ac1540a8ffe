//! `report.xlsx`: the report's [`Table`]s → one Excel workbook, a sheet per table, for readers who
//! open tables in a spreadsheet (rust_xlsxwriter): typed cells — text stays text (ids such as 001,
//! `false`, dates, formula-looking text: no apostrophe needed, nothing evaluated), years stored as
//! text since they are labels, counts and measures as numbers — a bold header row frozen at the
//! top, an autofilter, and column widths from the content.

use crate::stats::table::{ColumnType, Table, Value};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// Most data rows of one sheet (Excel's limit is 1,048,576 rows with the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Most characters Excel holds in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Widest column, in characters.
const MAX_WIDTH: f64 = 60.0;

/// Collects sheets as tables are rendered, then writes the workbook.
pub struct WorkbookBuilder {
    workbook: Workbook,
    header: Format,
}

impl Default for WorkbookBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl WorkbookBuilder {
    pub fn new() -> Self {
        Self {
            workbook: Workbook::new(),
            header: Format::new().set_bold(),
        }
    }

    /// Adds `table` as the sheet `name` (at most 31 characters, as Excel allows).
    pub fn add(&mut self, name: &str, table: &Table) -> Result<(), String> {
        let sheet = self.workbook.add_worksheet();
        let name: String = name.chars().take(31).collect();
        sheet.set_name(name).map_err(err)?;
        fill(sheet, table, &self.header).map_err(err)
    }

    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        self.workbook.save_to_buffer().map_err(err)
    }
}

fn err(e: rust_xlsxwriter::XlsxError) -> String {
    e.to_string()
}

/// A column of labels although its values are integers: years name a document's time, they are
/// not quantities to add.
fn is_label(name: &str) -> bool {
    name == "year" || name.ends_with("_year") || name.starts_with("year_")
}

/// A text cut to what one Excel cell holds, with a note that says where the whole is (the same
/// table's CSV and Parquet files keep it), so that one long cell never fails the workbook.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    const NOTE: &str = " …（超出 Excel 单元格上限，全文见同名 CSV/Parquet 表 / cut at Excel's cell limit: the whole is in the table's CSV and Parquet files）";
    let keep = MAX_CELL_CHARS - NOTE.chars().count();
    let mut cut: String = s.chars().take(keep).collect();
    cut.push_str(NOTE);
    std::borrow::Cow::Owned(cut)
}

fn fill(
    sheet: &mut Worksheet,
    table: &Table,
    header: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let rows = table.len().min(MAX_ROWS);
    for (c, column) in table.columns.iter().enumerate() {
        let col = c as u16;
        sheet.write_string_with_format(0, col, column.name, header)?;
        let label = is_label(column.name);
        let mut width = unicode_width::UnicodeWidthStr::width(column.name) as f64;
        for (r, value) in column.values.iter().take(rows).enumerate() {
            let row = r as u32 + 1;
            let shown = match value {
                Value::Str(s) => {
                    let s = fit_cell(s);
                    sheet.write_string(row, col, s.as_ref())?;
                    unicode_width::UnicodeWidthStr::width(s.as_ref())
                }
                Value::Int(i) if label || column.kind == ColumnType::Str => {
                    let text = i.to_string();
                    sheet.write_string(row, col, &text)?;
                    text.len()
                }
                Value::Int(i) => {
                    sheet.write_number(row, col, *i as f64)?;
                    i.to_string().len()
                }
                Value::Float(f) if f.is_finite() => {
                    sheet.write_number(row, col, *f)?;
                    8
                }
                Value::Float(_) | Value::Null => 0,
                Value::Bool(b) => {
                    sheet.write_boolean(row, col, *b)?;
                    5
                }
            };
            width = width.max(shown as f64);
        }
        sheet.set_column_width(col, (width + 2.0).min(MAX_WIDTH))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.columns.is_empty() && rows > 0 {
        sheet.autofilter(0, 0, rows as u32, table.columns.len() as u16 - 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_longer_than_excel_allows_is_cut_with_a_note() {
        let long = "投资于人".repeat(10_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with("CSV and Parquet files）"));
        assert_eq!(fit_cell("短"), "短");
        let mut table = Table::new(&[("places", ColumnType::Str)]);
        table.push(vec![Value::Str(long)]);
        let mut book = WorkbookBuilder::new();
        book.add("t", &table).unwrap();
        assert!(book.finish().is_ok());
    }
}
