//! Result tables: every statistic ends as a [`Table`] (named, typed columns of equal length),
//! which `stats::frame` turns into a polars `DataFrame` and `render::table` writes as a terminal
//! table, CSV, JSON or Parquet. Column names are the JSON keys and the Parquet column names.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Str,
    Int,
    Float,
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Fixed names, or names taken from the data (one column per document of a wide table).
    pub name: std::borrow::Cow<'static, str>,
    pub kind: ColumnType,
    pub values: Vec<Value>,
}

/// Columns of equal length. Built row by row with [`Table::push`].
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
}

impl Table {
    pub fn new(schema: &[(&'static str, ColumnType)]) -> Self {
        Self::with_names(schema.iter().map(|&(name, kind)| (name.into(), kind)))
    }

    /// A table whose column names are built at run time.
    pub fn with_names(
        schema: impl IntoIterator<Item = (std::borrow::Cow<'static, str>, ColumnType)>,
    ) -> Self {
        Self {
            columns: schema
                .into_iter()
                .map(|(name, kind)| Column {
                    name,
                    kind,
                    values: Vec::new(),
                })
                .collect(),
        }
    }

    /// Appends one row; values are given in column order.
    pub fn push(&mut self, row: Vec<Value>) {
        assert_eq!(row.len(), self.columns.len(), "row width");
        for (column, value) in self.columns.iter_mut().zip(row) {
            debug_assert!(
                matches!(
                    (&value, column.kind),
                    (Value::Null, _)
                        | (Value::Str(_), ColumnType::Str)
                        | (Value::Int(_), ColumnType::Int)
                        | (Value::Float(_), ColumnType::Float)
                        | (Value::Bool(_), ColumnType::Bool)
                ),
                "column {} holds {:?}",
                column.name,
                column.kind
            );
            column.values.push(value);
        }
    }

    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_ref()).collect()
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn row(&self, i: usize) -> Vec<&Value> {
        self.columns.iter().map(|c| &c.values[i]).collect()
    }

    /// Keeps the first `n` rows.
    pub fn truncate(&mut self, n: usize) {
        for column in &mut self.columns {
            column.values.truncate(n);
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<u64> for Value {
    fn from(v: u64) -> Self {
        Value::Int(v as i64)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<usize> for Value {
    fn from(v: usize) -> Self {
        Value::Int(v as i64)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}
