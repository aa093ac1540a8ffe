//! Script: lines of Traditional characters → lines of Simplified ones, phrase-aware (OpenCC
//! dictionaries through opencc-fmmseg). Applied only when the document is Traditional, so that a
//! Simplified text with a stray 乾 or 著 is left as it was written.

use super::{Ch, Finding, FindingKind, Line, line_text};
use crate::chars::is_han;
use opencc_fmmseg::OpenCC;
use std::sync::OnceLock;

/// Share of Han characters that must change for a text to count as Traditional.
const TRADITIONAL_SHARE: f64 = 0.03;

fn opencc() -> &'static OpenCC {
    static OPENCC: OnceLock<OpenCC> = OnceLock::new();
    OPENCC.get_or_init(OpenCC::new)
}

/// Converts all lines to Simplified when enough of the text is Traditional; returns whether it did.
pub(super) fn to_simplified_if_traditional(
    lines: &mut [Line],
    findings: &mut Vec<Finding>,
) -> bool {
    let han: usize = lines.iter().flatten().filter(|ch| is_han(ch.c)).count();
    if han == 0 || !looks_traditional(lines) {
        return false;
    }
    let converted: Vec<String> = lines
        .iter()
        .map(|l| opencc().t2s(&line_text(l), false))
        .collect();
    let changed: usize = lines
        .iter()
        .zip(&converted)
        .map(|(l, s)| changed_chars(l, s))
        .sum();
    if (changed as f64) < TRADITIONAL_SHARE * han as f64 {
        return false;
    }
    for (line, simplified) in lines.iter_mut().zip(converted) {
        replace_line(line, &simplified, findings);
    }
    true
}

/// A cheap first look so that Simplified files never pay for loading the dictionaries.
fn looks_traditional(lines: &[Line]) -> bool {
    const COMMON_TRADITIONAL: &str =
        "們個這來為說會對時國後發學經過還與當動們實現關網絡書記導歷區義黨總設開體點從";
    let hits = lines
        .iter()
        .flatten()
        .filter(|ch| COMMON_TRADITIONAL.contains(ch.c))
        .count();
    hits >= 3
}

fn changed_chars(line: &[Ch], simplified: &str) -> usize {
    if line.len() != simplified.chars().count() {
        return line.len();
    }
    line.iter()
        .zip(simplified.chars())
        .filter(|(ch, s)| ch.c != *s)
        .count()
}

fn replace_line(line: &mut Line, simplified: &str, findings: &mut Vec<Finding>) {
    if line_text(line) == simplified {
        return;
    }
    let new: Vec<char> = simplified.chars().collect();
    if new.len() != line.len() {
        // Rare phrase conversions change length: the line keeps its first origin for every char.
        let at = line.first().map_or(0, |ch| ch.at);
        findings.push(traditional_finding(
            line_text(line),
            simplified.to_string(),
            at,
        ));
        *line = new.into_iter().map(|c| Ch { c, at }).collect();
        return;
    }
    let mut run: Option<(usize, usize)> = None;
    for i in 0..=line.len() {
        let differs = i < line.len() && line[i].c != new[i];
        match (differs, run) {
            (true, None) => run = Some((i, i + 1)),
            (true, Some((s, _))) => run = Some((s, i + 1)),
            (false, Some((s, e))) => {
                let before: String = line[s..e].iter().map(|ch| ch.c).collect();
                findings.push(traditional_finding(
                    before,
                    new[s..e].iter().collect(),
                    line[s].at,
                ));
                run = None;
            }
            (false, None) => {}
        }
    }
    for (ch, c) in line.iter_mut().zip(new) {
        ch.c = c;
    }
}

fn traditional_finding(before: String, after: String, offset: u32) -> Finding {
    Finding::at(FindingKind::Traditional, offset, before, after)
}

/// A search phrase in the script of the normalized texts: Traditional input (網絡安全) is
/// converted to Simplified by the same rule as a document; Simplified input is left alone.
pub fn query_to_simplified(query: &str) -> String {
    let han = query.chars().filter(|c| is_han(*c)).count();
    if han == 0 {
        return query.to_string();
    }
    let simplified = opencc().t2s(query, false);
    let changed = query
        .chars()
        .zip(simplified.chars())
        .filter(|(a, b)| a != b)
        .count();
    if (changed as f64) < TRADITIONAL_SHARE * han as f64 {
        query.to_string()
    } else {
        simplified
    }
}
