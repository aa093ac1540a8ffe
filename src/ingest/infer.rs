//! Inference: normalized text and its [`Structure`] → [`Inferred`] metadata (title, date, year,
//! level, region), each with the evidence that supports it. When the evidence is thin the value
//! is left unknown: a wrong year or level silently spoils every comparison built on it.

use super::divisions::{self, Tier};
use super::metadata::{Field, Level};
use crate::structure::Structure;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub title: Field<String>,
    pub date: Field<String>,
    pub year: Field<i32>,
    pub level: Field<Level>,
    pub region: Field<String>,
}

/// Paragraphs at the top that may hold a title, a subtitle or a date line.
const HEAD_PARAGRAPHS: usize = 8;
/// Longest line still taken for a title.
const MAX_TITLE_CHARS: usize = 80;

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap());
/// A date written in Han numerals: 二〇二六年一月二十七日 (a year digit by digit, month and day with
/// units).
static HAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
        .unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4}|[〇○零一二三四五六七八九]{4})年").unwrap());

/// A year written digit by digit, in Arabic or Han numerals (2026, 二〇二六).
fn year_value(digits: &str) -> Option<i32> {
    digits.parse().ok().or_else(|| {
        digits.chars().try_fold(0i32, |year, c| {
            let d = "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .or(match c {
                    '○' | '零' => Some(0),
                    _ => None,
                })?;
            Some(year * 10 + d as i32)
        })
    })
}

/// The first date of a line as (year, month, day), in Arabic or Han numerals.
fn date_of(line: &str) -> Option<(i32, u32, u32)> {
    if let Some(c) = DATE.captures(line) {
        return Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?));
    }
    let c = HAN_DATE.captures(line)?;
    Some((
        year_value(&c[1])?,
        crate::chars::cn_number(&c[2])?,
        crate::chars::cn_number(&c[3])?,
    ))
}
static YEAR_OF_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:召开|举行|这次|本次|今天的?|今年是)(\d{4})年|(\d{4})年(?:度)?全[国省市县区]")
        .unwrap()
});

/// Infers the metadata of the text of file `file_name` (its name without folders); a year or
/// date in the file name wins over the text's.
pub fn infer(text: &str, structure: &Structure, file_name: &str) -> Inferred {
    let head: Vec<&str> = structure
        .paragraphs
        .iter()
        .take(HEAD_PARAGRAPHS)
        .map(|p| p.of(text))
        .collect();
    let (date, year) = match name_date(file_name) {
        Some((date, year)) => {
            // A date line of the text fills in the day when the file name gives only the year.
            let date = date.or_else(|| {
                infer_date(&head)
                    .value
                    .filter(|d| d.starts_with(&year.to_string()))
                    .map(|d| {
                        (
                            d,
                            "date line of the text, in the file name's year".to_string(),
                        )
                    })
            });
            let evidence = format!("file name “{file_name}”");
            (
                date.map_or(Field::unknown(None), |(d, e)| Field::inferred(d, e)),
                Field::inferred(year, evidence),
            )
        }
        None => {
            let date = infer_date(&head);
            let year = infer_year(text, &head, &date);
            (date, year)
        }
    };
    let level = municipality(text).unwrap_or_else(|| infer_level(text));
    let region = infer_region(text, level.value);
    Inferred {
        title: infer_title(&head),
        date,
        year,
        level,
        region,
    }
}

static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_.年]?(\d{2})[-_.月]?(\d{2})(?:[^0-9]|$)").unwrap()
});
static NAME_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)").unwrap());

/// The date (with its evidence) and year a file name carries: `gwr-2019.txt`, `2023-03-05讲话`,
/// `20190218`. A name with two different years says nothing.
fn name_date(file_name: &str) -> Option<(Option<(String, String)>, i32)> {
    if let Some(c) = NAME_DATE.captures(file_name) {
        let date = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
        if chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").is_ok() {
            let evidence = format!("file name “{file_name}”");
            return Some((Some((date, evidence)), c[1].parse().ok()?));
        }
    }
    let mut years: Vec<i32> = NAME_YEAR
        .captures_iter(file_name)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    years.dedup();
    match years.as_slice() {
        [year] => Some((None, *year)),
        _ => None,
    }
}

fn is_date_line(line: &str) -> bool {
    line.chars().count() <= 60 && date_of(line).is_some() && !line.ends_with('。')
}

fn infer_title(head: &[&str]) -> Field<String> {
    let mut parts = Vec::new();
    for line in head {
        let chars = line.chars().count();
        let ends_prose = line.ends_with(['。', '：', '！', '？', '；', ':']);
        // A numbered heading (第一章 总则, 一、) or article (第一条) opens the body.
        let body = crate::structure::heading_marker(line).is_some()
            || crate::structure::article_number(line).is_some();
        if is_date_line(line)
            || line.starts_with(['—', '-'])
            || ends_prose
            || chars > MAX_TITLE_CHARS
            || (body && !parts.is_empty())
        {
            break;
        }
        if parts.last() != Some(line) {
            parts.push(*line); // databases repeat the title line
        }
    }
    if parts.is_empty() || parts.len() > 3 {
        return Field::unknown(Some("no title lines at the top".into()));
    }
    Field::inferred(parts.join(" "), "title lines at the top")
}

fn infer_date(head: &[&str]) -> Field<String> {
    for line in head.iter().filter(|l| is_date_line(l)) {
        let (y, m, d) = date_of(line).expect("is_date_line found a date");
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Field::inferred(
                format!("{y:04}-{m:02}-{d:02}"),
                format!("date line “{line}”"),
            );
        }
    }
    Field::unknown(None)
}

fn infer_year(text: &str, head: &[&str], date: &Field<String>) -> Field<i32> {
    if let Some(d) = &date.value {
        let year = d[..4].parse().expect("date starts with four digits");
        return Field::inferred(year, date.evidence.clone().unwrap_or_default());
    }
    for line in head.iter().take(3) {
        // The title block ends where the text begins: a salutation, prose or a numbered heading.
        if line.ends_with(['。', '：', ':', '！', '；'])
            || crate::structure::heading_marker(line).is_some()
        {
            break;
        }
        if let Some(year) = YEAR
            .captures(line)
            .filter(|_| line.chars().count() <= 60)
            .and_then(|caps| year_value(&caps[1]))
        {
            return Field::inferred(year, format!("year in the title “{line}”"));
        }
    }
    if let Some(year) = plan_year(text) {
        return year;
    }
    let opening: String = text.chars().take(600).collect();
    if let Some(caps) = YEAR_OF_EVENT.captures(&opening) {
        let y = caps
            .get(1)
            .or(caps.get(2))
            .expect("one group matches")
            .as_str();
        return Field::inferred(y.parse().unwrap(), format!("“{}” near the start", &caps[0]));
    }
    Field::unknown(era_hint(text))
}

/// A work report's year from its part headings: the year it plans (三、2026年重点工作) or the
/// year after the one it reviews (一、2024年工作回顾, 一、2019年和今年以来工作回顾).
fn plan_year(text: &str) -> Option<Field<i32>> {
    static PLAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{4})年(?:经济社会发展|政府工作|重点工作|工作总体部署|主要任务|工作任务|工作安排|主要目标)")
            .unwrap()
    });
    static REVIEW: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{4})年(?:和[^，。]{0,12})?工作回顾").unwrap());
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.chars().count() <= 40 && crate::structure::heading_marker(l).is_some())
        .collect();
    let found = |regex: &Regex, after: i32| {
        headings.iter().find_map(|line| {
            let year: i32 = regex.captures(line)?[1].parse().ok()?;
            Some(Field::inferred(
                year + after,
                format!("part heading “{line}”"),
            ))
        })
    };
    found(&PLAN, 0).or_else(|| found(&REVIEW, 1))
}

/// What the text says about its period when it names no year.
fn era_hint(text: &str) -> Option<String> {
    const ERAS: &[(&str, &str)] = &[
        ("二十大", "mentions 二十大: 2022 or later"),
        ("十四五", "mentions 十四五: 2020 or later"),
        ("十九大", "mentions 十九大: 2017 or later"),
        ("十八大", "mentions 十八大: 2012 or later"),
    ];
    ERAS.iter()
        .find(|(term, _)| text.contains(term))
        .map(|(_, hint)| (*hint).to_string())
}

/// Characters that make a self-reference part of another word: 全市场 is the whole market, 本区块
/// a block, not the speaker's city or district.
const WORD_AFTER: &[(char, &str)] = &[('市', "场值"), ('区', "块间域"), ('省', "份")];

/// How often `word` (全县, 我市 …) occurs as a self-reference, not inside a longer word.
fn self_references(text: &str, word: &str) -> usize {
    let last = word.chars().last().expect("a word");
    let continuing = WORD_AFTER
        .iter()
        .find(|(c, _)| *c == last)
        .map_or("", |(_, after)| *after);
    text.match_indices(word)
        .filter(|(at, _)| {
            text[at + word.len()..]
                .chars()
                .next()
                .is_none_or(|next| !continuing.contains(next))
        })
        .count()
}

/// The speaker's own level shows in how they name the whole area: 全县/我县, 全市, 全省, 全国,
/// each counted only as a self-reference ([`self_references`]).
fn infer_level(text: &str) -> Field<Level> {
    let count = |words: &[&str]| {
        words
            .iter()
            .map(|w| self_references(text, w))
            .sum::<usize>()
    };
    let autonomous_region = text.matches("自治区").count() >= 3;
    let district = count(&["全区", "我区", "本区"]);
    let county = count(&["全县", "我县", "本县"]) + if autonomous_region { 0 } else { district };
    let municipal = count(&["全市", "我市", "本市"]);
    let provincial =
        count(&["全省", "我省", "本省"]) + if autonomous_region { district } else { 0 };
    let summary = format!("全县/区 {county}, 全市 {municipal}, 全省 {provincial}");
    let mut scores = [
        (Level::County, county),
        (Level::Municipal, municipal),
        (Level::Provincial, provincial),
    ];
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let ((best, n), runner_up) = (scores[0], scores[1].1);
    if n >= 2 && n * 2 >= runner_up * 3 {
        return Field::inferred(best, summary);
    }
    let national = count(&["全国", "我国"]);
    if n < 2 && national >= 5 {
        return Field::inferred(
            Level::National,
            format!("全国/我国 {national}, no local level"),
        );
    }
    Field::unknown(Some(summary))
}

/// The four municipalities directly under the central government (直辖市): provincial-level, so a
/// text that calls itself 全市 and is about one of them is a provincial one.
const MUNICIPALITIES: &[(&str, &str)] = &[
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
];

/// Provincial level, when the text speaks as a city (全市/我市/本市 at least twice) and names one
/// municipality more often than any prefecture-level city and any other province: a 直辖市's own
/// report (a district of it speaks as 全区, and a city near Beijing names itself most).
fn municipality(text: &str) -> Option<Field<Level>> {
    let as_city: usize = ["全市", "我市", "本市"]
        .iter()
        .map(|w| self_references(text, w))
        .sum();
    if as_city < 2 {
        return None;
    }
    let named = |short: &str| text.matches(short).count();
    let (short, full) = MUNICIPALITIES
        .iter()
        .max_by_key(|(short, _)| named(short))?;
    let n = named(short);
    let city = divisions::places_named(text, Tier::City)
        .into_iter()
        .map(|(_, count)| count)
        .max()
        .unwrap_or(0);
    let province = PROVINCES
        .iter()
        .filter(|(s, _)| !MUNICIPALITIES.iter().any(|(m, _)| m == s))
        .map(|(s, _)| named(s))
        .max()
        .unwrap_or(0);
    (n >= 2 && n > city && n > province).then(|| {
        Field::inferred(
            Level::Provincial,
            format!(
                "全市 {as_city}, {full} named {n} times: a municipality (直辖市), provincial-level"
            ),
        )
    })
}

const PROVINCES: &[(&str, &str)] = &[
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("台湾", "台湾省"),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
];

/// Anonymised place names in published speeches (XX县, ××市), kept as the text gives them.
static PLACEHOLDER_COUNTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:XX|××|某)[县区]").unwrap());
static PLACEHOLDER_CITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:XX|××|某)市").unwrap());

fn infer_region(text: &str, level: Option<Level>) -> Field<String> {
    let Some(level) = level else {
        return Field::unknown(None);
    };
    let found = match level {
        Level::National => Some(("全国".to_string(), 1)),
        Level::Provincial => most_named(
            PROVINCES
                .iter()
                .map(|(short, full)| (full.to_string(), text.matches(short).count())),
        ),
        Level::Municipal => most_named(places(text, Tier::City, &PLACEHOLDER_CITY)),
        Level::County => most_named(places(text, Tier::County, &PLACEHOLDER_COUNTY)),
    };
    match found {
        Some((name, n)) => Field::inferred(name.clone(), format!("{name} named {n} times")),
        None => Field::unknown(Some(format!(
            "no {level}-level place name named twice or more"
        ))),
    }
}

/// The table's places of `tier` that the text names, and the placeholders it uses.
fn places(text: &str, tier: Tier, placeholder: &Regex) -> Vec<(String, usize)> {
    let mut counts = divisions::places_named(text, tier);
    let mut anonymous: HashMap<String, usize> = HashMap::new();
    for m in placeholder.find_iter(text) {
        *anonymous.entry(m.as_str().to_string()).or_default() += 1;
    }
    counts.extend(anonymous);
    counts
}

/// The most named place, if it is named at least twice and clearly more than any other.
fn most_named(counts: impl IntoIterator<Item = (String, usize)>) -> Option<(String, usize)> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n >= 2).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    match counts.as_slice() {
        [] => None,
        [only] => Some(only.clone()),
        [first, second, ..] => (first.1 > second.1).then(|| first.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_line_in_han_numerals_gives_the_date_and_year() {
        let head = [
            "政府工作报告",
            "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上",
        ];
        let date = infer_date(&head);
        assert_eq!(date.value.as_deref(), Some("2026-01-27"));
        assert_eq!(infer_year("", &head, &date).value, Some(2026));
        let head = ["二○一九年十二月三十一日"];
        assert_eq!(infer_date(&head).value.as_deref(), Some("2019-12-31"));
        // A year in a title, in Han numerals.
        let head = ["二〇二五年全省经济工作会议讲话", "各位同志："];
        let none = Field::unknown(None);
        assert_eq!(infer_year("", &head, &none).value, Some(2025));
    }

    #[test]
    fn a_work_report_without_a_title_takes_its_year_from_its_part_headings() {
        let text = "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2024年工作回顾\n过去一年，我国发展历程很不平凡。\n";
        let head: Vec<&str> = text.lines().collect();
        let none = Field::unknown(None);
        let year = infer_year(text, &head, &none);
        assert_eq!(year.value, Some(2025), "{year:?}");
        let text = "各位代表：\n一、2025年工作回顾\n过去一年。\n三、2026年重点工作\n今年要做好。\n";
        let head: Vec<&str> = text.lines().collect();
        assert_eq!(infer_year(text, &head, &none).value, Some(2026));
    }

    #[test]
    fn a_municipality_speaking_as_a_city_is_provincial() {
        let shanghai = "各位代表：过去一年，全市上下坚持稳中求进。上海加快建设国际金融中心，上海国际航运中心建设取得新进展。我市经济平稳，全市就业稳定。推动长三角一体化，江苏、浙江协同。";
        let level = municipality(shanghai).expect("a municipality");
        assert_eq!(level.value, Some(Level::Provincial));
        assert_eq!(
            infer_region(shanghai, level.value).value.as_deref(),
            Some("上海市")
        );
        // A city near Beijing names itself most: it stays a city.
        let chengde = "全市上下奋力推进承德高质量发展。承德市主动融入京津冀协同发展，服务北京冬奥。承德加快建设国家一流旅游城市，我市生态优良。";
        assert_eq!(municipality(chengde), None);
        assert_eq!(infer_level(chengde).value, Some(Level::Municipal));
        // A district of a municipality speaks as 全区: county-level, inside it.
        let haidian = "全区上下深入推进海淀区科学城建设。海淀区坚持创新驱动，我区科技企业稳步增长，本区营商环境持续优化。";
        assert_eq!(municipality(haidian), None);
        let level = infer_level(haidian).value;
        assert_eq!(level, Some(Level::County));
        let region = infer_region(haidian, level).value.unwrap();
        let district = divisions::lookup(&region).unwrap();
        assert!(divisions::lookup("北京市").unwrap().contains(district));
    }
}
