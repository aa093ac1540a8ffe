//! Table renderers: a [`Table`] → a terminal table aligned for CJK width, CSV (UTF-8 with BOM,
//! formula-safe), JSON (an array of row objects keyed by column name) or Parquet (through polars).

use super::{UTF8_BOM, csv_safe, truncate};
use crate::stats::frame::to_frame;
use crate::table::{Table, Value};
use polars::prelude::{DataFrame, ParquetWriter, PolarsError};
use unicode_width::UnicodeWidthStr;

/// How a float is shown in a terminal table: enough digits for a p-value, no more.
fn show_float(f: f64) -> String {
    if f == 0.0 {
        "0".into()
    } else if f.abs() < 1e-3 || f.abs() >= 1e6 {
        format!("{f:.3e}")
    } else {
        format!("{f:.3}")
    }
}

/// How a float is written to CSV: every digit needed to read it back exactly, with an exponent
/// when it is tiny or huge (a p of 1e-216 is `5.6e-216`, not 215 zeros that Excel reads as 0).
fn csv_float(f: f64) -> String {
    if f == 0.0 || !f.is_finite() || (1e-5..1e15).contains(&f.abs()) {
        f.to_string()
    } else {
        format!("{f:e}")
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => show_float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
    }
}

/// Widest a text cell may be in the terminal before it is cut with …
const MAX_CELL_WIDTH: usize = 48;

/// Columns padded to their widest cell (CJK characters count two); numbers right-aligned.
pub fn to_terminal(table: &Table) -> String {
    // A page column stays out of sight when no row has a page (no PDF among the documents); the
    // CSV, JSON and Parquet files keep it, so that scripts see one schema.
    let pageless = |c: &crate::table::Column| {
        (c.name == "page" || c.name.ends_with("_page"))
            && c.values.iter().all(|v| matches!(v, Value::Null))
    };
    if table.columns.iter().any(pageless) {
        let mut shown = table.clone();
        shown.columns.retain(|c| !pageless(c));
        return to_terminal(&shown);
    }
    let cells: Vec<Vec<String>> = (0..table.len())
        .map(|i| {
            table
                .row(i)
                .into_iter()
                .map(|v| truncate(&show(v), MAX_CELL_WIDTH))
                .collect()
        })
        .collect();
    let names = table.names();
    let widths: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            cells
                .iter()
                .map(|row| row[j].width())
                .chain([name.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = table
        .columns
        .iter()
        .map(|c| {
            matches!(
                c.values.iter().find(|v| **v != Value::Null),
                Some(Value::Int(_) | Value::Float(_))
            )
        })
        .collect();
    let mut out = String::new();
    let line = |row: Vec<&str>, out: &mut String| {
        let padded: Vec<String> = row
            .iter()
            .zip(&widths)
            .zip(&numeric)
            .map(|((cell, &w), &right)| {
                let fill = " ".repeat(w.saturating_sub(cell.width()));
                if right {
                    format!("{fill}{cell}")
                } else {
                    format!("{cell}{fill}")
                }
            })
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(names.clone(), &mut out);
    line(
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
        &mut out,
    );
    for row in &cells {
        line(row.iter().map(String::as_str).collect(), &mut out);
    }
    out
}

/// CSV with a BOM so that Excel reads UTF-8; text cells are neutralised against formulas. Floats
/// keep full precision (`csv_float`).
pub fn to_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let write = |writer: &mut csv::Writer<Vec<u8>>, row: Vec<String>| {
        writer.write_record(row).expect("writing to memory");
    };
    write(
        &mut writer,
        table.names().iter().map(|n| n.to_string()).collect(),
    );
    for i in 0..table.len() {
        let row = table
            .row(i)
            .into_iter()
            .map(|v| match v {
                Value::Str(s) => csv_safe(s).into_owned(),
                Value::Float(f) => csv_float(*f),
                other => show(other),
            })
            .collect();
        write(&mut writer, row);
    }
    let bytes = writer.into_inner().expect("writing to memory");
    format!(
        "{UTF8_BOM}{}",
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    )
}

/// An array of row objects whose keys are the column names, in the table's column order (as in
/// CSV); missing values are `null`.
pub fn to_json(table: &Table) -> String {
    let rows: Vec<String> = (0..table.len()).map(|i| json_row(table, i)).collect();
    if rows.is_empty() {
        return "[]\n".to_string();
    }
    format!("[\n  {}\n]\n", rows.join(",\n  "))
}

/// JSON Lines: one row object per line, keys in column order.
pub fn to_jsonl(table: &Table) -> String {
    (0..table.len())
        .map(|i| json_row(table, i) + "\n")
        .collect()
}

/// Row `i` as one JSON object on one line, keys in the table's column order.
fn json_row(table: &Table, i: usize) -> String {
    let fields: Vec<String> = table
        .names()
        .into_iter()
        .zip(table.row(i))
        .map(|(name, v)| {
            let value = match v {
                // JSON has no NaN or infinity.
                Value::Float(f) if !f.is_finite() => serde_json::Value::Null,
                other => serde_json::to_value(other).expect("plain values"),
            };
            format!(
                "{}: {}",
                serde_json::to_string(name).expect("a string"),
                serde_json::to_string(&value).expect("plain values")
            )
        })
        .collect();
    format!("{{{}}}", fields.join(", "))
}

/// Parquet bytes of the table (written through a polars DataFrame).
pub fn to_parquet(table: &Table) -> Result<Vec<u8>, PolarsError> {
    frame_to_parquet(to_frame(table)?)
}

/// Parquet bytes of a polars DataFrame.
pub fn frame_to_parquet(mut frame: DataFrame) -> Result<Vec<u8>, PolarsError> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::ColumnType;

    #[test]
    fn csv_floats_read_back_exactly_and_tiny_ones_have_an_exponent() {
        let values = [
            5.625638395185024e-216,
            0.5,
            1e20,
            0.0,
            12345.678,
            -2.5e-7,
            1e-5,
        ];
        let mut table = Table::new(&[("x", ColumnType::Float)]);
        for v in values {
            table.push(vec![v.into()]);
        }
        let csv = to_csv(&table);
        let cells: Vec<&str> = csv.trim_start_matches(UTF8_BOM).lines().skip(1).collect();
        assert_eq!(
            cells,
            [
                "5.625638395185024e-216",
                "0.5",
                "1e20",
                "0",
                "12345.678",
                "-2.5e-7",
                "0.00001"
            ]
        );
        for (cell, v) in cells.iter().zip(values) {
            assert_eq!(cell.parse::<f64>().unwrap(), v);
        }
    }
}
