//! Metadata types: what is known about a document and where each value came from — the manifest,
//! an inference from the text (with its evidence), or nowhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Administrative level of the body that issued the text. A 区 of a city is county-level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Provincial,
    Municipal,
    County,
}

impl Level {
    /// From the highest level down.
    pub const ALL: [Level; 4] = [
        Self::National,
        Self::Provincial,
        Self::Municipal,
        Self::County,
    ];

    /// Its place in [`Level::ALL`]: 0 national … 3 county.
    pub fn rank(self) -> usize {
        self as usize
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "national" | "国家" | "中央" | "全国" => Some(Self::National),
            "provincial" | "province" | "省" | "省级" => Some(Self::Provincial),
            "municipal" | "city" | "市" | "市级" => Some(Self::Municipal),
            "county" | "district" | "县" | "区" | "县级" => Some(Self::County),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::Provincial => "provincial",
            Self::Municipal => "municipal",
            Self::County => "county",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Manifest,
    Inferred,
    Unknown,
}

/// A metadata value with its origin and, when inferred or unknown, the evidence seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: Option<T>,
    pub origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl<T> Field<T> {
    pub fn manifest(value: T) -> Self {
        Self {
            value: Some(value),
            origin: Origin::Manifest,
            evidence: None,
        }
    }
    pub fn inferred(value: T, evidence: impl Into<String>) -> Self {
        Self {
            value: Some(value),
            origin: Origin::Inferred,
            evidence: Some(evidence.into()),
        }
    }
    pub fn unknown(evidence: Option<String>) -> Self {
        Self {
            value: None,
            origin: Origin::Unknown,
            evidence,
        }
    }
    /// The manifest's value if it has one, else `inferred`.
    pub fn prefer(manifest: Option<T>, inferred: Field<T>) -> Self {
        manifest.map_or(inferred, Self::manifest)
    }

    /// The manifest's value as [`Field::prefer`] takes it, but still an inferred one when the row's
    /// `inferred` cell says nobody has checked it (`corpus init` wrote it).
    pub fn prefer_checked(manifest: Option<T>, inferred: Field<T>, unchecked: bool) -> Self {
        match manifest {
            Some(value) if unchecked => Self::inferred(
                value,
                "written by `tifa corpus init` and not yet checked (the manifest's `inferred` column)",
            ),
            manifest => Self::prefer(manifest, inferred),
        }
    }
}

impl<T: fmt::Display> Field<T> {
    /// `2018`, `2018?` when inferred (so the user knows to check it), `?` when unknown.
    pub fn display(&self) -> String {
        match (&self.value, self.origin) {
            (Some(v), Origin::Inferred) => format!("{v}?"),
            (Some(v), _) => v.to_string(),
            (None, _) => "?".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Field<String>,
    pub date: Field<String>,
    pub year: Field<i32>,
    pub level: Field<Level>,
    pub region: Field<String>,
    pub speaker: Option<String>,
    pub genre: Option<String>,
}
