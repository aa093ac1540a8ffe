//! `report.xlsx`: the report's [`Table`]s → one Excel workbook, a sheet per table ([`TableId`]),
//! for readers who open tables in a spreadsheet (rust_xlsxwriter). Sheet names and headers are
//! Chinese by default (English with `--lang en`), levels read 中央/省级/市级/县级; typed cells —
//! text stays text (ids such as 001, `false`, formula-looking text: nothing evaluated), years as
//! whole numbers without a thousands separator, counts as integers, measures with three decimals,
//! shares as percentages — a bold header row frozen at the top, an autofilter, column widths from
//! the content, and the workbook's date from `SOURCE_DATE_EPOCH` (the run's date), so that two
//! runs on the same input give the same file.

use crate::present::TableId;
use crate::present::labels::Lang;
use crate::present::labels::{column_zh, value_zh};
use crate::table::{ColumnType, Table, Value};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// Most data rows of one sheet (Excel's limit is 1,048,576 rows with the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Most characters Excel holds in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Widest column, in characters.
const MAX_WIDTH: f64 = 60.0;

/// Collects sheets as tables are rendered, then writes the workbook.
pub struct WorkbookBuilder {
    workbook: Workbook,
    lang: Lang,
    formats: Formats,
}

/// The cell formats of a sheet.
struct Formats {
    header: Format,
    year: Format,
    integer: Format,
    measure: Format,
    share: Format,
}

impl WorkbookBuilder {
    /// A workbook in `lang`, dated `date` (RFC 3339, the run's date; the current time when it
    /// cannot be read).
    pub fn new(lang: Lang, date: &str) -> Self {
        let mut workbook = Workbook::new();
        // Level 1: the largest sheets (term counts, alignments) compress in a third of the time,
        // for a file about a tenth larger.
        workbook.set_zip_compression_level(1);
        let created = chrono::DateTime::parse_from_rfc3339(date)
            .ok()
            .and_then(|d| ExcelDateTime::from_timestamp(d.timestamp()).ok());
        if let Some(created) = created {
            workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        }
        Self {
            workbook,
            lang,
            formats: Formats {
                header: Format::new().set_bold(),
                year: Format::new().set_num_format("0"),
                integer: Format::new().set_num_format("#,##0"),
                measure: Format::new().set_num_format("0.000"),
                share: Format::new().set_num_format("0.0%"),
            },
        }
    }

    /// Adds `table` as the sheet of `id`.
    pub fn add(&mut self, id: TableId, table: &Table) -> Result<(), String> {
        // A large table (the term counts: a million cells on national-gwr) streams one row at a
        // time instead of holding every cell until the workbook is saved.
        // Where no temporary file can be made for it, it is an ordinary sheet.
        let cells = table.len().min(MAX_ROWS) * table.columns.len();
        let streamed =
            cells > LOW_MEMORY_CELLS && self.workbook.add_worksheet_with_low_memory().is_ok();
        if !streamed {
            self.workbook.add_worksheet();
        }
        let sheet = self
            .workbook
            .worksheets_mut()
            .last_mut()
            .expect("a sheet was just added");
        sheet.set_name(id.sheet_name(self.lang)).map_err(err)?;
        fill(sheet, table, &self.formats, self.lang).map_err(err)
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

/// A column of shares (0–1), shown as percentages (not `log_ratio`, a logarithm).
fn is_share(name: &str) -> bool {
    name.starts_with("share")
        || name.ends_with("_share")
        || (name.ends_with("_ratio") && name != "log_ratio")
}

/// Cells above which a sheet is written in rust_xlsxwriter's low-memory mode (one row held at a
/// time, strings still shared).
const LOW_MEMORY_CELLS: usize = 100_000;

/// Writes `table` row by row (as a low-memory sheet needs), then sizes the columns to their
/// widest cell.
fn fill(
    sheet: &mut Worksheet,
    table: &Table,
    formats: &Formats,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let rows = table.len().min(MAX_ROWS);
    let mut widths: Vec<f64> = Vec::with_capacity(table.columns.len());
    for (c, column) in table.columns.iter().enumerate() {
        let name: &str = &column.name;
        let header = match lang {
            Lang::Zh => column_zh(name).unwrap_or(name),
            Lang::En => name,
        };
        sheet.write_string_with_format(0, c as u16, header, &formats.header)?;
        widths.push(unicode_width::UnicodeWidthStr::width(header) as f64);
    }
    let kinds: Vec<(bool, bool)> = table
        .columns
        .iter()
        .map(|column| (is_label(&column.name), is_share(&column.name)))
        .collect();
    for r in 0..rows {
        let row = r as u32 + 1;
        for (c, column) in table.columns.iter().enumerate() {
            let col = c as u16;
            let name: &str = &column.name;
            let (label, share) = kinds[c];
            let value = &column.values[r];
            let shown = match value {
                Value::Str(s) => {
                    let s = match lang {
                        Lang::Zh => value_zh(name, s).map_or_else(|| fit_cell(s), Into::into),
                        Lang::En => fit_cell(s),
                    };
                    sheet.write_string(row, col, s.as_ref())?;
                    unicode_width::UnicodeWidthStr::width(s.as_ref())
                }
                Value::Int(i) if label => {
                    sheet.write_number_with_format(row, col, *i as f64, &formats.year)?;
                    i.to_string().len()
                }
                Value::Int(i) if column.kind == ColumnType::Str => {
                    let text = i.to_string();
                    sheet.write_string(row, col, &text)?;
                    text.len()
                }
                Value::Int(i) => {
                    sheet.write_number_with_format(row, col, *i as f64, &formats.integer)?;
                    let digits = i.to_string().len();
                    digits + digits / 3
                }
                Value::Float(f) if f.is_finite() && share => {
                    sheet.write_number_with_format(row, col, *f, &formats.share)?;
                    7
                }
                Value::Float(f) if f.is_finite() => {
                    sheet.write_number_with_format(row, col, *f, &formats.measure)?;
                    8
                }
                Value::Float(_) | Value::Null => 0,
                Value::Bool(b) => {
                    sheet.write_boolean(row, col, *b)?;
                    5
                }
            };
            widths[c] = widths[c].max(shown as f64);
        }
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (width + 2.0).min(MAX_WIDTH))?;
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
        let mut book = WorkbookBuilder::new(Lang::Zh, "2026-01-01T00:00:00Z");
        book.add(TableId::Formulations, &table).unwrap();
        assert!(book.finish().is_ok());
    }
}

#[cfg(test)]
mod fixed {
    use super::super::fixture::zip_part as part;
    use super::*;

    fn table() -> Table {
        let mut table = Table::new(&[
            ("level", ColumnType::Str),
            ("year", ColumnType::Int),
            ("count", ColumnType::Int),
            ("share", ColumnType::Float),
        ]);
        table.push(vec![
            Value::Str("national".into()),
            Value::Int(2026),
            Value::Int(1354),
            Value::Float(0.625),
        ]);
        table
    }

    #[test]
    fn a_fixed_table_is_a_chinese_sheet_dated_by_the_run() {
        let mut book = WorkbookBuilder::new(Lang::Zh, "2023-11-14T22:13:20Z");
        book.add(TableId::Formulations, &table()).unwrap();
        let bytes = book.finish().unwrap();
        assert!(part(&bytes, "xl/workbook.xml").contains("name=\"提法\""));
        assert!(part(&bytes, "docProps/core.xml").contains("2023-11-14T22:13:20Z"));
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            strings.contains("中央"),
            "levels are labels, not codes: {strings}"
        );
        // Years and counts are numbers, not text.
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains("<v>2026</v>") && sheet.contains("<v>1354</v>"),
            "{sheet}"
        );
        let mut english = WorkbookBuilder::new(Lang::En, "2023-11-14T22:13:20Z");
        english.add(TableId::Formulations, &table()).unwrap();
        let bytes = english.finish().unwrap();
        assert!(part(&bytes, "xl/workbook.xml").contains("name=\"formulations\""));
    }
}
