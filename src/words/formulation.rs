//! Formulations (提法): normalized text (`&str`) and its word boundaries → [`Formulation`] spans.
//!
//! Two steps, because a numbered formula must end where a word ends:
//! 1. [`bracketed`] finds quoted phrases (“…”, 「…」, 『…』) and 《…》 titles on the raw text, before
//!    segmentation, so that the segmenter never splits them;
//! 2. [`numbered_and_paired`] finds numbered formulas (十个坚持, 四个现代化, 三大攻坚战, 二十大, 十四五)
//!    and paired slogans (六强化、六提升, 大众创业、万众创新) over the tokens of the segmenter, so
//!    that each ends on a word boundary of the segmentation with the domain lexicon and the user's
//!    dictionaries: 坚持四个现代化建设 gives 四个现代化, never 四个现代 | 化.
//!
//! Lexicon slogans (供给侧结构性改革, 新发展理念 …, marked `提法` in `data/lexicon.txt`) are
//! formulations of their own kind; the segmenter marks them ([`FormulationKind::Slogan`]).

use crate::chars::is_han;
use crate::structure::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormulationKind {
    /// 《网络安全法》: the title without its brackets.
    Title,
    /// 十个坚持, 四个现代化, 三大攻坚战, 二十大, 六强化、六提升.
    Numbered,
    /// Parallel clauses without a shared numeral: 大众创业、万众创新.
    Paired,
    /// A term of the domain lexicon marked as a slogan: 新发展理念.
    Slogan,
    /// “紫塞净网”: the phrase without its quotes.
    Quoted,
    /// A multi-word phrase used across documents, quoted or not (全国统一大市场, 低空经济), found
    /// by corpus statistics (`stats::grid::recurrent_phrases`).
    Recurrent,
}

impl FormulationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Numbered => "numbered",
            Self::Paired => "paired",
            Self::Slogan => "slogan",
            Self::Quoted => "quoted",
            Self::Recurrent => "recurrent",
        }
    }

    /// Which kind a formulation found in several ways is listed under: what it is (a numbered
    /// formula, a slogan) before how it was written (in quotes).
    pub fn rank(self) -> u8 {
        match self {
            Self::Numbered => 0,
            Self::Slogan => 1,
            Self::Paired => 2,
            Self::Title => 3,
            Self::Quoted => 4,
            Self::Recurrent => 5,
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
/// Least Han characters of a quoted formulation: “左”, “好”, “度” are words in quotes.
pub const MIN_QUOTED_HAN: usize = 2;
/// Longest noun after a numeral and its classifier (四个 | 现代化, 三大 | 标志性战役), in characters.
const MAX_NOUN_CHARS: usize = 6;

static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"“([^“”。！？；\n]{1,60})”|「([^「」。！？；\n]{1,60})」|『([^『』。！？；\n]{1,60})』",
    )
    .unwrap()
});
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").unwrap());
/// A numeral and a classifier: the head of a numbered formula (四个, 三大, 两项). Not 一 (一个,
/// 一批 are the indefinite article: 一个新的水平, 一批重大项目) and not numbers above ten (十九个建设
/// 项目 counts things; 十九大 is a congress, found by [`CONGRESS_OR_PLAN`]).
/// Classifiers after a numeral that open a numbered formula.
const CLASSIFIERS: &str = "个项场条种张支位大件批篇";
static NUMBERED_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[二三四五六七八九十]|两)(?:个|项|场|条|种|张|支|位|大|件|批|篇)").unwrap()
});
/// Party congresses and plenums (二十大, 十八大, 十九届四中全会) and five-year plans (十四五): numbered
/// references that date a text and spread from level to level like any formula.
static CONGRESS_OR_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:十[一二三四五六七八九]|二十[一二三]?)届[一二三四五六七八九]中全会|(?:十[一二三四五六七八九]|二十[一二三]?)大|十[一二三四五六七八九]五")
        .unwrap()
});
/// Two clauses opened by the same numeral: 六强化、六提升; 两手抓、两手都要硬.
static NUMERAL_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([一二三四五六七八九十两])(\p{Han}{1,4})、([一二三四五六七八九十两])(\p{Han}{1,4})",
    )
    .unwrap()
});
/// Two four-character clauses: 大众创业、万众创新 (checked for parallelism in [`is_parallel`]).
static FOUR_PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}{4}、\p{Han}{4}").unwrap());

/// Counted phrases whose noun is ordinary prose, not a formula: 三个方面, 两项议程, 三个月的.
const GENERIC_NOUNS: &[&str] = &[
    "方面",
    "议程",
    "问题",
    "部分",
    "阶段",
    "环节",
    "层面",
    "领域",
    "维度",
    "单位",
    "部门",
    "地方",
    "地区",
    "国家",
    "项目",
    "小时",
    "工作",
    "时期",
    "重点",
    "任务",
    "措施",
    "同志",
    "会议",
    "文件",
    "事项",
    "指标",
    "条件",
    "因素",
    "城市",
    "省份",
    "县市",
    "企业",
    "公司",
    "国家级",
    "百分点",
    "工业单位",
    "年度",
    "世纪",
    "星期",
    "季度",
    "多月",
    "月份",
    "代表",
    "成员",
    "委员",
];
/// A noun never starts with these: 三个月的, 两项以上, 四十三种提前.
const NOT_A_NOUN_START: &str = "月年日天周多以来人次的了和在是对与及为要把将从向于等万千百亿不很较最更非极所这那什必可值真既能有也就都还又同跟向比数或";
/// Nouns ending so name things that are counted, not formulas: 三个棉纺织厂, 十个水泥厂, 八个工业部,
/// 五大露天矿, 四个大型水库, 两位副总理, 十个职工; nor does a formula end in 的 (两个大的).
const THINGS_COUNTED: &str = "厂矿站库港部院校田所局处室馆场队员工人理的";
/// A numbered formula never starts right after these: 第六个五年计划, 一百五十六个, 每两个.
const NOT_BEFORE_A_FORMULA: &str = "第一二三四五六七八九十百千万亿零〇两每前后这那几";
/// Quotes opened after these are names given to someone, not formulations: 被誉为“当代愚公”.
const NICKNAME_CUES: &[&str] = &[
    "誉为", "称为", "称作", "叫做", "号称", "绰号", "外号", "昵称",
];

/// Quoted phrases and 《titles》 of `text`, without overlaps, in text order: the spans cut out
/// before segmentation. Quotes are kept when they hold at least [`MIN_QUOTED_HAN`] Han characters,
/// at most [`MAX_QUOTED_CHARS`] characters, and do not name a person (被誉为“…”).
pub fn bracketed(text: &str) -> Vec<Formulation> {
    let mut found = Vec::new();
    for caps in TITLE.captures_iter(text) {
        push(
            &mut found,
            caps.get(1).expect("group"),
            FormulationKind::Title,
        );
    }
    for caps in QUOTED.captures_iter(text) {
        let inner = (1..=3)
            .find_map(|g| caps.get(g))
            .expect("one alternative matches");
        let s = inner.as_str();
        let han = s.chars().filter(|&c| is_han(c)).count();
        if han >= MIN_QUOTED_HAN
            && s.chars().count() <= MAX_QUOTED_CHARS
            && !is_a_count(s)
            && !names_someone(text, caps.get(0).expect("group 0").start())
        {
            push(&mut found, inner, FormulationKind::Quoted);
        }
    }
    sort_and_drop_overlaps(found)
}

/// A number with its classifier in quotes (“一百五十六项”) counts things; it is no formulation.
fn is_a_count(quoted: &str) -> bool {
    let core = quoted.trim_end_matches(|c: char| CLASSIFIERS.contains(c));
    core.len() < quoted.len() && crate::chars::is_han_number(core)
        || crate::chars::is_han_number(quoted)
}

fn names_someone(text: &str, quote_start: usize) -> bool {
    let before = &text[..quote_start];
    NICKNAME_CUES.iter().any(|cue| before.ends_with(cue))
}

/// What the segmenter knows of words: jieba's part-of-speech tag and which dictionaries hold
/// them. The rules below read only this, so they are tested with a hand-made lexicon.
pub trait Lexicon {
    /// The tag of `word` when it is one word of a dictionary (`""` for a lexicon or user term
    /// given none).
    fn tag(&self, word: &str) -> Option<String>;
    /// A word of the segmenter's dictionary (基本原则).
    fn is_word(&self, word: &str) -> bool;
    /// A term of the domain lexicon or of a user dictionary (四个现代化, 五个一).
    fn is_own_term(&self, word: &str) -> bool;
}

fn tag_is(lexicon: &dyn Lexicon, word: &str, test: impl Fn(&str) -> bool) -> bool {
    lexicon.tag(word).is_some_and(|t| test(&t))
}

/// A noun, a verbal noun, or a lexicon term (which has no tag): what may close a numbered formula.
fn is_noun(lexicon: &dyn Lexicon, word: &str) -> bool {
    tag_is(lexicon, word, |t| {
        t.is_empty() || t.starts_with('n') || t == "vn" || t == "x"
    })
}

/// A noun proper of jieba's dictionary (n, nr, ns, nt, nz), not a lexicon term: what a list of
/// things is made of.
fn is_plain_noun(lexicon: &dyn Lexicon, word: &str) -> bool {
    !lexicon.is_own_term(word) && tag_is(lexicon, word, |t| t.starts_with('n'))
}

/// The word boundaries the segmenter found, as byte offsets: where each token starts and ends.
pub trait Boundaries {
    fn is_boundary(&self, at: usize) -> bool;
    /// Boundaries after `from`, in order, up to `limit` (a byte offset).
    fn after(&self, from: usize, limit: usize) -> Vec<usize>;
}

impl Boundaries for [usize] {
    fn is_boundary(&self, at: usize) -> bool {
        self.binary_search(&at).is_ok()
    }
    fn after(&self, from: usize, limit: usize) -> Vec<usize> {
        let i = self.partition_point(|&b| b <= from);
        self[i..]
            .iter()
            .copied()
            .take_while(|&b| b <= limit)
            .collect()
    }
}

/// Numbered formulas and paired slogans of `text` that start and end on `boundaries`, outside
/// the `taken` spans (the quotes and titles already cut out), in text order without overlaps.
pub fn numbered_and_paired(
    text: &str,
    boundaries: &[usize],
    taken: &[Formulation],
    lexicon: &dyn Lexicon,
) -> Vec<Formulation> {
    let free = |span: Span| {
        !taken
            .iter()
            .any(|t| span.start < t.span.end && t.span.start < span.end)
    };
    let mut found = Vec::new();
    for span in numeral_pairs(text, boundaries) {
        found.push(Formulation {
            span,
            kind: FormulationKind::Numbered,
        });
    }
    for m in CONGRESS_OR_PLAN.find_iter(text) {
        if !after_a_number(text, m.start()) {
            found.push(Formulation {
                span: Span::new(m.start(), m.end()),
                kind: FormulationKind::Numbered,
            });
        }
    }
    for m in NUMBERED_HEAD.find_iter(text) {
        if let Some(span) = numbered_formula(text, m.start(), m.end(), boundaries, lexicon) {
            found.push(Formulation {
                span,
                kind: FormulationKind::Numbered,
            });
        }
    }
    for span in four_character_pairs(text, boundaries, lexicon) {
        found.push(Formulation {
            span,
            kind: FormulationKind::Paired,
        });
    }
    found.retain(|f| free(f.span));
    sort_and_drop_overlaps(found)
}

fn push(found: &mut Vec<Formulation>, m: regex::Match<'_>, kind: FormulationKind) {
    found.push(Formulation {
        span: Span::new(m.start(), m.end()),
        kind,
    });
}

/// Whether the character before `start` continues a number or makes the numeral an ordinal
/// (第六个五年计划, 一百五十六个工业单位, 二十大 inside 一百二十大).
fn after_a_number(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| NOT_BEFORE_A_FORMULA.contains(c) || c.is_ascii_digit())
}

/// The numbered formula whose numeral and classifier are `start..head_end`: the head and the
/// words after it, up to the first word boundary that gives the noun two characters or more; a
/// two-character or attributive noun (基本, 标志性) takes the noun after it too (四项基本原则,
/// 三大标志性战役). Kept when the noun is a formula's (not 三个方面, not 两项以上) and no longer than
/// [`MAX_NOUN_CHARS`].
fn numbered_formula(
    text: &str,
    start: usize,
    head_end: usize,
    bounds: &[usize],
    lexicon: &dyn Lexicon,
) -> Option<Span> {
    if after_a_number(text, start) || !bounds.is_boundary(start) {
        return None;
    }
    // A word of the dictionary that swallows the classifier (两位数) is not a formula's head,
    // unless it is a term of the lexicon or the user's (四个现代化, 五个一).
    if !bounds.is_boundary(head_end) {
        let word_end = bounds.after(head_end, text.len()).first().copied()?;
        let word = &text[start..word_end];
        if lexicon.is_own_term(word) {
            return Some(Span::new(start, word_end));
        }
        if tag_is(lexicon, word, |t| t.starts_with('m')) {
            return None;
        }
    }
    let limit = text[head_end..]
        .char_indices()
        .nth(MAX_NOUN_CHARS)
        .map_or(text.len(), |(i, _)| head_end + i);
    let ends = bounds.after(head_end, limit);
    let k = ends
        .iter()
        .position(|&b| text[head_end..b].chars().count() >= 2)?;
    let mut end = ends[k];
    let noun = &text[head_end..end];
    if let Some(&next) = ends.get(k + 1) {
        let word = &text[end..next];
        let joined = &text[head_end..next];
        // 五项原则基础上: a place word closes a phrase the formula is only part of.
        let then_place = text[next..].starts_with(['上', '中', '下']);
        let attributive = noun.ends_with(['性', '型', '式'])
            || (noun.chars().count() == 2 && !then_place)
            || lexicon.is_word(joined);
        if attributive
            && word.chars().count() >= 2
            && word.chars().all(is_han)
            && is_noun(lexicon, word)
        {
            end = next;
        }
    }
    let noun = &text[head_end..end];
    // 三大攻坚战, 十大行动; not 党的十大提出 (the tenth congress, then a verb).
    let big_then_verb =
        text[..head_end].ends_with('大') && tag_is(lexicon, &text[head_end..ends[k]], |t| t == "v");
    (noun.chars().all(is_han) && is_formula_noun(noun) && !big_then_verb)
        .then(|| Span::new(start, end))
}

fn is_formula_noun(noun: &str) -> bool {
    let first = noun.chars().next().expect("two characters");
    let last = noun.chars().next_back().expect("two characters");
    !GENERIC_NOUNS.iter().any(|g| noun.starts_with(g))
        && !NOT_A_NOUN_START.contains(first)
        && !THINGS_COUNTED.contains(last)
}

/// 六强化、六提升 and 两手抓、两手都要硬: the same numeral opens both clauses. The second clause
/// runs to the punctuation after it when that is near, else as long as the first.
fn numeral_pairs(text: &str, bounds: &[usize]) -> Vec<Span> {
    let mut spans = Vec::new();
    for caps in NUMERAL_PAIR.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if caps[1] != caps[3] || after_a_number(text, whole.start()) {
            continue;
        }
        // 二十大、二十届: the numeral is part of a larger number.
        if caps[2].starts_with(crate::chars::is_cn_numeral) {
            continue;
        }
        // 一种腔调、一种风格: 一 and a classifier are the indefinite article.
        if &caps[1] == "一" && caps[2].starts_with(|c: char| CLASSIFIERS.contains(c)) {
            continue;
        }
        if crate::chars::is_han_number(&whole.as_str().replace('、', "")) {
            continue;
        }
        let first_len = caps[2].chars().count();
        let second = caps.get(4).expect("group 4");
        // 两手抓、两手都要硬的方针: the clause runs to a particle or punctuation.
        let to_punct = !text[second.end()..]
            .chars()
            .next()
            .is_some_and(|c| is_han(c) && c != '的');
        let end = if to_punct {
            second.end()
        } else {
            match second.as_str().char_indices().nth(first_len) {
                Some((i, _)) => second.start() + i,
                None => second.end(),
            }
        };
        if bounds.is_boundary(whole.start()) && bounds.is_boundary(end) {
            spans.push(Span::new(whole.start(), end));
        }
    }
    spans
}

/// 大众创业、万众创新: two four-character clauses sharing their second character and nothing at
/// their end, standing alone (not one item of a longer 、 list), each on word boundaries, and each
/// a clause rather than nouns only (not 二氧化硫、氮氧化物, 行业协会、产业联盟, 直属机关、部属高校).
fn four_character_pairs(text: &str, bounds: &[usize], lexicon: &dyn Lexicon) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(m) = FOUR_PAIR.find_at(text, from) {
        let (start, end) = (m.start(), m.end());
        // Overlapping candidates: try the next character too.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let alone = before != Some('、') && after != Some('、');
        let (left, right) = m.as_str().split_once('、').expect("pattern has 、");
        let middle = left.len();
        let nouns_only = |from: usize, to: usize| {
            let mut cuts = vec![from];
            cuts.extend(bounds.after(from, to));
            cuts.windows(2)
                .all(|w| is_plain_noun(lexicon, &text[w[0]..w[1]]))
        };
        let a_list =
            nouns_only(start, start + middle) || nouns_only(start + middle + '、'.len_utf8(), end);
        if alone
            && !a_list
            && is_parallel(left, right)
            && bounds.is_boundary(start)
            && bounds.is_boundary(end)
            && bounds.is_boundary(start + middle)
        {
            spans.push(Span::new(start, end));
            from = end;
        }
    }
    spans
}

fn is_parallel(left: &str, right: &str) -> bool {
    let l: Vec<char> = left.chars().collect();
    let r: Vec<char> = right.chars().collect();
    l[1] == r[1] && l[0] != r[0] && l[2..] != r[2..] && l[3] != r[3]
}

/// Keeps the earliest-starting, longest formulation where spans overlap.
fn sort_and_drop_overlaps(mut found: Vec<Formulation>) -> Vec<Formulation> {
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end), f.kind.rank()));
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

    fn quoted(text: &str) -> Vec<&str> {
        bracketed(text).iter().map(|f| f.span.of(text)).collect()
    }

    #[test]
    fn quotes_and_titles() {
        assert_eq!(quoted("明确了“十个坚持”重要原则"), ["十个坚持"]);
        assert_eq!(quoted("贯彻实施《网络安全法》等法律法规"), ["网络安全法"]);
        assert_eq!(
            quoted("实行「三反」「五反」运动和『百花齐放』方针"),
            ["三反", "五反", "百花齐放"]
        );
        assert!(quoted("反对“左”的错误，着重“好”和“省”").is_empty());
        assert!(quoted("被誉为“当代愚公”的老工人").is_empty());
        assert!(quoted("苏联援助的“一百五十六项”工程").is_empty());
        let long = "“举旗帜聚民心、防保险保安全、强治理惠民生、增动能促发展、谋合作图共赢”";
        assert!(quoted(long).is_empty());
    }

    /// Boundaries of a hand-segmented text: pieces joined by `|`.
    fn segmented(pieces: &str) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut bounds = vec![0];
        for piece in pieces.split('|') {
            text.push_str(piece);
            bounds.push(text.len());
        }
        (text, bounds)
    }

    /// The few words the tests need, tagged as jieba tags them.
    struct HandLexicon;

    const TAGGED: &[(&str, &str)] = &[
        ("原则", "n"),
        ("基本原则", "n"),
        ("战役", "n"),
        ("工程", "n"),
        ("二氧化硫", "n"),
        ("氮氧化物", "n"),
        ("行业", "n"),
        ("协会", "n"),
        ("产业", "n"),
        ("联盟", "n"),
        ("大众", "n"),
        ("万众", "n"),
        ("提出", "v"),
        ("两位数", "m"),
    ];
    const OWN_TERMS: &[&str] = &["五个一", "两个所有"];

    impl Lexicon for HandLexicon {
        fn tag(&self, word: &str) -> Option<String> {
            if OWN_TERMS.contains(&word) {
                return Some(String::new());
            }
            TAGGED
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, t)| t.to_string())
        }
        fn is_word(&self, word: &str) -> bool {
            self.tag(word).is_some()
        }
        fn is_own_term(&self, word: &str) -> bool {
            OWN_TERMS.contains(&word)
        }
    }

    fn numbered(pieces: &str) -> Vec<String> {
        let (text, bounds) = segmented(pieces);
        numbered_and_paired(&text, &bounds, &[], &HandLexicon)
            .iter()
            .map(|f| f.span.of(&text).to_string())
            .collect()
    }

    #[test]
    fn numbered_formulas_end_on_a_word_boundary() {
        assert_eq!(numbered("坚持|四个|现代化|建设"), ["四个现代化"]);
        assert_eq!(numbered("坚持|四项|基本原则"), ["四项基本原则"]);
        assert_eq!(numbered("坚持|四项|基本|原则"), ["四项基本原则"]);
        assert_eq!(numbered("坚持|四项|基本|原则|基础"), ["四项基本原则"]);
        assert_eq!(numbered("打赢|三大|标志性|战役"), ["三大标志性战役"]);
        assert_eq!(numbered("打好|六场|硬仗|提供|保障"), ["六场硬仗"]);
        assert_eq!(numbered("实施|五个|一|工程"), ["五个一工程"]);
        assert_eq!(numbered("实施|五个一|工程"), ["五个一"]);
        assert_eq!(numbered("实施|五个一工程|。"), ["五个一工程"]);
        assert_eq!(numbered("坚持|两个所有|。"), ["两个所有"]);
        assert!(numbered("保持|两位数|增长").is_empty());
        assert_eq!(numbered("和平共处|五项|原则|基础|上"), ["五项原则"]);
        assert!(numbered("建成|三个|棉纺织厂").is_empty());
        assert_eq!(numbered("打好|三大|攻坚战|。"), ["三大攻坚战"]);
        assert_eq!(numbered("坚决|做到|两个|维护"), ["两个维护"]);
        assert_eq!(numbered("明确|“|十个|坚持|”"), ["十个坚持"]);
    }

    #[test]
    fn numbered_formulas_never_start_inside_a_number() {
        assert!(numbered("第|六个|五年计划").is_empty());
        assert!(numbered("一百五十|六个|工业|单位").is_empty());
        assert!(numbered("第五条|第一|项").is_empty());
        assert!(numbered("四十|三种|提前").is_empty());
        assert!(numbered("一百|二十大|项").is_empty());
        assert!(numbered("我|讲|三个|方面|的|意见").is_empty());
        assert!(numbered("达到|一个|新的|水平").is_empty());
        assert!(numbered("建设|十九个|建设|项目").is_empty());
        assert!(numbered("两种|不同|的|意见").is_empty());
        assert!(numbered("党的|十大|提出").is_empty());
        assert_eq!(numbered("党的|十九大|精神"), ["十九大"]);
        assert!(numbered("还有|不到|三个|月|的|时间").is_empty());
    }

    #[test]
    fn congresses_plans_and_pairs() {
        assert_eq!(
            numbered("党的|十八大|以来|，|十九届四中全会|，|十四五|时期"),
            ["十八大", "十九届四中全会", "十四五"]
        );
        assert_eq!(
            numbered("按照|六|强化|、|六|提升|网信|工作"),
            ["六强化、六提升"]
        );
        assert_eq!(
            numbered("坚持|两手|抓|、|两手|都|要|硬|。"),
            ["两手抓、两手都要硬"]
        );
        assert_eq!(
            numbered("坚持|两手|抓|、|两手|都|要|硬|的|方针"),
            ["两手抓、两手都要硬"]
        );
        assert!(numbered("一九八一|、|一九八二|年").is_empty());
        assert!(numbered("形成|一种|腔调|、|一种|风格|。").is_empty());
        assert_eq!(
            numbered("坚持|一手|抓|繁荣|、|一手|抓|管理|，"),
            ["一手抓繁荣、一手抓管理"]
        );
        assert_eq!(
            numbered("推动|大众|创业|、|万众|创新|，"),
            ["大众创业、万众创新"]
        );
        assert!(numbered("加强|领导|、|加大|投入|，").is_empty());
        assert!(numbered("农村|改革|、|城市|改革|，").is_empty());
        assert!(numbered("工业|农业|、|交通|运输|、|邮电|通信").is_empty());
        assert!(numbered("减少|二氧化硫|、|氮氧化物|排放").is_empty());
        assert!(numbered("发挥|行业|协会|、|产业|联盟|作用").is_empty());
        assert!(
            numbered("学习|二十大|、|二十届|二中全会")
                .iter()
                .all(|f| !f.contains('、'))
        );
        assert!(numbered("采用|两种|或|两种|以上").is_empty());
    }
}
