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

/// What a document's title says it implements or is about: the 《…》 it names (中华人民共和国
/// left off), so that 上海市实施《村民委员会组织法》办法 and 上海市实施《中华人民共和国村民委员会组织法》
/// 办法 name one text, and 北京市实施《水法》办法 another than 北京市实施《献血法》办法.
pub fn series_of(title: Option<&str>) -> Option<String> {
    let title = title?;
    let start = title.find('《')? + '《'.len_utf8();
    let end = start + title[start..].find('》')?;
    let named = title[start..end]
        .trim_start_matches("中华人民共和国")
        .trim();
    (!named.is_empty()).then(|| named.to_string())
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

/// Whether two documents of one region and level may be one series: they do not name different
/// texts they implement ([`series_of`]). A speech or report names none: last year's speech of the
/// same county is its source; an implementing measure of 《水法》 never draws on one of 《献血法》.
pub fn same_series(x: &impl Placed, y: &impl Placed) -> bool {
    match (x.series(), y.series()) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether `source`, known to come first, may be a likely source of `target`: not of a lower
/// level; a higher-level source is national or contains the target's region; of the same level,
/// only the same region's earlier document of the same series (last year's report, the law's
/// earlier version), never a peer's. Unknown levels do not rule it out.
pub fn may_be_source(source: &impl Placed, target: &impl Placed) -> bool {
    match (source.level(), target.level()) {
        (Some(sl), Some(tl)) if sl > tl => false,
        (Some(sl), Some(tl)) if sl < tl => {
            in_hierarchy(sl == Level::National, source.division(), target.division())
        }
        (Some(_), Some(_)) => !are_peers(source, target) && same_series(source, target),
        _ => true,
    }
}

/// Whether `doc` may be traced from `base`: not the base itself, of a lower level when both
/// levels are known, not of an earlier year when the dates are missing, allowed by
/// [`may_draw_on`], and, when `doc` implements a law, implementing that law.
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
        && implements_no_other_law(base, doc)
}

/// A law's implementing measure draws on that law only: 北京市实施《水法》办法 is traced from
/// 中华人民共和国水法, never from 中华人民共和国献血法. Speeches and plans name no law and are
/// never held back here.
fn implements_no_other_law(base: &Document, doc: &Document) -> bool {
    let is_law = |name: &str| name.ends_with('法') || name.ends_with("条例");
    let Some(named) = doc.series().filter(|n| is_law(n)) else {
        return true;
    };
    let base_title = base.meta.title.value.clone().unwrap_or_default();
    let base_is = series_of(Some(&base_title)).unwrap_or_else(|| {
        base_title
            .trim()
            .trim_start_matches("中华人民共和国")
            .to_string()
    });
    !is_law(&base_is) || base_is == named
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
}
