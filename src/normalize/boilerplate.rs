//! Boilerplate: lines of [`Ch`] → the lines that are the document's own text. A line is dropped
//! when it matches a rule as a whole: disclaimers, classification marks, series lines, page
//! furniture, web navigation. Users add rules from a file (`--boilerplate FILE`).

use super::{Ch, Finding, FindingKind, Line, line_text};
use crate::chars::is_space;
use regex::{Regex, RegexSet};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BoilerplateError {
    #[error("cannot read boilerplate rules {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a valid regular expression: {message}")]
    BadPattern {
        path: String,
        line: usize,
        message: String,
    },
}

/// A named pattern that a whole (trimmed) line must match.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pattern: Regex,
}

/// The rules in force: the default list plus the user's.
#[derive(Debug, Clone)]
pub struct BoilerplateRules {
    rules: Vec<Rule>,
    /// All rules in one automaton: a line is scanned once, not once per rule. `None` if the
    /// rules are too many to combine, in which case they are tried one by one.
    set: Option<RegexSet>,
}

/// (name, pattern) of the default rules. Patterns are anchored by [`Rule`], and match the line
/// with its spaces and Markdown markers taken out, so `秘 密` and `**秘密**` both count.
const DEFAULT_RULES: &[(&str, &str)] = &[
    ("disclaimer", r"本文系.{0,30}(投稿|来稿|原创).*"),
    (
        "disclaimer",
        r".*(仅供学习参考|仅供参考学习|请勿照搬照抄|版权归原作者所有|如有侵权请联系).*",
    ),
    (
        "classification",
        r"(绝密|机密|秘密|内部资料|内部文件|注意保存|内部使用)([★☆\*].{0,12})?",
    ),
    (
        "series-line",
        r".{0,24}(材料|文件)之[一二三四五六七八九十]+",
    ),
    ("page-number", r"[-－—–]\d{1,4}[-－—–]"),
    ("page-number", r"第\d{1,4}页(，?共\d{1,4}页)?"),
    ("page-number", r"\d{1,4}/\d{1,4}"),
    (
        "web-navigation",
        r"(首页|当前位置|您现在的位置|你的位置)[:：>＞»].*",
    ),
    ("web-navigation", r".{0,40}[>＞»](正文|详情|详细内容)"),
    (
        "database-header",
        r"【法宝引证码】.*|原文链接[:：].*|【(发布部门|发文字号|发布日期|实施日期|时效性|效力级别|法规类别)】.*",
    ),
    (
        "web-navigation",
        r"(【?打印本?页?】?|【?关闭窗口】?|【?关闭】?|返回顶部|分享到[:：]?.{0,30}|扫一扫.{0,20}|字号[:：]?[大中小]*)",
    ),
    (
        "web-navigation",
        r"(上一篇|下一篇|责任编辑|来源|浏览次数|点击数|发布时间)[:：].{0,60}",
    ),
];

impl Default for BoilerplateRules {
    fn default() -> Self {
        let rules = DEFAULT_RULES
            .iter()
            .map(|(name, p)| Rule {
                name: (*name).to_string(),
                pattern: anchored(p).expect("default rules are valid"),
            })
            .collect();
        let mut all = Self { rules, set: None };
        all.combine();
        all
    }
}

fn anchored(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!("^(?:{pattern})$"))
}

impl BoilerplateRules {
    fn combine(&mut self) {
        self.set = RegexSet::new(self.rules.iter().map(|r| r.pattern.as_str())).ok();
    }

    /// Adds one rule per non-empty, non-`#` line of `path`: `pattern` or `name<TAB>pattern`.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), BoilerplateError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BoilerplateError::Read {
            path: shown.clone(),
            source,
        })?;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, pattern) = line.split_once('\t').unwrap_or(("user", line));
            let pattern = anchored(pattern.trim()).map_err(|e| BoilerplateError::BadPattern {
                path: shown.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            self.rules.push(Rule {
                name: name.trim().to_string(),
                pattern,
            });
        }
        self.combine();
        Ok(())
    }

    /// The name of the first rule that matches the whole line, if any.
    pub fn matching(&self, line: &str) -> Option<&str> {
        let key: String = line
            .chars()
            .filter(|&c| !is_space(c))
            .collect::<String>()
            .replace("**", "");
        if key.is_empty() {
            return None;
        }
        if is_separator(&key) {
            return Some("separator");
        }
        let first = match &self.set {
            Some(set) => set.matches(&key).iter().next(),
            None => self.rules.iter().position(|r| r.pattern.is_match(&key)),
        };
        first.map(|i| self.rules[i].name.as_str())
    }
}

/// A line of one repeated character (`aaaaaaaaaa`, `——————————`, `**********`).
fn is_separator(key: &str) -> bool {
    let mut chars = key.chars();
    let first = chars.next().expect("key is not empty");
    key.chars().count() >= 10 && chars.all(|c| c == first)
}

/// Drops boilerplate lines, with the findings of earlier rules inside them: a disclaimer that
/// is gone needs no record of its commas being made full-width.
pub(super) fn drop_lines(
    lines: Vec<Line>,
    rules: &BoilerplateRules,
    findings: &mut Vec<Finding>,
) -> Vec<Line> {
    let mut dropped_offsets = std::collections::HashSet::new();
    let mut dropped = Vec::new();
    let kept = lines
        .into_iter()
        .filter(|line| {
            let text = line_text(line);
            let Some(rule) = rules.matching(&text) else {
                return true;
            };
            dropped_offsets.extend(line.iter().map(|ch: &Ch| ch.at));
            let offset = line.first().map_or(0, |ch| ch.at);
            let finding = Finding::at(FindingKind::Boilerplate, offset, text.trim(), "");
            dropped.push(Finding {
                rule: Some(rule.to_string()),
                ..finding
            });
            false
        })
        .collect();
    findings.retain(|f| !dropped_offsets.contains(&f.offset));
    findings.extend(dropped);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_match_the_samples_furniture() {
        let rules = BoilerplateRules::default();
        assert_eq!(
            rules.matching("本文系邮箱投稿，仅供学习参考，请勿照搬照抄！"),
            Some("disclaimer")
        );
        assert_eq!(rules.matching("秘 密"), Some("classification"));
        assert_eq!(
            rules.matching("全市网信办主任会议材料之一"),
            Some("series-line")
        );
        assert_eq!(rules.matching("- 3 -"), Some("page-number"));
        assert_eq!(
            rules.matching("首页 > 新闻中心 > 正文"),
            Some("web-navigation")
        );
        assert_eq!(rules.matching("全省网信办主任会议精神传达提纲"), None);
        assert_eq!(
            rules.matching("    【法宝引证码】 CLI.12.5115678"),
            Some("database-header")
        );
        assert_eq!(
            rules.matching("aaaaaaaaaaaaaaaaaaaaaaaa"),
            Some("separator")
        );
        assert_eq!(rules.matching("会议要求，各单位要严守秘密。"), None);
    }
}
