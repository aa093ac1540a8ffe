//! Who may draw on whom, written once: where two documents stand (anything [`Placed`]: level,
//! division, year, date, the text a title names) → whether one may draw on the other. The report's
//! plan ([`may_draw_on`]), the corpus-wide likely sources ([`may_be_source`], never a peer) and
//! trace ([`may_trace`]) all ask here.

use crate::ingest::Document;
use crate::ingest::divisions::in_hierarchy;
use crate::ingest::metadata::Level;

/// Where a document stands in time and in the administrative hierarchy.
pub trait Placed {
    fn level(&self) -> Option<Level>;
    /// The region's administrative division code, when the division table knows it.
    fn division(&self) -> Option<u32>;
    fn year(&self) -> Option<i32>;
    /// `YYYY-MM-DD`, when known.
    fn date(&self) -> Option<&str>;
    /// The text its title names in 《…》 ([`series_of`]).
    fn series(&self) -> Option<String>;
}

impl Placed for Document {
    fn level(&self) -> Option<Level> {
        self.meta.level.value
    }
    fn division(&self) -> Option<u32> {
        division_of(&self.meta)
    }
    fn year(&self) -> Option<i32> {
        self.meta.year.value
    }
    fn date(&self) -> Option<&str> {
        self.meta.date.value.as_deref()
    }
    fn series(&self) -> Option<String> {
        series_of(self.meta.title.value.as_deref())
    }
}

/// The division code of a document's region, when the division table knows it.
pub fn division_of(meta: &crate::ingest::metadata::Metadata) -> Option<u32> {
    meta.region
        .value
        .as_deref()
        .and_then(crate::ingest::divisions::lookup)
        .map(|d| d.code)
}

/// What a document's title says it implements or is: the 《…》 it names, or, for a law or
/// regulation itself (a title ending in 法 or 条例, a version note such as （2018年修正） left off),
/// its own name; 中华人民共和国 left off either way. So 上海市实施《村民委员会组织法》办法,
/// 上海市实施《中华人民共和国村民委员会组织法》办法 and 中华人民共和国村民委员会组织法 name one
/// text, and 北京市实施《水法》办法 another than 北京市实施《献血法》办法 or 中华人民共和国献血法.
/// Speeches, reports and plans name none.
pub fn series_of(title: Option<&str>) -> Option<String> {
    let title = title?.trim();
    let named = match title.find('《') {
        Some(open) => {
            let start = open + '《'.len_utf8();
            &title[start..start + title[start..].find('》')?]
        }
        None => {
            let mut own = title;
            while let Some(cut) = own
                .strip_suffix('）')
                .and_then(|t| t.rfind('（').map(|at| &t[..at]))
                .or_else(|| {
                    own.strip_suffix(')')
                        .and_then(|t| t.rfind('(').map(|at| &t[..at]))
                })
            {
                own = cut.trim_end();
            }
            if !is_law(own) {
                return None;
            }
            own
        }
    };
    let named = named.trim_start_matches("中华人民共和国").trim();
    (!named.is_empty()).then(|| named.to_string())
}

/// Whether a name is a law's or a regulation's (水法, 长江三峡工程建设移民条例).
fn is_law(name: &str) -> bool {
    name.ends_with('法') || name.ends_with("条例")
}

/// Whether `lower` may draw on the higher-level `higher`: `higher` is national or contains
/// `lower`'s region (unknown regions do not rule it out), and is not dated later.
pub fn may_draw_on(lower: &impl Placed, higher: &impl Placed) -> bool {
    let inside = in_hierarchy(
        higher.level() == Some(Level::National),
        higher.division(),
        lower.division(),
    );
    let not_later = match (higher.date(), lower.date()) {
        (Some(h), Some(l)) => h <= l,
        _ => true,
    };
    inside && not_later
}

/// Two documents of one level and different regions (two provinces' reports): they share text
/// because both draw on higher-level texts, so neither is the other's source.
pub fn are_peers(x: &impl Placed, y: &impl Placed) -> bool {
    match (x.level(), y.level(), x.division(), y.division()) {
        (Some(a), Some(b), Some(p), Some(q)) => a == b && a != Level::National && p != q,
        _ => false,
    }
}

/// Whether two documents may be one series: they do not name different texts they implement or
/// are ([`series_of`]). A speech or report names none: last year's speech of the same county is
/// its source; an implementing measure of 《水法》 never draws on one of 《献血法》, nor on
/// 中华人民共和国献血法, and one law never on another (their shared clauses, 构成犯罪的，依法追究
/// 刑事责任, are the language of all laws).
pub fn same_series(x: &impl Placed, y: &impl Placed) -> bool {
    match (x.series(), y.series()) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether `source`, known to come first, may be a likely source of `target`: not of a lower
/// level; a higher-level source is national or contains the target's region; of the same level,
/// only the same region's earlier document (last year's report, the law's earlier version), never
/// a peer's; at any level, of the same series ([`same_series`]: a measure implementing 《水法》
/// draws on 中华人民共和国水法, not on 中华人民共和国献血法). Unknown levels do not rule it out.
pub fn may_be_source(source: &impl Placed, target: &impl Placed) -> bool {
    let placed = match (source.level(), target.level()) {
        (Some(sl), Some(tl)) if sl > tl => false,
        (Some(sl), Some(tl)) if sl < tl => {
            in_hierarchy(sl == Level::National, source.division(), target.division())
        }
        (Some(_), Some(_)) => !are_peers(source, target),
        _ => true,
    };
    placed && same_series(source, target)
}

/// Whether `doc` may be traced from `base`: not the base itself, of a lower level when both
/// levels are known, not of an earlier year when the dates are missing, allowed by
/// [`may_draw_on`], and of the same series ([`same_series`]: a measure of 《水法》 is traced from
/// 中华人民共和国水法, never from 中华人民共和国献血法).
pub fn may_trace(base: &Document, doc: &Document) -> bool {
    let not_earlier_year = match (
        base.date().is_some() && doc.date().is_some(),
        base.year(),
        doc.year(),
    ) {
        (false, Some(by), Some(dy)) => by <= dy,
        _ => true,
    };
    let lower = match (base.level(), doc.level()) {
        (Some(bl), Some(dl)) => bl < dl,
        _ => true,
    };
    base.id != doc.id
        && lower
        && not_earlier_year
        && may_draw_on(doc, base)
        && same_series(base, doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct At(
        Option<Level>,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    impl Placed for At {
        fn level(&self) -> Option<Level> {
            self.0
        }
        fn division(&self) -> Option<u32> {
            crate::ingest::divisions::lookup(self.1).map(|d| d.code)
        }
        fn year(&self) -> Option<i32> {
            self.2.and_then(|d| d[..4].parse().ok())
        }
        fn date(&self) -> Option<&str> {
            self.2
        }
        fn series(&self) -> Option<String> {
            series_of(self.3)
        }
    }

    #[test]
    fn a_province_draws_on_the_nation_not_on_a_peer() {
        let nation = At(Some(Level::National), "", Some("2026-03-05"), None);
        let shandong = At(Some(Level::Provincial), "山东省", Some("2026-01-20"), None);
        let henan = At(Some(Level::Provincial), "河南省", Some("2026-01-25"), None);
        let jinan = At(Some(Level::Municipal), "济南市", Some("2026-02-01"), None);
        // The national report of March comes after January's provincial reports.
        assert!(!may_draw_on(&shandong, &nation));
        assert!(may_draw_on(&jinan, &shandong));
        assert!(!may_draw_on(&jinan, &henan));
        assert!(are_peers(&shandong, &henan));
        assert!(!may_be_source(&shandong, &henan));
        assert!(may_be_source(&shandong, &jinan));
        assert!(!may_be_source(&jinan, &shandong));
        assert!(may_be_source(&nation, &henan));
    }

    #[test]
    fn one_region_s_measures_of_different_laws_are_no_series() {
        let water = At(
            Some(Level::Provincial),
            "北京市",
            None,
            Some("北京市实施《水法》办法"),
        );
        let blood = At(
            Some(Level::Provincial),
            "北京市",
            None,
            Some("北京市实施《中华人民共和国献血法》办法"),
        );
        let water_2 = At(
            Some(Level::Provincial),
            "北京市",
            None,
            Some("北京市实施《中华人民共和国水法》办法"),
        );
        assert!(!may_be_source(&water, &blood));
        assert!(may_be_source(&water, &water_2));
    }

    #[test]
    fn a_law_is_its_own_series_and_never_the_source_of_another() {
        assert_eq!(
            series_of(Some("中华人民共和国水法（2016年修正）")).as_deref(),
            Some("水法")
        );
        assert_eq!(
            series_of(Some("长江三峡工程建设移民条例")).as_deref(),
            Some("长江三峡工程建设移民条例")
        );
        assert_eq!(series_of(Some("2025年国务院政府工作报告")), None);
        let nation = |title| At(Some(Level::National), "", None, Some(title));
        let water = nation("中华人民共和国水法");
        let blood = nation("中华人民共和国献血法");
        let measure = At(
            Some(Level::Provincial),
            "河南省",
            None,
            Some("河南省实施《水法》办法"),
        );
        let report = nation("政府工作报告");
        assert!(may_be_source(&water, &measure));
        assert!(!may_be_source(&blood, &measure));
        assert!(!may_be_source(&blood, &water));
        assert!(may_be_source(&report, &measure));
        assert!(may_be_source(&nation("中华人民共和国水法"), &water));
    }
}
