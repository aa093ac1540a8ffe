//! The full pair table of `tifa align`: JSON (an object with `pairs`) or CSV (UTF-8 with BOM).

use super::{UTF8_BOM, csv_safe};
use crate::compare::Comparison;
use crate::present::views::{DocumentView, PairView, pair_views};
use serde::Serialize;

#[derive(Serialize)]
struct AlignJson<'a> {
    a: DocumentView,
    b: DocumentView,
    pairs: Vec<PairView>,
    passages: &'a [crate::align::Passage],
    coverage: &'a crate::align::Coverage,
}

pub fn json(c: &Comparison) -> serde_json::Result<String> {
    let out = AlignJson {
        a: DocumentView::of(&c.a),
        b: DocumentView::of(&c.b),
        pairs: pair_views(c),
        passages: &c.alignment.passages,
        coverage: &c.alignment.coverage,
    };
    serde_json::to_string_pretty(&out)
}

pub const CSV_COLUMNS: [&str; 13] = [
    "kind",
    "similarity",
    "class",
    "a_line",
    "a_section",
    "a_start",
    "a_end",
    "a_text",
    "b_line",
    "b_section",
    "b_start",
    "b_end",
    "b_text",
];

pub fn csv(c: &Comparison) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for p in pair_views(c) {
        let mut row: Vec<String> = vec![
            p.kind.as_str().to_string(),
            format!("{:.3}", p.similarity),
            p.class.map(|c| c.as_str().to_string()).unwrap_or_default(),
        ];
        for side in [&p.a, &p.b] {
            match side {
                Some(s) => row.extend([
                    s.line.to_string(),
                    s.section.clone(),
                    s.start.to_string(),
                    s.end.to_string(),
                    csv_safe(&s.text).into_owned(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
        }
        writer.write_record(&row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(format!(
        "{UTF8_BOM}{}",
        String::from_utf8(bytes).expect("csv of strings is UTF-8")
    ))
}
