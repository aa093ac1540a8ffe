//! Stock phrases: the text of a shared passage (`&str`) + the corpus's frequent shingles
//! ([`FrequentShingles`]) → whether the passage is stock (`Option<Stock>`). A stock passage is
//! text any document of the genre may carry — a slogan, a meeting or agency name, a standard
//! number, a duty line, or a phrase found in many documents — so it is evidence of no particular
//! source: it stays in the passages table with its reason, and is no reuse link, no likely source
//! and no part of a reused share.
//!
//! Rules (ARCHITECTURE.md, "Reuse"):
//! - **Frequent**: at most [`STOCK_MAX_CHARS`] characters, and at least 80% of its shingles occur
//!   in [`FrequentShingles::threshold`] documents or more (5% of the corpus, at least 10, at most
//!   the candidate cap). A long paragraph forwarded to many documents is diffusion, not stock.
//! - **Names**: every piece between punctuation marks is name-like: a lexicon term (with at most
//!   a fifth of other characters, such as the verb in 推进国家治理体系和治理能力现代化), an
//!   organisation (市工业和信息化局), a meeting (第十五次全国代表大会), a programme
//!   (国家重点研发计划重点专项), a title inside 《》, a standard number (GB/T38872-2020), a duty
//!   label (责任单位) or a piece without Han characters.
//!
//! Numbers and ordinals must agree for text to count as the same; that is decided when passages
//! are found (`align::passages` never bridges a changed numeral).

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::sync::OnceLock;

/// Why a passage is stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stock {
    /// Its text is found in many documents of the corpus.
    Frequent,
    /// It is made only of names, terms, numbers and labels.
    Names,
}

impl Stock {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Frequent => "frequent",
            Self::Names => "names",
        }
    }
}

/// Longest passage, in characters, that can be stock by frequency alone.
pub const STOCK_MAX_CHARS: usize = 64;

/// Share of a passage's shingles that must be frequent for it to be stock.
const FREQUENT_SHARE: f64 = 0.8;

/// The shingles that occur in at least `threshold` documents.
#[derive(Debug, Clone, Default)]
pub struct FrequentShingles {
    pub threshold: usize,
    pub hashes: FxHashSet<u64>,
}

impl FrequentShingles {
    /// The document frequency from which a shingle is stock in a corpus of `documents`:
    /// 5% of them, at least 10, at most `cap` (the candidate index's cap). Fewer would take a
    /// provincial sentence that four counties carried over for a stock phrase.
    pub fn threshold_for(documents: usize, cap: usize) -> usize {
        (documents / 20).max(10).min(cap.max(10))
    }
}

/// Whether the passage `text` (found in two documents) is stock, and why.
pub fn classify(text: &str, frequent: &FrequentShingles, shingle: usize) -> Option<Stock> {
    if is_names_only(text) {
        return Some(Stock::Names);
    }
    if text.chars().count() <= STOCK_MAX_CHARS && is_frequent(text, frequent, shingle) {
        return Some(Stock::Frequent);
    }
    None
}

fn is_frequent(text: &str, frequent: &FrequentShingles, shingle: usize) -> bool {
    if frequent.hashes.is_empty() {
        return false;
    }
    let hashes = super::shingles(text, shingle);
    if hashes.is_empty() {
        return false;
    }
    let common = hashes
        .iter()
        .filter(|h| frequent.hashes.contains(h))
        .count();
    common as f64 >= FREQUENT_SHARE * hashes.len() as f64
}

/// The pieces of a passage between punctuation marks, each with whether it sat inside 《》.
/// A passage may start inside a title: what comes before a 》 without its 《 is a title too.
fn pieces(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut piece = String::new();
    let mut in_title = false;
    let mut title_piece = false;
    let mut opened = false;
    for c in text.chars() {
        let separates = c.is_whitespace()
            || crate::chars::is_cjk_punct(c)
            || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '!' | '?');
        if !separates {
            if piece.is_empty() {
                title_piece = in_title;
            }
            piece.push(c);
            continue;
        }
        if !piece.is_empty() {
            out.push((std::mem::take(&mut piece), title_piece));
        }
        match c {
            '《' => {
                in_title = true;
                opened = true;
            }
            '》' => {
                if !opened {
                    out.iter_mut().for_each(|p| p.1 = true);
                }
                in_title = false;
                opened = true;
            }
            _ => {}
        }
    }
    if !piece.is_empty() {
        out.push((piece, title_piece));
    }
    out
}

/// Whether every piece of `text` is name-like (and one is); a piece of one character is the cut
/// end of a name (…、市).
pub fn is_names_only(text: &str) -> bool {
    if is_standard_title(text) {
        return true;
    }
    let pieces = pieces(text);
    let named: Vec<&(String, bool)> = pieces
        .iter()
        .filter(|(p, _)| p.chars().count() > 1)
        .collect();
    !named.is_empty()
        && named
            .iter()
            .all(|(piece, in_title)| *in_title || is_name_like(piece))
}

/// Endings of organisation names (the longest first is not needed: any match will do).
const ORGANISATION_ENDINGS: &[&str] = &[
    "局",
    "厅",
    "委",
    "委员会",
    "办公室",
    "办公厅",
    "办",
    "部",
    "院",
    "中心",
    "政府",
    "集团",
    "公司",
    "银行",
    "协会",
    "学会",
    "研究所",
    "大学",
    "学院",
    "署",
    "处",
    "馆",
    "站",
    "队",
    "社",
    "联合会",
    "管委会",
    "党委",
    "党组",
    "总工会",
    "法院",
    "检察院",
];
/// Endings of meeting names.
const MEETING_ENDINGS: &[&str] = &["大会", "全会", "会议", "论坛", "博览会", "座谈会"];
/// Endings of programme names and of standards' titles.
const PROGRAMME_ENDINGS: &[&str] = &[
    "专项",
    "计划",
    "工程",
    "通用要求",
    "技术要求",
    "技术规范",
    "通用规范",
    "试验方法",
    "测试方法",
];
/// Labels of duty lines and contact lines.
const LABELS: &[&str] = &[
    "责任单位",
    "牵头单位",
    "配合单位",
    "参与单位",
    "责任部门",
    "牵头部门",
    "配合部门",
    "主办单位",
    "承办单位",
    "协办单位",
    "联系人",
    "联系电话",
    "抄送",
    "主送",
];
/// Longest piece, in characters, read as one name.
const MAX_NAME_CHARS: usize = 24;

fn is_name_like(piece: &str) -> bool {
    let chars = piece.chars().count();
    if crate::chars::han_count(piece) == 0 || is_standard_number(piece) {
        return true;
    }
    if LABELS.contains(&piece) {
        return true;
    }
    let ends = |endings: &[&str]| endings.iter().any(|e| piece.ends_with(e));
    if (3..=MAX_NAME_CHARS).contains(&chars)
        && (ends(ORGANISATION_ENDINGS) || ends(MEETING_ENDINGS) || ends(PROGRAMME_ENDINGS))
    {
        return true;
    }
    is_lexicon_terms(piece)
}

/// Whether `piece` is lexicon terms with at most a fifth (at least 2) of other characters.
fn is_lexicon_terms(piece: &str) -> bool {
    static TERMS: OnceLock<AhoCorasick> = OnceLock::new();
    let terms = TERMS.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(
                crate::words::domain_lexicon()
                    .into_iter()
                    .filter(|t| t.chars().count() >= 2),
            )
            .expect("the lexicon builds an automaton")
    });
    let total = piece.chars().count();
    let mut in_terms = 0;
    for m in terms.find_iter(piece) {
        in_terms += piece[m.start()..m.end()].chars().count();
    }
    in_terms > 0 && total - in_terms <= (total / 5).max(2)
}

/// A standard's title, its parts set apart by spaces: 智能制造 机器视觉在线检测系统 通用要求.
fn is_standard_title(text: &str) -> bool {
    static TITLE: OnceLock<regex::Regex> = OnceLock::new();
    TITLE
        .get_or_init(|| {
            regex::Regex::new(
                r"^[\p{Han}A-Za-z0-9]+(?: [\p{Han}A-Za-z0-9]+){1,3}(?:要求|规范|方法|指南|导则|规程|术语)$",
            )
            .expect("a valid pattern")
        })
        .is_match(text.trim())
}

/// GB/T 38872-2020, GB 50016—2014, DB37/T 1234-2021: letters, an optional /T, a number, a year.
fn is_standard_number(piece: &str) -> bool {
    static STANDARD: OnceLock<regex::Regex> = OnceLock::new();
    STANDARD
        .get_or_init(|| {
            regex::Regex::new(r"^[A-Z]{1,4}\d*(/[A-Z]{1,2})?\s*\d+(\.\d+)*\s*[-—–－]\s*\d{4}$")
                .expect("a valid pattern")
        })
        .is_match(piece)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_terms_numbers_and_duty_lines_are_stock() {
        for text in [
            "推进国家治理体系和治理能力现代化",
            "责任单位：市工业和信息化局、市发展改革委、市财政局",
            "中国共产党第十五次全国代表大会",
            "国家重点研发计划重点专项",
            "《中华人民共和国安全生产法》",
            "GB/T38872-2020",
            // Cut from a longer passage: inside titles, and a name cut short.
            "中华人民共和国安全生产法》《中华人民共和国",
            "智能工厂 安全控制要求》、GB/T",
            "责任单位：市委组织部、市人力资源社会保障局、市教育局、市",
            "智能制造 机器视觉在线检测系统 通用要求",
        ] {
            assert_eq!(
                classify(text, &FrequentShingles::default(), 8),
                Some(Stock::Names),
                "{text}"
            );
        }
        // A verb before a title is content of its own.
        assert!(!is_names_only("依据《中华人民共和国安全生产法》"));
    }

    #[test]
    fn prose_is_not_stock() {
        for text in [
            "全面推进乡村振兴，加快建设农业强省，确保粮食播种面积稳定在一千万亩以上",
            "新建改建农村公路一千二百公里，完成危桥改造三十座",
        ] {
            assert_eq!(
                classify(text, &FrequentShingles::default(), 8),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn a_short_phrase_in_many_documents_is_stock_and_a_long_one_is_not() {
        let phrase = "坚持以人民为中心的发展思想，办好民生实事";
        let long = phrase.repeat(4);
        let frequent = FrequentShingles {
            threshold: 10,
            hashes: super::super::shingles(&long, 8).into_iter().collect(),
        };
        assert_eq!(classify(phrase, &frequent, 8), Some(Stock::Frequent));
        assert_eq!(classify(&long, &frequent, 8), None);
    }

    #[test]
    fn thresholds_follow_the_corpus_size() {
        assert_eq!(FrequentShingles::threshold_for(4, 100), 10);
        assert_eq!(FrequentShingles::threshold_for(221, 100), 11);
        assert_eq!(FrequentShingles::threshold_for(1000, 100), 50);
        assert_eq!(FrequentShingles::threshold_for(10_000, 100), 100);
    }
}
