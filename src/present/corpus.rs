//! The corpus listing: documents (`&[Document]`) → one [`Row`] each (`tifa corpus`): metadata
//! with where each value came from, encoding and sizes; printed as JSON or as a terminal table.

use crate::ingest::Document;
use crate::ingest::metadata::Field;
use serde::Serialize;

/// One row of the corpus table, as printed in JSON.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub title: &'a Field<String>,
    pub date: &'a Field<String>,
    pub year: &'a Field<i32>,
    pub level: &'a Field<crate::ingest::metadata::Level>,
    pub region: &'a Field<String>,
    pub encoding: &'a str,
    pub characters: usize,
    pub sentences: usize,
    pub findings: usize,
}

impl<'a> Row<'a> {
    pub fn of(d: &'a Document) -> Self {
        Row {
            id: &d.id,
            path: &d.path,
            title: &d.meta.title,
            date: &d.meta.date,
            year: &d.meta.year,
            level: &d.meta.level,
            region: &d.meta.region,
            encoding: &d.encoding,
            characters: d.han_chars(),
            sentences: d.structure.sentences.len(),
            findings: d.normalized.findings.len(),
        }
    }
}
