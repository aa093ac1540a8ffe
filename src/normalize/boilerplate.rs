//! Boilerplate: lines of [`Ch`] → the lines that are the document's own text. Three kinds of rule:
//! - line rules: a line is dropped when it matches as a whole (classification marks, series lines,
//!   page numbers, navigation lines); users add more from a file (`--boilerplate FILE`);
//! - span rules: only the matched stretch goes — a disclaimer sentence or a bracketed note
//!   (（文中数据来源：国家统计局，仅供参考学习）) is cut out of the paragraph around it, never the
//!   paragraph with it;
//! - block rules: a licence footer (本作品是中华人民共和国的法律、法规… to the end) and a run of web
//!   navigation (a dozen short lines of menu items) go as a block.

use super::{Ch, Finding, FindingKind, Line, line_text};
use crate::chars::is_space;
use regex::{Regex, RegexSet};
use std::path::Path;
use std::sync::LazyLock;
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
    (
        "timestamp",
        r".{0,24}\d{4}-\d{2}-\d{2}\d{2}:\d{2}(:\d{2})?(来源[:：].{0,20})?",
    ),
    ("web-navigation", r"跟贴\d+|\d{1,5}"),
    ("web-title", r"[^|｜]{1,60}([|｜][^|｜]{1,30}){3,}"),
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
        r"(首页|当前位置|您现在的位置|你的位置|您当前的位置|您所在的位置|你所在的位置|所在位置)[:：>＞»].*",
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
    // A page's posting time in ISO form (a notice's own 时间：2026年3月5日 stays).
    (
        "web-navigation",
        r"(时间|日期|发布日期)[:：]\d{4}-\d{1,2}-\d{1,2}(\d{1,2}:\d{2}(:\d{2})?)?",
    ),
    (
        "photo-caption",
        r".{0,60}[。，]?(本报|新华社|人民网|新华网)?(记者|通讯员)[\p{Han}、]{2,12}摄",
    ),
];

/// (name, pattern) of the rules for short lines only (at most [`SHORT_LINE_CHARS`]): a portal's
/// furniture. Kept apart so that the long lines of a document's prose are never run through them.
const SHORT_LINE_RULES: &[(&str, &str)] = &[
    // A portal's footer: its registration numbers, who runs the site, the browser it wants.
    (
        "site-footer",
        r".{0,40}(ICP备|ICP证|公网安备|网站标识码|网站识别码|政府网站标识码).{0,80}",
    ),
    (
        "site-footer",
        r"((主办|承办|协办|技术支持|运行维护|网站维护|联系电话|地址|邮编)(单位)?[:：][^:：]{1,40}){2,}",
    ),
    (
        "site-footer",
        r"(技术支持|运行维护|网站维护)(单位)?[:：].{1,40}",
    ),
    (
        "site-footer",
        r".{0,10}(建议|推荐)(使用|采用).{0,40}(浏览器|分辨率).{0,40}",
    ),
    (
        "site-footer",
        r"(您是本站第|本站访问量|总访问量|今日访问量|访问人次).{0,30}",
    ),
    (
        "site-footer",
        r"\p{Han}{2,30}主办[，,]?\p{Han}{2,30}承办.{0,30}",
    ),
    // A page's line of record: two labels with their values (日期：2026-01-30 信息来源：湖南日报).
    (
        "web-navigation",
        r".{0,40}?((日期|时间|来源|信息来源|文章来源|作者|发布时间|发布日期|浏览次数|点击数|访问量)[:：][^:：]{1,30}){2,}",
    ),
    // The label of a page's download links (the links themselves may be the document's list of
    // attachments, 2、申报书.doc, so they stay).
    ("web-navigation", r"附件下载[:：]?"),
    // The site's own name alone on a line (北京市人民政府门户网站, 中国政府网).
    (
        "site-name",
        r"\p{Han}{2,24}(门户网站|政府网站|人民政府网|政府网|政务网)",
    ),
    // A public-information page's record of the document (索引号：… 发布机构：… 成文日期：…).
    (
        "page-metadata",
        r"((索引号|主题分类|信息分类|组配分类|体裁分类|服务对象分类|发布机构|生成日期|公开方式|公开范围|公开时限|信息来源|有效性|主题词)[:：][^:：]{0,60})+",
    ),
];
/// Longest line the short-line rules are tried on, in characters.
const SHORT_LINE_CHARS: usize = 120;

/// Every short-line rule needs one of these in the line: most lines are looked for them only.
static SHORT_LINE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new([
        "：",
        ":",
        "ICP",
        "公网安备",
        "标识码",
        "识别码",
        "浏览器",
        "分辨率",
        "本站",
        "访问",
        "网",
        "主办",
        "附件下载",
    ])
    .expect("the short-line words build an automaton")
});

/// [`SHORT_LINE_RULES`] in one automaton.
static SHORT_LINES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(SHORT_LINE_RULES.iter().map(|(_, p)| {
        anchored(p)
            .expect("short-line rules are valid")
            .as_str()
            .to_string()
    }))
    .expect("short-line rules combine")
});

/// (name, pattern) of the span rules: what they match is cut out of the line, the rest stays.
const SPAN_RULES: &[(&str, &str)] = &[
    (
        "disclaimer",
        r"[（(【\[][^（）()【】\[\]]{0,60}(仅供学习参考|仅供参考学习|请勿照搬照抄|版权归原作者所有|如有侵权请联系)[^（）()【】\[\]]{0,40}[）)】\]]",
    ),
    (
        "disclaimer",
        r"本文系[^。！？]{0,30}(投稿|来稿|原创)[^。！？]{0,60}[。！？]?",
    ),
    (
        "disclaimer",
        r"[^。！？；\n]{0,40}(仅供学习参考|仅供参考学习|请勿照搬照抄|版权归原作者所有|如有侵权请联系)[^。！？；\n]{0,40}[。！？；]?",
    ),
];

static SPANS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    SPAN_RULES
        .iter()
        .map(|(name, p)| (*name, Regex::new(p).expect("span rules are valid")))
        .collect()
});

/// A licence footer opens with one of these and runs to the end of the file.
const FOOTER_STARTS: &[&str] = &[
    "本作品是中华人民共和国的",
    "本作品在全世界都属于公有领域",
    "本作品来自",
];
/// Longest footer taken off, in characters: a longer "footer" is text.
const MAX_FOOTER_CHARS: usize = 800;
/// A web platform's notice that the article is over (what follows is the site's: related
/// headlines, comments); everything from it to the end goes, up to this many characters.
const END_OF_ARTICLE: &[&str] = &[
    "特别声明：以上内容",
    "Notice: The content above",
    "声明：本文",
];
const MAX_AFTER_ARTICLE_CHARS: usize = 8000;
/// Navigation: at least this many short lines in a row (blank lines between them allowed) ...
const MIN_NAVIGATION_LINES: usize = 6;
/// ... of which seven in ten at most this many characters; none with a sentence end or longer
/// than [`MENU_ITEM_CHARS`].
const NAVIGATION_LINE_CHARS: usize = 12;
const MENU_ITEM_CHARS: usize = 30;

/// Words of a web page's interface (buttons, font-size switches, share bars, counters): a line made
/// of these alone is the page's, not the document's.
const INTERFACE_WORDS: &[&str] = &[
    "下载",
    "打印",
    "打印本页",
    "全屏",
    "收藏",
    "分享",
    "分享到",
    "字号",
    "字体",
    "加大",
    "放大",
    "还原",
    "减小",
    "缩小",
    "默认",
    "大",
    "中",
    "小",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "返回",
    "返回顶部",
    "返回首页",
    "顶部",
    "评论",
    "点赞",
    "转发",
    "微信",
    "微博",
    "朋友圈",
    "QQ",
    "QQ空间",
    "复制链接",
    "链接",
    "扫一扫",
    "二维码",
    "朗读",
    "语音播报",
    "播报",
    "听全文",
    "纠错",
    "我要纠错",
    "保存",
    "保存本页",
    "相关报道",
    "相关新闻",
    "相关阅读",
    "相关链接",
    "相关稿件",
    "相关文章",
    "推荐阅读",
    "延伸阅读",
    "浏览",
    "浏览次数",
    "浏览量",
    "阅读",
    "阅读量",
    "阅读数",
    "次",
    "收起",
    "展开",
    "展开全文",
    "全文",
    "无障碍",
    "长者模式",
    "简体",
    "繁体",
    "繁體",
    "简",
    "繁",
    "English",
    "登录",
    "注册",
    "搜索",
    "上一篇",
    "下一篇",
    "责任编辑",
    "编辑",
    "责编",
    "分享至",
    "打印此页",
    "打印文章",
    "关闭此页",
    "返回列表",
    "上一条",
    "下一条",
    "关怀版",
    "适老化",
    "适老模式",
    "网站地图",
    "联系我们",
    "手机版",
    "移动版",
    "客户端",
    "订阅",
    "扫码",
    "手机扫码",
    "扫描二维码",
    "在手机上打开",
    "收听",
    "播放",
    "暂停",
    "护眼模式",
    "阅读模式",
    "字体大小",
    "视力保护色",
    "意见反馈",
    "政务微博",
    "政务微信",
    "使用帮助",
    "帮助",
    "网站声明",
    "隐私声明",
    "隐私政策",
    "网站导航",
    "站点地图",
    "设为首页",
    "加入收藏",
    "无障碍浏览",
    "老年版",
    "旧版",
    "新版",
    "智能问答",
    "政务公开",
    "政务服务",
    "互动交流",
    "新闻中心",
    "信息公开",
    "政府信息公开",
    "政策解读",
    "政策文件",
    "办事服务",
    "公众参与",
    "数据开放",
];
/// Interface words that make a line the page's even alone (a closing `相关报道：`).
const STRONG_INTERFACE_WORDS: &[&str] = &[
    "分享",
    "打印本页",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "分享到",
    "我要纠错",
    "相关报道",
    "相关新闻",
    "相关阅读",
    "相关链接",
    "相关稿件",
    "相关文章",
    "推荐阅读",
    "延伸阅读",
    "语音播报",
    "听全文",
    "分享至",
    "打印此页",
    "关闭此页",
    "返回列表",
    "网站地图",
    "扫描二维码",
    "在手机上打开",
];

/// How many interface words make up `line` when nothing else does (brackets, colons, bars,
/// digits and spaces between them allowed), else `None`. Longest words first, so 打印本页 is one.
fn interface_words(line: &str) -> Option<(usize, bool)> {
    static WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(INTERFACE_WORDS)
            .expect("the interface words build an automaton")
    });
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MENU_ITEM_CHARS {
        return None;
    }
    let mut words = 0;
    let mut strong = false;
    let mut covered = 0;
    let filler = |s: &str| {
        s.chars().all(|c| {
            is_space(c) || c.is_ascii_digit() || "【】[]（）()：:|｜/·•-—_<>《》「」".contains(c)
        })
    };
    for m in WORDS.find_iter(line) {
        if !filler(&line[covered..m.start()]) {
            return None;
        }
        let word = &line[m.range()];
        words += 1;
        strong |= STRONG_INTERFACE_WORDS.contains(&word);
        covered = m.end();
    }
    // A bracket left alone (the 】 closing 【字号：…) counts only beside interface words.
    let bracket_only = words == 0 && !line.chars().any(|c| c.is_ascii_digit());
    ((words > 0 || bracket_only) && filler(&line[covered..])).then_some((words, strong))
}

/// Items of a site's main menu (新闻 政策 互动 服务 数据), which a copied page keeps on one line.
const MENU_WORDS: &[&str] = &[
    "首页", "新闻", "要闻", "动态", "资讯", "政策", "政务", "公开", "互动", "服务", "办事", "数据",
    "国情", "概况", "专题", "视频", "图片", "访谈", "直播", "公告", "解读", "机构", "领导", "文件",
];
/// Fewest items of a menu line, and longest item.
const MIN_MENU_ITEMS: usize = 5;
const MAX_MENU_ITEM_CHARS: usize = 6;

/// A line of a site's menu: at least [`MIN_MENU_ITEMS`] short items between spaces or bars,
/// half of them menu or interface words (国务院 总理 新闻 政策 互动 服务 数据 国情).
fn menu_line(line: &str) -> bool {
    let separator = |c: char| is_space(c) || matches!(c, '|' | '｜' | '/' | '·' | '•');
    if line.chars().nth(MENU_ITEM_CHARS * 3).is_some()
        || line.chars().filter(|&c| separator(c)).count() + 1 < MIN_MENU_ITEMS
    {
        return false;
    }
    let items: Vec<&str> = line
        .split(separator)
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < MIN_MENU_ITEMS
        || items.iter().any(|item| {
            item.chars().count() > MAX_MENU_ITEM_CHARS
                || item
                    .chars()
                    .any(|c| crate::chars::is_cjk_punct(c) && c != '·')
        })
    {
        return false;
    }
    let known = items
        .iter()
        .filter(|item| MENU_WORDS.contains(item) || INTERFACE_WORDS.contains(item))
        .count();
    known * 2 >= items.len()
}

/// How far down (in lines of the document's own) a repeated title block is looked for.
const REPEATED_TITLE_WINDOW: usize = 12;

/// The first item of a breadcrumb trail, and what separates its items.
const BREADCRUMB_STARTS: &[&str] = &[
    "首页",
    "网站首页",
    "当前位置：",
    "当前位置:",
    "您现在的位置：",
];
const BREADCRUMB_SEPARATORS: &[&str] = &[">", "＞", "»", ">>", "/", "→"];
/// A page's labels, which a scraped copy may leave alone on a line with the value on the next.
const PAGE_LABELS: &[&str] = &[
    "链接",
    "索引号",
    "主题分类",
    "发布机构",
    "生成日期",
    "成文日期",
    "发文机关",
    "公开方式",
    "来源",
    "时间",
    "发布时间",
    "发布日期",
    "作者",
    "编辑",
    "责任编辑",
    "浏览次数",
    "字号",
];

/// A short line ending so is the document's title, not a menu item, even inside navigation.
pub(super) const TITLE_ENDINGS: &[&str] = &[
    "报告", "讲话", "意见", "通知", "决定", "方案", "规划", "纲要", "办法", "条例", "公报", "决议",
    "规定", "细则", "通报", "提纲",
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
        let text = crate::files::read_regular_text(path, crate::files::SETTINGS_LIMIT).map_err(
            |source| BoilerplateError::Read {
                path: shown.clone(),
                source,
            },
        )?;
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

    /// These rules and one more, named `name`, for each line in `keys` (as the line rules see
    /// them: no spaces, no bold markers): the furniture a corpus repeats across its pages.
    pub fn with_lines(&self, name: &str, keys: &[String]) -> Self {
        let mut all = self.clone();
        for key in keys {
            let pattern =
                anchored(&regex::escape(key)).expect("an escaped line is a valid pattern");
            all.rules.push(Rule {
                name: name.to_string(),
                pattern,
            });
        }
        all.combine();
        all
    }

    /// The name of the first rule that matches the whole line, if any.
    pub fn matching(&self, line: &str) -> Option<&str> {
        let key = line_key(line);
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
        if let Some(i) = first {
            return Some(self.rules[i].name.as_str());
        }
        if key.chars().nth(SHORT_LINE_CHARS).is_some() || !SHORT_LINE_WORDS.is_match(&key) {
            return None;
        }
        SHORT_LINES
            .matches(&key)
            .iter()
            .next()
            .map(|i| SHORT_LINE_RULES[i].0)
    }
}

/// What the line rules match: the line without its spaces and Markdown bold markers, so `秘 密`
/// and `**秘密**` are one line.
pub(super) fn line_key(line: &str) -> String {
    line.chars()
        .filter(|&c| !is_space(c))
        .collect::<String>()
        .replace("**", "")
}

/// A line of one repeated character (`aaaaaaaaaa`, `——————————`, `**********`).
fn is_separator(key: &str) -> bool {
    let mut chars = key.chars();
    let first = chars.next().expect("key is not empty");
    key.chars().count() >= 10 && chars.all(|c| c == first)
}

/// Drops boilerplate: footer and navigation blocks, lines that match a line rule, and the spans
/// of span rules; with the findings of earlier rules inside what was dropped (a disclaimer that is
/// gone needs no record of its commas being made full-width).
pub(super) fn drop_lines(
    lines: Vec<Line>,
    rules: &BoilerplateRules,
    findings: &mut Vec<Finding>,
) -> Vec<Line> {
    let mut dropped_offsets = std::collections::HashSet::new();
    let mut dropped = Vec::new();
    let mut drop = |chars: &[Ch], rule: &str, dropped: &mut Vec<Finding>| {
        dropped_offsets.extend(chars.iter().map(|ch| ch.at));
        let offset = chars.first().map_or(0, |ch| ch.at);
        let finding = Finding::at(
            FindingKind::Boilerplate,
            offset,
            line_text(chars).trim(),
            "",
        );
        dropped.push(Finding {
            rule: Some(rule.to_string()),
            ..finding
        });
    };
    let blocks = blocks(&lines);
    let mut kept = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if let Some(rule) = blocks[i] {
            if !line.is_empty() {
                drop(&line, rule, &mut dropped);
            }
            continue;
        }
        let text = line_text(&line);
        if let Some(rule) = rules.matching(&text) {
            drop(&line, rule, &mut dropped);
            continue;
        }
        let (rest, cut) = cut_spans(line, &text);
        for (chars, rule) in &cut {
            drop(chars, rule, &mut dropped);
        }
        if cut.is_empty() || rest.iter().any(|ch| !is_space(ch.c)) {
            kept.push(rest);
        }
    }
    findings.retain(|f| !dropped_offsets.contains(&f.offset));
    findings.extend(dropped);
    kept
}

/// The line without the spans of the span rules, and what was cut with its rule.
fn cut_spans(line: Line, text: &str) -> (Line, Vec<(Line, &'static str)>) {
    let mut ranges: Vec<(usize, usize, &'static str)> = Vec::new();
    for (name, regex) in SPANS.iter() {
        for m in regex.find_iter(text) {
            if !ranges.iter().any(|&(s, e, _)| m.start() < e && s < m.end()) {
                ranges.push((m.start(), m.end(), name));
            }
        }
    }
    if ranges.is_empty() {
        return (line, Vec::new());
    }
    ranges.sort_unstable();
    let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let char_at = |byte: usize| byte_of.partition_point(|&b| b < byte);
    let mut rest = Vec::with_capacity(line.len());
    let mut cut = Vec::new();
    let mut cursor = 0;
    for (start, end, name) in ranges {
        let (s, e) = (char_at(start), char_at(end));
        rest.extend_from_slice(&line[cursor..s]);
        cut.push((line[s..e].to_vec(), name));
        cursor = e;
    }
    rest.extend_from_slice(&line[cursor..]);
    (rest, cut)
}

/// For each line, the block rule that takes it, if any: a licence footer to the end of the file,
/// or a run of navigation lines.
fn blocks(lines: &[Line]) -> Vec<Option<&'static str>> {
    let mut taken = vec![None; lines.len()];
    let texts: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
    let opens_footer = |t: &str| {
        let t = t.trim_start();
        FOOTER_STARTS.iter().any(|f| t.starts_with(f))
            || t.starts_with(['©', 'Ⓒ'])
            || t.starts_with("Copyright")
            || t.contains("版权所有")
    };
    let rest_chars =
        |start: usize| -> usize { texts[start..].iter().map(|t| t.chars().count()).sum() };
    if let Some(start) = texts.iter().position(|t| opens_footer(t))
        && rest_chars(start) <= MAX_FOOTER_CHARS
    {
        taken[start..].fill(Some("licence-footer"));
    }
    if let Some(start) = texts
        .iter()
        .position(|t| END_OF_ARTICLE.iter().any(|m| t.trim_start().starts_with(m)))
        && rest_chars(start) <= MAX_AFTER_ARTICLE_CHARS
    {
        for slot in &mut taken[start..] {
            slot.get_or_insert("after-the-article");
        }
    }
    // A page's interface: a line of interface words only (下载 打印 全屏 收藏, 【字号： 加大 还原
    // 减小 】, 相关报道：), when it holds two of them, names a strong one, or stands beside
    // another such line (blank lines between allowed).
    let interface: Vec<Option<(usize, bool)>> = texts
        .iter()
        .map(|t| interface_words(t).or_else(|| menu_line(t).then_some((2, true))))
        .collect();
    let nonblank: Vec<usize> = (0..texts.len())
        .filter(|&i| !texts[i].trim().is_empty())
        .collect();
    for (k, &i) in nonblank.iter().enumerate() {
        let Some((words, strong)) = interface[i] else {
            continue;
        };
        let beside =
            |j: Option<&usize>| j.is_some_and(|&j| interface[j].is_some_and(|(w, _)| w > 0));
        if words >= 2
            || strong
            || beside(k.checked_sub(1).map(|p| &nonblank[p]))
            || beside(nonblank.get(k + 1))
        {
            taken[i].get_or_insert("page-interface");
        }
    }
    // A breadcrumb trail one item per line (首页 / > / 政府信息公开 / > / …), and a label left
    // alone on its line (来源： / 时间：) with the short value on the next.
    let item = |t: &str| {
        let t = t.trim();
        !t.is_empty()
            && t.chars().count() <= NAVIGATION_LINE_CHARS
            && !t.chars().any(crate::chars::ends_sentence)
    };
    for (k, &i) in nonblank.iter().enumerate() {
        let t = texts[i].trim();
        if BREADCRUMB_STARTS.contains(&t) {
            let mut last = k;
            while let (Some(&sep), Some(&next)) = (nonblank.get(last + 1), nonblank.get(last + 2)) {
                if !BREADCRUMB_SEPARATORS.contains(&texts[sep].trim()) || !item(&texts[next]) {
                    break;
                }
                last += 2;
            }
            if last > k {
                for &j in &nonblank[k..=last] {
                    taken[j].get_or_insert("web-navigation");
                }
            }
        }
        if let Some(label) = t.strip_suffix(['：', ':'])
            && PAGE_LABELS.contains(&label)
        {
            taken[i].get_or_insert("web-navigation");
            if let Some(&next) = nonblank.get(k + 1)
                && item(&texts[next])
            {
                taken[next].get_or_insert("web-navigation");
            }
        }
    }
    // A page that shows its title block twice (above and below the breadcrumbs): the second copy
    // goes, line for line while it repeats the first.
    let own: Vec<usize> = nonblank
        .iter()
        .copied()
        .filter(|&i| taken[i].is_none() && texts[i].chars().any(char::is_alphanumeric))
        .take(REPEATED_TITLE_WINDOW)
        .collect();
    if let Some((&first, rest)) = own.split_first()
        && let Some(at) = rest
            .iter()
            .position(|&i| texts[i].trim() == texts[first].trim())
    {
        let repeat = &rest[at..];
        for (&original, &copy) in own.iter().zip(repeat) {
            if texts[original].trim() != texts[copy].trim() || original >= rest[at] {
                break;
            }
            taken[copy].get_or_insert("repeated-title");
        }
    }
    // A menu: many short lines in a row (blank lines and a few longer items among them).
    let short = |t: &str| t.trim().chars().count() <= NAVIGATION_LINE_CHARS;
    let in_menu = |t: &str| {
        let t = t.trim();
        let n = t.chars().count();
        n <= MENU_ITEM_CHARS
            && !t.chars().any(crate::chars::ends_sentence)
            && !t.ends_with(['：', ':'])
            && crate::structure::heading_marker(t).is_none()
            && !TITLE_ENDINGS.iter().any(|e| t.ends_with(e))
    };
    let mut i = 0;
    while i < texts.len() {
        if texts[i].trim().is_empty() || !in_menu(&texts[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut items, mut short_items, mut last) = (0, 0, i);
        while i < texts.len() && in_menu(&texts[i]) {
            if !texts[i].trim().is_empty() {
                items += 1;
                short_items += usize::from(short(&texts[i]));
                last = i;
            }
            i += 1;
        }
        if short_items >= MIN_NAVIGATION_LINES && short_items * 10 >= items * 7 {
            for slot in &mut taken[start..=last] {
                slot.get_or_insert("short-line-block");
            }
        }
        i = last + 1;
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_match_the_samples_furniture() {
        let rules = BoilerplateRules::default();
        // A disclaimer is a span rule: it is cut out of its line (a_disclaimer_inside_…).
        assert_eq!(
            rules.matching("本文系邮箱投稿，仅供学习参考，请勿照搬照抄！"),
            None
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
        assert_eq!(rules.matching("跟贴 201"), Some("web-navigation"));
        assert_eq!(
            rules.matching(
                "全文来了！2025年广东省政府工作报告|大力|重点领域|重点任务|巴黎奥运会_网易订阅"
            ),
            Some("web-title")
        );
        assert_eq!(
            rules.matching("2025-01-19 13:12:40 来源: 广东发布"),
            Some("timestamp")
        );
    }

    fn lines_of(text: &str) -> Vec<Line> {
        let mut at = 0;
        text.lines()
            .map(|l| {
                l.chars()
                    .map(|c| {
                        at += c.len_utf8() as u32;
                        Ch { c, at }
                    })
                    .collect()
            })
            .collect()
    }

    fn kept(text: &str) -> Vec<String> {
        let mut findings = Vec::new();
        drop_lines(lines_of(text), &BoilerplateRules::default(), &mut findings)
            .iter()
            .map(|l| line_text(l))
            .collect()
    }

    #[test]
    fn a_scraped_pages_interface_goes_and_the_document_stays() {
        let page = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n\
                    分享:\n2026年河北省政府工作报告\n——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n\
                    首页\n>\n政府信息公开\n>\n省政府工作报告\n\
                    2026年河北省政府工作报告\n\
                    来源：\n河北日报\n时间：2026-02-02\n\
                    王正谱作政府工作报告。本报记者 霍艳恩摄\n各位代表：\n\
                    现在，我代表省人民政府向大会报告工作。\n一、大力提振消费\n加大消费品以旧换新支持力度。\n\
                    时间：2026年3月5日上午9时\n相关报道：\n";
        assert_eq!(
            kept(page),
            [
                "2026年河北省政府工作报告",
                "——2026年1月26日在河北省第十四届人民代表大会第四次会议上",
                "各位代表：",
                "现在，我代表省人民政府向大会报告工作。",
                "一、大力提振消费",
                "加大消费品以旧换新支持力度。",
                "时间：2026年3月5日上午9时",
            ]
        );
        // Interface words inside the document's own lines are its words.
        assert_eq!(interface_words("加大力度"), None);
        assert_eq!(interface_words("下载 打印 全屏 收藏"), Some((4, false)));
        assert_eq!(interface_words("【打印本页】【关闭窗口】"), Some((2, true)));
        assert_eq!(interface_words("阅读 1234 次"), Some((2, false)));
        assert_eq!(interface_words("【网站地图】【关怀版】"), Some((2, true)));
        assert_eq!(interface_words("手机扫码 | 在手机上打开"), Some((2, true)));
        assert_eq!(interface_words("播放暂停"), Some((2, false)));
        assert_eq!(interface_words("订阅服务"), None);
    }

    #[test]
    fn a_portals_menu_footer_and_record_go_and_the_documents_lines_stay() {
        let page = "首页 | 简 | 繁 | EN | 登录 | 邮箱 | 无障碍\n国务院 总理 新闻 政策 互动 服务 数据 国情\n\
                    索引号：000014349/2024-00021 主题分类：综合政务\n政府工作报告\n\
                    国务院总理 李强\n各位代表：\n现在，我代表国务院向大会报告政府工作。\n\
                    主办单位：省人民政府办公厅\n大会主办单位：省委宣传部。\n相关稿件\n链接：\n\
                    主办单位：国务院办公厅 运行维护单位：中国政府网运行中心\n\
                    网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号\n\
                    技术支持：省大数据中心\n中国政府网\n河北省人民政府门户网站\n";
        assert_eq!(
            kept(page),
            [
                "政府工作报告",
                "国务院总理 李强",
                "各位代表：",
                "现在，我代表国务院向大会报告政府工作。",
                // One label of a notice is the notice's (a footer names two).
                "主办单位：省人民政府办公厅",
                "大会主办单位：省委宣传部。",
            ]
        );
        // Names and a title's words are no menu.
        assert!(!menu_line("张三 李四 王五 赵六 钱七"));
        assert!(!menu_line("中共中央 国务院 关于 深化改革 的 意见"));
        assert!(menu_line("国务院 总理 新闻 政策 互动 服务 数据 国情"));
    }

    #[test]
    fn a_disclaimer_inside_a_paragraph_goes_alone() {
        let paragraph = "全年国内生产总值增长5.2%（文中数据来源：国家统计局，仅供参考学习），居民收入稳步增长。";
        assert_eq!(
            kept(paragraph),
            ["全年国内生产总值增长5.2%，居民收入稳步增长。"]
        );
        let one_line =
            "本文系邮箱投稿，仅供学习参考，请勿照搬照抄！同志们：今天召开全县网信工作会议。";
        assert_eq!(kept(one_line), ["同志们：今天召开全县网信工作会议。"]);
        assert!(kept("本文系邮箱投稿，仅供学习参考，请勿照搬照抄！").is_empty());
    }

    #[test]
    fn licence_footers_and_navigation_go_as_blocks() {
        let text = "各位代表！\n奋斗创造未来。\n本作品是中华人民共和国的\n法律\n、\n法规\n，属于\n公有领域\n。\nPublic domain\nfalse";
        assert_eq!(kept(text), ["各位代表！", "奋斗创造未来。"]);
        let text = "各位代表！\n特别声明：以上内容为自媒体平台用户上传并发布。\n昨晚突发！知名景区的消息\n微野谈写作";
        assert_eq!(kept(text), ["各位代表！"]);
        let menu: Vec<&str> = [
            "网易首页",
            "应用",
            "新闻",
            "体育",
            "NBA",
            "娱乐",
            "财经",
            "股票",
            "汽车",
            "科技",
            "",
            "手机",
            "数码",
        ]
        .to_vec();
        let text = format!(
            "{}\n政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告工作。",
            menu.join("\n")
        );
        assert_eq!(
            kept(&text),
            [
                "政府工作报告",
                "各位代表：",
                "现在，我代表省人民政府，向大会报告工作。"
            ]
        );
    }
}
