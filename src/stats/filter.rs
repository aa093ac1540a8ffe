//! Document filters: a string such as `level=county`, `year<2023` or `region=河南省,year>=2018`
//! → a [`Filter`] that selects [`DocInfo`]s. Conditions separated by commas must all hold.

use super::counts::DocInfo;
use crate::ingest::metadata::Level;
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FilterError {
    #[error(
        "`{0}` is not a condition: write FIELD OP VALUE, e.g. level=county, year<2023, region=河南省"
    )]
    Syntax(String),
    #[error("unknown field `{0}` (fields: year, level, region, genre, doc)")]
    Field(String),
    #[error("`{0}` is not a year")]
    Year(String),
    #[error("`{0}` is not a level (national, provincial, municipal, county)")]
    Level(String),
    #[error("`{op}` does not apply to {field} (use = or !=)")]
    Operator { field: &'static str, op: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
    fn holds<T: PartialOrd>(self, left: T, right: T) -> bool {
        match self {
            Op::Eq => left == right,
            Op::Ne => left != right,
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Condition {
    Year(Op, i32),
    /// Levels are ordered from national down: `level>provincial` would be confusing, so only = and !=.
    Level(Op, Level),
    Region(Op, String),
    Genre(Op, String),
    Doc(Op, String),
}

/// All conditions must hold. A document whose field is unknown satisfies no condition on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    conditions: Vec<Condition>,
    text: String,
}

impl Filter {
    pub fn matches(&self, doc: &DocInfo) -> bool {
        self.conditions.iter().all(|c| match c {
            Condition::Year(op, y) => doc.year.is_some_and(|v| op.holds(v, *y)),
            Condition::Level(op, l) => doc.level.is_some_and(|v| op.holds(v, *l)),
            Condition::Region(op, r) => doc.region.as_ref().is_some_and(|v| op.holds(v, r)),
            Condition::Genre(op, g) => doc.genre.as_ref().is_some_and(|v| op.holds(v, g)),
            Condition::Doc(op, id) => op.holds(doc.id.as_str(), id.as_str()),
        })
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Filter {
    type Err = FilterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let conditions = s
            .split([',', '，'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(parse_condition)
            .collect::<Result<Vec<_>, _>>()?;
        if conditions.is_empty() {
            return Err(FilterError::Syntax(s.to_string()));
        }
        Ok(Self {
            conditions,
            text: s.trim().to_string(),
        })
    }
}

fn parse_condition(s: &str) -> Result<Condition, FilterError> {
    let at = s
        .find(['=', '!', '<', '>'])
        .ok_or_else(|| FilterError::Syntax(s.to_string()))?;
    let field = s[..at].trim().to_lowercase();
    let rest = &s[at..];
    let (op, value) = [
        ("!=", Op::Ne),
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("==", Op::Eq),
        ("=", Op::Eq),
        ("<", Op::Lt),
        (">", Op::Gt),
    ]
    .iter()
    .find_map(|(token, op)| rest.strip_prefix(token).map(|v| (*op, v.trim())))
    .ok_or_else(|| FilterError::Syntax(s.to_string()))?;
    if value.is_empty() {
        return Err(FilterError::Syntax(s.to_string()));
    }
    let equality_only = |field: &'static str| {
        if matches!(op, Op::Eq | Op::Ne) {
            Ok(())
        } else {
            Err(FilterError::Operator {
                field,
                op: op.as_str().to_string(),
            })
        }
    };
    match field.as_str() {
        "year" => value
            .parse()
            .map(|y| Condition::Year(op, y))
            .map_err(|_| FilterError::Year(value.to_string())),
        "level" => {
            equality_only("level")?;
            Level::parse(value)
                .map(|l| Condition::Level(op, l))
                .ok_or_else(|| FilterError::Level(value.to_string()))
        }
        "region" => equality_only("region").map(|_| Condition::Region(op, value.to_string())),
        "genre" => equality_only("genre").map(|_| Condition::Genre(op, value.to_string())),
        "doc" | "id" => equality_only("doc").map(|_| Condition::Doc(op, value.to_string())),
        _ => Err(FilterError::Field(field)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(year: Option<i32>, level: Option<Level>, region: &str) -> DocInfo {
        DocInfo {
            year,
            level,
            han_chars: 1,
            tokens: 1,
            ..DocInfo::for_test("000", 0, Level::National, region)
        }
    }

    #[test]
    fn conditions() {
        let county_2023 = doc(Some(2023), Some(Level::County), "承德县");
        let henan_2019 = doc(Some(2019), Some(Level::Provincial), "河南省");
        let f = |s: &str| s.parse::<Filter>().unwrap();
        assert!(f("level=county").matches(&county_2023));
        assert!(!f("level=county").matches(&henan_2019));
        assert!(f("year<2023").matches(&henan_2019));
        assert!(!f("year<2023").matches(&county_2023));
        assert!(f("region=河南省, year>=2019").matches(&henan_2019));
        assert!(f("level!=county").matches(&henan_2019));
        assert!(
            !f("year=2018").matches(&doc(None, None, "x")),
            "unknown year"
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            "colour=red".parse::<Filter>(),
            Err(FilterError::Field("colour".into()))
        );
        assert_eq!(
            "year=soon".parse::<Filter>(),
            Err(FilterError::Year("soon".into()))
        );
        assert!(matches!(
            "level<county".parse::<Filter>(),
            Err(FilterError::Operator { .. })
        ));
        assert!(matches!(
            "county".parse::<Filter>(),
            Err(FilterError::Syntax(_))
        ));
        assert!(matches!("".parse::<Filter>(), Err(FilterError::Syntax(_))));
    }
}
