//! Substitutions: a replaced phrase pair (`&str`, `&str`) → the [`ChangeKind`] (year, date,
//! number, level, place) that tells a staff writer the sentence was taken over with only its place,
//! level, year or number changed; `None` for any other change.

use super::ChangeKind;

/// Words that name an administrative level or its organs, beside those [`is_level`] makes of a
/// level and an organ (省委, 县政府).
const LEVEL_WORDS: &[&str] = &[
    "国",
    "省",
    "市",
    "县",
    "区",
    "乡",
    "镇",
    "全国",
    "全省",
    "全市",
    "全县",
    "全区",
    "我国",
    "我省",
    "我市",
    "我县",
    "我区",
    "本省",
    "本市",
    "本县",
    "本区",
    "省级",
    "市级",
    "县级",
    "区级",
    "省直",
    "市直",
    "县直",
    "区直",
    "中央",
    "党中央",
    "国务院",
    "省市",
    "县区",
    "各省",
    "各市",
    "各县",
    "各区",
    "省委网信办",
    "市委网信办",
    "县委网信办",
    "区委网信办",
    "全省各级",
    "全市各级",
    "全县各级",
];

/// A level's name that an organ's name opens with (国务院 and 中央 are organs themselves).
const LEVEL_PREFIXES: &[&str] = &[
    "全国",
    "全省",
    "全自治区",
    "全市",
    "全县",
    "全区",
    "自治区",
    "自治州",
    "省",
    "市",
    "县",
    "区",
    "州",
    "盟",
    "旗",
];
/// An organ of a level: 人民政府, 党委, 政协, 人大 and its standing committee.
const ORGAN_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "党委",
    "委",
    "政协",
    "政协委员",
    "人大",
    "人大常委会",
    "人大代表",
];

/// A level's word (全县, 省委, 国务院, [`LEVEL_WORDS`]) or one of its organs (省人民政府,
/// 自治区政协, 全国人大): one level said instead of another is the same sentence taken over.
fn is_level(s: &str) -> bool {
    LEVEL_WORDS.contains(&s)
        || LEVEL_PREFIXES.iter().any(|p| {
            s.strip_prefix(p)
                .is_some_and(|organ| ORGAN_SUFFIXES.contains(&organ))
        })
}

const PLACE_SUFFIXES: &[char] = &['省', '市', '县', '区', '州', '镇', '乡', '旗'];

pub fn kind(before: &str, after: &str) -> Option<ChangeKind> {
    let both = |f: fn(&str) -> bool| f(before) && f(after);
    if both(is_year) {
        Some(ChangeKind::Year)
    } else if both(is_date) {
        Some(ChangeKind::Date)
    } else if both(is_number) {
        Some(ChangeKind::Number)
    } else if both(is_level) {
        Some(ChangeKind::Level)
    } else if is_place(before) && is_place(after)
        || (before.contains("XX") || after.contains("XX")) && short(before) && short(after)
    {
        Some(ChangeKind::Place)
    } else {
        None
    }
}

/// 3月5日, 十月, 5日, 2023年3月: a date of month and day (with or without its year).
fn is_date(s: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || crate::chars::is_cn_numeral(c);
    let mut has_unit = false;
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '年' | '月' | '日' | '号' => {
                if digits == 0 {
                    return false;
                }
                has_unit |= c != '年';
                digits = 0;
            }
            c if numeral(c) => digits += 1,
            _ => return false,
        }
    }
    has_unit && digits == 0
}

fn short(s: &str) -> bool {
    s.chars().count() <= 6
}

fn is_year(s: &str) -> bool {
    let digits = s.trim_end_matches(['年', '度']);
    digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit())
}

fn is_number(s: &str) -> bool {
    let numeral = |c: char| {
        c.is_ascii_digit()
            || crate::chars::is_cn_numeral(c)
            || matches!(c, '千' | '万' | '亿' | '.')
    };
    let body = s.trim_end_matches([
        '个', '点', '项', '条', '年', '月', '日', '%', '周', '次', '大',
    ]);
    !body.is_empty() && body.chars().all(numeral) && s.chars().count() <= 6
}

fn is_place(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.ends_with(PLACE_SUFFIXES) && !LEVEL_WORDS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind("2018年", "2023年"), Some(ChangeKind::Year));
        assert_eq!(kind("3月5日", "3月12日"), Some(ChangeKind::Date));
        assert_eq!(kind("2023年3月", "2024年3月"), Some(ChangeKind::Date));
        assert_eq!(kind("五点", "三点"), Some(ChangeKind::Number));
        assert_eq!(kind("全县", "全省"), Some(ChangeKind::Level));
        assert_eq!(kind("县委", "省委"), Some(ChangeKind::Level));
        assert_eq!(kind("国务院", "自治区人民政府"), Some(ChangeKind::Level));
        assert_eq!(kind("全国政协", "省政协"), Some(ChangeKind::Level));
        assert_eq!(
            kind("全国人大", "自治区人大常委会"),
            Some(ChangeKind::Level)
        );
        assert_eq!(kind("省政府", "省政协委员和其他列席同志"), None);
        assert_eq!(kind("XX", "承德"), Some(ChangeKind::Place));
        assert_eq!(kind("承德县", "河东区"), Some(ChangeKind::Place));
        assert_eq!(kind("五个明确", "十个坚持"), None);
        assert_eq!(kind("月饼", "年糕"), None);
    }
}
