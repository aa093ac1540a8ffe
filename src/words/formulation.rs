//! Formulations (提法): normalized text (`&str`) → [`Formulation`] spans, found before
//! segmentation so that the segmenter never splits them: quoted phrases “…” up to 20 characters,
//! numbered formulas (十个坚持, 两个维护, 六场硬仗, and references such as 二十大 and 十四五), paired
//! forms (六强化、六提升) and 《…》 titles.

use crate::structure::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormulationKind {
    /// 《网络安全法》: the title without its brackets.
    Title,
    /// 十个坚持, 六强化、六提升.
    Numbered,
    /// “紫塞净网”: the phrase without its quotes.
    Quoted,
}

impl FormulationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Numbered => "numbered",
            Self::Quoted => "quoted",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulation {
    pub span: Span,
    pub kind: FormulationKind,
}

/// Longest quoted phrase that still counts as a formulation, in characters.
pub const MAX_QUOTED_CHARS: usize = 20;

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"“([^“”。！？；\n]{1,60})”").unwrap());
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").unwrap());
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[二三四五六七八九十]{1,2}|两)(?:个|项|场|条|种|张|支|位)\p{Han}{2}").unwrap()
});
/// Party congresses and plenums (二十大, 十八大, 十九届四中全会) and five-year plans (十四五): numbered
/// references that date a text and spread from level to level like any formula.
static CONGRESS_OR_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:十[一二三四五六七八九]|二十[一二三]?)届[一二三四五六七八九]中全会|(?:十[一二三四五六七八九]|二十[一二三]?)大|十[一二三四五六七八九]五")
        .unwrap()
});
static PAIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([一二三四五六七八九十两])\p{Han}{2}、([一二三四五六七八九十两])\p{Han}{2}")
        .unwrap()
});

/// Counted phrases whose noun is ordinary prose, not a formula: 三个方面, 两项议程, 三个月的.
const GENERIC_NOUNS: &[&str] = &[
    "方面", "议程", "问题", "部分", "阶段", "环节", "层面", "领域", "维度", "单位", "部门", "地方",
    "地区", "国家", "项目", "小时", "工作", "时期", "重点", "任务", "措施", "同志", "会议", "文件",
    "事项", "指标", "条件", "因素",
];
const NOT_A_NOUN_START: &str = "月年日天周多以来人次的了和在是对与及为要把将从向于等";

/// All formulations in `text`, without overlaps, in text order.
pub fn find(text: &str) -> Vec<Formulation> {
    let mut found = Vec::new();
    for caps in TITLE.captures_iter(text) {
        push(
            &mut found,
            caps.get(1).expect("group"),
            FormulationKind::Title,
        );
    }
    for m in PAIRED.captures_iter(text) {
        if m[1] == m[2] {
            push(
                &mut found,
                m.get(0).expect("group"),
                FormulationKind::Numbered,
            );
        }
    }
    for m in CONGRESS_OR_PLAN.find_iter(text) {
        if !continues_a_number(text, m.start()) {
            push(&mut found, m, FormulationKind::Numbered);
        }
    }
    for m in COUNTED.find_iter(text) {
        if is_formula_noun(m.as_str()) {
            push(&mut found, m, FormulationKind::Numbered);
        }
    }
    for caps in QUOTED.captures_iter(text) {
        let inner = caps.get(1).expect("group");
        let chars = inner.as_str().chars().count();
        if chars <= MAX_QUOTED_CHARS && inner.as_str().chars().any(crate::chars::is_han) {
            push(&mut found, inner, FormulationKind::Quoted);
        }
    }
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    drop_overlaps(found)
}

fn push(found: &mut Vec<Formulation>, m: regex::Match<'_>, kind: FormulationKind) {
    found.push(Formulation {
        span: Span::new(m.start(), m.end()),
        kind,
    });
}

/// 二十大 inside 一百二十大 (a count) is not a congress.
fn continues_a_number(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| "一二三四五六七八九十百千万零两".contains(c))
}

fn is_formula_noun(phrase: &str) -> bool {
    let noun: String = phrase
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let first = noun.chars().next().expect("two characters");
    !GENERIC_NOUNS.contains(&noun.as_str()) && !NOT_A_NOUN_START.contains(first)
}

/// Keeps the earliest-starting, longest formulation where spans overlap; a quoted phrase that is
/// exactly a numbered formula keeps the numbered kind (it was pushed first).
fn drop_overlaps(found: Vec<Formulation>) -> Vec<Formulation> {
    let mut kept: Vec<Formulation> = Vec::with_capacity(found.len());
    for f in found {
        match kept.last() {
            Some(last) if f.span.start < last.span.end => {}
            _ => kept.push(f),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        find(text).iter().map(|f| f.span.of(text)).collect()
    }

    #[test]
    fn numbered_quoted_paired_and_titles() {
        assert_eq!(texts("明确了“十个坚持”重要原则"), ["十个坚持"]);
        assert_eq!(
            texts("按照“六强化、六提升”网信工作总体思路"),
            ["六强化、六提升"]
        );
        assert_eq!(texts("贯彻实施《网络安全法》等法律法规"), ["网络安全法"]);
        assert_eq!(
            texts("为建设“四个之区”、打好“六场硬仗”提供"),
            ["四个之区", "六场硬仗"]
        );
        assert_eq!(texts("坚决做到两个维护"), ["两个维护"]);
        assert_eq!(
            texts("党的十八大以来，党的二十大，十九届四中全会，十四五时期"),
            ["十八大", "二十大", "十九届四中全会", "十四五"]
        );
        assert!(texts("一百二十大项").is_empty());
    }

    #[test]
    fn prose_is_not_a_formulation() {
        assert!(texts("我讲三个方面的意见，共有两项议程，距离年底还有不到三个月的时间").is_empty());
        let long = "“举旗帜聚民心、防保险保安全、强治理惠民生、增动能促发展、谋合作图共赢”";
        assert!(texts(long).is_empty());
    }
}
