//! Comparison plan: documents' metadata ([`DocInfo`]) → the pairs a report compares
//! ([`PlannedPair`]): cross-level (a lower-level document against higher-level ones of the same or
//! previous year, or else the closest earlier one), then year over year (each document against its
//! own region's previous one of its level; never a peer of another region), or the user's `A:B`
//! list. Across levels a document is paired only
//! within its own hierarchy (its city, its province, the national level; by the division table,
//! when both regions are known), never with one dated later in the same year.

use crate::ingest::metadata::Level;
use crate::stats::counts::DocInfo;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanError {
    #[error("`{0}` is not a pair: write A:B with document ids (or unique prefixes), e.g. 001:000")]
    Syntax(String),
    #[error("no document `{0}` in the corpus (ids: {1})")]
    Unknown(String, String),
    #[error("`{0}` matches several documents ({1}): give more of the id")]
    Ambiguous(String, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PairReason {
    /// Same level, B's closest earlier year.
    YearOverYear,
    /// B is lower-level than A, A of the same or the previous year.
    CrossLevel,
    /// B is lower-level than A, A the closest earlier higher-level document (none of the same or
    /// previous year).
    CrossLevelEarlier,
    /// Asked for with --pairs.
    User,
    /// The two share much text that is not stock (corpus-wide reuse), whatever their years.
    SharedText,
}

impl PairReason {
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::YearOverYear => "同级逐年",
            Self::CrossLevel => "上下级",
            Self::CrossLevelEarlier => "上下级（最近的上级文件）",
            Self::User => "指定",
            Self::SharedText => "文本复用",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Self::YearOverYear => "year over year",
            Self::CrossLevel => "cross-level",
            Self::CrossLevelEarlier => "cross-level (closest earlier)",
            Self::User => "requested",
            Self::SharedText => "shared text",
        }
    }
}

/// A (earlier or higher-level) against B (later or lower-level), as indices into the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlannedPair {
    pub a: usize,
    pub b: usize,
    pub reason: PairReason,
}

/// Most earlier documents a document is compared with year over year when none shares its region.
const MAX_PREVIOUS: usize = 3;

/// Documents by (level, year), for finding neighbours without scanning the corpus per document.
type ByLevelYear = BTreeMap<(Level, i32), Vec<usize>>;

/// The automatic plan: year-over-year pairs first, then cross-level ones, each pair once.
pub fn auto_plan(docs: &[DocInfo]) -> Vec<PlannedPair> {
    let mut by_level_year: ByLevelYear = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let (Some(level), Some(year)) = (d.level, d.year) {
            by_level_year.entry((level, year)).or_default().push(i);
        }
    }
    let mut plan = Vec::new();
    let mut seen = HashSet::new();
    for b in 0..docs.len() {
        let (higher, reason) = higher_level_sources(docs, &by_level_year, b);
        for a in higher {
            push_once(&mut plan, &mut seen, a, b, reason);
        }
    }
    for b in 0..docs.len() {
        for a in previous_same_level(docs, &by_level_year, b) {
            push_once(&mut plan, &mut seen, a, b, PairReason::YearOverYear);
        }
    }
    plan
}

fn push_once(
    plan: &mut Vec<PlannedPair>,
    seen: &mut HashSet<(usize, usize)>,
    a: usize,
    b: usize,
    reason: PairReason,
) {
    if a != b && seen.insert((a, b)) {
        plan.push(PlannedPair { a, b, reason });
    }
}

/// Up to [`MAX_PREVIOUS`] of `candidates`, those of b's region first.
fn closest(docs: &[DocInfo], b: usize, candidates: &[usize]) -> Vec<usize> {
    let same_region = |a: &usize| docs[*a].region.is_some() && docs[*a].region == docs[b].region;
    let mut chosen: Vec<usize> = candidates.iter().copied().filter(same_region).collect();
    if chosen.is_empty() {
        chosen = candidates.to_vec();
    }
    chosen.truncate(MAX_PREVIOUS);
    chosen
}

/// b's own region's previous document(s) of its level: those of the closest earlier year that has
/// one. Never a peer (another region's document of the same level): when b's region is known,
/// only its own; when it is not, up to [`MAX_PREVIOUS`] of the closest earlier year whose
/// regions are unknown too.
fn previous_same_level(docs: &[DocInfo], index: &ByLevelYear, b: usize) -> Vec<usize> {
    let (Some(year), Some(level)) = (docs[b].year, docs[b].level) else {
        return Vec::new();
    };
    fn known(d: &DocInfo) -> Option<&str> {
        d.region.as_deref().filter(|r| !is_placeholder(r))
    }
    let earlier = || index.range((level, i32::MIN)..(level, year)).rev();
    let closest_with = |keep: &dyn Fn(&usize) -> bool| {
        earlier()
            .map(|(_, of_year)| {
                let mut own: Vec<usize> = of_year.iter().copied().filter(keep).collect();
                own.truncate(MAX_PREVIOUS);
                own
            })
            .find(|own| !own.is_empty())
            .unwrap_or_default()
    };
    // Its own region's, however many years back; else one whose region is unknown (or
    // anonymised, XX县), which no rule tells apart from its own.
    let own = closest_with(&|a: &usize| {
        known(&docs[*a]).is_some() && known(&docs[*a]) == known(&docs[b])
    });
    if !own.is_empty() {
        return own;
    }
    closest_with(&|a: &usize| known(&docs[*a]).is_none() || known(&docs[b]).is_none())
}

/// A region name that stands for an anonymised one (XX县, 某省, ××市): no region known.
pub(crate) fn is_placeholder(region: &str) -> bool {
    region.contains("XX") || region.contains('某') || region.contains('×') || region.contains("xx")
}

/// Higher-level documents of b's year or the year before; failing those, the closest earlier
/// year that has any. Up to [`MAX_PREVIOUS`] per level, b's region first.
fn higher_level_sources(
    docs: &[DocInfo],
    index: &ByLevelYear,
    b: usize,
) -> (Vec<usize>, PairReason) {
    let (Some(year), Some(level)) = (docs[b].year, docs[b].level) else {
        return (Vec::new(), PairReason::CrossLevel);
    };
    // Levels are ordered national < provincial < municipal < county: "higher" sorts lower.
    let higher_levels: BTreeSet<Level> = index
        .keys()
        .map(|(l, _)| *l)
        .filter(|l| *l < level)
        .collect();
    let may_source = |a: &usize| crate::hierarchy::may_draw_on(&docs[b], &docs[*a]);
    let mut recent = Vec::new();
    for &l in &higher_levels {
        let mut of_level: Vec<usize> = Vec::new();
        for y in [year, year - 1] {
            of_level.extend(
                index
                    .get(&(l, y))
                    .into_iter()
                    .flatten()
                    .filter(|a| may_source(a)),
            );
        }
        recent.extend(closest(docs, b, &of_level));
    }
    if !recent.is_empty() {
        return (recent, PairReason::CrossLevel);
    }
    let mut earlier = Vec::new();
    for &l in &higher_levels {
        let allowed = index
            .range((l, i32::MIN)..(l, year))
            .rev()
            .map(|(_, of_year)| {
                of_year
                    .iter()
                    .copied()
                    .filter(may_source)
                    .collect::<Vec<_>>()
            })
            .find(|of_year| !of_year.is_empty());
        if let Some(of_year) = allowed {
            earlier.push((of_year[0], closest(docs, b, &of_year)));
        }
    }
    // The closest earlier year over all higher levels.
    let best = earlier.iter().filter_map(|(a, _)| docs[*a].year).max();
    let chosen = earlier
        .into_iter()
        .filter(|(a, _)| docs[*a].year == best)
        .flat_map(|(_, chosen)| chosen)
        .collect();
    (chosen, PairReason::CrossLevelEarlier)
}

/// Parses `001:000,002:000` (ids or unique id prefixes).
pub fn user_plan(spec: &str, docs: &[DocInfo]) -> Result<Vec<PlannedPair>, PlanError> {
    let mut plan = Vec::new();
    let mut seen = HashSet::new();
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (a, b) = item
            .split_once(':')
            .ok_or_else(|| PlanError::Syntax(item.to_string()))?;
        push_once(
            &mut plan,
            &mut seen,
            find(docs, a)?,
            find(docs, b)?,
            PairReason::User,
        );
    }
    if plan.is_empty() {
        return Err(PlanError::Syntax(spec.to_string()));
    }
    Ok(plan)
}

fn find(docs: &[DocInfo], key: &str) -> Result<usize, PlanError> {
    let key = key.trim();
    if let Some(i) = docs.iter().position(|d| d.id == key) {
        return Ok(i);
    }
    let matches: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].id.starts_with(key))
        .collect();
    let ids = |list: &mut dyn Iterator<Item = usize>| {
        list.map(|i| docs[i].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matches.len() {
        1 => Ok(matches[0]),
        0 => Err(PlanError::Unknown(
            key.to_string(),
            ids(&mut (0..docs.len())),
        )),
        _ => Err(PlanError::Ambiguous(
            key.to_string(),
            ids(&mut matches.into_iter()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, year: i32, level: Level, region: &str) -> DocInfo {
        DocInfo::for_test(id, year, level, region)
    }

    #[test]
    fn plan_of_the_samples() {
        // As in corpus/manifest.csv.
        let docs = [
            doc("000", 2023, Level::County, "承德县"),
            doc("001", 2018, Level::County, "XX县"),
            doc("002", 2019, Level::Provincial, "河南省"),
            doc("003", 2018, Level::County, "天津市河东区"),
        ];
        let plan: Vec<(usize, usize, PairReason)> = auto_plan(&docs)
            .into_iter()
            .map(|p| (p.a, p.b, p.reason))
            .collect();
        // Henan's provincial summary is no source for a county of Hebei; a district of Tianjin
        // is a peer of 承德县, not its previous speech; XX县 (anonymised) may be its own.
        assert_eq!(plan, [(1, 0, PairReason::YearOverYear)]);
    }

    #[test]
    fn a_source_is_of_the_same_hierarchy_and_not_dated_later() {
        let mut national = doc("n", 2023, Level::National, "全国");
        national.date = Some("2023-03-05".into());
        let mut guangdong = doc("g", 2023, Level::Provincial, "广东省");
        guangdong.date = Some("2023-01-12".into());
        let hebei = doc("h", 2023, Level::Provincial, "河北省");
        let chengde = doc("c", 2023, Level::County, "承德县");
        let docs = [national, guangdong, hebei, chengde];
        let plan = auto_plan(&docs);
        let pairs: Vec<(usize, usize)> = plan.iter().map(|p| (p.a, p.b)).collect();
        assert!(
            !pairs.contains(&(0, 1)),
            "12 January draws on 5 March: {pairs:?}"
        );
        assert!(pairs.contains(&(0, 2)), "{pairs:?}");
        assert!(pairs.contains(&(2, 3)), "Hebei over its county: {pairs:?}");
        assert!(
            !pairs.contains(&(1, 3)),
            "Guangdong over a Hebei county: {pairs:?}"
        );
    }

    #[test]
    fn same_region_first_and_same_or_previous_year_across_levels() {
        let docs = [
            doc("a", 2020, Level::County, "甲县"),
            doc("b", 2020, Level::County, "乙县"),
            doc("c", 2021, Level::County, "甲县"),
            doc("p", 2021, Level::Provincial, "某省"),
            doc("q", 2019, Level::Provincial, "某省"),
        ];
        let plan = auto_plan(&docs);
        let has = |a, b, r| plan.contains(&PlannedPair { a, b, reason: r });
        assert!(has(0, 2, PairReason::YearOverYear));
        assert!(!plan.iter().any(|p| p.a == 1 && p.b == 2), "{plan:?}");
        assert!(has(3, 2, PairReason::CrossLevel));
        assert!(has(4, 0, PairReason::CrossLevel));
        assert!(has(4, 3, PairReason::YearOverYear));
    }

    #[test]
    fn user_pairs() {
        let docs = [
            doc("000_x", 2023, Level::County, "甲"),
            doc("001_y", 2018, Level::County, "乙"),
        ];
        let plan = user_plan("001:000", &docs).unwrap();
        assert_eq!(
            plan,
            [PlannedPair {
                a: 1,
                b: 0,
                reason: PairReason::User
            }]
        );
        assert!(matches!(
            user_plan("001-000", &docs),
            Err(PlanError::Syntax(_))
        ));
        assert!(matches!(
            user_plan("009:000", &docs),
            Err(PlanError::Unknown(..))
        ));
        assert!(matches!(
            user_plan("0:001", &docs),
            Err(PlanError::Ambiguous(..))
        ));
    }
}
