//! Diffusion of formulations: [`FormulationStat`]s (each with every place it occurs) and the
//! documents' [`DocInfo`]s → a [`Diffusion`]: per formulation its adoption by level year by year
//! (the share of that level's documents of the year using it, and the same per province), its
//! first appearance in each region, and the lag from level to level (national → provincial →
//! municipal → county, between the levels it was seen at) under the censoring rule of
//! [`FormulationStat::lag`] (ARCHITECTURE.md, "Diffusion lag").

use super::counts::DocInfo;
use super::formulations::{FormulationStat, LagStatus, LevelStarts, lag_between, level_starts};
use crate::ingest::metadata::Level;
use crate::table::{ColumnType, Table, Value};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Formulations used by fewer documents have no diffusion to speak of.
pub const MIN_DIFFUSION_DOCS: u32 = 3;
/// The region of a national document.
pub const NATIONAL_REGION: &str = "全国";

const LEVELS: [Level; 4] = [
    Level::National,
    Level::Provincial,
    Level::Municipal,
    Level::County,
];

/// How many of one level's documents of one year (in one province, or in all) use a formulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adoption {
    pub formulation: String,
    pub level: Level,
    /// The province (全国 for national documents); `None` for all regions together.
    pub region: Option<String>,
    pub year: i32,
    pub using: u32,
    pub docs: u32,
}

impl Adoption {
    pub fn share(&self) -> f64 {
        f64::from(self.using) / f64::from(self.docs.max(1))
    }
}

/// Where a formulation was first seen in a region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstUse {
    pub formulation: String,
    /// The province, or 全国.
    pub region: String,
    pub year: i32,
    /// The earliest document of that year there using it (first by id).
    pub doc: String,
}

/// The lag of one step down the hierarchy, between two levels a formulation was seen at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepLag {
    pub formulation: String,
    pub from: Level,
    pub to: Level,
    pub years: Option<i32>,
    pub status: LagStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diffusion {
    /// Every formulation of at least [`MIN_DIFFUSION_DOCS`] documents, most documents first.
    pub formulations: Vec<String>,
    /// All regions: every level and year with documents, from the formulation's first year on;
    /// per province: only the years it was used there.
    pub adoption: Vec<Adoption>,
    pub first_uses: Vec<FirstUse>,
    pub lags: Vec<StepLag>,
}

/// A document's province, or 全国 for a national one; `None` when its region is unknown.
fn province(info: &DocInfo) -> Option<String> {
    if info.level == Some(Level::National) {
        return Some(NATIONAL_REGION.to_string());
    }
    let division = crate::ingest::divisions::by_code(info.division?)?;
    crate::ingest::divisions::province_of(division).map(|p| p.name.to_string())
}

/// The diffusion of every formulation of at least [`MIN_DIFFUSION_DOCS`] documents.
pub fn diffusion(stats: &[FormulationStat], infos: &[DocInfo]) -> Diffusion {
    let by_id: BTreeMap<&str, &DocInfo> = infos.iter().map(|d| (d.id.as_str(), d)).collect();
    let provinces: BTreeMap<&str, Option<String>> =
        infos.iter().map(|d| (d.id.as_str(), province(d))).collect();
    // Documents per (level, year), and per (level, province, year).
    let mut docs_in: BTreeMap<(Level, i32), u32> = BTreeMap::new();
    let mut docs_in_region: BTreeMap<(Level, String, i32), u32> = BTreeMap::new();
    for info in infos {
        if let (Some(level), Some(year)) = (info.level, info.year) {
            *docs_in.entry((level, year)).or_default() += 1;
            if let Some(p) = &provinces[info.id.as_str()] {
                *docs_in_region.entry((level, p.clone(), year)).or_default() += 1;
            }
        }
    }
    let starts = level_starts(infos);
    let mut out = Diffusion::default();
    let mut strong: Vec<&FormulationStat> = stats
        .iter()
        .filter(|s| s.docs >= MIN_DIFFUSION_DOCS)
        .collect();
    strong.sort_by(|a, b| b.docs.cmp(&a.docs).then(b.count.cmp(&a.count)));
    for stat in strong {
        let users: BTreeSet<&str> = stat.places.iter().map(|p| p.doc.as_str()).collect();
        let users: Vec<&DocInfo> = users
            .iter()
            .filter_map(|id| by_id.get(id).copied())
            .collect();
        out.formulations.push(stat.text.clone());
        adoption_of(
            stat,
            &users,
            &docs_in,
            &docs_in_region,
            &provinces,
            &mut out,
        );
        first_uses_of(stat, &users, &provinces, &mut out);
        step_lags_of(stat, &starts, &mut out);
    }
    out
}

fn adoption_of(
    stat: &FormulationStat,
    users: &[&DocInfo],
    docs_in: &BTreeMap<(Level, i32), u32>,
    docs_in_region: &BTreeMap<(Level, String, i32), u32>,
    provinces: &BTreeMap<&str, Option<String>>,
    out: &mut Diffusion,
) {
    let mut using: BTreeMap<(Level, i32), u32> = BTreeMap::new();
    let mut using_region: BTreeMap<(Level, String, i32), u32> = BTreeMap::new();
    for info in users {
        let (Some(level), Some(year)) = (info.level, info.year) else {
            continue;
        };
        *using.entry((level, year)).or_default() += 1;
        if let Some(p) = &provinces[info.id.as_str()] {
            *using_region.entry((level, p.clone(), year)).or_default() += 1;
        }
    }
    let Some(first) = stat.first_year else { return };
    for (&(level, year), &docs) in docs_in {
        if year < first {
            continue;
        }
        out.adoption.push(Adoption {
            formulation: stat.text.clone(),
            level,
            region: None,
            year,
            using: using.get(&(level, year)).copied().unwrap_or(0),
            docs,
        });
    }
    for ((level, region, year), n) in using_region {
        let docs = docs_in_region[&(level, region.clone(), year)];
        out.adoption.push(Adoption {
            formulation: stat.text.clone(),
            level,
            region: Some(region),
            year,
            using: n,
            docs,
        });
    }
}

fn first_uses_of(
    stat: &FormulationStat,
    users: &[&DocInfo],
    provinces: &BTreeMap<&str, Option<String>>,
    out: &mut Diffusion,
) {
    let mut first: BTreeMap<&str, (i32, &str)> = BTreeMap::new();
    for info in users {
        let (Some(year), Some(Some(region))) = (info.year, provinces.get(info.id.as_str())) else {
            continue;
        };
        let entry = first.entry(region.as_str()).or_insert((year, &info.id));
        if (year, info.id.as_str()) < *entry {
            *entry = (year, &info.id);
        }
    }
    let mut firsts: Vec<(&str, (i32, &str))> = first.into_iter().collect();
    firsts.sort_by_key(|&(region, (year, _))| (year, region));
    out.first_uses
        .extend(firsts.into_iter().map(|(region, (year, doc))| FirstUse {
            formulation: stat.text.clone(),
            region: region.to_string(),
            year,
            doc: doc.to_string(),
        }));
}

fn step_lags_of(stat: &FormulationStat, starts: &LevelStarts, out: &mut Diffusion) {
    let seen = stat.levels_seen();
    for step in seen.windows(2) {
        let ((hi, hi_year), (lo, lo_year)) = (step[0], step[1]);
        let (years, status) = lag_between(hi_year, lo_year, starts[lo]);
        out.lags.push(StepLag {
            formulation: stat.text.clone(),
            from: LEVELS[hi],
            to: LEVELS[lo],
            years,
            status,
        });
    }
}

/// Documents a year needs for its share of adopters to be charted.
pub const MIN_YEAR_DOCS: u32 = 3;

impl Diffusion {
    /// The yearly share of documents below the national level using `formulation` (of all
    /// documents when the corpus has only national ones), for the adoption curves.
    pub fn curve(&self, formulation: &str) -> Vec<(i32, f64)> {
        self.curve_counts(formulation)
            .into_iter()
            .map(|(year, using, docs)| (year, f64::from(using) / f64::from(docs.max(1))))
            .collect()
    }

    /// [`Diffusion::curve`] as (year, documents using it, documents).
    fn curve_counts(&self, formulation: &str) -> Vec<(i32, u32, u32)> {
        let rows: Vec<&Adoption> = self
            .adoption
            .iter()
            .filter(|a| a.formulation == formulation && a.region.is_none())
            .collect();
        let below = rows.iter().any(|a| a.level != Level::National);
        let mut by_year: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
        for a in rows.iter().filter(|a| !below || a.level != Level::National) {
            let entry = by_year.entry(a.year).or_default();
            entry.0 += a.using;
            entry.1 += a.docs;
        }
        by_year
            .into_iter()
            .map(|(year, (using, docs))| (year, using, docs))
            .collect()
    }

    /// The formulations whose curves are drawn: the most widely used of those seen in at least
    /// two years whose share means something — some year with at least [`MIN_YEAR_DOCS`]
    /// documents (one document a year gives only 0% or 100%) — and that are not at 100% in every
    /// year (such lines hide each other and say nothing).
    pub fn charted(&self, n: usize) -> Vec<&str> {
        self.formulations
            .iter()
            .filter(|f| {
                let counts = self.curve_counts(f);
                let seen = counts.iter().filter(|(_, using, _)| *using > 0).count();
                let shared = counts.iter().any(|(_, _, docs)| *docs >= MIN_YEAR_DOCS);
                let everywhere = counts.iter().all(|(_, using, docs)| using == docs);
                seen >= 2 && shared && !everywhere
            })
            .take(n)
            .map(String::as_str)
            .collect()
    }

    pub fn adoption_table(&self) -> Table {
        let mut t = Table::new(&[
            ("formulation", ColumnType::Str),
            ("level", ColumnType::Str),
            ("region", ColumnType::Str),
            ("year", ColumnType::Int),
            ("docs_using", ColumnType::Int),
            ("docs", ColumnType::Int),
            ("share", ColumnType::Float),
        ]);
        for a in &self.adoption {
            t.push(vec![
                Value::from(a.formulation.as_str()),
                a.level.as_str().into(),
                a.region.as_deref().into(),
                a.year.into(),
                a.using.into(),
                a.docs.into(),
                a.share().into(),
            ]);
        }
        t
    }

    pub fn first_use_table(&self) -> Table {
        let mut t = Table::new(&[
            ("formulation", ColumnType::Str),
            ("region", ColumnType::Str),
            ("first_year", ColumnType::Int),
            ("doc", ColumnType::Str),
        ]);
        for f in &self.first_uses {
            t.push(vec![
                Value::from(f.formulation.as_str()),
                f.region.as_str().into(),
                f.year.into(),
                f.doc.as_str().into(),
            ]);
        }
        t
    }

    pub fn lag_table(&self) -> Table {
        let mut t = Table::new(&[
            ("formulation", ColumnType::Str),
            ("from_level", ColumnType::Str),
            ("to_level", ColumnType::Str),
            ("lag_years", ColumnType::Int),
            ("lag_status", ColumnType::Str),
        ]);
        for l in &self.lags {
            t.push(vec![
                Value::from(l.formulation.as_str()),
                l.from.as_str().into(),
                l.to.as_str().into(),
                l.years.into(),
                l.status.as_str().into(),
            ]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::formulations::Place;
    use crate::words::formulation::FormulationKind;

    fn info(id: &str, year: i32, level: Level, region: &str) -> DocInfo {
        DocInfo::for_test(id, year, level, region)
    }

    fn used_by(text: &str, docs: &[&DocInfo]) -> FormulationStat {
        let mut first_by_level = [None; 4];
        for d in docs {
            let i = LEVELS.iter().position(|l| Some(*l) == d.level).unwrap();
            first_by_level[i] =
                Some(first_by_level[i].map_or(d.year.unwrap(), |y: i32| y.min(d.year.unwrap())));
        }
        FormulationStat {
            text: text.into(),
            kind: FormulationKind::Quoted,
            count: docs.len() as u64,
            docs: docs.len() as u32,
            first_year: docs.iter().filter_map(|d| d.year).min(),
            last_year: docs.iter().filter_map(|d| d.year).max(),
            first_by_level,
            last_by_level: [None; 4],
            places: docs
                .iter()
                .map(|d| Place {
                    doc: d.id.clone(),
                    page: None,
                    line: 1,
                })
                .collect(),
            written_in: docs.iter().map(|d| d.id.clone()).collect(),
        }
    }

    /// 2020: the centre says it; 2021: one of two Shandong provincial documents; 2022: a
    /// Guangdong county, and a Shandong one, of three counties.
    #[test]
    fn adoption_first_uses_and_step_lags() {
        let docs = [
            info("n2020", 2020, Level::National, "全国"),
            info("p2020", 2020, Level::Provincial, "山东省"),
            info("p2021a", 2021, Level::Provincial, "山东省"),
            info("p2021b", 2021, Level::Provincial, "山东省"),
            info("c2020", 2020, Level::County, "平阴县"),
            info("c2022a", 2022, Level::County, "平阴县"),
            info("c2022b", 2022, Level::County, "始兴县"),
            info("c2022c", 2022, Level::County, "平阴县"),
        ];
        let stat = used_by("新质生产力", &[&docs[0], &docs[2], &docs[5], &docs[6]]);
        let d = diffusion(&[stat], &docs);
        assert_eq!(d.formulations, ["新质生产力"]);
        let share = |level: Level, year: i32| {
            d.adoption
                .iter()
                .find(|a| a.level == level && a.year == year && a.region.is_none())
                .map(|a| (a.using, a.docs))
        };
        assert_eq!(share(Level::Provincial, 2020), Some((0, 1)));
        assert_eq!(share(Level::Provincial, 2021), Some((1, 2)));
        assert_eq!(share(Level::County, 2022), Some((2, 3)));
        let regions: Vec<(&str, i32)> = d
            .first_uses
            .iter()
            .map(|f| (f.region.as_str(), f.year))
            .collect();
        assert_eq!(
            regions,
            [("全国", 2020), ("山东省", 2021), ("广东省", 2022)]
        );
        let lags: Vec<(Level, Level, Option<i32>, LagStatus)> = d
            .lags
            .iter()
            .map(|l| (l.from, l.to, l.years, l.status))
            .collect();
        assert_eq!(
            lags,
            [
                (
                    Level::National,
                    Level::Provincial,
                    Some(1),
                    LagStatus::Measured
                ),
                (
                    Level::Provincial,
                    Level::County,
                    Some(1),
                    LagStatus::Measured
                ),
            ]
        );
        // Below the centre: 2020 none of 2, 2021 one of 2, 2022 two of 3.
        let curve = d.curve("新质生产力");
        assert_eq!(curve, [(2020, 0.0), (2021, 0.5), (2022, 2.0 / 3.0)]);
    }

    #[test]
    fn a_lower_level_starting_late_is_censored() {
        let docs = [
            info("n2018", 2018, Level::National, "全国"),
            info("n2019", 2019, Level::National, "全国"),
            info("c2021", 2021, Level::County, "平阴县"),
        ];
        let stat = used_by("乡村振兴", &docs.iter().collect::<Vec<_>>());
        let d = diffusion(&[stat], &docs);
        assert_eq!(d.lags.len(), 1);
        assert_eq!(
            (d.lags[0].years, d.lags[0].status),
            (None, LagStatus::Censored)
        );
    }
}
