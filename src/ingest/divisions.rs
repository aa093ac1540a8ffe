//! Administrative divisions: `data/divisions.tsv` (compiled from open data, see
//! `data/divisions.LICENSE`) → [`Division`]s, found by name, with the hierarchy their six-digit
//! code implies: `PP0000` a province, `PPCC00` a prefecture-level city, `PPCCDD` a county or
//! district of that city (of the province itself for the four municipalities' districts).

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: &str = include_str!("../../data/divisions.tsv");

/// Where a division sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Province,
    City,
    County,
}

/// One province, prefecture-level city or county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Division {
    pub code: u32,
    pub name: &'static str,
}

impl Division {
    pub fn tier(self) -> Tier {
        if self.code.is_multiple_of(10_000) {
            Tier::Province
        } else if self.code.is_multiple_of(100) {
            Tier::City
        } else {
            Tier::County
        }
    }

    pub fn province_code(self) -> u32 {
        self.code / 10_000 * 10_000
    }

    pub fn city_code(self) -> u32 {
        self.code / 100 * 100
    }

    /// Whether `self` is `lower` or contains it (a province its cities and counties, a city its
    /// counties).
    pub fn contains(self, lower: Division) -> bool {
        match self.tier() {
            Tier::Province => self.code == lower.province_code(),
            Tier::City => self.code == lower.city_code(),
            Tier::County => self.code == lower.code,
        }
    }

    /// The province's name without its 省/市/自治区 ending (河北, 北京, 广西), for matching text.
    fn short_name(self) -> &'static str {
        short_region(self.name)
    }
}

/// A region's name without its 省/市/自治区 ending (河北, 北京, 广西, 内蒙古), when two
/// characters or more remain: for matching text and for narrow labels.
pub fn short_region(name: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "自治区",
        "特别行政区",
        "省",
        "市",
    ];
    ENDINGS
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(name)
}

struct Table {
    all: Vec<Division>,
    by_code: HashMap<u32, Division>,
    by_name: HashMap<&'static str, Vec<Division>>,
}

/// Names in the table that are also common words (the districts 城区, 矿区, 郊区 of Shanxi), or
/// placeholders: never taken as a place found in a text.
const COMMON_WORDS: &[&str] = &["市辖区", "县", "城区", "矿区", "郊区", "新区", "开发区"];

static DIVISIONS: LazyLock<Table> = LazyLock::new(|| {
    let all: Vec<Division> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (code, name) = l.split_once('\t')?;
            Some(Division {
                code: code.parse().ok()?,
                name,
            })
        })
        .filter(|d| !COMMON_WORDS.contains(&d.name))
        .collect();
    let by_code = all.iter().map(|d| (d.code, *d)).collect();
    let mut by_name: HashMap<&'static str, Vec<Division>> = HashMap::new();
    for d in &all {
        by_name.entry(d.name).or_default().push(*d);
        if d.tier() == Tier::Province {
            by_name.entry(d.short_name()).or_default().push(*d);
        }
    }
    Table {
        all,
        by_code,
        by_name,
    }
});

/// The division of a code.
pub fn by_code(code: u32) -> Option<Division> {
    DIVISIONS.by_code.get(&code).copied()
}

/// Whether a document of a higher level with division code `higher` may be the source of one of
/// `lower`: a national document always; else `higher` contains `lower` (an unknown division on
/// either side does not rule it out).
pub fn in_hierarchy(higher_is_national: bool, higher: Option<u32>, lower: Option<u32>) -> bool {
    higher_is_national
        || match (higher.and_then(by_code), lower.and_then(by_code)) {
            (Some(h), Some(l)) => h.contains(l),
            _ => true,
        }
}

/// The province of a division (itself for a province).
pub fn province_of(d: Division) -> Option<Division> {
    by_code(d.province_code())
}

/// The prefecture-level city of a county (none for the municipalities' districts).
pub fn city_of(d: Division) -> Option<Division> {
    (d.tier() == Tier::County)
        .then(|| by_code(d.city_code()))
        .flatten()
}

/// The one division a region name means: `承德县`, `河南省`, `河南`, or a name qualified by its
/// province or city (`河北省承德市承德县`, `长春市朝阳区`). `None` when unknown or ambiguous.
pub fn lookup(region: &str) -> Option<Division> {
    let region = region.trim();
    if let Some(found) = DIVISIONS.by_name.get(region) {
        return (found.len() == 1).then(|| found[0]);
    }
    // A qualified name: the longest known name it ends with, whose ancestors its start names.
    let mut best: Option<Division> = None;
    for (at, _) in region.char_indices().skip(1) {
        let (qualifier, name) = region.split_at(at);
        let Some(candidates) = DIVISIONS.by_name.get(name) else {
            continue;
        };
        let fitting: Vec<Division> = candidates
            .iter()
            .copied()
            .filter(|d| ancestors_named(*d, qualifier))
            .collect();
        if let [only] = fitting.as_slice() {
            best = Some(*only);
            break;
        }
    }
    best
}

/// Whether `text` names one of `d`'s province or city.
fn ancestors_named(d: Division, text: &str) -> bool {
    let named = |a: Option<Division>| {
        a.is_some_and(|a| {
            a.code != d.code && (text.contains(a.name) || text.contains(a.short_name()))
        })
    };
    named(province_of(d)) || named(city_of(d))
}

/// Every city and county name of the table, for finding them in a text.
static PLACE_FINDER: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = DIVISIONS
        .all
        .iter()
        .filter(|d| d.tier() != Tier::Province)
        .map(|d| d.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    let finder = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
        .expect("the division names build an automaton");
    (finder, names)
});

/// How often `text` names each city or county of the table, of the tier wanted: the name and its
/// count. A name several divisions share is qualified by the province or city the text names
/// (`长春市朝阳区`) when that settles it, else left as it is.
pub fn places_named(text: &str, tier: Tier) -> Vec<(String, usize)> {
    let (finder, names) = &*PLACE_FINDER;
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for m in finder.find_iter(text) {
        *counts.entry(names[m.pattern().as_usize()]).or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(name, n)| {
            let candidates: Vec<Division> = DIVISIONS.by_name[name]
                .iter()
                .copied()
                .filter(|d| d.tier() == tier)
                .collect();
            match candidates.as_slice() {
                [] => None,
                [_] => Some((name.to_string(), n)),
                several => {
                    let fitting: Vec<&Division> = several
                        .iter()
                        .filter(|d| ancestors_named(**d, text))
                        .collect();
                    Some(match fitting.as_slice() {
                        [only] => (qualified(**only), n),
                        _ => (name.to_string(), n),
                    })
                }
            }
        })
        .collect()
}

/// A county's name with its city (or province) before it, so that [`lookup`] finds it alone.
fn qualified(d: Division) -> String {
    match city_of(d).or_else(|| province_of(d)) {
        Some(parent) => format!("{}{}", parent.name, d.name),
        None => d.name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_knows_its_city_and_province() {
        let county = lookup("承德县").unwrap();
        assert_eq!(county.tier(), Tier::County);
        assert_eq!(city_of(county).unwrap().name, "承德市");
        assert_eq!(province_of(county).unwrap().name, "河北省");
        assert!(lookup("河北").unwrap().contains(county));
        assert!(!lookup("河南省").unwrap().contains(county));
    }

    #[test]
    fn shared_names_need_their_city() {
        assert_eq!(lookup("朝阳区"), None, "Beijing's and Changchun's");
        let changchun = lookup("长春市朝阳区").unwrap();
        assert_eq!(city_of(changchun).unwrap().name, "长春市");
        assert_eq!(
            province_of(lookup("北京市朝阳区").unwrap()).unwrap().name,
            "北京市"
        );
    }

    #[test]
    fn each_municipality_is_provincial_and_holds_its_districts_and_counties() {
        for (municipality, inside) in [
            ("北京市", ["海淀区", "密云区"]),
            ("天津市", ["滨海新区", "蓟州区"]),
            ("上海市", ["浦东新区", "崇明区"]),
            ("重庆市", ["万州区", "城口县"]),
        ] {
            let m = lookup(municipality).unwrap();
            assert_eq!(m.tier(), Tier::Province, "{municipality}");
            for name in inside {
                let d = lookup(name).unwrap_or_else(|| panic!("{name}"));
                assert_eq!(d.tier(), Tier::County, "{name}");
                assert!(m.contains(d), "{municipality} holds {name}");
                assert!(in_hierarchy(false, Some(m.code), Some(d.code)));
                assert_eq!(province_of(d), Some(m));
            }
            // Not inside another municipality or province.
            let other = lookup("河北省").unwrap();
            assert!(!other.contains(lookup(inside[0]).unwrap()));
            assert!(!m.contains(lookup("承德县").unwrap()));
        }
    }

    #[test]
    fn places_in_a_text_are_table_names_only() {
        let text =
            "坚持社会主义市场经济，激发市场活力，房地产市场平稳。承德县召开会议，承德县委部署。";
        let counties = places_named(text, Tier::County);
        assert_eq!(counties, [("承德县".to_string(), 2)]);
        assert!(
            places_named(text, Tier::City).is_empty(),
            "no 主义市, 激发市, 地产市"
        );
    }
}
