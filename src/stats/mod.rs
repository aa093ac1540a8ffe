//! Statistics: a corpus's documents → term counts ([`counts::TermCounts`]) → result
//! [`crate::table::Table`]s (frequencies, keyness, trends, formulations, KWIC), convertible to polars
//! `DataFrame`s by [`frame`]. Rates are per 10,000 Han characters; every rate comes with the
//! number of documents it rests on.

pub mod collocates;
pub mod counts;
pub mod diffusion;
pub mod dispersion;
pub mod filter;
pub mod formulations;
pub mod frame;
pub mod grid;
pub mod kwic;
pub mod matrix;
pub mod measures;
pub mod pair_terms;
pub mod terms;
pub mod trends;

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum StatsError {
    #[error(
        "no document matches `{0}`: check the filter against `tifa corpus` (year, level, region)"
    )]
    EmptySide(String),
    #[error(
        "every document that `{reference}` matches is also in the target `{target}`, and a document counts on one side only: choose a reference that differs from the target"
    )]
    SidesOverlap { target: String, reference: String },
    #[error("`{0}` is not an n-gram range: write 1, 2, or 1-4 (lengths 1 to 4)")]
    NgramRange(String),
}

/// Parses `1`, `2`, `1-4` into a range of n-gram lengths between 1 and 4.
pub fn parse_ngrams(s: &str) -> Result<std::ops::RangeInclusive<usize>, StatsError> {
    let bad = || StatsError::NgramRange(s.to_string());
    let (lo, hi) = match s.split_once('-') {
        Some((lo, hi)) => (
            lo.trim().parse().map_err(|_| bad())?,
            hi.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let n = s.trim().parse().map_err(|_| bad())?;
            (n, n)
        }
    };
    if (1..=4).contains(&lo) && (lo..=4).contains(&hi) {
        Ok(lo..=hi)
    } else {
        Err(bad())
    }
}
